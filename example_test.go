package leads_test

import (
	"context"
	"errors"
	"fmt"
	"log"
	"time"

	"github.com/leadkit/leads"
	"github.com/leadkit/leads/storage/memory"
)

// exampleBook returns a Book over an empty memory store whose clock always
// reads 27 November 2026, 09:00 UTC.
func exampleBook() *leads.Book {
	now := time.Date(2026, 11, 27, 9, 0, 0, 0, time.UTC)
	return leads.New(memory.New(), leads.WithClock(leads.ClockFunc(func() time.Time { return now })))
}

func ExampleBook_Create() {
	ctx := leads.WithActor(context.Background(), "alice")
	book := exampleBook()

	l, err := book.Create(ctx, &leads.Lead{
		FullName: "Dr. Ada M. Lovelace Jr.",
		Company:  "Analytical Engines",
		Emails:   []leads.Email{{Address: "ada@example.com"}},
	})
	if err != nil {
		log.Fatal(err)
	}
	fmt.Printf("title %q, first %q, middle %q, last %q, suffix %q\n",
		l.Title, l.FirstName, l.MiddleName, l.LastName, l.Suffix)
	fmt.Println("file as:", l.FileAs)
	fmt.Println("choices:", l.FileAsChoices())
	fmt.Println("status:", l.Status, "version:", l.Version)
	fmt.Println("created:", l.CreatedAt.Format(time.RFC3339), "by", l.CreatedBy)

	_, err = book.Create(ctx, &leads.Lead{FullName: "  "})
	fmt.Println(err, errors.Is(err, leads.ErrInvalid))
	// Output:
	// title "Dr.", first "Ada", middle "M.", last "Lovelace", suffix "Jr."
	// file as: Lovelace, Ada
	// choices: [Lovelace, Ada Ada Lovelace Analytical Engines Lovelace, Ada (Analytical Engines) Analytical Engines (Lovelace, Ada)]
	// status: new version: 1
	// created: 2026-11-27T09:00:00Z by alice
	// leads: full_name: is required true
}

func ExampleParseName() {
	for _, s := range []string{"Dr. Ada M. Lovelace Jr.", "Lovelace, Ada", "Ludwig van Beethoven", "Пётр Ильич Чайковский"} {
		n := leads.ParseName(s)
		fmt.Printf("%s: first %q, middle %q, last %q\n", s, n.First, n.Middle, n.Last)
	}
	// Output:
	// Dr. Ada M. Lovelace Jr.: first "Ada", middle "M.", last "Lovelace"
	// Lovelace, Ada: first "Ada", middle "", last "Lovelace"
	// Ludwig van Beethoven: first "Ludwig", middle "", last "van Beethoven"
	// Пётр Ильич Чайковский: first "Пётр", middle "Ильич", last "Чайковский"
}

func ExampleQuery() {
	ctx := context.Background()
	book := exampleBook()
	for _, l := range []*leads.Lead{
		{FullName: "Ada Lovelace", Company: "Analytical Engines", Score: leads.ManualScore(5)},
		{FullName: "Charles Babbage", Company: "Analytical Engines", Score: leads.ManualScore(3)},
		{FullName: "Grace Hopper", Company: "US Navy", Score: leads.ManualScore(4)},
		{FullName: "Zoë Ångström", Company: "Nordic Optics", Score: leads.ManualScore(4)},
	} {
		if _, err := book.Create(ctx, l); err != nil {
			log.Fatal(err)
		}
	}

	// Leads with at least 4 stars, or whose last name contains "ÅNGSTRÖM"
	// in any case; the best first, ties by File As.
	q := leads.Query{
		Where: leads.Or(
			leads.StarsBetween(4, leads.MaxStars),
			leads.Contains(leads.FieldLastName, "ÅNGSTRÖM"),
		),
		Sort: []leads.SortKey{leads.Desc(leads.FieldStars)},
	}
	for l, err := range book.List(ctx, q) {
		if err != nil {
			log.Fatal(err)
		}
		fmt.Println(l.Score.Stars, l.FullName)
	}
	n, _ := book.Count(ctx, leads.Query{Where: leads.Eq(leads.FieldCompany, "Analytical Engines")})
	fmt.Println(n, "at Analytical Engines")
	// Output:
	// 5 Ada Lovelace
	// 4 Grace Hopper
	// 4 Zoë Ångström
	// 2 at Analytical Engines
}

// A form that saves a whole record refuses a stale one: Edit with a
// version check inside fn, so no update is silently lost.
func ExampleBook_Edit_versionCheck() {
	ctx := context.Background()
	book := exampleBook()
	// save writes l unless the record changed since l was read.
	save := func(l *leads.Lead) (*leads.Lead, error) {
		return book.Edit(ctx, l.ID, func(cur *leads.Lead) error {
			if cur.Version != l.Version {
				return &leads.ConflictError{Kind: "lead", ID: l.ID.String(),
					Reason: fmt.Sprintf("stale version %d, stored %d", l.Version, cur.Version)}
			}
			*cur = *l.Clone()
			return nil
		})
	}
	created, err := book.Create(ctx, &leads.Lead{FullName: "Ada Lovelace"})
	if err != nil {
		log.Fatal(err)
	}

	// Two people open the same record.
	mine, _ := book.Get(ctx, created.ID)
	theirs, _ := book.Get(ctx, created.ID)

	mine.JobTitle = "Analyst"
	saved, err := save(mine)
	fmt.Println(saved.JobTitle, saved.Version, err)

	// The second save carries a stale version: it is refused, not lost.
	theirs.JobTitle = "Mathematician"
	_, err = save(theirs)
	fmt.Println(errors.Is(err, leads.ErrConflict))
	var conflict *leads.ConflictError
	if errors.As(err, &conflict) {
		fmt.Println(conflict.Reason)
	}

	// Read again, reapply the change, save again.
	theirs, _ = book.Get(ctx, created.ID)
	theirs.JobTitle = "Mathematician"
	saved, err = save(theirs)
	fmt.Println(saved.JobTitle, saved.Version, err)
	// Output:
	// Analyst 2 <nil>
	// true
	// stale version 1, stored 2
	// Mathematician 3 <nil>
}
