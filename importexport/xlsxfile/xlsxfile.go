// Package xlsxfile reads leads from Excel workbooks and writes them in the
// Outlook column layout, through github.com/xuri/excelize/v2.
//
// A workbook is a zip archive, so a small file may inflate to gigabytes (a
// zip bomb). Before excelize sees it, the reader refuses a file larger than
// Options.MaxFileBytes and one whose entries declare more than
// Options.MaxUnzippedBytes in total, and it passes the same limit to
// excelize (UnzipSizeLimit), which also stops at the limit while inflating,
// whatever the entries declare.
package xlsxfile

import (
	"archive/zip"
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"iter"

	"github.com/leadkit/leads"
	"github.com/leadkit/leads/importexport"
	"github.com/xuri/excelize/v2"
)

// Default limits.
const (
	DefaultMaxFileBytes     = 64 << 20  // the workbook as stored
	DefaultMaxUnzippedBytes = 512 << 20 // all its parts inflated
)

// ErrTooLarge means that a workbook, or what it inflates to, exceeds a limit.
var ErrTooLarge = errors.New("leads/xlsx: workbook too large")

// Options configure the reader.
type Options struct {
	importexport.TableOptions
	// Sheet names the worksheet to read; "" reads the first.
	Sheet            string
	MaxFileBytes     int64 // 0: DefaultMaxFileBytes
	MaxUnzippedBytes int64 // 0: DefaultMaxUnzippedBytes
}

// NewSource reads the workbook r and returns a source of the leads on its
// sheet, whose first non-empty row is the header. Call Close on the
// returned closer when done (excelize may keep temporary files).
func NewSource(r io.Reader, opt Options) (*importexport.TableSource, io.Closer, error) {
	maxFile, maxUnzip := opt.MaxFileBytes, opt.MaxUnzippedBytes
	if maxFile <= 0 {
		maxFile = DefaultMaxFileBytes
	}
	if maxUnzip <= 0 {
		maxUnzip = DefaultMaxUnzippedBytes
	}
	data, err := io.ReadAll(io.LimitReader(r, maxFile+1))
	if err != nil {
		return nil, nil, err
	}
	if int64(len(data)) > maxFile {
		return nil, nil, fmt.Errorf("%w: the file is larger than %d bytes", ErrTooLarge, maxFile)
	}
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		return nil, nil, fmt.Errorf("leads/xlsx: not an Excel workbook: %w", err)
	}
	var total uint64
	for _, f := range zr.File {
		total += f.UncompressedSize64
		if total > uint64(maxUnzip) {
			return nil, nil, fmt.Errorf("%w: its parts inflate to more than %d bytes (a zip bomb?)", ErrTooLarge, maxUnzip)
		}
	}
	f, err := excelize.OpenReader(bytes.NewReader(data), excelize.Options{UnzipSizeLimit: maxUnzip, UnzipXMLSizeLimit: min(maxUnzip, 16<<20)})
	if err != nil {
		return nil, nil, fmt.Errorf("leads/xlsx: %w", err)
	}
	sheet := opt.Sheet
	if sheet == "" {
		sheets := f.GetSheetList()
		if len(sheets) == 0 {
			f.Close()
			return nil, nil, fmt.Errorf("leads/xlsx: the workbook has no worksheet")
		}
		sheet = sheets[0]
	}
	rows, err := f.Rows(sheet)
	if err != nil {
		f.Close()
		return nil, nil, fmt.Errorf("leads/xlsx: sheet %q: %w", sheet, err)
	}
	src, err := importexport.NewTableSource(&rowReader{rows: rows}, opt.TableOptions)
	if err != nil {
		rows.Close()
		f.Close()
		return nil, nil, err
	}
	return src, closers{rows, f}, nil
}

type closers []io.Closer

func (c closers) Close() error {
	var errs []error
	for _, x := range c {
		errs = append(errs, x.Close())
	}
	return errors.Join(errs...)
}

// rowReader adapts excelize's row iterator to importexport.RecordReader.
type rowReader struct {
	rows *excelize.Rows
	n    int
}

func (r *rowReader) Read() ([]string, error) {
	if !r.rows.Next() {
		if err := r.rows.Error(); err != nil {
			return nil, fmt.Errorf("leads/xlsx: %w", err)
		}
		return nil, io.EOF
	}
	r.n++
	cols, err := r.rows.Columns()
	if err != nil {
		return nil, &leads.RowError{Row: r.n, Err: fmt.Errorf("%w: %v", leads.ErrInvalid, err)}
	}
	return cols, nil
}

// Export writes the records to a workbook with one sheet, "Leads", in the
// Outlook column layout (importexport.OutlookColumns), every cell a text
// cell neutralized against formula injection, except the days in the date
// columns (Birthday, Anniversary), which are date cells shown YYYY-MM-DD.
// It returns how many records it wrote.
func Export(ctx context.Context, w io.Writer, records iter.Seq2[*leads.Lead, error]) (int, error) {
	f := excelize.NewFile()
	defer f.Close()
	const sheet = "Leads"
	if err := f.SetSheetName("Sheet1", sheet); err != nil {
		return 0, err
	}
	dateStyle, err := newDateStyle(f)
	if err != nil {
		return 0, err
	}
	sw, err := f.NewStreamWriter(sheet)
	if err != nil {
		return 0, err
	}
	cols := importexport.OutlookColumns()
	row := make([]any, len(cols))
	for i, c := range cols {
		row[i] = c
	}
	if err := sw.SetRow("A1", row); err != nil {
		return 0, err
	}
	rec := make([]string, len(cols))
	n := 0
	for l, err := range records {
		if err != nil {
			return n, err
		}
		if err := ctx.Err(); err != nil {
			return n, err
		}
		importexport.OutlookRecord(l, rec)
		for i, c := range rec {
			row[i] = exportCell(cols[i], c, dateStyle)
		}
		cell, err := excelize.CoordinatesToCellName(1, n+2)
		if err != nil {
			return n, err
		}
		if err := sw.SetRow(cell, row); err != nil {
			return n, err
		}
		n++
	}
	if err := sw.Flush(); err != nil {
		return n, err
	}
	return n, f.Write(w)
}
