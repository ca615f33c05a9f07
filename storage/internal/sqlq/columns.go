package sqlq

import (
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/leadkit/leads"
	"github.com/shopspring/decimal"
)

// column is how SQL reads one query field.
type column struct {
	kind leads.Kind
	list bool
	// raw and fold write the value as stored (a list for list fields) and,
	// for text, folded to lower case. They are functions so that a custom
	// field's name becomes a parameter only where the SQL uses it.
	raw  func() string
	fold func() string
	cols []string
	// prefixed is true for a text column indexed by its first
	// indexPrefix characters (PostgreSQL migration 0006): File As and
	// company.
	prefixed bool
	// A custom field typed as a number, date or yes/no (customColumn):
	// its type, name and typed value (TypedExpr); cols then holds its
	// sort expressions: rank, typed value, folded text of other values.
	custom leads.CustomType
	name   string
	typed  string
}

// indexPrefix is how many characters of a long text column its PostgreSQL
// B-tree index holds (migration 0006): left(col, 200) is at most 800
// bytes, where an index entry holds about 2,700.
const indexPrefix = "200"

// prefixIndexed are the text columns indexed by left(col_fold, 200) in
// PostgreSQL.
var prefixIndexed = map[string]bool{"file_as": true, "company": true}

// prefixOf is the indexed prefix of the text expression e.
func prefixOf(e string) string { return "left(" + e + ", " + indexPrefix + ")" }

// sortExprs returns the expressions that order by the field.
func (b *Builder) sortExprs(c column) []string {
	if c.custom != 0 {
		return c.cols
	}
	switch c.kind {
	case leads.KindTime:
		return c.cols
	case leads.KindText:
		if c.list {
			return []string{"coalesce(" + b.first(c.fold()) + ", '')" + b.d.bytewise()}
		}
		if c.prefixed {
			// The index holds the prefix; in byte order values compare
			// as their prefixes do unless those are equal, so ordering
			// by the prefix, then the value, is ordering by the value.
			return []string{prefixOf(c.fold()), c.fold() + b.d.bytewise()}
		}
		return []string{c.fold() + b.d.bytewise()}
	}
	return []string{c.raw()}
}

// textColumns names the column of each text field (its folded twin adds
// "_fold"). The leads table of both stores has these columns.
var textColumns = map[leads.Field]string{
	leads.FieldFullName: "full_name", leads.FieldTitle: "title", leads.FieldFirstName: "first_name",
	leads.FieldMiddleName: "middle_name", leads.FieldLastName: "last_name", leads.FieldSuffix: "suffix",
	leads.FieldJobTitle: "job_title", leads.FieldFileAs: "file_as", leads.FieldCompany: "company",
	leads.FieldAssignedTo: "assigned_to", leads.FieldSource: "source", leads.FieldStatus: "status",
	leads.FieldCreatedBy: "created_by", leads.FieldUpdatedBy: "updated_by",
	leads.FieldDepartment: "department", leads.FieldOffice: "office", leads.FieldProfession: "profession",
	leads.FieldManager: "manager", leads.FieldAssistant: "assistant", leads.FieldNickname: "nickname",
	leads.FieldSpouse: "spouse",
}

// timeColumns are the instant and nanosecond columns of time fields.
var timeColumns = map[leads.Field][]string{
	leads.FieldCreatedAt: {"created_at", "created_ns"}, leads.FieldUpdatedAt: {"updated_at", "updated_ns"},
	leads.FieldBirthday: {"birthday", "birthday_ns"}, leads.FieldAnniversary: {"anniversary", "anniversary_ns"},
	leads.FieldConvertedAt: {"converted_at", "converted_ns"},
}

var listColumns = map[leads.Field]string{
	leads.FieldEmail: "email", leads.FieldPhone: "phone", leads.FieldWebPage: "web_page",
	leads.FieldStreet: "street", leads.FieldCity: "city", leads.FieldState: "state",
	leads.FieldPostalCode: "postal_code", leads.FieldCountry: "country",
}

func fixed(s string) func() string { return func() string { return s } }

// column returns the SQL of field f, which the query's Plan has validated.
func (b *Builder) column(f leads.Field) (column, error) {
	if name, ok := strings.CutPrefix(string(f), "custom."); ok && name != "" {
		if t := b.types[name]; t.IsTyped() && Storable(name) {
			return b.customColumn(name, t), nil
		}
		return b.untypedCustom(name), nil
	}
	if c, ok := textColumns[f]; ok {
		return column{kind: leads.KindText, raw: fixed(c), fold: fixed(c + "_fold"),
			prefixed: prefixIndexed[c] && b.d == Postgres}, nil
	}
	if c, ok := listColumns[f]; ok {
		return column{kind: leads.KindText, list: true, raw: fixed(c), fold: fixed(c + "_fold")}, nil
	}
	switch f {
	case leads.FieldID:
		e := "id::text"
		if b.d == SQLite {
			e = "id"
		}
		return column{kind: leads.KindText, raw: fixed(e), fold: fixed(e)}, nil
	case leads.FieldAccountID, leads.FieldInitiatedBy:
		e := "coalesce(" + string(f) + "::text, '')"
		if b.d == SQLite {
			e = "coalesce(" + string(f) + ", '')"
		}
		return column{kind: leads.KindText, raw: fixed(e), fold: fixed(e)}, nil
	case leads.FieldType, leads.FieldScoreType:
		// "lead", "contact", "auto", "manual": already lower case.
		return column{kind: leads.KindText, raw: fixed(string(f)), fold: fixed(string(f))}, nil
	case leads.FieldStars, leads.FieldVersion:
		return column{kind: leads.KindInt, raw: fixed(string(f))}, nil
	case leads.FieldScore:
		return column{kind: leads.KindDecimal, raw: fixed("score")}, nil
	}
	if cs, ok := timeColumns[f]; ok {
		return column{kind: leads.KindTime, cols: cs}, nil
	}
	return column{}, &leads.FieldError{Field: "query", Reason: fmt.Sprintf("field %q has no column", f)}
}

// untypedCustom is the column of a custom field compared as text.
func (b *Builder) untypedCustom(name string) column {
	if !Storable(name) {
		// No stored key holds a NUL or invalid UTF-8: the field is
		// empty in every record.
		return column{kind: leads.KindText, raw: fixed("''"), fold: fixed("''")}
	}
	return column{kind: leads.KindText,
		raw:  func() string { return "coalesce(" + b.member("custom", b.Arg(name, "text")) + ", '')" },
		fold: func() string { return "coalesce(" + b.member("custom_fold", b.Arg(name, "text")) + ", '')" }}
}

// operand parses a validated query value of kind k into its parameters:
// text as given, whole numbers, decimals as canonical text, times as the
// microsecond instant and the nanoseconds below it.
func operand(k leads.Kind, s string) ([]any, error) {
	switch k {
	case leads.KindInt:
		n, err := strconv.ParseInt(strings.TrimSpace(s), 10, 64)
		return []any{n}, err
	case leads.KindDecimal:
		d, err := decimal.NewFromString(strings.TrimSpace(s))
		return []any{d.String()}, err
	case leads.KindTime:
		t, err := parseTime(s)
		if err != nil {
			return nil, err
		}
		return []any{t, int16(t.Nanosecond() % 1000)}, nil
	}
	return []any{s}, nil
}

// parseTime reads a time operand as the root package does: RFC 3339, or a
// plain date at UTC midnight.
func parseTime(s string) (time.Time, error) {
	s = strings.TrimSpace(s)
	if t, err := time.Parse(time.RFC3339Nano, s); err == nil {
		return t, nil
	}
	return time.Parse(time.DateOnly, s)
}

// params adds the parameters of one operand for the expressions of c and
// returns their placeholders.
func (b *Builder) params(c column, vals []any) []string {
	switch c.kind {
	case leads.KindTime:
		return []string{b.Arg(vals[0], "timestamptz"), b.Arg(vals[1], "smallint")}
	case leads.KindInt:
		return []string{b.Arg(vals[0], "bigint")}
	case leads.KindDecimal:
		return []string{b.Arg(vals[0], "numeric")}
	}
	return []string{b.Arg(vals[0], "text") + b.d.bytewise()}
}
