package xlsxfile_test

import (
	"bytes"
	"context"
	"testing"

	"github.com/leadkit/leads"
	"github.com/leadkit/leads/importexport"
	"github.com/leadkit/leads/importexport/xlsxfile"
	"github.com/leadkit/leads/storage/memory"
	"github.com/stretchr/testify/require"
	"github.com/xuri/excelize/v2"
)

// TestExportDateCells: a date in a date column (Birthday, Anniversary) is
// a date cell that shows, and reads back, as YYYY-MM-DD; other values
// there stay text.
func TestExportDateCells(t *testing.T) {
	ctx := context.Background()
	book := leads.New(memory.New())
	_, err := book.Create(ctx, &leads.Lead{FullName: "Ada Lovelace", Custom: map[string]string{"Birthday": "1990-12-10", "Anniversary": "some day"}})
	require.NoError(t, err)
	_, err = book.Create(ctx, &leads.Lead{FullName: "Zed Old", Custom: map[string]string{"Birthday": "1815-12-10"}})
	require.NoError(t, err)
	var buf bytes.Buffer
	_, err = xlsxfile.Export(ctx, &buf, importexport.Records(ctx, book.Store(), nil))
	require.NoError(t, err)
	f, err := excelize.OpenReader(&buf)
	require.NoError(t, err)
	defer f.Close()
	col := func(name string) string {
		for i, c := range importexport.OutlookColumns() {
			if c == name {
				cell, err := excelize.CoordinatesToCellName(i+1, 2)
				require.NoError(t, err)
				return cell
			}
		}
		t.Fatalf("no column %s", name)
		return ""
	}
	birthday, anniversary := col("Birthday"), col("Anniversary")
	v, err := f.GetCellValue("Leads", birthday)
	require.NoError(t, err)
	require.Equal(t, "1990-12-10", v, "shown as the date it was")
	raw, err := f.GetCellValue("Leads", birthday, excelize.Options{RawCellValue: true})
	require.NoError(t, err)
	require.Equal(t, "33217", raw, "stored as a date serial, not text")
	typ, err := f.GetCellType("Leads", anniversary)
	require.NoError(t, err)
	require.Contains(t, []excelize.CellType{excelize.CellTypeSharedString, excelize.CellTypeInlineString}, typ, "text that is no date stays text")
	old := birthday[:len(birthday)-1] + "3"
	typ, err = f.GetCellType("Leads", old)
	require.NoError(t, err)
	require.Contains(t, []excelize.CellType{excelize.CellTypeSharedString, excelize.CellTypeInlineString}, typ, "a day before 1900-03-01 stays text")
	v, err = f.GetCellValue("Leads", old)
	require.NoError(t, err)
	require.Equal(t, "1815-12-10", v)
	rows, err := f.Rows("Leads")
	require.NoError(t, err)
	rows.Next()
	rows.Next()
	cells, err := rows.Columns()
	require.NoError(t, err)
	require.Contains(t, cells, "1990-12-10", "the reader sees the date as written")
}
