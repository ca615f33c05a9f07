package leads

import (
	"bytes"
	"encoding/json"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/google/uuid"
)

// HistoryKind is the kind of a history item: the communication items of
// Business Contact Manager, and the change log that a Book writes itself.
type HistoryKind string

// History kinds. KindChange items are written by the Book on every update
// of a record; the others are added by people.
const (
	KindNote        HistoryKind = "note"        // business note: subject and text
	KindPhone       HistoryKind = "phone"       // phone log: direction, number, start, duration
	KindAppointment HistoryKind = "appointment" // appointment: start, end, location
	KindTask        HistoryKind = "task"        // task: due date, priority, done
	KindEmail       HistoryKind = "email"       // e-mail: from, to, subject, date, text, message ID
	KindChange      HistoryKind = "change"      // change log entry: who changed which fields
)

// HistoryKinds returns the kinds that people add, in the order a form
// offers them. KindChange is not among them: only a Book writes it.
func HistoryKinds() []HistoryKind {
	return []HistoryKind{KindNote, KindPhone, KindAppointment, KindTask, KindEmail}
}

// ParseHistoryKind reads a kind name case-insensitively; "business note",
// "phone log" and "e-mail" are accepted too.
func ParseHistoryKind(s string) (HistoryKind, error) {
	switch k := HistoryKind(strings.ToLower(strings.TrimSpace(s))); k {
	case KindNote, KindPhone, KindAppointment, KindTask, KindEmail, KindChange:
		return k, nil
	case "business note":
		return KindNote, nil
	case "phone log", "call":
		return KindPhone, nil
	case "e-mail", "mail":
		return KindEmail, nil
	}
	return "", fieldErr("kind", "%q is not a history kind (note, phone, appointment, task, email or change)", s)
}

// Direction tells whether a phone call came in or went out.
type Direction string

// Call directions.
const (
	DirectionIn  Direction = "in"
	DirectionOut Direction = "out"
)

// ParseDirection reads "in" or "out" (also "incoming", "outgoing").
func ParseDirection(s string) (Direction, error) {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "in", "incoming", "inbound":
		return DirectionIn, nil
	case "out", "outgoing", "outbound":
		return DirectionOut, nil
	}
	return "", fieldErr("direction", "%q is not a call direction (in or out)", s)
}

// Priority is the priority of a task. The empty priority means normal.
type Priority string

// Task priorities.
const (
	PriorityLow    Priority = "low"
	PriorityNormal Priority = "normal"
	PriorityHigh   Priority = "high"
)

// ParsePriority reads low, normal or high case-insensitively.
func ParsePriority(s string) (Priority, error) {
	switch p := Priority(strings.ToLower(strings.TrimSpace(s))); p {
	case PriorityLow, PriorityNormal, PriorityHigh:
		return p, nil
	}
	return "", fieldErr("priority", "%q is not a priority (low, normal or high)", s)
}

// HistoryItem is one entry of the communication history: a business note,
// phone log, appointment, task or e-mail, linked to one or more records
// (leads or business contacts), or a change log entry written by the Book.
//
// The item is one flat struct whatever its kind, as BCM's history list is
// one list: the fields of other kinds stay empty, and Validate refuses
// them. At is the time the item sorts by in a listing; a Book derives it
// from the kind's own time (see HistoryItem.When).
type HistoryItem struct {
	ID      uuid.UUID   `json:"id"`
	Kind    HistoryKind `json:"kind"`
	Subject string      `json:"subject"`
	// At is when the item happened: a phone call's or appointment's start,
	// a task's due date, an e-mail's date, or when a note or change was
	// written.
	At time.Time `json:"at"`
	// Records are the leads and business contacts the item is linked to;
	// each must exist, and there is at least one.
	Records []uuid.UUID `json:"records"`
	Text    string      `json:"text,omitempty"`

	// Phone log.
	Direction Direction     `json:"direction,omitempty"`
	Number    string        `json:"number,omitempty"`
	Start     time.Time     `json:"start,omitzero"` // also an appointment's start
	Duration  time.Duration `json:"duration,omitempty"`

	// Appointment.
	End      time.Time `json:"end,omitzero"`
	Location string    `json:"location,omitempty"`

	// Task.
	Due      time.Time `json:"due,omitzero"`
	Priority Priority  `json:"priority,omitempty"`
	Done     bool      `json:"done,omitempty"`

	// E-mail.
	From      string    `json:"from,omitempty"`
	To        string    `json:"to,omitempty"`
	Date      time.Time `json:"date,omitzero"`
	MessageID string    `json:"message_id,omitempty"`

	// Changes are the fields a change log entry records.
	Changes []FieldChange `json:"changes,omitempty"`

	CreatedAt time.Time `json:"created_at"`
	CreatedBy string    `json:"created_by,omitempty"`
	UpdatedAt time.Time `json:"updated_at"`
	UpdatedBy string    `json:"updated_by,omitempty"`
	Version   int64     `json:"version"`
}

// FieldChange is one field of a record changed by one update: its JSON
// field name ("full_name", "emails", "score"), and its value before and
// after as JSON ("null" for a field that was or became absent).
type FieldChange struct {
	Field string          `json:"field"`
	From  json.RawMessage `json:"from"`
	To    json.RawMessage `json:"to"`
}

// Clone returns a deep copy of h.
func (h *HistoryItem) Clone() *HistoryItem {
	if h == nil {
		return nil
	}
	c := *h
	c.Records = slices.Clone(h.Records)
	if h.Changes != nil {
		c.Changes = make([]FieldChange, len(h.Changes))
		for i, fc := range h.Changes {
			c.Changes[i] = FieldChange{Field: fc.Field, From: slices.Clone(fc.From), To: slices.Clone(fc.To)}
		}
	}
	return &c
}

// LinkedTo reports whether h is linked to the record with the given ID.
func (h *HistoryItem) LinkedTo(id uuid.UUID) bool { return slices.Contains(h.Records, id) }

// When returns the time the kind's own fields give the item: a call's or
// appointment's start, a task's due date, an e-mail's date. It is zero
// for notes and changes, and for items that lack that time.
func (h *HistoryItem) When() time.Time {
	switch h.Kind {
	case KindPhone, KindAppointment:
		return h.Start
	case KindTask:
		return h.Due
	case KindEmail:
		return h.Date
	}
	return time.Time{}
}

// Validate checks h: a known kind, at least one linked record and no
// record twice, no field of another kind, and the rules of its kind (an
// appointment ends after it starts, a duration is not negative, ...). It
// returns every problem, each a *FieldError.
func (h *HistoryItem) Validate() error {
	var errs []error
	add := func(field, format string, args ...any) { errs = append(errs, fieldErr(field, format, args...)) }
	if _, err := ParseHistoryKind(string(h.Kind)); err != nil || string(h.Kind) != strings.ToLower(string(h.Kind)) {
		add("kind", "%q is not a history kind (note, phone, appointment, task, email or change)", h.Kind)
		return joinErrs(errs)
	}
	if len(h.Records) == 0 {
		add("records", "an item must be linked to at least one record")
	}
	seen := make(map[uuid.UUID]bool, len(h.Records))
	for i, id := range h.Records {
		switch {
		case id == uuid.Nil:
			add("records["+strconv.Itoa(i)+"]", "is the nil ID")
		case seen[id]:
			add("records["+strconv.Itoa(i)+"]", "record %s is linked twice", id)
		}
		seen[id] = true
	}
	// Fields that belong to other kinds must stay empty, so that nothing
	// typed into the wrong field is silently kept.
	own := map[HistoryKind][]string{
		KindNote:        {"text"},
		KindPhone:       {"text", "direction", "number", "start", "duration"},
		KindAppointment: {"text", "start", "end", "location"},
		KindTask:        {"text", "due", "priority", "done"},
		KindEmail:       {"text", "from", "to", "date", "message_id"},
		KindChange:      {"changes"},
	}[h.Kind]
	for _, f := range []struct {
		name string
		set  bool
	}{
		{"text", h.Text != ""}, {"direction", h.Direction != ""}, {"number", h.Number != ""},
		{"start", !h.Start.IsZero()}, {"duration", h.Duration != 0}, {"end", !h.End.IsZero()},
		{"location", h.Location != ""}, {"due", !h.Due.IsZero()}, {"priority", h.Priority != ""},
		{"done", h.Done}, {"from", h.From != ""}, {"to", h.To != ""}, {"date", !h.Date.IsZero()},
		{"message_id", h.MessageID != ""}, {"changes", len(h.Changes) > 0},
	} {
		if f.set && !slices.Contains(own, f.name) {
			add(f.name, "is not a field of a %s item", h.Kind)
		}
	}
	switch h.Kind {
	case KindPhone:
		if h.Direction != DirectionIn && h.Direction != DirectionOut {
			add("direction", "%q is not a call direction (in or out)", h.Direction)
		}
		if h.Start.IsZero() {
			add("start", "a phone call needs its start time")
		}
		if h.Duration < 0 {
			add("duration", "%s is negative", h.Duration)
		}
	case KindAppointment:
		if h.Start.IsZero() {
			add("start", "an appointment needs its start time")
		}
		if h.End.IsZero() {
			add("end", "an appointment needs its end time")
		} else if !h.Start.IsZero() && h.End.Before(h.Start) {
			add("end", "%s is before the start %s", h.End.Format(time.RFC3339), h.Start.Format(time.RFC3339))
		}
	case KindTask:
		if h.Priority != "" {
			if _, err := ParsePriority(string(h.Priority)); err != nil || h.Priority != Priority(strings.ToLower(string(h.Priority))) {
				add("priority", "%q is not a priority (low, normal or high)", h.Priority)
			}
		}
	case KindEmail:
		if h.From == "" && h.To == "" {
			add("from", "an e-mail needs a sender or a recipient")
		}
	case KindChange:
		if len(h.Changes) == 0 {
			add("changes", "a change log entry records at least one field")
		}
	}
	errs = append(errs, h.textErrors()...)
	if h.Kind != KindChange && strings.TrimSpace(h.Subject) == "" && h.Text == "" {
		add("subject", "is empty: an item needs a subject or a text")
	}
	return joinErrs(errs)
}

// HistoryFilter selects the items of a record's history. The zero value
// selects every item.
type HistoryFilter struct {
	// Kinds keeps items of these kinds; empty keeps all.
	Kinds []HistoryKind
	// From and To bound At: From <= At < To. A zero bound is open.
	From, To time.Time
	// Limit keeps the first Limit items (newest first); 0 keeps all.
	Limit int
}

// Validate checks the filter's kinds, range and limit.
func (f HistoryFilter) Validate() error {
	var errs []error
	for i, k := range f.Kinds {
		if _, err := ParseHistoryKind(string(k)); err != nil {
			errs = append(errs, fieldErr("kinds["+strconv.Itoa(i)+"]", "%q is not a history kind", k))
		}
	}
	if !f.From.IsZero() && !f.To.IsZero() && f.To.Before(f.From) {
		errs = append(errs, fieldErr("to", "%s is before from %s", f.To.Format(time.RFC3339), f.From.Format(time.RFC3339)))
	}
	if f.Limit < 0 {
		errs = append(errs, fieldErr("limit", "%d is negative", f.Limit))
	}
	return joinErrs(errs)
}

// Match reports whether f keeps h (its kinds and range; not its limit).
func (f HistoryFilter) Match(h *HistoryItem) bool {
	if len(f.Kinds) > 0 && !slices.Contains(f.Kinds, h.Kind) {
		return false
	}
	if !f.From.IsZero() && h.At.Before(f.From) {
		return false
	}
	if !f.To.IsZero() && !h.At.Before(f.To) {
		return false
	}
	return true
}

// CompareHistory orders items newest first: by At descending, then by ID
// descending (UUID v7 IDs grow with time, so of two items with the same
// time the later-added comes first). Every store lists a record's history
// in this order.
func CompareHistory(a, b *HistoryItem) int {
	if c := b.At.Compare(a.At); c != 0 {
		return c
	}
	return bytes.Compare(b.ID[:], a.ID[:])
}
