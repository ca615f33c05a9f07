package leads_test

import (
	"fmt"
	"testing"

	"github.com/leadkit/leads"
)

// benchLeads returns n leads whose text, list, number and time fields
// differ from one lead to the next.
func benchLeads(n int) []*leads.Lead {
	out := make([]*leads.Lead, n)
	for i := range out {
		out[i] = &leads.Lead{
			FullName: fmt.Sprintf("Person %d", i), LastName: fmt.Sprintf("P%05d", n-i),
			JobTitle: []string{"CTO", "Buyer", "Head of Sales"}[i%3], Company: fmt.Sprintf("Company %d", i%97),
			Phones:    []leads.Phone{{Label: leads.PhoneBusiness, Number: fmt.Sprintf("+1 555 %04d", i)}},
			Addresses: []leads.Address{{Label: leads.AddressBusiness, City: []string{"Berlin", "Paris", "Lima"}[i%3]}},
			Score:     leads.ManualScore(leads.Stars(i % 6)),
			Version:   int64(i),
		}
	}
	return out
}

// BenchmarkPlanMatchSort filters and sorts 10,000 leads by a text field, an
// address part, stars and a version: the field getters of the queries.
func BenchmarkPlanMatchSort(b *testing.B) {
	ls := benchLeads(10_000)
	q := leads.Query{
		Where: leads.And(leads.In(leads.FieldJobTitle, "CTO", "Buyer"), leads.Eq(leads.FieldCity, "Berlin"),
			leads.StarsBetween(1, 5)),
		Sort: []leads.SortKey{leads.Asc(leads.FieldLastName), leads.Desc(leads.FieldVersion)},
	}
	b.ReportAllocs()
	for b.Loop() {
		got, err := leads.Select(q, func(yield func(*leads.Lead) bool) {
			for _, l := range ls {
				if !yield(l) {
					return
				}
			}
		})
		if err != nil || len(got) == 0 {
			b.Fatal(err, len(got))
		}
	}
}

// BenchmarkDiff compares two leads that differ in one text field, as the
// change log of an edit does.
func BenchmarkDiff(b *testing.B) {
	ls := benchLeads(2)
	x, y := ls[0], ls[0].Clone()
	y.JobTitle = "Chief Buyer"
	b.ReportAllocs()
	for b.Loop() {
		if len(leads.Diff(x, y)) != 1 {
			b.Fatal("want one change")
		}
	}
}
