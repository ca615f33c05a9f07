package sqlite

import (
	"context"
	"database/sql"
	"errors"
	"iter"
	"strconv"
	"strings"

	"github.com/google/uuid"
	"github.com/leadkit/leads"
	"github.com/leadkit/leads/storage/internal/sqlq"
)

// leadRepo is the lead repository over the readers or a transaction.
type leadRepo struct{ db db }

var (
	insertLead = "INSERT INTO leads (" + strings.Join(leadColumns, ", ") + ") VALUES (" +
		placeholders(len(leadColumns)) + ") ON CONFLICT (id) DO NOTHING"
	updateLead = func() string {
		sets := make([]string, 0, len(leadColumns)-1)
		for i, c := range leadColumns[1:] {
			sets = append(sets, c+" = ?"+strconv.Itoa(i+2))
		}
		return "UPDATE leads SET " + strings.Join(sets, ", ") + " WHERE id = ?1"
	}()
)

func (r leadRepo) Create(ctx context.Context, l *leads.Lead) error {
	if err := r.db.check(); err != nil {
		return err
	}
	if l.ID == uuid.Nil {
		return &leads.FieldError{Field: "id", Reason: "is missing"}
	}
	c := *l
	c.Version = 1
	vals, err := leadValues(&c)
	if err != nil {
		return err
	}
	err = r.db.write(ctx, func(d db) error {
		res, err := d.q.ExecContext(ctx, insertLead, vals...)
		if err != nil {
			return wrap("create lead "+l.ID.String(), err)
		}
		if n, err := res.RowsAffected(); err != nil || n == 0 {
			return &leads.ConflictError{Kind: "lead", ID: l.ID.String(), Reason: "already exists"}
		}
		return addKeys(ctx, d.q, c.ID, keysOf(&c))
	})
	if err != nil {
		return err
	}
	l.Version = 1
	return nil
}

func (r leadRepo) Get(ctx context.Context, id uuid.UUID) (*leads.Lead, error) {
	if err := r.db.check(); err != nil {
		return nil, err
	}
	l, err := scanLead(r.db.q.QueryRowContext(ctx, "SELECT "+selectColumns+" FROM leads WHERE id = ?", id))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, &leads.NotFoundError{Kind: "lead", ID: id.String()}
	}
	if err != nil {
		return nil, wrap("get lead "+id.String(), err)
	}
	return l, nil
}

// Update runs in a write transaction, so concurrent updates of one lead,
// from this process or another, take turns; fn sees the latest committed
// record.
func (r leadRepo) Update(ctx context.Context, id uuid.UUID, fn func(*leads.Lead) error) (*leads.Lead, error) {
	var out *leads.Lead
	err := r.db.write(ctx, func(d db) error {
		cur, err := leadRepo{d}.Get(ctx, id)
		if err != nil {
			return err
		}
		stored := cur.Version
		oldKeys := keysOf(cur)
		if err := fn(cur); err != nil {
			return err
		}
		if err := checkUpdate("lead", id.String(), stored, cur.ID.String(), cur.Version); err != nil {
			return err
		}
		cur.Version = stored + 1
		vals, err := leadValues(cur)
		if err != nil {
			return err
		}
		if _, err := d.q.ExecContext(ctx, updateLead, vals...); err != nil {
			return wrap("update lead "+id.String(), err)
		}
		if err := rekey(ctx, d.q, id, oldKeys, keysOf(cur)); err != nil {
			return err
		}
		out = cur
		return nil
	})
	if err != nil {
		return nil, err
	}
	return out, nil
}

// Delete removes the lead; the trigger leads_delete_keys removes its
// match keys in the same statement.
func (r leadRepo) Delete(ctx context.Context, id uuid.UUID) error {
	return r.db.write(ctx, func(d db) error {
		res, err := d.q.ExecContext(ctx, "DELETE FROM leads WHERE id = ?", id)
		if err != nil {
			return wrap("delete lead "+id.String(), err)
		}
		if n, err := res.RowsAffected(); err != nil || n == 0 {
			return &leads.NotFoundError{Kind: "lead", ID: id.String()}
		}
		return nil
	})
}

// List streams the rows of one SELECT, translated from q by package sqlq
// as for PostgreSQL.
func (r leadRepo) List(ctx context.Context, q leads.Query) iter.Seq2[*leads.Lead, error] {
	return func(yield func(*leads.Lead, error) bool) {
		if err := r.db.check(); err != nil {
			yield(nil, err)
			return
		}
		q, err := typedQuery(ctx, r.db, q)
		if err != nil {
			yield(nil, err)
			return
		}
		p, err := q.Plan()
		if err != nil {
			yield(nil, err)
			return
		}
		stmt, args, err := sqlq.Select(sqlq.SQLite, selectColumns, q, p)
		if err != nil {
			yield(nil, err)
			return
		}
		streamLeads(ctx, r.db, "list leads", stmt, args, yield)
	}
}

// streamLeads yields the leads that stmt (selecting selectColumns) gives,
// naming what failed with what. Inside a transaction it reads them all
// first, so that the caller may write through the same transaction while
// iterating.
func streamLeads(ctx context.Context, d db, what, stmt string, args []any, yield func(*leads.Lead, error) bool) {
	if d.tx != nil {
		all, err := readAll(ctx, d.q, scanLead, stmt, args...)
		if err != nil {
			yield(nil, wrap(what, err))
			return
		}
		for _, l := range all {
			if !yield(l, nil) {
				return
			}
		}
		return
	}
	rows, err := d.q.QueryContext(ctx, stmt, args...)
	if err != nil {
		yield(nil, wrap(what, err))
		return
	}
	defer rows.Close()
	for rows.Next() {
		l, err := scanLead(rows)
		if err != nil {
			yield(nil, wrap(what, err))
			return
		}
		if !yield(l, nil) {
			return
		}
	}
	if err := rows.Err(); err != nil {
		yield(nil, wrap(what, err))
	}
}

func (r leadRepo) Count(ctx context.Context, q leads.Query) (int, error) {
	if err := r.db.check(); err != nil {
		return 0, err
	}
	q, err := typedQuery(ctx, r.db, q)
	if err != nil {
		return 0, err
	}
	if _, err := q.Plan(); err != nil {
		return 0, err
	}
	stmt, args, err := sqlq.Count(sqlq.SQLite, q)
	if err != nil {
		return 0, err
	}
	var n int64
	if err := r.db.q.QueryRowContext(ctx, stmt, args...).Scan(&n); err != nil {
		return 0, wrap("count leads", err)
	}
	return int(n), nil
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
