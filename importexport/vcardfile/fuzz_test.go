package vcardfile_test

import (
	"bytes"
	"io"
	"os"
	"path/filepath"
	"testing"

	"github.com/leadkit/leads/importexport/vcardfile"
)

// FuzzRead: no panic, and every lead read is either valid or rejected by
// Validate with an error, never a crash.
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
			}
		}
	})
}
