package leads_test

import (
	"encoding/json"
	"testing"
	"time"

	"github.com/google/uuid"
	"github.com/stretchr/testify/require"

	"github.com/leadkit/leads"
)

var (
	recA = uuid.MustParse("01936d2a-7c4e-7b3a-9f10-00000000000a")
	recB = uuid.MustParse("01936d2a-7c4e-7b3a-9f10-00000000000b")
	h0   = time.Date(2026, 5, 4, 14, 0, 0, 0, time.UTC)
)

func TestHistoryItemValidate(t *testing.T) {
	ok := map[leads.HistoryKind]leads.HistoryItem{
		leads.KindNote:        {Kind: leads.KindNote, Subject: "Pricing", Text: "Wants volume discount"},
		leads.KindPhone:       {Kind: leads.KindPhone, Subject: "Call", Direction: leads.DirectionIn, Number: "555 0100", Start: h0, Duration: 5 * time.Minute},
		leads.KindAppointment: {Kind: leads.KindAppointment, Subject: "Demo", Start: h0, End: h0.Add(time.Hour), Location: "Room 4"},
		leads.KindTask:        {Kind: leads.KindTask, Subject: "Send quote", Due: h0, Priority: leads.PriorityHigh, Done: true},
		leads.KindEmail:       {Kind: leads.KindEmail, Subject: "Re: quote", From: "a@example.com", To: "b@example.com", Date: h0, Text: "Thanks", MessageID: "<1@x>"},
		leads.KindChange:      {Kind: leads.KindChange, Changes: []leads.FieldChange{{Field: "company", From: []byte("null"), To: []byte(`"A"`)}}},
	}
	for kind, h := range ok {
		h.Records = []uuid.UUID{recA}
		require.NoError(t, h.Validate(), "%s", kind)
	}

	with := func(kind leads.HistoryKind, change func(*leads.HistoryItem)) leads.HistoryItem {
		h := ok[kind]
		h.Records = []uuid.UUID{recA}
		change(&h)
		return h
	}
	for name, tc := range map[string]struct {
		h      leads.HistoryItem
		fields []string
	}{
		"unknown kind":           {with(leads.KindNote, func(h *leads.HistoryItem) { h.Kind = "fax" }), []string{"kind"}},
		"kind not canonical":     {with(leads.KindNote, func(h *leads.HistoryItem) { h.Kind = "Note" }), []string{"kind"}},
		"no record":              {with(leads.KindNote, func(h *leads.HistoryItem) { h.Records = nil }), []string{"records"}},
		"nil record":             {with(leads.KindNote, func(h *leads.HistoryItem) { h.Records = []uuid.UUID{recA, uuid.Nil} }), []string{"records[1]"}},
		"record twice":           {with(leads.KindNote, func(h *leads.HistoryItem) { h.Records = []uuid.UUID{recA, recB, recA} }), []string{"records[2]"}},
		"note without subject":   {with(leads.KindNote, func(h *leads.HistoryItem) { h.Subject, h.Text = " ", "" }), []string{"subject"}},
		"note with a due date":   {with(leads.KindNote, func(h *leads.HistoryItem) { h.Due = h0 }), []string{"due"}},
		"phone bad direction":    {with(leads.KindPhone, func(h *leads.HistoryItem) { h.Direction = "sideways" }), []string{"direction"}},
		"phone negative":         {with(leads.KindPhone, func(h *leads.HistoryItem) { h.Duration = -time.Second }), []string{"duration"}},
		"phone without start":    {with(leads.KindPhone, func(h *leads.HistoryItem) { h.Start = time.Time{} }), []string{"start"}},
		"phone with location":    {with(leads.KindPhone, func(h *leads.HistoryItem) { h.Location = "x" }), []string{"location"}},
		"appointment ends early": {with(leads.KindAppointment, func(h *leads.HistoryItem) { h.End = h0.Add(-time.Minute) }), []string{"end"}},
		"appointment no times":   {with(leads.KindAppointment, func(h *leads.HistoryItem) { h.Start, h.End = time.Time{}, time.Time{} }), []string{"start", "end"}},
		"task bad priority":      {with(leads.KindTask, func(h *leads.HistoryItem) { h.Priority = "urgent" }), []string{"priority"}},
		"task with duration":     {with(leads.KindTask, func(h *leads.HistoryItem) { h.Duration = time.Minute }), []string{"duration"}},
		"email no addresses":     {with(leads.KindEmail, func(h *leads.HistoryItem) { h.From, h.To = "", "" }), []string{"from"}},
		"email with number":      {with(leads.KindEmail, func(h *leads.HistoryItem) { h.Number = "1" }), []string{"number"}},
		"change without changes": {with(leads.KindChange, func(h *leads.HistoryItem) { h.Changes = nil }), []string{"changes"}},
		"change with text":       {with(leads.KindChange, func(h *leads.HistoryItem) { h.Text = "x" }), []string{"text"}},
		"several problems": {with(leads.KindAppointment, func(h *leads.HistoryItem) {
			h.Records, h.End, h.Done = nil, h0.Add(-time.Hour), true
		}), []string{"records", "end", "done"}},
	} {
		t.Run(name, func(t *testing.T) {
			requireFieldErrors(t, tc.h.Validate(), tc.fields...)
		})
	}
}

func TestParseHistoryValues(t *testing.T) {
	for in, want := range map[string]leads.HistoryKind{"note": leads.KindNote, " Phone ": leads.KindPhone,
		"phone log": leads.KindPhone, "E-mail": leads.KindEmail, "appointment": leads.KindAppointment,
		"TASK": leads.KindTask, "business note": leads.KindNote, "change": leads.KindChange} {
		got, err := leads.ParseHistoryKind(in)
		require.NoError(t, err, in)
		require.Equal(t, want, got, in)
	}
	_, err := leads.ParseHistoryKind("fax")
	requireFieldErrors(t, err, "kind")

	for in, want := range map[string]leads.Direction{"in": leads.DirectionIn, "Outgoing": leads.DirectionOut} {
		got, err := leads.ParseDirection(in)
		require.NoError(t, err)
		require.Equal(t, want, got)
	}
	_, err = leads.ParseDirection("up")
	requireFieldErrors(t, err, "direction")

	got, err := leads.ParsePriority(" High")
	require.NoError(t, err)
	require.Equal(t, leads.PriorityHigh, got)
	_, err = leads.ParsePriority("urgent")
	requireFieldErrors(t, err, "priority")
}

func TestHistoryFilter(t *testing.T) {
	note := &leads.HistoryItem{Kind: leads.KindNote, At: h0}
	for name, tc := range map[string]struct {
		f    leads.HistoryFilter
		want bool
	}{
		"zero":             {leads.HistoryFilter{}, true},
		"kind":             {leads.HistoryFilter{Kinds: []leads.HistoryKind{leads.KindNote}}, true},
		"other kind":       {leads.HistoryFilter{Kinds: []leads.HistoryKind{leads.KindTask}}, false},
		"from inclusive":   {leads.HistoryFilter{From: h0}, true},
		"from after":       {leads.HistoryFilter{From: h0.Add(time.Second)}, false},
		"to exclusive":     {leads.HistoryFilter{To: h0}, false},
		"to after":         {leads.HistoryFilter{To: h0.Add(time.Second)}, true},
		"range around":     {leads.HistoryFilter{From: h0.Add(-time.Hour), To: h0.Add(time.Hour)}, true},
		"limit is ignored": {leads.HistoryFilter{Limit: 1}, true},
	} {
		require.NoError(t, tc.f.Validate(), name)
		require.Equal(t, tc.want, tc.f.Match(note), name)
	}
	bad := leads.HistoryFilter{Kinds: []leads.HistoryKind{"fax"}, From: h0, To: h0.Add(-time.Hour), Limit: -1}
	requireFieldErrors(t, bad.Validate(), "kinds[0]", "to", "limit")
}

func TestCompareHistory(t *testing.T) {
	a := &leads.HistoryItem{ID: recA, At: h0}
	b := &leads.HistoryItem{ID: recB, At: h0}
	c := &leads.HistoryItem{ID: recA, At: h0.Add(time.Hour)}
	require.Negative(t, leads.CompareHistory(c, a), "newer first")
	require.Negative(t, leads.CompareHistory(b, a), "same time: higher ID first")
	require.Zero(t, leads.CompareHistory(a, a))
}

func TestHistoryItemClone(t *testing.T) {
	h := &leads.HistoryItem{Records: []uuid.UUID{recA}, Changes: []leads.FieldChange{{Field: "x", From: []byte(`"a"`), To: []byte(`"b"`)}}}
	c := h.Clone()
	require.Equal(t, h, c)
	c.Records[0] = recB
	c.Changes[0].To[1] = 'z'
	require.Equal(t, recA, h.Records[0])
	require.Equal(t, `"b"`, string(h.Changes[0].To))
	require.Nil(t, (*leads.HistoryItem)(nil).Clone())
}

func TestHistoryItemJSON(t *testing.T) {
	h := leads.HistoryItem{ID: recA, Kind: leads.KindPhone, Subject: "Call", At: h0, Records: []uuid.UUID{recB},
		Direction: leads.DirectionIn, Number: "555", Start: h0, Duration: 90*time.Second + 500*time.Millisecond, Version: 2}
	b, err := json.Marshal(h)
	require.NoError(t, err)
	var m map[string]any
	require.NoError(t, json.Unmarshal(b, &m))
	require.Equal(t, 90.5, m["duration"], "seconds")
	require.Equal(t, "phone", m["kind"])
	require.Equal(t, "2026-05-04T14:00:00Z", m["start"])
	require.Equal(t, []any{recB.String()}, m["records"])
	require.NotContains(t, m, "end", "fields of other kinds are left out")
	var back leads.HistoryItem
	require.NoError(t, json.Unmarshal(b, &back))
	require.Equal(t, h, back)

	b, err = json.Marshal(&leads.HistoryItem{Kind: leads.KindNote})
	require.NoError(t, err)
	require.Contains(t, string(b), `"records":[]`)
	require.NotContains(t, string(b), "duration")
}

// FuzzParseHistoryValues checks that the parsers of kinds, directions and
// priorities never panic and that what they accept is canonical.
func FuzzParseHistoryValues(f *testing.F) {
	for _, s := range []string{"note", "Phone log", "E-mail", "in", "Outgoing", "HIGH", "", "fax"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if k, err := leads.ParseHistoryKind(s); err == nil {
			again, err := leads.ParseHistoryKind(string(k))
			require.NoError(t, err)
			require.Equal(t, k, again)
		}
		if d, err := leads.ParseDirection(s); err == nil {
			require.Contains(t, []leads.Direction{leads.DirectionIn, leads.DirectionOut}, d)
		}
		if p, err := leads.ParsePriority(s); err == nil {
			require.Contains(t, []leads.Priority{leads.PriorityLow, leads.PriorityNormal, leads.PriorityHigh}, p)
		}
	})
}
