package postgres

import (
	"context"
	"slices"
	"strconv"

	"github.com/google/uuid"
	"github.com/jackc/pgx/v5"
	"github.com/leadkit/leads"
)

// LockLeads implements leads.Locker: it takes the row locks of the leads
// ids (SELECT ... FOR UPDATE, in ID order), held until the transaction
// ends.
func (t *txRepos) LockLeads(ctx context.Context, ids ...uuid.UUID) error {
	return lockRows(ctx, t.db, "lead", "leads", ids)
}

// LockAccounts implements leads.Locker, as LockLeads does for leads.
func (t *txRepos) LockAccounts(ctx context.Context, ids ...uuid.UUID) error {
	return lockRows(ctx, t.db, "account", "accounts", ids)
}

// LockUsers implements leads.Locker, as LockLeads does for leads.
func (t *txRepos) LockUsers(ctx context.Context, ids ...uuid.UUID) error {
	return lockRows(ctx, t.db, "user", "users", ids)
}

// LockLeads checks that the leads ids exist: outside Atomic there is no
// transaction to hold a lock in (leads.Locker).
func (s *Store) LockLeads(ctx context.Context, ids ...uuid.UUID) error {
	return lockRows(ctx, db{s: s, q: s.pool}, "lead", "leads", ids)
}

// LockAccounts checks that the accounts ids exist (leads.Locker).
func (s *Store) LockAccounts(ctx context.Context, ids ...uuid.UUID) error {
	return lockRows(ctx, db{s: s, q: s.pool}, "account", "accounts", ids)
}

// LockUsers checks that the users ids exist (leads.Locker).
func (s *Store) LockUsers(ctx context.Context, ids ...uuid.UUID) error {
	return lockRows(ctx, db{s: s, q: s.pool}, "user", "users", ids)
}

// LockKeys does nothing outside Atomic (leads.KeyLocker).
func (s *Store) LockKeys(ctx context.Context, keys []string) error {
	return db{s: s, q: s.pool}.check()
}

// lockRows locks the rows ids of table in d's transaction, in ID order, so
// that two transactions locking overlapping rows queue up rather than
// deadlock: PostgreSQL locks the rows as the sort hands them out. Outside
// a transaction it only reads them. The first ID without a row gives a
// leads.NotFoundError of kind.
func lockRows(ctx context.Context, d db, kind, table string, ids []uuid.UUID) error {
	if err := d.check(); err != nil {
		return err
	}
	if len(ids) == 0 {
		return nil
	}
	lock := ""
	if d.tx != nil {
		lock = " FOR UPDATE"
	}
	rows, err := d.q.Query(ctx, "SELECT id FROM "+table+" WHERE id = ANY($1) ORDER BY id"+lock, ids)
	if err != nil {
		return wrap("lock "+strconv.Itoa(len(ids))+" "+table, err)
	}
	found, err := pgx.CollectRows(rows, pgx.RowTo[uuid.UUID])
	if err != nil {
		return wrap("lock "+strconv.Itoa(len(ids))+" "+table, err)
	}
	for _, id := range ids {
		if !slices.Contains(found, id) {
			return &leads.NotFoundError{Kind: kind, ID: id.String()}
		}
	}
	return nil
}

// LockKeys implements leads.KeyLocker with one transaction-scoped advisory
// lock per key, released when the transaction ends. The lock IDs hash the
// key with the schema, so stores in other schemas of the same database do
// not wait on each other. The locks are taken in the order of their IDs:
// two transactions locking overlapping keys queue up rather than deadlock.
// (The sort happens in the subquery, which PostgreSQL emits in order
// before the outer query calls the lock function row by row.)
func (t *txRepos) LockKeys(ctx context.Context, keys []string) error {
	if err := t.db.check(); err != nil {
		return err
	}
	if len(keys) == 0 {
		return nil
	}
	_, err := t.db.q.Exec(ctx, `
		SELECT pg_advisory_xact_lock(h)
		FROM (SELECT DISTINCT hashtextextended('leads/postgres key ' || current_schema() || ' ' || k, 0) AS h
		      FROM unnest($1::text[]) AS k
		      ORDER BY h) AS ids`, keys)
	return wrap("lock match keys", err)
}

var (
	_ leads.Tx    = (*txRepos)(nil)
	_ leads.Store = (*Store)(nil)
)
