package index

import (
	"context"

	"github.com/google/uuid"
	"github.com/leadkit/leads"
)

// A transaction's lead repository is a leads.BulkCreator and a
// leads.BulkAdopter: an import of a million rows writes them in one pass,
// with the transaction's map of changes sized once for all of them instead
// of growing a million times, and (AdoptMany) without copying them.

var (
	_ leads.BulkCreator = leadTx{}
	_ leads.BulkAdopter = leadTx{}
)

// CreateMany implements leads.BulkCreator: it stores copies of ls.
func (t leadTx) CreateMany(ctx context.Context, ls []*leads.Lead) error {
	return t.createMany(ctx, ls, true)
}

// AdoptMany implements leads.BulkAdopter: it stores the leads of ls
// themselves, which the caller must not change afterwards.
func (t leadTx) AdoptMany(ctx context.Context, ls []*leads.Lead) error {
	return t.createMany(ctx, ls, false)
}

// createMany checks every lead of ls first (an ID, not taken, not repeated)
// and then writes them all, so that an error leaves the transaction as it
// was. With copy false the transaction keeps the leads themselves.
func (t leadTx) createMany(ctx context.Context, ls []*leads.Lead, copy bool) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	for i, l := range ls {
		if i%4096 == 4095 {
			if err := ctx.Err(); err != nil {
				return err
			}
		}
		if l.ID == uuid.Nil {
			return &leads.FieldError{Field: "id", Reason: "is missing"}
		}
		if _, ok := t.x.Lead(l.ID, t.c); ok {
			return &leads.ConflictError{Kind: "lead", ID: l.ID.String(), Reason: "already exists"}
		}
	}
	if len(t.c.Leads) < len(ls) {
		// Size the map of changes once: growing it row by row rehashes
		// every entry again and again.
		grown := make(map[uuid.UUID]*leads.Lead, len(t.c.Leads)+len(ls))
		for id, l := range t.c.Leads {
			grown[id] = l
		}
		t.c.Leads = grown
	}
	// A repeated ID is found while writing; the leads written so far are
	// taken out again. An ID deleted earlier in the transaction (a nil
	// entry) may be created anew, and its deletion is restored on failure.
	var deleted []uuid.UUID
	for i, l := range ls {
		if prev, ok := t.c.Leads[l.ID]; ok {
			if prev != nil {
				t.undoCreate(ls[:i], deleted)
				return &leads.ConflictError{Kind: "lead", ID: l.ID.String(), Reason: "repeated in the batch"}
			}
			deleted = append(deleted, l.ID)
		}
		c := l
		if copy {
			c = l.Clone()
			c.Version = 1
		}
		t.c.Leads[l.ID] = c
	}
	// Only now, when nothing can fail: an adopted lead is the stored one.
	for _, l := range ls {
		l.Version = 1
	}
	return nil
}

// undoCreate takes the leads written by a failed createMany out of the
// transaction's changes, putting back the deletions they replaced.
func (t leadTx) undoCreate(written []*leads.Lead, deleted []uuid.UUID) {
	for _, l := range written {
		delete(t.c.Leads, l.ID)
	}
	for _, id := range deleted {
		t.c.Leads[id] = nil
	}
}
