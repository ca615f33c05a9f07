package csvfile_test

import (
	"encoding/csv"
	"io"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/leadkit/leads/importexport/csvfile"
)

// FuzzCRLFKeeper: the reader gives what encoding/csv gives, but for the
// CRLFs inside quoted fields, which it keeps: with them turned into LF the
// records are the same, so the keeper follows encoding/csv's idea of where
// a quoted field begins and ends on any input.
func FuzzCRLFKeeper(f *testing.F) {
	for _, s := range []string{
		"a,b\r\n\"x\r\ny\",z\r\n",
		"a,\"b\"\"\r\n\"\r\n",
		"x\"y,\"p\r\nq\"\r\n\"\r\r\n\"",
		"\"a\"b\r\n,\"\r\n\"\r\n",
		"\"\r\"\r\n\"\"\r\n",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, in string) {
		if !utf8.ValidString(in) || strings.HasPrefix(in, "\uFEFF") {
			return
		}
		cr := csv.NewReader(strings.NewReader(in))
		cr.FieldsPerRecord, cr.LazyQuotes = -1, true
		rr, err := csvfile.NewRecordReader(strings.NewReader(in), csvfile.Options{Comma: ','})
		if err != nil {
			t.Fatal(err)
		}
		for i := 0; ; i++ {
			want, werr := cr.Read()
			got, gerr := rr.Read()
			if (werr == nil) != (gerr == nil) || (werr == io.EOF) != (gerr == io.EOF) {
				t.Fatalf("record %d: encoding/csv %q, %v; reader %q, %v", i, want, werr, got, gerr)
			}
			if werr != nil {
				return
			}
			if len(want) != len(got) {
				t.Fatalf("record %d: encoding/csv %q; reader %q", i, want, got)
			}
			for j := range want {
				if strings.ReplaceAll(got[j], "\r\n", "\n") != want[j] {
					t.Fatalf("record %d field %d: encoding/csv %q; reader %q", i, j, want[j], got[j])
				}
			}
		}
	})
}
