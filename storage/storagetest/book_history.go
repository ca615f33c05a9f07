package storagetest

import (
	"fmt"
	"sync"
	"testing"
	"time"

	"github.com/google/uuid"
	"github.com/leadkit/leads"
	"github.com/stretchr/testify/require"
)

// testChangeLog checks, through a Book, that edits leave change log
// entries in the store and that deleting a record deletes its history.
func testChangeLog(t *testing.T, s leads.Store) {
	now := time.Date(2026, 4, 1, 10, 0, 0, 0, time.UTC)
	b := leads.New(s, leads.WithClock(leads.ClockFunc(func() time.Time { return now })))
	uctx := leads.WithActor(ctx, "ann")
	a, err := b.Create(uctx, &leads.Lead{FullName: "Ada Lovelace"})
	require.NoError(t, err)
	_, err = b.Edit(uctx, a.ID, func(l *leads.Lead) error { l.Company = "Analytical"; return nil })
	require.NoError(t, err)
	log, err := leads.Collect(b.History().Changes(uctx, a.ID))
	require.NoError(t, err)
	require.Len(t, log, 1)
	require.Equal(t, "ann", log[0].CreatedBy)
	require.Equal(t, now, log[0].At)
	require.Contains(t, log[0].Changes, leads.FieldChange{Field: "company", From: []byte("null"), To: []byte(`"Analytical"`)})

	// An edit that fails writes neither the record nor a log entry.
	_, err = b.Edit(uctx, a.ID, func(l *leads.Lead) error { l.FullName = ""; return nil })
	require.ErrorIs(t, err, leads.ErrInvalid)
	log, err = leads.Collect(b.History().Changes(uctx, a.ID))
	require.NoError(t, err)
	require.Len(t, log, 1)
}

// testHistoryCascade checks that Book.Delete deletes the history linked
// only to deleted records and unlinks the rest, all or nothing.
func testHistoryCascade(t *testing.T, s leads.Store) {
	b := leads.New(s)
	x, y, z := Sample(1), Sample(2), Sample(3)
	create(t, s, x, y, z)
	only := SampleHistory(0, x.ID)
	shared := SampleHistory(1, x.ID, y.ID)
	both := SampleHistory(2, x.ID, z.ID)
	other := SampleHistory(3, y.ID)
	for _, h := range []*leads.HistoryItem{only, shared, both, other} {
		require.NoError(t, s.History().Create(ctx, h))
	}
	// A delete that fails (one ID is missing) changes no history.
	require.ErrorIs(t, b.Delete(ctx, x.ID, uuid.Must(uuid.NewV7())), leads.ErrNotFound)
	require.Len(t, byRecord(t, s, x.ID, leads.HistoryFilter{}), 3)

	require.NoError(t, b.Delete(ctx, x.ID, z.ID))
	_, err := s.History().Get(ctx, only.ID)
	require.ErrorIs(t, err, leads.ErrNotFound, "linked only to a deleted record")
	_, err = s.History().Get(ctx, both.ID)
	require.ErrorIs(t, err, leads.ErrNotFound, "linked only to deleted records")
	got, err := s.History().Get(ctx, shared.ID)
	require.NoError(t, err)
	require.Equal(t, []uuid.UUID{y.ID}, got.Records, "unlinked from the deleted record")
	require.Equal(t, []uuid.UUID{other.ID, shared.ID}, historyIDs(byRecord(t, s, y.ID, leads.HistoryFilter{})))
	require.Empty(t, byRecord(t, s, x.ID, leads.HistoryFilter{}))
}

// testConcurrentChangeLog edits one record from several goroutines through
// a Book: every edit lands, each with its change log entry.
func testConcurrentChangeLog(t *testing.T, s leads.Store) {
	b := leads.New(s)
	l, err := b.Create(ctx, &leads.Lead{FullName: "Ada Lovelace"})
	require.NoError(t, err)
	const workers, edits = 8, 10
	var wg sync.WaitGroup
	for w := range workers {
		wg.Go(func() {
			for e := range edits {
				_, err := b.Edit(ctx, l.ID, func(l *leads.Lead) error {
					l.JobTitle = fmt.Sprintf("title %d-%d", w, e)
					return nil
				})
				if err != nil {
					t.Error(err)
					return
				}
			}
		})
	}
	wg.Wait()
	got, err := b.Get(ctx, l.ID)
	require.NoError(t, err)
	require.EqualValues(t, 1+workers*edits, got.Version)
	log, err := leads.Collect(b.History().Changes(ctx, l.ID))
	require.NoError(t, err)
	require.Len(t, log, workers*edits, "one entry per edit")
	require.Equal(t, fmt.Sprintf("%q", got.JobTitle), string(log[0].Changes[0].To), "the newest entry is the last edit")
}
