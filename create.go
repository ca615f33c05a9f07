package leads

import (
	"context"
	"fmt"

	"github.com/google/uuid"
)

// A CreateOption changes what one call of Book.Create does.
type CreateOption func(*createOptions)

// createOptions are the settings of one Create.
type createOptions struct {
	history []*HistoryItem
	policy  DuplicatePolicy
	dups    *[]Duplicate
}

// WithHistory makes Create store items together with the new record, in
// the same write: the record and every item, or nothing. Each item is
// linked to the new record in addition to the records it names, which
// must exist; change log entries (KindChange) are refused. A lead made
// from an e-mail message is stored this way, with the message in its
// history. The items themselves are not changed; the stored ones are
// listed by Book.History.
func WithHistory(items ...*HistoryItem) CreateOption {
	return func(o *createOptions) { o.history = append(o.history, items...) }
}

// OnDuplicate makes one Create treat a likely duplicate by p instead of
// by the Book's policy (WithDuplicatePolicy): a form can let its user
// override a warning, a tool can refuse duplicates in one run.
func OnDuplicate(p DuplicatePolicy) CreateOption {
	return func(o *createOptions) { o.policy = p }
}

// DuplicatesInto makes Create look for the likely duplicates of the new
// record unless the policy is DuplicateAllow, in the same write as the
// record, and store them in *dst: under DuplicateWarn the record is
// created and *dst lists the records it probably duplicates; under
// DuplicateBlock *dst lists them too when Create fails with a
// *DuplicateError. A form or a tool can always ask for them and show what
// it gets; the policy decides whether anything is looked for.
func DuplicatesInto(dst *[]Duplicate) CreateOption {
	return func(o *createOptions) { o.dups = dst }
}

// Create validates l and stores it as a new record, returning what was
// stored. Create fills in what the record lacks: a new ID (UUID v7), the
// name parts from the full name, File As in its default form, the status
// "new", creation and update times and the acting user. The linked account
// and the initiator must exist; an initiator merged into another record
// (Merge) is followed, and the record names the survivor. Once the
// database has users, AssignedTo must name an active one (ErrNotMember); a
// database without users takes any name, so data and tools from before the
// team was set up keep working. Edit follows the same rule. l itself is
// not changed.
//
// Under the DuplicateBlock policy (WithDuplicatePolicy, or OnDuplicate for
// one call) Create looks for the likely duplicates of l in the same write
// and, when there are any, writes nothing and fails with a
// *DuplicateError holding them. Under DuplicateWarn it looks for them only
// when asked to (DuplicatesInto). WithHistory stores history items with
// the record.
func (b *Book) Create(ctx context.Context, l *Lead, opts ...CreateOption) (*Lead, error) {
	o := createOptions{policy: b.dup.policy}
	for _, opt := range opts {
		opt(&o)
	}
	if o.dups != nil {
		*o.dups = nil
	}
	if l == nil {
		return nil, fieldErr("lead", "no record to create")
	}
	rec, err := NewPreparer(b).Prepare(ctx, l)
	if err != nil {
		return nil, err
	}
	items, err := b.historyOfNew(ctx, rec, o.history)
	if err != nil {
		return nil, err
	}
	look := o.policy == DuplicateBlock || (o.policy == DuplicateWarn && o.dups != nil)
	refs := referencesOf(rec, nil)
	if !look && len(refs) == 0 && len(items) == 0 {
		if err := b.store.Leads().Create(ctx, rec); err != nil {
			return nil, err
		}
		return rec, nil
	}
	var dups []Duplicate
	err = b.store.Atomic(ctx, func(tx Tx) error {
		dups = nil
		if err := checkReferences(ctx, tx, rec, refs); err != nil {
			return err
		}
		if look {
			var err error
			if dups, err = b.duplicatesIn(ctx, tx, rec, o.policy); err != nil {
				return err
			}
		}
		if err := tx.Leads().Create(ctx, rec); err != nil {
			return err
		}
		return createHistoryIn(ctx, tx, rec.ID, items)
	})
	if o.dups != nil {
		*o.dups = dups
	}
	if err != nil {
		return nil, err
	}
	return rec, nil
}

// historyOfNew returns copies of items ready to be stored with rec, a
// prepared new record: given IDs, stamped as rec is, linked to it,
// normalized and validated. It names every invalid item in one error.
func (b *Book) historyOfNew(ctx context.Context, rec *Lead, items []*HistoryItem) ([]*HistoryItem, error) {
	if len(items) == 0 {
		return nil, nil
	}
	now, actor := rec.CreatedAt, Actor(ctx)
	var errs []error
	out := make([]*HistoryItem, len(items))
	for i, h := range items {
		h = h.Clone()
		if h.Kind == KindChange {
			errs = append(errs, fieldErr(fmt.Sprintf("history[%d].kind", i), "change log entries are written by the book, not added"))
			continue
		}
		if h.ID == uuid.Nil {
			id, err := b.newID()
			if err != nil {
				return nil, fmt.Errorf("leads: new ID: %w", err)
			}
			h.ID = id
		}
		if !containsID(h.Records, rec.ID) {
			h.Records = append(h.Records, rec.ID)
		}
		h.CreatedAt, h.CreatedBy, h.UpdatedAt, h.UpdatedBy, h.Version = now, actor, now, actor, 0
		normalizeHistory(h, now)
		if err := h.Validate(); err != nil {
			errs = append(errs, fmt.Errorf("history[%d]: %w", i, err))
		}
		out[i] = h
	}
	if err := joinErrs(errs); err != nil {
		return nil, err
	}
	return out, nil
}

// createHistoryIn stores items, made by historyOfNew for the new record
// rec, inside tx, once their other records are known to exist.
func createHistoryIn(ctx context.Context, tx Tx, rec uuid.UUID, items []*HistoryItem) error {
	for _, h := range items {
		records, err := checkLinks(ctx, tx, h.Records, []uuid.UUID{rec})
		if err != nil {
			return err
		}
		h.Records = records
		if err := tx.History().Create(ctx, h); err != nil {
			return err
		}
	}
	return nil
}
