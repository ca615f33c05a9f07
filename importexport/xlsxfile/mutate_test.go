package xlsxfile_test

import (
	"bytes"
	"context"
	"math/rand"
	"testing"
	"time"

	"github.com/leadkit/leads"
	"github.com/leadkit/leads/importexport"
	"github.com/leadkit/leads/importexport/xlsxfile"
	"github.com/leadkit/leads/storage/memory"
	"github.com/xuri/excelize/v2"
)

// TestMutatedWorkbooks opens workbooks damaged by seeded random byte
// changes, insertions and deletions: each must fail or import within
// seconds, never hang or panic. (go test -fuzz stalled on this package's
// FuzzRead; this checks the same property without the fuzzing engine.)
func TestMutatedWorkbooks(t *testing.T) {
	wb := excelize.NewFile()
	wb.SetSheetRow("Sheet1", "A1", &[]any{"Name", "E-mail Address", "Company"})
	wb.SetSheetRow("Sheet1", "A2", &[]any{"Ada", "ada@x.example", "Engines"})
	var buf bytes.Buffer
	wb.Write(&buf)
	seed := buf.Bytes()
	r := rand.New(rand.NewSource(1))
	for i := range 1000 {
		data := bytes.Clone(seed)
		for range 1 + r.Intn(4) {
			switch r.Intn(3) {
			case 0:
				data[r.Intn(len(data))] = byte(r.Intn(256))
			case 1:
				at := r.Intn(len(data))
				n := r.Intn(8) + 1
				if at+n < len(data) {
					data = append(data[:at], data[at+n:]...)
				}
			case 2:
				at := r.Intn(len(data))
				ins := make([]byte, r.Intn(8)+1)
				r.Read(ins)
				data = append(data[:at], append(ins, data[at:]...)...)
			}
		}
		done := make(chan struct{})
		go func() {
			defer close(done)
			src, closer, err := xlsxfile.NewSource(bytes.NewReader(data), xlsxfile.Options{MaxFileBytes: 1 << 20, MaxUnzippedBytes: 4 << 20})
			if err != nil {
				return
			}
			defer closer.Close()
			im := importexport.Importer{Book: leads.New(memory.New()), DryRun: true, SkipBadRows: true}
			im.Import(context.Background(), src)
		}()
		select {
		case <-done:
		case <-time.After(3 * time.Second):
			t.Fatalf("input %d (%d bytes, seed 1) hangs", i, len(data))
		}
	}
}
