package query

import (
	"fmt"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/leadkit/leads"
)

// FormatCond writes c in the text form that ParseCond reads; for every
// condition that form can express, ParseCond(FormatCond(c)) equals c. The
// zero Cond is the empty string.
func FormatCond(c leads.Cond) string {
	var b strings.Builder
	formatCond(&b, c)
	return b.String()
}

// FormatSort writes keys in the text form that ParseSort reads.
func FormatSort(keys []leads.SortKey) string {
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

func formatCond(b *strings.Builder, c leads.Cond) {
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
	case leads.OpAnd, leads.OpOr:
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
	case leads.OpNot:
		formatNot(b, c)
	case leads.OpEq:
		fmt.Fprintf(b, "%s = %s", f, one())
	case leads.OpContains:
		fmt.Fprintf(b, "%s contains %s", f, one())
	case leads.OpPrefix:
		fmt.Fprintf(b, "%s prefix %s", f, one())
	case leads.OpRange:
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
	case leads.OpIn:
		fmt.Fprintf(b, "%s in (", f)
		for i, v := range c.Values {
			if i > 0 {
				b.WriteString(", ")
			}
			b.WriteString(quoteText(v))
		}
		b.WriteByte(')')
	case leads.OpEmpty:
		fmt.Fprintf(b, "%s is empty", f)
	case leads.OpNotEmpty:
		fmt.Fprintf(b, "%s is not empty", f)
	default:
		fmt.Fprintf(b, "%s %s %s", f, quoteText(string(c.Op)), one())
	}
}

// formatNot writes a negation, as != or a strict comparison where it is
// one.
func formatNot(b *strings.Builder, c leads.Cond) {
	if len(c.Conds) != 1 {
		b.WriteString("not ()")
		return
	}
	sub := c.Conds[0]
	sf := quoteText(string(sub.Field))
	custom := strings.HasPrefix(string(sub.Field), "custom.") // "<" and ">" read otherwise there (strictly)
	switch {
	case sub.Op == leads.OpEq && len(sub.Values) == 1:
		fmt.Fprintf(b, "%s != %s", sf, quoteText(sub.Values[0]))
	case custom && sub.Op == leads.OpRange:
		b.WriteString("not ")
		formatOperand(b, sub)
	case sub.Op == leads.OpRange && len(sub.Values) == 2 && sub.Values[0] == "" && sub.Values[1] != "":
		fmt.Fprintf(b, "%s > %s", sf, quoteText(sub.Values[1]))
	case sub.Op == leads.OpRange && len(sub.Values) == 2 && sub.Values[0] != "" && sub.Values[1] == "":
		fmt.Fprintf(b, "%s < %s", sf, quoteText(sub.Values[0]))
	default:
		b.WriteString("not ")
		formatOperand(b, sub)
	}
}

// formatOperand writes an operand of and, or and not, in parentheses when
// it combines conditions itself, so that the structure survives a parse.
func formatOperand(b *strings.Builder, c leads.Cond) {
	if c.Op == leads.OpAnd || c.Op == leads.OpOr {
		b.WriteByte('(')
		formatCond(b, c)
		b.WriteByte(')')
		return
	}
	formatCond(b, c)
}

// strictShape recognizes the condition that strictly returns for a custom
// field, so that FormatCond writes it back as "f > v" or "f < v".
func strictShape(c leads.Cond) (f leads.Field, op, v string, ok bool) {
	if c.Op != leads.OpAnd || len(c.Conds) != 2 || c.Field != "" || len(c.Values) > 0 {
		return "", "", "", false
	}
	r, n := c.Conds[0], c.Conds[1]
	if r.Op != leads.OpRange || len(r.Values) != 2 || len(r.Conds) > 0 || !strings.HasPrefix(string(r.Field), "custom.") ||
		n.Op != leads.OpNot || len(n.Conds) != 1 || n.Field != "" || len(n.Values) > 0 {
		return "", "", "", false
	}
	eq := n.Conds[0]
	if eq.Op != leads.OpRange || eq.Field != r.Field || len(eq.Values) != 2 || len(eq.Conds) > 0 || eq.Values[0] != eq.Values[1] || eq.Values[0] == "" {
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
