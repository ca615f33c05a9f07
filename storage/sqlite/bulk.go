package sqlite

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"

	"github.com/google/uuid"
	"github.com/leadkit/leads"
)

// Leads per INSERT statement of CreateMany, and match keys per INSERT of
// their keys: SQLite takes at most 32,766 parameters per statement.
const (
	bulkLeads = 32
	bulkKeys  = 256
)

// CreateMany stores ls with multi-row INSERTs, in the enclosing
// transaction or in one of its own: all or none.
func (r leadRepo) CreateMany(ctx context.Context, ls []*leads.Lead) error {
	if len(ls) == 0 {
		return r.db.check()
	}
	seen := make(map[uuid.UUID]bool, len(ls))
	for i, l := range ls {
		if l.ID == uuid.Nil {
			return &leads.FieldError{Field: fmt.Sprintf("leads[%d].id", i), Reason: "is missing"}
		}
		if seen[l.ID] {
			return &leads.ConflictError{Kind: "lead", ID: l.ID.String(), Reason: "appears twice"}
		}
		seen[l.ID] = true
	}
	err := r.db.write(ctx, func(d db) error {
		if err := checkTaken(ctx, d.tx, ls); err != nil {
			return err
		}
		return insertMany(ctx, d.tx, ls)
	})
	if err != nil {
		return err
	}
	for _, l := range ls {
		l.Version = 1
	}
	return nil
}

// insertMany inserts the leads ls, with Version 1, and their keys, in tx.
func insertMany(ctx context.Context, tx *sql.Tx, ls []*leads.Lead) error {
	full, err := tx.PrepareContext(ctx, multiInsert("leads", leadColumns, bulkLeads, ""))
	if err != nil {
		return wrap("create leads", err)
	}
	defer full.Close()
	var (
		vals []any
		keys []any
		n    int
	)
	flush := func(stmt *sql.Stmt, rows int) error {
		if stmt == nil {
			var err error
			if stmt, err = tx.PrepareContext(ctx, multiInsert("leads", leadColumns, rows, "")); err != nil {
				return err
			}
			defer stmt.Close()
		}
		if _, err := stmt.ExecContext(ctx, vals...); err != nil {
			return err
		}
		vals = vals[:0]
		return nil
	}
	for i, l := range ls {
		c := *l
		c.Version = 1
		row, err := leadValues(&c)
		if err != nil {
			if fe := (*leads.FieldError)(nil); errors.As(err, &fe) {
				return &leads.FieldError{Field: fmt.Sprintf("leads[%d].%s", i, fe.Field), Reason: fe.Reason}
			}
			return err
		}
		vals = append(vals, row...)
		for _, k := range keysOf(&c) {
			keys = append(keys, k, c.ID)
		}
		if n++; n == bulkLeads {
			if err := flush(full, n); err != nil {
				return createManyError(err)
			}
			n = 0
		}
	}
	if n > 0 {
		if err := flush(nil, n); err != nil {
			return createManyError(err)
		}
	}
	for len(keys) > 0 {
		m := min(len(keys)/2, bulkKeys)
		stmt := multiInsert("lead_keys", []string{"key", "lead_id"}, m, "OR IGNORE ")
		if _, err := tx.ExecContext(ctx, stmt, keys[:2*m]...); err != nil {
			return wrap("create leads: match keys", err)
		}
		keys = keys[2*m:]
	}
	return nil
}

// checkTaken returns ErrConflict naming the first lead of ls whose ID is
// stored already.
func checkTaken(ctx context.Context, tx *sql.Tx, ls []*leads.Lead) error {
	for from := 0; from < len(ls); from += bulkKeys {
		part := ls[from:min(from+bulkKeys, len(ls))]
		ids := make([]any, len(part))
		for i, l := range part {
			ids[i] = l.ID
		}
		q := "SELECT id FROM leads WHERE id IN (" + strings.TrimSuffix(strings.Repeat("?, ", len(ids)), ", ") + ") LIMIT 1"
		var taken uuid.UUID
		err := tx.QueryRowContext(ctx, q, ids...).Scan(&taken)
		if err == nil {
			return &leads.ConflictError{Kind: "lead", ID: taken.String(), Reason: "already exists"}
		}
		if !errors.Is(err, sql.ErrNoRows) {
			return wrap("create leads", err)
		}
	}
	return nil
}

// createManyError turns a failed INSERT into the error CreateMany
// promises: ErrConflict for an ID in use.
func createManyError(err error) error {
	if strings.Contains(err.Error(), "UNIQUE constraint failed") {
		return &leads.ConflictError{Kind: "lead", ID: "of the batch", Reason: "already exists: " + err.Error()}
	}
	return wrap("create leads", err)
}

// multiInsert writes an INSERT of rows rows of cols into table, with ?
// placeholders; or is "" or "OR IGNORE ".
func multiInsert(table string, cols []string, rows int, or string) string {
	one := "(" + strings.TrimSuffix(strings.Repeat("?, ", len(cols)), ", ") + ")"
	return "INSERT " + or + "INTO " + table + " (" + strings.Join(cols, ", ") + ") VALUES " +
		strings.TrimSuffix(strings.Repeat(one+", ", rows), ", ")
}

var _ leads.BulkCreator = leadRepo{}
