package leads

import (
	"context"
	"strings"

	"github.com/google/uuid"
)

// XAccountEdit changes an account through fn; an error from fn or an
// invalid result writes nothing. The ID and creation time cannot change.
func (b *Book) XAccountEdit(ctx context.Context, id uuid.UUID, fn func(*Account) error) (*Account, error) {
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

// XAccountsList returns every account, ordered by name.
func (b *Book) XAccountsList(ctx context.Context) ([]Account, error) {
	var out []Account
	for a, err := range b.store.Accounts().List(ctx) {
		if err != nil {
			return nil, err
		}
		out = append(out, *a)
	}
	return out, nil
}

// DeleteAccountOptions says what DeleteAccount does with the records
// linked to the account.
type DeleteAccountOptions struct {
	// Unlink clears the account link of every lead and contact linked to
	// the account, in the same write as the delete. Without it, a linked
	// account is not deleted.
	Unlink bool
}

// XAccountDelete deletes an account. While leads or contacts link to it,
// the delete is refused with an *InUseError (errors.Is ErrInUse) that says
// how many, unless opts.Unlink is set: then their links are cleared in the
// same write, and the change log of each record records the change
// (account_id, from the account to none) with the acting user, as an
// Edit would. An unknown ID gives ErrNotFound. No record is left linked
// to a deleted account either way.
func (b *Book) XAccountDelete(ctx context.Context, id uuid.UUID, opts DeleteAccountOptions) error {
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
