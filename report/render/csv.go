package render

import (
	"encoding/csv"
	"io"

	"github.com/leadkit/leads/report"
)

// CSV writes res as comma-separated values (RFC 4180, as encoding/csv
// writes them): a header row, then one row per record. The group fields
// come first, as columns of their own, so every row stands alone and the
// file reads back into a spreadsheet or an import unchanged; the counts
// are left to whoever reads it.
func CSV(w io.Writer, res *report.Result) error {
	cw := csv.NewWriter(w)
	header := make([]string, 0, len(res.GroupBy)+len(res.Header))
	for _, g := range res.GroupBy {
		header = append(header, report.ColumnTitle(g))
	}
	header = append(header, res.Header...)
	if err := cw.Write(header); err != nil {
		return err
	}
	rec := make([]string, len(header))
	var werr error
	visit(res, nil, func(path []*report.Group, cells []string) {
		if werr != nil {
			return
		}
		rec = rec[:0]
		for _, g := range path {
			rec = append(rec, g.Value)
		}
		rec = append(rec, cells...)
		werr = cw.Write(rec)
	})
	if werr != nil {
		return werr
	}
	cw.Flush()
	return cw.Error()
}
