package postgres_test

import (
	"context"
	"fmt"
	"log"
	"os"

	"github.com/leadkit/leads"
	"github.com/leadkit/leads/storage/postgres"
)

// A team shares one database: every member opens it with the same URL.
// Open migrates the schema on first use.
func ExampleOpen() {
	ctx := context.Background()
	store, err := postgres.Open(ctx, os.Getenv("LEADS_POSTGRES_URL"), &postgres.Options{Schema: "sales"})
	if err != nil {
		log.Fatal(err)
	}
	defer store.Close()
	book := leads.New(store)
	l, err := book.Create(leads.WithActor(ctx, "alice"), &leads.Lead{FullName: "Ada Lovelace", Company: "Analytical Engines"})
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(l.FileAs)
}
