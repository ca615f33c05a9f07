package vcardfile

import (
	"bytes"
	"fmt"
	"strings"
	"unicode/utf8"

	"golang.org/x/text/encoding/htmlindex"
)

// property is one parsed content line.
type property struct {
	name   string
	params map[string][]string // upper-case keys; bare 2.1 params go to TYPE
	value  string              // raw, still encoded and escaped
	line   int
	notes  []string // adjustments made while reading it
}

func (p property) has(typ string) bool {
	for _, t := range p.params["TYPE"] {
		if strings.EqualFold(t, typ) {
			return true
		}
	}
	return false
}

func (p *property) note(format string, args ...any) {
	p.notes = append(p.notes, fmt.Sprintf("line %d: ", p.line)+fmt.Sprintf(format, args...))
}

// parseProperty reads "[group.]NAME[;param...]:value", recovering what it
// can from lines that break the grammar: a comma after the name ("LABEL,
// TYPE=HOME:"), an unbalanced quote in the parameters, a known name in
// capitals with no colon ("TEL;CELL 0171 12345"), parameter lists with
// spaces, repeated keys inside one list ("TYPE=WORK,TYPE=VOICE") and
// misspelt encodings. Each repair is noted on the property.
func parseProperty(line string, n int) (property, error) {
	p := property{params: map[string][]string{}, line: n}
	colon := -1
	quoted := false
	for i := 0; i < len(line) && colon < 0; i++ {
		switch line[i] {
		case '"':
			quoted = !quoted
		case ':':
			if !quoted {
				colon = i
			}
		}
	}
	if colon < 0 && quoted {
		if i := strings.IndexByte(line, ':'); i > 0 {
			colon = i
			p.note("an unbalanced quote in the parameters was ignored")
		}
	}
	var head string
	switch {
	case colon > 0:
		head, p.value = line[:colon], line[colon+1:]
	case lineKind(line) == kindNoColon:
		h, v, _ := strings.Cut(line, " ")
		head, p.value = h, strings.TrimSpace(v)
		p.note("no colon: the text after the name was read as the value")
	default:
		return property{}, fmt.Errorf("line %d: %q is not a vCard property (no colon)", n, clip(line))
	}
	name, params, comma := head, "", false
	if i := strings.IndexAny(head, ";,"); i >= 0 {
		name, params, comma = head[:i], head[i+1:], head[i] == ','
	}
	if i := strings.LastIndexByte(name, '.'); i >= 0 {
		name = name[i+1:] // drop the group
	}
	p.name = strings.ToUpper(strings.TrimSpace(name))
	if p.name == "" {
		return property{}, fmt.Errorf("line %d: %q is not a vCard property (no name)", n, clip(line))
	}
	if comma {
		p.note("a comma after the property name was read as a semicolon")
	}
	if params != "" {
		p.parseParams(params)
	}
	return p, nil
}

// parseParams reads the parameters after the name: "TYPE=WORK,VOICE",
// 2.1's bare "WORK;VOICE", quoted values.
func (p *property) parseParams(s string) {
	key := ""
	for _, prm := range splitOutside(s, ';') {
		if strings.TrimSpace(prm) == "" {
			continue
		}
		k, v, ok := strings.Cut(prm, "=")
		if !ok {
			k, v = "TYPE", prm // vCard 2.1: TEL;WORK;VOICE
		}
		key = strings.ToUpper(strings.TrimSpace(k))
		if key == "" {
			p.note("a parameter without a name (%q) was read as a TYPE", clip(prm))
			key = "TYPE"
		}
		for _, x := range splitOutside(v, ',') {
			x = strings.TrimSpace(x)
			if k2, v2, ok := strings.Cut(x, "="); ok && !strings.HasPrefix(x, `"`) && isParamName(k2) {
				// "TYPE=WORK,TYPE=VOICE": a list that repeats its key
				key, x = strings.ToUpper(strings.TrimSpace(k2)), strings.TrimSpace(v2)
				p.note("the parameter %q inside a list was read as its own parameter", clip(k2))
			}
			if strings.HasPrefix(x, `"`) && key == "TYPE" {
				// TYPE="voice,work" (RFC 6350) is a list too
				for _, y := range strings.Split(strings.Trim(x, `"`), ",") {
					if y = strings.TrimSpace(y); y != "" {
						p.addParam(key, y)
					}
				}
				continue
			}
			x = strings.Trim(x, `"`)
			if x == "" {
				continue
			}
			p.addParam(key, x)
		}
	}
}

func (p *property) addParam(k, x string) {
	if k == "TYPE" || k == "ENCODING" || k == "CHARSET" || k == "VALUE" {
		x = strings.ToUpper(x)
	}
	if k == "TYPE" {
		switch x {
		case "QUOTED-PRINTABLE", "BASE64", "B", "8BIT", "7BIT":
			k = "ENCODING" // 2.1 allows the encoding as a bare parameter
		}
	}
	if k == "ENCODING" {
		switch x {
		case "QUOTED-PRINTABLE", "BASE64", "B":
		case "QUOTED PRINTABLE", "QUOTEDPRINTABLE", "QP", "QUOTED_PRINTABLE":
			p.note("the encoding %q was read as QUOTED-PRINTABLE", x)
			x = "QUOTED-PRINTABLE"
		case "8BIT", "7BIT", "BINARY":
			return // no transfer encoding to undo
		}
	}
	p.params[k] = append(p.params[k], x)
}

func isParamName(s string) bool {
	s = strings.TrimSpace(s)
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !(c == '-' || '0' <= c && c <= '9' || 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z') {
			return false
		}
	}
	return true
}

// splitOutside splits s on sep outside double quotes.
func splitOutside(s string, sep byte) []string {
	var out []string
	quoted, start := false, 0
	for i := 0; i < len(s); i++ {
		switch s[i] {
		case '"':
			quoted = !quoted
		case sep:
			if !quoted {
				out = append(out, s[start:i])
				start = i + 1
			}
		}
	}
	return append(out, s[start:])
}

func clip(s string) string {
	if len(s) > 40 {
		i := 40
		for i > 0 && !utf8.RuneStart(s[i]) {
			i--
		}
		return s[:i] + "..."
	}
	return s
}

// decoded returns a property's value as UTF-8 text: quoted-printable is
// undone, then the CHARSET parameter applied; bytes that are not UTF-8 and
// that no CHARSET names are decoded by guessCharset. Escapes stay.
func (p *property) decoded() string {
	raw := p.value
	var b []byte
	if e := p.params["ENCODING"]; len(e) > 0 && e[0] == "QUOTED-PRINTABLE" {
		var kept bool
		b, kept = decodeQP(raw)
		if kept {
			p.note("an \"=\" not followed by two hex digits was kept as written")
		}
	} else {
		b = []byte(raw)
	}
	if cs := p.params["CHARSET"]; len(cs) > 0 && !strings.EqualFold(cs[0], "UTF-8") {
		e, err := htmlindex.Get(cs[0])
		if err == nil {
			if s, err := e.NewDecoder().Bytes(b); err == nil {
				return string(s)
			}
		}
		if utf8.Valid(b) {
			p.note("unknown charset %q: the value was read as UTF-8", clip(cs[0]))
			return string(b)
		}
		s, guess := guessCharset(b)
		p.note("unknown charset %q: the value was read as %s", clip(cs[0]), guess)
		return s
	}
	if utf8.Valid(b) {
		return string(b)
	}
	if len(p.params["CHARSET"]) > 0 && hasMultibyte(b) {
		// UTF-8 with a stray byte: keep the UTF-8
		p.note("the value is not UTF-8 as its CHARSET says: bytes that are not were replaced by U+FFFD")
		return string(bytes.ToValidUTF8(b, []byte("\uFFFD")))
	}
	if len(p.params["CHARSET"]) > 0 {
		// no UTF-8 sequence at all: the CHARSET is wrong
		s, guess := guessCharset(b)
		p.note("the value is not UTF-8 as its CHARSET says: it was read as %s", guess)
		return s
	}
	s, guess := guessCharset(b)
	p.note("the value is not UTF-8 and names no CHARSET: it was read as %s", guess)
	return s
}

// text decodes a property's value and undoes the text escapes (for
// versions after 2.1; in 2.1 only "\;" is an escape). It returns the
// components split on unescaped semicolons when split is true.
func (p *property) text(version string, split bool) []string {
	s := p.decoded()
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
	return out
}

// hasMultibyte tells bytes with at least one valid UTF-8 sequence of more
// than one byte.
func hasMultibyte(b []byte) bool {
	for len(b) > 0 {
		r, n := utf8.DecodeRune(b)
		if n > 1 && r != utf8.RuneError {
			return true
		}
		b = b[n:]
	}
	return false
}
