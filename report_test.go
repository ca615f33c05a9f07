package leads_test

import (
	"context"
	"encoding/json"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/leadkit/leads"
	"github.com/leadkit/leads/report"
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

func builtin(t *testing.T, name string) leads.Report {
	t.Helper()
	r, ok := leads.BuiltinReport(name)
	require.True(t, ok, name)
	return r
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

	_, err = report.Run(context.Background(), memory.New(), bad)
	require.ErrorIs(t, err, leads.ErrInvalid, "a bad report does not run")
	require.NotContains(t, err.Error(), "name", "a report runs without a name")

	unnamed := good
	unnamed.Name = ""
	requireFieldErrors(t, unnamed.Validate(), "name")
	_, err = report.Run(context.Background(), memory.New(), unnamed)
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
	res, err := report.Run(ctx, b.Store(), *opened)
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
