// Readme is the Go snippet of the README as a program: the body of main
// between the two marker comments is the snippet, word for word, and
// main_test.go checks that the README still says exactly this, so the
// snippet always compiles and runs.
//
//	go run ./examples/readme
package main

import (
	"context"
	"fmt"
	"log"

	"github.com/leadkit/leads"
	"github.com/leadkit/leads/storage/file"
)

func main() {
	// README snippet begins.
	store, err := file.Open("leads.db", nil) // or memory.New()
	if err != nil {
		log.Fatal(err)
	}
	defer store.Close()
	book := leads.New(store)
	ctx := leads.WithActor(context.Background(), "alice")
	ada, err := book.Create(ctx, &leads.Lead{FullName: "Dr. Ada M. Lovelace Jr.", Company: "Analytical Engines",
		Emails: []leads.Email{{Address: "ada@engines.example"}}})
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(ada.FirstName, ada.LastName, "filed as", ada.FileAs) // Ada Lovelace filed as Lovelace, Ada
	for l, err := range book.List(ctx, leads.Query{Sort: []leads.SortKey{leads.Desc(leads.FieldScore)}, Limit: 10}) {
		if err != nil {
			log.Fatal(err)
		}
		fmt.Println(l.Score.Stars, "stars:", l.FileAs, l.PrimaryEmail())
	}
	// README snippet ends.
}
