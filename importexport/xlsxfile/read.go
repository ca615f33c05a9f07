package xlsxfile

import (
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/leadkit/leads"
	"github.com/leadkit/leads/importexport"
)

// Default limits.
const (
	DefaultMaxFileBytes     = 64 << 20  // the workbook as stored
	DefaultMaxUnzippedBytes = 512 << 20 // all its parts inflated
	// DefaultMaxValueBytes bounds a cell's value and a row's values
	// together: the limit the CSV reader sets on a record
	// (csvfile.DefaultMaxRecordBytes). Excel itself holds at most 32,767
	// characters in a cell.
	DefaultMaxValueBytes = 1 << 20
	// DefaultMaxSharedStringBytes bounds the shared strings table, the
	// text of the workbook's cells, which the reader keeps while it reads
	// (4 bytes more for each item).
	DefaultMaxSharedStringBytes = 256 << 20
	DefaultMaxRows              = 1 << 20 // Excel's 1,048,576
	DefaultMaxColumns           = 1 << 14 // Excel's 16,384, A to XFD
)

// Options configure the reader. The zero value reads the first worksheet
// within the default limits.
type Options struct {
	importexport.TableOptions
	// Sheet names the worksheet to read (exactly, else ignoring case);
	// "" reads the first.
	Sheet string
	// The limits; 0 means the Default... constant of the same name.
	// MaxFileBytes bounds the workbook as stored; MaxUnzippedBytes what
	// its parts inflate to, together.
	MaxFileBytes     int64
	MaxUnzippedBytes int64
	// MaxValueBytes bounds a cell's value, and a row's values together.
	MaxValueBytes int64
	// MaxSharedStringBytes bounds the shared strings table kept while
	// reading (its text and 4 bytes an item); at most 2 GiB.
	MaxSharedStringBytes int64
	// MaxRows and MaxColumns bound the sheet (MaxColumns at most
	// 1,048,576).
	MaxRows    int
	MaxColumns int
}

func (o Options) withDefaults() Options {
	def := func(v *int64, d int64) {
		if *v <= 0 {
			*v = d
		}
	}
	def(&o.MaxFileBytes, DefaultMaxFileBytes)
	def(&o.MaxUnzippedBytes, DefaultMaxUnzippedBytes)
	def(&o.MaxValueBytes, DefaultMaxValueBytes)
	def(&o.MaxSharedStringBytes, DefaultMaxSharedStringBytes)
	o.MaxSharedStringBytes = min(o.MaxSharedStringBytes, 2<<30)
	if o.MaxRows <= 0 {
		o.MaxRows = DefaultMaxRows
	}
	if o.MaxColumns <= 0 {
		o.MaxColumns = DefaultMaxColumns
	}
	o.MaxColumns = min(o.MaxColumns, 1<<20)
	return o
}

// NewSource reads the workbook r and returns a source of the leads on its
// sheet, whose first non-empty row is the header. Call Close on the
// returned closer when done.
func NewSource(r io.Reader, opt Options) (*importexport.TableSource, io.Closer, error) {
	rr, err := NewRecordReader(r, opt)
	if err != nil {
		return nil, nil, err
	}
	src, err := importexport.NewTableSource(rr, opt.TableOptions)
	if err != nil {
		rr.Close()
		return nil, nil, err
	}
	return src, rr, nil
}

// RecordReader reads the rows of one worksheet as cells, a row at a time;
// it implements importexport.RecordReader. A row missing from the sheet
// (Excel writes only rows with something in them) reads as an empty
// record, so that the n-th record is Excel's row n.
type RecordReader struct {
	sheet *xmlPart
	name  string
	sst   *sharedStrings
	st    *styles
	opt   Options

	inData bool
	done   bool  // </sheetData> or the end of the part was read
	err    error // the error that stopped the reading, returned again
	row    int   // the row last returned
	next   int   // the row read ahead (0 when none), returned when row reaches it
	nextEr error // its error, a *leads.RowError
	rec    []string
	text   []byte // the row's values (those not in the shared strings), back to back
	cells  []cellRef
	shared int64 // the bytes of the row's shared strings
}

// cellRef is a value of the row being read: text[start:end], or the
// shared string start when shared.
type cellRef struct {
	col        int
	start, end int
	shared     bool
}

// NewRecordReader opens the workbook r and its worksheet.
func NewRecordReader(r io.Reader, opt Options) (*RecordReader, error) {
	opt = opt.withDefaults()
	wb, err := openZip(r, opt.MaxFileBytes, opt.MaxUnzippedBytes)
	if err != nil {
		return nil, err
	}
	lay, err := wb.findLayout(opt.Sheet)
	if err != nil {
		return nil, err
	}
	st, err := wb.readStyles(lay.stylesPart, lay.date1904)
	if err != nil {
		return nil, err
	}
	sst, err := wb.readSharedStrings(lay.sstPart, opt.MaxValueBytes, opt.MaxSharedStringBytes)
	if err != nil {
		return nil, err
	}
	p, _, err := wb.open(lay.sheetPart, maxToken(opt.MaxValueBytes))
	if err != nil {
		return nil, err
	}
	return &RecordReader{sheet: p, name: lay.sheetName, sst: sst, st: st, opt: opt}, nil
}

// Sheet returns the name of the worksheet read.
func (r *RecordReader) Sheet() string { return r.name }

// Close releases the sheet's part.
func (r *RecordReader) Close() error { return r.sheet.Close() }

// Read returns the cells of the next row, "" for an empty cell, up to the
// last cell with a value. A row that cannot be read but does not stop the
// sheet (a shared string that does not exist, a cell reference that is not
// one) gives a *leads.RowError. A limit passed gives a *LimitError, and a
// damaged sheet an error, either of which ends the sheet.
func (r *RecordReader) Read() ([]string, error) {
	if r.err != nil {
		return nil, r.err
	}
	if r.next == 0 && !r.done {
		if err := r.readRow(); err != nil {
			r.err = err
			return nil, err
		}
	}
	if r.next == 0 {
		return nil, io.EOF
	}
	r.row++
	if r.row < r.next {
		return nil, nil // a row Excel left out: empty
	}
	r.next = 0
	if err := r.nextEr; err != nil {
		r.nextEr = nil
		return nil, err
	}
	return r.rec, nil
}

// readRow reads up to the next <row> of the sheet's data and its cells
// into r.rec and r.next; at the end of the data it sets r.done.
func (r *RecordReader) readRow() error {
	for {
		tok, err := r.sheet.token()
		if err == io.EOF {
			r.done = true
			return nil
		}
		if err != nil {
			return r.sheetError(err, r.row+1, "", false)
		}
		switch e := tok.(type) {
		case xml.StartElement:
			switch {
			case e.Name.Local == "sheetData":
				r.inData = true
			case e.Name.Local == "row" && r.inData:
				return r.readCells(e)
			}
		case xml.EndElement:
			if e.Name.Local == "sheetData" {
				r.done = true
				return nil
			}
		}
	}
}

// readCells reads the cells of the row that start begins.
func (r *RecordReader) readCells(start xml.StartElement) error {
	num := r.row + 1 // rows are read one at a time: r.row is the last one
	if v, ok := attr(start, "r"); ok {
		n, err := strconv.Atoi(strings.TrimSpace(v))
		switch {
		case err != nil || n < 1:
			return fmt.Errorf("xlsxfile: sheet %q: row %q after row %d is not a row number (a damaged file?)", r.name, v, num-1)
		case n < num:
			return fmt.Errorf("xlsxfile: sheet %q: row %d comes after row %d (a damaged file?)", r.name, n, num-1)
		}
		num = n
	}
	if num > r.opt.MaxRows {
		return &LimitError{Sheet: r.name, Row: num, Reason: fmt.Sprintf("beyond %d rows", r.opt.MaxRows)}
	}
	r.text, r.cells, r.shared = r.text[:0], r.cells[:0], 0
	var rowErr error
	col := 0
	for {
		tok, err := r.sheet.token()
		if err != nil {
			if err == io.EOF {
				err = io.ErrUnexpectedEOF
			}
			return r.sheetError(err, num, "", false)
		}
		switch e := tok.(type) {
		case xml.StartElement:
			if e.Name.Local != "c" {
				continue
			}
			c, cerr := r.readCell(e, num, col)
			if cerr != nil {
				var re *leads.RowError
				if !errors.As(cerr, &re) {
					return cerr
				}
				if rowErr == nil {
					rowErr = cerr
				}
				continue
			}
			col = c
		case xml.EndElement:
			if e.Name.Local == "row" {
				r.next, r.nextEr = num, rowErr
				if rowErr == nil {
					r.assemble()
				}
				return nil
			}
		}
	}
}

// readCell reads one cell, whose previous cell in the row is in column
// prev, and returns its column.
func (r *RecordReader) readCell(start xml.StartElement, row, prev int) (int, error) {
	col := prev + 1
	ref, hasRef := attr(start, "r")
	if hasRef {
		c, ok := parseCol(ref, r.opt.MaxColumns)
		if !ok {
			return prev, r.skipCell(row, fmt.Errorf("%w: %q is not a cell reference", leads.ErrInvalid, ref))
		}
		col = c
	}
	name := func() string {
		if hasRef {
			return ref
		}
		return cellName(col, row)
	}
	if col > r.opt.MaxColumns {
		return prev, &LimitError{Sheet: r.name, Cell: name(),
			Reason: fmt.Sprintf("beyond column %s, the last of %d", colName(r.opt.MaxColumns), r.opt.MaxColumns)}
	}
	if col <= prev {
		return prev, r.skipCell(row, fmt.Errorf("%w: cell %s comes after column %s (a damaged file?)", leads.ErrInvalid, name(), colName(prev)))
	}
	typ, _ := attr(start, "t")
	style := 0
	if s, ok := attr(start, "s"); ok {
		style, _ = strconv.Atoi(s)
	}
	begin := len(r.text)
	var inV, inIS, inT, inRPh bool
	for {
		tok, err := r.sheet.token()
		if err != nil {
			if err == io.EOF {
				err = io.ErrUnexpectedEOF
			}
			return prev, r.sheetError(err, row, name(), inV || inT)
		}
		switch e := tok.(type) {
		case xml.StartElement:
			switch e.Name.Local {
			case "v":
				inV = !inIS
			case "is":
				inIS = true
			case "rPh":
				inRPh = true
			case "t":
				inT = inIS && !inRPh
			}
		case xml.EndElement:
			switch e.Name.Local {
			case "c":
				return col, r.addCell(col, row, name, typ, style, begin)
			case "v":
				inV = false
			case "is":
				inIS = false
			case "rPh":
				inRPh = false
			case "t":
				inT = false
			}
		case xml.CharData:
			if inV || inT {
				if int64(len(r.text)-begin+len(e)) > r.opt.MaxValueBytes {
					return prev, r.valueTooLong(name())
				}
				if inT {
					r.text = appendUnescaped(r.text, e) // _x000B_ and the like
				} else {
					r.text = append(r.text, e...)
				}
				if err := r.rowTooLong(row); err != nil {
					return prev, err
				}
			}
		}
	}
}

// addCell interprets the text of a cell, text[begin:], by its type.
func (r *RecordReader) addCell(col, row int, name func() string, typ string, style, begin int) error {
	v := r.text[begin:]
	if len(v) == 0 {
		return nil
	}
	switch typ {
	case "s":
		i, err := strconv.Atoi(strings.TrimSpace(string(v)))
		r.text = r.text[:begin]
		if err != nil {
			return &leads.RowError{Row: row, Err: fmt.Errorf("%w: cell %s: %q is not the number of a shared string", leads.ErrInvalid, name(), v)}
		}
		s, ok := r.sst.item(i)
		if !ok {
			return r.missingString(row, name(), i)
		}
		if s == "" {
			return nil
		}
		r.cells = append(r.cells, cellRef{col: col, start: i, shared: true})
		r.shared += int64(len(s))
		return r.rowTooLong(row)
	case "b":
		switch string(v) {
		case "1":
			r.text = append(r.text[:begin], "TRUE"...)
		case "0":
			r.text = append(r.text[:begin], "FALSE"...)
		}
	case "", "n":
		if s := r.st.number(string(v), style); s != string(v) {
			r.text = append(r.text[:begin], s...)
		}
	}
	// inlineStr, str (a formula's text), e (an error value), d (an ISO
	// 8601 date): as written.
	r.cells = append(r.cells, cellRef{col: col, start: begin, end: len(r.text)})
	return nil
}

// rowTooLong checks the row's values against the limit on a record: its
// own text and its shared strings.
func (r *RecordReader) rowTooLong(row int) error {
	if int64(len(r.text))+r.shared > r.opt.MaxValueBytes {
		return &LimitError{Sheet: r.name, Row: row, Reason: fmt.Sprintf("values over %s together", size(r.opt.MaxValueBytes))}
	}
	return nil
}

// assemble makes r.rec of r.cells: one string for the row's own text, the
// cells substrings of it or of the shared strings.
func (r *RecordReader) assemble() {
	text := string(r.text)
	r.rec = r.rec[:0]
	for _, c := range r.cells {
		for len(r.rec) < c.col-1 {
			r.rec = append(r.rec, "")
		}
		if c.shared {
			s, _ := r.sst.item(c.start)
			r.rec = append(r.rec, s)
		} else {
			r.rec = append(r.rec, text[c.start:c.end])
		}
	}
}

// missingString explains a reference to shared string i, which the table
// does not hold.
func (r *RecordReader) missingString(row int, cell string, i int) error {
	var le *LimitError
	switch {
	case i < len(r.sst.ends) || r.sst.stop == nil || i < 0:
		return &leads.RowError{Row: row, Err: fmt.Errorf("%w: cell %s: shared string %d does not exist", leads.ErrInvalid, cell, i)}
	case errors.As(r.sst.stop, &le) && i == len(r.sst.ends):
		return &LimitError{Sheet: r.name, Cell: cell, Reason: le.Reason}
	case le != nil:
		return &LimitError{Sheet: r.name, Cell: cell, Reason: fmt.Sprintf("shared string %d not read: shared string %d: %s", i, len(r.sst.ends), le.Reason)}
	}
	return &leads.RowError{Row: row, Err: fmt.Errorf("%w: cell %s: shared string %d cannot be read: %v", leads.ErrInvalid, cell, i, r.sst.stop)}
}

// skipCell reads to the end of a cell that cannot be read, and returns
// err for its row.
func (r *RecordReader) skipCell(row int, err error) error {
	for {
		tok, terr := r.sheet.token()
		if terr != nil {
			if terr == io.EOF {
				terr = io.ErrUnexpectedEOF
			}
			return r.sheetError(terr, row, "", false)
		}
		if e, ok := tok.(xml.EndElement); ok && e.Name.Local == "c" {
			return &leads.RowError{Row: row, Err: err}
		}
	}
}

func (r *RecordReader) valueTooLong(cell string) error {
	return &LimitError{Sheet: r.name, Cell: cell, Reason: fmt.Sprintf("value over %s", size(r.opt.MaxValueBytes))}
}

// sheetError explains an error of the sheet's XML at row (and cell, in a
// value when inValue).
func (r *RecordReader) sheetError(err error, row int, cell string, inValue bool) error {
	switch {
	case errors.Is(err, errInflated):
		return fmt.Errorf("%w: its parts inflate to more than %d bytes (a zip bomb?)", ErrTooLarge, r.opt.MaxUnzippedBytes)
	case errors.Is(err, errTokenTooLong) && inValue && cell != "":
		return r.valueTooLong(cell)
	case errors.Is(err, errTokenTooLong):
		le := &LimitError{Sheet: r.name, Cell: cell, Reason: fmt.Sprintf("a piece of XML over %s", size(int64(r.sheet.lim.max)))}
		if cell == "" {
			le.Row = row
		}
		return le
	}
	where := fmt.Sprintf("row %d", row)
	if cell != "" {
		where = "cell " + cell
	}
	return fmt.Errorf("xlsxfile: sheet %q, %s: the sheet is damaged: %w", r.name, where, err)
}
