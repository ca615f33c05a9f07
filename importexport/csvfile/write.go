package csvfile

import (
	"context"
	"encoding/csv"
	"io"
	"iter"

	"github.com/leadkit/leads"
	"github.com/leadkit/leads/importexport"
)

// ExportOptions configure Export.
type ExportOptions struct {
	// NoBOM leaves out the UTF-8 byte order mark. By default the file
	// starts with one, because Excel opens a CSV file without it as ANSI
	// (mangling every accented letter) and Outlook's import reads it as
	// Unicode only with it.
	NoBOM bool
}

// Export writes the records in Outlook's CSV layout (importexport.
// OutlookColumns): every Outlook column, CRLF line ends, fields quoted where
// needed, cells neutralized against formula injection (importexport.
// Neutralize). It returns how many records it wrote.
func Export(ctx context.Context, w io.Writer, records iter.Seq2[*leads.Lead, error], opt ExportOptions) (int, error) {
	if !opt.NoBOM {
		if _, err := io.WriteString(w, "\uFEFF"); err != nil {
			return 0, err
		}
	}
	cw := csv.NewWriter(w)
	cw.UseCRLF = true
	if err := cw.Write(importexport.OutlookColumns()); err != nil {
		return 0, err
	}
	rec := make([]string, len(importexport.OutlookColumns()))
	n := 0
	for l, err := range records {
		if err != nil {
			return n, err
		}
		if n%1024 == 0 {
			if err := ctx.Err(); err != nil {
				return n, err
			}
		}
		importexport.OutlookRecord(l, rec)
		for i, c := range rec {
			rec[i] = importexport.Neutralize(c)
		}
		if err := cw.Write(rec); err != nil {
			return n, err
		}
		n++
	}
	cw.Flush()
	return n, cw.Error()
}
