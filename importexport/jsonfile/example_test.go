package jsonfile_test

import (
	"bytes"
	"context"
	"fmt"
	"log"
	"regexp"

	"github.com/leadkit/leads"
	"github.com/leadkit/leads/importexport/jsonfile"
	"github.com/leadkit/leads/storage/memory"
)

// A backup of one store restored into another: everything comes back, and
// exporting the copy gives the same document but for the records'
// versions, which count the writes of the store that holds them and start
// again at 1.
func ExampleRestore() {
	ctx := context.Background()
	book := leads.New(memory.New())
	if _, err := book.Users().Create(ctx, &leads.User{Name: "alice", Email: "alice@example.com"}); err != nil {
		log.Fatal(err)
	}
	ada, err := book.Create(ctx, &leads.Lead{FullName: "Ada Lovelace", AssignedTo: "alice"})
	if err != nil {
		log.Fatal(err)
	}
	if _, err := book.Comment(ctx, ada.ID, "met at the salon"); err != nil {
		log.Fatal(err)
	}
	var backup bytes.Buffer
	if _, err := jsonfile.Export(ctx, &backup, book.Store(), nil); err != nil {
		log.Fatal(err)
	}

	copyOf := memory.New() // any store: memory, file or PostgreSQL
	n, err := jsonfile.Restore(ctx, copyOf, bytes.NewReader(backup.Bytes()))
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(n.Leads, "record,", n.Users, "user,", n.Criteria, "criteria")
	var again bytes.Buffer
	if _, err := jsonfile.Export(ctx, &again, copyOf, nil); err != nil {
		log.Fatal(err)
	}
	versions := regexp.MustCompile(`"version":\d+`)
	fmt.Println("same document but for versions:",
		versions.ReplaceAllString(backup.String(), "") == versions.ReplaceAllString(again.String(), ""))

	_, err = jsonfile.Restore(ctx, copyOf, bytes.NewReader(backup.Bytes()))
	fmt.Println(err)
	// Output:
	// 1 record, 1 user, 6 criteria
	// same document but for versions: true
	// leads/json: the store is not empty: restore a backup into a new store, or import it to merge (it has records)
}
