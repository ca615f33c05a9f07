package importexport

import (
	"context"
	"errors"
	"fmt"
	"slices"

	"github.com/google/uuid"
	"github.com/leadkit/leads"
)

// The write phase of an import: the plan stored in one transaction, all
// of it or, on any error, nothing.

// write stores plan in one Store.Atomic: the catalog cat first, then the
// records to create, the merges into stored records and the history of
// src, when it has one, counting into rep what it wrote.
func (im *Importer) write(ctx context.Context, src Source, plan *writePlan, cat catalog, rep *Report) error {
	return im.Book.Store().Atomic(ctx, func(tx leads.Tx) error {
		if err := writeCatalog(ctx, tx, cat, rep); err != nil {
			return err
		}
		if err := createAll(ctx, tx, plan.creates); err != nil {
			return err
		}
		if err := im.updateAll(ctx, tx, plan); err != nil {
			return err
		}
		if hs, ok := src.(HistorySource); ok {
			n, err := importHistory(ctx, tx, hs.History(), plan.stored)
			rep.History = n
			return err
		}
		return nil
	})
}

// writeCatalog creates the accounts and criteria of cat that tx lacks,
// counting them in rep.
func writeCatalog(ctx context.Context, tx leads.Tx, cat catalog, rep *Report) error {
	rep.Accounts, rep.Criteria = 0, 0
	for i := range cat.accounts {
		a := cat.accounts[i]
		if _, err := tx.Accounts().Get(ctx, a.ID); err == nil {
			continue
		}
		if err := tx.Accounts().Create(ctx, &a); err != nil {
			return fmt.Errorf("importexport: account %s: %w", a.ID, err)
		}
		rep.Accounts++
	}
	for i := range cat.criteria {
		c := cat.criteria[i]
		if _, err := tx.Criteria().Get(ctx, c.ID); err == nil {
			continue
		}
		if err := tx.Criteria().Create(ctx, &c); err != nil {
			return fmt.Errorf("importexport: criterion %s: %w", c.ID, err)
		}
		rep.Criteria++
	}
	return nil
}

// updateAll merges the rows of plan into the stored records they
// duplicate, each record once with all its rows, in the order first met.
func (im *Importer) updateAll(ctx context.Context, tx leads.Tx, plan *writePlan) error {
	prep := leads.NewPreparer(im.Book)
	for _, id := range plan.updateOrder {
		ps := plan.updates[id]
		if _, err := prep.EditIn(ctx, tx, id, func(cur *leads.Lead) error {
			for _, p := range ps {
				if err := im.mergeInto(ctx, tx, cur, p.lead, p.exact); err != nil {
					return &leads.RowError{Row: p.row, Err: err}
				}
			}
			return nil
		}); err != nil {
			return err
		}
	}
	return nil
}

// createAll stores the new records of an import: in one bulk write where
// the store offers one (the memory and file stores keep the prepared leads
// themselves, PostgreSQL copies them with COPY), else one by one, so that
// a failure names its row. The import does not touch the leads afterwards.
func createAll(ctx context.Context, tx leads.Tx, creates []pending) error {
	adopter, adopts := tx.Leads().(leads.BulkAdopter)
	creator, bulk := tx.Leads().(leads.BulkCreator)
	if (adopts || bulk) && len(creates) > 1 {
		ls := make([]*leads.Lead, len(creates))
		for i, p := range creates {
			ls[i] = p.lead
		}
		var err error
		if adopts {
			err = adopter.AdoptMany(ctx, ls)
		} else {
			err = creator.CreateMany(ctx, ls)
		}
		return bulkRowError(err, creates)
	}
	for _, p := range creates {
		if err := tx.Leads().Create(ctx, p.lead); err != nil {
			return &leads.RowError{Row: p.row, Err: err}
		}
	}
	return nil
}

// bulkRowError names the row of a record that a bulk write refused (an ID
// taken meanwhile by another writer), as the one-by-one path does.
func bulkRowError(err error, creates []pending) error {
	var ce *leads.ConflictError
	if !errors.As(err, &ce) {
		return err
	}
	for _, p := range creates {
		if p.lead.ID.String() == ce.ID {
			return &leads.RowError{Row: p.row, Err: err}
		}
	}
	return err
}

// importHistory writes history items inside an import's transaction,
// relinked through stored (see Import) and returns how many it wrote. A
// link to a record neither imported nor in the store is dropped; an item
// left without links, or already in the store, is skipped.
func importHistory(ctx context.Context, tx leads.Tx, items []*leads.HistoryItem, stored map[uuid.UUID]uuid.UUID) (int, error) {
	n := 0
	for _, h := range items {
		if _, err := tx.History().Get(ctx, h.ID); err == nil {
			continue // imported before
		}
		h = h.Clone()
		var records []uuid.UUID
		for _, id := range h.Records {
			to, ok := stored[id]
			if !ok {
				if _, err := tx.Leads().Get(ctx, id); err != nil {
					continue
				}
				to = id
			}
			if !slices.Contains(records, to) {
				records = append(records, to)
			}
		}
		if len(records) == 0 {
			continue
		}
		h.Records = records
		if err := tx.History().Create(ctx, h); err != nil {
			return n, fmt.Errorf("importexport: history item %s: %w", h.ID, err)
		}
		n++
	}
	return n, nil
}

// mergeInto merges an imported row into cur, a stored record or one the
// import will create, and applies the rules of an edit.
func (im *Importer) mergeInto(ctx context.Context, tx leads.Tx, cur, row *leads.Lead, exact bool) error {
	old := cur.Clone()
	if exact {
		version := cur.Version
		*cur = *row.Clone()
		cur.Version = version
	} else {
		Merge(cur, row)
	}
	return leads.NewPreparer(im.Book).Revise(ctx, tx, cur, old)
}
