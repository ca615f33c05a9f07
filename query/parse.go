package query

import (
	"fmt"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/leadkit/leads"
)

// SyntaxError reports text that is not a valid condition or sort. Pos is
// the byte offset in the text where the problem was found. When the
// problem is an unknown field, Err is the *leads.FieldError, so
// errors.Is(err, leads.ErrInvalid) holds for every SyntaxError.
type SyntaxError struct {
	Pos int
	Msg string
	Err error
}

func (e *SyntaxError) Error() string {
	return fmt.Sprintf("leads: syntax error at position %d: %s", e.Pos, e.Msg)
}

// Unwrap returns the field error behind e, if any.
func (e *SyntaxError) Unwrap() error { return e.Err }

// Is reports that a SyntaxError is a leads.ErrInvalid.
func (e *SyntaxError) Is(target error) bool { return target == leads.ErrInvalid }

// ParseCond parses the text form of a condition. Blank text is the zero
// Cond, which matches everything. Field names must be known (leads.Fields)
// or custom ("custom.NAME"); values are checked later, by leads.Query.Validate.
func ParseCond(s string) (leads.Cond, error) {
	p := &condParser{src: s}
	p.next()
	if p.tok.kind == tokEOF {
		return leads.Cond{}, nil
	}
	c, err := p.or()
	if err != nil {
		return leads.Cond{}, err
	}
	if p.tok.kind == tokBad {
		return leads.Cond{}, p.errorf("%s", p.tok.msg)
	}
	if p.tok.kind != tokEOF {
		return leads.Cond{}, p.errorf("unexpected %s after the condition", p.tok.describe())
	}
	return c, nil
}

// ParseSort parses a comma-separated list of fields, each optionally
// preceded by "-" for descending or "+" for ascending order:
// "-stars,file_as". Blank text is no sort.
func ParseSort(s string) ([]leads.SortKey, error) {
	if strings.TrimSpace(s) == "" {
		return nil, nil
	}
	var keys []leads.SortKey
	pos := 0
	for part := range strings.SplitSeq(s, ",") {
		start := pos + len(part) - len(strings.TrimLeft(part, " \t"))
		pos += len(part) + 1
		name := strings.TrimSpace(part)
		k := leads.SortKey{}
		if rest, ok := strings.CutPrefix(name, "-"); ok {
			k.Desc, name, start = true, strings.TrimSpace(rest), start+1
		} else if rest, ok := strings.CutPrefix(name, "+"); ok {
			name, start = strings.TrimSpace(rest), start+1
		}
		if name == "" {
			return nil, &SyntaxError{Pos: start, Msg: "missing field name in the sort"}
		}
		k.Field = leads.Field(name)
		if _, ok := k.Field.Kind(); !ok {
			return nil, &SyntaxError{Pos: start, Msg: fmt.Sprintf("unknown field %q", name),
				Err: unknownField("sort", name)}
		}
		keys = append(keys, k)
	}
	return keys, nil
}

type tokKind uint8

const (
	tokEOF    tokKind = iota
	tokWord           // a bare word: field, keyword or value
	tokString         // a quoted string, unquoted in text
	tokOp             // = != < <= > >= ~
	tokLParen
	tokRParen
	tokComma
	tokBad // a character that starts no token, or a broken string
)

type token struct {
	kind tokKind
	text string
	pos  int
	msg  string // for tokBad
}

func (t token) describe() string {
	switch t.kind {
	case tokEOF:
		return "end of text"
	case tokString:
		return strconv.Quote(t.text)
	}
	return fmt.Sprintf("%q", t.text)
}

// keyword reports whether t is the bare word kw, ignoring case.
func (t token) keyword(kw string) bool { return t.kind == tokWord && strings.EqualFold(t.text, kw) }

func isWordByte(c byte) bool {
	return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' ||
		strings.IndexByte("_.:+-@/", c) >= 0 || c >= utf8.RuneSelf
}

type condParser struct {
	src string
	off int
	tok token
}

func (p *condParser) errorf(format string, args ...any) error {
	return &SyntaxError{Pos: p.tok.pos, Msg: fmt.Sprintf(format, args...)}
}

// next reads the next token into p.tok.
func (p *condParser) next() {
	for p.off < len(p.src) && strings.IndexByte(" \t\r\n", p.src[p.off]) >= 0 {
		p.off++
	}
	start := p.off
	if start >= len(p.src) {
		p.tok = token{kind: tokEOF, pos: start}
		return
	}
	c := p.src[start]
	switch {
	case c == '(':
		p.off++
		p.tok = token{kind: tokLParen, text: "(", pos: start}
	case c == ')':
		p.off++
		p.tok = token{kind: tokRParen, text: ")", pos: start}
	case c == ',':
		p.off++
		p.tok = token{kind: tokComma, text: ",", pos: start}
	case c == '=' || c == '~':
		p.off++
		p.tok = token{kind: tokOp, text: string(c), pos: start}
	case c == '!' || c == '<' || c == '>':
		p.off++
		if p.off < len(p.src) && p.src[p.off] == '=' {
			p.off++
		} else if c == '!' {
			p.tok = token{kind: tokBad, text: "!", pos: start, msg: `"!" must be followed by "="`}
			return
		}
		p.tok = token{kind: tokOp, text: p.src[start:p.off], pos: start}
	case c == '"':
		p.off++
		for p.off < len(p.src) && p.src[p.off] != '"' {
			if p.src[p.off] == '\\' {
				p.off++
			}
			p.off++
		}
		if p.off >= len(p.src) {
			p.off = len(p.src)
			p.tok = token{kind: tokBad, pos: start, msg: "unterminated string"}
			return
		}
		p.off++
		text, err := strconv.Unquote(p.src[start:p.off])
		if err != nil {
			p.tok = token{kind: tokBad, pos: start, msg: "invalid escape in string " + p.src[start:p.off]}
			return
		}
		p.tok = token{kind: tokString, text: text, pos: start}
	case isWordByte(c):
		for p.off < len(p.src) && isWordByte(p.src[p.off]) {
			p.off++
		}
		p.tok = token{kind: tokWord, text: p.src[start:p.off], pos: start}
	default:
		r, _ := utf8.DecodeRuneInString(p.src[start:])
		p.tok = token{kind: tokBad, text: string(r), pos: start, msg: fmt.Sprintf("unexpected character %q", r)}
	}
}

func (p *condParser) or() (leads.Cond, error) {
	first, err := p.and()
	if err != nil {
		return leads.Cond{}, err
	}
	if !p.tok.keyword("or") {
		return first, nil
	}
	cs := []leads.Cond{first}
	for p.tok.keyword("or") {
		p.next()
		c, err := p.and()
		if err != nil {
			return leads.Cond{}, err
		}
		cs = append(cs, c)
	}
	return leads.Or(cs...), nil
}

func (p *condParser) and() (leads.Cond, error) {
	first, err := p.unary()
	if err != nil {
		return leads.Cond{}, err
	}
	if !p.tok.keyword("and") {
		return first, nil
	}
	cs := []leads.Cond{first}
	for p.tok.keyword("and") {
		p.next()
		c, err := p.unary()
		if err != nil {
			return leads.Cond{}, err
		}
		cs = append(cs, c)
	}
	return leads.And(cs...), nil
}

func (p *condParser) unary() (leads.Cond, error) {
	switch {
	case p.tok.keyword("not"):
		p.next()
		c, err := p.unary()
		if err != nil {
			return leads.Cond{}, err
		}
		return leads.Not(c), nil
	case p.tok.kind == tokLParen:
		p.next()
		c, err := p.or()
		if err != nil {
			return leads.Cond{}, err
		}
		if p.tok.kind != tokRParen {
			return leads.Cond{}, p.errorf("expected \")\", found %s", p.tok.describe())
		}
		p.next()
		return c, nil
	}
	return p.comparison()
}

// isReserved reports whether s is a keyword, which cannot be a bare field
// name or value.
func isReserved(s string) bool {
	switch strings.ToLower(s) {
	case "and", "or", "not", "in", "is", "empty", "between", "contains", "startswith", "prefix":
		return true
	}
	return false
}

func (p *condParser) comparison() (leads.Cond, error) {
	if p.tok.kind == tokBad {
		return leads.Cond{}, p.errorf("%s", p.tok.msg)
	}
	if p.tok.kind != tokString && (p.tok.kind != tokWord || isReserved(p.tok.text)) {
		return leads.Cond{}, p.errorf("expected a field name, found %s", p.tok.describe())
	}
	f := leads.Field(p.tok.text)
	if _, ok := f.Kind(); !ok {
		return leads.Cond{}, &SyntaxError{Pos: p.tok.pos, Msg: fmt.Sprintf("unknown field %q", f),
			Err: unknownField("where", string(f))}
	}
	p.next()
	op := p.tok
	switch {
	case op.kind == tokOp:
		p.next()
		v, err := p.value()
		if err != nil {
			return leads.Cond{}, err
		}
		switch op.text {
		case "=":
			return leads.Eq(f, v), nil
		case "!=":
			return leads.Not(leads.Eq(f, v)), nil
		case "~":
			return leads.Contains(f, v), nil
		case ">=":
			return leads.Between(f, v, ""), nil
		case "<=":
			return leads.Between(f, "", v), nil
		case ">", "<":
			return strictly(f, op.text, v), nil
		}
	case op.keyword("contains"):
		p.next()
		v, err := p.value()
		return leads.Contains(f, v), err
	case op.keyword("startswith"), op.keyword("prefix"):
		p.next()
		v, err := p.value()
		return leads.Prefix(f, v), err
	case op.keyword("between"):
		p.next()
		lo, err := p.value()
		if err != nil {
			return leads.Cond{}, err
		}
		if !p.tok.keyword("and") {
			return leads.Cond{}, p.errorf("expected \"and\" in between, found %s", p.tok.describe())
		}
		p.next()
		hi, err := p.value()
		return leads.Between(f, lo, hi), err
	case op.keyword("in"):
		p.next()
		return p.in(f)
	case op.keyword("is"):
		p.next()
		not := false
		if p.tok.keyword("not") {
			not = true
			p.next()
		}
		if !p.tok.keyword("empty") {
			return leads.Cond{}, p.errorf("expected \"empty\", found %s", p.tok.describe())
		}
		p.next()
		if not {
			return leads.NotEmpty(f), nil
		}
		return leads.Empty(f), nil
	case op.kind == tokBad:
		return leads.Cond{}, p.errorf("%s", op.msg)
	}
	return leads.Cond{}, p.errorf("expected an operator after %s, found %s", f, op.describe())
}

func (p *condParser) in(f leads.Field) (leads.Cond, error) {
	if p.tok.kind != tokLParen {
		return leads.Cond{}, p.errorf("expected \"(\" after in, found %s", p.tok.describe())
	}
	p.next()
	vs := []string{}
	if p.tok.kind == tokRParen {
		p.next()
		return leads.Cond{Op: leads.OpIn, Field: f, Values: vs}, nil
	}
	for {
		v, err := p.value()
		if err != nil {
			return leads.Cond{}, err
		}
		vs = append(vs, v)
		switch p.tok.kind {
		case tokComma:
			p.next()
			continue
		case tokRParen:
			p.next()
			return leads.In(f, vs...), nil
		}
		return leads.Cond{}, p.errorf("expected \",\" or \")\", found %s", p.tok.describe())
	}
}

func (p *condParser) value() (string, error) {
	switch {
	case p.tok.kind == tokString:
	case p.tok.kind == tokWord && !isReserved(p.tok.text):
	case p.tok.kind == tokBad:
		return "", p.errorf("%s", p.tok.msg)
	default:
		return "", p.errorf("expected a value, found %s", p.tok.describe())
	}
	v := p.tok.text
	p.next()
	return v, nil
}

// strictly returns the condition f > v or f < v. On a custom field, which
// may be typed (Query.CustomTypes), it is "in the range and not equal to
// v", which only typed values meet, as f >= v does; "not f <= v" would
// also take the records without a value and those whose value does not
// read as the type. Other fields have a value in every record, and keep
// the shorter form.
func strictly(f leads.Field, op, v string) leads.Cond {
	lo, hi := v, ""
	if op == "<" {
		lo, hi = "", v
	}
	if strings.HasPrefix(string(f), "custom.") {
		return leads.And(leads.Between(f, lo, hi), leads.Not(leads.Between(f, v, v)))
	}
	if op == ">" {
		return leads.Not(leads.Between(f, "", v))
	}
	return leads.Not(leads.Between(f, v, ""))
}

// unknownField is the error behind a SyntaxError that names an unknown
// field, where is the part of the definition ("where", "sort").
func unknownField(where, name string) *leads.FieldError {
	return &leads.FieldError{Field: where, Reason: fmt.Sprintf("unknown field %q", name)}
}
