package leads

import (
	"context"
	"fmt"
	"iter"
	"strings"

	"github.com/google/uuid"
)

// Accounts are the business accounts (companies) of a Book, which leads
// and contacts link to (Lead.AccountID). Get them from Book.Accounts.
type Accounts struct{ b *Book }

// Accounts returns the accounts of the Book.
func (b *Book) Accounts() Accounts { return Accounts{b} }

// Create validates a and stores it as a new account, returning what was
// stored: a new ID when a has none, the name trimmed, the times stamped.
// a itself is not changed.
func (s Accounts) Create(ctx context.Context, a *Account) (*Account, error) {
	b := s.b
	a = a.Clone()
	if a.ID == uuid.Nil {
		id, err := b.newID()
		if err != nil {
			return nil, fmt.Errorf("leads: new ID: %w", err)
		}
		a.ID = id
	}
	a.Name = strings.TrimSpace(a.Name)
	now := b.clock.Now().UTC()
	a.CreatedAt, a.UpdatedAt = now, now
	if err := a.Validate(); err != nil {
		return nil, err
	}
	if err := b.store.Accounts().Create(ctx, a); err != nil {
		return nil, err
	}
	return a, nil
}

// Get returns the account with the given ID, or an error matching
// ErrNotFound.
func (s Accounts) Get(ctx context.Context, id uuid.UUID) (*Account, error) {
	return s.b.store.Accounts().Get(ctx, id)
}

// Edit changes an account through fn, which receives a copy of the
// stored account; an error from fn or an invalid result writes nothing.
// The ID and creation time cannot change.
func (s Accounts) Edit(ctx context.Context, id uuid.UUID, fn func(*Account) error) (*Account, error) {
	b := s.b
	return b.store.Accounts().Update(ctx, id, func(a *Account) error {
		old := *a
		if err := fn(a); err != nil {
			return err
		}
		a.ID, a.CreatedAt = old.ID, old.CreatedAt
		a.Name = strings.TrimSpace(a.Name)
		a.UpdatedAt = b.clock.Now().UTC()
		return a.Validate()
	})
}

// List streams every account, ordered by name.
func (s Accounts) List(ctx context.Context) iter.Seq2[*Account, error] {
	return s.b.store.Accounts().List(ctx)
}

// DeleteAccountOptions says what Accounts.Delete does with the records
// linked to the account.
type DeleteAccountOptions struct {
	// Unlink clears the account link of every lead and contact linked to
	// the account, in the same write as the delete. Without it, a linked
	// account is not deleted.
	Unlink bool
}

// Delete deletes an account. While leads or contacts link to it,
// the delete is refused with an *InUseError (errors.Is ErrInUse) that says
// how many, unless opts.Unlink is set: then their links are cleared in the
// same write, and the change log of each record records the change
// (account_id, from the account to none) with the acting user, as an
// Edit would. An unknown ID gives ErrNotFound. No record is left linked
// to a deleted account either way.
func (s Accounts) Delete(ctx context.Context, id uuid.UUID, opts DeleteAccountOptions) error {
	b := s.b
	return b.store.Atomic(ctx, func(tx Tx) error {
		// Lock the account before listing the records linked to it: a
		// write linking a record to it (which locks it too) then either
		// commits first and is listed, or waits and finds it gone.
		if err := lockAccount(ctx, tx, id); err != nil {
			return err
		}
		var linked []uuid.UUID
		for l, err := range tx.Leads().List(ctx, Query{Where: Eq(FieldAccountID, id.String())}) {
			if err != nil {
				return err
			}
			linked = append(linked, l.ID)
		}
		if len(linked) > 0 && !opts.Unlink {
			return &InUseError{Kind: "account", ID: id.String(), Count: len(linked), By: "leads and contacts"}
		}
		now, actor := b.clock.Now().UTC(), Actor(ctx)
		for _, lid := range linked {
			if _, err := b.updateIn(ctx, tx, lid, func(l *Lead) error {
				l.AccountID = uuid.Nil
				l.UpdatedAt, l.UpdatedBy = now, actor
				return nil
			}); err != nil {
				return err
			}
		}
		return tx.Accounts().Delete(ctx, id)
	})
}
