package storagetest

import (
	"errors"
	"fmt"
	"sync"
	"testing"
	"time"

	"github.com/google/uuid"
	"github.com/leadkit/leads"
	"github.com/stretchr/testify/require"
)

// historyBase is the time of the first sample history item.
var historyBase = time.Date(2026, 2, 1, 9, 0, 0, 0, time.UTC)

// SampleHistory returns the i-th history item of a deterministic sample,
// linked to records, ready for Create: its kind cycles through the kinds
// people add, and At grows with i by an hour, except that every fifth item
// shares the time of the item before it (so the order by ID is tested too).
func SampleHistory(i int, records ...uuid.UUID) *leads.HistoryItem {
	hours := i
	if i%5 == 0 && i > 0 {
		hours--
	}
	at := historyBase.Add(time.Duration(hours) * time.Hour)
	h := &leads.HistoryItem{
		ID:        historyID(i),
		Kind:      leads.HistoryKinds()[i%5],
		Subject:   fmt.Sprintf("Item %d", i),
		At:        at,
		Records:   append([]uuid.UUID(nil), records...),
		CreatedAt: historyBase, CreatedBy: "ann",
		UpdatedAt: historyBase, UpdatedBy: "ann",
	}
	switch h.Kind {
	case leads.KindNote:
		h.Text = fmt.Sprintf("Note text %d", i)
	case leads.KindPhone:
		h.Direction, h.Number, h.Start, h.Duration = leads.DirectionOut, "+44 20 7946 0018", at, time.Duration(i)*time.Minute
	case leads.KindAppointment:
		h.Start, h.End, h.Location = at, at.Add(time.Hour), "Room 4"
	case leads.KindTask:
		h.Due, h.Priority, h.Done = at, leads.PriorityHigh, i%2 == 0
	case leads.KindEmail:
		h.From, h.To, h.Date, h.Text, h.MessageID = "ann@example.com", "bo@example.com", at, "Hello", fmt.Sprintf("<%d@example.com>", i)
	}
	return h
}

// historyID returns an ID that grows with i, as UUID v7 IDs do.
func historyID(i int) uuid.UUID {
	var id uuid.UUID
	id[0], id[6], id[8] = 0x01, 0x70, 0x80
	id[12], id[13], id[14], id[15] = byte(i>>24), byte(i>>16), byte(i>>8), byte(i)
	return id
}

func byRecord(t *testing.T, tx leads.Tx, record uuid.UUID, f leads.HistoryFilter) []*leads.HistoryItem {
	t.Helper()
	var out []*leads.HistoryItem
	for h, err := range tx.History().ByRecord(ctx, record, f) {
		require.NoError(t, err)
		out = append(out, h)
	}
	return out
}

func historyIDs(hs []*leads.HistoryItem) []uuid.UUID {
	out := make([]uuid.UUID, len(hs))
	for i, h := range hs {
		out[i] = h.ID
	}
	return out
}

func testHistoryCRUD(t *testing.T, s leads.Store) {
	a, b := Sample(1), Sample(2)
	create(t, s, a, b)
	for i := range 5 {
		h := SampleHistory(i, a.ID, b.ID)
		require.NoError(t, s.History().Create(ctx, h))
		require.EqualValues(t, 1, h.Version)
		got, err := s.History().Get(ctx, h.ID)
		require.NoError(t, err)
		require.Equal(t, h, got, "kind %s comes back as written", h.Kind)
	}
	// A change log entry keeps its field changes, JSON and all.
	change := &leads.HistoryItem{ID: historyID(99), Kind: leads.KindChange, At: historyBase, Records: []uuid.UUID{a.ID},
		Changes: []leads.FieldChange{{Field: "full_name", From: []byte(`"Ada"`), To: []byte(`"Ada L"`)},
			{Field: "photo", From: []byte("null"), To: []byte(`{"content_type":"image/png","size":3}`)}}}
	require.NoError(t, s.History().Create(ctx, change))
	got, err := s.History().Get(ctx, change.ID)
	require.NoError(t, err)
	require.Equal(t, change, got)

	err = s.History().Create(ctx, SampleHistory(0, a.ID))
	require.ErrorIs(t, err, leads.ErrConflict, "an ID in use")
	require.Error(t, s.History().Create(ctx, &leads.HistoryItem{Kind: leads.KindNote}), "no ID")

	up, err := s.History().Update(ctx, historyID(0), func(h *leads.HistoryItem) error {
		h.Subject, h.Records = "Edited", []uuid.UUID{b.ID}
		return nil
	})
	require.NoError(t, err)
	require.EqualValues(t, 2, up.Version)
	require.Equal(t, []uuid.UUID{historyID(4), historyID(3), historyID(2), historyID(1), historyID(99)}, historyIDs(byRecord(t, s, a.ID, leads.HistoryFilter{})),
		"an item unlinked from a record leaves its history")
	require.Contains(t, historyIDs(byRecord(t, s, b.ID, leads.HistoryFilter{})), historyID(0))

	errStop := errors.New("stop")
	_, err = s.History().Update(ctx, historyID(1), func(h *leads.HistoryItem) error { h.Subject = "lost"; return errStop })
	require.ErrorIs(t, err, errStop)
	_, err = s.History().Update(ctx, historyID(1), func(h *leads.HistoryItem) error { h.Version = 7; return nil })
	require.ErrorIs(t, err, leads.ErrConflict)
	got, err = s.History().Get(ctx, historyID(1))
	require.NoError(t, err)
	require.Equal(t, "Item 1", got.Subject)
	_, err = s.History().Update(ctx, uuid.Must(uuid.NewV7()), func(*leads.HistoryItem) error { return nil })
	require.ErrorIs(t, err, leads.ErrNotFound)

	require.NoError(t, s.History().Delete(ctx, historyID(2)))
	_, err = s.History().Get(ctx, historyID(2))
	require.ErrorIs(t, err, leads.ErrNotFound)
	require.ErrorIs(t, s.History().Delete(ctx, historyID(2)), leads.ErrNotFound)
	require.NotContains(t, historyIDs(byRecord(t, s, a.ID, leads.HistoryFilter{})), historyID(2))
	require.NotContains(t, historyIDs(byRecord(t, s, b.ID, leads.HistoryFilter{})), historyID(2))
}

func testHistoryByRecord(t *testing.T, s leads.Store) {
	a, b := Sample(1), Sample(2)
	create(t, s, a, b)
	// Created out of order: the listing sorts.
	for _, i := range []int{7, 2, 9, 0, 4, 5, 1, 8, 3, 6} {
		recs := []uuid.UUID{a.ID}
		if i%3 == 0 {
			recs = append(recs, b.ID)
		}
		require.NoError(t, s.History().Create(ctx, SampleHistory(i, recs...)))
	}
	require.NoError(t, s.History().Create(ctx, SampleHistory(10, b.ID)))

	at := func(i int) time.Time { return SampleHistory(i).At }
	want := func(is ...int) []uuid.UUID {
		out := make([]uuid.UUID, len(is))
		for k, i := range is {
			out[k] = historyID(i)
		}
		return out
	}
	// Items 4 and 5 share a time: 5, the later ID, comes first.
	require.Equal(t, at(4), at(5))
	for name, tc := range map[string]struct {
		record uuid.UUID
		f      leads.HistoryFilter
		want   []uuid.UUID
	}{
		"all newest first":  {a.ID, leads.HistoryFilter{}, want(9, 8, 7, 6, 5, 4, 3, 2, 1, 0)},
		"other record":      {b.ID, leads.HistoryFilter{}, want(10, 9, 6, 3, 0)},
		"one kind":          {a.ID, leads.HistoryFilter{Kinds: []leads.HistoryKind{leads.KindPhone}}, want(6, 1)},
		"two kinds":         {a.ID, leads.HistoryFilter{Kinds: []leads.HistoryKind{leads.KindNote, leads.KindTask}}, want(8, 5, 3, 0)},
		"from inclusive":    {a.ID, leads.HistoryFilter{From: at(7)}, want(9, 8, 7)},
		"to exclusive":      {a.ID, leads.HistoryFilter{To: at(2)}, want(1, 0)},
		"range":             {a.ID, leads.HistoryFilter{From: at(3), To: at(6)}, want(5, 4, 3)},
		"range and kind":    {a.ID, leads.HistoryFilter{From: at(3), To: at(9), Kinds: []leads.HistoryKind{leads.KindNote}}, want(5)},
		"limit":             {a.ID, leads.HistoryFilter{Limit: 3}, want(9, 8, 7)},
		"limit after range": {a.ID, leads.HistoryFilter{To: at(5), Limit: 2}, want(3, 2)},
		"no history":        {uuid.Must(uuid.NewV7()), leads.HistoryFilter{}, want()},
	} {
		got := historyIDs(byRecord(t, s, tc.record, tc.f))
		require.Equal(t, tc.want, got, name)
	}

	// Inside a transaction the listing sees the transaction's own writes.
	err := s.Atomic(ctx, func(tx leads.Tx) error {
		require.NoError(t, tx.History().Create(ctx, SampleHistory(11, a.ID)))
		require.NoError(t, tx.History().Delete(ctx, historyID(9)))
		_, err := tx.History().Update(ctx, historyID(8), func(h *leads.HistoryItem) error {
			h.Records = []uuid.UUID{b.ID}
			return nil
		})
		require.NoError(t, err)
		require.Equal(t, want(11, 7, 6, 5), historyIDs(byRecord(t, tx, a.ID, leads.HistoryFilter{Limit: 4})))
		require.Equal(t, want(10, 8, 6), historyIDs(byRecord(t, tx, b.ID, leads.HistoryFilter{Limit: 3})))
		return nil
	})
	require.NoError(t, err)
	require.Equal(t, want(11, 7, 6, 5), historyIDs(byRecord(t, s, a.ID, leads.HistoryFilter{Limit: 4})))

	// An invalid filter is one error.
	var errs []error
	for _, err := range s.History().ByRecord(ctx, a.ID, leads.HistoryFilter{Kinds: []leads.HistoryKind{"fax"}}) {
		errs = append(errs, err)
	}
	require.Len(t, errs, 1)
	require.ErrorIs(t, errs[0], leads.ErrInvalid)

	// Stopping early is allowed.
	n := 0
	for range s.History().ByRecord(ctx, a.ID, leads.HistoryFilter{}) {
		n++
		break
	}
	require.Equal(t, 1, n)
}

func testHistoryAliasing(t *testing.T, s leads.Store) {
	a := Sample(1)
	create(t, s, a)
	h := SampleHistory(0, a.ID)
	h.Kind, h.Changes = leads.KindChange, []leads.FieldChange{{Field: "company", From: []byte(`"A"`), To: []byte(`"B"`)}}
	h.Text = ""
	require.NoError(t, s.History().Create(ctx, h))
	h.Records[0] = uuid.Nil
	h.Changes[0].To[1] = 'X'

	got, err := s.History().Get(ctx, h.ID)
	require.NoError(t, err)
	require.Equal(t, a.ID, got.Records[0], "changing what was created does not change the store")
	require.Equal(t, `"B"`, string(got.Changes[0].To))
	got.Records[0] = uuid.Nil
	got.Changes[0].To[1] = 'Y'
	listed := byRecord(t, s, a.ID, leads.HistoryFilter{})
	require.Len(t, listed, 1)
	require.Equal(t, a.ID, listed[0].Records[0], "changing what Get returned does not change the store")
	require.Equal(t, `"B"`, string(listed[0].Changes[0].To))
	listed[0].Records = append(listed[0].Records[:0], uuid.Nil)
	again, err := s.History().Get(ctx, h.ID)
	require.NoError(t, err)
	require.Equal(t, []uuid.UUID{a.ID}, again.Records, "changing what ByRecord returned does not change the store")

	var kept *leads.HistoryItem
	_, err = s.History().Update(ctx, h.ID, func(cur *leads.HistoryItem) error { kept = cur; cur.Subject = "x"; return nil })
	require.NoError(t, err)
	kept.Records[0] = uuid.Nil
	again, err = s.History().Get(ctx, h.ID)
	require.NoError(t, err)
	require.Equal(t, []uuid.UUID{a.ID}, again.Records, "an update function that keeps its pointer cannot change the store")
}

func testHistoryAtomicRollsBack(t *testing.T, s leads.Store) {
	a := Sample(1)
	create(t, s, a)
	require.NoError(t, s.History().Create(ctx, SampleHistory(0, a.ID)))
	errStop := errors.New("stop")
	err := s.Atomic(ctx, func(tx leads.Tx) error {
		for i := 1; i < 5; i++ {
			require.NoError(t, tx.History().Create(ctx, SampleHistory(i, a.ID)))
		}
		require.NoError(t, tx.History().Delete(ctx, historyID(0)))
		_, err := tx.Leads().Update(ctx, a.ID, func(l *leads.Lead) error { l.JobTitle = "lost"; return nil })
		require.NoError(t, err)
		return errStop
	})
	require.ErrorIs(t, err, errStop)
	require.Equal(t, []uuid.UUID{historyID(0)}, historyIDs(byRecord(t, s, a.ID, leads.HistoryFilter{})))
	for i := 1; i < 5; i++ {
		_, err := s.History().Get(ctx, historyID(i))
		require.ErrorIs(t, err, leads.ErrNotFound)
	}
}

// testLoggedUpdate checks the optional leads.LoggedUpdater of a lead
// repository: the update and its items are one write.
func testLoggedUpdate(t *testing.T, s leads.Store) {
	u, ok := s.Leads().(leads.LoggedUpdater)
	if !ok {
		t.Skip("the lead repository has no UpdateLogged")
	}
	a := Sample(1)
	create(t, s, a)
	l, err := u.UpdateLogged(ctx, a.ID, func(cur *leads.Lead) ([]*leads.HistoryItem, error) {
		cur.JobTitle = "Logged"
		return []*leads.HistoryItem{SampleHistory(0, a.ID), SampleHistory(1, a.ID)}, nil
	})
	require.NoError(t, err)
	require.Equal(t, "Logged", l.JobTitle)
	require.EqualValues(t, 2, l.Version)
	require.Equal(t, []uuid.UUID{historyID(1), historyID(0)}, historyIDs(byRecord(t, s, a.ID, leads.HistoryFilter{})))

	// An item whose ID is in use fails the whole write, lead included.
	_, err = u.UpdateLogged(ctx, a.ID, func(cur *leads.Lead) ([]*leads.HistoryItem, error) {
		cur.JobTitle = "Lost"
		return []*leads.HistoryItem{SampleHistory(2, a.ID), SampleHistory(0, a.ID)}, nil
	})
	require.ErrorIs(t, err, leads.ErrConflict)
	errStop := errors.New("stop")
	_, err = u.UpdateLogged(ctx, a.ID, func(cur *leads.Lead) ([]*leads.HistoryItem, error) {
		cur.JobTitle = "Lost"
		return nil, errStop
	})
	require.ErrorIs(t, err, errStop)
	_, err = u.UpdateLogged(ctx, uuid.Must(uuid.NewV7()), func(*leads.Lead) ([]*leads.HistoryItem, error) { return nil, nil })
	require.ErrorIs(t, err, leads.ErrNotFound)
	got, err := s.Leads().Get(ctx, a.ID)
	require.NoError(t, err)
	require.Equal(t, "Logged", got.JobTitle)
	require.EqualValues(t, 2, got.Version)
	_, err = s.History().Get(ctx, historyID(2))
	require.ErrorIs(t, err, leads.ErrNotFound)
}

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

// testHistoryManyAtOnce writes and deletes many items of one record in
// single transactions, as loading and deleting a record with a long
// history do.
func testHistoryManyAtOnce(t *testing.T, s leads.Store) {
	a, b := Sample(1), Sample(2)
	create(t, s, a, b)
	const n = 300
	for i := 0; i < n; i += 3 { // a few one at a time first
		require.NoError(t, s.History().Create(ctx, SampleHistory(i, a.ID)))
	}
	require.NoError(t, s.Atomic(ctx, func(tx leads.Tx) error {
		for i := range n {
			if i%3 == 0 {
				continue
			}
			recs := []uuid.UUID{a.ID}
			if i%2 == 0 {
				recs = append(recs, b.ID)
			}
			if err := tx.History().Create(ctx, SampleHistory(i, recs...)); err != nil {
				return err
			}
		}
		return nil
	}))
	got := byRecord(t, s, a.ID, leads.HistoryFilter{})
	require.Len(t, got, n)
	for i := 1; i < n; i++ {
		require.Negative(t, leads.CompareHistory(got[i-1], got[i]), "newest first at %d", i)
	}
	require.Len(t, byRecord(t, s, b.ID, leads.HistoryFilter{}), n/3)
	require.Equal(t, historyIDs(got[:7]), historyIDs(byRecord(t, s, a.ID, leads.HistoryFilter{Limit: 7})))

	// Unlink every even item from a, delete every item divisible by 5.
	require.NoError(t, s.Atomic(ctx, func(tx leads.Tx) error {
		for i := range n {
			var err error
			switch {
			case i%5 == 0:
				err = tx.History().Delete(ctx, historyID(i))
			case i%2 == 0:
				_, err = tx.History().Update(ctx, historyID(i), func(h *leads.HistoryItem) error {
					h.Records = []uuid.UUID{b.ID}
					return nil
				})
			}
			if err != nil {
				return err
			}
		}
		return nil
	}))
	var want []uuid.UUID
	for i := n - 1; i >= 0; i-- {
		if i%5 != 0 && i%2 != 0 {
			want = append(want, historyID(i))
		}
	}
	require.Equal(t, want, historyIDs(byRecord(t, s, a.ID, leads.HistoryFilter{})))
	require.Len(t, byRecord(t, s, b.ID, leads.HistoryFilter{}), n/2-n/10)
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

// testHistoryRecordTwice stores an item that names a record twice (a Book
// refuses it, a store need not): it is listed once, and updates and deletes
// leave nothing stale behind.
func testHistoryRecordTwice(t *testing.T, s leads.Store) {
	a := Sample(1)
	create(t, s, a)
	require.NoError(t, s.History().Create(ctx, SampleHistory(0, a.ID, a.ID)))
	require.Equal(t, []uuid.UUID{historyID(0)}, historyIDs(byRecord(t, s, a.ID, leads.HistoryFilter{})))
	_, err := s.History().Update(ctx, historyID(0), func(h *leads.HistoryItem) error { h.Subject = "new"; return nil })
	require.NoError(t, err)
	got := byRecord(t, s, a.ID, leads.HistoryFilter{})
	require.Len(t, got, 1)
	require.Equal(t, "new", got[0].Subject)
	require.NoError(t, s.History().Delete(ctx, historyID(0)))
	require.Empty(t, byRecord(t, s, a.ID, leads.HistoryFilter{}))
}
