package leads_test

import (
	"context"
	"fmt"
	"log"

	"github.com/leadkit/leads"
	"github.com/leadkit/leads/query"
)

func ExampleReports_Create() {
	ctx := context.Background()
	book := exampleBook()
	r, _ := leads.BuiltinReport(leads.ReportLeadsByScore)
	r.Name = "Hot web leads"
	where, err := query.ParseCond(`stars >= 3 and source = "Web"`)
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
	fmt.Println(opened.Name, "|", query.FormatCond(opened.Where), "|", query.FormatSort(opened.Sort))
	// Output:
	// leads: report Hot web leads: the name is already taken
	// Hot web leads | stars >= 3 and source = Web | -stars,file_as
}
