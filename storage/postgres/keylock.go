package postgres

import (
	"context"
	"github.com/leadkit/leads"
)

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

var _ leads.KeyLocker = (*txRepos)(nil)
