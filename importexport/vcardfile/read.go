package vcardfile

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/leadkit/leads"
	"github.com/leadkit/leads/importexport"
)

// Limits of the reader.
const (
	// DefaultMaxLineBytes caps one unfolded property (a photo included).
	DefaultMaxLineBytes = 8 << 20
	// DefaultMaxProperties caps the properties of one card.
	DefaultMaxProperties = 10000
	// maxDepth caps cards nested in cards (2.1's AGENT, or cards that
	// lack their END:VCARD).
	maxDepth = 8
)

// Errors of the reader.
var (
	// ErrLineTooLong means that a property exceeded the line limit.
	ErrLineTooLong = errors.New("leads/vcard: property too long")
	// ErrNoCard means that a file with text in it has no BEGIN:VCARD line:
	// it is not a vCard file. The error of Next matches
	// importexport.ErrNoRecords too.
	ErrNoCard = errors.New("leads/vcard: no BEGIN:VCARD line in the file, it is not a vCard file")
)

// Source reads the cards of a vCard file one at a time. Rows are numbered
// by the order of their BEGIN:VCARD lines, from 1.
//
// A card is rejected only when neither a name, an e-mail address nor a
// phone number can be read from it. What the reader repaired to keep a
// card (a folded line, a broken property, a wrong charset) is reported in Row.Warnings, with
// the property name as the column; the encoding of the file, when it had to
// be guessed, in FileWarnings.
type Source struct {
	MaxLine int // 0: DefaultMaxLineBytes

	br       *bufio.Reader
	started  bool
	utf16    bool // the file was UTF-16; CHARSET parameters no longer apply
	began    int  // BEGIN:VCARD lines seen
	line     int
	pending  string // a physical line read ahead while unfolding
	havePend bool
	text     bool    // the file has non-blank text
	open     []*card // cards begun and not ended, innermost last
	ready    []importexport.Row
	fileWarn []importexport.Warning
}

// card is a card being read.
type card struct {
	number int
	props  []property
	warns  []importexport.Warning
}

func (c *card) warn(column, value, reason string) {
	c.warns = append(c.warns, importexport.Warning{Row: c.number, Column: column, Value: clip(value), Reason: reason})
}

// NewSource returns a source of the cards in r.
func NewSource(r io.Reader) *Source {
	return &Source{br: bufio.NewReaderSize(r, 64<<10)}
}

// FileWarnings reports an encoding that was guessed for the whole file
// (UTF-16 without a byte-order mark).
func (s *Source) FileWarnings() []importexport.Warning { return s.fileWarn }

func (s *Source) start() {
	s.started = true
	r, enc, guessed := fileEncoding(s.br)
	if enc == "UTF-16LE" || enc == "UTF-16BE" {
		s.utf16 = true
		s.br = bufio.NewReaderSize(r, 64<<10)
	}
	if guessed {
		s.fileWarn = append(s.fileWarn, importexport.Warning{Reason: fmt.Sprintf("the file has no byte-order mark: it was read as %s", enc)})
	}
}

// Next reads the next card.
func (s *Source) Next() (importexport.Row, error) {
	if !s.started {
		s.start()
	}
	for len(s.ready) == 0 {
		if err := s.step(); err != nil {
			return importexport.Row{}, err
		}
	}
	row := s.ready[0]
	s.ready = s.ready[1:]
	return row, nil
}

// step reads one logical line and acts on it; a card that ends is put in
// s.ready.
func (s *Source) step() error {
	ll, err := s.logical()
	if err == io.EOF {
		if len(s.open) == 0 {
			if s.began == 0 && s.text {
				return fmt.Errorf("%w (%w)", ErrNoCard, importexport.ErrNoRecords)
			}
			return io.EOF
		}
		for len(s.open) > 0 {
			c := s.open[len(s.open)-1]
			c.warn("", "", "the card has no END:VCARD: it ends at the end of the file")
			s.finish()
		}
		return nil
	}
	if err != nil {
		return err
	}
	s.text = true
	p, perr := parseProperty(ll.text, ll.line)
	var top *card
	if len(s.open) > 0 {
		top = s.open[len(s.open)-1]
	}
	switch {
	case perr == nil && p.name == "BEGIN" && strings.EqualFold(strings.TrimSpace(p.value), "VCARD"):
		if len(s.open) >= maxDepth {
			// Cards that never end (a writer that leaves out END:VCARD)
			// would nest without bound: the innermost one ends here.
			top.warn("", "", fmt.Sprintf("line %d: a BEGIN:VCARD came %d cards deep: the card was ended before it", ll.line, maxDepth))
			s.finish()
		}
		s.began++
		s.open = append(s.open, &card{number: s.began})
		return nil
	case top == nil:
		return nil // text between cards is ignored, as every reader does
	case perr != nil:
		top.warn("", ll.text, perr.Error()+": the line was left out")
		return nil
	case p.name == "END":
		s.finish()
		return nil
	}
	if s.utf16 && len(p.params["ENCODING"]) == 0 {
		delete(p.params, "CHARSET") // the text was UTF-16, now UTF-8
	}
	if len(top.props) >= DefaultMaxProperties {
		if len(top.props) == DefaultMaxProperties {
			top.warn(p.name, "", fmt.Sprintf("line %d: the card has more than %d properties: the rest were left out", ll.line, DefaultMaxProperties))
			top.props = append(top.props, property{}) // warn once
		}
		return nil
	}
	for _, n := range ll.notes {
		top.warn(p.name, "", n)
	}
	top.props = append(top.props, p)
	return nil
}

// finish ends the innermost open card and makes its row.
func (s *Source) finish() {
	c := s.open[len(s.open)-1]
	s.open = s.open[:len(s.open)-1]
	l, err := cardLead(c)
	row := importexport.Row{Number: c.number, Warnings: c.warns}
	if err != nil {
		row.Err = &leads.RowError{Row: c.number, Err: err}
	} else {
		row.Lead = l
	}
	s.ready = append(s.ready, row)
}
