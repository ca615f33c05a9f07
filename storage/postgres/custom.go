package postgres

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"strings"

	"github.com/google/uuid"
	"github.com/jackc/pgx/v5"
	"github.com/leadkit/leads"
)

// Typed custom fields in SQL.
//
// A custom field that the query types as a number, date or yes/no
// (leads.Query.CustomTypes) is read through an expression that gives its
// value as numeric, date or boolean, and NULL for a value that does not
// read as the type. The expression decides what reads as the type with
// the rules of the root package (see query_custom.go there): regular
// expressions and checks written so that no value makes the cast fail,
// and only immutable functions, so that an expression index can hold it.
// The field's name is written into the expression as a string literal
// (E'...', every quote and backslash escaped; the name is valid UTF-8
// without NUL), not a parameter: the expression of a query must be the
// one of the index, word for word, for PostgreSQL to use the index.
// Every other value of a query is a parameter.

// sqlLiteral writes s as an escape string constant, whatever
// standard_conforming_strings says. s must be storable.
func sqlLiteral(s string) string {
	s = strings.ReplaceAll(s, `\`, `\\`)
	s = strings.ReplaceAll(s, `'`, `''`)
	return "E'" + s + "'"
}

// typedExpr returns the SQL value of the custom field name as type t:
// numeric, date or boolean, NULL when the field is empty, absent, or
// holds a value that does not read as t.
func typedExpr(name string, t leads.CustomType) string {
	raw := "(custom->>" + sqlLiteral(name) + ")"
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

// sqlType is the SQL type of typedExpr's value.
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
func (b *sqlQuery) customColumn(name string, t leads.CustomType) column {
	typed := typedExpr(name, t)
	lit := sqlLiteral(name)
	zero := map[leads.CustomType]string{leads.CustomNumber: "0", leads.CustomDate: "DATE '0001-01-01'", leads.CustomYesNo: "false"}[t]
	return column{kind: leads.KindText, custom: t, name: name, typed: typed,
		cols: []string{
			"(CASE WHEN coalesce(custom->>" + lit + ", '') = '' THEN 0 WHEN " + typed + " IS NOT NULL THEN 1 ELSE 2 END)",
			"coalesce(" + typed + ", " + zero + ")",
			"(CASE WHEN " + typed + " IS NULL THEN coalesce(custom_fold->>" + lit + ", '') ELSE '' END) COLLATE \"C\"",
		}}
}

// customCursor returns the parameters of a cursor's key for a typed
// custom column, in the order of its sort expressions.
func (b *sqlQuery) customCursor(c column, key string) ([]string, error) {
	rank, v, text := leads.SplitCustomKey(c.custom, key)
	val := zeroValue(c.custom)
	if rank == 1 {
		p, ok := typedParam(c.custom, v)
		if !ok {
			return nil, &leads.FieldError{Field: "query.after", Reason: "invalid cursor: it was made for another sort"}
		}
		val = p
	}
	if !storable(text) {
		return nil, &leads.FieldError{Field: "query.after", Reason: "invalid cursor: it was made for another sort"}
	}
	return []string{b.arg(int32(rank), "integer"), b.arg(val, sqlType(c.custom)), b.arg(text, "text") + ` COLLATE "C"`}, nil
}

// customCond translates a condition on a typed custom field, as the root
// package's compileCustomCond decides it.
func (b *sqlQuery) customCond(c leads.Cond, col column) (string, error) {
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
			} else if storable(v) {
				exact = append(exact, v)
			}
		}
		var parts []string
		if len(exact) > 0 {
			parts = append(parts, "coalesce(custom->>"+sqlLiteral(col.name)+", '') = ANY("+b.arg(exact, "text[]")+")")
		}
		if len(typed) > 0 {
			parts = append(parts, "("+col.typed+" = ANY("+b.arg(typed, typ+"[]")+") AND "+col.typed+" IS NOT NULL)")
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
			parts = append(parts, col.typed+op+b.arg(p, typ))
		}
		return "(" + strings.Join(parts, " AND ") + ")", nil
	}
	return "", &leads.FieldError{Field: "query.where.op", Reason: fmt.Sprintf("unknown operator %q", c.Op)}
}

// typedQuery returns q with the types of the custom fields it names from
// the definitions d holds (leads.Query.WithCustomTypes).
func typedQuery(ctx context.Context, d db, q leads.Query) (leads.Query, error) {
	if !q.NeedsCustomTypes() {
		return q, nil
	}
	var defs []leads.FieldDefinition
	for def, err := range (kindRepo[leads.FieldDefinition]{fieldDefinitionKind, d}).List(ctx) {
		if err != nil {
			return q, err
		}
		defs = append(defs, *def)
	}
	return q.WithCustomTypes(defs), nil
}

// customIndexPrefix begins the names of the expression indexes that
// definitions ask for (FieldDefinition.Indexed).
const customIndexPrefix = "leads_custom_"

// customIndexName names the index of the field name typed t.
func customIndexName(name string, t leads.CustomType) string {
	sum := sha256.Sum256([]byte(t.String() + "\x00" + name))
	return customIndexPrefix + hex.EncodeToString(sum[:8])
}

// syncCustomIndexes makes the expression indexes of the leads table those
// that the field definitions ask for: one per indexed number, date or
// yes/no field, on typedExpr, which range conditions on the field read.
// It runs after every write of a definition, in its transaction, under
// an advisory lock so that two writers do not build the same index.
func syncCustomIndexes(ctx context.Context, q querier) error {
	if _, err := q.Exec(ctx, "SELECT pg_advisory_xact_lock(hashtextextended('leads/postgres custom indexes ' || current_schema(), 0))"); err != nil {
		return wrap("lock custom field indexes", err)
	}
	want := map[string]string{}
	rows, err := q.Query(ctx, "SELECT doc FROM field_definitions")
	if err != nil {
		return wrap("read field definitions", err)
	}
	var docs [][]byte
	for rows.Next() {
		var doc []byte
		if err := rows.Scan(&doc); err != nil {
			rows.Close()
			return wrap("read field definitions", err)
		}
		docs = append(docs, doc)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return wrap("read field definitions", err)
	}
	for _, doc := range docs {
		var d leads.FieldDefinition
		if err := decodeDoc("field definition", d.ID, doc, &d); err != nil {
			return err
		}
		if d.Indexed && d.Type.IsTyped() && storable(d.Name) {
			want[customIndexName(d.Name, d.Type)] = typedExpr(d.Name, d.Type)
		}
	}
	rows, err = q.Query(ctx, `SELECT indexname FROM pg_indexes
		WHERE schemaname = current_schema() AND tablename = 'leads' AND starts_with(indexname, $1::text)`, customIndexPrefix)
	if err != nil {
		return wrap("list custom field indexes", err)
	}
	have := map[string]bool{}
	for rows.Next() {
		var name string
		if err := rows.Scan(&name); err != nil {
			rows.Close()
			return wrap("list custom field indexes", err)
		}
		have[name] = true
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return wrap("list custom field indexes", err)
	}
	for name := range have {
		if _, ok := want[name]; !ok {
			if _, err := q.Exec(ctx, "DROP INDEX "+pgx.Identifier{name}.Sanitize()); err != nil {
				return wrap("drop index "+name, err)
			}
		}
	}
	for name, expr := range want {
		if !have[name] {
			if _, err := q.Exec(ctx, "CREATE INDEX "+pgx.Identifier{name}.Sanitize()+" ON leads (("+expr+"))"); err != nil {
				return wrap("create index "+name, err)
			}
		}
	}
	return nil
}

// fieldDefRepo keeps field definitions, and the indexes they ask for in
// step: Create and Update rebuild them through the kind's links, Delete
// here.
type fieldDefRepo struct {
	kindRepo[leads.FieldDefinition]
}

func (r fieldDefRepo) Delete(ctx context.Context, id uuid.UUID) error {
	return r.db.write(ctx, func(d db) error {
		if err := (kindRepo[leads.FieldDefinition]{r.k, d}).Delete(ctx, id); err != nil {
			return err
		}
		return syncCustomIndexes(ctx, d.q)
	})
}
