package postgres

import (
	"encoding/json"
	"fmt"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/google/uuid"
	"github.com/leadkit/leads"
	"github.com/shopspring/decimal"
)

// TestFieldTableRoundTrip walks the table of fields (leads.FieldSpecs):
// it gives every field of a lead a value of its own, stores the lead and
// reads it back through a second store on the same schema. It fails when
// a field of the table is not stored and read back, and when the table
// holds a field this test has no value for: give it one below, and a
// column (a migration) to the store.
func TestFieldTableRoundTrip(t *testing.T) {
	want := tableLead(t)
	schema := testSchema(t)
	if err := openT(t, schema).Leads().Create(ctx, want); err != nil {
		t.Fatal(err)
	}
	got, err := openT(t, schema).Leads().Get(ctx, want.ID)
	if err != nil {
		t.Fatal(err)
	}
	compareFields(t, want, got)
}

// tableLead returns a lead with a distinct value in every field of the
// table, text fields holding their labels.
func tableLead(t *testing.T) *leads.Lead {
	at := time.Date(2024, 5, 6, 7, 8, 9, 0, time.UTC)
	l := &leads.Lead{ID: uuid.New(), Addresses: []leads.Address{{Label: leads.AddressHome}}}
	a := &l.Addresses[0]
	for i, s := range leads.FieldSpecs() {
		day := time.Date(1990+i, 1, 2, 0, 0, 0, 0, time.UTC)
		switch {
		case s.Ref != nil:
			*s.Ref(l) = fmt.Sprintf("%s %d", s.Label, i)
		case s.Kind == leads.KindTime && s.Set != nil:
			if err := s.Set(l, day.Format(time.DateOnly)); err != nil {
				t.Fatal(err)
			}
		default:
			if !sampleMember(l, a, s.Field, at.Add(time.Duration(i)*time.Hour)) {
				t.Fatalf("no sample value for field %s of the table: add one to sampleMember", s.Field)
			}
		}
	}
	return l
}

// sampleMember sets a field that is not a plain text or date; false for
// a field it does not know.
func sampleMember(l *leads.Lead, a *leads.Address, f leads.Field, at time.Time) bool {
	switch f {
	case leads.FieldID, leads.FieldVersion: // given by the test and the store
	case leads.FieldType:
		l.Type = leads.TypeContact
	case leads.FieldAccountID:
		l.AccountID = uuid.New()
	case leads.FieldInitiatedBy:
		l.InitiatedBy = uuid.New()
	case leads.FieldStatus:
		l.Status = leads.StatusQualified
	case "photo":
		l.Photo = &leads.Photo{ContentType: "image/png", Data: []byte("\x89PNG\r\n\x1a\n")}
	case leads.FieldEmail:
		l.Emails = []leads.Email{{Label: "work", Address: "ada@example.org"}}
	case leads.FieldPhone:
		l.Phones = []leads.Phone{{Label: leads.PhoneMobile, Number: "+44 20 7946 0000"}}
	case leads.FieldWebPage:
		l.WebPages = []string{"https://example.org/ada"}
	case leads.FieldStreet:
		a.Street, a.Mailing = "1 Engine Row\nFloor 2", true
	case leads.FieldCity:
		a.City = "London"
	case leads.FieldState:
		a.State = "Greater London"
	case leads.FieldPostalCode:
		a.PostalCode = "SW1A 1AA"
	case leads.FieldCountry:
		a.Country = "United Kingdom"
	case "status_history":
		l.StatusHistory = []leads.StatusStep{{Status: leads.StatusContacted, At: at, By: "bob"}}
	case leads.FieldStars, leads.FieldScoreType:
		l.Score.Type, l.Score.Stars = leads.ScoreManual, 4
	case leads.FieldScore:
		l.Score.Value = decimal.RequireFromString("4.25")
	case "checks":
		l.Checks = map[uuid.UUID]bool{uuid.New(): true, uuid.New(): false}
	case "comments":
		l.Comments = []leads.Comment{{At: at, Author: "bob", Text: "Called."}}
	case "custom":
		l.Custom = map[string]string{"Region": "North"}
	case "merged_from":
		l.MergedFrom = []uuid.UUID{uuid.New()}
	case leads.FieldConvertedAt:
		l.ConvertedAt = at
	case leads.FieldCreatedAt:
		l.CreatedAt = at
	case leads.FieldUpdatedAt:
		l.UpdatedAt = at
	default:
		return false
	}
	return true
}

// compareFields reports each field of the table whose value differs
// between want and got: by its reader, or, for a member read whole, by
// the JSON of the member.
func compareFields(t *testing.T, want, got *leads.Lead) {
	t.Helper()
	for _, s := range leads.FieldSpecs() {
		var w, g any
		switch {
		case s.Text != nil:
			w, g = s.Text(want), s.Text(got)
		case s.Texts != nil:
			w, g = s.Texts(want), s.Texts(got)
		case s.Int != nil:
			w, g = s.Int(want), s.Int(got)
		case s.Decimal != nil:
			w, g = s.Decimal(want).String(), s.Decimal(got).String()
		case s.Time != nil:
			w, g = s.Time(want).UTC().Format(time.RFC3339Nano), s.Time(got).UTC().Format(time.RFC3339Nano)
		default:
			w, g = memberJSON(t, want, s.Member), memberJSON(t, got, s.Member)
		}
		if !reflect.DeepEqual(w, g) {
			t.Errorf("%s is not stored and read back: wrote %v, read %v", s.Field, w, g)
		}
	}
}

// memberJSON returns the JSON of the member of l with the JSON name.
func memberJSON(t *testing.T, l *leads.Lead, name string) string {
	v := reflect.ValueOf(l).Elem()
	for i := range v.NumField() {
		if n, _, _ := strings.Cut(v.Type().Field(i).Tag.Get("json"), ","); n == name {
			b, err := json.Marshal(v.Field(i).Interface())
			if err != nil {
				t.Fatal(err)
			}
			return string(b)
		}
	}
	t.Fatalf("Lead has no member %q", name)
	return ""
}
