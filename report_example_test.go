package leads_test

import (
	"context"
	"fmt"
	"log"

	"github.com/leadkit/leads"
)

func ExampleBook_RunReport() {
	ctx := context.Background()
	book := exampleBook()
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
	res, err := book.RunReport(ctx, r)
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

func ExampleReports_Create() {
	ctx := context.Background()
	book := exampleBook()
	r, _ := leads.BuiltinReport(leads.ReportLeadsByScore)
	r.Name = "Hot web leads"
	where, err := leads.ParseCond(`stars >= 3 and source = "Web"`)
	if err != nil {
		log.Fatal(err)
	}
	r.Where = where
	if _, err := book.Reports().Create(ctx, &r); err != nil {
		log.Fatal(err)
	}
	_, err = book.Reports().Create(ctx, &r)
	fmt.Println(err)
	opened, _ := book.Reports().Get(ctx, "hot web leads")
	fmt.Println(opened.Name, "|", leads.FormatCond(opened.Where), "|", leads.FormatSort(opened.Sort))
	// Output:
	// leads: report Hot web leads: the name is already taken
	// Hot web leads | stars >= 3 and source = Web | -stars,file_as
}
