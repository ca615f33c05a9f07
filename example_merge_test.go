package leads_test

import (
	"context"
	"fmt"
	"log"

	"github.com/google/uuid"

	"github.com/leadkit/leads"
)

func ExampleBook_Merge() {
	ctx := leads.WithActor(context.Background(), "alice")
	book := exampleBook()
	web, err := book.Create(ctx, &leads.Lead{FullName: "Ada Lovelace",
		Emails: []leads.Email{{Address: "ada@engines.example"}}})
	if err != nil {
		log.Fatal(err)
	}
	fair, err := book.Create(ctx, &leads.Lead{FullName: "Ada King", Company: "Analytical Engines",
		Emails: []leads.Email{{Address: "ADA@engines.example"}, {Address: "ada@home.example"}}})
	if err != nil {
		log.Fatal(err)
	}

	// Preview first: nothing changes.
	preview, err := book.Merge(ctx, web.ID, []uuid.UUID{fair.ID}, leads.MergeOptions{Preview: true})
	if err != nil {
		log.Fatal(err)
	}
	name := map[uuid.UUID]string{web.ID: "web form", fair.ID: "trade fair"}
	for _, f := range preview.Fields {
		if f.From != uuid.Nil {
			fmt.Printf("%s from the %s record (%s)\n", f.Field, name[f.From], f.Rule)
		}
	}

	// Merge what was previewed: a record changed meanwhile fails.
	res, err := book.Merge(ctx, web.ID, []uuid.UUID{fair.ID}, leads.MergeOptions{Versions: preview.Versions()})
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(res.Lead.FullName, "|", res.Lead.Company, "|", len(res.Lead.Emails), "e-mails")

	// The old ID finds the survivor.
	l, err := book.Get(ctx, fair.ID)
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println("old ID finds:", l.FullName, l.ID == web.ID)
	// Output:
	// full_name from the web form record (first-non-empty)
	// company from the trade fair record (first-non-empty)
	// emails[0] from the web form record (union)
	// emails[1] from the trade fair record (union)
	// status from the web form record (first-non-empty)
	// created_at from the web form record (earliest)
	// Ada Lovelace | Analytical Engines | 2 e-mails
	// old ID finds: Ada Lovelace true
}
