package leads_test

import (
	"context"
	"fmt"
	"log"
	"strings"
	"time"

	"github.com/google/uuid"
	"github.com/leadkit/leads"
)

func ExampleBook_SetStatus() {
	ctx := leads.WithActor(context.Background(), "alice")
	book := exampleBook()
	l, err := book.Create(ctx, &leads.Lead{FullName: "Grace Hopper"})
	if err != nil {
		log.Fatal(err)
	}
	if _, err := book.SetStatus(ctx, l.ID, leads.StatusContacted, leads.StatusChange{Note: "left a voicemail"}); err != nil {
		log.Fatal(err)
	}
	// Disqualifying needs a reason; qualifying a lead that was never
	// contacted is not a step the statuses allow.
	_, err = book.SetStatus(ctx, l.ID, leads.StatusDisqualified, leads.StatusChange{})
	fmt.Println(err)
	l, err = book.SetStatus(ctx, l.ID, leads.StatusDisqualified, leads.StatusChange{Reason: "No budget"})
	if err != nil {
		log.Fatal(err)
	}
	for _, s := range l.StatusHistory {
		fmt.Println(strings.TrimSpace(fmt.Sprintln(s.Status, s.At.Format(time.DateOnly), s.By, s.Reason)))
	}
	fmt.Println(l.Comments[0].Text)
	// Output:
	// leads: reason: disqualifying a lead needs a reason (such as No budget, Not the decision maker, No need, Lost to competitor, Unresponsive, Duplicate, Bad timing, Other)
	// contacted 2026-11-27 alice
	// disqualified 2026-11-27 alice No budget
	// left a voicemail
}

func ExampleBook_Explain() {
	ctx := context.Background()
	book := exampleBook()
	// A book starts with six default criteria; meet two of them.
	criteria, err := leads.Collect(book.Criteria().List(ctx))
	if err != nil {
		log.Fatal(err)
	}
	l, err := book.Create(ctx, &leads.Lead{FullName: "Alan Turing",
		Checks: map[uuid.UUID]bool{criteria[0].ID: true, criteria[1].ID: true}})
	if err != nil {
		log.Fatal(err)
	}
	e, err := book.Explain(ctx, l.ID)
	if err != nil {
		log.Fatal(err)
	}
	fmt.Printf("%d stars (%s of 5), total weight %d\n", e.Score.Stars, e.Score.Value, e.Total)
	for _, it := range e.Items {
		mark := " "
		if it.Met {
			mark = "x"
		}
		fmt.Printf("[%s] %-34s %-6s +%s\n", mark, it.Criterion.Name, it.Criterion.Weight, it.Share)
	}
	// Output:
	// 3 stars (2.5 of 5), total weight 12
	// [x] Has a budget                       high   +1.25
	// [x] Is the decision maker              high   +1.25
	// [ ] Needs what we sell                 normal +0.833333
	// [ ] Plans to buy within three months   normal +0.833333
	// [ ] Company size fits                  low    +0.416667
	// [ ] Answered a campaign                low    +0.416667
}

func ExampleBook_Comment() {
	ctx := leads.WithActor(context.Background(), "bob")
	book := exampleBook()
	l, err := book.Create(ctx, &leads.Lead{FullName: "Katherine Johnson"})
	if err != nil {
		log.Fatal(err)
	}
	// Comment time-stamps the text with the clock and the acting user.
	l, err = book.Comment(ctx, l.ID, "Asked for the orbital mechanics brochure.")
	if err != nil {
		log.Fatal(err)
	}
	c := l.Comments[0]
	fmt.Println(c.At.Format(time.RFC3339), c.Author+":", c.Text)
	// Output:
	// 2026-11-27T09:00:00Z bob: Asked for the orbital mechanics brochure.
}

func ExampleBook_EditRetrying() {
	ctx := context.Background()
	book := exampleBook()
	l, err := book.Create(ctx, &leads.Lead{FullName: "Barbara Liskov", Custom: map[string]string{"Visits": "0"}})
	if err != nil {
		log.Fatal(err)
	}
	// Update reads, changes and writes, and starts again from a fresh read
	// when another writer got there first: no increment is lost.
	done := make(chan struct{})
	for range 4 {
		go func() {
			defer func() { done <- struct{}{} }()
			_, err := book.EditRetrying(ctx, l.ID, func(l *leads.Lead) error {
				var n int
				fmt.Sscan(l.Custom["Visits"], &n)
				l.Custom["Visits"] = fmt.Sprint(n + 1)
				return nil
			})
			if err != nil {
				log.Fatal(err)
			}
		}()
	}
	for range 4 {
		<-done
	}
	l, err = book.Get(ctx, l.ID)
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println("visits:", l.Custom["Visits"], "version:", l.Version)
	// Output:
	// visits: 4 version: 5
}
