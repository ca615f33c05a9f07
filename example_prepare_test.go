package leads_test

import (
	"context"
	"errors"
	"fmt"
	"log"

	"github.com/leadkit/leads"
)

// A batch of new records is prepared with one Preparer (field definitions
// and criteria are read once), checked, and written all or none.
func ExampleNewPreparer() {
	ctx := context.Background()
	book := exampleBook()
	prep := leads.NewPreparer(book)
	var ready []*leads.Lead
	for _, name := range []string{"Ada Lovelace", "Charles Babbage", " "} {
		l, err := prep.Prepare(ctx, &leads.Lead{FullName: name})
		if errors.Is(err, leads.ErrInvalid) {
			fmt.Printf("%q rejected: %v\n", name, err)
			continue
		}
		if err != nil {
			log.Fatal(err)
		}
		ready = append(ready, l)
	}
	if err := leads.CreateMany(ctx, book.Store(), ready); err != nil {
		log.Fatal(err)
	}
	for _, l := range ready {
		fmt.Println(l.FileAs, l.Status, l.Version)
	}
	// Output:
	// " " rejected: leads: full_name: is required
	// Lovelace, Ada new 1
	// Babbage, Charles new 1
}
