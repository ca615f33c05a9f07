package leads_test

import (
	"encoding/json"
	"errors"
	"fmt"
	"testing"
	"time"

	"github.com/google/uuid"
	"github.com/stretchr/testify/require"

	"github.com/leadkit/leads"
)

func TestCanMove(t *testing.T) {
	all := []leads.Status{leads.StatusNew, leads.StatusContacted, leads.StatusQualified,
		leads.StatusDisqualified, leads.StatusRecycled, leads.StatusConverted}
	allowed := map[[2]leads.Status]bool{
		{leads.StatusNew, leads.StatusContacted}:          true,
		{leads.StatusNew, leads.StatusQualified}:          true,
		{leads.StatusContacted, leads.StatusQualified}:    true,
		{leads.StatusNew, leads.StatusDisqualified}:       true,
		{leads.StatusContacted, leads.StatusDisqualified}: true,
		{leads.StatusQualified, leads.StatusDisqualified}: true,
		{leads.StatusDisqualified, leads.StatusRecycled}:  true,
		{leads.StatusRecycled, leads.StatusNew}:           true,
	}
	for _, from := range all {
		for _, to := range all {
			t.Run(fmt.Sprintf("%s→%s", from, to), func(t *testing.T) {
				require.Equal(t, allowed[[2]leads.Status{from, to}], leads.CanMove(from, to))
			})
		}
	}
	require.True(t, leads.CanMove("", leads.StatusContacted), "no status is new")
	require.Len(t, leads.Transitions(), len(allowed))
	for _, tr := range leads.Transitions() {
		require.NotEqual(t, leads.StatusConverted, tr.To, "converted only by Convert")
	}
	require.Equal(t, []leads.Status{leads.StatusRecycled}, leads.NextStatuses(leads.StatusDisqualified))

	// The table handed out is a copy.
	tr := leads.Transitions()
	tr[0].To = leads.StatusConverted
	require.False(t, leads.CanMove(leads.StatusNew, leads.StatusConverted))
}

func TestTransitionError(t *testing.T) {
	id := uuid.MustParse("01936d2a-7c4e-7b3a-9f10-2c3d4e5f6a7b")
	err := error(&leads.TransitionError{ID: id, From: leads.StatusNew, To: leads.StatusRecycled})
	require.ErrorIs(t, err, leads.ErrTransition)
	require.NotErrorIs(t, err, leads.ErrInvalid)
	require.Equal(t, "leads: lead "+id.String()+": status cannot move from new to recycled (from new: contacted, qualified, disqualified)", err.Error())
	err = &leads.TransitionError{From: leads.StatusQualified, To: leads.StatusConverted}
	require.Equal(t, "leads: status cannot move from qualified to converted (a lead is converted only by Convert)", err.Error())
}

func TestSetStatusRecordsSteps(t *testing.T) {
	b, clock, ctx := newBook(t)
	l := mustCreate(t, b, ctx, &leads.Lead{FullName: "Ada Lovelace"})
	require.Equal(t, leads.StatusNew, l.Status)
	created := l.CreatedAt

	contactedAt := clock.Advance(90 * time.Minute).UTC()
	got, err := b.SetStatus(leads.WithActor(ctx, "bob"), l.ID, leads.StatusContacted, leads.StatusChange{})
	require.NoError(t, err)
	require.Equal(t, leads.StatusContacted, got.Status)
	require.Equal(t, []leads.StatusStep{{Status: leads.StatusContacted, At: contactedAt, By: "bob"}}, got.StatusHistory)
	require.Equal(t, contactedAt, got.UpdatedAt)
	require.Empty(t, got.Comments, "no note, no comment")

	qualifiedAt := clock.Advance(24 * time.Hour).UTC()
	got, err = b.SetStatus(ctx, l.ID, leads.StatusQualified, leads.StatusChange{Note: "  Budget confirmed.  "})
	require.NoError(t, err)
	require.Equal(t, []leads.StatusStep{
		{Status: leads.StatusContacted, At: contactedAt, By: "bob"},
		{Status: leads.StatusQualified, At: qualifiedAt, By: "alice"},
	}, got.StatusHistory)
	require.Equal(t, []leads.Comment{{At: qualifiedAt, Author: "alice", Text: "Budget confirmed."}}, got.Comments)

	stored, err := b.Get(ctx, l.ID)
	require.NoError(t, err)
	require.Equal(t, got, stored)

	d, ok := leads.TimeToFirstContact(stored)
	require.True(t, ok)
	require.Equal(t, 90*time.Minute, d)
	require.Equal(t, contactedAt.Sub(created), d)
	_, ok = leads.TimeToConversion(stored)
	require.False(t, ok, "not converted yet")

	convertedAt := clock.Advance(2 * time.Hour).UTC()
	conv, err := b.Convert(ctx, l.ID, leads.ConvertOptions{})
	require.NoError(t, err)
	require.Equal(t, leads.StatusConverted, conv.Contact.Status)
	require.Equal(t, leads.StatusStep{Status: leads.StatusConverted, At: convertedAt, By: "alice"},
		conv.Contact.StatusHistory[len(conv.Contact.StatusHistory)-1])
	d, ok = leads.TimeToConversion(conv.Contact)
	require.True(t, ok)
	require.Equal(t, 90*time.Minute+26*time.Hour, d)

	// A converted record keeps its status.
	_, err = b.SetStatus(ctx, l.ID, leads.StatusDisqualified, leads.StatusChange{Reason: "Other"})
	var te *leads.TransitionError
	require.ErrorAs(t, err, &te)
	require.Equal(t, leads.TransitionError{ID: l.ID, From: leads.StatusConverted, To: leads.StatusDisqualified}, *te)
}

func TestSetStatusDisqualifyAndRecycle(t *testing.T) {
	b, clock, ctx := newBook(t)
	l := mustCreate(t, b, ctx, &leads.Lead{FullName: "Grace Hopper"})

	// A reason is required; blank is none.
	for _, reason := range []string{"", "   "} {
		_, err := b.SetStatus(ctx, l.ID, leads.StatusDisqualified, leads.StatusChange{Reason: reason, Note: "closing"})
		requireFieldErrors(t, err, "reason")
	}
	unchanged, err := b.Get(ctx, l.ID)
	require.NoError(t, err)
	require.Equal(t, l, unchanged, "a refused change changes nothing")

	// A customary reason, and one typed in: both kept as given.
	require.Contains(t, leads.DisqualifyReasons(), "No budget")
	at := clock.Advance(time.Hour).UTC()
	got, err := b.SetStatus(ctx, l.ID, leads.StatusDisqualified, leads.StatusChange{Reason: " No budget ", Note: "Try again next fiscal year."})
	require.NoError(t, err)
	require.Equal(t, leads.StatusDisqualified, got.Status)
	require.Equal(t, []leads.StatusStep{{Status: leads.StatusDisqualified, At: at, By: "alice", Reason: "No budget"}}, got.StatusHistory)
	require.Equal(t, []leads.Comment{{At: at, Author: "alice", Text: "Try again next fiscal year."}}, got.Comments)

	// Disqualified leads only recycle, and recycled ones only go back to new.
	for _, to := range []leads.Status{leads.StatusNew, leads.StatusContacted, leads.StatusQualified, leads.StatusDisqualified, leads.StatusConverted} {
		_, err := b.SetStatus(ctx, l.ID, to, leads.StatusChange{Reason: "Other"})
		require.ErrorIs(t, err, leads.ErrTransition, "disqualified → %s", to)
	}
	_, err = b.SetStatus(ctx, l.ID, leads.StatusRecycled, leads.StatusChange{})
	require.NoError(t, err)
	got, err = b.SetStatus(ctx, l.ID, leads.StatusNew, leads.StatusChange{})
	require.NoError(t, err)
	require.Equal(t, leads.StatusNew, got.Status)
	require.Equal(t, []leads.Status{leads.StatusDisqualified, leads.StatusRecycled, leads.StatusNew},
		[]leads.Status{got.StatusHistory[0].Status, got.StatusHistory[1].Status, got.StatusHistory[2].Status})

	// A reason typed in is kept as given. The lead was never contacted, so
	// its first contact is the first step past new: the first disqualified.
	got, err = b.SetStatus(ctx, l.ID, leads.StatusDisqualified, leads.StatusChange{Reason: "Moved to a partner"})
	require.NoError(t, err)
	require.Equal(t, "Moved to a partner", got.StatusHistory[3].Reason)
	d, ok := leads.TimeToFirstContact(got)
	require.True(t, ok)
	require.Equal(t, time.Hour, d, "the first step past new")
}

func TestSetStatusRefusalsChangeNothing(t *testing.T) {
	b, _, ctx := newBook(t)
	l := mustCreate(t, b, ctx, &leads.Lead{FullName: "Alan Turing"})
	for name, tc := range map[string]struct {
		to     leads.Status
		change leads.StatusChange
		is     error
	}{
		"to converted":    {to: leads.StatusConverted, is: leads.ErrTransition},
		"to recycled":     {to: leads.StatusRecycled, is: leads.ErrTransition},
		"to itself":       {to: leads.StatusNew, is: leads.ErrTransition},
		"unknown status":  {to: "won", is: leads.ErrInvalid},
		"empty status":    {to: "", is: leads.ErrInvalid},
		"bad note":        {to: leads.StatusContacted, change: leads.StatusChange{Note: "a\x00b"}, is: leads.ErrInvalid},
		"bad reason text": {to: leads.StatusDisqualified, change: leads.StatusChange{Reason: "x\x00"}, is: leads.ErrInvalid},
	} {
		t.Run(name, func(t *testing.T) {
			_, err := b.SetStatus(ctx, l.ID, tc.to, tc.change)
			require.ErrorIs(t, err, tc.is)
			now, err := b.Get(ctx, l.ID)
			require.NoError(t, err)
			require.Equal(t, l, now)
			changes, err := leads.Collect(b.History().Changes(ctx, l.ID))
			require.NoError(t, err)
			require.Empty(t, changes)
		})
	}
	_, err := b.SetStatus(ctx, uuid.New(), leads.StatusContacted, leads.StatusChange{})
	require.ErrorIs(t, err, leads.ErrNotFound)
}

func TestSetStatusLogsChange(t *testing.T) {
	b, clock, ctx := newBook(t)
	l := mustCreate(t, b, ctx, &leads.Lead{FullName: "Edsger Dijkstra"})
	at := clock.Advance(time.Minute).UTC()
	_, err := b.SetStatus(ctx, l.ID, leads.StatusContacted, leads.StatusChange{Note: "Called."})
	require.NoError(t, err)
	changes, err := leads.Collect(b.History().Changes(ctx, l.ID))
	require.NoError(t, err)
	require.Len(t, changes, 1)
	h := changes[0]
	require.Equal(t, at, h.At)
	fields := map[string]leads.FieldChange{}
	for _, fc := range h.Changes {
		fields[fc.Field] = fc
	}
	require.JSONEq(t, `"new"`, string(fields["status"].From))
	require.JSONEq(t, `"contacted"`, string(fields["status"].To))
	require.Contains(t, fields, "status_history")
	var steps []leads.StatusStep
	require.NoError(t, json.Unmarshal(fields["status_history"].To, &steps))
	require.Equal(t, []leads.StatusStep{{Status: leads.StatusContacted, At: at, By: "alice"}}, steps)
	require.Contains(t, fields, "comments")
}

func TestStatusHistoryValidated(t *testing.T) {
	b, _, ctx := newBook(t)
	_, err := b.Create(ctx, &leads.Lead{FullName: "Barbara Liskov", StatusHistory: []leads.StatusStep{
		{Status: leads.StatusContacted, At: t0},
		{Status: "won", At: t0},
		{Status: leads.StatusQualified},
		{Status: leads.StatusDisqualified, At: t0, By: "a\x00", Reason: "b\x00"},
	}})
	requireFieldErrors(t, err, "status_history[1].status", "status_history[2].at",
		"status_history[3].by", "status_history[3].reason")
	require.Zero(t, count(t, b, ctx))
}

func TestLeadCloneStatusHistory(t *testing.T) {
	l := &leads.Lead{StatusHistory: []leads.StatusStep{{Status: leads.StatusContacted, At: t0}}}
	c := l.Clone()
	c.StatusHistory[0].Status = leads.StatusQualified
	require.Equal(t, leads.StatusContacted, l.StatusHistory[0].Status)
}

func TestTimeToConversionWithoutSteps(t *testing.T) {
	l := &leads.Lead{CreatedAt: t0, ConvertedAt: t0.Add(3 * time.Hour)}
	d, ok := leads.TimeToConversion(l)
	require.True(t, ok, "records converted before steps were kept")
	require.Equal(t, 3*time.Hour, d)
	_, ok = leads.TimeToFirstContact(l)
	require.False(t, ok)
	_, ok = leads.TimeToConversion(&leads.Lead{CreatedAt: t0})
	require.False(t, ok)
	require.True(t, errors.Is(&leads.TransitionError{}, leads.ErrTransition))
}

func TestEditKeepsStatusStep(t *testing.T) {
	b, clock, ctx := newBook(t)
	l := mustCreate(t, b, ctx, &leads.Lead{FullName: "Hedy Lamarr"})
	at := clock.Advance(time.Hour).UTC()
	got, err := b.Edit(ctx, l.ID, func(l *leads.Lead) error {
		l.Status = "Qualified"
		return nil
	})
	require.NoError(t, err)
	require.Equal(t, leads.StatusQualified, got.Status)
	require.Equal(t, []leads.StatusStep{{Status: leads.StatusQualified, At: at, By: "alice"}}, got.StatusHistory,
		"a plain edit of the status keeps its time")

	// An edit that leaves the status alone adds no step, nor does one that
	// brings its own.
	got, err = b.Edit(ctx, l.ID, func(l *leads.Lead) error {
		l.Company = "Hollywood"
		return nil
	})
	require.NoError(t, err)
	require.Len(t, got.StatusHistory, 1)
	mine := leads.StatusStep{Status: leads.StatusDisqualified, At: t0.UTC(), By: "import", Reason: "No need"}
	got, err = b.Edit(ctx, l.ID, func(l *leads.Lead) error {
		l.Status = leads.StatusDisqualified
		l.StatusHistory = append(l.StatusHistory, mine)
		return nil
	})
	require.NoError(t, err)
	require.Equal(t, mine, got.StatusHistory[1])
	require.Len(t, got.StatusHistory, 2)
}
