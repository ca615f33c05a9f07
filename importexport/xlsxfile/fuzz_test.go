package xlsxfile_test

import (
	"bytes"
	"context"
	"testing"

	"github.com/leadkit/leads"
	"github.com/leadkit/leads/importexport"
	"github.com/leadkit/leads/importexport/xlsxfile"
	"github.com/leadkit/leads/storage/memory"
	"github.com/xuri/excelize/v2"
)

// FuzzRead: arbitrary workbooks never panic the reader, within small
// limits on size.
// FuzzRead feeds arbitrary bytes to the XLSX reader and a dry-run import.
// Each input opens a zip archive, so an execution takes milliseconds, and
// the fuzzer's minimization of a new interesting input (60 s by default)
// shows as a stall at 0 execs/s: run it with a short -fuzzminimizetime,
//
//	go test -run '^$' -fuzz FuzzRead -fuzztime 2m -fuzzminimizetime 2s ./importexport/xlsxfile
func FuzzRead(f *testing.F) {
	wb := excelize.NewFile()
	wb.SetSheetRow("Sheet1", "A1", &[]any{"Name", "E-mail Address", "Company"})
	wb.SetSheetRow("Sheet1", "A2", &[]any{"Ada", "ada@x.example", "Engines"})
	var buf bytes.Buffer
	wb.Write(&buf)
	f.Add(buf.Bytes())
	f.Fuzz(func(t *testing.T, data []byte) {
		src, closer, err := xlsxfile.NewSource(bytes.NewReader(data), xlsxfile.Options{MaxFileBytes: 1 << 20, MaxUnzippedBytes: 4 << 20})
		if err != nil {
			return
		}
		defer closer.Close()
		im := importexport.Importer{Book: leads.New(memory.New()), DryRun: true, SkipBadRows: true}
		im.Import(context.Background(), src)
	})
}
