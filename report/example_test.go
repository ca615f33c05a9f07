package report_test

import (
	"context"
	"fmt"
	"log"

	"github.com/leadkit/leads"
	"github.com/leadkit/leads/report"
	"github.com/leadkit/leads/storage/memory"
)

func ExampleRun() {
	ctx := context.Background()
	book := leads.New(memory.New())
	for _, l := range []*leads.Lead{
		{FullName: "Ada Lovelace", AssignedTo: "alice", Score: leads.ManualScore(5)},
		{FullName: "Grace Hopper", AssignedTo: "alice", Score: leads.ManualScore(3)},
		{FullName: "Alan Turing", AssignedTo: "bob", Score: leads.ManualScore(3)},
	} {
		if _, err := book.Create(ctx, l); err != nil {
			log.Fatal(err)
		}
	}
	r, _ := leads.BuiltinReport(leads.ReportLeadsByAssignedToAndScore)
	res, err := report.Run(ctx, book.Store(), r)
	if err != nil {
		log.Fatal(err)
	}
	for _, user := range res.Groups {
		fmt.Printf("%s (%d)\n", user.Label, user.Count)
		for _, stars := range user.Groups {
			fmt.Printf("  %s (%d): %s\n", stars.Label, stars.Count, stars.Rows[0][0])
		}
	}
	fmt.Println("total", res.Total)
	// Output:
	// alice (2)
	//   ★★★★★ 5 stars (1): Lovelace, Ada
	//   ★★★☆☆ 3 stars (1): Hopper, Grace
	// bob (1)
	//   ★★★☆☆ 3 stars (1): Turing, Alan
	// total 3
}
