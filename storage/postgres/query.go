package postgres

import (
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/leadkit/leads"
	"github.com/shopspring/decimal"
)

// sqlQuery builds one statement: its text holds column names, operators
// and placeholders ($1, $2, ...); every value goes to args.
type sqlQuery struct {
	args  []any
	types map[string]leads.CustomType // of custom fields (leads.Query.CustomTypes)
}

// arg adds a parameter and returns its placeholder with a type cast.
func (b *sqlQuery) arg(v any, typ string) string {
	b.args = append(b.args, v)
	return "$" + strconv.Itoa(len(b.args)) + "::" + typ
}

// column is how SQL reads one query field.
type column struct {
	kind leads.Kind
	list bool
	// raw and fold write the value as stored (text[] for lists) and, for
	// text, folded to lower case. They are functions so that a custom
	// field's name becomes a parameter only where the SQL uses it.
	raw  func() string
	fold func() string
	cols []string
	// prefixed is true for a text column indexed by its first
	// indexPrefix characters (migration 0006): File As and company.
	prefixed bool
	// A custom field typed as a number, date or yes/no (customColumn):
	// its type, name and typed value (typedExpr); cols then holds its
	// sort expressions: rank, typed value, folded text of other values.
	custom leads.CustomType
	name   string
	typed  string
}

// indexPrefix is how many characters of a long text column its B-tree
// index holds (migration 0006): left(col, 200) is at most 800 bytes,
// where an index entry holds about 2,700.
const indexPrefix = "200"

// prefixIndexed are the text columns indexed by left(col_fold, 200).
var prefixIndexed = map[string]bool{"file_as": true, "company": true}

// prefixOf is the indexed prefix of the text expression e.
func prefixOf(e string) string { return "left(" + e + ", " + indexPrefix + ")" }

// sortExprs returns the expressions that order by the field, with the
// parameter types of their cursor values.
func (c column) sortExprs() []string {
	if c.custom != 0 {
		return c.cols
	}
	switch c.kind {
	case leads.KindTime:
		return c.cols
	case leads.KindText:
		if c.list {
			return []string{"coalesce(" + c.fold() + "[1], '') COLLATE \"C\""}
		}
		if c.prefixed {
			// The index holds the prefix; in byte order values compare
			// as their prefixes do unless those are equal, so ordering
			// by the prefix, then the value, is ordering by the value.
			return []string{prefixOf(c.fold()), c.fold() + ` COLLATE "C"`}
		}
		return []string{c.fold() + ` COLLATE "C"`}
	}
	return []string{c.raw()}
}

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
func (b *sqlQuery) column(f leads.Field) (column, error) {
	if name, ok := strings.CutPrefix(string(f), "custom."); ok && name != "" {
		if t := b.types[name]; t.IsTyped() && storable(name) {
			return b.customColumn(name, t), nil
		}
		return b.untypedCustom(name), nil
	}
	if c, ok := textColumns[f]; ok {
		return column{kind: leads.KindText, raw: fixed(c), fold: fixed(c + "_fold"), prefixed: prefixIndexed[c]}, nil
	}
	if c, ok := listColumns[f]; ok {
		return column{kind: leads.KindText, list: true, raw: fixed(c), fold: fixed(c + "_fold")}, nil
	}
	switch f {
	case leads.FieldID:
		return column{kind: leads.KindText, raw: fixed("id::text"), fold: fixed("id::text")}, nil
	case leads.FieldAccountID, leads.FieldInitiatedBy:
		e := "coalesce(" + string(f) + "::text, '')"
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
func (b *sqlQuery) untypedCustom(name string) column {
	if !storable(name) {
		// No stored key holds a NUL or invalid UTF-8: the field is
		// empty in every record.
		return column{kind: leads.KindText, raw: fixed("''"), fold: fixed("''")}
	}
	return column{kind: leads.KindText,
		raw:  func() string { return "coalesce(custom->>" + b.arg(name, "text") + ", '')" },
		fold: func() string { return "coalesce(custom_fold->>" + b.arg(name, "text") + ", '')" }}
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
		ts, ns := splitTime(t)
		return []any{ts, ns}, nil
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
func (b *sqlQuery) params(c column, vals []any) []string {
	switch c.kind {
	case leads.KindTime:
		return []string{b.arg(vals[0], "timestamptz"), b.arg(vals[1], "smallint")}
	case leads.KindInt:
		return []string{b.arg(vals[0], "bigint")}
	case leads.KindDecimal:
		return []string{b.arg(vals[0], "numeric")}
	}
	return []string{b.arg(vals[0], "text") + ` COLLATE "C"`}
}

// row writes a row constructor of expressions.
func row(es []string) string {
	if len(es) == 1 {
		return es[0]
	}
	return "(" + strings.Join(es, ", ") + ")"
}

// cond translates a validated condition.
func (b *sqlQuery) cond(c leads.Cond) (string, error) {
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
func (b *sqlQuery) textCond(c leads.Cond, col column) (string, error) {
	// test writes the condition on one folded value, fv.
	var test func(fv string) string
	switch c.Op {
	case leads.OpEq, leads.OpIn:
		// A value no record can hold (NUL, invalid UTF-8) equals nothing,
		// and PostgreSQL could not take it as a parameter.
		vals := slices.DeleteFunc(slices.Clone(c.Values), func(v string) bool { return !storable(v) })
		if len(vals) == 0 {
			return "FALSE", nil
		}
		if col.list {
			return "(" + col.raw() + " && " + b.arg(vals, "text[]") + ")", nil
		}
		return "(" + col.raw() + " = ANY(" + b.arg(vals, "text[]") + "))", nil
	case leads.OpContains, leads.OpPrefix:
		v := fold(c.Values[0])
		if !storable(v) {
			return "FALSE", nil // no stored text contains a NUL
		}
		p := b.arg(v, "text")
		if c.Op == leads.OpContains {
			test = func(fv string) string { return "strpos(" + fv + ", " + p + ") > 0" }
		} else {
			test = func(fv string) string { return "starts_with(" + fv + ", " + p + ")" }
			if col.prefixed {
				// The value starts with p only if its prefix starts with
				// p's: redundant, but the index answers it.
				test = func(fv string) string {
					return "starts_with(" + prefixOf(fv) + ", " + prefixOf(p) + ") AND starts_with(" + fv + ", " + p + ")"
				}
			}
		}
	case leads.OpRange:
		// Stored text holds no NUL. Against such text, a bound p+NUL+rest
		// compares as p does, except that p itself sorts before it: so
		// ">= bound" is "> p", and "<= bound" is "<= p".
		var lo, hi string
		loOp := " >= "
		if v := c.Values[0]; v != "" {
			v = fold(v)
			if i := strings.IndexByte(v, 0); i >= 0 {
				v, loOp = v[:i], " > "
			}
			lo = b.arg(v, "text") + ` COLLATE "C"`
		}
		if v := c.Values[1]; v != "" {
			v = fold(v)
			if i := strings.IndexByte(v, 0); i >= 0 {
				v = v[:i]
			}
			hi = b.arg(v, "text") + ` COLLATE "C"`
		}
		test = func(fv string) string {
			parts := []string{"TRUE"}
			if lo != "" {
				if col.prefixed {
					// Cutting both sides to a prefix keeps their order
					// or makes them equal: redundant, indexable.
					parts = append(parts, prefixOf(fv)+" >= "+prefixOf(lo))
				}
				parts = append(parts, fv+` COLLATE "C"`+loOp+lo)
			}
			if hi != "" {
				if col.prefixed {
					parts = append(parts, prefixOf(fv)+" <= "+prefixOf(hi))
				}
				parts = append(parts, fv+` COLLATE "C" <= `+hi)
			}
			return strings.Join(parts, " AND ")
		}
	case leads.OpEmpty, leads.OpNotEmpty:
		if col.list {
			e := "EXISTS (SELECT 1 FROM unnest(" + col.raw() + ") v WHERE v <> '')"
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
		return "EXISTS (SELECT 1 FROM unnest(" + col.fold() + ") fv WHERE " + test("fv") + ")", nil
	}
	return "(" + test(col.fold()) + ")", nil
}

// valueCond translates a condition on a number, decimal or time field.
func (b *sqlQuery) valueCond(c leads.Cond, col column) (string, error) {
	exprs := col.sortExprs()
	lhs := row(exprs)
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

// sortKey is one ORDER BY expression with its direction and, with a
// cursor, the value it resumes after.
type sortKey struct {
	expr  string
	desc  bool
	after string // placeholder of the cursor value
}

// where returns the WHERE clause of q's types and condition.
func (b *sqlQuery) where(q leads.Query) (string, error) {
	parts := []string{}
	if len(q.Types) > 0 {
		names := make([]string, len(q.Types))
		for i, t := range q.Types {
			names[i] = t.String()
		}
		parts = append(parts, "type = ANY("+b.arg(names, "text[]")+")")
	}
	if !q.Where.IsZero() {
		s, err := b.cond(q.Where)
		if err != nil {
			return "", err
		}
		parts = append(parts, s)
	}
	if len(parts) == 0 {
		return "", nil
	}
	return " WHERE " + strings.Join(parts, " AND "), nil
}

// selectSQL translates q, validated as p, into one SELECT.
func selectSQL(q leads.Query, p *leads.Plan) (string, []any, error) {
	b := &sqlQuery{types: q.CustomTypes}
	where, err := b.where(q)
	if err != nil {
		return "", nil, err
	}
	if q.Unordered && q.Offset == 0 && q.Limit == 0 && q.After == "" {
		// The caller needs no order: spare the sort of a large scan.
		return "SELECT " + selectColumns + " FROM leads" + where, b.args, nil
	}
	fields := make([]leads.SortKey, 0, len(q.Sort)+1)
	fields = append(fields, q.Sort...)
	fields = append(fields, leads.Asc(leads.FieldFileAs))
	afterVals, afterID, hasCursor := p.After()
	var keys []sortKey
	for i, k := range fields {
		col, err := b.column(k.Field)
		if err != nil {
			return "", nil, err
		}
		exprs := col.sortExprs()
		var ps []string
		if hasCursor && col.custom != 0 {
			if ps, err = b.customCursor(col, afterVals[i]); err != nil {
				return "", nil, err
			}
		} else if hasCursor {
			vals, err := operand(col.kind, afterVals[i])
			if err == nil && col.kind == leads.KindText && !storable(afterVals[i]) {
				err = errors.New("not storable")
			}
			if err != nil {
				return "", nil, &leads.FieldError{Field: "query.after", Reason: "invalid cursor: it was made for another sort"}
			}
			ps = b.params(col, vals)
			if col.prefixed {
				ps = []string{prefixOf(ps[0]), ps[0]}
			}
		}
		for j, e := range exprs {
			sk := sortKey{expr: e, desc: k.Desc}
			if hasCursor {
				sk.after = ps[j]
			}
			keys = append(keys, sk)
		}
	}
	id := sortKey{expr: "id"}
	if hasCursor {
		id.after = b.arg(afterID, "uuid")
	}
	keys = append(keys, id)

	var sb strings.Builder
	sb.WriteString("SELECT " + selectColumns + " FROM leads")
	sb.WriteString(where)
	if hasCursor {
		if where == "" {
			sb.WriteString(" WHERE ")
		} else {
			sb.WriteString(" AND ")
		}
		sb.WriteString(afterCond(keys))
	}
	sb.WriteString(" ORDER BY ")
	for i, k := range keys {
		if i > 0 {
			sb.WriteString(", ")
		}
		sb.WriteString(k.expr)
		if k.desc {
			sb.WriteString(" DESC")
		}
	}
	if q.Offset > 0 {
		sb.WriteString(" OFFSET " + b.arg(int64(q.Offset), "bigint"))
	}
	if q.Limit > 0 {
		sb.WriteString(" LIMIT " + b.arg(int64(q.Limit), "bigint"))
	}
	return sb.String(), b.args, nil
}

// afterCond is the condition "comes after the cursor" in the order of
// keys: the first key that differs decides, in its direction. When every
// key runs in one direction it is one row comparison, which an index on
// the keys answers with a range scan; otherwise the first key's bound,
// redundant but indexable, narrows the scan.
func afterCond(keys []sortKey) string {
	same := true
	for _, k := range keys {
		same = same && k.desc == keys[0].desc
	}
	op := " > "
	if keys[0].desc {
		op = " < "
	}
	if same {
		exprs, vals := make([]string, len(keys)), make([]string, len(keys))
		for i, k := range keys {
			exprs[i], vals[i] = k.expr, k.after
		}
		return "(" + strings.Join(exprs, ", ") + ")" + op + "(" + strings.Join(vals, ", ") + ")"
	}
	ors := make([]string, len(keys))
	for i, k := range keys {
		ands := make([]string, 0, i+1)
		for _, eq := range keys[:i] {
			ands = append(ands, eq.expr+" = "+eq.after)
		}
		op := " > "
		if k.desc {
			op = " < "
		}
		ands = append(ands, k.expr+op+k.after)
		ors[i] = "(" + strings.Join(ands, " AND ") + ")"
	}
	return "(" + keys[0].expr + op[:2] + "= " + keys[0].after + " AND (" + strings.Join(ors, " OR ") + "))"
}

// countSQL translates q's types and condition into one SELECT count(*).
func countSQL(q leads.Query) (string, []any, error) {
	b := &sqlQuery{types: q.CustomTypes}
	where, err := b.where(q)
	if err != nil {
		return "", nil, err
	}
	return "SELECT count(*) FROM leads" + where, b.args, nil
}

// storable reports whether PostgreSQL text can hold s: valid UTF-8
// without NUL bytes. Stored records always are (see checkText).
func storable(s string) bool {
	return utf8.ValidString(s) && strings.IndexByte(s, 0) < 0
}
