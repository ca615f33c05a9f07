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

// Writes that link to a record (or an account) while it is deleted: the
// write starts inside the delete's transaction, once the delete has read
// what links to the record. A store that runs transactions side by side
// must make the write wait for the delete and then fail, rather than
// commit a link that the delete no longer sees; a store that runs one
// writer at a time makes it wait anyway. A Book that checks the linked
// record with a plain read leaves an orphan, which these tests catch.

// raceWrite runs write in a goroutine the first time it is called, and
// gives it the time to commit, unless the transaction that called it
// holds what write needs, which makes it wait; either way the caller goes
// on. done receives write's error.
type raceWrite struct {
	started bool
	done    chan error
}

func (r *raceWrite) start(write func() error) {
	if r.started {
		return
	}
	r.started = true
	r.done = make(chan error, 1)
	go func() { r.done <- write() }()
	select {
	case err := <-r.done:
		r.done <- err
	case <-time.After(300 * time.Millisecond):
	}
}

// requireFieldErr checks that err is a *FieldError naming field.
func requireFieldErr(t *testing.T, err error, field string, msg string) {
	t.Helper()
	var fe *leads.FieldError
	require.ErrorAs(t, err, &fe, msg)
	require.Equal(t, field, fe.Field, msg)
}

// testDeleteRacingHistory adds a history item linked to a record being
// deleted, after the delete has read the record's history: no item may be
// left linked to the deleted record.
func testDeleteRacingHistory(t *testing.T, s leads.Store) {
	b := leads.New(s)
	x, err := b.Create(ctx, &leads.Lead{FullName: "Ada Lovelace"})
	require.NoError(t, err)

	var race raceWrite
	var added *leads.HistoryItem
	hooked := &getHookStore{Store: s, onByRecord: func(id uuid.UUID) {
		if id != x.ID {
			return
		}
		race.start(func() error {
			var err error
			added, err = b.History().Create(ctx, &leads.HistoryItem{Kind: leads.KindNote, Subject: "racing", Records: []uuid.UUID{x.ID}})
			return err
		})
	}}
	require.NoError(t, leads.New(hooked).Delete(ctx, x.ID))
	require.True(t, race.started, "the delete read the history of the record")
	addErr := <-race.done

	for h, err := range s.History().ByRecord(ctx, x.ID, leads.HistoryFilter{}) {
		require.NoError(t, err)
		t.Fatalf("history item %s (%s) links to the deleted record", h.ID, h.Subject)
	}
	if addErr == nil {
		_, err := s.History().Get(ctx, added.ID)
		require.ErrorIs(t, err, leads.ErrNotFound, "an item added before the delete went with the record")
		return
	}
	requireFieldErr(t, addErr, "records[0]", "an item added after the delete finds the record gone")
}

// testDeleteRacingOpportunity adds an opportunity to a record being
// deleted, after the delete has listed the opportunities: none may be
// left for the deleted record.
func testDeleteRacingOpportunity(t *testing.T, s leads.Store) {
	b := leads.New(s)
	x, err := b.Create(ctx, &leads.Lead{FullName: "Ada Lovelace"})
	require.NoError(t, err)

	var race raceWrite
	hooked := &getHookStore{Store: s, onOpportunities: func(uuid.UUID) {
		race.start(func() error {
			_, err := b.Opportunities().Create(ctx, &leads.Opportunity{RecordID: x.ID, Title: "Engines", Currency: "EUR"})
			return err
		})
	}}
	require.NoError(t, leads.New(hooked).Delete(ctx, x.ID))
	require.True(t, race.started, "the delete listed the opportunities")
	addErr := <-race.done

	for o, err := range s.Opportunities().List(ctx, x.ID) {
		require.NoError(t, err)
		t.Fatalf("opportunity %s (%s) belongs to the deleted record", o.ID, o.Title)
	}
	if addErr != nil {
		requireFieldErr(t, addErr, "record_id", "an opportunity added after the delete finds the record gone")
	}
}

// testMergeRacingInitiatedCreate creates a record initiated by a record
// being merged, after the merge has looked up the records it initiated:
// the new record must not name the deleted record as its initiator.
func testMergeRacingInitiatedCreate(t *testing.T, s leads.Store) {
	mergeRacingInitiator(t, s, func(b *leads.Book, initiator uuid.UUID) (*leads.Lead, error) {
		return b.Create(ctx, &leads.Lead{FullName: "Mary Somerville", InitiatedBy: initiator})
	})
}

// testMergeRacingInitiatorEdit does what testMergeRacingInitiatedCreate
// does with an Edit that gives an existing record the merged record as
// its initiator.
func testMergeRacingInitiatorEdit(t *testing.T, s leads.Store) {
	b := leads.New(s)
	referred, err := b.Create(ctx, &leads.Lead{FullName: "Mary Somerville"})
	require.NoError(t, err)
	mergeRacingInitiator(t, s, func(b *leads.Book, initiator uuid.UUID) (*leads.Lead, error) {
		return b.Edit(ctx, referred.ID, func(l *leads.Lead) error {
			l.InitiatedBy = initiator
			return nil
		})
	})
}

// mergeRacingInitiator merges a record while write makes a record that
// it initiated: write's record must end up initiated by the survivor, or
// write must fail, naming initiated_by.
func mergeRacingInitiator(t *testing.T, s leads.Store, write func(b *leads.Book, initiator uuid.UUID) (*leads.Lead, error)) {
	b, survivor, other, _ := mergeRaceRecords(t, s)

	var race raceWrite
	var written *leads.Lead
	hooked := &getHookStore{Store: s, onLookup: func(key string) {
		if key != leads.InitiatedKey(other.ID) {
			return
		}
		race.start(func() error {
			var err error
			written, err = write(b, other.ID)
			return err
		})
	}}
	_, err := leads.New(hooked).Merge(ctx, survivor.ID, []uuid.UUID{other.ID}, leads.MergeOptions{})
	require.NoError(t, err)
	require.True(t, race.started, "the merge looked up the records the other initiated")
	writeErr := <-race.done

	if writeErr != nil {
		requireFieldErr(t, writeErr, "initiated_by", "a write after the merge finds the initiator gone")
		return
	}
	got, err := s.Leads().Get(ctx, written.ID)
	require.NoError(t, err)
	require.Equal(t, survivor.ID, got.InitiatedBy, "a record initiated before the merge names the survivor")
}

// testDeleteAccountRacingCreate creates a record linked to an account
// being deleted (unlinking its records), after the delete has listed the
// linked records: the new record must not link to the deleted account.
func testDeleteAccountRacingCreate(t *testing.T, s leads.Store) {
	b := leads.New(s)
	acct, err := b.Accounts().Create(ctx, &leads.Account{Name: "Analytical Engines Ltd"})
	require.NoError(t, err)

	var race raceWrite
	var created *leads.Lead
	hooked := &listHookStore{s, func() {
		race.start(func() error {
			var err error
			created, err = b.Create(ctx, &leads.Lead{FullName: "Ada Lovelace", AccountID: acct.ID})
			return err
		})
	}}
	require.NoError(t, leads.New(hooked).Accounts().Delete(ctx, acct.ID, leads.DeleteAccountOptions{Unlink: true}))
	require.True(t, race.started, "the delete listed the records linked to the account")
	createErr := <-race.done

	if createErr != nil {
		requireFieldErr(t, createErr, "account_id", "a record created after the delete finds the account gone")
		return
	}
	got, err := s.Leads().Get(ctx, created.ID)
	require.NoError(t, err)
	require.Equal(t, uuid.Nil, got.AccountID, "a record created before the delete is unlinked")
}

// listHookStore calls, inside Atomic, onList after every List of leads.
type listHookStore struct {
	leads.Store
	onList func()
}

func (s *listHookStore) Atomic(c context.Context, fn func(tx leads.Tx) error) error {
	return s.Store.Atomic(c, func(tx leads.Tx) error { return fn(listHookTx{tx, s.onList}) })
}

type listHookTx struct {
	leads.Tx
	onList func()
}

func (t listHookTx) Leads() leads.LeadRepository { return listHookLeads{t.Tx.Leads(), t.onList} }

type listHookLeads struct {
	leads.LeadRepository
	after func()
}

func (r listHookLeads) List(c context.Context, q leads.Query) iter.Seq2[*leads.Lead, error] {
	return func(yield func(*leads.Lead, error) bool) {
		defer r.after()
		for l, err := range r.LeadRepository.List(c, q) {
			if !yield(l, err) {
				return
			}
		}
	}
}
