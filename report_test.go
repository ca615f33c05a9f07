package leads_test

import (
	"context"
	"encoding/json"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/leadkit/leads"
	"github.com/leadkit/leads/storage/memory"
)

// reportFixture is a book whose counts the tests know: per user and stars,
// how many leads; plus one business contact that lead reports leave out.
type reportFixture struct {
	book *leads.Book
	// counts[user][stars] is the number of leads.
	counts map[string]map[leads.Stars]int
}

func newReportFixture(t *testing.T) *reportFixture {
	t.Helper()
	ctx := context.Background()
	b := leads.New(memory.New())
	f := &reportFixture{book: b, counts: map[string]map[leads.Stars]int{}}
	add := func(name, user string, stars leads.Stars, source string, typ leads.RecordType) {
		l := &leads.Lead{FullName: name, Company: name + " Ltd", AssignedTo: user, Source: source, Type: typ,
			Score: leads.Score{Type: leads.ScoreManual, Stars: stars}}
		_, err := b.Create(ctx, l)
		require.NoError(t, err)
		if typ == leads.TypeLead {
			if f.counts[user] == nil {
				f.counts[user] = map[leads.Stars]int{}
			}
			f.counts[user][stars]++
		}
	}
	add("Ada Lovelace", "ann", 5, "Web", leads.TypeLead)
	add("Grace Hopper", "ann", 4, "Web", leads.TypeLead)
	add("Alan Turing", "ann", 4, "Trade show", leads.TypeLead)
	add("Barbara Liskov", "bob", 4, "Web", leads.TypeLead)
	add("Ken Thompson", "bob", 2, "Advertisement", leads.TypeLead)
	add("Dennis Ritchie", "bob", 2, "", leads.TypeLead)
	add("Rob Pike", "", 0, "Web", leads.TypeLead)
	add("Niklaus Wirth", "", 3, "Word of mouth", leads.TypeLead)
	add("Edsger Dijkstra", "ann", 5, "Web", leads.TypeContact)
	return f
}

func (f *reportFixture) run(t *testing.T, r leads.Report) *leads.ReportResult {
	t.Helper()
	res, err := f.book.RunReport(context.Background(), r)
	require.NoError(t, err)
	return res
}

func builtin(t *testing.T, name string) leads.Report {
	t.Helper()
	r, ok := leads.BuiltinReport(name)
	require.True(t, ok, name)
	return r
}

func groupSummary(gs []*leads.ReportGroup) map[string]int {
	out := map[string]int{}
	for _, g := range gs {
		out[g.Value] = g.Count
	}
	return out
}

func TestBuiltinReports(t *testing.T) {
	names := []string{}
	for _, r := range leads.BuiltinReports() {
		require.NoError(t, r.Validate(), r.Name)
		require.Equal(t, leads.CategoryLeads, r.Category)
		names = append(names, r.Name)
	}
	require.Equal(t, []string{"Leads by Assigned To", "Leads by Assigned To and Score", "Leads by Score"}, names)
	r, ok := leads.BuiltinReport(" leads by score ")
	require.True(t, ok)
	require.Equal(t, leads.ReportLeadsByScore, r.Name)
	_, ok = leads.BuiltinReport("Leads by Mood")
	require.False(t, ok)
	// Fresh values: changing one changes no other.
	a := leads.BuiltinReports()
	a[0].Columns[0] = "scribble"
	require.Equal(t, leads.FieldFileAs, leads.BuiltinReports()[0].Columns[0])
}

func TestLeadsByAssignedTo(t *testing.T) {
	f := newReportFixture(t)
	res := f.run(t, builtin(t, leads.ReportLeadsByAssignedTo))
	require.Equal(t, 8, res.Total, "the business contact is not a lead")
	want := map[string]int{}
	for user, byStars := range f.counts {
		for _, n := range byStars {
			want[user] += n
		}
	}
	require.Equal(t, want, groupSummary(res.Groups))
	// Groups in user order, the unassigned first; rows in File As order.
	require.Equal(t, []string{"(unassigned)", "ann", "bob"}, []string{res.Groups[0].Label, res.Groups[1].Label, res.Groups[2].Label})
	ann := res.Groups[1]
	require.Len(t, ann.Rows, 3)
	require.Equal(t, []string{"Hopper, Grace", "Lovelace, Ada", "Turing, Alan"}, []string{ann.Rows[0][0], ann.Rows[1][0], ann.Rows[2][0]})
	require.Equal(t, []string{"File As", "Company", "Phone", "E-mail", "Score", "Source"}, res.Header)
	require.Equal(t, []string{"Hopper, Grace", "Grace Hopper Ltd", "", "", "4", "Web"}, ann.Rows[0])
}

func TestLeadsByAssignedToAndScore(t *testing.T) {
	f := newReportFixture(t)
	res := f.run(t, builtin(t, leads.ReportLeadsByAssignedToAndScore))
	require.Equal(t, 8, res.Total)
	total := 0
	for _, g := range res.Groups {
		inner := 0
		prev := leads.MaxStars + 1
		for _, sub := range g.Groups {
			var stars leads.Stars
			stars, err := leads.ParseStars(sub.Value)
			require.NoError(t, err)
			require.Less(t, stars, prev, "highest score first within a user")
			prev = stars
			require.Equal(t, f.counts[g.Value][stars], sub.Count, "%s %d", g.Value, stars)
			require.Len(t, sub.Rows, sub.Count)
			require.Empty(t, sub.Groups)
			inner += sub.Count
		}
		require.Equal(t, inner, g.Count, "a group counts its nested groups")
		require.Empty(t, g.Rows, "rows live at the last level")
		total += g.Count
	}
	require.Equal(t, res.Total, total)
	ann := res.Groups[1]
	require.Equal(t, map[string]int{"5": 1, "4": 2}, groupSummary(ann.Groups))
	require.Equal(t, "★★★★☆ 4 stars", ann.Groups[1].Label)
}

func TestLeadsByScore(t *testing.T) {
	f := newReportFixture(t)
	res := f.run(t, builtin(t, leads.ReportLeadsByScore))
	var values []string
	for _, g := range res.Groups {
		values = append(values, g.Value)
	}
	require.Equal(t, []string{"5", "4", "3", "2", "0"}, values, "highest first")
	require.Equal(t, map[string]int{"5": 1, "4": 3, "3": 1, "2": 2, "0": 1}, groupSummary(res.Groups))
	require.Equal(t, "☆☆☆☆☆ 0 stars", res.Groups[4].Label)
	labels, counts := res.Chart()
	require.Equal(t, "★★★★★ 5 stars", labels[0])
	require.Equal(t, []int{1, 3, 1, 2, 1}, counts)
}

func TestCustomReport(t *testing.T) {
	f := newReportFixture(t)
	r := builtin(t, leads.ReportLeadsByAssignedTo)
	var err error
	r.Where, err = leads.ParseCond(`stars >= 3 and source = "Web"`)
	require.NoError(t, err)
	r.Columns = []leads.Field{leads.FieldFullName, leads.FieldStars}
	r.Sort = []leads.SortKey{leads.Desc(leads.FieldStars)}
	r.GroupBy = []leads.Field{leads.FieldSource}
	res := f.run(t, r)
	require.Equal(t, 3, res.Total, "Ada, Grace, Barbara; Rob has 0 stars; Edsger is a contact")
	require.Len(t, res.Groups, 1)
	require.Equal(t, "Web", res.Groups[0].Label)
	require.Equal(t, [][]string{{"Ada Lovelace", "5"}, {"Grace Hopper", "4"}, {"Barbara Liskov", "4"}}, res.Groups[0].Rows,
		"stars highest first, then File As")

	// No grouping: the rows are the result's own.
	r.GroupBy = nil
	r.Types = nil
	res = f.run(t, r)
	require.Empty(t, res.Groups)
	require.Len(t, res.Rows, 4, "Edsger the contact joins")
	require.Equal(t, 4, res.Total)
	labels, counts := res.Chart()
	require.Equal(t, []string{"Total"}, labels)
	require.Equal(t, []int{4}, counts)

	// Group by a field with no value: "(none)".
	r.GroupBy = []leads.Field{leads.FieldSource}
	r.Where = leads.Cond{}
	res = f.run(t, r)
	require.Equal(t, "(none)", res.Groups[0].Label)
	require.Equal(t, 1, res.Groups[0].Count)
}

func TestReportValidate(t *testing.T) {
	good := builtin(t, leads.ReportLeadsByScore)
	require.NoError(t, good.Validate())

	bad := good
	bad.Name = " "
	bad.Category = "Accounts"
	bad.Columns = []leads.Field{leads.FieldFileAs, "shoe_size"}
	bad.Sort = []leads.SortKey{leads.Asc("mood")}
	bad.GroupBy = []leads.Field{"hair", leads.FieldStars, leads.FieldStars}
	bad.Where = leads.Eq("nosuch", "1")
	err := bad.Validate()
	requireFieldErrors(t, err, "name", "category", "columns[1]", "sort[0]", "group_by[0]", "group_by[2]", "where.field")
	require.Contains(t, err.Error(), `"shoe_size"`)
	require.Contains(t, err.Error(), `"nosuch"`)

	none := good
	none.Columns = nil
	requireFieldErrors(t, none.Validate(), "columns")

	value := good
	value.Where = leads.Eq(leads.FieldStars, "many")
	requireFieldErrors(t, value.Validate(), "where.values[0]")

	_, err = leads.New(memory.New()).RunReport(context.Background(), bad)
	require.ErrorIs(t, err, leads.ErrInvalid, "a bad report does not run")
	require.NotContains(t, err.Error(), "name", "a report runs without a name")

	unnamed := good
	unnamed.Name = ""
	requireFieldErrors(t, unnamed.Validate(), "name")
	_, err = leads.New(memory.New()).RunReport(context.Background(), unnamed)
	require.NoError(t, err, "an ad-hoc report needs no name")
}

func TestReportJSON(t *testing.T) {
	r := builtin(t, leads.ReportLeadsByAssignedToAndScore)
	r.Where = leads.And(leads.Between(leads.FieldStars, "3", ""), leads.Eq(leads.FieldSource, "Web"))
	b, err := json.Marshal(r)
	require.NoError(t, err)
	require.Contains(t, string(b), `"group_by":["assigned_to","stars"]`)
	require.Contains(t, string(b), `"types":["lead"]`)
	var back leads.Report
	require.NoError(t, json.Unmarshal(b, &back))
	require.Equal(t, r, back)
	require.Equal(t, &r, r.Clone())
}

func TestSavedReports(t *testing.T) {
	ctx := context.Background()
	f := newReportFixture(t)
	b := f.book

	r := builtin(t, leads.ReportLeadsByScore)
	r.Name = "Hot leads"
	r.ID = [16]byte{}
	r.Where = leads.Between(leads.FieldStars, "4", "")
	saved, err := b.Reports().Create(ctx, &r)
	require.NoError(t, err)
	require.Equal(t, leads.ReportID("Hot leads"), saved.ID)
	require.EqualValues(t, 1, saved.Version)

	opened, err := b.Reports().Get(ctx, "hot LEADS")
	require.NoError(t, err)
	require.Equal(t, saved, opened)
	res, err := b.RunReport(ctx, *opened)
	require.NoError(t, err)
	require.Equal(t, 4, res.Total)

	// A taken name: a conflict naming it, nothing saved.
	other := r
	other.Name = "Hot Leads "
	other.Columns = []leads.Field{leads.FieldFullName}
	_, err = b.Reports().Create(ctx, &other)
	require.ErrorIs(t, err, leads.ErrConflict)
	require.Contains(t, err.Error(), "Hot Leads")
	opened, err = b.Reports().Get(ctx, "Hot leads")
	require.NoError(t, err)
	require.Equal(t, saved.Columns, opened.Columns)

	other.Name = "leads by score"
	_, err = b.Reports().Create(ctx, &other)
	require.ErrorIs(t, err, leads.ErrConflict, "built-in names are taken")

	// An invalid report is not saved.
	other.Name = "Broken"
	other.Columns = []leads.Field{"nosuch"}
	_, err = b.Reports().Create(ctx, &other)
	requireFieldErrors(t, err, "columns[0]")
	_, err = b.Reports().Get(ctx, "Broken")
	require.ErrorIs(t, err, leads.ErrNotFound)
	require.Contains(t, err.Error(), "Broken")

	all, err := leads.Collect(b.Reports().List(ctx))
	require.NoError(t, err)
	var names []string
	for _, r := range all {
		names = append(names, r.Name)
	}
	require.Equal(t, []string{leads.ReportLeadsByAssignedTo, leads.ReportLeadsByAssignedToAndScore, leads.ReportLeadsByScore, "Hot leads"}, names)

	require.ErrorIs(t, b.Reports().Delete(ctx, "Leads by Score"), leads.ErrInvalid)
	require.NoError(t, b.Reports().Delete(ctx, "hot leads"))
	err = b.Reports().Delete(ctx, "hot leads")
	require.ErrorIs(t, err, leads.ErrNotFound)
	require.Contains(t, err.Error(), "hot leads")
	all, err = leads.Collect(b.Reports().List(ctx))
	require.NoError(t, err)
	require.Len(t, all, 3)
}

func TestColumnTitle(t *testing.T) {
	for f, want := range map[leads.Field]string{leads.FieldFileAs: "File As", leads.FieldAssignedTo: "Assigned To",
		leads.FieldEmail: "E-mail", leads.FieldStars: "Score", leads.CustomField("Region"): "Region", leads.FieldJobTitle: "Job Title"} {
		require.Equal(t, want, leads.ColumnTitle(f))
	}
}

// listOnly hides a store's LeadScanner, so a report runs through List, as
// over a SQL store.
type listOnly struct{ leads.LeadRepository }

// TestReportScanMatchesList checks that the two ways a report runs, over a
// scanner (bucketed, sorted per group) and over List (sorted by the
// store), give the same result, for every kind of grouping.
func TestReportScanMatchesList(t *testing.T) {
	ctx := context.Background()
	s := memory.New()
	b := leads.New(s)
	users := []string{"ann", "Ann", "bob", ""}
	sources := []string{"Web", "web", "Trade show", ""}
	for i := range 120 {
		l := &leads.Lead{FullName: []string{"Ada", "grace", "Alan", "Zoë"}[i%4] + " " + []string{"Lovelace", "hopper", "Turing"}[i%3],
			Company: []string{"Acme", "acme", "Zenith", ""}[i%4], AssignedTo: users[i%4], Source: sources[i/4%4],
			Type: leads.RecordType(i % 5 / 4), Score: leads.Score{Type: leads.ScoreManual, Stars: leads.Stars(i % 6)},
			Emails: []leads.Email{{Address: "x" + string(rune('a'+i%26)) + "@example.com"}}}
		_, err := b.Create(ctx, l)
		require.NoError(t, err)
	}
	_, isScanner := s.Leads().(leads.LeadScanner)
	require.True(t, isScanner, "the memory store scans")

	reports := leads.BuiltinReports()
	custom := reports[0]
	custom.Name, custom.Types = "custom", nil
	for _, g := range [][]leads.Field{nil, {leads.FieldSource}, {leads.FieldCompany, leads.FieldAssignedTo, leads.FieldStars},
		{leads.FieldScore}, {leads.FieldCreatedAt}, {leads.FieldEmail, leads.FieldType}} {
		for _, sort := range [][]leads.SortKey{nil, {leads.Desc(leads.FieldCompany), leads.Desc(leads.FieldFullName)},
			{leads.Desc(leads.FieldScore), leads.Asc(leads.FieldStars)}} {
			c := custom
			c.GroupBy, c.Sort = g, sort
			c.Where = leads.Not(leads.Eq(leads.FieldStars, "3"))
			reports = append(reports, c)
		}
	}
	for _, r := range reports {
		scanned, err := leads.RunReport(ctx, s.Leads(), r)
		require.NoError(t, err)
		listed, err := leads.RunReport(ctx, listOnly{s.Leads()}, r)
		require.NoError(t, err)
		require.Equal(t, listed, scanned, "%s grouped by %v sorted by %v", r.Name, r.GroupBy, r.Sort)
		require.Positive(t, scanned.Total)
	}
}
