package leads

import (
	"fmt"
	"strconv"
	"time"

	"github.com/shopspring/decimal"
)

// Query selects, orders and pages leads. It is one value that every store
// answers identically: the memory and file stores evaluate it with Select,
// a SQL store translates it. The zero Query returns every record of every
// type, filed by File As.
type Query struct {
	// Types restricts the result to these record types; empty means all.
	Types []RecordType `json:"types,omitempty"`
	// Where filters the records; the zero Cond matches every record.
	Where Cond `json:"where,omitzero"`
	// Sort orders the result by several keys. Ties are broken by File As
	// and then by ID, so the order is always total and pages never overlap.
	Sort []SortKey `json:"sort,omitempty"`
	// Offset skips that many records of the result; Limit, when positive,
	// caps its length.
	Offset int `json:"offset,omitempty"`
	Limit  int `json:"limit,omitempty"`
	// After resumes the listing after the record a cursor names (see
	// Cursor); it must come from a query with the same Sort. Unlike Offset,
	// a cursor stays correct while records are added and removed.
	After string `json:"after,omitempty"`
	// Unordered lets the store return the records in any order, sparing
	// the sort of a large scan that needs none, such as a bulk write over
	// every record. It is ignored when Offset, Limit or After page the
	// result, since pages need the order.
	Unordered bool `json:"unordered,omitempty"`
	// CustomTypes gives the types of the custom fields the query names,
	// by field name. Stores and the Book fill it in from the field
	// definitions (WithCustomTypes), so callers rarely set it; a field
	// not in the map, or typed text or choice, compares as text.
	//
	// A number, date or yes/no field filters, sorts and groups as its
	// type: numbers by value (9.5 before 20 before 100 before 1500), dates
	// by day, "no" before "yes". A record may hold a value that does not
	// read as the type: one written before the definition, or under
	// another record type's definition. Such a value is never lost or
	// refused; it sorts after every value of the type, by its text
	// (ignoring case), and records without a value come first. So an
	// ascending sort runs: no value, the typed values in order, the other
	// values in text order; a descending sort runs the other way. Ranges
	// (Between, and ">=", "<", ... in query.ParseCond) select typed values only,
	// and a bound that does not read as the type is refused. Eq and In
	// compare as the type when their value reads as it, and the text
	// exactly otherwise (Eq(f, "n/a") finds a legacy "n/a"). Contains and
	// Prefix compare the text as written.
	//
	// What reads as each type, exactly (a SQL store decides the same):
	// a number is an optional sign, then digits with an optional decimal
	// point ("12", "-3.50", "5.", ".5"; no exponent, no spaces); a date
	// is YYYY-MM-DD, a day that exists, from the year 0001; yes/no is
	// yes, y, true, no, n or false in any ASCII case. Query values are
	// read the same way after trimming spaces (CustomType.QueryValue).
	CustomTypes map[string]CustomType `json:"custom_types,omitempty"`
}

// SortKey orders by one field, descending when Desc is set. Text sorts
// case-insensitively; a list field sorts by its first value.
type SortKey struct {
	Field Field `json:"field"`
	Desc  bool  `json:"desc,omitempty"`
}

// Asc and Desc return sort keys.
func Asc(f Field) SortKey { return SortKey{Field: f} }

// Desc returns a descending sort key on f.
func Desc(f Field) SortKey { return SortKey{Field: f, Desc: true} }

// Op is the operator of a Cond.
type Op string

// Condition operators. Text comparisons ignore case except for OpEq and
// OpIn, which compare exactly. On list fields (email, phone, ...) a
// condition holds when any value of the list meets it, and OpEmpty holds
// when the list is empty.
const (
	OpEq       Op = "eq"        // Values[0] equals the field
	OpIn       Op = "in"        // the field equals one of Values
	OpContains Op = "contains"  // the field contains Values[0], ignoring case
	OpPrefix   Op = "prefix"    // the field starts with Values[0], ignoring case
	OpRange    Op = "range"     // Values[0] <= field <= Values[1]; "" leaves a bound open
	OpEmpty    Op = "empty"     // the field is empty, zero or absent
	OpNotEmpty Op = "not_empty" // the field has a value
	OpAnd      Op = "and"       // every one of Conds holds
	OpOr       Op = "or"        // at least one of Conds holds
	OpNot      Op = "not"       // Conds[0] does not hold
)

// Cond is a filter condition: a comparison of one field, or a combination of
// conditions. Values are written as text in the field's kind: whole numbers,
// decimals ("2.5"), RFC 3339 times or dates ("2026-11-27"). The zero Cond
// matches everything.
//
// Build conditions with the functions Eq, In, Contains, Prefix, Between,
// Empty, NotEmpty, And, Or and Not rather than by hand.
type Cond struct {
	Op     Op       `json:"op,omitempty"`
	Field  Field    `json:"field,omitempty"`
	Values []string `json:"values,omitempty"`
	Conds  []Cond   `json:"conds,omitempty"`
}

// IsZero reports whether c is the zero Cond, which matches everything.
func (c Cond) IsZero() bool {
	return c.Op == "" && c.Field == "" && len(c.Values) == 0 && len(c.Conds) == 0
}

// Eq holds when field f equals v exactly.
func Eq(f Field, v string) Cond { return Cond{Op: OpEq, Field: f, Values: []string{v}} }

// In holds when field f equals one of vs exactly.
func In(f Field, vs ...string) Cond { return Cond{Op: OpIn, Field: f, Values: vs} }

// Contains holds when field f contains s, ignoring case.
func Contains(f Field, s string) Cond { return Cond{Op: OpContains, Field: f, Values: []string{s}} }

// Prefix holds when field f starts with s, ignoring case.
func Prefix(f Field, s string) Cond { return Cond{Op: OpPrefix, Field: f, Values: []string{s}} }

// Between holds when lo <= f <= hi; an empty bound is open.
func Between(f Field, lo, hi string) Cond {
	return Cond{Op: OpRange, Field: f, Values: []string{lo, hi}}
}

// StarsBetween holds when the lead's stars are from lo to hi.
func StarsBetween(lo, hi Stars) Cond {
	return Between(FieldStars, strconv.Itoa(int(lo)), strconv.Itoa(int(hi)))
}

// ScoreBetween holds when the lead's exact score value is from lo to hi.
func ScoreBetween(lo, hi decimal.Decimal) Cond {
	return Between(FieldScore, lo.String(), hi.String())
}

// TimeBetween holds when the time field f is from from to to, inclusive; a
// zero time leaves that bound open.
func TimeBetween(f Field, from, to time.Time) Cond {
	text := func(t time.Time) string {
		if t.IsZero() {
			return ""
		}
		return t.Format(time.RFC3339Nano)
	}
	return Between(f, text(from), text(to))
}

// Empty holds when field f has no value.
func Empty(f Field) Cond { return Cond{Op: OpEmpty, Field: f} }

// NotEmpty holds when field f has a value.
func NotEmpty(f Field) Cond { return Cond{Op: OpNotEmpty, Field: f} }

// And holds when every one of cs holds.
func And(cs ...Cond) Cond { return Cond{Op: OpAnd, Conds: cs} }

// Or holds when at least one of cs holds.
func Or(cs ...Cond) Cond { return Cond{Op: OpOr, Conds: cs} }

// Not holds when c does not.
func Not(c Cond) Cond { return Cond{Op: OpNot, Conds: []Cond{c}} }

// Validate reports the first problem of q: an unknown field or operator, a
// value that is not of its field's kind, a negative limit or offset, or a
// cursor that does not fit the sort.
func (q Query) Validate() error {
	_, err := q.Plan()
	return err
}

func (c Cond) String() string {
	switch c.Op {
	case OpAnd, OpOr:
		s := "("
		for i, sub := range c.Conds {
			if i > 0 {
				s += " " + string(c.Op) + " "
			}
			s += sub.String()
		}
		return s + ")"
	case OpNot:
		if len(c.Conds) == 1 {
			return "not " + c.Conds[0].String()
		}
	case "":
		if c.IsZero() {
			return "true"
		}
	}
	return fmt.Sprintf("%s %s %q", c.Field, c.Op, c.Values)
}
