package storagetest

import (
	"encoding/json"
	"testing"
	"time"

	"github.com/google/uuid"
	"github.com/leadkit/leads"
	"github.com/stretchr/testify/require"
)

// Deleting a record or an account leaves no link pointing at it: every
// kind of link is cleared (initiated-by, account) or goes with it
// (opportunities, history linked only to it) in the delete's own write,
// and a cleared link is in the change log of the record that held it. A
// link left dangling would make a backup of the book unrestorable, since
// a restore checks every link.

// linkClock is the fixed time of the link tests' Book.
var linkClock = time.Date(2026, 12, 1, 9, 0, 0, 0, time.UTC)

func linkBook(s leads.Store) *leads.Book {
	return leads.New(s, leads.WithClock(leads.ClockFunc(func() time.Time { return linkClock })))
}

// requireNoDanglingLinks checks that every link of every stored record,
// opportunity and history item (of the stored records, and the items
// given) names a record or account that exists.
func requireNoDanglingLinks(t *testing.T, s leads.Store, items ...uuid.UUID) {
	t.Helper()
	exists := map[uuid.UUID]bool{}
	var all []*leads.Lead
	for l, err := range s.Leads().List(ctx, leads.Query{Types: []leads.RecordType{leads.TypeLead, leads.TypeContact}}) {
		require.NoError(t, err)
		exists[l.ID] = true
		all = append(all, l)
	}
	for _, l := range all {
		if l.InitiatedBy != uuid.Nil {
			require.True(t, exists[l.InitiatedBy], "%s (%s) is initiated by %s, which is gone", l.FullName, l.ID, l.InitiatedBy)
		}
		if l.AccountID != uuid.Nil {
			_, err := s.Accounts().Get(ctx, l.AccountID)
			require.NoError(t, err, "%s (%s) links to account %s", l.FullName, l.ID, l.AccountID)
		}
		items = append(items, historyIDs(byRecord(t, s, l.ID, leads.HistoryFilter{}))...)
	}
	for o, err := range s.Opportunities().List(ctx, uuid.Nil) {
		require.NoError(t, err)
		require.True(t, exists[o.RecordID], "opportunity %s belongs to %s, which is gone", o.ID, o.RecordID)
	}
	for _, id := range items {
		h, err := s.History().Get(ctx, id)
		if err != nil {
			require.ErrorIs(t, err, leads.ErrNotFound)
			continue
		}
		for _, r := range h.Records {
			require.True(t, exists[r], "history item %s links to %s, which is gone", h.ID, r)
		}
	}
}

// requireUnlinkLogged checks that the newest change log entry of record
// says that field went from the ID from to none, by actor at linkClock.
func requireUnlinkLogged(t *testing.T, b *leads.Book, record uuid.UUID, field string, from uuid.UUID, actor string) {
	t.Helper()
	log, err := leads.Collect(b.History().Changes(ctx, record))
	require.NoError(t, err)
	require.NotEmpty(t, log, "the cleared link is in the change log")
	h := log[0]
	require.Equal(t, actor, h.CreatedBy, "who cleared it")
	require.True(t, h.At.Equal(linkClock), "when: %v", h.At)
	require.Len(t, h.Changes, 1, "only the link changed: %+v", h.Changes)
	c := h.Changes[0]
	require.Equal(t, field, c.Field)
	want, _ := json.Marshal(from)
	require.JSONEq(t, string(want), string(c.From))
	require.JSONEq(t, "null", string(c.To))
}

// testDeleteUnlinksInitiated deletes records that initiated others: the
// others lose the link, in the same write, and log it.
func testDeleteUnlinksInitiated(t *testing.T, s leads.Store) {
	b := linkBook(s)
	actx := leads.WithActor(ctx, "alice")
	add := func(l *leads.Lead) *leads.Lead {
		t.Helper()
		got, err := b.Create(actx, l)
		require.NoError(t, err)
		return got
	}
	ada := add(&leads.Lead{FullName: "Ada Lovelace"})
	mary := add(&leads.Lead{FullName: "Mary Somerville", InitiatedBy: ada.ID})
	charles := add(&leads.Lead{FullName: "Charles Babbage", InitiatedBy: ada.ID})
	gone := add(&leads.Lead{FullName: "Augustus De Morgan", InitiatedBy: ada.ID}) // deleted with ada
	other := add(&leads.Lead{FullName: "John Herschel"})
	kept := add(&leads.Lead{FullName: "Michael Faraday", InitiatedBy: other.ID})

	// A delete that fails (an unknown ID) clears nothing.
	err := b.Delete(ctx, ada.ID, uuid.Must(uuid.NewV7()))
	require.ErrorIs(t, err, leads.ErrNotFound)
	got, err := s.Leads().Get(ctx, mary.ID)
	require.NoError(t, err)
	require.Equal(t, ada.ID, got.InitiatedBy, "a failed delete keeps the link")
	log, err := leads.Collect(b.History().Changes(ctx, mary.ID))
	require.NoError(t, err)
	require.Empty(t, log, "a failed delete logs nothing")

	bctx := leads.WithActor(ctx, "bob")
	require.NoError(t, b.Delete(bctx, ada.ID, gone.ID))
	for _, l := range []*leads.Lead{mary, charles} {
		got, err := s.Leads().Get(ctx, l.ID)
		require.NoError(t, err)
		require.Equal(t, uuid.Nil, got.InitiatedBy, "%s no longer names the deleted initiator", l.FullName)
		require.Equal(t, l.Version+1, got.Version, "%s written once", l.FullName)
		require.Equal(t, "bob", got.UpdatedBy)
		requireUnlinkLogged(t, b, l.ID, "initiated_by", ada.ID, "bob")
		require.Empty(t, lookupIDs(t, s.Leads(), leads.InitiatedKey(ada.ID), 0), "the initiator's key is gone from the index")
	}
	got, err = s.Leads().Get(ctx, kept.ID)
	require.NoError(t, err)
	require.Equal(t, other.ID, got.InitiatedBy, "a link to a record not deleted stays")
	require.Equal(t, kept.Version, got.Version)
	requireNoDanglingLinks(t, s)
}

// testDeleteAccountUnlinksLogged deletes an account with unlinking: the
// records linked to it lose the link, and log it.
func testDeleteAccountUnlinksLogged(t *testing.T, s leads.Store) {
	b := linkBook(s)
	actx := leads.WithActor(ctx, "alice")
	acct, err := b.Accounts().Create(actx, &leads.Account{Name: "Analytical Engines Ltd"})
	require.NoError(t, err)
	keep, err := b.Accounts().Create(actx, &leads.Account{Name: "Difference Engines Ltd"})
	require.NoError(t, err)
	var linked []*leads.Lead
	for _, name := range []string{"Ada Lovelace", "Charles Babbage"} {
		l, err := b.Create(actx, &leads.Lead{FullName: name, AccountID: acct.ID})
		require.NoError(t, err)
		linked = append(linked, l)
	}
	other, err := b.Create(actx, &leads.Lead{FullName: "Mary Somerville", AccountID: keep.ID})
	require.NoError(t, err)

	err = b.Accounts().Delete(ctx, acct.ID, leads.DeleteAccountOptions{})
	require.ErrorIs(t, err, leads.ErrInUse, "refused without unlinking")
	require.NoError(t, b.Accounts().Delete(leads.WithActor(ctx, "bob"), acct.ID, leads.DeleteAccountOptions{Unlink: true}))
	_, err = s.Accounts().Get(ctx, acct.ID)
	require.ErrorIs(t, err, leads.ErrNotFound)
	for _, l := range linked {
		got, err := s.Leads().Get(ctx, l.ID)
		require.NoError(t, err)
		require.Equal(t, uuid.Nil, got.AccountID)
		requireUnlinkLogged(t, b, l.ID, "account_id", acct.ID, "bob")
	}
	got, err := s.Leads().Get(ctx, other.ID)
	require.NoError(t, err)
	require.Equal(t, keep.ID, got.AccountID, "a link to another account stays")
	log, err := leads.Collect(b.History().Changes(ctx, other.ID))
	require.NoError(t, err)
	require.Empty(t, log)
	requireNoDanglingLinks(t, s)
}

// testDeleteTakesOpportunities deletes a record with opportunities: they
// go with it, and those of other records stay.
func testDeleteTakesOpportunities(t *testing.T, s leads.Store) {
	b := linkBook(s)
	ada, err := b.Create(ctx, &leads.Lead{FullName: "Ada Lovelace"})
	require.NoError(t, err)
	charles, err := b.Create(ctx, &leads.Lead{FullName: "Charles Babbage"})
	require.NoError(t, err)
	var theirs []uuid.UUID
	for _, title := range []string{"Engines", "Tables"} {
		o, err := b.Opportunities().Create(ctx, &leads.Opportunity{RecordID: ada.ID, Title: title, Currency: "EUR"})
		require.NoError(t, err)
		theirs = append(theirs, o.ID)
	}
	mine, err := b.Opportunities().Create(ctx, &leads.Opportunity{RecordID: charles.ID, Title: "Mill", Currency: "EUR"})
	require.NoError(t, err)

	require.NoError(t, b.Delete(ctx, ada.ID))
	for _, id := range theirs {
		_, err := s.Opportunities().Get(ctx, id)
		require.ErrorIs(t, err, leads.ErrNotFound, "an opportunity goes with its record")
	}
	_, err = s.Opportunities().Get(ctx, mine.ID)
	require.NoError(t, err)
	requireNoDanglingLinks(t, s)
}

// testDeleteUnlinksHistory deletes records that history items link to:
// an item linked to no record left goes, one linked to others too stays
// without the link, and every other link of a book survives the deletes.
func testDeleteUnlinksHistory(t *testing.T, s leads.Store) {
	b := linkBook(s)
	actx := leads.WithActor(ctx, "alice")
	acct, err := b.Accounts().Create(actx, &leads.Account{Name: "Analytical Engines Ltd"})
	require.NoError(t, err)
	ada, err := b.Create(actx, &leads.Lead{FullName: "Ada Lovelace", AccountID: acct.ID})
	require.NoError(t, err)
	charles, err := b.Create(actx, &leads.Lead{FullName: "Charles Babbage", InitiatedBy: ada.ID, AccountID: acct.ID})
	require.NoError(t, err)
	mary, err := b.Create(actx, &leads.Lead{FullName: "Mary Somerville", InitiatedBy: charles.ID})
	require.NoError(t, err)
	note := func(records ...uuid.UUID) *leads.HistoryItem {
		h, err := b.History().Create(actx, &leads.HistoryItem{Kind: leads.KindNote, Subject: "met", Records: records})
		require.NoError(t, err)
		return h
	}
	only := note(ada.ID)
	shared := note(ada.ID, charles.ID, mary.ID)
	_, err = b.Edit(actx, ada.ID, func(l *leads.Lead) error { l.JobTitle = "Countess"; return nil })
	require.NoError(t, err)
	adaLog, err := leads.Collect(b.History().Changes(ctx, ada.ID))
	require.NoError(t, err)
	require.Len(t, adaLog, 1)

	require.NoError(t, b.Delete(ctx, ada.ID))
	for _, id := range []uuid.UUID{only.ID, adaLog[0].ID} {
		_, err := s.History().Get(ctx, id)
		require.ErrorIs(t, err, leads.ErrNotFound, "an item linked only to the deleted record goes")
	}
	got, err := s.History().Get(ctx, shared.ID)
	require.NoError(t, err)
	require.ElementsMatch(t, []uuid.UUID{charles.ID, mary.ID}, got.Records)
	requireNoDanglingLinks(t, s, only.ID, shared.ID, adaLog[0].ID)

	// Deleting the rest one by one leaves no link behind at any step.
	require.NoError(t, b.Delete(ctx, charles.ID))
	requireNoDanglingLinks(t, s, shared.ID)
	got, err = s.History().Get(ctx, shared.ID)
	require.NoError(t, err)
	require.Equal(t, []uuid.UUID{mary.ID}, got.Records)
	require.NoError(t, b.Accounts().Delete(ctx, acct.ID, leads.DeleteAccountOptions{}), "no record links to the account any more")
	require.NoError(t, b.Delete(ctx, mary.ID))
	_, err = s.History().Get(ctx, shared.ID)
	require.ErrorIs(t, err, leads.ErrNotFound)
	requireNoDanglingLinks(t, s)
}

// testDeleteRacingInitiatorEdit links a record to one being deleted, as
// its initiator, after the delete has looked up the records it initiated:
// the edit must wait and fail, naming initiated_by, rather than commit a
// link the delete no longer sees.
func testDeleteRacingInitiatorEdit(t *testing.T, s leads.Store) {
	b := leads.New(s)
	x, err := b.Create(ctx, &leads.Lead{FullName: "Ada Lovelace"})
	require.NoError(t, err)
	y, err := b.Create(ctx, &leads.Lead{FullName: "Mary Somerville"})
	require.NoError(t, err)

	var race raceWrite
	hooked := &getHookStore{Store: s, onLookup: func(key string) {
		if key != leads.InitiatedKey(x.ID) {
			return
		}
		race.start(func() error {
			_, err := b.Edit(ctx, y.ID, func(l *leads.Lead) error {
				l.InitiatedBy = x.ID
				return nil
			})
			return err
		})
	}}
	require.NoError(t, leads.New(hooked).Delete(ctx, x.ID))
	require.True(t, race.started, "the delete looked up the records the deleted one initiated")
	if err := <-race.done; err != nil {
		requireFieldErr(t, err, "initiated_by", "an edit after the delete finds the initiator gone")
	}
	requireNoDanglingLinks(t, s)
}
