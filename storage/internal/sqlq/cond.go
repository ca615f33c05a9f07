package sqlq

import (
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/leadkit/leads"
)

// row writes a row constructor of expressions.
func row(es []string) string {
	if len(es) == 1 {
		return es[0]
	}
	return "(" + strings.Join(es, ", ") + ")"
}

// cond translates a validated condition.
func (b *Builder) cond(c leads.Cond) (string, error) {
	if c.IsZero() {
		return "TRUE", nil
	}
	switch c.Op {
	case leads.OpAnd, leads.OpOr:
		if len(c.Conds) == 0 {
			if c.Op == leads.OpAnd {
				return "TRUE", nil
			}
			return "FALSE", nil
		}
		parts := make([]string, len(c.Conds))
		for i, sc := range c.Conds {
			s, err := b.cond(sc)
			if err != nil {
				return "", err
			}
			parts[i] = s
		}
		return "(" + strings.Join(parts, " "+strings.ToUpper(string(c.Op))+" ") + ")", nil
	case leads.OpNot:
		if c.Conds[0].IsZero() {
			return "FALSE", nil
		}
		s, err := b.cond(c.Conds[0])
		if err != nil {
			return "", err
		}
		return "NOT " + s, nil
	}
	col, err := b.column(c.Field)
	if err != nil {
		return "", err
	}
	if col.custom != 0 {
		return b.customCond(c, col)
	}
	if col.kind == leads.KindText {
		return b.textCond(c, col)
	}
	return b.valueCond(c, col)
}

// textCond translates a condition on a text field. Equality compares the
// value as stored; the other operators compare folded text. A list field
// matches when any of its values does.
func (b *Builder) textCond(c leads.Cond, col column) (string, error) {
	// test writes the condition on one folded value, fv.
	var test func(fv string) string
	switch c.Op {
	case leads.OpEq, leads.OpIn:
		// A value no record can hold (NUL, invalid UTF-8) equals nothing,
		// and PostgreSQL could not take it as a parameter.
		vals := slices.DeleteFunc(slices.Clone(c.Values), func(v string) bool { return !Storable(v) })
		if len(vals) == 0 {
			return "FALSE", nil
		}
		if col.list {
			return b.listHas(col.raw(), vals), nil
		}
		return "(" + AnyOf(b, col.raw(), vals, "text") + ")", nil
	case leads.OpContains, leads.OpPrefix:
		v := fold(c.Values[0])
		if !Storable(v) {
			return "FALSE", nil // no stored text contains a NUL
		}
		test = b.matchTest(c.Op, b.Arg(v, "text"), col.prefixed)
	case leads.OpRange:
		test = b.rangeTest(c.Values, col.prefixed)
	case leads.OpEmpty, leads.OpNotEmpty:
		if col.list {
			from, v := b.elems(col.raw(), "v")
			e := "EXISTS (SELECT 1 FROM " + from + " WHERE " + v + " <> '')"
			if c.Op == leads.OpEmpty {
				return "NOT " + e, nil
			}
			return e, nil
		}
		if c.Op == leads.OpEmpty {
			return "(" + col.raw() + " = '')", nil
		}
		return "(" + col.raw() + " <> '')", nil
	default:
		return "", &leads.FieldError{Field: "query.where.op", Reason: fmt.Sprintf("unknown operator %q", c.Op)}
	}
	if col.list {
		from, v := b.elems(col.fold(), "fv")
		return "EXISTS (SELECT 1 FROM " + from + " WHERE " + test(v) + ")", nil
	}
	return "(" + test(col.fold()) + ")", nil
}

// matchTest returns the test "folded value fv contains (or starts with)
// the parameter p".
func (b *Builder) matchTest(op leads.Op, p string, prefixed bool) func(fv string) string {
	if b.d == SQLite {
		if op == leads.OpContains {
			return func(fv string) string { return "instr(" + fv + ", " + p + ") > 0" }
		}
		return func(fv string) string { return "substr(" + fv + ", 1, length(" + p + ")) = " + p }
	}
	if op == leads.OpContains {
		return func(fv string) string { return "strpos(" + fv + ", " + p + ") > 0" }
	}
	if prefixed {
		// The value starts with p only if its prefix starts with p's:
		// redundant, but the index answers it.
		return func(fv string) string {
			return "starts_with(" + prefixOf(fv) + ", " + prefixOf(p) + ") AND starts_with(" + fv + ", " + p + ")"
		}
	}
	return func(fv string) string { return "starts_with(" + fv + ", " + p + ")" }
}

// rangeTest returns the test "folded value fv lies between the bounds
// vals" (either may be "": open).
func (b *Builder) rangeTest(vals []string, prefixed bool) func(fv string) string {
	// Stored text holds no NUL. Against such text, a bound p+NUL+rest
	// compares as p does, except that p itself sorts before it: so
	// ">= bound" is "> p", and "<= bound" is "<= p".
	var lo, hi string
	loOp := " >= "
	if v := vals[0]; v != "" {
		v = fold(v)
		if i := strings.IndexByte(v, 0); i >= 0 {
			v, loOp = v[:i], " > "
		}
		lo = b.Arg(v, "text") + b.d.bytewise()
	}
	if v := vals[1]; v != "" {
		v = fold(v)
		if i := strings.IndexByte(v, 0); i >= 0 {
			v = v[:i]
		}
		hi = b.Arg(v, "text") + b.d.bytewise()
	}
	return func(fv string) string {
		parts := []string{"TRUE"}
		if lo != "" {
			if prefixed {
				// Cutting both sides to a prefix keeps their order
				// or makes them equal: redundant, indexable.
				parts = append(parts, prefixOf(fv)+" >= "+prefixOf(lo))
			}
			parts = append(parts, fv+b.d.bytewise()+loOp+lo)
		}
		if hi != "" {
			if prefixed {
				parts = append(parts, prefixOf(fv)+" <= "+prefixOf(hi))
			}
			parts = append(parts, fv+b.d.bytewise()+" <= "+hi)
		}
		return strings.Join(parts, " AND ")
	}
}

// valueCond translates a condition on a number, decimal or time field.
func (b *Builder) valueCond(c leads.Cond, col column) (string, error) {
	lhs := row(b.sortExprs(col))
	if b.d == SQLite && col.kind != leads.KindTime {
		// Stars and score have few distinct values: SQLite, without
		// statistics, would read such a condition through the index of
		// the column and then sort every row it found, where walking
		// the index of the sort and testing each row finds a first page
		// at once. The unary plus keeps the column off its index.
		lhs = "+" + lhs
	}
	one := func(v string) ([]string, error) {
		vals, err := operand(col.kind, v)
		if err != nil {
			return nil, &leads.FieldError{Field: "query.where.values", Reason: fmt.Sprintf("%q is not a %s value for %s", v, col.kind, c.Field)}
		}
		return b.params(col, vals), nil
	}
	switch c.Op {
	case leads.OpEq, leads.OpIn:
		parts := make([]string, len(c.Values))
		for i, v := range c.Values {
			ps, err := one(v)
			if err != nil {
				return "", err
			}
			parts[i] = lhs + " = " + row(ps)
		}
		return "(" + strings.Join(parts, " OR ") + ")", nil
	case leads.OpRange:
		parts := []string{"TRUE"}
		for i, v := range c.Values {
			if v == "" {
				continue
			}
			ps, err := one(v)
			if err != nil {
				return "", err
			}
			op := " >= "
			if i == 1 {
				op = " <= "
			}
			parts = append(parts, lhs+op+row(ps))
		}
		return "(" + strings.Join(parts, " AND ") + ")", nil
	case leads.OpEmpty, leads.OpNotEmpty:
		var zero []string
		switch col.kind {
		case leads.KindTime:
			zero = b.params(col, []any{time.Time{}, int16(0)})
		default:
			zero = []string{"0"}
		}
		if c.Op == leads.OpEmpty {
			return "(" + lhs + " = " + row(zero) + ")", nil
		}
		return "(" + lhs + " <> " + row(zero) + ")", nil
	}
	return "", &leads.FieldError{Field: "query.where.op", Reason: fmt.Sprintf("%s does not apply to %s", c.Op, c.Field)}
}
