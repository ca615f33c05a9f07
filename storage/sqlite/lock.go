package sqlite

import (
	"context"
	"slices"

	"github.com/google/uuid"
	"github.com/leadkit/leads"
)

// A write transaction of this store (BEGIN IMMEDIATE) keeps every other
// writer, of this process or another, out until it ends: everything it
// read stays as it read it. Its lock methods (leads.Locker) therefore
// only check that the records exist, in ID order, as seen through the
// transaction; outside Atomic they check the same through the readers.

// LockLeads implements leads.Locker: it checks that the leads ids exist.
func (t *txRepos) LockLeads(ctx context.Context, ids ...uuid.UUID) error {
	return exist(ctx, t.db, "lead", "leads", ids)
}

// LockAccounts implements leads.Locker, as LockLeads does for leads.
func (t *txRepos) LockAccounts(ctx context.Context, ids ...uuid.UUID) error {
	return exist(ctx, t.db, "account", "accounts", ids)
}

// LockUsers implements leads.Locker, as LockLeads does for leads.
func (t *txRepos) LockUsers(ctx context.Context, ids ...uuid.UUID) error {
	return exist(ctx, t.db, "user", "users", ids)
}

// LockKeys implements leads.KeyLocker: no other writer runs beside the
// transaction, so there is nothing to lock.
func (t *txRepos) LockKeys(ctx context.Context, keys []string) error {
	if err := t.db.check(); err != nil {
		return err
	}
	return ctx.Err()
}

// LockLeads checks that the leads ids exist: outside Atomic there is no
// transaction to hold a lock in (leads.Locker).
func (s *Store) LockLeads(ctx context.Context, ids ...uuid.UUID) error {
	return exist(ctx, s.direct(), "lead", "leads", ids)
}

// LockAccounts checks that the accounts ids exist (leads.Locker).
func (s *Store) LockAccounts(ctx context.Context, ids ...uuid.UUID) error {
	return exist(ctx, s.direct(), "account", "accounts", ids)
}

// LockUsers checks that the users ids exist (leads.Locker).
func (s *Store) LockUsers(ctx context.Context, ids ...uuid.UUID) error {
	return exist(ctx, s.direct(), "user", "users", ids)
}

// LockKeys does nothing outside Atomic (leads.KeyLocker).
func (s *Store) LockKeys(ctx context.Context, keys []string) error {
	if err := s.direct().check(); err != nil {
		return err
	}
	return ctx.Err()
}

// exist checks, in ID order, that the records ids of table exist, and
// returns a leads.NotFoundError naming the first that does not.
func exist(ctx context.Context, d db, kind, table string, ids []uuid.UUID) error {
	if err := d.check(); err != nil {
		return err
	}
	ids = slices.Clone(ids)
	slices.SortFunc(ids, func(a, b uuid.UUID) int { return slices.Compare(a[:], b[:]) })
	for _, id := range slices.Compact(ids) {
		var n int
		if err := d.q.QueryRowContext(ctx, "SELECT count(*) FROM "+table+" WHERE id = ?", id).Scan(&n); err != nil {
			return wrap("check "+kind+" "+id.String(), err)
		}
		if n == 0 {
			return &leads.NotFoundError{Kind: kind, ID: id.String()}
		}
	}
	return nil
}

var _ leads.KeyLocker = (*txRepos)(nil)
