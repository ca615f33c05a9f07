package index

import (
	"context"

	"github.com/google/uuid"
	"github.com/leadkit/leads"
)

// A transaction over an Index needs no locks: the stores that use it run
// one transaction at a time (memory) or keep writers out while one runs
// (file). Its lock methods check that the records exist, as seen through
// the transaction, as leads.Locker asks.

// LockLeads implements leads.Locker.
func (t *tx) LockLeads(ctx context.Context, ids ...uuid.UUID) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	for _, id := range ids {
		if _, ok := t.x.Lead(id, t.c); !ok {
			return &leads.NotFoundError{Kind: "lead", ID: id.String()}
		}
	}
	return nil
}

// LockAccounts implements leads.Locker.
func (t *tx) LockAccounts(ctx context.Context, ids ...uuid.UUID) error {
	return exist(ctx, t, accountKind, ids)
}

// LockUsers implements leads.Locker.
func (t *tx) LockUsers(ctx context.Context, ids ...uuid.UUID) error {
	return exist(ctx, t, userKind, ids)
}

// LockKeys implements leads.KeyLocker: there is nothing to lock.
func (t *tx) LockKeys(ctx context.Context, keys []string) error { return ctx.Err() }

// exist checks that the records ids of kind k exist, as seen through t.
func exist[T any](ctx context.Context, t *tx, k kind[T], ids []uuid.UUID) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	for _, id := range ids {
		if _, ok := lookup(t.x, k, id, t.c); !ok {
			return &leads.NotFoundError{Kind: k.name, ID: id.String()}
		}
	}
	return nil
}
