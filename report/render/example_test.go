package render_test

import (
	"context"
	"log"
	"os"

	"github.com/leadkit/leads"
	"github.com/leadkit/leads/report"
	"github.com/leadkit/leads/report/render"
	"github.com/leadkit/leads/storage/memory"
)

// The built-in report Leads by Score as a text table; the same result
// renders as CSV, HTML with a chart and XLSX (render.Write).
func ExampleText() {
	ctx := context.Background()
	book := leads.New(memory.New())
	for _, l := range []*leads.Lead{
		{FullName: "Ada Lovelace", Company: "Engines", Score: leads.ManualScore(4)},
		{FullName: "Grace Hopper", Company: "Navy", Score: leads.ManualScore(4)},
		{FullName: "Alan Turing", Score: leads.ManualScore(2)},
	} {
		if _, err := book.Create(ctx, l); err != nil {
			log.Fatal(err)
		}
	}
	r, _ := leads.BuiltinReport(leads.ReportLeadsByScore)
	res, err := report.Run(ctx, book.Store(), r)
	if err != nil {
		log.Fatal(err)
	}
	if err := render.Text(os.Stdout, res); err != nil {
		log.Fatal(err)
	}
	// Output:
	// Leads by Score
	//
	//     File As        Company  Assigned To  Source
	// Score: ★★★★☆ 4 stars (2)
	//     Hopper, Grace  Navy
	//     Lovelace, Ada  Engines
	// Score: ★★☆☆☆ 2 stars (1)
	//     Turing, Alan
	//
	// Total: 3 leads
}
