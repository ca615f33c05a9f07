package storagetest

import (
	"errors"
	"testing"

	"github.com/leadkit/leads"
	"github.com/leadkit/leads/report"
	"github.com/stretchr/testify/require"
)

func listReports(t *testing.T, tx leads.Tx) []*leads.Report {
	t.Helper()
	var out []*leads.Report
	for r, err := range tx.Reports().List(ctx) {
		require.NoError(t, err)
		out = append(out, r)
	}
	return out
}

// customReport is a saved report that uses every part of a definition.
func customReport(name string) *leads.Report {
	return &leads.Report{
		ID: leads.ReportID(name), Name: name, Category: leads.CategoryLeads,
		Types:   []leads.RecordType{leads.TypeLead},
		Columns: []leads.Field{leads.FieldFileAs, leads.FieldCompany, leads.FieldStars},
		Where: leads.And(leads.Between(leads.FieldStars, "3", ""),
			leads.Or(leads.Eq(leads.FieldSource, "Web"), leads.Not(leads.Empty(leads.FieldEmail)))),
		Sort:    []leads.SortKey{leads.Desc(leads.FieldStars), leads.Asc(leads.FieldFileAs)},
		GroupBy: []leads.Field{leads.FieldAssignedTo, leads.FieldSource},
	}
}

// testReports checks the life cycle of saved reports: create, get, a name
// taken twice, list in name order, update, delete, and rollback.
func testReports(t *testing.T, s leads.Store) {
	require.Empty(t, listReports(t, s), "a new store has no saved reports")

	hot := customReport("Hot web leads")
	require.NoError(t, s.Reports().Create(ctx, hot))
	require.EqualValues(t, 1, hot.Version)
	got, err := s.Reports().Get(ctx, hot.ID)
	require.NoError(t, err)
	require.Equal(t, hot, got, "a saved report opens exactly as it was saved")

	again := customReport("hot web leads ")
	again.Columns = []leads.Field{leads.FieldFullName}
	require.ErrorIs(t, s.Reports().Create(ctx, again), leads.ErrConflict, "the same name, folded")
	got, err = s.Reports().Get(ctx, hot.ID)
	require.NoError(t, err)
	require.Equal(t, hot.Columns, got.Columns, "a refused create changes nothing")

	cold := customReport("Cold leads")
	cold.Where = leads.Cond{}
	cold.GroupBy = nil
	require.NoError(t, s.Reports().Create(ctx, cold))
	list := listReports(t, s)
	require.Len(t, list, 2)
	require.Equal(t, []string{"Cold leads", "Hot web leads"}, []string{list[0].Name, list[1].Name})
	require.Equal(t, cold, list[0])

	got.Columns[0] = "scribble" // a copy
	got, err = s.Reports().Get(ctx, hot.ID)
	require.NoError(t, err)
	require.Equal(t, leads.FieldFileAs, got.Columns[0])

	upd, err := s.Reports().Update(ctx, hot.ID, func(r *leads.Report) error {
		r.Sort = []leads.SortKey{leads.Asc(leads.FieldCompany)}
		return nil
	})
	require.NoError(t, err)
	require.EqualValues(t, 2, upd.Version)
	got, err = s.Reports().Get(ctx, hot.ID)
	require.NoError(t, err)
	require.Equal(t, upd, got)

	err = s.Atomic(ctx, func(tx leads.Tx) error {
		require.NoError(t, tx.Reports().Delete(ctx, hot.ID))
		require.Len(t, listReports(t, tx), 1, "reads in the transaction see its deletes")
		return errors.New("roll back")
	})
	require.Error(t, err)
	require.Len(t, listReports(t, s), 2, "a rolled back delete deletes nothing")

	require.NoError(t, s.Reports().Delete(ctx, hot.ID))
	_, err = s.Reports().Get(ctx, hot.ID)
	require.ErrorIs(t, err, leads.ErrNotFound)
	require.ErrorIs(t, s.Reports().Delete(ctx, hot.ID), leads.ErrNotFound)
	require.Equal(t, []*leads.Report{cold}, listReports(t, s))
}

// testReportRuns checks that a report run over the store counts what a
// plain query counts: the store answers the report's query identically.
func testReportRuns(t *testing.T, s leads.Store) {
	n := 40
	for i := range n {
		create(t, s, Sample(i))
	}
	r, _ := leads.BuiltinReport(leads.ReportLeadsByAssignedToAndScore)
	res, err := report.Run(ctx, s, r)
	require.NoError(t, err)
	want, err := s.Leads().Count(ctx, leads.Query{Types: r.Types})
	require.NoError(t, err)
	require.Equal(t, want, res.Total)
	sum := 0
	for _, g := range res.Groups {
		inner := 0
		for _, sub := range g.Groups {
			q := leads.Query{Types: r.Types, Where: leads.And(leads.Eq(leads.FieldAssignedTo, g.Value),
				leads.Eq(leads.FieldStars, sub.Value))}
			c, err := s.Leads().Count(ctx, q)
			require.NoError(t, err)
			require.Equal(t, c, sub.Count, "%s / %s", g.Label, sub.Label)
			require.Len(t, sub.Rows, sub.Count)
			inner += sub.Count
		}
		require.Equal(t, g.Count, inner)
		sum += g.Count
	}
	require.Equal(t, res.Total, sum)
}
