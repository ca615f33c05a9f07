package leads

import (
	"reflect"
	"testing"
	"time"

	"github.com/google/uuid"
)

// TestCombineKeepsEveryField merges a record with only a name into one
// where every field of Lead is set: each field must come through. It
// fails when Lead gains a field that has a rule (TestMergeRulesCoverLead)
// but that combine forgets.
func TestCombineKeepsEveryField(t *testing.T) {
	at := time.Date(2026, 3, 1, 9, 0, 0, 0, time.UTC)
	full := &Lead{
		ID: uuid.MustParse("0190f000-0000-7000-8000-000000000002"), Type: TypeContact,
		FullName: "Dr. Ada M. Lovelace Jr.", Title: "Dr.", FirstName: "Ada", MiddleName: "M.", LastName: "Lovelace", Suffix: "Jr.",
		JobTitle: "Analyst", FileAs: "Lovelace, Ada", Company: "Engines", AccountID: uuid.New(), AssignedTo: "bob",
		Photo:  &Photo{ContentType: "image/png", Data: []byte{1}},
		Emails: []Email{{Address: "ada@engines.example"}}, Phones: []Phone{{Number: "+44 20 7946 0018"}},
		WebPages: []string{"https://engines.example"}, Addresses: []Address{{City: "London"}},
		Source: "Web", InitiatedBy: uuid.New(), Status: StatusConverted,
		StatusHistory: []StatusStep{{Status: StatusConverted, At: at}},
		Score:         Score{Type: ScoreManual, Stars: 3}, Checks: map[uuid.UUID]bool{uuid.New(): true},
		Comments: []Comment{{Text: "hi"}}, Custom: map[string]string{"Region": "North"},
		Details:     Details{Department: "R&D", Office: "1", Profession: "p", Manager: "m", Assistant: "a", Nickname: "n", Spouse: "s", Birthday: at, Anniversary: at},
		ConvertedAt: at, MergedFrom: []uuid.UUID{uuid.New()},
		CreatedAt: at.Add(-time.Hour), CreatedBy: "carol", UpdatedAt: at, UpdatedBy: "dave", Version: 4,
	}
	survivor := &Lead{ID: uuid.MustParse("0190f000-0000-7000-8000-000000000001"), Type: TypeLead, FullName: "",
		CreatedAt: at, Version: 1}
	p, err := checkMergeOptions(MergeOptions{})
	if err != nil {
		t.Fatal(err)
	}
	out, _ := combine([]*Lead{survivor, full}, p)
	v, f := reflect.ValueOf(*out), reflect.ValueOf(*full)
	for i := range v.NumField() {
		name := v.Type().Field(i).Name
		switch name {
		case "ID", "Version", "UpdatedAt", "UpdatedBy": // the survivor's; stamped by the caller
			continue
		case "MergedFrom":
			if len(out.MergedFrom) != 2 {
				t.Errorf("MergedFrom = %v, want the other's ID and its merged IDs", out.MergedFrom)
			}
			continue
		}
		if !reflect.DeepEqual(v.Field(i).Interface(), f.Field(i).Interface()) {
			t.Errorf("%s = %v, want %v", name, v.Field(i).Interface(), f.Field(i).Interface())
		}
	}
}
