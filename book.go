package leads

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"iter"
	"slices"
	"strings"

	"github.com/google/uuid"
)

// Book is a book of business: the leads and business contacts of one shared
// database, with the operations that keep them right. It validates every
// record it writes, derives name parts and File As, stamps times from its
// clock and the acting user from the context, and leaves storage to its
// Store.
//
// A Book is safe for concurrent use.
type Book struct {
	store    Store
	clock    Clock
	maxPhoto int
	retry    retryPolicy // of Update
	dup      duplicateConfig
}

// Option configures a Book.
type Option func(*Book)

// WithClock makes the Book read time from c instead of the system clock.
func WithClock(c Clock) Option { return func(b *Book) { b.clock = c } }

// WithMaxPhotoSize sets the largest photo accepted, in bytes; the default is
// DefaultMaxPhotoSize.
func WithMaxPhotoSize(n int) Option { return func(b *Book) { b.maxPhoto = n } }

// New returns a Book over store.
func New(store Store, opts ...Option) *Book {
	b := &Book{store: store, clock: systemClock{}, maxPhoto: DefaultMaxPhotoSize, retry: defaultRetry}
	for _, o := range opts {
		o(b)
	}
	return b
}

// Store returns the store the Book writes to.
func (b *Book) Store() Store { return b.store }

// Create validates l and stores it as a new record, returning what was
// stored. Create fills in what the record lacks: a new ID (UUID v7), the
// name parts from the full name, File As in its default form, the status
// "new", creation and update times and the acting user. The linked account
// and the initiator must exist. Once the database has users, AssignedTo
// must name an active one (ErrNotMember); a database without users takes
// any name, so data and tools from before the team was set up keep
// working. Edit and Save follow the same rule. l itself is not changed.
// Under the DuplicateBlock policy (WithDuplicatePolicy) Create refuses a
// likely duplicate, as CreateChecked does.
func (b *Book) Create(ctx context.Context, l *Lead) (*Lead, error) {
	if b.dup.policy == DuplicateBlock {
		created, _, err := b.CreateChecked(ctx, l)
		return created, err
	}
	l, err := b.Prepare(ctx, l)
	if err != nil {
		return nil, err
	}
	refs := referencesOf(l, nil)
	if len(refs) == 0 {
		if err := b.store.Leads().Create(ctx, l); err != nil {
			return nil, err
		}
		return l, nil
	}
	err = b.store.Atomic(ctx, func(tx Tx) error {
		if err := checkReferences(ctx, tx, l.ID, refs); err != nil {
			return err
		}
		return tx.Leads().Create(ctx, l)
	})
	if err != nil {
		return nil, err
	}
	return l, nil
}

// Lead returns the record with the given ID, or an error matching
// ErrNotFound. The ID of a record merged into another one (Merge) gives
// the survivor, whose ID differs from the one asked for: links and
// bookmarks to a merged record keep working. See Resolve.
func (b *Book) Lead(ctx context.Context, id uuid.UUID) (*Lead, error) {
	return leadOrSurvivor(ctx, b.store, id)
}

// Edit changes a record through fn, which receives a copy of the stored
// record; an error from fn writes nothing. Edit then applies the rules of
// Create: when fn changed the full name but not the name parts, the parts
// are derived again, and a File As that was derived follows the new name.
// ID, type, creation stamps and the time of conversion cannot be changed
// through Edit (Convert changes the type). fn may be
// called more than once (stores retry it), so it should only change the lead.
//
// Edit writes, in the same all-or-nothing write, a change log entry (a
// history item of kind KindChange) naming every field changed, its values
// before and after, the acting user and the time; see Diff.
func (b *Book) Edit(ctx context.Context, id uuid.UUID, fn func(*Lead) error) (*Lead, error) {
	edit := func(tx Tx, inTx bool, cur *Lead) ([]*HistoryItem, error) {
		old := cur.Clone()
		if err := fn(cur); err != nil {
			return nil, err
		}
		now := b.clock.Now().UTC()
		cur.ID, cur.Type = old.ID, old.Type
		cur.CreatedAt, cur.CreatedBy = old.CreatedAt, old.CreatedBy
		cur.ConvertedAt = old.ConvertedAt
		cur.UpdatedAt, cur.UpdatedBy = now, Actor(ctx)
		normalize(cur, old)
		keepStep(cur, old, now, Actor(ctx))
		if err := cur.validate(b.maxPhoto); err != nil {
			return nil, err
		}
		if err := b.scoreChecksIn(ctx, tx, cur, old); err != nil {
			return nil, err
		}
		if err := b.checkCustom(ctx, tx, cur, old); err != nil {
			return nil, err
		}
		if refs := referencesOf(cur, old); len(refs) > 0 {
			if !inTx {
				return nil, errUnverified
			}
			// Checked and locked in the write itself (checkReferences),
			// so that a linked record or account is not deleted before
			// the edit commits.
			if err := checkReferences(ctx, tx, id, refs); err != nil {
				return nil, err
			}
		}
		h, err := changeEntry(ctx, old, cur, now)
		if h == nil || err != nil {
			return nil, err
		}
		return []*HistoryItem{h}, nil
	}
	l, err := b.updateLogged(ctx, id, edit)
	if errors.Is(err, errUnverified) {
		// The edit links records that must exist, and the store's fast
		// write (a LoggedUpdater's) has no transaction to check them in:
		// run it again in one, so that they cannot go between the check
		// and the write.
		return b.updateAtomic(ctx, id, edit)
	}
	return l, err
}

var errUnverified = errors.New("leads: references not yet verified")

// Save replaces the stored record with l. It fails with ErrConflict if the
// record changed since l was read (l.Version is stale), so no update is ever
// silently lost: read again, reapply the change and save again.
func (b *Book) Save(ctx context.Context, l *Lead) (*Lead, error) {
	want := l.Clone()
	return b.Edit(ctx, l.ID, func(cur *Lead) error {
		if cur.Version != want.Version {
			return &ConflictError{Kind: "lead", ID: l.ID.String(),
				Reason: fmt.Sprintf("stale version %d, stored %d", want.Version, cur.Version)}
		}
		*cur = *want.Clone()
		return nil
	})
}

// Delete removes the records with the given IDs, and their opportunities:
// all of them, or, if any is missing, none. An ID given twice is deleted
// once.
//
// Their history goes with them: history items linked only to deleted
// records (their change log among them) are deleted, and items linked to
// other records too are kept, with the deleted records unlinked. All of it
// is one write with the deletion.
func (b *Book) Delete(ctx context.Context, ids ...uuid.UUID) error {
	ids = slices.Compact(slices.SortedFunc(slices.Values(ids), func(a, b uuid.UUID) int { return bytes.Compare(a[:], b[:]) }))
	return b.store.Atomic(ctx, func(tx Tx) error {
		// Deleting the records first, in ID order as Merge locks them,
		// takes their locks (a row lock on PostgreSQL) before their
		// opportunities and history are read: a write linking to one of
		// them (lockLead) either committed before and is read here, or
		// waits and then finds the record gone.
		for _, id := range ids {
			if err := tx.Leads().Delete(ctx, id); err != nil {
				return err
			}
		}
		if err := deleteOpportunitiesOf(ctx, tx, ids); err != nil {
			return err
		}
		return unlinkHistory(ctx, tx, ids)
	})
}

// List streams the records q selects, in q's order.
func (b *Book) List(ctx context.Context, q Query) iter.Seq2[*Lead, error] {
	return b.store.Leads().List(ctx, q)
}

// Count returns how many records q selects, ignoring paging.
func (b *Book) Count(ctx context.Context, q Query) (int, error) {
	q.Sort, q.After, q.Offset, q.Limit = nil, "", 0, 0
	return b.store.Leads().Count(ctx, q)
}

// CreateAccount validates a and stores it as a new account.
func (b *Book) CreateAccount(ctx context.Context, a *Account) (*Account, error) {
	a = a.Clone()
	if a.ID == uuid.Nil {
		id, err := uuid.NewV7()
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

// Account returns the account with the given ID.
func (b *Book) Account(ctx context.Context, id uuid.UUID) (*Account, error) {
	return b.store.Accounts().Get(ctx, id)
}

// reference is a link from a lead to another record that must exist.
type reference struct {
	field string // "account_id", "initiated_by" or "assigned_to"
	id    uuid.UUID
	name  string // for "assigned_to": the user
}

// referencesOf returns the links of l that are new since old (all of them
// when old is nil).
func referencesOf(l, old *Lead) []reference {
	var refs []reference
	if l.AccountID != uuid.Nil && (old == nil || old.AccountID != l.AccountID) {
		refs = append(refs, reference{"account_id", l.AccountID, ""})
	}
	if l.InitiatedBy != uuid.Nil && (old == nil || old.InitiatedBy != l.InitiatedBy) {
		refs = append(refs, reference{"initiated_by", l.InitiatedBy, ""})
	}
	if l.AssignedTo != "" && (old == nil || old.AssignedTo != l.AssignedTo) {
		refs = append(refs, reference{field: "assigned_to", name: l.AssignedTo})
	}
	return refs
}

func checkReferences(ctx context.Context, tx Tx, self uuid.UUID, refs []reference) error {
	var errs []error
	for _, r := range refs {
		var err error
		switch r.field {
		case "account_id":
			err = lockAccount(ctx, tx, r.id)
		case "initiated_by":
			if r.id == self {
				errs = append(errs, fieldErr(r.field, "a lead cannot initiate itself"))
				continue
			}
			err = lockLead(ctx, tx, r.id)
		case "assigned_to":
			// Membership is enforced once the database has users (see
			// checkMember).
			if err := checkMember(ctx, tx, r.name); errors.Is(err, ErrNotMember) {
				errs = append(errs, err)
				continue
			} else if err != nil {
				return err
			}
		}
		switch {
		case errors.Is(err, ErrNotFound):
			errs = append(errs, fieldErr(r.field, "no record has ID %s", r.id))
		case err != nil:
			return err
		}
	}
	return joinErrs(errs)
}
