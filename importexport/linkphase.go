package importexport

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"slices"

	"github.com/google/uuid"
	"github.com/leadkit/leads"
)

// The link phase of an import: once every row is read, the links between
// records (a lead's account, initiator and checked criteria) are followed
// to where the rows went and checked, and the report lists the records
// to create.

// link follows and checks the references of the records plan creates,
// against the store and cat, rejects into rep the rows whose references
// lead nowhere, and lists in rep the records created and those that may
// be duplicates.
func (im *Importer) link(ctx context.Context, plan *writePlan, cat catalog, rep *Report) error {
	plan.followMerged()
	if err := im.checkReferences(ctx, plan, cat, rep); err != nil {
		return err
	}
	// References are checked after every row is read: their rejections
	// go in file order among the others.
	slices.SortStableFunc(rep.Rejected, func(a, b *leads.RowError) int { return cmp.Compare(a.Row, b.Row) })
	plan.reportCreated(rep)
	return nil
}

// followMerged relinks a record whose initiator is another row of the
// file to the record that row became: itself, or the stored record it was
// merged into or skipped for.
func (p *writePlan) followMerged() {
	for _, c := range p.creates {
		if to, ok := p.stored[c.lead.InitiatedBy]; ok && c.lead.InitiatedBy != uuid.Nil {
			c.lead.InitiatedBy = to
		}
	}
}

// reportCreated lists in rep the records p creates, and among them those
// that may duplicate a record.
func (p *writePlan) reportCreated(rep *Report) {
	possibles := p.possibles
	rep.Created = slices.Grow(rep.Created, len(p.creates))
	for _, c := range p.creates {
		o := Outcome{Row: c.row, Action: Created, ID: c.lead.ID, Name: c.lead.FullName}
		rep.Created = append(rep.Created, o)
		// Both in file order; a possible row rejected since (a missing
		// reference) is passed over.
		for len(possibles) > 0 && possibles[0].row < c.row {
			possibles = possibles[1:]
		}
		if len(possibles) > 0 && possibles[0].row == c.row {
			o.Match, o.Like = possibles[0].like.By, possibles[0].like.ID
			rep.Possible = append(rep.Possible, o)
		}
	}
}

// checkReferences rejects into rep the records plan creates whose linked
// account, initiator or checked criteria exist neither in the store nor
// in the file, and leaves them out of the plan.
func (im *Importer) checkReferences(ctx context.Context, plan *writePlan, cat catalog, rep *Report) error {
	refs := newReferences(im.Book.Store(), plan, cat)
	kept := plan.creates[:0]
	for _, p := range plan.creates {
		errs, err := refs.check(ctx, p)
		if err != nil {
			return err
		}
		if len(errs) > 0 {
			rep.Rejected = append(rep.Rejected, errs...)
			continue
		}
		kept = append(kept, p)
	}
	plan.creates = kept
	return nil
}

// references tells whether the records that imported leads refer to
// exist: in the file, or in the store (asked once per ID).
type references struct {
	store leads.Store
	known map[uuid.UUID]bool // found in the store, or in the file's catalog
	rows  map[uuid.UUID]int  // the records to create, by ID
}

// newReferences returns the references of the records plan creates,
// knowing those of cat.
func newReferences(store leads.Store, plan *writePlan, cat catalog) *references {
	rows := plan.created
	if rows == nil && slices.ContainsFunc(plan.creates, func(p pending) bool { return p.lead.InitiatedBy != uuid.Nil }) {
		rows = make(map[uuid.UUID]int, len(plan.creates))
		for i, p := range plan.creates {
			rows[p.lead.ID] = i
		}
	}
	known := map[uuid.UUID]bool{}
	for _, a := range cat.accounts {
		known[a.ID] = true
	}
	for _, c := range cat.criteria {
		known[c.ID] = true
	}
	return &references{store: store, known: known, rows: rows}
}

// check returns a row error for each reference of p's record that leads
// nowhere; the error returned is the store's.
func (r *references) check(ctx context.Context, p pending) ([]*leads.RowError, error) {
	l := p.lead
	var errs []*leads.RowError
	missing := func(column, what string, id uuid.UUID) {
		errs = append(errs, &leads.RowError{Row: p.row, Column: column, Err: fmt.Errorf("%w: no %s has ID %s", leads.ErrInvalid, what, id)})
	}
	if l.AccountID != uuid.Nil {
		ok, err := r.exists(l.AccountID, func() error { _, err := r.store.Accounts().Get(ctx, l.AccountID); return err })
		if err != nil {
			return nil, err
		}
		if !ok {
			missing("account_id", "account", l.AccountID)
		}
	}
	if l.InitiatedBy != uuid.Nil {
		_, inFile := r.rows[l.InitiatedBy]
		ok, err := r.exists(l.InitiatedBy, func() error { _, err := r.store.Leads().Get(ctx, l.InitiatedBy); return err })
		if err != nil {
			return nil, err
		}
		if !ok && !inFile || l.InitiatedBy == l.ID {
			missing("initiated_by", "record", l.InitiatedBy)
		}
	}
	for id := range l.Checks {
		ok, err := r.exists(id, func() error { _, err := r.store.Criteria().Get(ctx, id); return err })
		if err != nil {
			return nil, err
		}
		if !ok {
			missing("checks", "scoring criterion", id)
		}
	}
	return errs, nil
}

// exists reports whether the record with ID id is known, or found by get.
func (r *references) exists(id uuid.UUID, get func() error) (bool, error) {
	if r.known[id] {
		return true, nil
	}
	err := get()
	switch {
	case err == nil:
		r.known[id] = true
		return true, nil
	case errors.Is(err, leads.ErrNotFound):
		return false, nil
	}
	return false, err
}
