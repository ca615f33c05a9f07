package xlsxfile_test

import (
	"bytes"
	"context"
	"errors"
	"io"
	"strings"
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

// FuzzSheetXML feeds arbitrary sheet and shared-strings XML to the reader,
// in an otherwise sound workbook, with small limits: it never panics, every
// record it returns keeps within the limits, and an error that stops it is
// a *LimitError, a damaged sheet, or the zip's own.
//
//	go test -run '^$' -fuzz FuzzSheetXML -fuzztime 1m ./importexport/xlsxfile
func FuzzSheetXML(f *testing.F) {
	f.Add(`<row><c t="s"><v>0</v></c></row><row r="3"><c r="C3" t="inlineStr"><is><r><t>x</t></r><rPh><t>y</t></rPh></is></c></row>`, `<si><t>Name</t></si>`)
	f.Add(`<row r="2"><c r="B2" s="1"><v>45000.5</v></c><c t="b"><v>1</v></c></row>`, `<si><r><t>a</t></r></si><si/>`)
	f.Add(`<row><c r="XFD1"><v>&amp;&#x10FFFF;</v></c></row><row r="1"/>`, `<si><t>`+strings.Repeat("x", 300)+`</t></si>`)
	const maxValue, maxRows, maxCols = 256, 50, 20
	f.Fuzz(func(t *testing.T, sheet, sst string) {
		data := rawWorkbook(t, "Leads", func(w io.Writer) { io.WriteString(w, sheet) }, func(w io.Writer) { io.WriteString(w, sst) })
		rr, err := xlsxfile.NewRecordReader(bytes.NewReader(data), xlsxfile.Options{
			MaxValueBytes: maxValue, MaxRows: maxRows, MaxColumns: maxCols, MaxSharedStringBytes: 1 << 10})
		if err != nil {
			return
		}
		defer rr.Close()
		for row := 1; ; row++ {
			rec, err := rr.Read()
			if err == io.EOF {
				return
			}
			var re *leads.RowError
			if errors.As(err, &re) {
				if re.Row != row {
					t.Fatalf("row error %v at row %d", err, row)
				}
				continue
			}
			if err != nil {
				if !strings.HasPrefix(err.Error(), "xlsxfile: ") {
					t.Fatalf("error without the package prefix: %v", err)
				}
				return
			}
			if row > maxRows || len(rec) > maxCols {
				t.Fatalf("row %d with %d cells passed the limits", row, len(rec))
			}
			total := 0
			for _, c := range rec {
				total += len(c)
			}
			if total > maxValue {
				t.Fatalf("row %d holds %d bytes", row, total)
			}
		}
	})
}
