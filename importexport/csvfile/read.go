package csvfile

import (
	"bufio"
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"unicode/utf8"

	"github.com/leadkit/leads"
	"github.com/leadkit/leads/importexport"
	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/charmap"
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
	// mark) instead of the UTF-8-else-Windows-1252 rule.
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
	fix1252   bool
	decoder   *encoding.Decoder
	row       int
	delimiter rune
}

// NewRecordReader detects the encoding and delimiter of r.
func NewRecordReader(r io.Reader, opt Options) (*RecordReader, error) {
	max := opt.MaxRecordBytes
	if max <= 0 {
		max = DefaultMaxRecordBytes
	}
	br := bufio.NewReaderSize(r, 64<<10)
	head, err := br.Peek(3)
	if err != nil && err != io.EOF && err != bufio.ErrBufferFull {
		return nil, err
	}
	var text io.Reader = br
	fix1252 := opt.Encoding == nil
	switch {
	case bytes.HasPrefix(head, []byte("\xEF\xBB\xBF")):
		br.Discard(3)
	case bytes.HasPrefix(head, []byte("\xFF\xFE")):
		text = transform.NewReader(br, unicode.UTF16(unicode.LittleEndian, unicode.ExpectBOM).NewDecoder())
		fix1252 = false
	case bytes.HasPrefix(head, []byte("\xFE\xFF")):
		text = transform.NewReader(br, unicode.UTF16(unicode.BigEndian, unicode.ExpectBOM).NewDecoder())
		fix1252 = false
	case opt.Encoding != nil:
		text = transform.NewReader(br, opt.Encoding.NewDecoder())
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
	return &RecordReader{csv: cr, limit: lim, max: max, fix1252: fix1252,
		decoder: charmap.Windows1252.NewDecoder(), delimiter: comma}, nil
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
	if r.fix1252 {
		for i, f := range rec {
			if !utf8.ValidString(f) {
				if s, err := r.decoder.String(f); err == nil {
					rec[i] = s
				}
			}
		}
	}
	return rec, nil
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
