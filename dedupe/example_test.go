package dedupe_test

import (
	"context"
	"errors"
	"fmt"
	"log"

	"github.com/leadkit/leads"
	"github.com/leadkit/leads/dedupe"
	"github.com/leadkit/leads/storage/memory"
)

// A Book given a Finder refuses, under the block policy, to create a
// record that looks like one it holds.
func ExampleFinder() {
	ctx := context.Background()
	book := leads.New(memory.New(),
		leads.WithDuplicateFinder(dedupe.Finder{}),
		leads.WithDuplicatePolicy(leads.DuplicateBlock),
		leads.WithDuplicateOptions(leads.DuplicateOptions{Region: "US"}))
	if _, err := book.Create(ctx, &leads.Lead{FullName: "Grace Hopper", Phones: []leads.Phone{{Number: "+1 (415) 555-0100"}}}); err != nil {
		log.Fatal(err)
	}
	_, err := book.Create(ctx, &leads.Lead{FullName: "Hopper, Grace", Phones: []leads.Phone{{Number: "415.555.0100 ext. 7"}}})
	var de *leads.DuplicateError
	if errors.As(err, &de) {
		for _, d := range de.Candidates {
			fmt.Println(d.Lead.FullName, d.Strength, d.Reasons)
		}
	}
	// Output:
	// Grace Hopper 74 [same phone number +14155550100 same name: grace hopper]
}

func ExampleE164() {
	for _, n := range []string{"020 7946 0018", "+1 (415) 555-0100 ext. 12", "٠٢٠ ٧٩٤٦ ٠٠١٨", "12"} {
		e, ok := dedupe.E164(n, "GB")
		fmt.Printf("%q %q %v\n", n, e, ok)
	}
	// Output:
	// "020 7946 0018" "+442079460018" true
	// "+1 (415) 555-0100 ext. 12" "+14155550100" true
	// "٠٢٠ ٧٩٤٦ ٠٠١٨" "+442079460018" true
	// "12" "" false
}
