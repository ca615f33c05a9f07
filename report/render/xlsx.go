package render

import (
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/leadkit/leads"
	"github.com/leadkit/leads/report"
	"github.com/shopspring/decimal"
	"github.com/xuri/excelize/v2"
)

// The sheets of a report workbook.
const (
	sheetReport = "Report"
	sheetGroups = "Groups"
)

// XLSX writes res as an Excel workbook. The sheet "Report" holds the report
// name, a header row (frozen), a bold heading row per group with its count,
// the rows and the total; numbers are stored as numbers. The sheet
// "Groups" lists each top-level group with its count, and a bar chart of
// them sits beside the table on the first sheet.
func XLSX(w io.Writer, res *report.Result) error {
	f := excelize.NewFile()
	defer f.Close()
	if err := f.SetSheetName("Sheet1", sheetReport); err != nil {
		return err
	}
	x := &xlsxWriter{f: f, row: 1}
	bold, err := f.NewStyle(&excelize.Style{Font: &excelize.Font{Bold: true}})
	if err != nil {
		return err
	}
	title, err := f.NewStyle(&excelize.Style{Font: &excelize.Font{Bold: true, Size: 14}})
	if err != nil {
		return err
	}
	header, err := f.NewStyle(&excelize.Style{Font: &excelize.Font{Bold: true},
		Fill:   excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"DCE6F1"}},
		Border: []excelize.Border{{Type: "bottom", Color: "7F7F7F", Style: 1}}})
	if err != nil {
		return err
	}

	x.put([]any{res.Name}, title)
	x.row++
	headerRow := x.row
	cells := make([]any, len(res.Header))
	for i, h := range res.Header {
		cells[i] = h
	}
	x.put(cells, header)
	dates, err := f.NewStyle(&excelize.Style{CustomNumFmt: &isoDate})
	if err != nil {
		return err
	}
	visit(res, func(depth int, g *report.Group) {
		label := fmt.Sprintf("%s%s: %s (%d)", strings.Repeat("    ", depth), report.ColumnTitle(g.Field), g.Label, g.Count)
		x.put([]any{label}, bold)
	}, func(_ []*report.Group, row []string) {
		vals := make([]any, len(row))
		for i, c := range row {
			vals[i] = cellValue(res.Columns[i], c, res.CustomTypes)
		}
		x.put(vals, 0)
		for i, v := range vals {
			if _, ok := v.(time.Time); ok && x.err == nil {
				cell, _ := excelize.CoordinatesToCellName(i+1, x.row-1)
				x.err = f.SetCellStyle(sheetReport, cell, cell, dates)
			}
		}
	})
	x.row++
	x.put([]any{totalLine(res)}, bold)
	if x.err != nil {
		return x.err
	}
	for i := range res.Header {
		col, _ := excelize.ColumnNumberToName(i + 1)
		if err := f.SetColWidth(sheetReport, col, col, 22); err != nil {
			return err
		}
	}
	if err := f.SetPanes(sheetReport, &excelize.Panes{Freeze: true, YSplit: headerRow, TopLeftCell: fmt.Sprintf("A%d", headerRow+1), ActivePane: "bottomLeft"}); err != nil {
		return err
	}

	if err := groupsSheet(f, res); err != nil {
		return err
	}
	return f.Write(w)
}

// groupsSheet writes the group counts and the chart that draws them.
func groupsSheet(f *excelize.File, res *report.Result) error {
	if _, err := f.NewSheet(sheetGroups); err != nil {
		return err
	}
	labels, counts := res.Chart()
	first := "Group"
	if len(res.GroupBy) > 0 {
		first = report.ColumnTitle(res.GroupBy[0])
	}
	if err := f.SetSheetRow(sheetGroups, "A1", &[]any{first, "Count"}); err != nil {
		return err
	}
	for i, l := range labels {
		if err := f.SetSheetRow(sheetGroups, fmt.Sprintf("A%d", i+2), &[]any{l, counts[i]}); err != nil {
			return err
		}
	}
	last := len(labels) + 1
	anchor, _ := excelize.ColumnNumberToName(len(res.Header) + 2)
	return f.AddChart(sheetReport, anchor+"3", &excelize.Chart{
		Type: excelize.Bar,
		Series: []excelize.ChartSeries{{
			Name:       fmt.Sprintf("%s!$B$1", sheetGroups),
			Categories: fmt.Sprintf("%s!$A$2:$A$%d", sheetGroups, last),
			Values:     fmt.Sprintf("%s!$B$2:$B$%d", sheetGroups, last),
		}},
		Title:  excelize.ChartTitle{Paragraph: []excelize.RichTextRun{{Text: res.Name}}},
		Legend: excelize.ChartLegend{Position: "none"},
		XAxis:  excelize.ChartAxis{ReverseOrder: true},
	})
}

// xlsxWriter writes rows one after another and keeps the first error.
type xlsxWriter struct {
	f   *excelize.File
	row int
	err error
}

func (x *xlsxWriter) put(vals []any, style int) {
	if x.err != nil {
		return
	}
	cell := fmt.Sprintf("A%d", x.row)
	if x.err = x.f.SetSheetRow(sheetReport, cell, &vals); x.err == nil && style != 0 {
		end, _ := excelize.ColumnNumberToName(max(1, len(vals)))
		x.err = x.f.SetCellStyle(sheetReport, cell, fmt.Sprintf("%s%d", end, x.row), style)
	}
	x.row++
}

var isoDate = "yyyy-mm-dd"

// cellValue stores whole-number fields (stars, version) and custom fields
// typed as numbers (res.CustomTypes) as numbers, so a spreadsheet sums and
// sorts them, and custom dates as dates (time.Time, which XLSX shows as
// YYYY-MM-DD). A custom number that a spreadsheet's binary floating
// point cannot hold exactly, and a value that does not read as its type,
// stays text, as does everything else.
func cellValue(f leads.Field, s string, types map[string]leads.CustomType) any {
	if name, ok := strings.CutPrefix(string(f), "custom."); ok {
		t := types[name]
		c, ok := t.QueryValue(s)
		switch {
		case !ok || s != strings.TrimSpace(s):
		case t == leads.CustomNumber:
			if d, err := decimal.NewFromString(c); err == nil {
				if x := d.InexactFloat64(); decimal.NewFromFloat(x).Equal(d) {
					return x
				}
			}
		case t == leads.CustomDate:
			// Excel counts days from 1900, and takes 1900 for a leap
			// year: earlier days stay text.
			if d, err := time.Parse(time.DateOnly, c); err == nil && !d.Before(time.Date(1900, 3, 1, 0, 0, 0, 0, time.UTC)) {
				return d
			}
		}
		return s
	}
	if k, ok := f.Kind(); ok && k == leads.KindInt {
		var n int64
		if _, err := fmt.Sscan(s, &n); err == nil {
			return n
		}
	}
	return s
}
