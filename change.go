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
// it selects: set the field to Value, or, with Clear, empty it. Value has
// the type of the field's values:
//
//	string     the text fields (title, the name parts, job_title, file_as,
//	           company, source), full_name (set, never cleared),
//	           assigned_to (an active user: see ErrNotMember), email and
//	           web_page, custom fields (custom.NAME)
//	Status     status (set, never cleared)
//	Stars      stars: a manual score; clearing it switches the record back
//	           to automatic
//	ScoreType  score_type (set, never cleared)
//	uuid.UUID  account_id and initiated_by: records that must exist
//	Phone      phone (an empty label is a business phone)
//
// Setting email, phone or web_page replaces the list with that one entry;
// clearing empties it; clearing a custom field removes it. Build Changes
// with Set and Clear; ParseChange reads a value as a person types it.
type Change struct {
	Field Field
	Value any
	Clear bool
}

// ChangeValue is the type of the value a Change sets.
type ChangeValue interface {
	string | Status | Stars | ScoreType | uuid.UUID | Phone
}

// Set returns the Change that sets f to v:
// Set(FieldStars, Stars(4)), Set(FieldCompany, "Acme").
func Set[V ChangeValue](f Field, v V) Change { return Change{Field: f, Value: v} }

// Clear returns the Change that clears f.
func Clear(f Field) Change { return Change{Field: f, Clear: true} }

// ParseChange returns the Change that sets f to the value s as a person
// types it: "4" for stars, "Qualified" for status, an account's ID for
// account_id, "Mobile=555 0100" for phone (a phone without a label is a
// business phone). It returns a *FieldError naming f for text that is not
// a value of f, and for a field a bulk edit cannot change.
func ParseChange(f Field, s string) (Change, error) {
	if strings.HasPrefix(string(f), "custom.") {
		return Set(f, s), nil
	}
	spec := specOf(f)
	switch {
	case spec == nil || !spec.queryable():
		return Change{}, fieldErr(string(f), "unknown field")
	case spec.Parse == nil:
		return Change{}, fieldErr(string(f), "cannot be edited in bulk")
	}
	v, err := spec.Parse(s)
	if err != nil {
		return Change{}, err
	}
	return Change{Field: f, Value: v}, nil
}

func (c Change) String() string {
	if c.Clear {
		return fmt.Sprintf("clear %s", c.Field)
	}
	if s, ok := c.Value.(string); ok {
		return fmt.Sprintf("set %s to %q", c.Field, s)
	}
	return fmt.Sprintf("set %s to %v", c.Field, c.Value)
}

// check refuses, before any record is read, a change that no record can
// take: an unknown field, one that cannot be edited in bulk, a value of
// the wrong type or out of range, or clearing a field that is never empty.
func (c Change) check() error {
	f := string(c.Field)
	if name, ok := strings.CutPrefix(f, "custom."); ok {
		if strings.TrimSpace(name) == "" {
			return fieldErr("custom", "a custom field has an empty name")
		}
		return c.checkText()
	}
	spec := specOf(c.Field)
	switch {
	case spec == nil || !spec.queryable():
		return fieldErr(f, "unknown field")
	case spec.Parse == nil:
		return fieldErr(f, "cannot be edited in bulk")
	case c.Clear:
		switch c.Field {
		case FieldFullName:
			return fieldErr(f, "is required and cannot be cleared")
		case FieldStatus:
			return fieldErr(f, "cannot be cleared; set it to %q instead", StatusNew)
		case FieldScoreType:
			return fieldErr(f, "cannot be cleared; set it to auto or manual")
		}
		return nil
	}
	return c.checkValue()
}

// checkValue refuses a value of the wrong type for the field, or one out
// of its range.
func (c Change) checkValue() error {
	f := string(c.Field)
	switch c.Field {
	case FieldStatus:
		st, ok := c.Value.(Status)
		if !ok {
			return c.wrongType("a leads.Status")
		}
		_, err := ParseStatus(string(st))
		return err
	case FieldStars:
		n, ok := c.Value.(Stars)
		if !ok {
			return c.wrongType("leads.Stars")
		}
		if !n.Valid() {
			return fieldErr(f, "%d is not a number of stars from 0 to 5", n)
		}
		return nil
	case FieldScoreType:
		t, ok := c.Value.(ScoreType)
		if !ok {
			return c.wrongType("a leads.ScoreType")
		}
		if t > ScoreManual {
			return fieldErr(f, "%s is not a score type (auto or manual)", t)
		}
		return nil
	case FieldAccountID, FieldInitiatedBy:
		id, ok := c.Value.(uuid.UUID)
		if !ok {
			return c.wrongType("a uuid.UUID")
		}
		if id == uuid.Nil {
			return fieldErr(f, "the nil ID is no record; clear the field instead")
		}
		return nil
	case FieldPhone:
		p, ok := c.Value.(Phone)
		if !ok {
			return c.wrongType("a leads.Phone")
		}
		if _, err := ParsePhoneLabel(string(p.Label)); err != nil && p.Label != "" {
			return fieldErr(f, "%q is not a phone label (Business, Home, Mobile, Fax or Other)", p.Label)
		}
		return checkPhoneErr(f, strings.TrimSpace(p.Number))
	}
	s, ok := c.Value.(string)
	if !ok {
		return c.wrongType("a string")
	}
	switch c.Field {
	case FieldFullName:
		if strings.TrimSpace(s) == "" {
			return fieldErr(f, "is required and cannot be cleared")
		}
	case FieldEmail:
		if err := checkEmail(f, strings.TrimSpace(s)); err != nil {
			return err
		}
	case FieldWebPage:
		if err := checkWebPage(f, strings.TrimSpace(s)); err != nil {
			return err
		}
	}
	return c.checkText()
}

// wrongType is the error of a value that is not of the field's type.
func (c Change) wrongType(want string) error {
	return fieldErr(string(c.Field), "takes %s, not %T", want, c.Value)
}

// checkPhoneErr is checkPhone returning a plain nil.
func checkPhoneErr(field, number string) error {
	if err := checkPhone(field, number); err != nil {
		return err
	}
	return nil
}

// checkText refuses a text value no store can hold (see checkText). It
// returns a plain nil, not a nil *FieldError.
func (c Change) checkText() error {
	s, ok := c.Value.(string)
	if !ok && !c.Clear {
		return c.wrongType("a string")
	}
	if err := checkText(string(c.Field), s); err != nil {
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
	text, _ := c.Value.(string)
	v := strings.TrimSpace(text)
	if name, ok := strings.CutPrefix(string(c.Field), "custom."); ok {
		return c.setCustom(name, v), nil
	}
	spec := specOf(c.Field)
	switch c.Field {
	case FieldAssignedTo:
		if !c.Clear {
			name, err := memberIn(ctx, tx, v)
			if err != nil {
				return nil, err
			}
			v = name
		}
	case FieldStatus:
		st, _ := ParseStatus(string(c.Value.(Status)))
		return setIf(func(l *Lead) *Status { return &l.Status }, st), nil
	case FieldStars:
		return c.setStars(), nil
	case FieldScoreType:
		t := c.Value.(ScoreType)
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
		return c.setLink(ctx, tx)
	case FieldEmail:
		var want []Email
		if !c.Clear {
			want = []Email{{Address: v}}
		}
		return setList(func(l *Lead) *[]Email { return &l.Emails }, want), nil
	case FieldPhone:
		var want []Phone
		if !c.Clear {
			p := c.Value.(Phone)
			if p.Label == "" {
				p.Label = PhoneBusiness
			}
			p.Label, _ = ParsePhoneLabel(string(p.Label))
			p.Number = strings.TrimSpace(p.Number)
			want = []Phone{p}
		}
		return setList(func(l *Lead) *[]Phone { return &l.Phones }, want), nil
	case FieldWebPage:
		var want []string
		if !c.Clear {
			want = []string{v}
		}
		return setList(func(l *Lead) *[]string { return &l.WebPages }, want), nil
	}
	if spec == nil || spec.Ref == nil {
		return nil, fieldErr(string(c.Field), "cannot be edited in bulk")
	}
	return setIf(spec.Ref, v), nil
}

// setIf returns the edit that sets the value at to v, reporting whether
// it changed.
func setIf[V comparable](at func(*Lead) *V, v V) func(*Lead) (bool, error) {
	return func(l *Lead) (bool, error) {
		p := at(l)
		if *p == v {
			return false, nil
		}
		*p = v
		return true, nil
	}
}

// setList returns the edit that makes the list at a copy of want.
func setList[E comparable](at func(*Lead) *[]E, want []E) func(*Lead) (bool, error) {
	return func(l *Lead) (bool, error) {
		p := at(l)
		if slices.Equal(*p, want) {
			return false, nil
		}
		*p = slices.Clone(want)
		return true, nil
	}
}

// setCustom sets or removes the custom field name.
func (c Change) setCustom(name, v string) func(*Lead) (bool, error) {
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
	}
}

// setStars sets a manual score, or, cleared, switches back to automatic.
func (c Change) setStars() func(*Lead) (bool, error) {
	if c.Clear {
		return func(l *Lead) (bool, error) {
			if l.Score.Type == ScoreAuto {
				return false, nil
			}
			l.Score.Type = ScoreAuto
			return true, nil
		}
	}
	n := c.Value.(Stars)
	return func(l *Lead) (bool, error) {
		if l.Score.Type == ScoreManual && l.Score.Stars == n {
			return false, nil
		}
		l.Score = ManualScore(n)
		return true, nil
	}
}

// setLink sets account_id or initiated_by to a record that must exist,
// locked for the rest of the write.
func (c Change) setLink(ctx context.Context, tx Tx) (func(*Lead) (bool, error), error) {
	var id uuid.UUID
	if !c.Clear {
		id = c.Value.(uuid.UUID)
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
}
