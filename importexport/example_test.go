package importexport_test

import (
	"context"
	"fmt"
	"log"
	"strings"

	"github.com/leadkit/leads"
	"github.com/leadkit/leads/importexport"
	"github.com/leadkit/leads/importexport/csvfile"
	"github.com/leadkit/leads/storage/memory"
)

// An import keeps every person it can read, says what it adjusted, and
// tells namesakes with different addresses apart.
func ExampleImporter() {
	const file = "First Name,Last Name,Company,E-mail Address,Business Phone\n" +
		"Hans,Wurst,ACME,\"Hans Wurst <h@acme.example>, hw@home.example\",+49 30 1234 Durchwahl 12\n" +
		"Hans,Wurst,ACME,hans.wurst2@acme.example,pager\n" +
		",,,,\n" +
		",,,grace.hopper@navy.example,\n"
	src, err := csvfile.NewSource(strings.NewReader(file), csvfile.Options{})
	if err != nil {
		log.Fatal(err)
	}
	book := leads.New(memory.New())
	rep, err := (&importexport.Importer{Book: book}).Import(context.Background(), src)
	if err != nil {
		log.Fatal(err)
	}
	for _, o := range rep.Created {
		l, _ := book.Get(context.Background(), o.ID)
		var emails []string
		for _, e := range l.Emails {
			emails = append(emails, e.Address)
		}
		fmt.Printf("row %d: %s %v %d phone(s)\n", o.Row, l.FullName, emails, len(l.Phones))
	}
	for _, w := range rep.Warnings {
		fmt.Println("warning:", w)
	}
	// Output:
	// row 2: Hans Wurst [h@acme.example hw@home.example] 1 phone(s)
	// row 3: Hans Wurst [hans.wurst2@acme.example] 0 phone(s)
	// row 5: Grace Hopper [grace.hopper@navy.example] 0 phone(s)
	// warning: row 2, column "E-mail Address": 2 e-mail addresses in one field: kept as 2 e-mails (value "Hans Wurst <h@acme.example>, hw@home.example")
	// warning: row 3, column "Business Phone": no digits: not a phone number, left out (value "pager")
	// warning: row 5: no name: the full name is made from the e-mail address (value "grace.hopper@navy.example")
}
