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

// texts returns the text fields of d with their JSON names, in the order
// of the names, for validation.
func (d *Details) texts() [7][2]string {
	return [...][2]string{
		{"details.assistant", d.Assistant}, {"details.department", d.Department},
		{"details.manager", d.Manager}, {"details.nickname", d.Nickname},
		{"details.office", d.Office}, {"details.profession", d.Profession},
		{"details.spouse", d.Spouse},
	}
}

// validate checks that the dates are dates (midnight UTC); normalize makes
// them so for records written through a Book.
func (d *Details) validate() []error {
	var errs []error
	for _, f := range d.texts() {
		if err := checkText(f[0], f[1]); err != nil {
			errs = append(errs, err)
		}
	}
	for _, dt := range [...]struct {
		field string
		t     time.Time
	}{{"details.birthday", d.Birthday}, {"details.anniversary", d.Anniversary}} {
		if !dt.t.IsZero() && !isDate(dt.t) {
			errs = append(errs, fieldErr(dt.field, "%s is not a date: want midnight UTC", dt.t.Format(time.RFC3339Nano)))
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
