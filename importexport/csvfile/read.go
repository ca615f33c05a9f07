package csvfile

import (
	"bufio"
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"strings"
	"unicode/utf8"

	"github.com/leadkit/leads"
	"github.com/leadkit/leads/importexport"
	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/unicode"
	"golang.org/x/text/transform"
)

// DefaultMaxRecordBytes is the default limit on the size of one record.
const DefaultMaxRecordBytes = 1 << 20

// ErrRecordTooLong means that a record exceeded Options.MaxRecordBytes.
var ErrRecordTooLong = errors.New("leads/csv: record too long")

// Options configure the reader. The zero value detects everything.
type Options struct {
	importexport.TableOptions
	// Comma is the delimiter; 0 detects comma, semicolon or tab.
	Comma rune
	// Encoding, when set, decodes the whole file (after any byte order
	// mark) instead of the detection rule (see charset.go: UTF-16 by its
	// NUL bytes, else UTF-8 with a guessed fallback for the values that
	// are not UTF-8).
	Encoding encoding.Encoding
	// MaxRecordBytes caps the size of one record; 0 means
	// DefaultMaxRecordBytes.
	MaxRecordBytes int
}

// NewSource returns a source of the leads in the CSV file r.
func NewSource(r io.Reader, opt Options) (*importexport.TableSource, error) {
	rr, err := NewRecordReader(r, opt)
	if err != nil {
		return nil, err
	}
	return importexport.NewTableSource(rr, opt.TableOptions)
}

// RecordReader reads the records of a CSV file as decoded cells; it
// implements importexport.RecordReader.
type RecordReader struct {
	csv       *csv.Reader
	limit     *limitReader
	max       int
	fix       bool              // decode values that are not UTF-8 with fallback
	fallback  charset           // the guessed character set of such values
	decoder   *encoding.Decoder // fallback's
	fixed     int               // values decoded so
	encoding  string            // what the file was read as, for Encoding
	warnings  []Warning         // about the file as a whole, known at the start
	row       int
	delimiter rune
	width     int // cells of the first record
}

// Warning is importexport.Warning.
type Warning = importexport.Warning

// NewRecordReader detects the encoding and delimiter of r.
func NewRecordReader(r io.Reader, opt Options) (*RecordReader, error) {
	max := opt.MaxRecordBytes
	if max <= 0 {
		max = DefaultMaxRecordBytes
	}
	br := bufio.NewReaderSize(r, 64<<10)
	head, err := br.Peek(br.Size())
	if err != nil && err != io.EOF && err != bufio.ErrBufferFull {
		return nil, err
	}
	var text io.Reader = br
	rr := &RecordReader{max: max, fix: opt.Encoding == nil, encoding: "UTF-8"}
	utf16 := func(e unicode.Endianness, bom unicode.BOMPolicy, name string) {
		text = transform.NewReader(br, unicode.UTF16(e, bom).NewDecoder())
		rr.fix, rr.encoding = false, name
	}
	switch {
	case bytes.HasPrefix(head, []byte("\xEF\xBB\xBF")):
		br.Discard(3)
	case bytes.HasPrefix(head, []byte("\xFF\xFE")):
		utf16(unicode.LittleEndian, unicode.ExpectBOM, "UTF-16LE")
	case bytes.HasPrefix(head, []byte("\xFE\xFF")):
		utf16(unicode.BigEndian, unicode.ExpectBOM, "UTF-16BE")
	case opt.Encoding != nil:
		text = transform.NewReader(br, opt.Encoding.NewDecoder())
		rr.encoding = fmt.Sprint(opt.Encoding)
	default:
		if be, ok := sniffUTF16(head); ok {
			name, e := "UTF-16LE", unicode.LittleEndian
			if be {
				name, e = "UTF-16BE", unicode.BigEndian
			}
			utf16(e, unicode.IgnoreBOM, name)
			rr.warnings = append(rr.warnings, Warning{Reason: fmt.Sprintf(
				"the file has no byte order mark, but NUL bytes in every other place: read as %s", name)})
		}
	}
	if rr.fix {
		rr.fallback = candidates()[0]
		if !utf8.Valid(head) {
			if odd := nonUTF8Values(head); len(odd) > 0 {
				rr.fallback = guessFallback(odd)
			}
		}
		rr.decoder = rr.fallback.enc.NewDecoder()
	}
	lim := &limitReader{r: text, max: max + 8<<10} // slack for the read-ahead buffer
	tb := bufio.NewReaderSize(lim, 64<<10)
	comma := opt.Comma
	if comma == 0 {
		comma = detectComma(tb)
	}
	cr := csv.NewReader(newCRLFKeeper(tb, comma)) // CRLF inside a quoted field kept (linebreaks.go)
	cr.Comma = comma
	cr.FieldsPerRecord = -1
	cr.LazyQuotes = true
	cr.ReuseRecord = true
	rr.csv, rr.limit, rr.delimiter = cr, lim, comma
	return rr, nil
}

// Encoding names what the file is read as: "UTF-8" (with values that are
// not UTF-8 decoded by the fallback that FileWarnings names), "UTF-16LE",
// "UTF-16BE", or the Options.Encoding given.
func (r *RecordReader) Encoding() string { return r.encoding }

// FileWarnings reports what the reader guessed: UTF-16 without a byte
// order mark, and, once values that are not UTF-8 were read, the character
// set they were decoded with and how many there were. It implements
// importexport.FileWarner; TableSource passes it on.
func (r *RecordReader) FileWarnings() []Warning {
	out := append([]Warning(nil), r.warnings...)
	if r.fixed > 0 {
		values := fmt.Sprintf("%d values were", r.fixed)
		if r.fixed == 1 {
			values = "1 value was"
		}
		out = append(out, Warning{Reason: fmt.Sprintf(
			"the file is not UTF-8: %s read as %s (guessed from the bytes: %s)",
			values, r.fallback.name, r.fallback.what)})
	}
	return out
}

// Comma returns the delimiter in use.
func (r *RecordReader) Comma() rune { return r.delimiter }

// Read returns the next record. A malformed record gives a
// *leads.RowError; a record over the size limit gives ErrRecordTooLong and
// ends the file.
func (r *RecordReader) Read() ([]string, error) {
	r.row++
	r.limit.n = 0
	rec, err := r.csv.Read()
	if err != nil {
		return nil, r.readError(err)
	}
	if r.width == 0 {
		r.width = len(rec)
	}
	if len(rec) == 1 && r.width > 1 && r.delimiter != '\t' && strings.ContainsRune(rec[0], '\t') {
		// A line of a comma (or semicolon) file written with tabs, as
		// files pasted together from two programs have: split at tabs.
		rec = strings.Split(rec[0], "\t")
	}
	if r.fix {
		for i, f := range rec {
			if !utf8.ValidString(f) {
				r.decode(rec, i)
			}
		}
	}
	return rec, nil
}

// decode decodes value i of rec with the fallback character set. It is
// apart from Read, which stays small for the common case of UTF-8.
func (r *RecordReader) decode(rec []string, i int) {
	if s, err := r.decoder.String(rec[i]); err == nil {
		rec[i] = s
		r.fixed++
	}
}

// readError explains an error of the CSV reader. It is apart from Read
// because the error variables that errors.As fills escape to the heap:
// declared in Read, they would cost an allocation per row.
func (r *RecordReader) readError(err error) error {
	if errors.Is(err, ErrRecordTooLong) {
		return fmt.Errorf("%w: row %d is longer than %d bytes (a line without an end, or a quote never closed?)", ErrRecordTooLong, r.row, r.max)
	}
	var pe *csv.ParseError
	if errors.As(err, &pe) {
		return &leads.RowError{Row: r.row, Err: fmt.Errorf("%w: %v", leads.ErrInvalid, pe.Err)}
	}
	return err
}

// limitReader fails once more than max bytes were read since n was reset.
type limitReader struct {
	r   io.Reader
	n   int
	max int
}

func (l *limitReader) Read(p []byte) (int, error) {
	if l.n >= l.max {
		return 0, ErrRecordTooLong
	}
	if len(p) > l.max-l.n {
		p = p[:l.max-l.n]
	}
	n, err := l.r.Read(p)
	l.n += n
	return n, err
}

// detectComma picks the delimiter that occurs most, outside quotes, in the
// first line: comma, semicolon or tab; comma on a tie or when none occurs.
func detectComma(br *bufio.Reader) rune {
	head, _ := br.Peek(br.Size())
	counts := map[byte]int{}
	quoted := false
	for _, c := range head {
		if c == '"' {
			quoted = !quoted
			continue
		}
		if quoted {
			continue
		}
		if c == '\n' {
			break
		}
		if c == ',' || c == ';' || c == '\t' {
			counts[c]++
		}
	}
	best := byte(',')
	for _, c := range []byte{';', '\t'} {
		if counts[c] > counts[best] {
			best = c
		}
	}
	return rune(best)
}
