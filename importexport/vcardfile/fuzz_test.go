package vcardfile_test

import (
	"bytes"
	"io"
	"os"
	"path/filepath"
	"testing"

	"github.com/leadkit/leads/importexport/vcardfile"
)

// FuzzRead: no panic; every row is a lead with a name or an error, and
// its warnings name it.
func FuzzRead(f *testing.F) {
	files, _ := filepath.Glob(filepath.Join("testdata", "*.vcf"))
	corpus, _ := filepath.Glob(filepath.Join("testdata", "corpus", "*.vcf"))
	files = append(files, corpus...)
	for _, name := range files {
		if b, err := os.ReadFile(name); err == nil {
			f.Add(b)
		}
	}
	f.Add([]byte("BEGIN:VCARD\nN;ENCODING=QUOTED-PRINTABLE:=\n=\n\nEND:VCARD"))
	f.Fuzz(func(t *testing.T, data []byte) {
		src := vcardfile.NewSource(bytes.NewReader(data))
		src.MaxLine = 16 << 10
		for range 10000 {
			row, err := src.Next()
			if err != nil {
				if err != io.EOF && row.Lead != nil {
					t.Fatal("a lead with a stopping error")
				}
				return
			}
			if row.Lead != nil {
				_ = row.Lead.Validate()
				if row.Lead.FullName == "" {
					t.Fatalf("card %d: a lead without a name", row.Number)
				}
			}
			if (row.Lead == nil) == (row.Err == nil) {
				t.Fatalf("card %d: want a lead or an error", row.Number)
			}
			for _, w := range row.Warnings {
				if w.Row != row.Number || w.Reason == "" {
					t.Fatalf("card %d: warning %+v", row.Number, w)
				}
			}
		}
	})
}
