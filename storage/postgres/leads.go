package postgres

import (
	"context"
	"errors"
	"fmt"
	"iter"
	"strconv"
	"strings"

	"github.com/google/uuid"
	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"
	"github.com/leadkit/leads"
	"github.com/leadkit/leads/storage/internal/version"
)

// uniqueViolation is PostgreSQL's SQLSTATE for a duplicate key.
const uniqueViolation = "23505"

// leadRepo is the lead repository over the pool or a transaction.
type leadRepo struct{ db db }

var (
	// insertLead inserts a lead and its match keys (the last parameter) in
	// one statement, one round trip, and returns 0 rows if the ID is taken.
	insertLead = "WITH ins AS (INSERT INTO leads (" + strings.Join(leadColumns, ", ") + ") VALUES (" +
		placeholders(1, len(leadColumns)) + ") ON CONFLICT (id) DO NOTHING RETURNING id), " +
		"keys AS (INSERT INTO lead_keys (key, lead_id) SELECT k, ins.id FROM ins, unnest($" +
		strconv.Itoa(len(leadColumns)+1) + "::text[]) AS k ON CONFLICT DO NOTHING) SELECT id FROM ins"
	updateLead = func() string {
		sets := make([]string, 0, len(leadColumns)-1)
		for i, c := range leadColumns[1:] {
			sets = append(sets, c+" = $"+strconv.Itoa(i+2))
		}
		return "UPDATE leads SET " + strings.Join(sets, ", ") + " WHERE id = $1"
	}()
)

func placeholders(from, n int) string {
	ps := make([]string, n)
	for i := range ps {
		ps[i] = "$" + strconv.Itoa(from+i)
	}
	return strings.Join(ps, ", ")
}

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
	var id uuid.UUID
	err = r.db.q.QueryRow(ctx, insertLead, append(vals, keysOf(&c))...).Scan(&id)
	if errors.Is(err, pgx.ErrNoRows) {
		return &leads.ConflictError{Kind: "lead", ID: l.ID.String(), Reason: "already exists"}
	}
	if err != nil {
		return wrap("create lead "+l.ID.String(), err)
	}
	l.Version = 1
	return nil
}

func (r leadRepo) Get(ctx context.Context, id uuid.UUID) (*leads.Lead, error) {
	return r.get(ctx, id, "")
}

// get reads one lead; lock is "" or " FOR UPDATE".
func (r leadRepo) get(ctx context.Context, id uuid.UUID, lock string) (*leads.Lead, error) {
	if err := r.db.check(); err != nil {
		return nil, err
	}
	l, err := scanLead(r.db.q.QueryRow(ctx, "SELECT "+selectColumns+" FROM leads WHERE id = $1"+lock, id))
	if errors.Is(err, pgx.ErrNoRows) {
		return nil, &leads.NotFoundError{Kind: "lead", ID: id.String()}
	}
	if err != nil {
		return nil, wrap("get lead "+id.String(), err)
	}
	return l, nil
}

// Update locks the row for the length of its transaction, so concurrent
// updates of one lead, from this process or another, take turns; fn sees
// the latest committed record.
func (r leadRepo) Update(ctx context.Context, id uuid.UUID, fn func(*leads.Lead) error) (*leads.Lead, error) {
	var out *leads.Lead
	err := r.db.write(ctx, func(d db) error {
		cur, err := leadRepo{d}.get(ctx, id, " FOR UPDATE")
		if err != nil {
			return err
		}
		stored := cur.Version
		oldKeys := keysOf(cur)
		if err := fn(cur); err != nil {
			return err
		}
		if err := version.Check("lead", id, stored, cur.ID, cur.Version); err != nil {
			return err
		}
		cur.Version = stored + 1
		vals, err := leadValues(cur)
		if err != nil {
			return err
		}
		if _, err := d.q.Exec(ctx, updateLead, vals...); err != nil {
			return wrap("update lead "+id.String(), err)
		}
		if err := rekey(ctx, d, id, oldKeys, keysOf(cur)); err != nil {
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

func (r leadRepo) Delete(ctx context.Context, id uuid.UUID) error {
	if err := r.db.check(); err != nil {
		return err
	}
	tag, err := r.db.q.Exec(ctx, "DELETE FROM leads WHERE id = $1", id)
	if err != nil {
		return wrap("delete lead "+id.String(), err)
	}
	if tag.RowsAffected() == 0 {
		return &leads.NotFoundError{Kind: "lead", ID: id.String()}
	}
	return nil
}

// List streams the rows of one SELECT. Inside a transaction it reads them
// all first, so that the caller may write through the same transaction
// while iterating.
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
		sql, args, err := selectSQL(q, p)
		if err != nil {
			yield(nil, err)
			return
		}
		streamLeads(ctx, r.db, "list leads", sql, args, yield)
	}
}

// streamLeads yields the leads that sql (selecting selectColumns) gives,
// naming what failed with what. Inside a transaction it reads them all
// first, so that the caller may write through the same transaction while
// iterating.
func streamLeads(ctx context.Context, d db, what, sql string, args []any, yield func(*leads.Lead, error) bool) {
	rows, err := d.q.Query(ctx, sql, args...)
	if err != nil {
		yield(nil, wrap(what, err))
		return
	}
	defer rows.Close()
	if d.tx != nil {
		var all []*leads.Lead
		for rows.Next() {
			l, err := scanLead(rows)
			if err != nil {
				yield(nil, wrap(what, err))
				return
			}
			all = append(all, l)
		}
		if err := rows.Err(); err != nil {
			yield(nil, wrap(what, err))
			return
		}
		rows.Close()
		for _, l := range all {
			if !yield(l, nil) {
				return
			}
		}
		return
	}
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
	sql, args, err := countSQL(q)
	if err != nil {
		return 0, err
	}
	var n int64
	if err := r.db.q.QueryRow(ctx, sql, args...).Scan(&n); err != nil {
		return 0, wrap("count leads", err)
	}
	return int(n), nil
}

// CreateMany stores ls with COPY, in the enclosing transaction or in one of
// its own: all or none. IDs are checked first, so that a duplicate gives
// ErrConflict naming the record rather than a driver error.
func (r leadRepo) CreateMany(ctx context.Context, ls []*leads.Lead) error {
	if len(ls) == 0 {
		return r.db.check()
	}
	ids := make([]uuid.UUID, len(ls))
	seen := make(map[uuid.UUID]bool, len(ls))
	for i, l := range ls {
		if l.ID == uuid.Nil {
			return &leads.FieldError{Field: fmt.Sprintf("leads[%d].id", i), Reason: "is missing"}
		}
		if seen[l.ID] {
			return &leads.ConflictError{Kind: "lead", ID: l.ID.String(), Reason: "appears twice"}
		}
		seen[l.ID] = true
		ids[i] = l.ID
	}
	err := r.db.write(ctx, func(d db) error {
		var taken uuid.UUID
		err := d.q.QueryRow(ctx, "SELECT id FROM leads WHERE id = ANY($1::uuid[]) LIMIT 1", ids).Scan(&taken)
		if err == nil {
			return &leads.ConflictError{Kind: "lead", ID: taken.String(), Reason: "already exists"}
		}
		if !errors.Is(err, pgx.ErrNoRows) {
			return wrap("create leads", err)
		}
		src := &leadSource{ls: ls, i: -1}
		if _, err := d.q.CopyFrom(ctx, pgx.Identifier{"leads"}, leadColumns, src); err != nil {
			if src.err != nil {
				return src.err
			}
			var pe *pgconn.PgError
			if errors.As(err, &pe) && pe.Code == uniqueViolation {
				// Another client created one of the IDs after the check.
				return &leads.ConflictError{Kind: "lead", ID: "of the batch", Reason: "already exists: " + pe.Detail}
			}
			return wrap("create leads: copy", err)
		}
		if _, err := d.q.CopyFrom(ctx, pgx.Identifier{"lead_keys"}, keyColumns, &keySource{rows: src.keys}); err != nil {
			return wrap("create leads: copy match keys", err)
		}
		return nil
	})
	if err != nil {
		return err
	}
	for _, l := range ls {
		l.Version = 1
	}
	return nil
}

// leadSource feeds COPY one row per lead, with Version 1, and collects
// the leads' match keys for the COPY into lead_keys that follows.
type leadSource struct {
	ls   []*leads.Lead
	i    int
	vals []any
	keys []keyRow
	err  error
}

func (s *leadSource) Next() bool {
	s.i++
	if s.i >= len(s.ls) || s.err != nil {
		return false
	}
	c := *s.ls[s.i]
	c.Version = 1
	s.vals, s.err = leadValues(&c)
	if s.err != nil {
		if fe := (*leads.FieldError)(nil); errors.As(s.err, &fe) {
			s.err = &leads.FieldError{Field: fmt.Sprintf("leads[%d].%s", s.i, fe.Field), Reason: fe.Reason}
		}
		return false
	}
	for _, k := range keysOf(&c) {
		s.keys = append(s.keys, keyRow{k, c.ID})
	}
	return true
}

func (s *leadSource) Values() ([]any, error) { return s.vals, nil }
func (s *leadSource) Err() error             { return s.err }

var _ leads.BulkCreator = leadRepo{}
