package leads_test

import (
	"context"
	"fmt"
	"testing"

	"github.com/google/uuid"
	"github.com/shopspring/decimal"

	"github.com/leadkit/leads"
)

// BenchmarkConvert converts one lead of a book of 100k, with a new account
// and an opportunity: the cost is that of the three writes, not of the
// book's size.
func BenchmarkConvert(b *testing.B) {
	book := benchBook(b, 100_000)
	ctx := context.Background()
	ids := make([]uuid.UUID, 0, 1<<14)
	for l, err := range book.List(ctx, leads.Query{Limit: cap(ids)}) {
		if err != nil {
			b.Fatal(err)
		}
		ids = append(ids, l.ID)
	}
	opts := leads.ConvertOptions{CreateAccount: true, AccountName: "Acme",
		Opportunity: &leads.Opportunity{Title: "Engines", Currency: "EUR",
			Lines: []leads.LineItem{line("Engine", "2", "1999.50", "10")}}}
	b.ReportAllocs()
	i := 0
	for b.Loop() {
		if i == len(ids) {
			b.Fatal("ran out of leads")
		}
		if _, err := book.Convert(ctx, ids[i], opts); err != nil {
			b.Fatal(err)
		}
		i++
	}
}

// BenchmarkCreateWithDefinedFields creates leads with five custom values,
// free-form and then checked against five definitions: the difference is
// the cost of checking.
func BenchmarkCreateWithDefinedFields(b *testing.B) {
	for _, defined := range []bool{false, true} {
		b.Run(fmt.Sprint("defined=", defined), func(b *testing.B) {
			book := benchBook(b, 0)
			ctx := context.Background()
			if defined {
				for _, d := range []leads.FieldDefinition{
					{Name: "Notes", Type: leads.CustomText}, {Name: "Budget", Type: leads.CustomNumber},
					{Name: "Met on", Type: leads.CustomDate}, {Name: "Newsletter", Type: leads.CustomYesNo},
					{Name: "Tier", Type: leads.CustomChoice, Choices: []string{"Gold", "Silver", "Bronze"}},
				} {
					if _, err := book.Fields().Create(ctx, &d); err != nil {
						b.Fatal(err)
					}
				}
			}
			b.ReportAllocs()
			i := 0
			for b.Loop() {
				l := &leads.Lead{FullName: fmt.Sprintf("Lead %d", i), Custom: map[string]string{
					"Notes": "x", "Budget": "1200.50", "Met on": "2026-11-27", "Newsletter": "yes", "Tier": "Silver"}}
				if _, err := book.Create(ctx, l); err != nil {
					b.Fatal(err)
				}
				i++
			}
		})
	}
}

// BenchmarkOpportunityTotal totals an opportunity of 20 lines.
func BenchmarkOpportunityTotal(b *testing.B) {
	o := leads.Opportunity{Currency: "EUR"}
	for i := range 20 {
		o.Lines = append(o.Lines, line(fmt.Sprint("p", i), fmt.Sprint(i+1), "19.99", "12.5"))
	}
	b.ReportAllocs()
	var total decimal.Decimal
	for b.Loop() {
		total = o.Total()
	}
	if total.IsZero() {
		b.Fatal("no total")
	}
}
