package storagetest

import (
	"context"
	"iter"
	"testing"

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
	var race raceWrite
	hooked := &getHookStore{Store: s, onGet: func(id uuid.UUID) {
		if id != other.ID {
			return
		}
		race.start(func() error {
			_, err := b.Edit(ctx, other.ID, func(l *leads.Lead) error {
				l.Emails = append(l.Emails, leads.Email{Address: added})
				return nil
			})
			return err
		})
	}}
	_, mergeErr := leads.New(hooked).Merge(ctx, survivor.ID, []uuid.UUID{other.ID}, leads.MergeOptions{})
	require.True(t, race.started, "the merge read the other record")
	editErr := <-race.done

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

// getHookStore calls, inside Atomic, onGet after every Get of a lead,
// onByRecord after every ByRecord of history items, onOpportunities
// after every List of opportunities and onLookup after every Lookup of
// leads (any may be nil).
type getHookStore struct {
	leads.Store
	onGet           func(uuid.UUID)
	onByRecord      func(uuid.UUID)
	onOpportunities func(uuid.UUID)
	onLookup        func(key string)
}

func (s *getHookStore) Atomic(c context.Context, fn func(tx leads.Tx) error) error {
	return s.Store.Atomic(c, func(tx leads.Tx) error { return fn(getHookTx{tx, s}) })
}

type getHookTx struct {
	leads.Tx
	s *getHookStore
}

func (t getHookTx) Leads() leads.LeadRepository {
	if t.s.onGet == nil && t.s.onLookup == nil {
		return t.Tx.Leads()
	}
	return getHookLeads{t.Tx.Leads(), t.s}
}

func (t getHookTx) History() leads.HistoryRepository {
	if t.s.onByRecord == nil {
		return t.Tx.History()
	}
	return byRecordHook{t.Tx.History(), t.s.onByRecord}
}

func (t getHookTx) Opportunities() leads.OpportunityRepository {
	if t.s.onOpportunities == nil {
		return t.Tx.Opportunities()
	}
	return listHook{t.Tx.Opportunities(), t.s.onOpportunities}
}

type listHook struct {
	leads.OpportunityRepository
	after func(uuid.UUID)
}

func (r listHook) List(c context.Context, record uuid.UUID) iter.Seq2[*leads.Opportunity, error] {
	return func(yield func(*leads.Opportunity, error) bool) {
		defer r.after(record)
		for o, err := range r.OpportunityRepository.List(c, record) {
			if !yield(o, err) {
				return
			}
		}
	}
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

// mergeRaceRecords creates the records of a race test: the survivor, the
// record merged into it, and a third one that the racing write turns to.
func mergeRaceRecords(t *testing.T, s leads.Store) (b *leads.Book, survivor, other, third *leads.Lead) {
	t.Helper()
	b = leads.New(s)
	var err error
	survivor, err = b.Create(ctx, &leads.Lead{FullName: "Ada Lovelace"})
	require.NoError(t, err)
	other, err = b.Create(ctx, &leads.Lead{FullName: "Ada King"})
	require.NoError(t, err)
	third, err = b.Create(ctx, &leads.Lead{FullName: "Charles Babbage"})
	require.NoError(t, err)
	return b, survivor, other, third
}

// testMergeRacingHistoryLink links a history item of a merged record to
// another record while the merge runs, after the merge has read the item:
// the merge must keep the new link when it relinks the item to the
// survivor.
func testMergeRacingHistoryLink(t *testing.T, s leads.Store) {
	b, survivor, other, third := mergeRaceRecords(t, s)
	note, err := b.History().Create(ctx, &leads.HistoryItem{Kind: leads.KindNote, Subject: "fair", Records: []uuid.UUID{other.ID}})
	require.NoError(t, err)

	var race raceWrite
	hooked := &getHookStore{Store: s, onByRecord: func(id uuid.UUID) {
		if id != other.ID {
			return
		}
		race.start(func() error {
			_, err := b.History().Edit(ctx, note.ID, func(h *leads.HistoryItem) error {
				h.Records = append(h.Records, third.ID)
				return nil
			})
			return err
		})
	}}
	_, mergeErr := leads.New(hooked).Merge(ctx, survivor.ID, []uuid.UUID{other.ID}, leads.MergeOptions{})
	require.True(t, race.started, "the merge read the history of the other record")
	linkErr := <-race.done
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
	s *getHookStore
}

func (r getHookLeads) Get(c context.Context, id uuid.UUID) (*leads.Lead, error) {
	l, err := r.LeadRepository.Get(c, id)
	if r.s.onGet != nil {
		r.s.onGet(id)
	}
	return l, err
}

func (r getHookLeads) Lookup(c context.Context, key string, limit int) iter.Seq2[*leads.Lead, error] {
	return func(yield func(*leads.Lead, error) bool) {
		if r.s.onLookup != nil {
			defer r.s.onLookup(key)
		}
		for l, err := range r.LeadRepository.Lookup(c, key, limit) {
			if !yield(l, err) {
				return
			}
		}
	}
}

// testMergeRacingOpportunityMove moves an opportunity of a merged record
// to another record while the merge runs, after the merge has listed it:
// the merge must not take it back to the survivor.
func testMergeRacingOpportunityMove(t *testing.T, s leads.Store) {
	b, survivor, other, third := mergeRaceRecords(t, s)
	opp, err := b.Opportunities().Create(ctx, &leads.Opportunity{RecordID: other.ID, Title: "Engines", Currency: "EUR"})
	require.NoError(t, err)

	var race raceWrite
	hooked := &getHookStore{Store: s, onOpportunities: func(id uuid.UUID) {
		if id != other.ID {
			return
		}
		race.start(func() error {
			_, err := b.Opportunities().Edit(ctx, opp.ID, func(o *leads.Opportunity) error {
				o.RecordID = third.ID
				return nil
			})
			return err
		})
	}}
	res, mergeErr := leads.New(hooked).Merge(ctx, survivor.ID, []uuid.UUID{other.ID}, leads.MergeOptions{})
	require.True(t, race.started, "the merge listed the opportunities of the other record")
	moveErr := <-race.done
	require.NoError(t, mergeErr)
	got, err := s.Opportunities().Get(ctx, opp.ID)
	require.NoError(t, err)
	if moveErr == nil && got.Version == 2 {
		// The move committed before the merge wrote the opportunity.
		require.Equal(t, third.ID, got.RecordID, "the move made meanwhile is kept")
		require.NotContains(t, res.Opportunities, opp.ID, "the result lists the opportunities moved")
		return
	}
	require.NoError(t, moveErr)
	require.Equal(t, third.ID, got.RecordID, "a move made after the merge wins")
}

// testMergeRacingInitiatorChange gives a record that a merged record
// initiated another initiator while the merge runs, after the merge has
// found it: the merge must not make the survivor its initiator.
func testMergeRacingInitiatorChange(t *testing.T, s leads.Store) {
	b, survivor, other, third := mergeRaceRecords(t, s)
	referred, err := b.Create(ctx, &leads.Lead{FullName: "Mary Somerville", InitiatedBy: other.ID})
	require.NoError(t, err)

	var race raceWrite
	hooked := &getHookStore{Store: s, onLookup: func(key string) {
		if key != leads.InitiatedKey(other.ID) {
			return
		}
		race.start(func() error {
			_, err := b.Edit(ctx, referred.ID, func(l *leads.Lead) error {
				l.InitiatedBy = third.ID
				return nil
			})
			return err
		})
	}}
	_, mergeErr := leads.New(hooked).Merge(ctx, survivor.ID, []uuid.UUID{other.ID}, leads.MergeOptions{})
	require.True(t, race.started, "the merge looked up the records the other initiated")
	editErr := <-race.done
	require.NoError(t, mergeErr)
	require.NoError(t, editErr)
	got, err := s.Leads().Get(ctx, referred.ID)
	require.NoError(t, err)
	require.Equal(t, third.ID, got.InitiatedBy, "the initiator set meanwhile is kept")
}
