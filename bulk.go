package leads

import (
	"context"
	"errors"
	"fmt"

	"github.com/google/uuid"
)

// LeadBatchUpdater is an optional interface of the LeadRepository of a
// Tx: a store that can update many records in one pass, cheaper than one
// Update each. Multi-record operations (bulk edit, assign) use it when the
// repository has it, and call Update for each record otherwise.
type LeadBatchUpdater interface {
	// UpdateEach applies fn to a copy of each record of ids, in order, and
	// stores the copy, with its version raised, where fn returns true. fn
	// must not keep l. An error from fn stops UpdateEach, which returns it.
	// Unknown IDs do not stop it: it returns them at the end, each as an
	// error matching ErrNotFound, joined. Like every write in a Tx, the
	// writes only count if the Atomic function returns nil.
	UpdateEach(ctx context.Context, ids []uuid.UUID, fn func(l *Lead) (write bool, err error)) error
}

// errNoWrite tells Update, from inside its function, that the record
// needs no write.
var errNoWrite = errors.New("leads: no change")

// updateEach applies fn to each record of ids in tx, natively if the
// store can (LeadBatchUpdater).
func updateEach(ctx context.Context, tx Tx, ids []uuid.UUID, fn func(*Lead) (bool, error)) error {
	repo := tx.Leads()
	if u, ok := repo.(LeadBatchUpdater); ok {
		return u.UpdateEach(ctx, ids, fn)
	}
	var missing []error
	for _, id := range ids {
		_, err := repo.Update(ctx, id, func(l *Lead) error {
			write, err := fn(l)
			if err == nil && !write {
				err = errNoWrite
			}
			return err
		})
		switch {
		case err == nil, errors.Is(err, errNoWrite):
		case errors.Is(err, ErrNotFound):
			missing = append(missing, err)
		default:
			return err
		}
	}
	return joinErrs(missing)
}

// maxListed is how many records an error of a multi-record write names
// before it only counts the rest.
const maxListed = 10

// limitErrs joins at most maxListed of errs, counting the others.
func limitErrs(errs []error, what string) error {
	if len(errs) > maxListed {
		rest := len(errs) - maxListed
		errs = append(errs[:maxListed:maxListed], fmt.Errorf("leads: and %d more %s", rest, what))
	}
	return joinErrs(errs)
}

// flatten unjoins err into its parts.
func flatten(err error) []error {
	if j, ok := err.(interface{ Unwrap() []error }); ok {
		return j.Unwrap()
	}
	return []error{err}
}

// BulkEdit makes one change to every record of ids and returns how many
// records it changed (records that already held the value are left
// alone). Each changed record is validated, stamped and entered in the
// change log as Edit would;
// the errors name the record and the field. It is all-or-nothing: an
// unknown ID, a value of the wrong kind, a field that cannot be edited
// this way, or a record the change would make invalid fails the whole
// call, and nothing changes. An ID given twice counts once. The ID of a
// record merged into another one (Merge) follows it: the survivor is
// changed, once however many of the IDs name it.
func (b *Book) BulkEdit(ctx context.Context, c Change, ids ...uuid.UUID) (int, error) {
	if len(ids) == 0 {
		return 0, nil
	}
	if err := c.check(); err != nil {
		return 0, err
	}
	ids = uniqueIDs(ids)
	n := 0
	err := b.store.Atomic(ctx, func(tx Tx) error {
		apply, err := c.compile(ctx, tx)
		if err != nil {
			return err
		}
		n, err = b.editEach(ctx, tx, ids, apply)
		return err
	})
	if err != nil {
		return 0, err
	}
	return n, nil
}

// uniqueIDs drops repeated IDs, keeping the first of each.
func uniqueIDs(ids []uuid.UUID) []uuid.UUID {
	seen := make(map[uuid.UUID]bool, len(ids))
	out := make([]uuid.UUID, 0, len(ids))
	for _, id := range ids {
		if !seen[id] {
			seen[id] = true
			out = append(out, id)
		}
	}
	return out
}

// editEach runs apply on each record of ids inside tx, then applies the
// rules of Edit to the records apply changed: stamps, derived fields,
// validation, scoring, and a change log entry for each. It returns how many records changed, or an error
// naming every unknown ID and up to maxListed invalid records.
func (b *Book) editEach(ctx context.Context, tx Tx, ids []uuid.UUID, apply func(l *Lead) (bool, error)) (int, error) {
	now, actor := b.clock.Now().UTC(), Actor(ctx)
	var criteria []Criterion
	var loaded bool
	var bad []error
	var logged []*HistoryItem // the change log entries of the changed records
	n := 0
	edit := func(l *Lead) (bool, error) {
		// A shallow copy is enough: normalize reads only the old names,
		// File As and score type, which apply replaces rather than
		// changes in place.
		shallow := *l
		old := &shallow
		changed, err := apply(l)
		if err != nil {
			bad = append(bad, &RecordError{ID: old.ID, Err: err})
			return false, nil
		}
		if !changed {
			return false, nil
		}
		l.UpdatedAt, l.UpdatedBy = now, actor
		normalize(l, old)
		if l.Score.Type != old.Score.Type && l.Score.Type == ScoreAuto {
			if !loaded {
				if criteria, err = criteriaIn(ctx, tx); err != nil {
					return false, err
				}
				loaded = true
			}
			rescoreLead(l, criteria)
		}
		if err := l.validate(b.maxPhoto); err != nil {
			bad = append(bad, &RecordError{ID: old.ID, Err: err})
			return false, nil
		}
		// Values of user-defined fields must fit their definitions.
		if err := b.checkCustom(ctx, tx, l, old); err != nil {
			if !errors.Is(err, ErrInvalid) {
				return false, err
			}
			bad = append(bad, &RecordError{ID: old.ID, Err: err})
			return false, nil
		}
		h, err := b.changeEntry(ctx, old, l, now)
		if err != nil {
			return false, err
		}
		if h != nil {
			logged = append(logged, h)
		}
		n++
		return true, nil
	}
	missing, err := notFound(updateEach(ctx, tx, ids, edit))
	if err != nil {
		return 0, err
	}
	if len(missing) > 0 {
		// IDs of records merged into others follow them: edit each
		// survivor once.
		var follow []uuid.UUID
		missing, follow = followMissing(ctx, tx, missing, ids)
		if len(follow) > 0 {
			more, err := notFound(updateEach(ctx, tx, follow, edit))
			if err != nil {
				return 0, err
			}
			missing = append(missing, more...)
		}
	}
	if len(missing)+len(bad) > 0 {
		return 0, joinErrs([]error{limitErrs(missing, "unknown IDs"), limitErrs(bad, "invalid records")})
	}
	for _, h := range logged {
		if err := tx.History().Create(ctx, h); err != nil {
			return 0, err
		}
	}
	return n, nil
}

// notFound splits the error of updateEach into the records it did not
// find, and any other error.
func notFound(err error) ([]error, error) {
	if err == nil {
		return nil, nil
	}
	var missing []error
	for _, e := range flatten(err) {
		if !errors.Is(e, ErrNotFound) {
			return nil, err
		}
		missing = append(missing, e)
	}
	return missing, nil
}

// followMissing looks up, for each record not found (a *NotFoundError),
// the record it was merged into, and returns the errors of the records
// that were not merged, and the survivors that ids do not name (those
// were edited already), each once.
func followMissing(ctx context.Context, tx Tx, missing []error, ids []uuid.UUID) (kept []error, follow []uuid.UUID) {
	named := make(map[uuid.UUID]bool, len(ids))
	for _, id := range ids {
		named[id] = true
	}
	for _, e := range missing {
		var nf *NotFoundError
		if !errors.As(e, &nf) {
			kept = append(kept, e)
			continue
		}
		id, err := uuid.Parse(nf.ID)
		if err != nil {
			kept = append(kept, e)
			continue
		}
		s, ok := survivorID(ctx, tx, id)
		if !ok {
			kept = append(kept, e)
			continue
		}
		if !named[s] && !containsID(follow, s) {
			follow = append(follow, s)
		}
	}
	return kept, follow
}
