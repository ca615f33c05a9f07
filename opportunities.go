package leads

import (
	"context"
	"errors"
	"fmt"
	"iter"
	"strings"

	"github.com/google/uuid"
)

// Opportunities are the sales opportunities of a Book, each belonging to
// one lead or contact (Opportunity.RecordID). Get them from
// Book.Opportunities.
type Opportunities struct{ b *Book }

// Opportunities returns the opportunities of the Book.
func (b *Book) Opportunities() Opportunities { return Opportunities{b} }

// Create validates o and stores it as a new opportunity of the
// lead or contact o.RecordID, which must exist; a record merged into
// another one (Merge) gives the opportunity to the survivor, whose ID the
// stored opportunity's RecordID then holds. A new opportunity without
// a stage is at StageProspecting. Bad input (a negative quantity, a
// discount outside 0 to 100 %, a unit price more precise than the currency
// allows, ...) gives one error naming every field ("lines[2].unit_price"),
// and nothing is stored. o itself is not changed.
func (s Opportunities) Create(ctx context.Context, o *Opportunity) (*Opportunity, error) {
	b := s.b
	out := o.Clone()
	if err := b.prepareOpportunity(out); err != nil {
		return nil, err
	}
	err := b.store.Atomic(ctx, func(tx Tx) error { return createOpportunityIn(ctx, tx, out) })
	if err != nil {
		return nil, err
	}
	return out, nil
}

// prepareOpportunity gives a new opportunity its ID, stamps and defaults,
// puts its fields in canonical form and validates it.
func (b *Book) prepareOpportunity(o *Opportunity) error {
	if o.ID == uuid.Nil {
		id, err := b.newID()
		if err != nil {
			return fmt.Errorf("leads: new ID: %w", err)
		}
		o.ID = id
	}
	if o.Stage == "" {
		o.Stage = StageProspecting
	}
	now := b.clock.Now().UTC()
	o.CreatedAt, o.UpdatedAt, o.Version = now, now, 0
	normalizeOpportunity(o)
	return o.Validate()
}

// createOpportunityIn stores o in tx once its record is known to exist,
// and locked (lockLead), so that a concurrent Delete cannot leave o
// without its record.
//
// A record merged into another one (Merge) is followed: o goes to the
// survivor, and o.RecordID names it.
func createOpportunityIn(ctx context.Context, tx Tx, o *Opportunity) error {
	to, err := lockLinked(ctx, tx, o.RecordID)
	if err != nil {
		if errors.Is(err, ErrNotFound) {
			return fieldErr("record_id", "no lead or contact has ID %s", o.RecordID)
		}
		return err
	}
	o.RecordID = to
	return tx.Opportunities().Create(ctx, o)
}

func normalizeOpportunity(o *Opportunity) {
	o.Title = strings.TrimSpace(o.Title)
	o.Currency = strings.ToUpper(strings.TrimSpace(o.Currency))
	if st, err := ParseStage(string(o.Stage)); err == nil {
		o.Stage = st
	}
	o.CloseDate = toDate(o.CloseDate)
	for i := range o.Lines {
		o.Lines[i].Product = strings.TrimSpace(o.Lines[i].Product)
	}
}

// Get returns the opportunity with the given ID, or an error matching
// ErrNotFound.
func (s Opportunities) Get(ctx context.Context, id uuid.UUID) (*Opportunity, error) {
	return s.b.store.Opportunities().Get(ctx, id)
}

// List streams the opportunities of one lead or contact, or of every
// record when record is uuid.Nil, in the order they were added.
func (s Opportunities) List(ctx context.Context, record uuid.UUID) iter.Seq2[*Opportunity, error] {
	return s.b.store.Opportunities().List(ctx, record)
}

func opportunitiesIn(ctx context.Context, tx Tx, record uuid.UUID) ([]Opportunity, error) {
	var out []Opportunity
	for o, err := range tx.Opportunities().List(ctx, record) {
		if err != nil {
			return nil, err
		}
		out = append(out, *o)
	}
	return out, nil
}

// Edit changes an opportunity through fn, then validates it as Create
// does; an error writes nothing. The ID and creation time cannot change;
// a new RecordID must name an existing record (or a record merged into
// one, which gives the survivor, as Create does).
func (s Opportunities) Edit(ctx context.Context, id uuid.UUID, fn func(*Opportunity) error) (*Opportunity, error) {
	b := s.b
	var out *Opportunity
	err := b.store.Atomic(ctx, func(tx Tx) error {
		var old *Opportunity
		var err error
		out, err = tx.Opportunities().Update(ctx, id, func(o *Opportunity) error {
			old = o.Clone()
			if err := fn(o); err != nil {
				return err
			}
			o.ID, o.CreatedAt = old.ID, old.CreatedAt
			o.UpdatedAt = b.clock.Now().UTC()
			normalizeOpportunity(o)
			return o.Validate()
		})
		if err != nil {
			return err
		}
		if out.RecordID != old.RecordID {
			to, err := lockLinked(ctx, tx, out.RecordID)
			if errors.Is(err, ErrNotFound) {
				return fieldErr("record_id", "no lead or contact has ID %s", out.RecordID)
			} else if err != nil {
				return err
			}
			if to != out.RecordID {
				// A merged record: move it to the survivor.
				out, err = tx.Opportunities().Update(ctx, id, func(o *Opportunity) error {
					o.RecordID = to
					return nil
				})
				return err
			}
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	return out, nil
}

// Delete deletes an opportunity, or returns ErrNotFound.
func (s Opportunities) Delete(ctx context.Context, id uuid.UUID) error {
	return s.b.store.Opportunities().Delete(ctx, id)
}

// deleteOpportunitiesOf deletes, in tx, the opportunities of records that
// are being deleted: an opportunity without its lead would be an orphan.
// It reads the opportunities once, however many records go.
func deleteOpportunitiesOf(ctx context.Context, tx Tx, records []uuid.UUID) error {
	gone := make(map[uuid.UUID]bool, len(records))
	for _, id := range records {
		gone[id] = true
	}
	opps, err := opportunitiesIn(ctx, tx, uuid.Nil)
	if err != nil {
		return err
	}
	for _, o := range opps {
		if !gone[o.RecordID] {
			continue
		}
		if err := tx.Opportunities().Delete(ctx, o.ID); err != nil {
			return err
		}
	}
	return nil
}
