package csvfile_test

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

// A German Outlook export: the header's language is recognised and each
// column mapped; Columns says how.
func ExampleNewSource() {
	const file = "Vorname;Nachname;Firma;E-Mail-Adresse;Mobiltelefon;Lieblingsfarbe\n" +
		"Hans;Wurst;ACME GmbH;hans@acme.example;+49 151 1234567;blau\n"
	src, err := csvfile.NewSource(strings.NewReader(file), csvfile.Options{})
	if err != nil {
		log.Fatal(err)
	}
	for _, c := range src.Columns() {
		fmt.Printf("%s → %q (%s)\n", c.Header, c.Field, c.By)
	}
	row, err := src.Next()
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(row.Lead.FirstName, row.Lead.LastName, row.Lead.Company, row.Lead.Phones[0].Label)
	// Output:
	// Vorname → "first_name" (localized (de))
	// Nachname → "last_name" (localized (de))
	// Firma → "company" (localized (de))
	// E-Mail-Adresse → "email" (localized (de))
	// Mobiltelefon → "phone:Mobile" (localized (de))
	// Lieblingsfarbe → "" (no match)
	// Hans Wurst ACME GmbH Mobile
}

// An export in Outlook's layout, which Outlook and Excel import; a value
// that a spreadsheet would run as a formula is quoted.
func ExampleExport() {
	ctx := context.Background()
	book := leads.New(memory.New())
	if _, err := book.Create(ctx, &leads.Lead{FullName: "Ada Lovelace", Company: "=HYPERLINK(\"x\")"}); err != nil {
		log.Fatal(err)
	}
	var out strings.Builder
	n, err := csvfile.Export(ctx, &out, importexport.Records(ctx, book.Store(), nil), csvfile.ExportOptions{})
	if err != nil {
		log.Fatal(err)
	}
	lines := strings.Split(out.String(), "\r\n")
	fmt.Println(n, "record;", len(strings.Split(lines[0], ",")), "columns")
	fmt.Println(strings.Contains(lines[1], `"'=HYPERLINK(""x"")"`))
	// Output:
	// 1 record; 92 columns
	// true
}
