package xlsxfile

import (
	"context"
	"io"
	"iter"

	"github.com/leadkit/leads"
	"github.com/leadkit/leads/importexport"
	"github.com/xuri/excelize/v2"
)

// Export writes the records to a workbook with one sheet, "Leads", in the
// Outlook column layout (importexport.OutlookColumns), every cell a text
// cell neutralized against formula injection, except the days in the date
// columns (Birthday, Anniversary), which are date cells shown YYYY-MM-DD.
// It returns how many records it wrote.
func Export(ctx context.Context, w io.Writer, records iter.Seq2[*leads.Lead, error]) (int, error) {
	f := excelize.NewFile()
	defer f.Close()
	const sheet = "Leads"
	if err := f.SetSheetName("Sheet1", sheet); err != nil {
		return 0, err
	}
	dateStyle, err := newDateStyle(f)
	if err != nil {
		return 0, err
	}
	sw, err := f.NewStreamWriter(sheet)
	if err != nil {
		return 0, err
	}
	cols := importexport.OutlookColumns()
	row := make([]any, len(cols))
	for i, c := range cols {
		row[i] = c
	}
	if err := sw.SetRow("A1", row); err != nil {
		return 0, err
	}
	rec := make([]string, len(cols))
	n := 0
	for l, err := range records {
		if err != nil {
			return n, err
		}
		if err := ctx.Err(); err != nil {
			return n, err
		}
		importexport.OutlookRecord(l, rec)
		for i, c := range rec {
			row[i] = exportCell(cols[i], c, dateStyle)
		}
		cell, err := excelize.CoordinatesToCellName(1, n+2)
		if err != nil {
			return n, err
		}
		if err := sw.SetRow(cell, row); err != nil {
			return n, err
		}
		n++
	}
	if err := sw.Flush(); err != nil {
		return n, err
	}
	return n, f.Write(w)
}
