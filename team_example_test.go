package leads_test

import (
	"context"
	"errors"
	"fmt"
	"log"

	"github.com/leadkit/leads"
)

func ExampleBook_Assign() {
	ctx := leads.WithActor(context.Background(), "alice")
	book := exampleBook()
	for _, name := range []string{"bob", "carol"} {
		if _, err := book.Users().Create(ctx, &leads.User{Name: name, Email: ""}); err != nil {
			log.Fatal(err)
		}
	}
	ada, _ := book.Create(ctx, &leads.Lead{FullName: "Ada Lovelace"})
	alan, _ := book.Create(ctx, &leads.Lead{FullName: "Alan Turing"})

	n, err := book.Assign(ctx, "Bob", ada.ID, alan.ID)
	fmt.Println(n, err)

	_, err = book.Assign(ctx, "mallory", ada.ID)
	fmt.Println(errors.Is(err, leads.ErrNotMember), err)

	_, err = book.Users().Delete(ctx, "bob", leads.Handover{})
	fmt.Println(errors.Is(err, leads.ErrHasLeads), err)
	n, _ = book.Users().Delete(ctx, "bob", leads.Handover{To: "carol"})
	fmt.Println(n, "leads handed over to carol")
	// Output:
	// 2 <nil>
	// true leads: assigned_to: "mallory" is not a member: no user has this name
	// true leads: user "bob" has 2 leads: reassign or unassign them
	// 2 leads handed over to carol
}

func ExampleBook_BulkEdit() {
	ctx := context.Background()
	book := exampleBook()
	ada, _ := book.Create(ctx, &leads.Lead{FullName: "Ada Lovelace", Source: "Web"})
	alan, _ := book.Create(ctx, &leads.Lead{FullName: "Alan Turing"})

	n, err := book.BulkEdit(ctx, leads.Set(leads.CustomField("tier"), "gold"), ada.ID, alan.ID)
	fmt.Println(n, err)
	n, err = book.BulkEdit(ctx, leads.Set(leads.FieldStars, leads.Stars(4)), ada.ID, alan.ID)
	fmt.Println(n, err)
	n, err = book.BulkEdit(ctx, leads.Clear(leads.FieldSource), ada.ID, alan.ID)
	fmt.Println(n, err) // only Ada had a source

	// Text as a person types it becomes a typed value, or an error.
	_, err = leads.ParseChange(leads.FieldStars, "abc")
	fmt.Println(err)
	_, err = book.BulkEdit(ctx, leads.Clear(leads.FieldFullName), ada.ID)
	fmt.Println(err)
	// Output:
	// 2 <nil>
	// 2 <nil>
	// 1 <nil>
	// leads: stars: "abc" is not a number of stars from 0 to 5
	// leads: full_name: is required and cannot be cleared
}

func ExampleBook_AssignByRules() {
	ctx := context.Background()
	book := exampleBook()
	for _, name := range []string{"ann", "ben"} {
		if _, err := book.Users().Create(ctx, &leads.User{Name: name, Email: ""}); err != nil {
			log.Fatal(err)
		}
	}
	var ids []leads.Lead
	for _, l := range []leads.Lead{
		{FullName: "Ada Lovelace", Source: "Web"},
		{FullName: "Alan Turing", Source: "Web"},
		{FullName: "Grace Hopper", Source: "Trade show"},
	} {
		created, _ := book.Create(ctx, &l)
		ids = append(ids, *created)
	}
	rules := []leads.Rule{
		// Web leads go to ann while she has fewer than one open lead ...
		{Query: leads.Query{Where: leads.Eq(leads.FieldSource, "Web")}, To: "ann", MaxOpen: 1},
		// ... then to ben.
		{Query: leads.Query{Where: leads.Eq(leads.FieldSource, "Web")}, To: "ben"},
	}
	got, err := book.AssignByRules(ctx, rules, ids[0].ID, ids[1].ID, ids[2].ID)
	if err != nil {
		log.Fatal(err)
	}
	for i, a := range got {
		fmt.Printf("%s -> %q\n", ids[i].FullName, a.To)
	}
	// Output:
	// Ada Lovelace -> "ann"
	// Alan Turing -> "ben"
	// Grace Hopper -> ""
}
