package leads

import (
	"errors"
	"fmt"
	"strings"

	"github.com/google/uuid"
)

// Sentinel errors name the kind of a failure. Operations wrap them, so test
// with errors.Is.
var (
	// ErrNotFound means that no record has the given ID.
	ErrNotFound = errors.New("leads: not found")
	// ErrConflict means that a write lost a race: the record changed since
	// it was read (a stale version), or a record with that ID already exists.
	ErrConflict = errors.New("leads: conflict")
	// ErrInvalid means that input broke a rule. The error usually also holds
	// one or more *FieldError values naming the fields.
	ErrInvalid = errors.New("leads: invalid")
	// ErrNotMember means that a lead was to be assigned to someone who is
	// not an active user of the database.
	ErrNotMember = errors.New("leads: not a member")
	// ErrHasLeads means that a user still owns leads and so cannot be
	// removed without handing them over.
	ErrHasLeads = errors.New("leads: user has leads")
)

// FieldError reports a problem with one field of a record or query. Field uses
// the JSON field names of the export ("full_name", "emails[1].address").
//
// errors.Is(err, ErrInvalid) is true for every *FieldError.
type FieldError struct {
	Field  string
	Reason string
}

func (e *FieldError) Error() string {
	return fmt.Sprintf("leads: %s: %s", e.Field, e.Reason)
}

// Is reports that a FieldError is an ErrInvalid.
func (e *FieldError) Is(target error) bool { return target == ErrInvalid }

func fieldErr(field, format string, args ...any) *FieldError {
	return &FieldError{Field: field, Reason: fmt.Sprintf(format, args...)}
}

// NotFoundError reports which record was missing. errors.Is(err, ErrNotFound)
// is true for it.
type NotFoundError struct {
	Kind string // "lead", "account", ...
	ID   string
}

func (e *NotFoundError) Error() string {
	return fmt.Sprintf("leads: %s %s not found", e.Kind, e.ID)
}

// Is reports that a NotFoundError is an ErrNotFound.
func (e *NotFoundError) Is(target error) bool { return target == ErrNotFound }

// ConflictError reports a write that lost a race on one record.
// errors.Is(err, ErrConflict) is true for it.
type ConflictError struct {
	Kind   string
	ID     string
	Reason string // "stale version 3, stored 4", "already exists"
}

func (e *ConflictError) Error() string {
	return fmt.Sprintf("leads: %s %s: %s", e.Kind, e.ID, e.Reason)
}

// Is reports that a ConflictError is an ErrConflict.
func (e *ConflictError) Is(target error) bool { return target == ErrConflict }

// NotMemberError names who is not a member. errors.Is(err, ErrNotMember) is
// true for it.
type NotMemberError struct {
	Name   string
	Reason string // "no user has this name", "the user is inactive"
}

func (e *NotMemberError) Error() string {
	return fmt.Sprintf("leads: assigned_to: %q is not a member: %s", e.Name, e.Reason)
}

// Is reports that a NotMemberError is an ErrNotMember.
func (e *NotMemberError) Is(target error) bool { return target == ErrNotMember }

// HasLeadsError reports a user who cannot be removed because they own
// leads. errors.Is(err, ErrHasLeads) is true for it.
type HasLeadsError struct {
	Name  string
	Count int
}

func (e *HasLeadsError) Error() string {
	return fmt.Sprintf("leads: user %q has %d leads: reassign or unassign them", e.Name, e.Count)
}

// Is reports that a HasLeadsError is an ErrHasLeads.
func (e *HasLeadsError) Is(target error) bool { return target == ErrHasLeads }

// RecordError reports a problem with one record of a multi-record write,
// such as a bulk edit. It unwraps to the problem, often a *FieldError.
type RecordError struct {
	ID  uuid.UUID
	Err error
}

func (e *RecordError) Error() string {
	lines := strings.Split(e.Err.Error(), "\n")
	for i, l := range lines {
		lines[i] = strings.TrimPrefix(l, "leads: ")
	}
	return fmt.Sprintf("leads: record %s: %s", e.ID, strings.Join(lines, "; "))
}

// Unwrap returns the problem.
func (e *RecordError) Unwrap() error { return e.Err }

// Errors of conversion and of records that others link to.
var (
	// ErrAlreadyConverted means that Book.Convert was given a record that
	// is a business contact already.
	ErrAlreadyConverted = errors.New("leads: already converted")
	// ErrInUse means that a record cannot be deleted while others link to
	// it; the error is an *InUseError saying how many.
	ErrInUse = errors.New("leads: in use")
)

// InUseError reports a delete refused because records link to the one
// being deleted. errors.Is(err, ErrInUse) is true for it.
type InUseError struct {
	Kind  string // "account"
	ID    string
	Count int    // how many records link to it
	By    string // what links to it: "leads and contacts"
}

func (e *InUseError) Error() string {
	return fmt.Sprintf("leads: %s %s is linked to %d %s; unlink them first, or delete with unlinking", e.Kind, e.ID, e.Count, e.By)
}

// Is reports that an InUseError is an ErrInUse.
func (e *InUseError) Is(target error) bool { return target == ErrInUse }

// RowError reports a problem with one row (or record) of an imported file:
// its number as the program that wrote the file shows it (for a CSV or
// spreadsheet, the header is row 1), the column when one is to blame, and
// the reason. Unwrap gives the reason, so errors.Is(err, ErrInvalid) holds
// when the row broke a validation rule.
type RowError struct {
	Row    int
	Column string // "" when the whole row is to blame
	Err    error
}

func (e *RowError) Error() string {
	if e.Column == "" {
		return fmt.Sprintf("leads: row %d: %v", e.Row, e.Err)
	}
	return fmt.Sprintf("leads: row %d, column %q: %v", e.Row, e.Column, e.Err)
}

// Unwrap returns the reason.
func (e *RowError) Unwrap() error { return e.Err }

// ErrMerged means that a record was merged into another one (Book.Merge)
// and is gone: the survivor holds it now. The error is a *MergedError
// naming the survivor. Writes by ID follow a merged ID to the survivor
// (see the notes on merged IDs in resolve.go); the error comes only from
// a write that cannot follow, such as Save, whose record is a stale copy
// of the merged one.
var ErrMerged = errors.New("leads: merged")

// MergedError reports that the record ID was merged into the record
// Survivor. errors.Is(err, ErrMerged) and errors.Is(err, ErrNotFound) are
// both true for it: the record itself is not found, and code written
// before merging existed keeps treating it so.
type MergedError struct {
	ID       uuid.UUID
	Survivor uuid.UUID
}

func (e *MergedError) Error() string {
	return fmt.Sprintf("leads: lead %s was merged into %s", e.ID, e.Survivor)
}

// Is reports that a MergedError is an ErrMerged and an ErrNotFound.
func (e *MergedError) Is(target error) bool { return target == ErrMerged || target == ErrNotFound }

// FieldErrors returns every *FieldError in err, in the order err lists
// them, at any depth: inside errors joined with errors.Join (a validation
// error names each field this way), wrapped with %w, or inside a
// *RowError or *RecordError. A form or command line uses it to show each
// problem beside its field. It returns nil when err holds none.
func FieldErrors(err error) []*FieldError {
	var out []*FieldError
	walkErrors(err, func(e error) bool {
		if fe, ok := e.(*FieldError); ok {
			out = append(out, fe)
			return false // a FieldError wraps nothing of interest
		}
		return true
	})
	return out
}

// walkErrors calls visit for err and, while visit returns true, for what
// err wraps, depth first in order.
func walkErrors(err error, visit func(error) bool) {
	if err == nil || !visit(err) {
		return
	}
	switch u := err.(type) {
	case interface{ Unwrap() []error }:
		for _, e := range u.Unwrap() {
			walkErrors(e, visit)
		}
	case interface{ Unwrap() error }:
		walkErrors(u.Unwrap(), visit)
	}
}

// Problems returns how many problems n is, in words: "1 problem",
// "2 problems", "no problems". Messages that count the problems of a
// joined error (an import's rejected rows, a form's fields) use it, so
// that one problem is not "1 problems".
func Problems(n int) string {
	switch n {
	case 0:
		return "no problems"
	case 1:
		return "1 problem"
	}
	return fmt.Sprintf("%d problems", n)
}
