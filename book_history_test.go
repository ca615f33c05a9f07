package leads_test

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/google/uuid"
	"github.com/stretchr/testify/require"

	"github.com/leadkit/leads"
	"github.com/leadkit/leads/storage/memory"
)

func historyKinds(hs []*leads.HistoryItem) []leads.HistoryKind {
	var out []leads.HistoryKind
	for _, h := range hs {
		out = append(out, h.Kind)
	}
	return out
}

func TestBookComment(t *testing.T) {
	b, clock, ctx := newBook(t)
	l := mustCreate(t, b, ctx, &leads.Lead{FullName: "Ada Lovelace"})
	_, err := b.Comment(ctx, l.ID, "  Called, very interested ")
	require.NoError(t, err)
	clock.Advance(time.Hour)
	got, err := b.Comment(leads.WithActor(context.Background(), "bob"), l.ID, "Sent the quote")
	require.NoError(t, err)
	require.Equal(t, []leads.Comment{
		{At: t0.UTC(), Author: "alice", Text: "Called, very interested"},
		{At: t0.Add(time.Hour).UTC(), Author: "bob", Text: "Sent the quote"},
	}, got.Comments, "in the order added, with time and author")
	stored, err := b.Get(ctx, l.ID)
	require.NoError(t, err)
	require.Equal(t, got.Comments, stored.Comments)

	_, err = b.Comment(ctx, l.ID, "  ")
	requireFieldErrors(t, err, "text")
	_, err = b.Comment(ctx, uuid.Must(uuid.NewV7()), "x")
	require.ErrorIs(t, err, leads.ErrNotFound)

	// Each comment is in the change log with only the new entry.
	log, err := leads.Collect(b.History().Changes(ctx, l.ID))
	require.NoError(t, err)
	require.Len(t, log, 2)
	require.Equal(t, "bob", log[0].CreatedBy)
	require.Equal(t, []leads.FieldChange{{Field: "comments", From: []byte("null"),
		To: []byte(`[{"at":"2026-11-27T10:30:00Z","author":"bob","text":"Sent the quote"}]`)}}, log[0].Changes)
}

func TestBookAddHistory(t *testing.T) {
	b, clock, ctx := newBook(t)
	ada := mustCreate(t, b, ctx, &leads.Lead{FullName: "Ada Lovelace"})
	bob := mustCreate(t, b, ctx, &leads.Lead{FullName: "Bob Babbage"})
	start := time.Date(2026, 12, 1, 15, 0, 0, 0, time.FixedZone("CET", 3600))

	call, err := b.History().Create(ctx, &leads.HistoryItem{Kind: leads.KindPhone, Subject: " First call ", Records: []uuid.UUID{ada.ID, bob.ID},
		Direction: leads.DirectionOut, Number: "555 0100", Start: start, Duration: 12 * time.Minute})
	require.NoError(t, err)
	require.NotEqual(t, uuid.Nil, call.ID)
	require.Equal(t, "First call", call.Subject)
	require.Equal(t, start.UTC(), call.At, "a call sorts by its start")
	require.Equal(t, start.UTC(), call.Start)
	require.Equal(t, t0.UTC(), call.CreatedAt)
	require.Equal(t, "alice", call.CreatedBy)
	require.EqualValues(t, 1, call.Version)

	clock.Advance(time.Minute)
	note, err := b.History().Create(ctx, &leads.HistoryItem{Kind: leads.KindNote, Subject: "Budget", Text: "Q1", Records: []uuid.UUID{ada.ID}})
	require.NoError(t, err)
	require.Equal(t, t0.Add(time.Minute).UTC(), note.At, "a note without a time is stamped now")
	task, err := b.History().Create(ctx, &leads.HistoryItem{Kind: leads.KindTask, Subject: "Quote", Records: []uuid.UUID{ada.ID}, Due: start.Add(48 * time.Hour)})
	require.NoError(t, err)

	hist, err := leads.Collect(b.History().List(ctx, ada.ID, leads.HistoryFilter{}))
	require.NoError(t, err)
	require.Equal(t, []uuid.UUID{task.ID, call.ID, note.ID}, historyIDs(hist), "newest first")
	hist, err = leads.Collect(b.History().List(ctx, bob.ID, leads.HistoryFilter{}))
	require.NoError(t, err)
	require.Equal(t, []uuid.UUID{call.ID}, historyIDs(hist))
	hist, err = leads.Collect(b.History().List(ctx, ada.ID, leads.HistoryFilter{Kinds: []leads.HistoryKind{leads.KindNote}}))
	require.NoError(t, err)
	require.Equal(t, []uuid.UUID{note.ID}, historyIDs(hist))
	hist, err = leads.Collect(b.History().List(ctx, ada.ID, leads.HistoryFilter{From: start, To: start.Add(time.Hour)}))
	require.NoError(t, err)
	require.Equal(t, []uuid.UUID{call.ID}, historyIDs(hist))
	_, err = leads.Collect(b.History().List(ctx, uuid.Must(uuid.NewV7()), leads.HistoryFilter{}))
	require.ErrorIs(t, err, leads.ErrNotFound)
	_, err = leads.Collect(b.History().List(ctx, ada.ID, leads.HistoryFilter{Limit: -1}))
	requireFieldErrors(t, err, "limit")

	// Bad input: clear errors, nothing stored.
	missing := uuid.Must(uuid.NewV7())
	for name, tc := range map[string]struct {
		h      leads.HistoryItem
		fields []string
	}{
		"missing record": {leads.HistoryItem{Kind: leads.KindNote, Subject: "x", Records: []uuid.UUID{ada.ID, missing}}, []string{"records[1]"}},
		"no record":      {leads.HistoryItem{Kind: leads.KindNote, Subject: "x"}, []string{"records"}},
		"ends early": {leads.HistoryItem{Kind: leads.KindAppointment, Subject: "x", Records: []uuid.UUID{ada.ID},
			Start: start, End: start.Add(-time.Hour)}, []string{"end"}},
		"negative duration": {leads.HistoryItem{Kind: leads.KindPhone, Subject: "x", Records: []uuid.UUID{ada.ID},
			Direction: leads.DirectionIn, Start: start, Duration: -time.Minute}, []string{"duration"}},
		"unknown kind": {leads.HistoryItem{Kind: "fax", Subject: "x", Records: []uuid.UUID{ada.ID}}, []string{"kind"}},
		"a change":     {leads.HistoryItem{Kind: leads.KindChange, Records: []uuid.UUID{ada.ID}}, []string{"kind"}},
	} {
		_, err := b.History().Create(ctx, &tc.h)
		requireFieldErrors(t, err, tc.fields...)
		hist, err := leads.Collect(b.History().List(ctx, ada.ID, leads.HistoryFilter{}))
		require.NoError(t, err)
		require.Len(t, hist, 3, "%s: nothing stored", name)
	}
}

func TestBookEditDeleteHistory(t *testing.T) {
	b, clock, ctx := newBook(t)
	ada := mustCreate(t, b, ctx, &leads.Lead{FullName: "Ada Lovelace"})
	bob := mustCreate(t, b, ctx, &leads.Lead{FullName: "Bob Babbage"})
	start := time.Date(2026, 12, 1, 15, 0, 0, 0, time.UTC)
	appt, err := b.History().Create(ctx, &leads.HistoryItem{Kind: leads.KindAppointment, Subject: "Demo", Records: []uuid.UUID{ada.ID},
		Start: start, End: start.Add(time.Hour)})
	require.NoError(t, err)

	clock.Advance(time.Hour)
	got, err := b.History().Edit(leads.WithActor(context.Background(), "bob"), appt.ID, func(h *leads.HistoryItem) error {
		h.Start, h.End = start.Add(24*time.Hour), start.Add(25*time.Hour)
		h.Records = append(h.Records, bob.ID)
		h.CreatedBy = "mallory"
		return nil
	})
	require.NoError(t, err)
	require.Equal(t, start.Add(24*time.Hour), got.At, "At follows the new start")
	require.Equal(t, "alice", got.CreatedBy, "creation stamps stay")
	require.Equal(t, "bob", got.UpdatedBy)
	require.Equal(t, t0.Add(time.Hour).UTC(), got.UpdatedAt)
	require.EqualValues(t, 2, got.Version)

	for name, fn := range map[string]func(*leads.HistoryItem) error{
		"ends early":     func(h *leads.HistoryItem) error { h.End = h.Start.Add(-time.Minute); return nil },
		"missing record": func(h *leads.HistoryItem) error { h.Records = append(h.Records, uuid.Must(uuid.NewV7())); return nil },
		"to a change":    func(h *leads.HistoryItem) error { h.Kind = leads.KindChange; return nil },
		"fn fails":       func(h *leads.HistoryItem) error { h.Subject = "lost"; return errors.New("stop") },
	} {
		_, err := b.History().Edit(ctx, appt.ID, fn)
		require.Error(t, err, name)
		stored, err := b.History().Get(ctx, appt.ID)
		require.NoError(t, err)
		require.Equal(t, got, stored, "%s: nothing changed", name)
	}

	// Change log entries are the Book's: no edits, no deletes.
	_, err = b.Edit(ctx, ada.ID, func(l *leads.Lead) error { l.Company = "Engines"; return nil })
	require.NoError(t, err)
	log, err := leads.Collect(b.History().Changes(ctx, ada.ID))
	require.NoError(t, err)
	require.Len(t, log, 1)
	_, err = b.History().Edit(ctx, log[0].ID, func(h *leads.HistoryItem) error { h.Subject = "x"; return nil })
	requireFieldErrors(t, err, "kind")
	requireFieldErrors(t, b.History().Delete(ctx, log[0].ID), "kind")

	require.NoError(t, b.History().Delete(ctx, appt.ID))
	_, err = b.History().Get(ctx, appt.ID)
	require.ErrorIs(t, err, leads.ErrNotFound)
	require.ErrorIs(t, b.History().Delete(ctx, appt.ID), leads.ErrNotFound)
}

func TestBookChangeLog(t *testing.T) {
	b, clock, ctx := newBook(t)
	l := mustCreate(t, b, ctx, &leads.Lead{FullName: "Ada Lovelace", Company: "Analytical"})
	hist, err := leads.Collect(b.History().List(ctx, l.ID, leads.HistoryFilter{}))
	require.NoError(t, err)
	require.Empty(t, hist, "creation is not a change")

	clock.Advance(time.Minute)
	edited, err := b.Edit(ctx, l.ID, func(l *leads.Lead) error {
		l.FullName, l.Company = "Ada King", ""
		return nil
	})
	require.NoError(t, err)
	log, err := leads.Collect(b.History().Changes(ctx, l.ID))
	require.NoError(t, err)
	require.Len(t, log, 1)
	e := log[0]
	require.Equal(t, leads.KindChange, e.Kind)
	require.Equal(t, []uuid.UUID{l.ID}, e.Records)
	require.Equal(t, t0.Add(time.Minute).UTC(), e.At)
	require.Equal(t, "alice", e.CreatedBy)
	var fields []string
	for _, c := range e.Changes {
		fields = append(fields, c.Field)
	}
	// The derived name parts and File As change with the name.
	require.Equal(t, []string{"full_name", "last_name", "file_as", "company"}, fields)
	require.Equal(t, leads.FieldChange{Field: "company", From: []byte(`"Analytical"`), To: []byte("null")}, e.Changes[3])
	require.Equal(t, "Changed full_name, last_name, file_as, company", e.Subject)

	// Save, scoring and edits that change nothing.
	clock.Advance(time.Minute)
	edited.JobTitle = "Countess"
	_, err = save(leads.WithActor(context.Background(), "bob"), b, edited)
	require.NoError(t, err)
	_, err = b.Edit(ctx, l.ID, func(*leads.Lead) error { return nil })
	require.NoError(t, err)
	_, err = b.ScoreManually(ctx, l.ID, 4)
	require.NoError(t, err)
	crit := leads.DefaultCriteria()[0].ID
	_, err = b.ScoreAutomatically(ctx, l.ID)
	require.NoError(t, err)
	_, err = b.Check(ctx, l.ID, map[uuid.UUID]bool{crit: true})
	require.NoError(t, err)
	log, err = leads.Collect(b.History().Changes(ctx, l.ID))
	require.NoError(t, err)
	require.Len(t, log, 5, "an edit that changes nothing leaves no entry")
	require.Equal(t, "bob", log[3].CreatedBy, "saved by bob")
	require.Equal(t, "job_title", log[3].Changes[0].Field)
	require.Equal(t, "score", log[2].Changes[0].Field)
	require.Equal(t, []string{"score", "checks"}, []string{log[0].Changes[0].Field, log[0].Changes[1].Field})

	// Failed updates leave no entry.
	_, err = save(ctx, b, edited) // stale
	require.ErrorIs(t, err, leads.ErrConflict)
	_, err = b.Edit(ctx, l.ID, func(l *leads.Lead) error { l.AccountID = uuid.Must(uuid.NewV7()); return nil })
	requireFieldErrors(t, err, "account_id")
	log2, err := leads.Collect(b.History().Changes(ctx, l.ID))
	require.NoError(t, err)
	require.Equal(t, historyIDs(log), historyIDs(log2))

	// Rescoring logs the records it changes, in the same write.
	_, err = b.Criteria().Edit(ctx, crit, func(c *leads.Criterion) error { c.Weight = leads.WeightLow; return nil })
	require.NoError(t, err)
	log2, err = leads.Collect(b.History().Changes(ctx, l.ID))
	require.NoError(t, err)
	require.Len(t, log2, 6)
	require.Equal(t, "score", log2[0].Changes[0].Field)
	n, err := b.RescoreIDs(ctx, l.ID)
	require.NoError(t, err)
	require.Zero(t, n)
	require.NoError(t, b.Criteria().Delete(ctx, crit))
	log2, err = leads.Collect(b.History().Changes(ctx, l.ID))
	require.NoError(t, err)
	require.Len(t, log2, 7)
	require.Equal(t, []string{"score", "checks"}, []string{log2[0].Changes[0].Field, log2[0].Changes[1].Field})

	// The log is part of the history; filtering by kind leaves it out.
	_, err = b.History().Create(ctx, &leads.HistoryItem{Kind: leads.KindNote, Subject: "n", Records: []uuid.UUID{l.ID}})
	require.NoError(t, err)
	all, err := leads.Collect(b.History().List(ctx, l.ID, leads.HistoryFilter{}))
	require.NoError(t, err)
	require.Len(t, all, 8)
	notes, err := leads.Collect(b.History().List(ctx, l.ID, leads.HistoryFilter{Kinds: []leads.HistoryKind{leads.KindNote}}))
	require.NoError(t, err)
	require.Equal(t, []leads.HistoryKind{leads.KindNote}, historyKinds(notes))
}

// refusingHistory is a store whose history refuses to create, to show that
// the change log and the update are one write.
type refusingHistory struct{ *memory.Store }

func (s refusingHistory) Atomic(ctx context.Context, fn func(tx leads.Tx) error) error {
	return s.Store.Atomic(ctx, func(tx leads.Tx) error { return fn(refusingTx{tx}) })
}

type refusingTx struct{ leads.Tx }

func (t refusingTx) History() leads.HistoryRepository { return refusingRepo{t.Tx.History()} }

type refusingRepo struct{ leads.HistoryRepository }

var errRefused = errors.New("refused")

func (refusingRepo) Create(context.Context, *leads.HistoryItem) error { return errRefused }

func TestBookChangeLogAllOrNothing(t *testing.T) {
	store := refusingHistory{memory.New()}
	b := leads.New(store)
	ctx := context.Background()
	l, err := b.Create(ctx, &leads.Lead{FullName: "Ada"})
	require.NoError(t, err)
	_, err = b.Edit(ctx, l.ID, func(l *leads.Lead) error { l.Company = "X"; return nil })
	require.ErrorIs(t, err, errRefused)
	_, err = b.Comment(ctx, l.ID, "hello")
	require.ErrorIs(t, err, errRefused)
	_, err = b.ScoreManually(ctx, l.ID, 3)
	require.ErrorIs(t, err, errRefused)
	_, err = b.Rescore(ctx, leads.Query{})
	require.NoError(t, err, "nothing to rescore, nothing to log")
	got, err := b.Get(ctx, l.ID)
	require.NoError(t, err)
	require.Equal(t, l, got, "the record is unchanged when its log entry cannot be written")
}

func TestBookDeleteCascadesHistory(t *testing.T) {
	b, _, ctx := newBook(t)
	ada := mustCreate(t, b, ctx, &leads.Lead{FullName: "Ada Lovelace"})
	bob := mustCreate(t, b, ctx, &leads.Lead{FullName: "Bob Babbage"})
	only, err := b.History().Create(ctx, &leads.HistoryItem{Kind: leads.KindNote, Subject: "only", Records: []uuid.UUID{ada.ID}})
	require.NoError(t, err)
	shared, err := b.History().Create(ctx, &leads.HistoryItem{Kind: leads.KindNote, Subject: "shared", Records: []uuid.UUID{ada.ID, bob.ID}})
	require.NoError(t, err)
	_, err = b.Comment(ctx, ada.ID, "a comment, so a change log entry")
	require.NoError(t, err)

	require.NoError(t, b.Delete(ctx, ada.ID))
	_, err = b.History().Get(ctx, only.ID)
	require.ErrorIs(t, err, leads.ErrNotFound)
	got, err := b.History().Get(ctx, shared.ID)
	require.NoError(t, err)
	require.Equal(t, []uuid.UUID{bob.ID}, got.Records)
	n := 0
	for h, err := range b.Store().History().ByRecord(ctx, ada.ID, leads.HistoryFilter{}) {
		require.NoError(t, err)
		require.Fail(t, "history left for a deleted record", "%v", h)
		n++
	}
	require.Zero(t, n)
}

func historyIDs(hs []*leads.HistoryItem) []uuid.UUID {
	var out []uuid.UUID
	for _, h := range hs {
		out = append(out, h.ID)
	}
	return out
}

func TestCreateWithHistory(t *testing.T) {
	b, clock, ctx := newBook(t)
	other := mustCreate(t, b, ctx, &leads.Lead{FullName: "Grace Hopper"})
	mail := &leads.HistoryItem{Kind: leads.KindEmail, Subject: "Quote", From: "ada@engines.example",
		Date: clock.Now().Add(-time.Hour), Text: "Please send a quote."}
	note := &leads.HistoryItem{Kind: leads.KindNote, Subject: "Met", Records: []uuid.UUID{other.ID}}
	l, err := b.Create(ctx, &leads.Lead{FullName: "Ada Lovelace",
		Emails: []leads.Email{{Address: "ada@engines.example"}}}, leads.WithHistory(mail, note))
	require.NoError(t, err)
	require.Empty(t, mail.Records, "the items given are not changed")

	got, err := leads.Collect(b.History().List(ctx, l.ID, leads.HistoryFilter{}))
	require.NoError(t, err)
	require.Len(t, got, 2)
	require.Equal(t, leads.KindNote, got[0].Kind, "newest first")
	require.ElementsMatch(t, []uuid.UUID{other.ID, l.ID}, got[0].Records)
	require.Equal(t, []uuid.UUID{l.ID}, got[1].Records)
	got, err = leads.Collect(b.History().List(ctx, other.ID, leads.HistoryFilter{Kinds: []leads.HistoryKind{leads.KindNote}}))
	require.NoError(t, err)
	require.Len(t, got, 1)

	// A bad item, or an item linking a record that does not exist, stores
	// neither the lead nor any item.
	before := count(t, b, ctx)
	_, err = b.Create(ctx, &leads.Lead{FullName: "Bad Item"},
		leads.WithHistory(&leads.HistoryItem{Kind: leads.KindPhone, Duration: -time.Minute, Subject: "call"}))
	require.ErrorIs(t, err, leads.ErrInvalid)
	_, err = b.Create(ctx, &leads.Lead{FullName: "Bad Link"},
		leads.WithHistory(&leads.HistoryItem{Kind: leads.KindNote, Subject: "x", Records: []uuid.UUID{uuid.Must(uuid.NewV7())}}))
	require.ErrorIs(t, err, leads.ErrInvalid)
	_, err = b.Create(ctx, &leads.Lead{FullName: "  "}, leads.WithHistory(mail))
	require.ErrorIs(t, err, leads.ErrInvalid)
	_, err = b.Create(ctx, &leads.Lead{FullName: "Change"}, leads.WithHistory(&leads.HistoryItem{Kind: leads.KindChange}))
	require.ErrorIs(t, err, leads.ErrInvalid)
	require.Equal(t, before, count(t, b, ctx), "nothing was stored")
}
