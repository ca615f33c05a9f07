package vcardfile

import (
	"bufio"
	"bytes"
	"encoding/base64"
	"errors"
	"fmt"
	"io"
	"mime/quotedprintable"
	"strings"
	"unicode/utf8"

	"github.com/leadkit/leads"
	"github.com/leadkit/leads/importexport"
	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/encoding/htmlindex"
)

// Limits of the reader.
const (
	// DefaultMaxLineBytes caps one unfolded property (a photo included).
	DefaultMaxLineBytes = 8 << 20
	// DefaultMaxProperties caps the properties of one card.
	DefaultMaxProperties = 10000
)

// ErrLineTooLong means that a property exceeded the line limit.
var ErrLineTooLong = errors.New("leads/vcard: property too long")

// Source reads the cards of a vCard file one at a time.
type Source struct {
	br       *bufio.Reader
	MaxLine  int // 0: DefaultMaxLineBytes
	card     int
	line     int
	pending  string // a physical line read ahead while unfolding
	havePend bool
}

// NewSource returns a source of the cards in r. Rows are numbered by card,
// from 1.
func NewSource(r io.Reader) *Source {
	return &Source{br: bufio.NewReaderSize(r, 64<<10)}
}

// physical returns the next physical line without its line end.
func (s *Source) physical() (string, error) {
	if s.havePend {
		s.havePend = false
		return s.pending, nil
	}
	max := s.MaxLine
	if max <= 0 {
		max = DefaultMaxLineBytes
	}
	var buf []byte
	for {
		chunk, err := s.br.ReadSlice('\n')
		if len(buf)+len(chunk) > max {
			return "", fmt.Errorf("%w: line %d is longer than %d bytes", ErrLineTooLong, s.line+1, max)
		}
		buf = append(buf, chunk...)
		if err == bufio.ErrBufferFull {
			continue
		}
		if err == io.EOF && len(buf) > 0 {
			break
		}
		if err != nil {
			return "", err
		}
		break
	}
	s.line++
	return strings.TrimRight(string(buf), "\r\n"), nil
}

// logical returns the next property line, unfolded: continuation lines
// begin with a space or tab (all versions), and a QUOTED-PRINTABLE value
// ending in "=" continues on the next line (2.1).
func (s *Source) logical() (string, int, error) {
	var line string
	for {
		l, err := s.physical()
		if err != nil {
			return "", 0, err
		}
		if l != "" {
			line = l
			break
		}
	}
	start := s.line
	max := s.MaxLine
	if max <= 0 {
		max = DefaultMaxLineBytes
	}
	for {
		qp := strings.HasSuffix(line, "=") && isQP(line)
		next, err := s.physical()
		if err == io.EOF {
			return line, start, nil
		}
		if err != nil {
			return "", 0, err
		}
		switch {
		case next != "" && (next[0] == ' ' || next[0] == '\t'):
			line += next[1:]
		case qp:
			line = line[:len(line)-1] + "=\r\n" + next // a soft line break, decoded later
		default:
			s.pending, s.havePend = next, true
			return line, start, nil
		}
		if len(line) > max {
			return "", 0, fmt.Errorf("%w: the property at line %d is longer than %d bytes", ErrLineTooLong, start, max)
		}
	}
}

func isQP(line string) bool {
	i := strings.IndexByte(line, ':')
	return i > 0 && strings.Contains(strings.ToUpper(line[:i]), "QUOTED-PRINTABLE")
}

// property is one parsed content line.
type property struct {
	name   string
	params map[string][]string // upper-case keys; bare 2.1 params go to TYPE
	value  string              // raw, still escaped
	line   int
}

func (p property) has(typ string) bool {
	for _, t := range p.params["TYPE"] {
		if strings.EqualFold(t, typ) {
			return true
		}
	}
	return false
}

func parseProperty(line string, n int) (property, error) {
	colon := -1
	quoted := false
	for i := 0; i < len(line); i++ {
		switch line[i] {
		case '"':
			quoted = !quoted
		case ':':
			if !quoted {
				colon = i
			}
		}
		if colon >= 0 {
			break
		}
	}
	if colon <= 0 {
		return property{}, fmt.Errorf("line %d: %q is not a vCard property (no colon)", n, clip(line))
	}
	head, value := line[:colon], line[colon+1:]
	parts := strings.Split(head, ";")
	name := parts[0]
	if i := strings.LastIndexByte(name, '.'); i >= 0 {
		name = name[i+1:] // drop the group
	}
	p := property{name: strings.ToUpper(strings.TrimSpace(name)), params: map[string][]string{}, value: value, line: n}
	for _, prm := range parts[1:] {
		k, v, ok := strings.Cut(prm, "=")
		if !ok {
			k, v = "TYPE", prm // vCard 2.1: TEL;WORK;VOICE
		}
		k = strings.ToUpper(strings.TrimSpace(k))
		for _, x := range strings.Split(v, ",") {
			x = strings.Trim(strings.TrimSpace(x), `"`)
			if x == "" {
				continue
			}
			if k == "TYPE" || k == "ENCODING" || k == "CHARSET" || k == "VALUE" {
				x = strings.ToUpper(x)
			}
			if k == "TYPE" && (x == "QUOTED-PRINTABLE" || x == "BASE64" || x == "B") {
				k = "ENCODING" // 2.1 allows the encoding as a bare parameter
			}
			p.params[k] = append(p.params[k], x)
		}
	}
	return p, nil
}

func clip(s string) string {
	if len(s) > 40 {
		return s[:40] + "..."
	}
	return s
}

// text decodes a property's value: quoted-printable, charset, and (for
// versions after 2.1) escapes are undone. It returns the components split
// on unescaped semicolons when split is true.
func (p property) text(version string, split bool) ([]string, error) {
	raw := p.value
	enc := ""
	if e := p.params["ENCODING"]; len(e) > 0 {
		enc = e[0]
	}
	var b []byte
	switch enc {
	case "QUOTED-PRINTABLE":
		d, err := io.ReadAll(quotedprintable.NewReader(strings.NewReader(raw)))
		if err != nil {
			return nil, fmt.Errorf("line %d: quoted-printable: %w", p.line, err)
		}
		b = d
	default:
		b = []byte(raw)
	}
	s := string(b)
	if cs := p.params["CHARSET"]; len(cs) > 0 && !strings.EqualFold(cs[0], "UTF-8") {
		e, err := htmlindex.Get(cs[0])
		if err != nil {
			return nil, fmt.Errorf("line %d: unknown charset %q", p.line, cs[0])
		}
		if s, err = e.NewDecoder().String(s); err != nil {
			return nil, fmt.Errorf("line %d: charset %s: %w", p.line, cs[0], err)
		}
	} else if !utf8.ValidString(s) {
		s, _ = charmap.Windows1252.NewDecoder().String(s)
	}
	var out []string
	var cur strings.Builder
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c == '\\' && i+1 < len(s) && version != "2.1":
			i++
			switch s[i] {
			case 'n', 'N':
				cur.WriteByte('\n')
			default:
				cur.WriteByte(s[i])
			}
		case c == '\\' && i+1 < len(s) && s[i+1] == ';':
			i++
			cur.WriteByte(';')
		case c == ';' && split:
			out = append(out, cur.String())
			cur.Reset()
		default:
			cur.WriteByte(c)
		}
	}
	out = append(out, cur.String())
	for i := range out {
		out[i] = strings.TrimSpace(out[i])
	}
	return out, nil
}

// Next reads the next card.
func (s *Source) Next() (importexport.Row, error) {
	var props []property
	var bad []error
	inCard := false
	for {
		line, n, err := s.logical()
		if err == io.EOF {
			if inCard {
				s.card++
				return importexport.Row{Number: s.card, Err: &leads.RowError{Row: s.card, Err: fmt.Errorf("%w: the card has no END:VCARD", leads.ErrInvalid)}}, nil
			}
			return importexport.Row{}, io.EOF
		}
		if err != nil {
			return importexport.Row{}, err
		}
		p, perr := parseProperty(line, n)
		switch {
		case perr == nil && p.name == "BEGIN" && strings.EqualFold(strings.TrimSpace(p.value), "VCARD"):
			inCard, props, bad = true, props[:0], nil
			continue
		case !inCard:
			continue // text between cards is ignored, as every reader does
		case perr != nil:
			bad = append(bad, perr)
			continue
		case p.name == "END":
			s.card++
			if len(bad) > 0 {
				return importexport.Row{Number: s.card, Err: &leads.RowError{Row: s.card, Err: fmt.Errorf("%w: %w", leads.ErrInvalid, errors.Join(bad...))}}, nil
			}
			l, err := cardLead(props)
			if err != nil {
				return importexport.Row{Number: s.card, Err: &leads.RowError{Row: s.card, Err: err}}, nil
			}
			return importexport.Row{Number: s.card, Lead: l}, nil
		}
		if len(props) >= DefaultMaxProperties {
			return importexport.Row{}, fmt.Errorf("leads/vcard: card %d has more than %d properties", s.card+1, DefaultMaxProperties)
		}
		props = append(props, p)
	}
}

// cardLead builds a lead from the properties of one card.
func cardLead(props []property) (*leads.Lead, error) {
	version := "3.0"
	for _, p := range props {
		if p.name == "VERSION" {
			version = strings.TrimSpace(p.value)
		}
	}
	l := &leads.Lead{}
	var errs []error
	for _, p := range props {
		split := p.name == "N" || p.name == "ADR" || p.name == "ORG"
		vals, err := p.text(version, split)
		if err != nil {
			errs = append(errs, err)
			continue
		}
		v := vals[0]
		switch p.name {
		case "FN":
			l.FullName = v
		case "N":
			get := func(i int) string {
				if i < len(vals) {
					return vals[i]
				}
				return ""
			}
			l.LastName, l.FirstName, l.MiddleName, l.Title, l.Suffix = get(0), get(1), get(2), get(3), get(4)
		case "ORG":
			l.Company = v
		case "TITLE":
			l.JobTitle = v
		case "EMAIL":
			if v != "" {
				l.Emails = append(l.Emails, leads.Email{Label: emailLabel(p), Address: v})
			}
		case "TEL":
			if v != "" {
				l.Phones = append(l.Phones, leads.Phone{Label: phoneLabel(p), Number: strings.TrimPrefix(v, "tel:")})
			}
		case "ADR":
			a := leads.Address{Label: addressLabel(p)}
			get := func(i int) string {
				if i < len(vals) {
					return vals[i]
				}
				return ""
			}
			street := strings.TrimSpace(strings.Join(nonEmpty(get(2), get(1), get(0)), "\n"))
			a.Street, a.City, a.State, a.PostalCode, a.Country = street, get(3), get(4), get(5), get(6)
			if a != (leads.Address{Label: a.Label}) {
				l.Addresses = append(l.Addresses, a)
			}
		case "URL":
			if v != "" {
				l.WebPages = append(l.WebPages, v)
			}
		case "NOTE":
			if v != "" {
				l.Comments = append(l.Comments, leads.Comment{Text: v})
			}
		case "CATEGORIES", "BDAY", "ROLE", "NICKNAME":
			if v != "" {
				if l.Custom == nil {
					l.Custom = map[string]string{}
				}
				l.Custom[customName[p.name]] = v
			}
		case "PHOTO":
			data, err := photo(p)
			if err != nil {
				errs = append(errs, err)
			} else if data != nil {
				l.Photo = leads.NewPhoto(data)
			}
		}
	}
	if len(errs) > 0 {
		return nil, fmt.Errorf("%w: %w", leads.ErrInvalid, errors.Join(errs...))
	}
	if l.FullName == "" {
		l.FullName = leads.Name{Title: l.Title, First: l.FirstName, Middle: l.MiddleName, Last: l.LastName, Suffix: l.Suffix}.String()
	}
	if l.FullName == "" {
		l.FullName = l.Company
	}
	return l, nil
}

var customName = map[string]string{"CATEGORIES": "Categories", "BDAY": "Birthday", "ROLE": "Role", "NICKNAME": "Nickname"}

func nonEmpty(s ...string) []string {
	var out []string
	for _, x := range s {
		if x != "" {
			out = append(out, x)
		}
	}
	return out
}

func photo(p property) ([]byte, error) {
	raw := strings.Join(strings.Fields(p.value), "")
	enc := strings.Join(p.params["ENCODING"], ",")
	switch {
	case enc == "B" || enc == "BASE64":
	case strings.HasPrefix(raw, "data:"):
		_, data, ok := strings.Cut(raw, ",")
		if !ok || !strings.Contains(raw[:len(raw)-len(data)], ";base64") {
			return nil, fmt.Errorf("line %d: PHOTO: a data URI without base64", p.line)
		}
		raw = data
	default:
		return nil, nil // a URL: not fetched
	}
	if len(raw) > base64.StdEncoding.EncodedLen(leads.DefaultMaxPhotoSize) {
		return nil, fmt.Errorf("line %d: PHOTO is larger than %d bytes", p.line, leads.DefaultMaxPhotoSize)
	}
	data, err := base64.StdEncoding.DecodeString(raw)
	if err != nil {
		data, err = base64.RawStdEncoding.DecodeString(strings.TrimRight(raw, "="))
	}
	if err != nil {
		return nil, fmt.Errorf("line %d: PHOTO: %w", p.line, err)
	}
	if leads.SniffImage(data) == "" {
		return nil, fmt.Errorf("line %d: PHOTO is not a JPEG, PNG or GIF image", p.line)
	}
	return bytes.Clone(data), nil
}

func phoneLabel(p property) leads.PhoneLabel {
	switch {
	case p.has("FAX"):
		return leads.PhoneFax
	case p.has("CELL"):
		return leads.PhoneMobile
	case p.has("HOME"):
		return leads.PhoneHome
	case p.has("WORK"):
		return leads.PhoneBusiness
	}
	return leads.PhoneOther
}

func addressLabel(p property) leads.AddressLabel {
	switch {
	case p.has("WORK"):
		return leads.AddressBusiness
	case p.has("HOME"):
		return leads.AddressHome
	}
	return leads.AddressOther
}

func emailLabel(p property) string {
	for _, t := range p.params["TYPE"] {
		switch t {
		case "WORK", "HOME", "OTHER":
			return strings.ToLower(t)
		}
	}
	return ""
}
