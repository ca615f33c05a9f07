package storagetest

import (
	"errors"
	"testing"

	"github.com/leadkit/leads"
)

func listReports(t *testing.T, tx leads.Tx) []*leads.Report {
	t.Helper()
	var out []*leads.Report
	for r, err := range tx.Reports().List(ctx) {
		mustNoError(t, err)
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
	mustEmpty(t, listReports(t, s), "a new store has no saved reports")

	hot := customReport("Hot web leads")
	mustNoError(t, s.Reports().Create(ctx, hot))
	mustEqualValues(t, 1, hot.Version)
	got, err := s.Reports().Get(ctx, hot.ID)
	mustNoError(t, err)
	mustEqual(t, hot, got, "a saved report opens exactly as it was saved")

	again := customReport("hot web leads ")
	again.Columns = []leads.Field{leads.FieldFullName}
	mustErrorIs(t, s.Reports().Create(ctx, again), leads.ErrConflict, "the same name, folded")
	got, err = s.Reports().Get(ctx, hot.ID)
	mustNoError(t, err)
	mustEqual(t, hot.Columns, got.Columns, "a refused create changes nothing")

	cold := customReport("Cold leads")
	cold.Where = leads.Cond{}
	cold.GroupBy = nil
	mustNoError(t, s.Reports().Create(ctx, cold))
	list := listReports(t, s)
	mustLen(t, list, 2)
	mustEqual(t, []string{"Cold leads", "Hot web leads"}, []string{list[0].Name, list[1].Name})
	mustEqual(t, cold, list[0])

	got.Columns[0] = "scribble" // a copy
	got, err = s.Reports().Get(ctx, hot.ID)
	mustNoError(t, err)
	mustEqual(t, leads.FieldFileAs, got.Columns[0])

	upd, err := s.Reports().Update(ctx, hot.ID, func(r *leads.Report) error {
		r.Sort = []leads.SortKey{leads.Asc(leads.FieldCompany)}
		return nil
	})
	mustNoError(t, err)
	mustEqualValues(t, 2, upd.Version)
	got, err = s.Reports().Get(ctx, hot.ID)
	mustNoError(t, err)
	mustEqual(t, upd, got)

	err = s.Atomic(ctx, func(tx leads.Tx) error {
		mustNoError(t, tx.Reports().Delete(ctx, hot.ID))
		mustLen(t, listReports(t, tx), 1, "reads in the transaction see its deletes")
		return errors.New("roll back")
	})
	mustError(t, err)
	mustLen(t, listReports(t, s), 2, "a rolled back delete deletes nothing")

	mustNoError(t, s.Reports().Delete(ctx, hot.ID))
	_, err = s.Reports().Get(ctx, hot.ID)
	mustErrorIs(t, err, leads.ErrNotFound)
	mustErrorIs(t, s.Reports().Delete(ctx, hot.ID), leads.ErrNotFound)
	mustEqual(t, []*leads.Report{cold}, listReports(t, s))
}
