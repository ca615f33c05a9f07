package sqlq

import (
	"fmt"
	"strings"

	"github.com/leadkit/leads"
)

// Typed custom fields in SQL.
//
// A custom field that the query types as a number, date or yes/no
// (leads.Query.CustomTypes) is read through an expression that gives its
// value as the type, and NULL for a value that does not read as the type.
// In PostgreSQL the expression decides what reads as the type with the
// rules of the root package (see query_custom.go there): regular
// expressions and checks written so that no value makes the cast fail,
// and only immutable functions, so that an expression index can hold it.
// In SQLite it calls the function TypedFunc, which the store registers
// with the driver and which applies the root package's rules in Go.
// The field's name is written into the expression as a string literal,
// not a parameter: the expression of a query must be the one of the
// index, word for word, for PostgreSQL to use the index. Every other
// value of a query is a parameter.

// TypedFunc is the SQLite function that reads a custom field's value as a
// type: TypedFunc(type, value), type being "number", "date" or "yes/no"
// (leads.CustomType.String), gives a REAL, a 'YYYY-MM-DD' text or 1/0, and
// NULL for a value that is empty or does not read as the type. A store in
// dialect SQLite must register it (deterministic) on its connections.
const TypedFunc = "leads_typed"

// TypedExpr returns the SQL value of the custom field name as type t in
// dialect d: numeric, date or boolean in PostgreSQL, NULL when the field
// is empty, absent, or holds a value that does not read as t.
func TypedExpr(d Dialect, name string, t leads.CustomType) string {
	if d == SQLite {
		raw := "(SELECT value FROM json_each(custom) WHERE key = " + literal(d, name) + ")"
		return TypedFunc + "(" + literal(d, t.String()) + ", " + raw + ")"
	}
	raw := "(custom->>" + literal(d, name) + ")"
	switch t {
	case leads.CustomNumber:
		return "(CASE WHEN " + raw + " ~ '^[+-]?([0-9]+([.][0-9]*)?|[.][0-9]+)$' THEN " + raw + "::numeric END)"
	case leads.CustomDate:
		y, m, d := "substr("+raw+", 1, 4)::int", "substr("+raw+", 6, 2)::int", "substr("+raw+", 9, 2)::int"
		days := "(CASE " + m + " WHEN 2 THEN CASE WHEN (" + y + " % 4 = 0 AND " + y + " % 100 <> 0) OR " + y + " % 400 = 0 THEN 29 ELSE 28 END" +
			" WHEN 4 THEN 30 WHEN 6 THEN 30 WHEN 9 THEN 30 WHEN 11 THEN 30 ELSE 31 END)"
		// The outer CASE runs the checks in order: the parts are read
		// as numbers only once the pattern holds.
		return "(CASE WHEN " + raw + " ~ '^[0-9]{4}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$' AND " + raw + " !~ '^0000' THEN" +
			" CASE WHEN " + d + " <= " + days + " THEN make_date(" + y + ", " + m + ", " + d + ") END END)"
	case leads.CustomYesNo:
		return "(CASE lower(" + raw + ") WHEN 'yes' THEN true WHEN 'y' THEN true WHEN 'true' THEN true" +
			" WHEN 'no' THEN false WHEN 'n' THEN false WHEN 'false' THEN false END)"
	}
	return "NULL"
}

// sqlType is the SQL type of TypedExpr's value.
func sqlType(t leads.CustomType) string {
	switch t {
	case leads.CustomDate:
		return "date"
	case leads.CustomYesNo:
		return "boolean"
	}
	return "numeric"
}

// zeroValue is the value that stands for "no typed value" in the sort
// keys, where a NULL would make row comparisons unknown.
func zeroValue(t leads.CustomType) any {
	switch t {
	case leads.CustomDate:
		return "0001-01-01"
	case leads.CustomYesNo:
		return false
	}
	return "0"
}

// zeroSQL is zeroValue written in the SQL of d.
func zeroSQL(d Dialect, t leads.CustomType) string {
	switch t {
	case leads.CustomDate:
		if d == SQLite {
			return "'0001-01-01'"
		}
		return "DATE '0001-01-01'"
	case leads.CustomYesNo:
		if d == SQLite {
			return "0"
		}
		return "false"
	}
	return "0"
}

// typedParam returns the parameter of a query value of type t, which
// reads as t by the root package's rules (CustomType.QueryValue).
func typedParam(t leads.CustomType, v string) (any, bool) {
	c, ok := t.QueryValue(v)
	if !ok {
		return nil, false
	}
	if t == leads.CustomYesNo {
		return c == "yes", true
	}
	return c, true
}

// customColumn is the column of a custom field typed t.
func (b *Builder) customColumn(name string, t leads.CustomType) column {
	typed := TypedExpr(b.d, name, t)
	lit := literal(b.d, name)
	return column{kind: leads.KindText, custom: t, name: name, typed: typed,
		cols: []string{
			"(CASE WHEN coalesce(" + b.member("custom", lit) + ", '') = '' THEN 0 WHEN " + typed + " IS NOT NULL THEN 1 ELSE 2 END)",
			"coalesce(" + typed + ", " + zeroSQL(b.d, t) + ")",
			"(CASE WHEN " + typed + " IS NULL THEN coalesce(" + b.member("custom_fold", lit) + ", '') ELSE '' END)" + b.d.bytewise(),
		}}
}

// customCursor returns the parameters of a cursor's key for a typed
// custom column, in the order of its sort expressions.
func (b *Builder) customCursor(c column, key string) ([]string, error) {
	rank, v, text := leads.SplitCustomKey(c.custom, key)
	val := zeroValue(c.custom)
	if rank == 1 {
		p, ok := typedParam(c.custom, v)
		if !ok {
			return nil, &leads.FieldError{Field: "query.after", Reason: "invalid cursor: it was made for another sort"}
		}
		val = p
	}
	if !Storable(text) {
		return nil, &leads.FieldError{Field: "query.after", Reason: "invalid cursor: it was made for another sort"}
	}
	return []string{b.Arg(int32(rank), "integer"), b.Arg(val, sqlType(c.custom)), b.Arg(text, "text") + b.d.bytewise()}, nil
}

// customCond translates a condition on a typed custom field, as the root
// package's compileCustomCond decides it.
func (b *Builder) customCond(c leads.Cond, col column) (string, error) {
	typ := sqlType(col.custom)
	switch c.Op {
	case leads.OpEmpty, leads.OpNotEmpty, leads.OpContains, leads.OpPrefix:
		return b.textCond(c, b.untypedCustom(col.name))
	case leads.OpEq, leads.OpIn:
		var typed []any
		var exact []string
		for _, v := range c.Values {
			if p, ok := typedParam(col.custom, v); ok {
				typed = append(typed, p)
			} else if Storable(v) {
				exact = append(exact, v)
			}
		}
		var parts []string
		if len(exact) > 0 {
			parts = append(parts, AnyOf(b, "coalesce("+b.member("custom", literal(b.d, col.name))+", '')", exact, "text"))
		}
		if len(typed) > 0 {
			parts = append(parts, "("+AnyOf(b, col.typed, typed, typ)+" AND "+col.typed+" IS NOT NULL)")
		}
		if len(parts) == 0 {
			return "FALSE", nil
		}
		return "(" + strings.Join(parts, " OR ") + ")", nil
	case leads.OpRange:
		parts := []string{col.typed + " IS NOT NULL"}
		for i, v := range c.Values {
			if v == "" {
				continue
			}
			p, ok := typedParam(col.custom, v)
			if !ok {
				return "", &leads.FieldError{Field: fmt.Sprintf("query.where.values[%d]", i), Reason: fmt.Sprintf("%q is not a %s value for %s", v, col.custom, c.Field)}
			}
			op := " >= "
			if i == 1 {
				op = " <= "
			}
			parts = append(parts, col.typed+op+b.Arg(p, typ))
		}
		return "(" + strings.Join(parts, " AND ") + ")", nil
	}
	return "", &leads.FieldError{Field: "query.where.op", Reason: fmt.Sprintf("unknown operator %q", c.Op)}
}
