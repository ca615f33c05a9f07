package leads_test

import (
	"fmt"
	"slices"
	"strconv"
	"testing"

	"github.com/leadkit/leads"
)

// BenchmarkSelectTypedCustom sorts and filters 100,000 records by a
// custom field typed as a number, against the same field as text: what
// typing costs in memory (the stores that answer queries with Select).
func BenchmarkSelectTypedCustom(b *testing.B) {
	const n = 100_000
	all := make([]*leads.Lead, n)
	for i := range all {
		v := strconv.Itoa((i * 7919) % 5000)
		if i%10 == 0 {
			v += ".5"
		}
		all[i] = &leads.Lead{FullName: fmt.Sprint(i), FileAs: fmt.Sprint(i), Custom: map[string]string{"Employees": v}}
	}
	f := leads.CustomField("Employees")
	for _, typed := range []bool{false, true} {
		var types map[string]leads.CustomType
		if typed {
			types = map[string]leads.CustomType{"Employees": leads.CustomNumber}
		}
		for name, q := range map[string]leads.Query{
			"sort":   {Sort: []leads.SortKey{leads.Asc(f)}, CustomTypes: types},
			"filter": {Where: leads.Between(f, "1000", "2000"), Unordered: true, CustomTypes: types},
			"page":   {Sort: []leads.SortKey{leads.Desc(f)}, Limit: 50, CustomTypes: types},
		} {
			b.Run(fmt.Sprintf("%s/typed=%v", name, typed), func(b *testing.B) {
				b.ReportAllocs()
				for b.Loop() {
					if _, err := leads.Select(q, slices.Values(all)); err != nil {
						b.Fatal(err)
					}
				}
			})
		}
	}
}
