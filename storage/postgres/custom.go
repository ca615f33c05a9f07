package postgres

import (
	"context"
	"crypto/sha256"
	"encoding/hex"

	"github.com/google/uuid"
	"github.com/jackc/pgx/v5"
	"github.com/leadkit/leads"
	"github.com/leadkit/leads/storage/internal/sqlq"
)

// typedExpr returns the SQL value of the custom field name as type t
// (sqlq.TypedExpr): the expression that queries compare and that the
// indexes of indexed definitions hold.
func typedExpr(name string, t leads.CustomType) string {
	return sqlq.TypedExpr(sqlq.Postgres, name, t)
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
