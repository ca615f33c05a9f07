package storagetest

import (
	"errors"
	"fmt"
	"slices"
	"testing"

	"github.com/google/uuid"
	"github.com/leadkit/leads"
)

// testLookupFollowsEveryWrite writes leads through every write path the
// store offers (Create, the bulk writes, Update, the batch and logged
// updates, Delete, a rolled-back transaction) and checks after each that
// Lookup finds every lead under each of its match keys and no lead under
// a key it lost: a path that forgets the index hides records from
// duplicate detection and merged IDs.
func testLookupFollowsEveryWrite(t *testing.T, s leads.Store) {
	n := 0
	newLead := func() *leads.Lead {
		n++
		return &leads.Lead{ID: uuid.Must(uuid.NewV7()), FullName: fmt.Sprintf("Person %d", n),
			Emails: []leads.Email{{Address: fmt.Sprintf("p%d@first.example", n)}}}
	}
	type state struct {
		live map[uuid.UUID]*leads.Lead
		gone map[uuid.UUID][]string // keys a lead lost
	}
	st := state{live: map[uuid.UUID]*leads.Lead{}, gone: map[uuid.UUID][]string{}}
	check := func(step string) {
		t.Helper()
		for id, l := range st.live {
			for _, k := range leads.MatchKeys(l) {
				mustContain(t, lookupIDs(t, s.Leads(), k, 0), id, "%s: key %q", step, k)
			}
		}
		for id, keys := range st.gone {
			for _, k := range keys {
				mustNotContain(t, lookupIDs(t, s.Leads(), k, 0), id, "%s: lost key %q", step, k)
			}
		}
	}
	stored := func(id uuid.UUID) {
		t.Helper()
		l, err := s.Leads().Get(ctx, id)
		mustNoError(t, err)
		if old, ok := st.live[id]; ok {
			for _, k := range leads.MatchKeys(old) {
				if !slices.Contains(leads.MatchKeys(l), k) {
					st.gone[id] = append(st.gone[id], k)
				}
			}
		}
		st.live[id] = l
	}
	move := func(l *leads.Lead) {
		l.Emails = []leads.Email{{Address: "moved-" + l.Emails[0].Address}}
	}

	// A first lookup, so that a store that builds its index lazily has
	// it before the writes.
	mustEmpty(t, lookupIDs(t, s.Leads(), leads.EmailMatchKey("nobody@first.example"), 0))

	// Create, one by one and in bulk.
	a := newLead()
	create(t, s, a)
	stored(a.ID)
	bulk := []*leads.Lead{newLead(), newLead()}
	mustNoError(t, leads.CreateMany(ctx, s, bulk))
	for _, l := range bulk {
		stored(l.ID)
	}
	mustNoError(t, s.Atomic(ctx, func(tx leads.Tx) error {
		for _, l := range [][]*leads.Lead{{newLead()}, {newLead()}} {
			if bc, ok := tx.Leads().(leads.BulkCreator); ok {
				if err := bc.CreateMany(ctx, l); err != nil {
					return err
				}
				bulk = append(bulk, l...)
			}
		}
		if ba, ok := tx.Leads().(leads.BulkAdopter); ok {
			l := newLead()
			if err := ba.AdoptMany(ctx, []*leads.Lead{l}); err != nil {
				return err
			}
			bulk = append(bulk, l)
		}
		return nil
	}))
	for _, l := range bulk {
		stored(l.ID)
	}
	check("create")

	// Update, outside and inside a transaction.
	_, err := s.Leads().Update(ctx, a.ID, func(l *leads.Lead) error { move(l); return nil })
	mustNoError(t, err)
	stored(a.ID)
	mustNoError(t, s.Atomic(ctx, func(tx leads.Tx) error {
		_, err := tx.Leads().Update(ctx, bulk[0].ID, func(l *leads.Lead) error { move(l); return nil })
		return err
	}))
	stored(bulk[0].ID)
	check("update")

	// The batch and logged updates, where offered.
	if u, ok := s.Leads().(leads.LeadBatchUpdater); ok {
		mustNoError(t, u.UpdateEach(ctx, []uuid.UUID{bulk[1].ID}, func(l *leads.Lead) (bool, error) { move(l); return true, nil }))
		stored(bulk[1].ID)
		check("UpdateEach")
	}
	if u, ok := s.Leads().(leads.LoggedUpdater); ok {
		_, err := u.UpdateLogged(ctx, bulk[2].ID, func(l *leads.Lead) ([]*leads.HistoryItem, error) { move(l); return nil, nil })
		mustNoError(t, err)
		stored(bulk[2].ID)
		check("UpdateLogged")
	}

	// A rolled-back transaction changes no key.
	errRollback := errors.New("roll back")
	err = s.Atomic(ctx, func(tx leads.Tx) error {
		if _, err := tx.Leads().Update(ctx, a.ID, func(l *leads.Lead) error { move(l); return nil }); err != nil {
			return err
		}
		if err := tx.Leads().Delete(ctx, bulk[0].ID); err != nil {
			return err
		}
		return errRollback
	})
	mustErrorIs(t, err, errRollback)
	check("rollback")

	// Delete, outside and inside a transaction.
	for i, id := range []uuid.UUID{a.ID, bulk[0].ID} {
		if i == 0 {
			mustNoError(t, s.Leads().Delete(ctx, id))
		} else {
			mustNoError(t, s.Atomic(ctx, func(tx leads.Tx) error { return tx.Leads().Delete(ctx, id) }))
		}
		st.gone[id] = append(st.gone[id], leads.MatchKeys(st.live[id])...)
		delete(st.live, id)
	}
	check("delete")
}
