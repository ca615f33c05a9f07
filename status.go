package leads

// Lead status
//
// A lead's Status says where it stands in the sales process, and its
// StatusHistory says when it got there. The moves between statuses are
// declared in one table (Transitions): Book.SetStatus refuses any other,
// so reports can trust that a qualified lead was new or contacted before.
// A plain Edit or Save may still set any status (it is how data is
// corrected and imported), but the time of that change is kept too.
//
//	new ──► contacted ──► qualified ──(Book.Convert)──► converted
//	 │ └──────────────────►▲   │
//	 └──────────┬──────────┴───┘
//	            ▼
//	      disqualified ──► recycled ──► new
//
// A new lead may be qualified without being marked contacted first, as
// Salesforce allows: a lead who calls in ready to buy was never "worked",
// and forcing a fake contacted step would distort the time to first
// contact. Such a lead has no contacted step, so TimeToFirstContact
// reports the time to the qualified step instead (the first step past new).
// Converted is reached only through Book.Convert, which also makes the
// record a business contact; SetStatus never moves to or from it.
//
// Disqualifying takes a reason. DisqualifyReasons is the customary list,
// offered by forms and the command line; as in Business Contact Manager,
// the list is a suggestion and not a limit: any other non-empty text is
// kept as the reason, so a team keeps its own reasons simply by using them
// (a report grouped by reason shows them beside the customary ones).
//
// How the statuses map to other CRMs, for import, export and people
// moving from them:
//
//	leads         Salesforce Lead Status       HubSpot lead status                 Odoo
//	new           Open - Not Contacted         New                                 lead, stage New
//	contacted     Working - Contacted          Open, Attempted to contact,         lead, stage Qualified
//	                                           Connected, In progress
//	qualified     Working - Contacted (with    Open deal                           opportunity (converted lead)
//	              the lead ready to convert)
//	disqualified  Closed - Not Converted       Unqualified, Bad timing             lost, with a lost reason
//	recycled      Open - Not Contacted again   New again (HubSpot has no recycle)  restored from lost
//	converted     Closed - Converted           (contact with a deal)               won
//
// Salesforce's statuses are a picklist whose closed values carry
// "Converted" or not; ours are fixed words with the picklist's meaning.
// HubSpot splits "contacted" finely (attempted, connected, in progress);
// those map to contacted, and its "Bad timing" maps to disqualified with
// that reason, to be recycled later. Odoo has no status field: a lead is
// active, lost (with a lost reason, like our disqualify reasons) or won;
// its stages are the sales pipeline, which is what Opportunity is here.

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/google/uuid"
)

// ErrTransition means that a status change is not among the declared
// transitions. The error is a *TransitionError naming both statuses.
var ErrTransition = errors.New("leads: status transition not allowed")

// TransitionError reports a status change that the rules refuse.
// errors.Is(err, ErrTransition) is true for it.
type TransitionError struct {
	ID       uuid.UUID // the record, or uuid.Nil when none is involved
	From, To Status
}

func (e *TransitionError) Error() string {
	var b strings.Builder
	b.WriteString("leads: ")
	if e.ID != uuid.Nil {
		fmt.Fprintf(&b, "lead %s: ", e.ID)
	}
	fmt.Fprintf(&b, "status cannot move from %s to %s", e.From, e.To)
	switch {
	case e.To == StatusConverted:
		b.WriteString(" (a lead is converted only by Convert)")
	case e.From == StatusConverted:
		b.WriteString(" (a converted record keeps its status)")
	default:
		if next := NextStatuses(e.From); len(next) > 0 {
			fmt.Fprintf(&b, " (from %s: %s)", e.From, joinStatuses(next))
		}
	}
	return b.String()
}

// Is reports that a TransitionError is an ErrTransition.
func (e *TransitionError) Is(target error) bool { return target == ErrTransition }

// Transition is one allowed move of a lead's status.
type Transition struct {
	From, To Status
}

// Transitions returns the status moves that Book.SetStatus allows, the one
// table of the rules: new to contacted or straight to qualified,
// contacted to qualified, any of these three to disqualified, disqualified
// to recycled, and recycled back to new. The slice is new on every call;
// changing it changes no rule.
func Transitions() []Transition {
	return []Transition{
		{StatusNew, StatusContacted},
		{StatusNew, StatusQualified}, // skipping contacted, as Salesforce allows
		{StatusContacted, StatusQualified},
		{StatusNew, StatusDisqualified},
		{StatusContacted, StatusDisqualified},
		{StatusQualified, StatusDisqualified},
		{StatusDisqualified, StatusRecycled},
		{StatusRecycled, StatusNew},
	}
}

// CanMove reports whether a lead's status may change from from to to
// through Book.SetStatus. An empty from is a lead that never had a status,
// which is new.
func CanMove(from, to Status) bool {
	if from == "" {
		from = StatusNew
	}
	for _, t := range Transitions() {
		if t.From == from && t.To == to {
			return true
		}
	}
	return false
}

// NextStatuses returns the statuses a lead with status from may move to,
// in the order of Transitions.
func NextStatuses(from Status) []Status {
	if from == "" {
		from = StatusNew
	}
	var out []Status
	for _, t := range Transitions() {
		if t.From == from {
			out = append(out, t.To)
		}
	}
	return out
}

func joinStatuses(ss []Status) string {
	parts := make([]string, len(ss))
	for i, s := range ss {
		parts[i] = string(s)
	}
	return strings.Join(parts, ", ")
}

// DisqualifyReasons returns the customary reasons for disqualifying a lead,
// in the order forms offer them. The list is not a limit: SetStatus keeps
// any other non-empty reason as typed (see the documentation above).
func DisqualifyReasons() []string {
	return []string{"No budget", "Not the decision maker", "No need",
		"Lost to competitor", "Unresponsive", "Duplicate", "Bad timing", "Other"}
}

// StatusStep is one status a lead reached: which, when, who moved it and,
// for disqualified, why.
type StatusStep struct {
	Status Status    `json:"status"`
	At     time.Time `json:"at"`
	By     string    `json:"by,omitempty"`
	Reason string    `json:"reason,omitempty"`
}

// StatusChange is what a status change carries besides the new status.
type StatusChange struct {
	// Reason says why; required when disqualifying (see DisqualifyReasons),
	// optional and kept as given otherwise.
	Reason string
	// Note, when not empty, is added as a time-stamped comment, such as
	// the closing note of a disqualified lead.
	Note string
}

// SetStatus moves the lead id to status to, as the declared transitions
// allow (CanMove), and records the step with the time from the Book's
// clock, the acting user and the reason. A move the rules refuse fails
// with a *TransitionError (ErrTransition); disqualifying without a reason
// fails with a *FieldError naming "reason". A note is added to the
// comments with the same time stamp. The change goes through Edit, so the
// change log records it, and the ID of a record merged into another one
// moves the survivor; on any error nothing changes.
func (b *Book) SetStatus(ctx context.Context, id uuid.UUID, to Status, change StatusChange) (*Lead, error) {
	if _, err := ParseStatus(string(to)); err != nil || to == "" {
		return nil, fieldErr("status", "%q is not a status", to)
	}
	reason := strings.TrimSpace(change.Reason)
	note := strings.TrimSpace(change.Note)
	if to == StatusDisqualified && reason == "" {
		return nil, fieldErr("reason", "disqualifying a lead needs a reason (such as %s)",
			strings.Join(DisqualifyReasons(), ", "))
	}
	now := b.clock.Now().UTC()
	actor := Actor(ctx)
	return b.Edit(ctx, id, func(l *Lead) error {
		if l.Type != TypeLead || !CanMove(l.Status, to) {
			from := l.Status
			if from == "" {
				from = StatusNew
			}
			return &TransitionError{ID: l.ID, From: from, To: to}
		}
		l.Status = to
		l.StatusHistory = append(l.StatusHistory, StatusStep{Status: to, At: now, By: actor, Reason: reason})
		if note != "" {
			l.Comments = append(l.Comments, Comment{At: now, Author: actor, Text: note})
		}
		return nil
	})
}

// TimeToFirstContact returns how long after its creation the lead was
// first worked: the first step past new (contacted, or qualified or
// disqualified when contacted was skipped). ok is false when the lead has
// no such step.
func TimeToFirstContact(l *Lead) (time.Duration, bool) {
	for _, s := range l.StatusHistory {
		if s.Status != StatusNew && s.Status != StatusRecycled {
			return s.At.Sub(l.CreatedAt), true
		}
	}
	return 0, false
}

// TimeToConversion returns how long after its creation the lead was
// converted: the converted step, else ConvertedAt for a record converted
// before steps were kept. ok is false for a record never converted.
func TimeToConversion(l *Lead) (time.Duration, bool) {
	if i := slices.IndexFunc(l.StatusHistory, func(s StatusStep) bool { return s.Status == StatusConverted }); i >= 0 {
		return l.StatusHistory[i].At.Sub(l.CreatedAt), true
	}
	if !l.ConvertedAt.IsZero() {
		return l.ConvertedAt.Sub(l.CreatedAt), true
	}
	return 0, false
}

// keepStep records the time of a status change made by a plain edit
// (Edit, Save, an update import), which names no step itself, so that
// every status a lead reached has its time. Such edits are not held to the
// transitions: they are how data is corrected and brought in.
func keepStep(cur, old *Lead, now time.Time, actor string) {
	if cur.Status != old.Status && cur.Status != "" && len(cur.StatusHistory) == len(old.StatusHistory) {
		cur.StatusHistory = append(cur.StatusHistory, StatusStep{Status: cur.Status, At: now, By: actor})
	}
}

// validateSteps checks the status history: known statuses, a time for
// every step, clean text.
func validateSteps(steps []StatusStep) []error {
	var errs []error
	for i, s := range steps {
		if _, err := ParseStatus(string(s.Status)); err != nil || s.Status == "" {
			errs = append(errs, fieldErr(fmt.Sprintf("status_history[%d].status", i), "%q is not a status", s.Status))
		}
		if s.At.IsZero() {
			errs = append(errs, fieldErr(fmt.Sprintf("status_history[%d].at", i), "a step needs a time"))
		}
		if r := textProblem(s.By); r != "" {
			errs = append(errs, &FieldError{Field: fmt.Sprintf("status_history[%d].by", i), Reason: r})
		}
		if r := textProblem(s.Reason); r != "" {
			errs = append(errs, &FieldError{Field: fmt.Sprintf("status_history[%d].reason", i), Reason: r})
		}
	}
	return errs
}
