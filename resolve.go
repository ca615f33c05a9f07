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
// record by ID (Book.Lead and Book.History, and Book.Update, which reads
// through Lead) resolve such an ID to the survivor, so old links,
// bookmarks and imported references still find the person. Writes by ID (Edit, Save,
// Delete, SetStatus, ...) do not: they name the record they change, and
// an old ID fails with ErrNotFound; resolve it first with Resolve. A
// survivor merged again later is found the same way, since a merge keeps
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
