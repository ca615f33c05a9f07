package xlsxfile_test

import (
	"archive/zip"
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/leadkit/leads"
	"github.com/leadkit/leads/importexport"
	"github.com/leadkit/leads/importexport/csvfile"
	"github.com/leadkit/leads/importexport/xlsxfile"
	"github.com/leadkit/leads/storage/memory"
	"github.com/stretchr/testify/require"
	"github.com/xuri/excelize/v2"
)

// readAll reads every record of the workbook, or the error that stops it
// (row errors are collected as records "ERR: ...").
func readAll(t testing.TB, data []byte, opt xlsxfile.Options) ([][]string, error) {
	t.Helper()
	rr, err := xlsxfile.NewRecordReader(bytes.NewReader(data), opt)
	if err != nil {
		return nil, err
	}
	defer rr.Close()
	var out [][]string
	for {
		rec, err := rr.Read()
		if err == io.EOF {
			return out, nil
		}
		var re *leads.RowError
		if errors.As(err, &re) {
			out = append(out, []string{"ERR: " + err.Error()})
			continue
		}
		if err != nil {
			return out, err
		}
		out = append(out, append([]string(nil), rec...))
	}
}

func TestDefaultValueLimitIsTheCSVRecordLimit(t *testing.T) {
	require.EqualValues(t, csvfile.DefaultMaxRecordBytes, xlsxfile.DefaultMaxValueBytes)
}

// TestHugeValue: a cell over the value limit stops the reading with an
// error naming the sheet and the cell, whether its text is inline, a
// shared string or a <v>; at the limit it is read. The bombs are built
// small: 32 MiB of one letter deflates to 32 KiB (4 MiB under the race
// detector, where deflating them takes long).
func TestHugeValue(t *testing.T) {
	big := 32 << 20
	if raceEnabled {
		big = 4 << 20
	}
	const msg = `xlsxfile: sheet "Leads", cell B2: value over 1 MiB`
	sst := func(n int) func(io.Writer) {
		return func(w io.Writer) {
			io.WriteString(w, `<si><t>Name</t></si><si><t>First Name</t></si><si><t>Ada</t></si><si><t>`)
			repeat(w, "A", n)
			io.WriteString(w, `</t></si>`)
		}
	}
	sharedRows := func(w io.Writer) {
		io.WriteString(w, `<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c></row>`)
		io.WriteString(w, `<row r="2"><c r="A2" t="s"><v>2</v></c><c r="B2" t="s"><v>3</v></c></row>`)
	}
	vCell := func(n int) func(io.Writer) {
		return func(w io.Writer) {
			io.WriteString(w, `<row r="1"><c r="A1" t="inlineStr"><is><t>Name</t></is></c></row><row r="2"><c r="B2" t="str"><v>`)
			repeat(w, "7", n)
			io.WriteString(w, `</v></c></row>`)
		}
	}
	for _, tc := range []struct {
		name string
		data []byte
	}{
		{"inline bomb", rawWorkbook(t, "Leads", hugeCellSheet(big), nil)},
		{"inline limit+1", rawWorkbook(t, "Leads", hugeCellSheet(1<<20+1), nil)},
		{"rich text runs", rawWorkbook(t, "Leads", func(w io.Writer) {
			io.WriteString(w, `<row r="1"><c r="A1" t="inlineStr"><is><t>Name</t></is></c></row><row r="2"><c r="B2" t="inlineStr"><is>`)
			repeat(w, `<r><t>`+strings.Repeat("b", 1000)+`</t></r>`, 2000)
			io.WriteString(w, `</is></c></row>`)
		}, nil)},
		{"shared bomb", rawWorkbook(t, "Leads", sharedRows, sst(big))},
		{"v bomb", rawWorkbook(t, "Leads", vCell(big), nil)},
	} {
		t.Run(tc.name, func(t *testing.T) {
			require.Less(t, len(tc.data), 200<<10)
			var err error
			peak := heapPeak(func() { _, err = readAll(t, tc.data, xlsxfile.Options{}) })
			require.ErrorIs(t, err, xlsxfile.ErrTooLarge)
			var le *xlsxfile.LimitError
			require.ErrorAs(t, err, &le)
			require.Equal(t, msg, err.Error())
			require.Less(t, peak, uint64(24<<20), "peak heap %s", mib(peak))
		})
	}

	// Exactly at the limit: read. A shared string over it that no cell
	// uses does not matter.
	recs, err := readAll(t, rawWorkbook(t, "Leads", hugeCellSheet(1<<20-len("Ada")), nil), xlsxfile.Options{})
	require.NoError(t, err)
	require.Len(t, recs[1][1], 1<<20-len("Ada"), "the row's values make 1 MiB together")
	recs, err = readAll(t, rawWorkbook(t, "Leads", func(w io.Writer) {
		io.WriteString(w, `<row r="1"><c r="A1" t="s"><v>0</v></c></row>`)
	}, sst(2<<20)), xlsxfile.Options{})
	require.NoError(t, err)
	require.Equal(t, [][]string{{"Name"}}, recs)
	recs, err = readAll(t, rawWorkbook(t, "Leads", vCell(1000), nil), xlsxfile.Options{MaxValueBytes: 1000})
	require.NoError(t, err)
	require.Len(t, recs[1][1], 1000)
	_, err = readAll(t, rawWorkbook(t, "Leads", vCell(1001), nil), xlsxfile.Options{MaxValueBytes: 1000})
	require.EqualError(t, err, `xlsxfile: sheet "Leads", cell B2: value over 1000 bytes`)
}

// TestHugeCellImport: the import of a one-cell bomb fails, and stores
// nothing: before, a 32 MiB cell was saved as a first name.
func TestHugeCellImport(t *testing.T) {
	book := leads.New(memory.New())
	src, closer, err := xlsxfile.NewSource(bytes.NewReader(rawWorkbook(t, "Leads", hugeCellSheet(4<<20), nil)), xlsxfile.Options{})
	require.NoError(t, err)
	defer closer.Close()
	_, err = (&importexport.Importer{Book: book, SkipBadRows: true}).Import(context.Background(), src)
	require.ErrorIs(t, err, xlsxfile.ErrTooLarge)
	require.ErrorContains(t, err, `sheet "Leads", cell B2: value over 1 MiB`)
	n := 0
	for _, err := range book.List(context.Background(), leads.Query{}) {
		require.NoError(t, err)
		n++
	}
	require.Zero(t, n)
}

// TestRowValuesTogether: a row's values are bounded together, as a CSV
// record is.
func TestRowValuesTogether(t *testing.T) {
	data := rawWorkbook(t, "Leads", func(w io.Writer) {
		io.WriteString(w, `<row><c t="inlineStr"><is><t>Name</t></is></c></row><row>`)
		for range 3 {
			io.WriteString(w, `<c t="inlineStr"><is><t>`+strings.Repeat("x", 400)+`</t></is></c>`)
		}
		io.WriteString(w, `</row>`)
	}, nil)
	_, err := readAll(t, data, xlsxfile.Options{MaxValueBytes: 1000})
	require.EqualError(t, err, `xlsxfile: sheet "Leads", row 2: values over 1000 bytes together`)
	_, err = readAll(t, data, xlsxfile.Options{MaxValueBytes: 1200})
	require.NoError(t, err)
}

// TestRowAndColumnLimits: rows past MaxRows (Excel's 1,048,576 by default)
// and cells past MaxColumns (XFD) stop the reading, naming where.
func TestRowAndColumnLimits(t *testing.T) {
	for _, tc := range []struct {
		name  string
		sheet func(io.Writer)
		opt   xlsxfile.Options
		err   string
	}{
		{"rows over MaxRows", manyRowsSheet(101), xlsxfile.Options{MaxRows: 100}, `xlsxfile: sheet "Leads", row 101: beyond 100 rows`},
		{"row past Excel's last", func(w io.Writer) {
			io.WriteString(w, `<row r="1"><c r="A1" t="inlineStr"><is><t>Name</t></is></c></row><row r="1048577"><c r="A1048577"><v>1</v></c></row>`)
		}, xlsxfile.Options{}, `xlsxfile: sheet "Leads", row 1048577: beyond 1048576 rows`},
		{"cell past XFD", func(w io.Writer) {
			io.WriteString(w, `<row r="1"><c r="A1" t="inlineStr"><is><t>Name</t></is></c></row><row r="2"><c r="XFE2"><v>1</v></c></row>`)
		}, xlsxfile.Options{}, `xlsxfile: sheet "Leads", cell XFE2: beyond column XFD, the last of 16384`},
		{"cell far past XFD", func(w io.Writer) {
			io.WriteString(w, `<row r="1"><c r="A1" t="inlineStr"><is><t>Name</t></is></c></row><row r="2"><c r="ZZZZZZZZZZZZZZZZZZZZ2"><v>1</v></c></row>`)
		}, xlsxfile.Options{}, `xlsxfile: sheet "Leads", cell ZZZZZZZZZZZZZZZZZZZZ2: beyond column XFD, the last of 16384`},
		{"cells without references over MaxColumns", func(w io.Writer) {
			io.WriteString(w, `<row r="1"><c><v>1</v></c><c><v>2</v></c><c><v>3</v></c><c><v>4</v></c></row>`)
		}, xlsxfile.Options{MaxColumns: 3}, `xlsxfile: sheet "Leads", cell D1: beyond column C, the last of 3`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := readAll(t, rawWorkbook(t, "Leads", tc.sheet, nil), tc.opt)
			require.EqualError(t, err, tc.err)
			require.ErrorIs(t, err, xlsxfile.ErrTooLarge)
		})
	}
	// At the limits: read.
	recs, err := readAll(t, rawWorkbook(t, "Leads", manyRowsSheet(100), nil), xlsxfile.Options{MaxRows: 100})
	require.NoError(t, err)
	require.Len(t, recs, 100)
	recs, err = readAll(t, rawWorkbook(t, "Leads", func(w io.Writer) {
		io.WriteString(w, `<row r="1048576"><c r="XFD1048576" t="inlineStr"><is><t>far</t></is></c></row>`)
	}, nil), xlsxfile.Options{})
	require.NoError(t, err)
	require.Len(t, recs, 1048576)
	require.Len(t, recs[1048575], 16384)
	require.Equal(t, "far", recs[1048575][16383])
}

// TestRowLimitStopsImport: the import of a sheet over the row limit fails
// and names the row.
func TestRowLimitStopsImport(t *testing.T) {
	src, closer, err := xlsxfile.NewSource(bytes.NewReader(rawWorkbook(t, "Leads", manyRowsSheet(1001), nil)), xlsxfile.Options{MaxRows: 1000})
	require.NoError(t, err)
	defer closer.Close()
	_, err = (&importexport.Importer{Book: leads.New(memory.New()), DryRun: true}).Import(context.Background(), src)
	var le *xlsxfile.LimitError
	require.ErrorAs(t, err, &le)
	require.Equal(t, xlsxfile.LimitError{Sheet: "Leads", Row: 1001, Reason: "beyond 1000 rows"}, *le)
}

// TestManyRowsBoundedMemory: the reader's memory does not grow with the
// rows. Of two million one-cell rows (the 1.6 MB workbook of issue 20 had
// 5.6M) 262,144 are read, up to MaxRows, then the rest refused; the peak
// heap stays that of one row's buffers. (The default MaxRows, Excel's
// 1,048,576, is checked by TestRowAndColumnLimits; reading that many rows
// takes seconds.) Under the race detector, which slows the XML decoder
// about tenfold, an eighth of that.
func TestManyRowsBoundedMemory(t *testing.T) {
	rows, opt := 2<<20, xlsxfile.Options{MaxRows: 1 << 18}
	if raceEnabled || testing.Short() {
		rows, opt = 1<<17, xlsxfile.Options{MaxRows: 1 << 15}
	}
	data := rawWorkbook(t, "Leads", manyRowsSheet(rows), nil)
	t.Logf("%d rows in %d KiB", rows, len(data)>>10)
	maxRows := opt.MaxRows
	n := 0
	var err error
	peak := heapPeak(func() {
		rr, oerr := xlsxfile.NewRecordReader(bytes.NewReader(data), opt)
		if oerr != nil {
			err = oerr
			return
		}
		defer rr.Close()
		for {
			if _, err = rr.Read(); err != nil {
				return
			}
			n++
		}
	})
	require.EqualError(t, err, fmt.Sprintf(`xlsxfile: sheet "Leads", row %d: beyond %d rows`, maxRows+1, maxRows))
	require.Equal(t, maxRows, n)
	t.Logf("peak heap %s", mib(peak))
	require.Less(t, peak, uint64(16<<20), "peak heap %s", mib(peak))
}

// TestSharedStringsBounded: a table of shared strings over its limit is
// refused when a cell needs a string past it; the peak heap stays near the
// limit.
func TestSharedStringsBounded(t *testing.T) {
	data := rawWorkbook(t, "Leads", func(w io.Writer) {
		io.WriteString(w, `<row r="1"><c r="A1" t="s"><v>0</v></c></row><row r="2"><c r="A2" t="s"><v>399999</v></c></row>`)
	}, func(w io.Writer) {
		repeat(w, `<si><t>abcdefgh</t></si>`, 400000) // 4.8 MB of text and ends
	})
	var err error
	peak := heapPeak(func() { _, err = readAll(t, data, xlsxfile.Options{MaxSharedStringBytes: 1 << 20}) })
	require.EqualError(t, err, `xlsxfile: sheet "Leads", cell A2: shared string 399999 not read: shared string 87381: shared strings over 1 MiB`)
	require.Less(t, peak, uint64(24<<20), "peak heap %s", mib(peak))
}

// TestZipBombWithLyingSizes: a sheet that declares a small size and
// inflates to more is stopped where it passes its size (archive/zip checks
// it as it inflates); declared sizes over MaxUnzippedBytes are refused
// before anything is inflated.
func TestZipBombWithLyingSizes(t *testing.T) {
	sheet := manyRowsSheet(200000) // 10 MB of XML
	var err error
	peak := heapPeak(func() { _, err = readAll(t, lyingWorkbook(t, "Leads", sheet), xlsxfile.Options{}) })
	require.ErrorIs(t, err, zip.ErrFormat)
	require.EqualError(t, err, `xlsxfile: sheet "Leads", row 1: the sheet is damaged: zip: not a valid zip file`)
	require.Less(t, peak, uint64(16<<20), "peak heap %s", mib(peak))
	_, err = readAll(t, rawWorkbook(t, "Leads", sheet, nil), xlsxfile.Options{MaxUnzippedBytes: 4 << 20})
	require.ErrorIs(t, err, xlsxfile.ErrTooLarge)
	require.EqualError(t, err, "xlsxfile: workbook too large: its parts inflate to more than 4194304 bytes (a zip bomb?)")
}

// TestCellValues: what each kind of cell gives, from a workbook written by
// excelize (numbers, dates and times by their formats, booleans, formulas'
// cached values).
func TestCellValues(t *testing.T) {
	f := excelize.NewFile()
	set := func(cell string, v any) { require.NoError(t, f.SetCellValue("Sheet1", cell, v)) }
	set("A1", "Name")
	set("B1", "Birthday")
	set("C1", "Phone")
	set("D1", "Score")
	set("E1", "Flag")
	set("F1", "Since")
	set("G1", "At")
	set("A2", "Ada ＝ Lovelace")
	set("B2", time.Date(1815, 12, 10, 0, 0, 0, 0, time.UTC)) // before 1900: excelize writes text
	set("C2", 447700900123)
	set("D2", 0.1+0.2)
	set("E2", true)
	set("F2", time.Date(2024, 3, 15, 0, 0, 0, 0, time.UTC))
	set("G2", time.Date(2024, 3, 15, 9, 30, 5, 0, time.UTC))
	dateStyle, err := f.NewStyle(&excelize.Style{NumFmt: 14})
	require.NoError(t, err)
	require.NoError(t, f.SetCellStyle("Sheet1", "F2", "F2", dateStyle))
	timeStyle, err := f.NewStyle(&excelize.Style{CustomNumFmt: ptr("hh:mm:ss")})
	require.NoError(t, err)
	set("A3", "Bob")
	set("G3", 0.5)
	require.NoError(t, f.SetCellStyle("Sheet1", "G3", "G3", timeStyle))
	require.NoError(t, f.SetCellFormula("Sheet1", "D3", "1+1"))
	set("D3", 2)
	require.NoError(t, f.SetCellFormula("Sheet1", "D3", "1+1"))
	var buf bytes.Buffer
	require.NoError(t, f.Write(&buf))
	recs, err := readAll(t, buf.Bytes(), xlsxfile.Options{})
	require.NoError(t, err)
	require.Equal(t, [][]string{
		{"Name", "Birthday", "Phone", "Score", "Flag", "Since", "At"},
		{"Ada ＝ Lovelace", "1815-12-10T00:00:00Z", "447700900123", "0.3", "TRUE", "2024-03-15", "2024-03-15 09:30:05"},
		{"Bob", "", "", "2", "", "", "12:00:00"},
	}, recs)
}

func ptr[T any](v T) *T { return &v }

// TestRawCells: what the XML may hold: rows and cells without references,
// gaps, rich text with phonetic runs left out, shared strings, error
// values, a damaged shared string reference rejecting its row only,
// control characters escaped as Excel writes them (_x000B_).
func TestRawCells(t *testing.T) {
	data := rawWorkbook(t, "Leads", func(w io.Writer) {
		io.WriteString(w, `<row><c t="s"><v>0</v></c><c t="s"><v>1</v></c></row>`)
		io.WriteString(w, `<row r="3"><c r="B3" t="inlineStr"><is><r><t>Lo</t></r><r><t xml:space="preserve">ve &amp; </t></r><rPh><t>ラブ</t></rPh><r><t>lace</t></r></is></c></row>`)
		io.WriteString(w, `<row><c t="e"><v>#N/A</v></c><c t="s"><v>1</v></c></row>`)
		io.WriteString(w, `<row><c t="s"><v>7</v></c><c><v>1</v></c></row>`)
		io.WriteString(w, `<row><c r="A6" t="s"><v>2</v></c><c r="A6"><v>1</v></c></row>`)
		io.WriteString(w, `<row><c r="6A"><v>1</v></c></row>`)
		io.WriteString(w, `<row r="9"><c r="C9" t="b"><v>0</v></c><c r="D9" t="d"><v>2024-03-15T00:00:00Z</v></c></row>`)
		io.WriteString(w, `<row><c t="s"><v>3</v></c><c t="inlineStr"><is><t>a_x000B_b_x005F_x000B_c_xZZZZ__x0041</t></is></c><c t="str"><v>_x0041_</v></c></row>`)
	}, func(w io.Writer) {
		io.WriteString(w, `<si><t>Name</t></si><si><r><t>Com</t></r><r><t>pany</t></r></si><si><t/></si><si><t>_x000B_=1_xD800_</t></si>`)
	})
	recs, err := readAll(t, data, xlsxfile.Options{})
	require.NoError(t, err)
	require.Equal(t, [][]string{
		{"Name", "Company"},
		nil,
		{"", "Love & lace"},
		{"#N/A", "Company"},
		{`ERR: leads: row 5: leads: invalid: cell A5: shared string 7 does not exist`},
		{`ERR: leads: row 6: leads: invalid: cell A6 comes after column A (a damaged file?)`},
		{`ERR: leads: row 7: leads: invalid: "6A" is not a cell reference`},
		nil,
		{"", "", "FALSE", "2024-03-15T00:00:00Z"},
		{"\v=1", "a\vb_x000B_c_xZZZZ__x0041", "_x0041_"}, // escapes of <t>, not of <v>
	}, recs)

}

// TestAgreesWithExcelize: on real workbooks (testdata/README.md), the
// reader gives what excelize's GetRows gives, trailing empty cells aside.
func TestAgreesWithExcelize(t *testing.T) {
	files, err := filepath.Glob("testdata/*.xlsx")
	require.NoError(t, err)
	require.NotEmpty(t, files)
	for _, name := range files {
		f, err := excelize.OpenFile(name)
		if err != nil {
			continue // BadWorkbook.xlsx: excelize refuses it too
		}
		for _, sheet := range f.GetSheetList() {
			want, err := f.GetRows(sheet)
			require.NoError(t, err)
			data, err := os.ReadFile(name)
			require.NoError(t, err)
			got, err := readAll(t, data, xlsxfile.Options{Sheet: sheet})
			require.NoError(t, err, name)
			for len(got) > len(want) && len(got[len(got)-1]) == 0 {
				got = got[:len(got)-1]
			}
			require.Len(t, got, len(want), "%s %s", name, sheet)
			for i := range want {
				w := want[i]
				for len(w) > 0 && w[len(w)-1] == "" {
					w = w[:len(w)-1]
				}
				if len(w) == 0 {
					w = nil
				}
				require.Equal(t, w, got[i], "%s %s row %d", name, sheet, i+1)
			}
		}
		f.Close()
	}
}
