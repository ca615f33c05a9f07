package csvfile_test

import (
	"bytes"
	"context"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/leadkit/leads"
	"github.com/leadkit/leads/importexport"
	"github.com/leadkit/leads/importexport/csvfile"
	"github.com/leadkit/leads/storage/memory"
)

// FuzzImport feeds arbitrary bytes through detection, decoding, mapping and
// a dry-run import: no panic, and the reader stops at its record limit.
func FuzzImport(f *testing.F) {
	files, _ := filepath.Glob(filepath.Join("testdata", "*"))
	real, _ := filepath.Glob(filepath.Join("testdata", "corpus", "*.csv"))
	for _, name := range append(files, real...) {
		if b, err := os.ReadFile(name); err == nil {
			f.Add(b, "")
		}
	}
	f.Add([]byte("Name;Email\n\"Ada;\"\"x\"\"\";a@b.example\n\n;;\n"), "outlook")
	f.Add([]byte("\xff\xfeN\x00a\x00m\x00e\x00\n\x00"), "google")
	f.Fuzz(func(t *testing.T, data []byte, preset string) {
		src, err := csvfile.NewSource(bytes.NewReader(data), csvfile.Options{MaxRecordBytes: 4 << 10,
			TableOptions: importexport.TableOptions{Preset: preset, Unmapped: importexport.KeepUnmapped}})
		if err != nil {
			return
		}
		im := importexport.Importer{Book: leads.New(memory.New()), DryRun: true, SkipBadRows: true}
		rep, err := im.Import(context.Background(), src)
		if err != nil {
			return
		}
		first := 2 // the row after the header
		for _, w := range src.FileWarnings() {
			if strings.Contains(w.Reason, "no header row") {
				first = 1 // the first row was read as a person
			}
		}
		for _, r := range rep.Rejected {
			if r.Row < first {
				t.Fatalf("row number %d before the first data row", r.Row)
			}
		}
	})
}

// FuzzRecordReader checks the raw reader alone against its size limit.
func FuzzRecordReader(f *testing.F) {
	f.Add([]byte("a,b\n\"c\nd\",e\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		rr, err := csvfile.NewRecordReader(bytes.NewReader(data), csvfile.Options{MaxRecordBytes: 1 << 10})
		if err != nil {
			return
		}
		for {
			rec, err := rr.Read()
			if err == io.EOF || (err != nil && rec == nil) {
				if err != nil && err != io.EOF {
					if _, ok := err.(*leads.RowError); ok {
						continue
					}
				}
				return
			}
			size := 0
			for _, c := range rec {
				size += len(c)
			}
			if size > 64<<10 {
				t.Fatalf("a record of %d bytes passed a 1 KiB limit", size)
			}
		}
	})
}
