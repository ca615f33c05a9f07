package leads

import "time"

// Details is the Details page that Business Contact Manager gives a
// business contact: where the person sits in their company and the
// personal dates a salesperson remembers. Leads may hold it too (a lead
// converted later keeps it), but it is what contacts are for.
//
// Birthday and Anniversary are dates: a Book stores them as midnight UTC of
// the day given, whatever the zone they came in.
type Details struct {
	Department  string    `json:"department,omitempty"`
	Office      string    `json:"office,omitempty"`
	Profession  string    `json:"profession,omitempty"`
	Manager     string    `json:"manager,omitempty"`
	Assistant   string    `json:"assistant,omitempty"`
	Nickname    string    `json:"nickname,omitempty"`
	Spouse      string    `json:"spouse,omitempty"`
	Birthday    time.Time `json:"birthday,omitzero"`
	Anniversary time.Time `json:"anniversary,omitzero"`
}

// IsZero reports whether no field of the Details page is set; such a page
// is left out of the JSON form of a lead.
func (d Details) IsZero() bool { return d == Details{} }

// validateDetails checks the lengths of the Details page, and that its
// dates are dates (midnight UTC); normalize makes them so for records
// written through a Book.
func (l *Lead) validateDetails() []error {
	if l.Details.IsZero() {
		return nil // most leads: no Details page
	}
	var errs []error
	for _, f := range detailTexts() {
		if err := checkTextMax(string(f.Field), *f.Ref(l), f.MaxLength); err != nil {
			errs = append(errs, err)
		}
	}
	for _, f := range detailDates() {
		if t := f.Time(l); !t.IsZero() && !isDate(t) {
			errs = append(errs, fieldErr(string(f.Field), "%s is not a date: want midnight UTC", t.Format(time.RFC3339Nano)))
		}
	}
	return errs
}

// isDate reports whether t is midnight UTC, the form a date is kept in.
func isDate(t time.Time) bool {
	return t.Location() == time.UTC && t.Equal(toDate(t))
}

// toDate returns midnight UTC of t's day in t's own zone: a birthday typed
// in Tokyo is the same day in the store.
func toDate(t time.Time) time.Time {
	if t.IsZero() {
		return t
	}
	y, m, d := t.Date()
	return time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
}
