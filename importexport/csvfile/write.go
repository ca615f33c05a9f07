package csvfile

import (
	"bufio"
	"context"
	"io"
	"iter"
	"strings"
	"unicode"
	"unicode/utf8"

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
//
// A quoted field is written as it is, its quotes doubled (RFC 4180): a
// carriage return, a line feed or a CRLF inside a value stays what it was,
// and the reader of this package gives it back unchanged. (encoding/csv's
// writer with CRLF line ends drops a lone CR and turns LF into CRLF.)
func Export(ctx context.Context, w io.Writer, records iter.Seq2[*leads.Lead, error], opt ExportOptions) (int, error) {
	bw := bufio.NewWriterSize(w, 64<<10)
	if !opt.NoBOM {
		bw.WriteString("\uFEFF")
	}
	writeRecord(bw, importexport.OutlookColumns())
	rec := make([]string, len(importexport.OutlookColumns()))
	n := 0
	for l, err := range records {
		if err != nil {
			bw.Flush()
			return n, err
		}
		if n%1024 == 0 {
			if err := ctx.Err(); err != nil {
				bw.Flush()
				return n, err
			}
		}
		importexport.OutlookRecord(l, rec)
		for i, c := range rec {
			rec[i] = importexport.Neutralize(c)
		}
		if err := writeRecord(bw, rec); err != nil {
			return n, err
		}
		n++
	}
	return n, bw.Flush()
}

// writeRecord writes one record and its CRLF. Errors of the writer are
// sticky in bufio.Writer, so only the last write's is looked at.
func writeRecord(w *bufio.Writer, rec []string) error {
	for i, f := range rec {
		if i > 0 {
			w.WriteByte(',')
		}
		if !needsQuotes(f) {
			w.WriteString(f)
			continue
		}
		w.WriteByte('"')
		for {
			i := strings.IndexByte(f, '"')
			if i < 0 {
				break
			}
			w.WriteString(f[:i+1])
			w.WriteByte('"')
			f = f[i+1:]
		}
		w.WriteString(f)
		w.WriteByte('"')
	}
	_, err := w.WriteString("\r\n")
	return err
}

// needsQuotes reports whether a field must be quoted: it holds a
// delimiter, a quote or a line break, or begins with a space (which some
// readers trim), as encoding/csv decides.
func needsQuotes(f string) bool {
	if f == "" {
		return false
	}
	if f == `\.` || strings.ContainsAny(f, ",\"\r\n") {
		return true
	}
	r, _ := utf8.DecodeRuneInString(f)
	return unicode.IsSpace(r)
}
