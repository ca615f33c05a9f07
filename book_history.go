package leads

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"iter"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/google/uuid"
)

// History is the history of the records of a Book: notes, calls,
// meetings, e-mails and the change log, each item linked to one or more
// leads and contacts. Get it from Book.History.
type History struct{ b *Book }

// History returns the history of the Book's records.
func (b *Book) History() History { return History{b} }

// Comment adds a time-stamped entry to a record's comments: the text, the
// time from the Book's clock and the acting user (Actor) as its author.
// Comments keep the order they were added in. An empty text fails with a
// *FieldError naming "text". The ID of a record merged into another one
// follows it: the comment goes to the survivor (see Resolve).
func (b *Book) Comment(ctx context.Context, id uuid.UUID, text string) (*Lead, error) {
	text = strings.TrimSpace(text)
	if text == "" {
		return nil, fieldErr("text", "a comment needs a text")
	}
	return b.Edit(ctx, id, func(l *Lead) error {
		l.Comments = append(l.Comments, Comment{At: b.clock.Now().UTC(), Author: Actor(ctx), Text: text})
		return nil
	})
}

// Create validates h and stores it as a new history item linked to
// the records h.Records names, returning what was stored. It fills in a
// new ID, the creation stamps, and At: the kind's own time (HistoryItem.When)
// or, for a note without a time, now. Every linked record must exist; a
// missing one fails with a *FieldError naming it ("records[1]") and
// nothing is stored. A record merged into another one (Merge) is linked
// through its survivor: the item stored names the survivor instead. Change log entries (KindChange) are written by the
// Book alone and are refused here. h itself is not changed.
func (s History) Create(ctx context.Context, h *HistoryItem) (*HistoryItem, error) {
	b := s.b
	h = h.Clone()
	if h.Kind == KindChange {
		return nil, fieldErr("kind", "change log entries are written by the book, not added")
	}
	if h.ID == uuid.Nil {
		id, err := b.newID()
		if err != nil {
			return nil, fmt.Errorf("leads: new ID: %w", err)
		}
		h.ID = id
	}
	now := b.clock.Now().UTC()
	actor := Actor(ctx)
	h.CreatedAt, h.CreatedBy = now, actor
	h.UpdatedAt, h.UpdatedBy = now, actor
	h.Version = 0
	normalizeHistory(h, now)
	if err := h.Validate(); err != nil {
		return nil, err
	}
	err := b.store.Atomic(ctx, func(tx Tx) error {
		records, err := checkLinks(ctx, tx, h.Records, nil)
		if err != nil {
			return err
		}
		h.Records = records
		return tx.History().Create(ctx, h)
	})
	if err != nil {
		return nil, err
	}
	return h, nil
}

// Get returns the history item with the given ID, or an error
// matching ErrNotFound.
func (s History) Get(ctx context.Context, id uuid.UUID) (*HistoryItem, error) {
	return s.b.store.History().Get(ctx, id)
}

// Edit changes a history item through fn, which receives a copy of
// the stored item; an error from fn writes nothing. The result is
// validated as Create validates, and records newly linked must exist.
// ID and creation stamps cannot be changed. Change log entries cannot be
// edited, and no item can become one.
func (s History) Edit(ctx context.Context, id uuid.UUID, fn func(*HistoryItem) error) (*HistoryItem, error) {
	b := s.b
	var out *HistoryItem
	err := b.store.Atomic(ctx, func(tx Tx) error {
		var err error
		out, err = tx.History().Update(ctx, id, func(h *HistoryItem) error {
			old := h.Clone()
			if old.Kind == KindChange {
				return fieldErr("kind", "change log entries cannot be edited")
			}
			if err := fn(h); err != nil {
				return err
			}
			if h.Kind == KindChange {
				return fieldErr("kind", "change log entries are written by the book, not added")
			}
			now := b.clock.Now().UTC()
			h.ID, h.CreatedAt, h.CreatedBy = old.ID, old.CreatedAt, old.CreatedBy
			h.UpdatedAt, h.UpdatedBy = now, Actor(ctx)
			normalizeHistory(h, old.At)
			if err := h.Validate(); err != nil {
				return err
			}
			records, err := checkLinks(ctx, tx, h.Records, old.Records)
			h.Records = records
			return err
		})
		return err
	})
	if err != nil {
		return nil, err
	}
	return out, nil
}

// Delete deletes a history item. Change log entries cannot be
// deleted on their own: they go when their record is deleted.
func (s History) Delete(ctx context.Context, id uuid.UUID) error {
	return s.b.store.Atomic(ctx, func(tx Tx) error {
		h, err := tx.History().Get(ctx, id)
		if err != nil {
			return err
		}
		if h.Kind == KindChange {
			return fieldErr("kind", "change log entries cannot be deleted")
		}
		return tx.History().Delete(ctx, id)
	})
}

// List streams the history of a record, newest first: the items linked
// to it that f selects, change log entries included (filter by kind to
// leave them out). An unknown record yields ErrNotFound, an invalid filter
// a *FieldError. The ID of a record merged into another one gives the
// survivor's history, as Book.Get gives the survivor.
func (s History) List(ctx context.Context, record uuid.UUID, f HistoryFilter) iter.Seq2[*HistoryItem, error] {
	if err := f.Validate(); err != nil {
		return failed[*HistoryItem](err)
	}
	return func(yield func(*HistoryItem, error) bool) {
		l, err := leadOrSurvivor(ctx, s.b.store, record)
		if err != nil {
			yield(nil, err)
			return
		}
		for h, err := range s.b.store.History().ByRecord(ctx, l.ID, f) {
			if !yield(h, err) || err != nil {
				return
			}
		}
	}
}

// Changes streams the change log of a record, newest first: who changed
// which fields from what to what, and when. It is List with
// HistoryFilter{Kinds: []HistoryKind{KindChange}}.
func (s History) Changes(ctx context.Context, record uuid.UUID) iter.Seq2[*HistoryItem, error] {
	return s.List(ctx, record, HistoryFilter{Kinds: []HistoryKind{KindChange}})
}

// normalizeHistory trims the texts and derives At: the kind's own time
// when it has one, else the At the item carries, else def.
func normalizeHistory(h *HistoryItem, def time.Time) {
	h.Subject = strings.TrimSpace(h.Subject)
	h.Number = strings.TrimSpace(h.Number)
	h.Location = strings.TrimSpace(h.Location)
	h.From = strings.TrimSpace(h.From)
	h.To = strings.TrimSpace(h.To)
	h.MessageID = strings.TrimSpace(h.MessageID)
	for _, t := range []*time.Time{&h.Start, &h.End, &h.Due, &h.Date, &h.At} {
		if !t.IsZero() {
			*t = t.UTC()
		}
	}
	switch w := h.When(); {
	case !w.IsZero():
		h.At = w
	case h.At.IsZero():
		h.At = def
	}
}

// checkLinks checks that the records an item links to exist, except those
// in known, which it was linked to before, and locks them (lockLead) so
// that none is deleted before the item is written. It returns the records
// to link: a record merged into another one is replaced by the survivor
// (lockLinked), and a record named twice that way is kept once.
func checkLinks(ctx context.Context, tx Tx, records, known []uuid.UUID) ([]uuid.UUID, error) {
	// Lock in ID order, as Delete and Merge lock theirs, so that two
	// writes locking the same records cannot wait for each other.
	order := make([]int, len(records))
	for i := range order {
		order[i] = i
	}
	slices.SortFunc(order, func(a, b int) int { return bytes.Compare(records[a][:], records[b][:]) })
	errs := make([]error, len(records))
	out := slices.Clone(records)
	followed := false
	for _, i := range order {
		id := records[i]
		if containsID(known, id) {
			continue
		}
		to, err := lockLinked(ctx, tx, id)
		switch {
		case errors.Is(err, ErrNotFound):
			errs[i] = fieldErr("records["+strconv.Itoa(i)+"]", "no record has ID %s", id)
		case err != nil:
			return nil, err
		case to != id:
			out[i], followed = to, true
		}
	}
	if err := joinErrs(slices.DeleteFunc(errs, func(e error) bool { return e == nil })); err != nil {
		return nil, err
	}
	if followed {
		var once []uuid.UUID
		for _, id := range out {
			if !containsID(once, id) {
				once = append(once, id)
			}
		}
		out = once
	}
	return out, nil
}

func containsID(ids []uuid.UUID, id uuid.UUID) bool {
	for _, x := range ids {
		if x == id {
			return true
		}
	}
	return false
}

// changeEntry returns the change log entry of an update from old to cur,
// or nil when the update changed no field.
func (b *Book) changeEntry(ctx context.Context, old, cur *Lead, at time.Time) (*HistoryItem, error) {
	changes := Diff(old, cur)
	if len(changes) == 0 {
		return nil, nil
	}
	id, err := b.newID()
	if err != nil {
		return nil, fmt.Errorf("leads: new ID: %w", err)
	}
	names := make([]string, len(changes))
	for i, c := range changes {
		names[i] = c.Field
	}
	actor := Actor(ctx)
	return &HistoryItem{
		ID: id, Kind: KindChange, Subject: "Changed " + strings.Join(names, ", "), At: at,
		Records: []uuid.UUID{cur.ID}, Changes: changes,
		CreatedAt: at, CreatedBy: actor, UpdatedAt: at, UpdatedBy: actor,
	}, nil
}

// updateLogged updates a record through fn and adds the history items fn
// returns, in one write: through the store's LoggedUpdater when its lead
// repository has one, else in Atomic. fn receives where to read other
// records from: the transaction of Atomic, or the store. A store whose
// writes hold a connection (PostgreSQL) must be read through the
// transaction: reading through the store would wait for a second
// connection while holding the first, and concurrent edits could take
// every connection and wait for ever.
//
// inTx tells fn that tx is the transaction of the write, so that what fn
// locks through it stays locked until the write commits; otherwise tx is
// the store (a LoggedUpdater's write).
func (b *Book) updateLogged(ctx context.Context, id uuid.UUID, fn func(tx Tx, inTx bool, cur *Lead) ([]*HistoryItem, error)) (*Lead, error) {
	if u, ok := b.store.Leads().(LoggedUpdater); ok {
		return u.UpdateLogged(ctx, id, func(cur *Lead) ([]*HistoryItem, error) { return fn(b.store, false, cur) })
	}
	return b.updateAtomic(ctx, id, fn)
}

// updateAtomic does what updateLogged does, always inside Store.Atomic.
func (b *Book) updateAtomic(ctx context.Context, id uuid.UUID, fn func(tx Tx, inTx bool, cur *Lead) ([]*HistoryItem, error)) (*Lead, error) {
	var out *Lead
	err := b.store.Atomic(ctx, func(tx Tx) error {
		var err error
		out, err = updateLoggedIn(ctx, tx, id, func(cur *Lead) ([]*HistoryItem, error) { return fn(tx, true, cur) })
		return err
	})
	if err != nil {
		return nil, err
	}
	return out, nil
}

// updateLoggedIn does what updateLogged does, inside tx.
func updateLoggedIn(ctx context.Context, tx Tx, id uuid.UUID, fn func(*Lead) ([]*HistoryItem, error)) (*Lead, error) {
	var items []*HistoryItem
	l, err := tx.Leads().Update(ctx, id, func(cur *Lead) error {
		var err error
		items, err = fn(cur)
		return err
	})
	if err != nil {
		return nil, err
	}
	for _, h := range items {
		if err := tx.History().Create(ctx, h); err != nil {
			return nil, err
		}
	}
	return l, nil
}

// updateIn updates a record inside tx through fn and logs the change.
func (b *Book) updateIn(ctx context.Context, tx Tx, id uuid.UUID, fn func(*Lead) error) (*Lead, error) {
	at := b.clock.Now().UTC()
	return updateLoggedIn(ctx, tx, id, func(cur *Lead) ([]*HistoryItem, error) {
		old := cur.Clone()
		if err := fn(cur); err != nil {
			return nil, err
		}
		h, err := b.changeEntry(ctx, old, cur, at)
		if h == nil || err != nil {
			return nil, err
		}
		return []*HistoryItem{h}, nil
	})
}

// unlinkHistory deletes, inside tx, the history items linked only to the
// given records, and unlinks those records from the others.
func unlinkHistory(ctx context.Context, tx Tx, ids []uuid.UUID) error {
	seen := map[uuid.UUID]bool{}
	var items []*HistoryItem
	for _, id := range ids {
		for h, err := range tx.History().ByRecord(ctx, id, HistoryFilter{}) {
			if err != nil {
				return err
			}
			if !seen[h.ID] {
				seen[h.ID] = true
				items = append(items, h)
			}
		}
	}
	for _, h := range items {
		var keep []uuid.UUID
		for _, r := range h.Records {
			if !containsID(ids, r) {
				keep = append(keep, r)
			}
		}
		if len(keep) == 0 {
			if err := tx.History().Delete(ctx, h.ID); err != nil {
				return err
			}
			continue
		}
		if _, err := tx.History().Update(ctx, h.ID, func(cur *HistoryItem) error {
			cur.Records = keep
			return nil
		}); err != nil {
			return err
		}
	}
	return nil
}
