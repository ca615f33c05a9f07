package file

import (
	"context"

	"github.com/google/uuid"
)

// The transactions of Atomic hold no locks: Atomic keeps every other
// writer out while it runs. Their lock methods, and the Store's, check
// that the records exist, as leads.Locker asks.

// LockLeads checks that the leads ids exist: outside Atomic there is no
// transaction to hold a lock in (leads.Locker).
func (s *Store) LockLeads(ctx context.Context, ids ...uuid.UUID) error {
	tx, err := s.reader()
	if err != nil {
		return err
	}
	return tx.LockLeads(ctx, ids...)
}

// LockAccounts checks that the accounts ids exist (leads.Locker).
func (s *Store) LockAccounts(ctx context.Context, ids ...uuid.UUID) error {
	tx, err := s.reader()
	if err != nil {
		return err
	}
	return tx.LockAccounts(ctx, ids...)
}

// LockUsers checks that the users ids exist (leads.Locker).
func (s *Store) LockUsers(ctx context.Context, ids ...uuid.UUID) error {
	tx, err := s.reader()
	if err != nil {
		return err
	}
	return tx.LockUsers(ctx, ids...)
}

// LockKeys does nothing outside Atomic (leads.KeyLocker).
func (s *Store) LockKeys(ctx context.Context, keys []string) error {
	_, err := s.reader()
	return err
}
