package postgres

import (
	"github.com/leadkit/leads"
	"github.com/leadkit/leads/storage/internal/sqlq"
)

// The translation of leads.Query into SQL (conditions, sorts, cursors,
// typed custom fields) is shared with the SQLite store: package sqlq, in
// its Postgres dialect.

// selectSQL translates q, validated as p, into one SELECT.
func selectSQL(q leads.Query, p *leads.Plan) (string, []any, error) {
	return sqlq.Select(sqlq.Postgres, selectColumns, q, p)
}

// countSQL translates q's types and condition into one SELECT count(*).
func countSQL(q leads.Query) (string, []any, error) {
	return sqlq.Count(sqlq.Postgres, q)
}

// storable reports whether PostgreSQL text can hold s: valid UTF-8
// without NUL bytes. Stored records always are (see checkText).
func storable(s string) bool { return sqlq.Storable(s) }
