package leads_test

import (
	"reflect"
	"strings"
	"testing"

	"github.com/leadkit/leads"
)

// TestFieldSpecsCoverLead fails when a member of Lead, or a field of its
// Details page, is not described in FieldSpecs: a new field is added to
// the table, and everything that derives from it (validation, queries,
// merges, the change log, imports, the command line) follows.
func TestFieldSpecsCoverLead(t *testing.T) {
	members := map[string]bool{}
	fields := map[leads.Field]bool{}
	for _, s := range leads.FieldSpecs() {
		members[s.Member] = true
		fields[s.Field] = true
	}
	lead := reflect.TypeFor[leads.Lead]()
	for i := range lead.NumField() {
		name := jsonName(lead.Field(i))
		if !members[name] {
			t.Errorf("Lead.%s (%q) is no Member of FieldSpecs: describe it in the table of fields (fieldtable.go)",
				lead.Field(i).Name, name)
		}
	}
	details := reflect.TypeFor[leads.Details]()
	for i := range details.NumField() {
		f := leads.Field("details." + jsonName(details.Field(i)))
		if !fields[f] {
			t.Errorf("Details.%s (%q) is not in FieldSpecs", details.Field(i).Name, f)
		}
	}
}

func jsonName(f reflect.StructField) string {
	name, _, _ := strings.Cut(f.Tag.Get("json"), ",")
	return name
}

// TestFieldSpecs checks the table's own rules: one entry per name, a
// reader that fits the kind, a length for every text held in a string,
// and that the fields a query can name are the ones Fields lists.
func TestFieldSpecs(t *testing.T) {
	seen := map[leads.Field]bool{}
	var queryable []leads.Field
	for _, s := range leads.FieldSpecs() {
		if seen[s.Field] {
			t.Errorf("%s is twice in the table", s.Field)
		}
		seen[s.Field] = true
		if s.Label == "" || s.Member == "" {
			t.Errorf("%s: no label or member", s.Field)
		}
		readers := 0
		for _, set := range []bool{s.Text != nil, s.Texts != nil, s.Int != nil, s.Decimal != nil, s.Time != nil} {
			if set {
				readers++
			}
		}
		if readers > 1 {
			t.Errorf("%s: %d readers, want one", s.Field, readers)
		}
		if readers == 1 {
			queryable = append(queryable, s.Field)
			ok := map[leads.Kind]bool{leads.KindText: s.Text != nil || s.Texts != nil, leads.KindInt: s.Int != nil,
				leads.KindDecimal: s.Decimal != nil, leads.KindTime: s.Time != nil}[s.Kind]
			if !ok || s.List != (s.Texts != nil) {
				t.Errorf("%s: the reader does not fit kind %s (list %v)", s.Field, s.Kind, s.List)
			}
		}
		if s.Ref != nil && s.MaxLength == 0 {
			t.Errorf("%s: a text without MaxLength", s.Field)
		}
		if s.MaxLength > 0 && readers == 1 && leads.MaxLength(string(s.Field)) != s.MaxLength {
			t.Errorf("MaxLength(%q) = %d, the table says %d", s.Field, leads.MaxLength(string(s.Field)), s.MaxLength)
		}
	}
	if got := leads.Fields(); !slicesEqualSorted(got, queryable) {
		t.Errorf("Fields() = %v, the readable fields of the table are %v", got, queryable)
	}
}

func slicesEqualSorted(sorted, any []leads.Field) bool {
	if len(sorted) != len(any) {
		return false
	}
	in := map[leads.Field]bool{}
	for _, f := range any {
		in[f] = true
	}
	for _, f := range sorted {
		if !in[f] {
			return false
		}
	}
	return true
}

// TestFieldSpecSet sets each field that people edit from text, and reads
// it back through the field's reader.
func TestFieldSpecSet(t *testing.T) {
	for _, s := range leads.FieldSpecs() {
		if s.Set == nil {
			continue
		}
		var l leads.Lead
		in, want := "Some text", "Some text"
		switch s.Field {
		case leads.FieldAccountID, leads.FieldInitiatedBy:
			in, want = "01a24250-1b9e-7310-b915-0ad51b04d747", "01a24250-1b9e-7310-b915-0ad51b04d747"
		case leads.FieldStatus:
			in, want = "Qualified", "qualified"
		case leads.FieldBirthday, leads.FieldAnniversary:
			in, want = "1815-12-10", "1815-12-10"
		}
		if err := s.Set(&l, in); err != nil {
			t.Fatalf("%s: Set(%q): %v", s.Field, in, err)
		}
		got := ""
		switch {
		case s.Text != nil:
			got = s.Text(&l)
		case s.Time != nil:
			got = s.Time(&l).Format("2006-01-02")
		}
		if got != want {
			t.Errorf("%s: Set(%q) reads back %q, want %q", s.Field, in, got, want)
		}
		if s.Field != leads.FieldStatus { // a status is never empty
			if err := s.Set(&l, ""); err != nil || (s.Text != nil && s.Text(&l) != "") || (s.Time != nil && !s.Time(&l).IsZero()) {
				t.Errorf("%s: Set(\"\") does not clear: %v", s.Field, err)
			}
		}
	}
}

// TestFieldSpecRef checks that the reader of each text field held in a
// string reads the string that Ref points to.
func TestFieldSpecRef(t *testing.T) {
	var l leads.Lead
	specs := leads.FieldSpecs()
	for i, s := range specs {
		if s.Ref != nil {
			*s.Ref(&l) = string(s.Field) + strings.Repeat("!", i)
		}
	}
	for i, s := range specs {
		if s.Ref != nil {
			if want := string(s.Field) + strings.Repeat("!", i); s.Text == nil || s.Text(&l) != want {
				t.Errorf("%s: Text does not read the string of Ref (%q)", s.Field, want)
			}
		}
	}
}
