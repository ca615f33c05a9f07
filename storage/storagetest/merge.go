package storagetest

import (
	"testing"
	"time"

	"github.com/google/uuid"
	"github.com/leadkit/leads"
	"github.com/stretchr/testify/require"
)

// testMerge runs Book.Merge over the store: lists unioned, history and
// opportunities moved to the survivor, initiators relinked, the others
// deleted and their IDs resolving to the survivor (Lookup by MergedKey,
// Book.Get, Book.Resolve), and merges that fail change nothing.
func testMerge(t *testing.T, s leads.Store) {
	now := time.Date(2026, 11, 27, 10, 0, 0, 0, time.UTC)
	b := leads.New(s, leads.WithClock(leads.ClockFunc(func() time.Time { return now })))
	bctx := leads.WithActor(ctx, "alice")
	add := func(l *leads.Lead) *leads.Lead {
		t.Helper()
		got, err := b.Create(bctx, l)
		require.NoError(t, err)
		return got
	}
	a := add(&leads.Lead{FullName: "Ada Lovelace", Emails: []leads.Email{{Address: "ada@engines.example"}},
		Custom: map[string]string{"Region": "North"}})
	o := add(&leads.Lead{FullName: "Ada King", Company: "Analytical Engines",
		Emails:   []leads.Email{{Address: "ADA@Engines.example"}, {Address: "ada@home.example"}},
		Phones:   []leads.Phone{{Label: leads.PhoneMobile, Number: "+44 7700 900123"}},
		Comments: []leads.Comment{{At: now.Add(-time.Hour), Author: "bob", Text: "Met at the fair."}},
		Custom:   map[string]string{"Region": "South", "Budget": "10000"}})
	p := add(&leads.Lead{FullName: "A. Lovelace", Phones: []leads.Phone{{Label: leads.PhoneMobile, Number: "+44 (7700) 900-123"}}})
	d := add(&leads.Lead{FullName: "Charles Babbage", InitiatedBy: o.ID})
	note, err := b.History().Create(bctx, &leads.HistoryItem{Kind: leads.KindNote, Subject: "fair", Records: []uuid.UUID{o.ID}})
	require.NoError(t, err)
	shared, err := b.History().Create(bctx, &leads.HistoryItem{Kind: leads.KindNote, Subject: "call", Records: []uuid.UUID{a.ID, o.ID, p.ID}})
	require.NoError(t, err)
	opp, err := b.Opportunities().Create(bctx, &leads.Opportunity{RecordID: p.ID, Title: "Engines", Currency: "EUR"})
	require.NoError(t, err)

	// Merges that fail change nothing.
	missing := uuid.MustParse("0190f000-0000-7000-8000-0000000000ff")
	for _, tt := range []struct {
		name   string
		others []uuid.UUID
		opts   leads.MergeOptions
		is     error
	}{
		{"unknown ID", []uuid.UUID{o.ID, missing}, leads.MergeOptions{}, leads.ErrNotFound},
		{"with itself", []uuid.UUID{o.ID, a.ID}, leads.MergeOptions{}, leads.ErrInvalid},
		{"stale version", []uuid.UUID{o.ID, p.ID}, leads.MergeOptions{Versions: map[uuid.UUID]int64{p.ID: p.Version + 1}}, leads.ErrConflict},
	} {
		_, err := b.Merge(bctx, a.ID, tt.others, tt.opts)
		require.ErrorIs(t, err, tt.is, tt.name)
		for _, l := range []*leads.Lead{a, o, p, d} {
			got, err := s.Leads().Get(ctx, l.ID)
			require.NoError(t, err, tt.name)
			require.Equal(t, l.Version, got.Version, "%s: %s unchanged", tt.name, l.FullName)
		}
		require.Len(t, byRecord(t, s, o.ID, leads.HistoryFilter{}), 2, tt.name)
	}

	res, err := b.Merge(bctx, a.ID, []uuid.UUID{o.ID, p.ID}, leads.MergeOptions{})
	require.NoError(t, err)
	got, err := s.Leads().Get(ctx, a.ID)
	require.NoError(t, err)
	require.Equal(t, canonical(res.Lead), canonical(got), "the result is what is stored")
	require.Equal(t, "Ada Lovelace", got.FullName)
	require.Equal(t, "Analytical Engines", got.Company)
	require.Equal(t, []leads.Email{{Address: "ada@engines.example"}, {Address: "ada@home.example"}}, got.Emails)
	require.Len(t, got.Phones, 1, "one number in two spellings")
	require.Len(t, got.Comments, 1)
	require.Equal(t, map[string]string{"Region": "North", "Budget": "10000"}, got.Custom)
	require.Equal(t, []uuid.UUID{o.ID, p.ID}, got.MergedFrom)

	for _, id := range []uuid.UUID{o.ID, p.ID} {
		_, err := s.Leads().Get(ctx, id)
		require.ErrorIs(t, err, leads.ErrNotFound, "the others are deleted")
		require.Equal(t, []uuid.UUID{a.ID}, lookupIDs(t, s.Leads(), leads.MergedKey(id), 0), "a merged ID resolves")
		l, err := b.Get(ctx, id)
		require.NoError(t, err)
		require.Equal(t, a.ID, l.ID)
	}
	require.Equal(t, []uuid.UUID{a.ID}, lookupIDs(t, s.Leads(), leads.EmailMatchKey("ada@home.example"), 0))

	// History and opportunities moved; the initiator relinked.
	h, err := s.History().Get(ctx, note.ID)
	require.NoError(t, err)
	require.Equal(t, []uuid.UUID{a.ID}, h.Records)
	h, err = s.History().Get(ctx, shared.ID)
	require.NoError(t, err)
	require.Equal(t, []uuid.UUID{a.ID}, h.Records, "an item shared by merged records is linked once")
	require.Empty(t, byRecord(t, s, o.ID, leads.HistoryFilter{}))
	notes := byRecord(t, s, a.ID, leads.HistoryFilter{Kinds: []leads.HistoryKind{leads.KindNote}})
	require.ElementsMatch(t, []uuid.UUID{note.ID, shared.ID}, historyIDs(notes))
	gotOpp, err := s.Opportunities().Get(ctx, opp.ID)
	require.NoError(t, err)
	require.Equal(t, a.ID, gotOpp.RecordID)
	gotD, err := s.Leads().Get(ctx, d.ID)
	require.NoError(t, err)
	require.Equal(t, a.ID, gotD.InitiatedBy)

	// The change log entry of the merge says where each field came from.
	changes := byRecord(t, s, a.ID, leads.HistoryFilter{Kinds: []leads.HistoryKind{leads.KindChange}})
	require.NotEmpty(t, changes)
	entry, ok := leads.ReadMergeEntry(changes[0])
	require.True(t, ok, "the newest change is the merge")
	require.Equal(t, []uuid.UUID{o.ID, p.ID}, entry.Merged)
	require.Equal(t, "Ada King", entry.Records[0].FullName)
	var company leads.MergeField
	for _, f := range entry.Fields {
		if f.Field == "company" {
			company = f
		}
	}
	require.Equal(t, o.ID, company.From)
}
