package leads

import (
	"context"
	"fmt"

	"github.com/google/uuid"
)

// Prepare returns the record that Create would store for l, without storing
// it: a new ID when l has none, the name parts, File As and status derived,
// time and actor stamped, the record validated and scored, its custom values
// checked against the user-defined fields. It does not check that the
// linked account and initiator exist; the caller does that inside its
// transaction. Imports prepare every row first, so that a dry run can
// report what would be rejected and a real run can write all rows in one
// Store.Atomic. l itself is not changed.
func (b *Book) Prepare(ctx context.Context, l *Lead) (*Lead, error) {
	l = l.Clone()
	if l.ID == uuid.Nil {
		id, err := uuid.NewV7()
		if err != nil {
			return nil, fmt.Errorf("leads: new ID: %w", err)
		}
		l.ID = id
	}
	now := b.clock.Now().UTC()
	actor := Actor(ctx)
	l.CreatedAt, l.CreatedBy = now, actor
	l.UpdatedAt, l.UpdatedBy = now, actor
	if l.Status == "" {
		l.Status = StatusNew
	}
	normalize(l, nil)
	if err := l.validate(b.maxPhoto); err != nil {
		return nil, err
	}
	if err := b.scoreChecks(ctx, l, nil); err != nil {
		return nil, err
	}
	if err := b.checkCustom(ctx, b.store, l, nil); err != nil {
		return nil, err
	}
	return l, nil
}

// Revise applies the rules of Edit to cur, a record that a caller changed
// from old inside its own transaction tx (an import that updates a
// duplicate): identity and creation stamps are kept from old, the update is
// stamped, derived fields follow, and the result is validated and scored
// against the criteria tx sees. Outside a transaction, pass the Book's
// Store as tx.
func (b *Book) Revise(ctx context.Context, tx Tx, cur, old *Lead) error {
	cur.ID, cur.Type = old.ID, old.Type
	cur.CreatedAt, cur.CreatedBy = old.CreatedAt, old.CreatedBy
	cur.UpdatedAt, cur.UpdatedBy = b.clock.Now().UTC(), Actor(ctx)
	normalize(cur, old)
	if err := cur.validate(b.maxPhoto); err != nil {
		return err
	}
	return b.scoreChecksIn(ctx, tx, cur, old)
}
