package sqlq

import (
	"strings"
	"unicode/utf8"

	"github.com/leadkit/leads"
)

// Builder builds one statement of a dialect: its text holds column names,
// operators and placeholders; every value goes to its arguments.
type Builder struct {
	d     Dialect
	args  []any
	types map[string]leads.CustomType // of custom fields (leads.Query.CustomTypes)
}

// NewBuilder returns an empty statement builder of dialect d. types gives
// the types of the custom fields that queries name (leads.Query.CustomTypes);
// it may be nil.
func NewBuilder(d Dialect, types map[string]leads.CustomType) *Builder {
	return &Builder{d: d, types: types}
}

// Arg adds a parameter of SQL type typ (a PostgreSQL type name: text,
// uuid, bigint, smallint, timestamptz, numeric, text[], ...) and returns
// its placeholder. For SQLite the value is converted to its stored form.
func (b *Builder) Arg(v any, typ string) string {
	b.args = append(b.args, b.d.value(v, typ))
	return b.d.placeholder(len(b.args), typ)
}

// Args returns the parameters added so far, in placeholder order.
func (b *Builder) Args() []any { return b.args }

// AnyOf returns the condition "lhs equals one of vals", whose elements have
// the SQL type typ: "lhs = ANY($n::typ[])" in PostgreSQL, "lhs IN (?a, ?b)"
// in SQLite. vals must not be empty.
func AnyOf[T any](b *Builder, lhs string, vals []T, typ string) string {
	if b.d == Postgres {
		return lhs + " = ANY(" + b.Arg(vals, typ+"[]") + ")"
	}
	ps := make([]string, len(vals))
	for i, v := range vals {
		ps[i] = b.Arg(v, typ)
	}
	return lhs + " IN (" + strings.Join(ps, ", ") + ")"
}

// listHas is the condition "the list column col holds one of vals".
func (b *Builder) listHas(col string, vals []string) string {
	if b.d == Postgres {
		return "(" + col + " && " + b.Arg(vals, "text[]") + ")"
	}
	return "EXISTS (SELECT 1 FROM json_each(" + col + ") WHERE " + AnyOf(b, "value", vals, "text") + ")"
}

// elems returns the FROM item that reads the values of list column col
// one per row, named alias, and the expression of one value.
func (b *Builder) elems(col, alias string) (from, value string) {
	if b.d == Postgres {
		return "unnest(" + col + ") " + alias, alias
	}
	return "json_each(" + col + ") " + alias, alias + ".value"
}

// first is the first value of list column col, or NULL.
func (b *Builder) first(col string) string {
	if b.d == Postgres {
		return col + "[1]"
	}
	return "json_extract(" + col + ", '$[0]')"
}

// member is the text value under key (an SQL expression) of the JSON
// object column col, or NULL.
func (b *Builder) member(col, key string) string {
	if b.d == Postgres {
		return col + "->>" + key
	}
	return "(SELECT value FROM json_each(" + col + ") WHERE key = " + key + ")"
}

// limit writes OFFSET and LIMIT clauses (either may be 0: absent).
func (b *Builder) limit(offset, limit int) string {
	var s string
	if b.d == Postgres {
		if offset > 0 {
			s += " OFFSET " + b.Arg(int64(offset), "bigint")
		}
		if limit > 0 {
			s += " LIMIT " + b.Arg(int64(limit), "bigint")
		}
		return s
	}
	switch {
	case limit > 0:
		s = " LIMIT " + b.Arg(int64(limit), "bigint")
	case offset > 0:
		s = " LIMIT -1"
	}
	if offset > 0 {
		s += " OFFSET " + b.Arg(int64(offset), "bigint")
	}
	return s
}

// Storable reports whether SQL text can hold s: valid UTF-8 without NUL
// bytes. Stored records always are (see CheckText).
func Storable(s string) bool {
	return utf8.ValidString(s) && strings.IndexByte(s, 0) < 0
}

// fold is how text compares when case is ignored: the root package's
// folding (strings.ToLower), so that the database compares exactly what
// leads.Select compares.
func fold(s string) string { return strings.ToLower(s) }
