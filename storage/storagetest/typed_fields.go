package storagetest

import (
	"slices"
	"testing"

	"github.com/google/uuid"
	"github.com/leadkit/leads"
	"github.com/leadkit/leads/query"
	"github.com/leadkit/leads/report"
	"github.com/stretchr/testify/require"
)

// testTypedCustomFields: custom fields that definitions type as numbers,
// dates and yes/no filter, sort, page and group as their type in every
// store; values that do not read as the type (written before the
// definition) come after the typed ones, by their text.
func testTypedCustomFields(t *testing.T, s leads.Store) {
	b := leads.New(s)
	employees, founded, partner := leads.CustomField("Employees"), leads.CustomField("Founded"), leads.CustomField("Partner")
	for _, d := range []leads.FieldDefinition{
		{Name: "Employees", Type: leads.CustomNumber, Indexed: true},
		{Name: "Founded", Type: leads.CustomDate, Indexed: true},
		{Name: "Partner", Type: leads.CustomYesNo},
	} {
		_, err := b.Fields().Create(ctx, &d)
		require.NoError(t, err)
	}
	defs, err := leads.Collect(b.Fields().List(ctx))
	require.NoError(t, err)
	require.True(t, defs[0].Indexed, "the store keeps Indexed")

	add := func(name, emp, date, yes string) {
		custom := map[string]string{}
		for k, v := range map[string]string{"Employees": emp, "Founded": date, "Partner": yes} {
			if v != "" {
				custom[k] = v
			}
		}
		_, err := b.Create(ctx, &leads.Lead{FullName: name, Custom: custom})
		require.NoError(t, err, name)
	}
	add("Alpha", "100", "2026-03-01", "yes")
	add("Bravo", "9.5", "2025-12-31", "no")
	add("Charlie", "1500", "2026-11-27", "yes")
	add("Delta", "20", "", "no")
	add("Echo", "", "2024-02-29", "")
	add("Foxtrot", "100.0", "", "")
	// Values written before the definitions, which do not read as their
	// type, straight into the store.
	for _, l := range []*leads.Lead{
		{ID: uuid.Must(uuid.NewV7()), FullName: "Legacy Many", FileAs: "Legacy Many", Custom: map[string]string{"Employees": "many", "Founded": "March 2020", "Partner": "maybe"}},
		{ID: uuid.Must(uuid.NewV7()), FullName: "Legacy About", FileAs: "Legacy About", Custom: map[string]string{"Employees": "about 50", "Founded": "2026-02-30"}},
	} {
		create(t, s, l)
	}

	names := func(q leads.Query) []string {
		t.Helper()
		var out []string
		for l, err := range b.List(ctx, q) {
			require.NoError(t, err, "%v", q.Where)
			out = append(out, l.FullName)
		}
		return out
	}
	count := func(q leads.Query) int {
		t.Helper()
		n, err := b.Count(ctx, q)
		require.NoError(t, err)
		return n
	}
	where := func(text string) leads.Cond {
		t.Helper()
		c, err := query.ParseCond(text)
		require.NoError(t, err, text)
		return c
	}

	// Sort: no value, then numbers by value (9.5 < 20 < 100 < 1500; 100
	// and 100.0 tie and fall to File As), then the other values by text.
	wantAsc := []string{"Echo", "Bravo", "Delta", "Alpha", "Foxtrot", "Charlie", "Legacy About", "Legacy Many"}
	require.Equal(t, wantAsc, names(leads.Query{Sort: []leads.SortKey{leads.Asc(employees)}}))
	desc := names(leads.Query{Sort: []leads.SortKey{leads.Desc(employees), leads.Desc(leads.FieldFileAs)}})
	slices.Reverse(desc)
	require.Equal(t, wantAsc, desc, "descending runs the other way")

	// Paging with a cursor through the typed order.
	var paged []string
	q := leads.Query{Sort: []leads.SortKey{leads.Asc(employees)}, Limit: 3}
	for {
		var last *leads.Lead
		n := 0
		for l, err := range b.List(ctx, q) {
			require.NoError(t, err)
			paged = append(paged, l.FullName)
			last, n = l, n+1
		}
		if n < q.Limit {
			break
		}
		// A cursor made without the types (as a caller makes it)
		// resumes the typed listing: it carries the value's text.
		q.After, err = leads.Cursor(q, last)
		require.NoError(t, err)
	}
	require.Equal(t, wantAsc, paged, "pages follow the typed order")

	// Filters compare numbers as numbers.
	between := leads.Query{Where: leads.Between(employees, "100", ""), Sort: []leads.SortKey{leads.Asc(leads.FieldFileAs)}}
	require.Equal(t, []string{"Alpha", "Charlie", "Foxtrot"}, names(between))
	require.Equal(t, 3, count(between))
	byName := []leads.SortKey{leads.Asc(leads.FieldFileAs)}
	for text, want := range map[string][]string{
		"custom.Employees > 20":              {"Alpha", "Charlie", "Foxtrot"},
		"custom.Employees < 100":             {"Bravo", "Delta"},
		"custom.Employees <= 100":            {"Alpha", "Bravo", "Delta", "Foxtrot"},
		"custom.Employees between 10 and 99": {"Delta"},
		"custom.Employees = 100":             {"Alpha", "Foxtrot"},
		"custom.Employees = many":            {"Legacy Many"},
		"custom.Employees in (9.5, 1500)":    {"Bravo", "Charlie"},
		"custom.Employees != 100":            {"Bravo", "Charlie", "Delta", "Echo", "Legacy About", "Legacy Many"},
		"custom.Employees is empty":          {"Echo"},
		"custom.Employees contains \"5\"":    {"Bravo", "Charlie", "Legacy About"},
		"custom.Founded >= 2026-01-01":       {"Alpha", "Charlie"},
		"custom.Founded < 2026-01-01":        {"Bravo", "Echo"},
		"custom.Founded startswith 2026":     {"Alpha", "Charlie", "Legacy About"},
		"custom.Partner = true":              {"Alpha", "Charlie"},
		"custom.Partner = N":                 {"Bravo", "Delta"},
		"not custom.Partner = yes":           {"Bravo", "Delta", "Echo", "Foxtrot", "Legacy About", "Legacy Many"},
	} {
		q := leads.Query{Where: where(text), Sort: byName}
		require.Equal(t, want, names(q), text)
		require.Equal(t, len(want), count(q), text)
	}

	// Dates sort as dates, yes/no as no < yes.
	require.Equal(t, []string{"Delta", "Foxtrot", "Echo", "Bravo", "Alpha", "Charlie", "Legacy About", "Legacy Many"},
		names(leads.Query{Sort: []leads.SortKey{leads.Asc(founded)}}))
	require.Equal(t, []string{"Echo", "Foxtrot", "Legacy About", "Bravo", "Delta", "Alpha", "Charlie", "Legacy Many"},
		names(leads.Query{Sort: []leads.SortKey{leads.Asc(partner)}}))

	// A bound that is not a number is refused, naming the field.
	for l, err := range b.List(ctx, leads.Query{Where: leads.Between(employees, "lots", "")}) {
		require.Nil(t, l)
		requireFieldErr(t, err, "query.where.values[0]", "a bound that is not a number")
		break
	}

	// Reports sort and group by the typed fields.
	res, err := report.Run(ctx, b.Store(), leads.Report{Columns: []leads.Field{leads.FieldFullName, employees},
		GroupBy: []leads.Field{partner}, Sort: []leads.SortKey{leads.Desc(partner), leads.Asc(employees)}})
	require.NoError(t, err)
	var groups []string
	var rows [][]string
	for _, g := range res.Groups {
		groups = append(groups, g.Value)
		rows = append(rows, nil)
		for _, r := range g.Rows {
			rows[len(rows)-1] = append(rows[len(rows)-1], r[0])
		}
	}
	require.Equal(t, []string{"maybe", "yes", "no", ""}, groups)
	require.Equal(t, [][]string{{"Legacy Many"}, {"Alpha", "Charlie"}, {"Bravo", "Delta"}, {"Echo", "Foxtrot", "Legacy About"}}, rows)
	res, err = report.Run(ctx, b.Store(), leads.Report{Columns: []leads.Field{leads.FieldFullName},
		GroupBy: []leads.Field{employees}, Where: leads.NotEmpty(employees)})
	require.NoError(t, err)
	groups = groups[:0]
	var counts []int
	for _, g := range res.Groups {
		groups = append(groups, g.Value)
		counts = append(counts, g.Count)
	}
	require.Equal(t, []string{"9.5", "20", "100", "1500", "about 50", "many"}, groups, "100 and 100.0 are one group")
	require.Equal(t, []int{1, 1, 2, 1, 1, 1}, counts)
}
