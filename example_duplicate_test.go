package leads_test

import (
	"context"
	"errors"
	"fmt"
	"log"

	"github.com/leadkit/leads"
	"github.com/leadkit/leads/dedupe"
	"github.com/leadkit/leads/storage/memory"
)

// Duplicates finds the stored records that may be the same person as a
// new one, each with a strength and the reasons why, through the Book's
// DuplicateFinder (here package dedupe's).
func ExampleBook_Duplicates() {
	ctx := context.Background()
	book := leads.New(memory.New(), leads.WithDuplicateFinder(dedupe.Finder{}),
		leads.WithDuplicateOptions(leads.DuplicateOptions{Region: "GB"}))
	for _, l := range []*leads.Lead{
		{FullName: "Dr. Ada Lovelace", Company: "Analytical Engines Ltd", Phones: []leads.Phone{{Number: "020 7946 0018"}},
			Emails: []leads.Email{{Address: "ada@engines.example"}}},
		{FullName: "Charles Babbage", Company: "Analytical Engines", Emails: []leads.Email{{Address: "charles@engines.example"}}},
	} {
		if _, err := book.Create(ctx, l); err != nil {
			log.Fatal(err)
		}
	}

	// A web form sends the same person again, written differently.
	form := &leads.Lead{FullName: "LOVELACE, Ada", Company: "Analytical Engines",
		Phones: []leads.Phone{{Number: "+44 20 7946 0018"}}, Emails: []leads.Email{{Address: "a.lovelace@engines.example"}}}
	dups, err := book.Duplicates(ctx, form, leads.DuplicateOptions{})
	if err != nil {
		log.Fatal(err)
	}
	for _, d := range dups {
		fmt.Println(d.Lead.FullName, d.Strength)
		for _, r := range d.Reasons {
			fmt.Printf("  %s: %s\n", r.Kind, r.Value)
		}
	}
	// Output:
	// Dr. Ada Lovelace 90
	//   name_company: ada lovelace @ analytical engines
	//   phone: +442079460018
	//   email_domain: engines.example
}

// Under the block policy, creating a likely duplicate fails with a
// *DuplicateError and writes nothing.
func ExampleWithDuplicatePolicy() {
	ctx := context.Background()
	book := leads.New(memory.New(), leads.WithDuplicateFinder(dedupe.Finder{}),
		leads.WithDuplicatePolicy(leads.DuplicateBlock))
	if _, err := book.Create(ctx, &leads.Lead{FullName: "Ada Lovelace", Emails: []leads.Email{{Address: "ada@engines.example"}}}); err != nil {
		log.Fatal(err)
	}
	_, err := book.Create(ctx, &leads.Lead{FullName: "A. Lovelace", Emails: []leads.Email{{Address: "Ada@Engines.example"}}})
	var de *leads.DuplicateError
	if errors.As(err, &de) {
		fmt.Println(errors.Is(err, leads.ErrDuplicate), de.Candidates[0].Lead.FullName, de.Candidates[0].Reasons[0].Kind)
	}
	// Output:
	// true Ada Lovelace email
}

// Under the warn policy, Create with DuplicatesInto creates the record and
// hands back the records it may duplicate, for the form to show.
func ExampleDuplicatesInto() {
	ctx := context.Background()
	book := leads.New(memory.New(), leads.WithDuplicateFinder(dedupe.Finder{}), leads.WithDuplicatePolicy(leads.DuplicateWarn),
		leads.WithDuplicateOptions(leads.DuplicateOptions{Region: "US"}))
	if _, err := book.Create(ctx, &leads.Lead{FullName: "Grace Hopper", Phones: []leads.Phone{{Number: "+1 (415) 555-0100"}}}); err != nil {
		log.Fatal(err)
	}
	var dups []leads.Duplicate
	l, err := book.Create(ctx, &leads.Lead{FullName: "G. Hopper", Phones: []leads.Phone{{Number: "415.555.0100"}}},
		leads.DuplicatesInto(&dups))
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println("created", l.FullName)
	for _, d := range dups {
		fmt.Printf("%s (%d): %s\n", d.Lead.FullName, d.Strength, d.Reasons[0])
	}
	// Output:
	// created G. Hopper
	// Grace Hopper (60): same phone number +14155550100
}
