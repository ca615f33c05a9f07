package storagetest

import (
	"context"
	"testing"
	"time"

	"github.com/google/uuid"
	"github.com/leadkit/leads"
	"github.com/stretchr/testify/require"
)

// testMergeRacingEdit edits a record of a merge while the merge runs,
// after the merge has read it: the edit must either wait for the merge
// and then fail (the record is gone), or come first and be merged. A
// store whose merge reads a record without locking it deletes the edited
// record with the edit unmerged, which this test catches.
func testMergeRacingEdit(t *testing.T, s leads.Store) {
	b := leads.New(s)
	survivor, err := b.Create(ctx, &leads.Lead{FullName: "Ada Lovelace", Emails: []leads.Email{{Address: "ada@engines.example"}}})
	require.NoError(t, err)
	other, err := b.Create(ctx, &leads.Lead{FullName: "Ada King", Emails: []leads.Email{{Address: "ada@home.example"}}})
	require.NoError(t, err)

	const added = "ada@racing.example"
	editDone := make(chan error, 1)
	started := false
	hooked := &getHookStore{Store: s, onGet: func(id uuid.UUID) {
		if id != other.ID || started {
			return
		}
		started = true
		go func() {
			_, err := b.Edit(ctx, other.ID, func(l *leads.Lead) error {
				l.Emails = append(l.Emails, leads.Email{Address: added})
				return nil
			})
			editDone <- err
		}()
		// Give the edit the time to commit, unless the merge holds the
		// record, which makes it wait; either way the merge goes on.
		select {
		case err := <-editDone:
			editDone <- err
		case <-time.After(300 * time.Millisecond):
		}
	}}
	_, mergeErr := leads.New(hooked).Merge(ctx, survivor.ID, []uuid.UUID{other.ID}, leads.MergeOptions{})
	editErr := <-editDone
	require.True(t, started, "the merge read the other record")

	got, err := s.Leads().Get(ctx, survivor.ID)
	require.NoError(t, err)
	var emails []string
	for _, e := range got.Emails {
		emails = append(emails, e.Address)
	}
	switch {
	case mergeErr != nil:
		// A merge that noticed the edit and failed changed nothing.
		require.ErrorIs(t, mergeErr, leads.ErrConflict)
		o, err := s.Leads().Get(ctx, other.ID)
		require.NoError(t, err)
		require.Len(t, o.Emails, 2)
	case editErr == nil:
		require.Contains(t, emails, added, "an edit committed before the merge deleted the record is merged, not lost")
	default:
		require.ErrorIs(t, editErr, leads.ErrNotFound, "an edit that waited for the merge finds the record gone")
	}
}

// getHookStore calls onGet after every Get of a lead inside Atomic.
type getHookStore struct {
	leads.Store
	onGet func(uuid.UUID)
}

func (s *getHookStore) Atomic(c context.Context, fn func(tx leads.Tx) error) error {
	return s.Store.Atomic(c, func(tx leads.Tx) error { return fn(getHookTx{tx, s.onGet}) })
}

type getHookTx struct {
	leads.Tx
	onGet func(uuid.UUID)
}

func (t getHookTx) Leads() leads.LeadRepository { return getHookLeads{t.Tx.Leads(), t.onGet} }

type getHookLeads struct {
	leads.LeadRepository
	onGet func(uuid.UUID)
}

func (r getHookLeads) Get(c context.Context, id uuid.UUID) (*leads.Lead, error) {
	l, err := r.LeadRepository.Get(c, id)
	r.onGet(id)
	return l, err
}
