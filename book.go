package leads

import (
	"bytes"
	"context"
	"errors"
	"iter"
	"slices"

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
	retry    retryPolicy // of EditRetrying
	dup      duplicateConfig
	ids      func() (uuid.UUID, error)
}

// Option configures a Book.
type Option func(*Book)

// WithClock makes the Book read time from c instead of the system clock.
func WithClock(c Clock) Option { return func(b *Book) { b.clock = c } }

// WithMaxPhotoSize sets the largest photo accepted, in bytes; the default is
// DefaultMaxPhotoSize.
func WithMaxPhotoSize(n int) Option { return func(b *Book) { b.maxPhoto = n } }

// WithNewID makes the Book take the IDs of the records, history items and
// other values it creates from newID instead of uuid.NewV7. Tests use it for
// IDs that are the same in every run (see package leadstest); an ID source
// must be safe for concurrent use and never repeat an ID.
func WithNewID(newID func() (uuid.UUID, error)) Option { return func(b *Book) { b.ids = newID } }

// New returns a Book over store.
func New(store Store, opts ...Option) *Book {
	b := &Book{store: store, clock: systemClock{}, maxPhoto: DefaultMaxPhotoSize, retry: defaultRetry(), ids: uuid.NewV7}
	for _, o := range opts {
		o(b)
	}
	return b
}

// Store returns the store the Book writes to.
func (b *Book) Store() Store { return b.store }

// Get returns the record with the given ID, or an error matching
// ErrNotFound. The ID of a record merged into another one (Merge) gives
// the survivor, whose ID differs from the one asked for: links and
// bookmarks to a merged record keep working. See Resolve.
func (b *Book) Get(ctx context.Context, id uuid.UUID) (*Lead, error) {
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
//
// The ID of a record merged into another one (Merge) follows it: Edit
// changes the survivor, and the lead it returns has the survivor's ID.
// Comment, SetStatus and the score setters go through Edit and follow the
// same way (see Resolve).
func (b *Book) Edit(ctx context.Context, id uuid.UUID, fn func(*Lead) error) (*Lead, error) {
	var reached bool
	l, err := b.edit(ctx, id, fn, &reached)
	if err != nil && !reached && errors.Is(err, ErrNotFound) {
		if s, ok := survivorID(ctx, b.store, id); ok {
			return b.edit(ctx, s, fn, &reached)
		}
	}
	return l, err
}

// edit is Edit of the record id itself. It sets *reached when it found
// the record, so that an ErrNotFound from fn or from a link is not taken
// for a missing record.
func (b *Book) edit(ctx context.Context, id uuid.UUID, fn func(*Lead) error, reached *bool) (*Lead, error) {
	edit := func(tx Tx, inTx bool, cur *Lead) ([]*HistoryItem, error) {
		*reached = true
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
			if err := checkReferences(ctx, tx, cur, refs); err != nil {
				return nil, err
			}
		}
		h, err := b.changeEntry(ctx, old, cur, now)
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

// Delete removes the records with the given IDs, and their opportunities:
// all of them, or, if any is missing, none. An ID given twice is deleted
// once. The ID of a record merged into another one (Merge) follows it:
// the survivor, which holds that person now, is deleted.
//
// No link is left pointing at a deleted record; all of it is one write
// with the deletion:
//
//   - its opportunities are deleted with it (an opportunity belongs to
//     its record);
//   - history items linked only to deleted records (their change log
//     among them) are deleted, and items linked to other records too are
//     kept, with the deleted records unlinked;
//   - a record that a deleted record initiated (InitiatedBy) keeps its
//     place but loses the link, and its change log records the change
//     (initiated_by, from the deleted ID to none), with the acting user.
//
// The other links of a record are not to records: an account is deleted
// with Accounts.Delete, which clears the account links the same way, and
// the manager and assistant of the Details page are names, not links.
func (b *Book) Delete(ctx context.Context, ids ...uuid.UUID) error {
	ids = sortIDs(ids)
	err := b.delete(ctx, ids)
	if len(ids) < 2 || !errors.Is(err, ErrNotFound) {
		return err
	}
	// A merged ID whose survivor is among ids, and was deleted before it
	// in the write, finds no survivor: resolve the IDs first, and delete
	// again if that named other records.
	resolved := make([]uuid.UUID, len(ids))
	for i, id := range ids {
		r, rerr := b.Resolve(ctx, id)
		if rerr != nil {
			return err
		}
		resolved[i] = r
	}
	if resolved = sortIDs(resolved); slices.Equal(resolved, ids) {
		return err
	}
	return b.delete(ctx, resolved)
}

// sortIDs sorts ids in byte order, as Delete and Merge lock records, and
// drops repeats.
func sortIDs(ids []uuid.UUID) []uuid.UUID {
	return slices.Compact(slices.SortedFunc(slices.Values(ids), func(a, b uuid.UUID) int { return bytes.Compare(a[:], b[:]) }))
}

// delete is one attempt of Delete, over sorted ids without repeats.
func (b *Book) delete(ctx context.Context, ids []uuid.UUID) error {
	return b.store.Atomic(ctx, func(tx Tx) error {
		// Deleting the records first, in ID order as Merge locks them,
		// takes their locks (a row lock on PostgreSQL) before their
		// opportunities and history are read: a write linking to one of
		// them (lockLead) either committed before and is read here, or
		// waits and then finds the record gone.
		gone := make([]uuid.UUID, 0, len(ids))
		for _, id := range ids {
			err := tx.Leads().Delete(ctx, id)
			if errors.Is(err, ErrNotFound) {
				// A merged ID: delete the survivor, once.
				s, serr := survivorOf(ctx, tx, id)
				if serr != nil || s == nil {
					return err
				}
				if containsID(gone, s.ID) || containsID(ids, s.ID) {
					continue
				}
				id, err = s.ID, tx.Leads().Delete(ctx, s.ID)
			}
			if err != nil {
				return err
			}
			gone = append(gone, id)
		}
		if err := deleteOpportunitiesOf(ctx, tx, gone); err != nil {
			return err
		}
		if err := unlinkHistory(ctx, tx, gone); err != nil {
			return err
		}
		return b.unlinkInitiated(ctx, tx, gone)
	})
}

// unlinkInitiated clears, inside tx, the initiator of every record that a
// deleted record initiated, logging the change on each. The records are
// found through the stores' key index (InitiatedKey), not by a scan.
func (b *Book) unlinkInitiated(ctx context.Context, tx Tx, gone []uuid.UUID) error {
	var linked []uuid.UUID
	for _, id := range gone {
		for l, err := range tx.Leads().Lookup(ctx, InitiatedKey(id), 0) {
			if err != nil {
				return err
			}
			if !containsID(gone, l.ID) && !containsID(linked, l.ID) {
				linked = append(linked, l.ID)
			}
		}
	}
	now, actor := b.clock.Now().UTC(), Actor(ctx)
	for _, id := range linked {
		_, err := b.updateIn(ctx, tx, id, func(l *Lead) error {
			if !containsID(gone, l.InitiatedBy) {
				return errLockOnly
			}
			l.InitiatedBy = uuid.Nil
			l.UpdatedAt, l.UpdatedBy = now, actor
			return nil
		})
		if err != nil && !errors.Is(err, errLockOnly) {
			return err
		}
	}
	return nil
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

// checkReferences checks, and locks, the links refs of l that must
// exist. An initiator merged into another record (Merge) is followed: l
// is linked to the survivor instead.
func checkReferences(ctx context.Context, tx Tx, l *Lead, refs []reference) error {
	var errs []error
	for _, r := range refs {
		var err error
		switch r.field {
		case "account_id":
			err = lockAccount(ctx, tx, r.id)
		case "initiated_by":
			if r.id == l.ID {
				errs = append(errs, fieldErr(r.field, "a lead cannot initiate itself"))
				continue
			}
			var to uuid.UUID
			if to, err = lockLinked(ctx, tx, r.id); err == nil && to != r.id {
				if to == l.ID {
					errs = append(errs, fieldErr(r.field, "%s was merged into this record: a lead cannot initiate itself", r.id))
					continue
				}
				l.InitiatedBy = to
			}
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
