// Package render writes the result of a lead report (report.Result)
// for people: an aligned text table, CSV, a self-contained HTML page with a
// bar chart of the group counts, and an XLSX workbook with a chart.
//
// It is kept apart from the root package so that the domain imports no
// file format: a host application that only runs reports does not link
// the spreadsheet library. Every renderer writes to an io.Writer and
// returns the first write error.
package render

import (
	"fmt"
	"io"
	"strings"

	"github.com/leadkit/leads"
	"github.com/leadkit/leads/report"
)

// Format names an output format.
type Format string

// The formats a report renders to.
const (
	FormatText Format = "text"
	FormatCSV  Format = "csv"
	FormatHTML Format = "html"
	FormatXLSX Format = "xlsx"
)

// Formats lists the formats, in the order help texts name them.
func Formats() []Format { return []Format{FormatText, FormatCSV, FormatHTML, FormatXLSX} }

// ParseFormat reads a format name, ignoring case.
func ParseFormat(s string) (Format, error) {
	for _, f := range Formats() {
		if strings.EqualFold(strings.TrimSpace(s), string(f)) {
			return f, nil
		}
	}
	return "", &leads.FieldError{Field: "format", Reason: fmt.Sprintf("unknown report format %q (text, csv, html or xlsx)", s)}
}

// Write renders res in format f.
func Write(w io.Writer, f Format, res *report.Result) error {
	switch f {
	case FormatText:
		return Text(w, res)
	case FormatCSV:
		return CSV(w, res)
	case FormatHTML:
		return HTML(w, res)
	case FormatXLSX:
		return XLSX(w, res)
	}
	_, err := ParseFormat(string(f))
	return err
}

// visit calls group for every group, depth first in report order, and row
// for every row, with the group path that leads to it.
func visit(res *report.Result, group func(depth int, g *report.Group), row func(path []*report.Group, cells []string)) {
	for _, r := range res.Rows {
		row(nil, r)
	}
	var walk func(path []*report.Group, gs []*report.Group)
	walk = func(path []*report.Group, gs []*report.Group) {
		for _, g := range gs {
			p := append(path, g)
			if group != nil {
				group(len(path), g)
			}
			for _, r := range g.Rows {
				row(p, r)
			}
			walk(p, g.Groups)
		}
	}
	walk(nil, res.Groups)
}

func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}

// totalLine says how many records the report holds, naming them leads or
// business contacts when the report covers only those.
func totalLine(res *report.Result) string {
	one, many := "record", "records"
	if len(res.Types) == 1 && res.Types[0] == leads.TypeLead {
		one, many = "lead", "leads"
	} else if len(res.Types) == 1 && res.Types[0] == leads.TypeContact {
		one, many = "business contact", "business contacts"
	}
	return fmt.Sprintf("Total: %d %s", res.Total, plural(res.Total, one, many))
}
