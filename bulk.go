package leads

import (
	"context"
	"errors"
	"fmt"
	"maps"
	"slices"
	"strings"

	"github.com/google/uuid"
)

// Change is the edit of one field that a bulk edit makes to every record
// it selects: set the field to Value, or, with Clear, empty it. Value is
// text in the field's kind, as a person types it ("4" for stars, an
// account's ID for account_id); build Changes with SetField and
// ClearField.
//
// The fields a Change can edit are the text fields of a lead (title, name
// parts, job_title, file_as, company, source), full_name (which can be set
// but never cleared), assigned_to (an active user: see ErrNotMember),
// account_id and initiated_by (records that must exist), status, stars (a
// manual score; clearing it switches the record back to automatic),
// score_type ("auto" or "manual"), email, phone and web_page (setting one
// replaces the list with that one entry, clearing empties it) and custom
// fields (custom.NAME; clearing removes the field).
type Change struct {
	Field Field
	Value string
	Clear bool
}

// SetField returns the Change that sets f to v.
func SetField(f Field, v string) Change { return Change{Field: f, Value: v} }

// ClearField returns the Change that clears f.
func ClearField(f Field) Change { return Change{Field: f, Clear: true} }

func (c Change) String() string {
	if c.Clear {
		return fmt.Sprintf("clear %s", c.Field)
	}
	return fmt.Sprintf("set %s to %q", c.Field, c.Value)
}

// LeadBatchUpdater is an optional interface of the LeadRepository of a
// Tx: a store that can update many records in one pass, cheaper than one
// Update each. Multi-record operations (bulk edit, assign) use it when the
// repository has it, and call Update for each record otherwise.
type LeadBatchUpdater interface {
	// UpdateEach applies fn to a copy of each record of ids, in order, and
	// stores the copy, with its version raised, where fn returns true. fn
	// must not keep l. An error from fn stops UpdateEach, which returns it.
	// Unknown IDs do not stop it: it returns them at the end, each as an
	// error matching ErrNotFound, joined. Like every write in a Tx, the
	// writes only count if the Atomic function returns nil.
	UpdateEach(ctx context.Context, ids []uuid.UUID, fn func(l *Lead) (write bool, err error)) error
}

// errNoWrite tells Update, from inside its function, that the record
// needs no write.
var errNoWrite = errors.New("leads: no change")

// updateEach applies fn to each record of ids in tx, natively if the
// store can (LeadBatchUpdater).
func updateEach(ctx context.Context, tx Tx, ids []uuid.UUID, fn func(*Lead) (bool, error)) error {
	repo := tx.Leads()
	if u, ok := repo.(LeadBatchUpdater); ok {
		return u.UpdateEach(ctx, ids, fn)
	}
	var missing []error
	for _, id := range ids {
		_, err := repo.Update(ctx, id, func(l *Lead) error {
			write, err := fn(l)
			if err == nil && !write {
				err = errNoWrite
			}
			return err
		})
		switch {
		case err == nil, errors.Is(err, errNoWrite):
		case errors.Is(err, ErrNotFound):
			missing = append(missing, err)
		default:
			return err
		}
	}
	return joinErrs(missing)
}

// maxListed is how many records an error of a multi-record write names
// before it only counts the rest.
const maxListed = 10

// limitErrs joins at most maxListed of errs, counting the others.
func limitErrs(errs []error, what string) error {
	if len(errs) > maxListed {
		rest := len(errs) - maxListed
		errs = append(errs[:maxListed:maxListed], fmt.Errorf("leads: and %d more %s", rest, what))
	}
	return joinErrs(errs)
}

// flatten unjoins err into its parts.
func flatten(err error) []error {
	if j, ok := err.(interface{ Unwrap() []error }); ok {
		return j.Unwrap()
	}
	return []error{err}
}

// BulkEdit makes one change to every record of ids and returns how many
// records it changed (records that already held the value are left
// alone). Each changed record is validated, stamped and entered in the
// change log as Edit would;
// the errors name the record and the field. It is all-or-nothing: an
// unknown ID, a value of the wrong kind, a field that cannot be edited
// this way, or a record the change would make invalid fails the whole
// call, and nothing changes. An ID given twice counts once. The ID of a
// record merged into another one (Merge) follows it: the survivor is
// changed, once however many of the IDs name it.
func (b *Book) BulkEdit(ctx context.Context, c Change, ids ...uuid.UUID) (int, error) {
	if len(ids) == 0 {
		return 0, nil
	}
	if err := c.check(); err != nil {
		return 0, err
	}
	ids = uniqueIDs(ids)
	n := 0
	err := b.store.Atomic(ctx, func(tx Tx) error {
		apply, err := c.compile(ctx, tx)
		if err != nil {
			return err
		}
		n, err = b.editEach(ctx, tx, ids, apply)
		return err
	})
	if err != nil {
		return 0, err
	}
	return n, nil
}

// uniqueIDs drops repeated IDs, keeping the first of each.
func uniqueIDs(ids []uuid.UUID) []uuid.UUID {
	seen := make(map[uuid.UUID]bool, len(ids))
	out := make([]uuid.UUID, 0, len(ids))
	for _, id := range ids {
		if !seen[id] {
			seen[id] = true
			out = append(out, id)
		}
	}
	return out
}

// editEach runs apply on each record of ids inside tx, then applies the
// rules of Edit to the records apply changed: stamps, derived fields,
// validation, scoring, and a change log entry for each. It returns how many records changed, or an error
// naming every unknown ID and up to maxListed invalid records.
func (b *Book) editEach(ctx context.Context, tx Tx, ids []uuid.UUID, apply func(l *Lead) (bool, error)) (int, error) {
	now, actor := b.clock.Now().UTC(), Actor(ctx)
	var criteria []Criterion
	var loaded bool
	var bad []error
	var logged []*HistoryItem // the change log entries of the changed records
	n := 0
	edit := func(l *Lead) (bool, error) {
		// A shallow copy is enough: normalize reads only the old names,
		// File As and score type, which apply replaces rather than
		// changes in place.
		shallow := *l
		old := &shallow
		changed, err := apply(l)
		if err != nil {
			bad = append(bad, &RecordError{ID: old.ID, Err: err})
			return false, nil
		}
		if !changed {
			return false, nil
		}
		l.UpdatedAt, l.UpdatedBy = now, actor
		normalize(l, old)
		if l.Score.Type != old.Score.Type && l.Score.Type == ScoreAuto {
			if !loaded {
				if criteria, err = criteriaIn(ctx, tx); err != nil {
					return false, err
				}
				loaded = true
			}
			rescoreLead(l, criteria)
		}
		if err := l.validate(b.maxPhoto); err != nil {
			bad = append(bad, &RecordError{ID: old.ID, Err: err})
			return false, nil
		}
		// Values of user-defined fields must fit their definitions.
		if err := b.checkCustom(ctx, tx, l, old); err != nil {
			if !errors.Is(err, ErrInvalid) {
				return false, err
			}
			bad = append(bad, &RecordError{ID: old.ID, Err: err})
			return false, nil
		}
		h, err := b.changeEntry(ctx, old, l, now)
		if err != nil {
			return false, err
		}
		if h != nil {
			logged = append(logged, h)
		}
		n++
		return true, nil
	}
	missing, err := notFound(updateEach(ctx, tx, ids, edit))
	if err != nil {
		return 0, err
	}
	if len(missing) > 0 {
		// IDs of records merged into others follow them: edit each
		// survivor once.
		var follow []uuid.UUID
		missing, follow = followMissing(ctx, tx, missing, ids)
		if len(follow) > 0 {
			more, err := notFound(updateEach(ctx, tx, follow, edit))
			if err != nil {
				return 0, err
			}
			missing = append(missing, more...)
		}
	}
	if len(missing)+len(bad) > 0 {
		return 0, joinErrs([]error{limitErrs(missing, "unknown IDs"), limitErrs(bad, "invalid records")})
	}
	for _, h := range logged {
		if err := tx.History().Create(ctx, h); err != nil {
			return 0, err
		}
	}
	return n, nil
}

// notFound splits the error of updateEach into the records it did not
// find, and any other error.
func notFound(err error) ([]error, error) {
	if err == nil {
		return nil, nil
	}
	var missing []error
	for _, e := range flatten(err) {
		if !errors.Is(e, ErrNotFound) {
			return nil, err
		}
		missing = append(missing, e)
	}
	return missing, nil
}

// followMissing looks up, for each record not found (a *NotFoundError),
// the record it was merged into, and returns the errors of the records
// that were not merged, and the survivors that ids do not name (those
// were edited already), each once.
func followMissing(ctx context.Context, tx Tx, missing []error, ids []uuid.UUID) (kept []error, follow []uuid.UUID) {
	named := make(map[uuid.UUID]bool, len(ids))
	for _, id := range ids {
		named[id] = true
	}
	for _, e := range missing {
		var nf *NotFoundError
		if !errors.As(e, &nf) {
			kept = append(kept, e)
			continue
		}
		id, err := uuid.Parse(nf.ID)
		if err != nil {
			kept = append(kept, e)
			continue
		}
		s, ok := survivorID(ctx, tx, id)
		if !ok {
			kept = append(kept, e)
			continue
		}
		if !named[s] && !containsID(follow, s) {
			follow = append(follow, s)
		}
	}
	return kept, follow
}

// check refuses, before any record is read, a change that no record can
// take: an unknown field, one that cannot be edited in bulk, a value of
// the wrong kind, or clearing the full name.
func (c Change) check() error {
	f := string(c.Field)
	if name, ok := strings.CutPrefix(f, "custom."); ok {
		if strings.TrimSpace(name) == "" {
			return fieldErr("custom", "a custom field has an empty name")
		}
		return c.checkText()
	}
	if _, ok := lookupField(c.Field); !ok {
		return fieldErr(f, "unknown field")
	}
	switch c.Field {
	case FieldFullName:
		if c.Clear || strings.TrimSpace(c.Value) == "" {
			return fieldErr(f, "is required and cannot be cleared")
		}
	case FieldStatus:
		if c.Clear {
			return fieldErr(f, "cannot be cleared; set it to %q instead", StatusNew)
		}
		if _, err := ParseStatus(c.Value); err != nil {
			return err
		}
	case FieldStars:
		if !c.Clear {
			if _, err := ParseStars(c.Value); err != nil {
				return fieldErr(f, "%q is not a number of stars from 0 to 5", c.Value)
			}
		}
	case FieldScoreType:
		if c.Clear {
			return fieldErr(f, "cannot be cleared; set it to auto or manual")
		}
		if _, err := ParseScoreType(c.Value); err != nil {
			return fieldErr(f, "%q is not a score type (auto or manual)", c.Value)
		}
	case FieldAccountID, FieldInitiatedBy:
		if !c.Clear {
			if _, err := uuid.Parse(strings.TrimSpace(c.Value)); err != nil {
				return fieldErr(f, "%q is not a record ID", c.Value)
			}
		}
	case FieldEmail:
		if !c.Clear {
			if err := checkEmail(f, strings.TrimSpace(c.Value)); err != nil {
				return err
			}
		}
	case FieldPhone:
		if !c.Clear {
			p, err := parsePhoneValue(c.Value)
			if err != nil {
				return err
			}
			if err := checkPhone(f, p.Number); err != nil {
				return err
			}
		}
	case FieldWebPage:
		if !c.Clear {
			if err := checkWebPage(f, strings.TrimSpace(c.Value)); err != nil {
				return err
			}
		}
	case FieldTitle, FieldFirstName, FieldMiddleName, FieldLastName, FieldSuffix, FieldJobTitle,
		FieldFileAs, FieldCompany, FieldSource, FieldAssignedTo:
	default:
		return fieldErr(f, "cannot be edited in bulk")
	}
	return c.checkText()
}

// checkText refuses a value no store can hold (see checkText). It returns
// a plain nil, not a nil *FieldError.
func (c Change) checkText() error {
	if err := checkText(string(c.Field), c.Value); err != nil {
		return err
	}
	return nil
}

// parsePhoneValue reads "NUMBER" (a business phone) or "LABEL=NUMBER"; a
// label has no digits.
func parsePhoneValue(s string) (Phone, error) {
	label, number, ok := strings.Cut(s, "=")
	if !ok || PhoneHasDigits(label) {
		// No label, or an "=" inside the number ("tel:+1-201-555-0123;ext=12").
		return Phone{Label: PhoneBusiness, Number: strings.TrimSpace(s)}, nil
	}
	lb, err := ParsePhoneLabel(label)
	if err != nil {
		return Phone{}, fieldErr("phone", "%q is not a phone label (Business, Home, Mobile, Fax or Other)", label)
	}
	return Phone{Label: lb, Number: strings.TrimSpace(number)}, nil
}

// compile checks what the change needs from other records (the member,
// the linked record) and returns the function that applies it to one
// lead, reporting whether the lead changed. c has passed check.
func (c Change) compile(ctx context.Context, tx Tx) (func(*Lead) (bool, error), error) {
	v := strings.TrimSpace(c.Value)
	if c.Clear {
		v = ""
	}
	setText := func(get func(*Lead) *string) func(*Lead) (bool, error) {
		return func(l *Lead) (bool, error) {
			p := get(l)
			if *p == v {
				return false, nil
			}
			*p = v
			return true, nil
		}
	}
	if name, ok := strings.CutPrefix(string(c.Field), "custom."); ok {
		return func(l *Lead) (bool, error) {
			cur, had := l.Custom[name]
			if c.Clear && !had || !c.Clear && had && cur == v {
				return false, nil
			}
			// A new map, not a change in place: the old record's map
			// stays as it was, for checkCustom to compare with.
			m := make(map[string]string, len(l.Custom)+1)
			maps.Copy(m, l.Custom)
			if c.Clear {
				delete(m, name)
			} else {
				m[name] = v
			}
			l.Custom = m
			return true, nil
		}, nil
	}
	switch c.Field {
	case FieldFullName:
		return setText(func(l *Lead) *string { return &l.FullName }), nil
	case FieldTitle:
		return setText(func(l *Lead) *string { return &l.Title }), nil
	case FieldFirstName:
		return setText(func(l *Lead) *string { return &l.FirstName }), nil
	case FieldMiddleName:
		return setText(func(l *Lead) *string { return &l.MiddleName }), nil
	case FieldLastName:
		return setText(func(l *Lead) *string { return &l.LastName }), nil
	case FieldSuffix:
		return setText(func(l *Lead) *string { return &l.Suffix }), nil
	case FieldJobTitle:
		return setText(func(l *Lead) *string { return &l.JobTitle }), nil
	case FieldFileAs:
		return setText(func(l *Lead) *string { return &l.FileAs }), nil
	case FieldCompany:
		return setText(func(l *Lead) *string { return &l.Company }), nil
	case FieldSource:
		return setText(func(l *Lead) *string { return &l.Source }), nil
	case FieldAssignedTo:
		if !c.Clear {
			name, err := memberIn(ctx, tx, v)
			if err != nil {
				return nil, err
			}
			v = name
		}
		return setText(func(l *Lead) *string { return &l.AssignedTo }), nil
	case FieldStatus:
		st, _ := ParseStatus(v)
		return func(l *Lead) (bool, error) {
			if l.Status == st {
				return false, nil
			}
			l.Status = st
			return true, nil
		}, nil
	case FieldStars:
		if c.Clear {
			return func(l *Lead) (bool, error) {
				if l.Score.Type == ScoreAuto {
					return false, nil
				}
				l.Score.Type = ScoreAuto
				return true, nil
			}, nil
		}
		n, _ := ParseStars(v)
		return func(l *Lead) (bool, error) {
			if l.Score.Type == ScoreManual && l.Score.Stars == n {
				return false, nil
			}
			l.Score = ManualScore(n)
			return true, nil
		}, nil
	case FieldScoreType:
		t, _ := ParseScoreType(v)
		return func(l *Lead) (bool, error) {
			if l.Score.Type == t {
				return false, nil
			}
			l.Score.Type = t
			if t == ScoreManual {
				l.Score = ManualScore(l.Score.Stars)
			}
			return true, nil
		}, nil
	case FieldAccountID, FieldInitiatedBy:
		var id uuid.UUID
		if !c.Clear {
			id, _ = uuid.Parse(v) // check parsed it
			var err error
			if c.Field == FieldAccountID {
				err = lockAccount(ctx, tx, id)
			} else {
				err = lockLead(ctx, tx, id)
			}
			if errors.Is(err, ErrNotFound) {
				return nil, fieldErr(string(c.Field), "no record has ID %s", id)
			} else if err != nil {
				return nil, err
			}
		}
		return func(l *Lead) (bool, error) {
			p := &l.AccountID
			if c.Field == FieldInitiatedBy {
				if id == l.ID {
					return false, fieldErr("initiated_by", "a lead cannot initiate itself")
				}
				p = &l.InitiatedBy
			}
			if *p == id {
				return false, nil
			}
			*p = id
			return true, nil
		}, nil
	case FieldEmail:
		var want []Email
		if !c.Clear {
			want = []Email{{Address: v}}
		}
		return func(l *Lead) (bool, error) {
			if slices.Equal(l.Emails, want) {
				return false, nil
			}
			l.Emails = slices.Clone(want)
			return true, nil
		}, nil
	case FieldPhone:
		var want []Phone
		if !c.Clear {
			p, _ := parsePhoneValue(v)
			want = []Phone{p}
		}
		return func(l *Lead) (bool, error) {
			if slices.Equal(l.Phones, want) {
				return false, nil
			}
			l.Phones = slices.Clone(want)
			return true, nil
		}, nil
	case FieldWebPage:
		var want []string
		if !c.Clear {
			want = []string{v}
		}
		return func(l *Lead) (bool, error) {
			if slices.Equal(l.WebPages, want) {
				return false, nil
			}
			l.WebPages = slices.Clone(want)
			return true, nil
		}, nil
	}
	return nil, fieldErr(string(c.Field), "cannot be edited in bulk")
}
