package storagetest

import (
	"context"
	"iter"
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

// getHookStore calls, inside Atomic, onGet after every Get of a lead and
// onByRecord after every ByRecord of history items (either may be nil).
type getHookStore struct {
	leads.Store
	onGet      func(uuid.UUID)
	onByRecord func(uuid.UUID)
}

func (s *getHookStore) Atomic(c context.Context, fn func(tx leads.Tx) error) error {
	return s.Store.Atomic(c, func(tx leads.Tx) error { return fn(getHookTx{tx, s}) })
}

type getHookTx struct {
	leads.Tx
	s *getHookStore
}

func (t getHookTx) Leads() leads.LeadRepository {
	if t.s.onGet == nil {
		return t.Tx.Leads()
	}
	return getHookLeads{t.Tx.Leads(), t.s.onGet}
}

func (t getHookTx) History() leads.HistoryRepository {
	if t.s.onByRecord == nil {
		return t.Tx.History()
	}
	return byRecordHook{t.Tx.History(), t.s.onByRecord}
}

type byRecordHook struct {
	leads.HistoryRepository
	after func(uuid.UUID)
}

func (r byRecordHook) ByRecord(c context.Context, record uuid.UUID, f leads.HistoryFilter) iter.Seq2[*leads.HistoryItem, error] {
	return func(yield func(*leads.HistoryItem, error) bool) {
		defer r.after(record)
		for h, err := range r.HistoryRepository.ByRecord(c, record, f) {
			if !yield(h, err) {
				return
			}
		}
	}
}

// testMergeRacingHistoryLink links a history item of a merged record to
// another record while the merge runs, after the merge has read the item:
// the merge must keep the new link when it relinks the item to the
// survivor.
func testMergeRacingHistoryLink(t *testing.T, s leads.Store) {
	b := leads.New(s)
	survivor, err := b.Create(ctx, &leads.Lead{FullName: "Ada Lovelace"})
	require.NoError(t, err)
	other, err := b.Create(ctx, &leads.Lead{FullName: "Ada King"})
	require.NoError(t, err)
	third, err := b.Create(ctx, &leads.Lead{FullName: "Charles Babbage"})
	require.NoError(t, err)
	note, err := b.AddHistory(ctx, &leads.HistoryItem{Kind: leads.KindNote, Subject: "fair", Records: []uuid.UUID{other.ID}})
	require.NoError(t, err)

	linkDone := make(chan error, 1)
	started := false
	hooked := &getHookStore{Store: s, onByRecord: func(id uuid.UUID) {
		if id != other.ID || started {
			return
		}
		started = true
		go func() {
			_, err := b.EditHistory(ctx, note.ID, func(h *leads.HistoryItem) error {
				h.Records = append(h.Records, third.ID)
				return nil
			})
			linkDone <- err
		}()
		select {
		case err := <-linkDone:
			linkDone <- err
		case <-time.After(300 * time.Millisecond):
		}
	}}
	_, mergeErr := leads.New(hooked).Merge(ctx, survivor.ID, []uuid.UUID{other.ID}, leads.MergeOptions{})
	linkErr := <-linkDone
	require.True(t, started, "the merge read the history of the other record")
	require.NoError(t, mergeErr)
	h, err := s.History().Get(ctx, note.ID)
	require.NoError(t, err)
	if linkErr == nil {
		require.ElementsMatch(t, []uuid.UUID{survivor.ID, third.ID}, h.Records, "the link added meanwhile is kept")
	} else {
		require.Equal(t, []uuid.UUID{survivor.ID}, h.Records)
	}
}

type getHookLeads struct {
	leads.LeadRepository
	onGet func(uuid.UUID)
}

func (r getHookLeads) Get(c context.Context, id uuid.UUID) (*leads.Lead, error) {
	l, err := r.LeadRepository.Get(c, id)
	r.onGet(id)
	return l, err
}
