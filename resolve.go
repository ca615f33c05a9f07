package leads

import (
	"context"
	"errors"

	"github.com/google/uuid"
)

// Merged IDs
//
// A merge (Book.Merge) deletes the others and lists their IDs in the
// survivor's MergedFrom, which stores index under MergedKey. Reads of one
// record by ID (Book.Get and History.List, and Book.EditRetrying, which
// reads through Get) resolve such an ID to the survivor, so old links,
// bookmarks and imported references still find the person.
//
// Writes by ID follow it too, to the record that holds the person now:
// Edit, Comment, SetStatus, Check, ScoreManually, ScoreAutomatically,
// Convert, Delete, BulkEdit, Assign and the other multi-record
// writes change or delete the survivor; History.Create, History.Edit and
// Create with WithHistory link an item to it, and Opportunities.Create
// adds the opportunity to it. What such a write returns carries the survivor's
// ID, which differs from the one given. A link that names the survivor
// already is kept once. EditRetrying saves a copy of the record it read
// only by that record's own ID: when the record was merged meanwhile, it
// reads the survivor and tries again. Resolve tells the survivor
// beforehand. A survivor merged again later is found the same way, since a merge keeps
// the MergedFrom of every record it merges.

// Resolve returns the ID of the record that id names now: id itself for
// a stored record, the survivor's ID for a record merged into another
// one, or an error matching ErrNotFound.
func (b *Book) Resolve(ctx context.Context, id uuid.UUID) (uuid.UUID, error) {
	l, err := leadOrSurvivor(ctx, b.store, id)
	if err != nil {
		return uuid.Nil, err
	}
	return l.ID, nil
}

// leadOrSurvivor reads the record id through tx, or the survivor it was
// merged into. When the record is missing and the merged IDs cannot be
// looked up, the error says both.
func leadOrSurvivor(ctx context.Context, tx Tx, id uuid.UUID) (*Lead, error) {
	l, err := tx.Leads().Get(ctx, id)
	if !errors.Is(err, ErrNotFound) {
		return l, err
	}
	s, lerr := survivorOf(ctx, tx, id)
	switch {
	case lerr != nil:
		return nil, errors.Join(err, lerr)
	case s != nil:
		return s, nil
	}
	return nil, err
}

// survivorOf returns the record that id was merged into, or nil.
func survivorOf(ctx context.Context, tx Tx, id uuid.UUID) (*Lead, error) {
	for l, err := range tx.Leads().Lookup(ctx, MergedKey(id), 1) {
		return l, err
	}
	return nil, nil
}

// mergedError returns a *MergedError when id was merged into another
// record, and err (an error matching ErrNotFound) otherwise.
func mergedError(ctx context.Context, tx Tx, id uuid.UUID, err error) error {
	if s, serr := survivorOf(ctx, tx, id); serr == nil && s != nil {
		return &MergedError{ID: id, Survivor: s.ID}
	}
	return err
}

// survivorID returns the ID of the record that id was merged into, and
// false when it was not merged (or the lookup failed: the caller then
// reports its own ErrNotFound).
func survivorID(ctx context.Context, tx Tx, id uuid.UUID) (uuid.UUID, bool) {
	s, err := survivorOf(ctx, tx, id)
	if err != nil || s == nil {
		return uuid.Nil, false
	}
	return s.ID, true
}

// lockLinked locks the record id as lockLead does, following a merged ID
// to its survivor, and returns the ID it locked: the one to link to.
func lockLinked(ctx context.Context, tx Tx, id uuid.UUID) (uuid.UUID, error) {
	err := lockLead(ctx, tx, id)
	if !errors.Is(err, ErrNotFound) {
		return id, err
	}
	s, ok := survivorID(ctx, tx, id)
	if !ok {
		return id, err
	}
	return s, lockLead(ctx, tx, s)
}
