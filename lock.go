package leads

import (
	"context"

	"github.com/google/uuid"
)

// lockLead checks, inside tx, that the record id exists and locks it until
// tx ends (Locker), for a write that links to it (a history item, an
// opportunity, an initiator). A plain read would not do on a store that
// runs transactions side by side (PostgreSQL): a Delete or Merge of the
// record could commit between the read and the write, and the link would
// outlive the record. Locked, the record cannot be deleted before the
// write commits, and a write that waited for a Delete finds it gone. It
// returns an error matching ErrNotFound when the record is missing; it
// writes nothing. Given a Store rather than a transaction, it only reads.
func lockLead(ctx context.Context, tx Tx, id uuid.UUID) error {
	return tx.LockLeads(ctx, id)
}

// lockAccount does for an account what lockLead does for a record, for a
// write that links a record to the account (Accounts.Delete locks it too).
func lockAccount(ctx context.Context, tx Tx, id uuid.UUID) error {
	return tx.LockAccounts(ctx, id)
}
