package render_test

import (
	"bytes"
	"context"
	"testing"

	"github.com/stretchr/testify/require"
	"github.com/xuri/excelize/v2"

	"github.com/leadkit/leads"
	"github.com/leadkit/leads/report"
	"github.com/leadkit/leads/report/render"
	"github.com/leadkit/leads/storage/memory"
)

// TestXLSXTypedCustomCells: custom columns typed as numbers and dates by
// their definitions are number and date cells; a value that does not
// read as the type, and a number a double cannot hold, stay text.
func TestXLSXTypedCustomCells(t *testing.T) {
	ctx := context.Background()
	s := memory.New()
	b := leads.New(s)
	for _, d := range []leads.FieldDefinition{{Name: "Employees", Type: leads.CustomNumber}, {Name: "Founded", Type: leads.CustomDate}} {
		_, err := b.Fields().Create(ctx, &d)
		require.NoError(t, err)
	}
	for _, l := range []*leads.Lead{
		{FullName: "A", Custom: map[string]string{"Employees": "9.5", "Founded": "2026-11-27"}},
		{FullName: "B", Custom: map[string]string{"Employees": "12345678901234567890.1"}},
	} {
		_, err := b.Create(ctx, l)
		require.NoError(t, err)
	}
	legacy := &leads.Lead{FullName: "C", FileAs: "C", Custom: map[string]string{"Employees": "many", "Founded": "soon"}}
	legacy.ID = [16]byte{1}
	require.NoError(t, s.Leads().Create(ctx, legacy))
	res, err := report.Run(ctx, b.Store(), leads.Report{Columns: []leads.Field{leads.FieldFullName, leads.CustomField("Employees"), leads.CustomField("Founded")}})
	require.NoError(t, err)
	require.Equal(t, map[string]leads.CustomType{"Employees": leads.CustomNumber, "Founded": leads.CustomDate}, res.CustomTypes)

	var buf bytes.Buffer
	require.NoError(t, render.XLSX(&buf, res))
	f, err := excelize.OpenReader(&buf)
	require.NoError(t, err)
	defer f.Close()
	rows, err := f.GetRows("Report")
	require.NoError(t, err)
	require.Equal(t, []string{"A", "9.5", "2026-11-27"}, rows[3])
	for cell, want := range map[string]excelize.CellType{
		"B4": excelize.CellTypeNumber, "C4": excelize.CellTypeNumber, // a date is a number with a date format
		"B5": excelize.CellTypeSharedString, // 20 digits: a double would round it
		"B6": excelize.CellTypeSharedString, "C6": excelize.CellTypeSharedString,
	} {
		typ, err := f.GetCellType("Report", cell)
		require.NoError(t, err)
		if typ == excelize.CellTypeUnset {
			typ = excelize.CellTypeNumber // excelize leaves the type of numbers unset
		}
		require.Equal(t, want, typ, cell)
	}
	raw, err := f.GetCellValue("Report", "C4", excelize.Options{RawCellValue: true})
	require.NoError(t, err)
	require.Equal(t, "46353", raw, "2026-11-27 as an Excel date serial")
}
