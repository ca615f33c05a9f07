package storagetest

import (
	"errors"
	"testing"
	"time"

	"github.com/google/uuid"
	"github.com/leadkit/leads"
)

func testAccounts(t *testing.T, s leads.Store) {
	now := time.Date(2026, 3, 1, 12, 0, 0, 0, time.UTC)
	b := &leads.Account{ID: uuid.Must(uuid.NewV7()), Name: "Beta Corp", CreatedAt: now, UpdatedAt: now,
		Phones:    []leads.Phone{{Label: leads.PhoneBusiness, Number: "+41 44 000 00 00"}},
		WebPages:  []string{"https://beta.example"},
		Addresses: []leads.Address{{Label: leads.AddressBusiness, City: "Zürich", Mailing: true}}}
	a := &leads.Account{ID: uuid.Must(uuid.NewV7()), Name: "Alpha AG", CreatedAt: now, UpdatedAt: now}
	mustNoError(t, s.Accounts().Create(ctx, b))
	mustNoError(t, s.Accounts().Create(ctx, a))
	mustEqualValues(t, 1, b.Version)
	mustErrorIs(t, s.Accounts().Create(ctx, a), leads.ErrConflict)

	got, err := s.Accounts().Get(ctx, b.ID)
	mustNoError(t, err)
	mustEqual(t, canonAccount(b), canonAccount(got))
	got.Phones[0].Number = "changed"

	upd, err := s.Accounts().Update(ctx, b.ID, func(x *leads.Account) error { x.Name = "Beta AG"; return nil })
	mustNoError(t, err)
	mustEqualValues(t, 2, upd.Version)
	_, err = s.Accounts().Update(ctx, b.ID, func(x *leads.Account) error { x.Version = 1; return nil })
	mustErrorIs(t, err, leads.ErrConflict)

	var names []string
	for acc, err := range s.Accounts().List(ctx) {
		mustNoError(t, err)
		names = append(names, acc.Name)
	}
	mustEqual(t, []string{"Alpha AG", "Beta AG"}, names)
	got, err = s.Accounts().Get(ctx, b.ID)
	mustNoError(t, err)
	mustEqual(t, "+41 44 000 00 00", got.Phones[0].Number)

	mustNoError(t, s.Accounts().Delete(ctx, a.ID))
	_, err = s.Accounts().Get(ctx, a.ID)
	mustErrorIs(t, err, leads.ErrNotFound)
	mustErrorIs(t, s.Accounts().Delete(ctx, a.ID), leads.ErrNotFound)
}

func listCriteria(t *testing.T, tx leads.Tx) []leads.Criterion {
	t.Helper()
	var out []leads.Criterion
	for c, err := range tx.Criteria().List(ctx) {
		mustNoError(t, err)
		out = append(out, *c)
	}
	return out
}

// testCriteria checks that a new store holds the default criteria, and the
// life cycle of a criterion.
func testCriteria(t *testing.T, s leads.Store) {
	want := leads.DefaultCriteria()
	for i := range want {
		want[i].Version = 1
	}
	mustEqual(t, want, listCriteria(t, s), "a new store starts with the default criteria")

	added := &leads.Criterion{ID: uuid.Must(uuid.NewV7()), Name: "Visited the booth", Weight: leads.WeightLow}
	mustNoError(t, s.Criteria().Create(ctx, added))
	mustEqualValues(t, 1, added.Version)
	mustErrorIs(t, s.Criteria().Create(ctx, added), leads.ErrConflict)
	got := listCriteria(t, s)
	mustLen(t, got, len(want)+1)
	mustEqual(t, *added, got[len(got)-1], "criteria list in the order they were added")

	upd, err := s.Criteria().Update(ctx, added.ID, func(c *leads.Criterion) error {
		c.Weight = leads.WeightHigh
		return nil
	})
	mustNoError(t, err)
	mustEqual(t, leads.WeightHigh, upd.Weight)
	mustEqualValues(t, 2, upd.Version)
	_, err = s.Criteria().Update(ctx, added.ID, func(c *leads.Criterion) error { c.Version = 1; return nil })
	mustErrorIs(t, err, leads.ErrConflict)
	upd.Name = "scribble" // a copy
	c, err := s.Criteria().Get(ctx, added.ID)
	mustNoError(t, err)
	mustEqual(t, "Visited the booth", c.Name)

	err = s.Atomic(ctx, func(tx leads.Tx) error {
		mustNoError(t, tx.Criteria().Delete(ctx, added.ID))
		mustNoError(t, tx.Criteria().Delete(ctx, want[0].ID))
		mustLen(t, listCriteria(t, tx), len(want)-1, "reads in the transaction see its deletes")
		return errors.New("roll back")
	})
	mustError(t, err)
	mustLen(t, listCriteria(t, s), len(want)+1, "a rolled back delete deletes nothing")

	mustNoError(t, s.Criteria().Delete(ctx, added.ID))
	_, err = s.Criteria().Get(ctx, added.ID)
	mustErrorIs(t, err, leads.ErrNotFound)
	mustErrorIs(t, s.Criteria().Delete(ctx, added.ID), leads.ErrNotFound)
	mustEqual(t, want, listCriteria(t, s))
}

func listUsers(t *testing.T, tx leads.Tx) []leads.User {
	t.Helper()
	var out []leads.User
	for u, err := range tx.Users().List(ctx) {
		mustNoError(t, err)
		out = append(out, *u)
	}
	return out
}

// testUsers checks the life cycle of a user in the repository: create,
// order, copies, update, versions, delete, and rollback.
func testUsers(t *testing.T, s leads.Store) {
	mustEmpty(t, listUsers(t, s), "a new store has no users")
	bob := &leads.User{ID: uuid.Must(uuid.NewV7()), Name: "bob", Email: "bob@example.com", Active: true}
	ada := &leads.User{ID: uuid.Must(uuid.NewV7()), Name: "Ada", Active: true, LastTurn: 3}
	carol := &leads.User{ID: uuid.Must(uuid.NewV7()), Name: "Carol"}
	for _, u := range []*leads.User{bob, ada, carol} {
		mustNoError(t, s.Users().Create(ctx, u))
		mustEqualValues(t, 1, u.Version)
	}
	mustErrorIs(t, s.Users().Create(ctx, bob), leads.ErrConflict)
	mustEqual(t, []leads.User{*ada, *bob, *carol}, listUsers(t, s), "ordered by name ignoring case")

	got, err := s.Users().Get(ctx, bob.ID)
	mustNoError(t, err)
	mustEqual(t, bob, got)
	got.Name = "scribble" // a copy
	upd, err := s.Users().Update(ctx, bob.ID, func(u *leads.User) error {
		u.Email, u.Active, u.LastTurn = "", false, 9
		return nil
	})
	mustNoError(t, err)
	mustEqualValues(t, 2, upd.Version)
	got, err = s.Users().Get(ctx, bob.ID)
	mustNoError(t, err)
	mustEqual(t, leads.User{ID: bob.ID, Name: "bob", LastTurn: 9, Version: 2}, *got)
	_, err = s.Users().Update(ctx, bob.ID, func(u *leads.User) error { u.Version = 1; return nil })
	mustErrorIs(t, err, leads.ErrConflict)

	err = s.Atomic(ctx, func(tx leads.Tx) error {
		mustNoError(t, tx.Users().Delete(ctx, ada.ID))
		mustNoError(t, tx.Users().Create(ctx, &leads.User{ID: uuid.Must(uuid.NewV7()), Name: "Dan"}))
		mustLen(t, listUsers(t, tx), 3, "reads in the transaction see its writes")
		return errors.New("roll back")
	})
	mustError(t, err)
	mustLen(t, listUsers(t, s), 3)

	mustNoError(t, s.Users().Delete(ctx, ada.ID))
	_, err = s.Users().Get(ctx, ada.ID)
	mustErrorIs(t, err, leads.ErrNotFound)
	mustErrorIs(t, s.Users().Delete(ctx, ada.ID), leads.ErrNotFound)
	mustLen(t, listUsers(t, s), 2)
}

// testBatchUpdate checks the contract of leads.LeadBatchUpdater for a
// store whose transactions offer it.
func testBatchUpdate(t *testing.T, s leads.Store) {
	for i := range 4 {
		create(t, s, Sample(i))
	}
	missing := uuid.Must(uuid.NewV7())
	ids := []uuid.UUID{Sample(0).ID, missing, Sample(1).ID, Sample(2).ID}
	offered := false
	err := s.Atomic(ctx, func(tx leads.Tx) error {
		u, ok := tx.Leads().(leads.LeadBatchUpdater)
		if !ok {
			return nil
		}
		offered = true
		var seen []uuid.UUID
		err := u.UpdateEach(ctx, ids, func(l *leads.Lead) (bool, error) {
			seen = append(seen, l.ID)
			l.JobTitle = "batch"
			return l.ID != Sample(2).ID, nil // the third is left alone
		})
		mustErrorIs(t, err, leads.ErrNotFound)
		mustErrorContains(t, err, missing.String())
		mustEqual(t, []uuid.UUID{Sample(0).ID, Sample(1).ID, Sample(2).ID}, seen, "in order, unknown IDs skipped")
		got, err := tx.Leads().Get(ctx, Sample(0).ID)
		mustNoError(t, err)
		mustEqual(t, "batch", got.JobTitle, "reads in the transaction see the writes")
		mustEqualValues(t, 2, got.Version)
		got, err = tx.Leads().Get(ctx, Sample(2).ID)
		mustNoError(t, err)
		mustEqualValues(t, 1, got.Version, "fn returned false: not written")

		stop := errors.New("stop")
		err = u.UpdateEach(ctx, []uuid.UUID{Sample(3).ID}, func(*leads.Lead) (bool, error) { return true, stop })
		mustErrorIs(t, err, stop)
		err = u.UpdateEach(ctx, []uuid.UUID{Sample(3).ID}, func(l *leads.Lead) (bool, error) { l.Version = 7; return true, nil })
		mustErrorIs(t, err, leads.ErrConflict, "a changed version is refused")
		return errors.New("roll back")
	})
	if !offered {
		t.Skip("the store's transactions do not offer leads.LeadBatchUpdater")
	}
	mustError(t, err)
	for i := range 4 {
		got, err := s.Leads().Get(ctx, Sample(i).ID)
		mustNoError(t, err)
		mustEqualValues(t, 1, got.Version, "rolled back")
	}
}
