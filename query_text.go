package leads

import (
	"fmt"
	"strconv"
	"strings"
	"unicode/utf8"
)

// The text form of conditions and sorts, as the command line and saved
// reports write them:
//
//	stars >= 3 and source = "Web"
//	not (company contains "acme" or assigned_to is empty)
//	status in ("new", "contacted") and created_at between 2026-01-01 and 2026-06-30
//	-stars,file_as
//
// A comparison is a field name, an operator and a value:
//
//	=  !=            equal (exactly), not equal
//	<  <=  >  >=     ranges (OpRange with one open bound); < and > negate one
//	between A and B  a closed range
//	~  contains      contains, ignoring case
//	startswith  prefix
//	in (A, B, ...)   one of
//	is empty  is not empty
//
// Comparisons combine with not, and, or (in that order of precedence) and
// parentheses. Values are bare words (letters, digits and _ . : + - @ /) or
// double-quoted strings with Go's escapes ("say \"hi\"\n"). Keywords are
// case-insensitive. A field name may be quoted too, for custom fields whose
// names hold spaces ("custom.Deal size").

// SyntaxError reports text that is not a valid condition or sort. Pos is
// the byte offset in the text where the problem was found. When the
// problem is an unknown field, Err is the *FieldError, so
// errors.Is(err, ErrInvalid) holds for every SyntaxError.
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

// Is reports that a SyntaxError is an ErrInvalid.
func (e *SyntaxError) Is(target error) bool { return target == ErrInvalid }

// ParseCond parses the text form of a condition. Blank text is the zero
// Cond, which matches everything. Field names must be known (see Fields)
// or custom ("custom.NAME"); values are checked later, by Query.Validate.
func ParseCond(s string) (Cond, error) {
	p := &condParser{src: s}
	p.next()
	if p.tok.kind == tokEOF {
		return Cond{}, nil
	}
	c, err := p.or()
	if err != nil {
		return Cond{}, err
	}
	if p.tok.kind == tokBad {
		return Cond{}, p.errorf("%s", p.tok.msg)
	}
	if p.tok.kind != tokEOF {
		return Cond{}, p.errorf("unexpected %s after the condition", p.tok.describe())
	}
	return c, nil
}

// FormatCond writes c in the text form that ParseCond reads; for every
// condition that form can express, ParseCond(FormatCond(c)) equals c. The
// zero Cond is the empty string.
func FormatCond(c Cond) string {
	var b strings.Builder
	formatCond(&b, c)
	return b.String()
}

// ParseSort parses a comma-separated list of fields, each optionally
// preceded by "-" for descending or "+" for ascending order:
// "-stars,file_as". Blank text is no sort.
func ParseSort(s string) ([]SortKey, error) {
	if strings.TrimSpace(s) == "" {
		return nil, nil
	}
	var keys []SortKey
	pos := 0
	for part := range strings.SplitSeq(s, ",") {
		start := pos + len(part) - len(strings.TrimLeft(part, " \t"))
		pos += len(part) + 1
		name := strings.TrimSpace(part)
		k := SortKey{}
		if rest, ok := strings.CutPrefix(name, "-"); ok {
			k.Desc, name, start = true, strings.TrimSpace(rest), start+1
		} else if rest, ok := strings.CutPrefix(name, "+"); ok {
			name, start = strings.TrimSpace(rest), start+1
		}
		if name == "" {
			return nil, &SyntaxError{Pos: start, Msg: "missing field name in the sort"}
		}
		k.Field = Field(name)
		if _, ok := lookupField(k.Field); !ok {
			return nil, &SyntaxError{Pos: start, Msg: fmt.Sprintf("unknown field %q", name),
				Err: fieldErr("sort", "unknown field %q", name)}
		}
		keys = append(keys, k)
	}
	return keys, nil
}

// FormatSort writes keys in the text form that ParseSort reads.
func FormatSort(keys []SortKey) string {
	var b strings.Builder
	for i, k := range keys {
		if i > 0 {
			b.WriteByte(',')
		}
		if k.Desc {
			b.WriteByte('-')
		}
		b.WriteString(string(k.Field))
	}
	return b.String()
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

func (p *condParser) or() (Cond, error) {
	first, err := p.and()
	if err != nil {
		return Cond{}, err
	}
	if !p.tok.keyword("or") {
		return first, nil
	}
	cs := []Cond{first}
	for p.tok.keyword("or") {
		p.next()
		c, err := p.and()
		if err != nil {
			return Cond{}, err
		}
		cs = append(cs, c)
	}
	return Or(cs...), nil
}

func (p *condParser) and() (Cond, error) {
	first, err := p.unary()
	if err != nil {
		return Cond{}, err
	}
	if !p.tok.keyword("and") {
		return first, nil
	}
	cs := []Cond{first}
	for p.tok.keyword("and") {
		p.next()
		c, err := p.unary()
		if err != nil {
			return Cond{}, err
		}
		cs = append(cs, c)
	}
	return And(cs...), nil
}

func (p *condParser) unary() (Cond, error) {
	switch {
	case p.tok.keyword("not"):
		p.next()
		c, err := p.unary()
		if err != nil {
			return Cond{}, err
		}
		return Not(c), nil
	case p.tok.kind == tokLParen:
		p.next()
		c, err := p.or()
		if err != nil {
			return Cond{}, err
		}
		if p.tok.kind != tokRParen {
			return Cond{}, p.errorf("expected \")\", found %s", p.tok.describe())
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

func (p *condParser) comparison() (Cond, error) {
	if p.tok.kind == tokBad {
		return Cond{}, p.errorf("%s", p.tok.msg)
	}
	if p.tok.kind != tokString && (p.tok.kind != tokWord || isReserved(p.tok.text)) {
		return Cond{}, p.errorf("expected a field name, found %s", p.tok.describe())
	}
	f := Field(p.tok.text)
	if _, ok := lookupField(f); !ok {
		return Cond{}, &SyntaxError{Pos: p.tok.pos, Msg: fmt.Sprintf("unknown field %q", f),
			Err: fieldErr("where", "unknown field %q", f)}
	}
	p.next()
	op := p.tok
	switch {
	case op.kind == tokOp:
		p.next()
		v, err := p.value()
		if err != nil {
			return Cond{}, err
		}
		switch op.text {
		case "=":
			return Eq(f, v), nil
		case "!=":
			return Not(Eq(f, v)), nil
		case "~":
			return Contains(f, v), nil
		case ">=":
			return Between(f, v, ""), nil
		case "<=":
			return Between(f, "", v), nil
		case ">", "<":
			return strictly(f, op.text, v), nil
		}
	case op.keyword("contains"):
		p.next()
		v, err := p.value()
		return Contains(f, v), err
	case op.keyword("startswith"), op.keyword("prefix"):
		p.next()
		v, err := p.value()
		return Prefix(f, v), err
	case op.keyword("between"):
		p.next()
		lo, err := p.value()
		if err != nil {
			return Cond{}, err
		}
		if !p.tok.keyword("and") {
			return Cond{}, p.errorf("expected \"and\" in between, found %s", p.tok.describe())
		}
		p.next()
		hi, err := p.value()
		return Between(f, lo, hi), err
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
			return Cond{}, p.errorf("expected \"empty\", found %s", p.tok.describe())
		}
		p.next()
		if not {
			return NotEmpty(f), nil
		}
		return Empty(f), nil
	case op.kind == tokBad:
		return Cond{}, p.errorf("%s", op.msg)
	}
	return Cond{}, p.errorf("expected an operator after %s, found %s", f, op.describe())
}

func (p *condParser) in(f Field) (Cond, error) {
	if p.tok.kind != tokLParen {
		return Cond{}, p.errorf("expected \"(\" after in, found %s", p.tok.describe())
	}
	p.next()
	vs := []string{}
	if p.tok.kind == tokRParen {
		p.next()
		return Cond{Op: OpIn, Field: f, Values: vs}, nil
	}
	for {
		v, err := p.value()
		if err != nil {
			return Cond{}, err
		}
		vs = append(vs, v)
		switch p.tok.kind {
		case tokComma:
			p.next()
			continue
		case tokRParen:
			p.next()
			return In(f, vs...), nil
		}
		return Cond{}, p.errorf("expected \",\" or \")\", found %s", p.tok.describe())
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

// bare reports whether s can be written without quotes.
func bare(s string) bool {
	if s == "" || isReserved(s) || !utf8.ValidString(s) {
		return false
	}
	for _, r := range s {
		if r < utf8.RuneSelf && !isWordByte(byte(r)) || r >= utf8.RuneSelf && !strconv.IsPrint(r) {
			return false
		}
	}
	return true
}

func quoteText(s string) string {
	if bare(s) {
		return s
	}
	return strconv.Quote(s)
}

func formatCond(b *strings.Builder, c Cond) {
	f := quoteText(string(c.Field))
	one := func() string {
		if len(c.Values) == 1 {
			return quoteText(c.Values[0])
		}
		return `""`
	}
	switch c.Op {
	case "":
		return
	case OpAnd, OpOr:
		if f, op, v, ok := strictShape(c); ok {
			fmt.Fprintf(b, "%s %s %s", quoteText(string(f)), op, quoteText(v))
			return
		}
		for i, sub := range c.Conds {
			if i > 0 {
				b.WriteString(" " + string(c.Op) + " ")
			}
			formatOperand(b, sub)
		}
	case OpNot:
		if len(c.Conds) != 1 {
			b.WriteString("not ()")
			return
		}
		sub := c.Conds[0]
		sf := quoteText(string(sub.Field))
		custom := strings.HasPrefix(string(sub.Field), "custom.") // "<" and ">" read otherwise there (strictly)
		switch {
		case sub.Op == OpEq && len(sub.Values) == 1:
			fmt.Fprintf(b, "%s != %s", sf, quoteText(sub.Values[0]))
		case custom && sub.Op == OpRange:
			b.WriteString("not ")
			formatOperand(b, sub)
		case sub.Op == OpRange && len(sub.Values) == 2 && sub.Values[0] == "" && sub.Values[1] != "":
			fmt.Fprintf(b, "%s > %s", sf, quoteText(sub.Values[1]))
		case sub.Op == OpRange && len(sub.Values) == 2 && sub.Values[0] != "" && sub.Values[1] == "":
			fmt.Fprintf(b, "%s < %s", sf, quoteText(sub.Values[0]))
		default:
			b.WriteString("not ")
			formatOperand(b, sub)
		}
	case OpEq:
		fmt.Fprintf(b, "%s = %s", f, one())
	case OpContains:
		fmt.Fprintf(b, "%s contains %s", f, one())
	case OpPrefix:
		fmt.Fprintf(b, "%s prefix %s", f, one())
	case OpRange:
		lo, hi := "", ""
		if len(c.Values) == 2 {
			lo, hi = c.Values[0], c.Values[1]
		}
		switch {
		case lo != "" && hi == "":
			fmt.Fprintf(b, "%s >= %s", f, quoteText(lo))
		case lo == "" && hi != "":
			fmt.Fprintf(b, "%s <= %s", f, quoteText(hi))
		default:
			fmt.Fprintf(b, "%s between %s and %s", f, quoteText(lo), quoteText(hi))
		}
	case OpIn:
		fmt.Fprintf(b, "%s in (", f)
		for i, v := range c.Values {
			if i > 0 {
				b.WriteString(", ")
			}
			b.WriteString(quoteText(v))
		}
		b.WriteByte(')')
	case OpEmpty:
		fmt.Fprintf(b, "%s is empty", f)
	case OpNotEmpty:
		fmt.Fprintf(b, "%s is not empty", f)
	default:
		fmt.Fprintf(b, "%s %s %s", f, quoteText(string(c.Op)), one())
	}
}

// formatOperand writes an operand of and, or and not, in parentheses when
// it combines conditions itself, so that the structure survives a parse.
func formatOperand(b *strings.Builder, c Cond) {
	if c.Op == OpAnd || c.Op == OpOr {
		b.WriteByte('(')
		formatCond(b, c)
		b.WriteByte(')')
		return
	}
	formatCond(b, c)
}

// strictly returns the condition f > v or f < v. On a custom field, which
// may be typed (Query.CustomTypes), it is "in the range and not equal to
// v", which only typed values meet, as f >= v does; "not f <= v" would
// also take the records without a value and those whose value does not
// read as the type. Other fields have a value in every record, and keep
// the shorter form.
func strictly(f Field, op, v string) Cond {
	lo, hi := v, ""
	if op == "<" {
		lo, hi = "", v
	}
	if strings.HasPrefix(string(f), "custom.") {
		return And(Between(f, lo, hi), Not(Between(f, v, v)))
	}
	if op == ">" {
		return Not(Between(f, "", v))
	}
	return Not(Between(f, v, ""))
}

// strictShape recognizes the condition that strictly returns for a custom
// field, so that FormatCond writes it back as "f > v" or "f < v".
func strictShape(c Cond) (f Field, op, v string, ok bool) {
	if c.Op != OpAnd || len(c.Conds) != 2 || c.Field != "" || len(c.Values) > 0 {
		return "", "", "", false
	}
	r, n := c.Conds[0], c.Conds[1]
	if r.Op != OpRange || len(r.Values) != 2 || len(r.Conds) > 0 || !strings.HasPrefix(string(r.Field), "custom.") ||
		n.Op != OpNot || len(n.Conds) != 1 || n.Field != "" || len(n.Values) > 0 {
		return "", "", "", false
	}
	eq := n.Conds[0]
	if eq.Op != OpRange || eq.Field != r.Field || len(eq.Values) != 2 || len(eq.Conds) > 0 || eq.Values[0] != eq.Values[1] || eq.Values[0] == "" {
		return "", "", "", false
	}
	v = eq.Values[0]
	switch {
	case r.Values[0] == v && r.Values[1] == "":
		return r.Field, ">", v, true
	case r.Values[0] == "" && r.Values[1] == v:
		return r.Field, "<", v, true
	}
	return "", "", "", false
}
