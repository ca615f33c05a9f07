package leads_test

import (
	"encoding/json"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/leadkit/leads"
)

func TestDetails(t *testing.T) {
	b, _, ctx := newBook(t)
	tokyo := time.FixedZone("JST", 9*3600)
	l := mustCreate(t, b, ctx, &leads.Lead{FullName: "Ada Lovelace", Type: leads.TypeContact,
		Details: leads.Details{Department: "R&D", Manager: "Charles Babbage",
			// Late on the 10th in Tokyo is still the 10th.
			Birthday: time.Date(1815, 12, 10, 23, 30, 0, 0, tokyo)}})
	require.Equal(t, time.Date(1815, 12, 10, 0, 0, 0, 0, time.UTC), l.Details.Birthday, "a date, midnight UTC")
	require.Equal(t, "R&D", get(t, b, ctx, l.ID).Details.Department)

	found, err := b.Count(ctx, leads.Query{Where: leads.Eq(leads.FieldManager, "Charles Babbage")})
	require.NoError(t, err)
	require.Equal(t, 1, found, "details fields are queryable")
	found, err = b.Count(ctx, leads.Query{Where: leads.Between(leads.FieldBirthday, "1815-12-10", "1815-12-10")})
	require.NoError(t, err)
	require.Equal(t, 1, found)

	edited, err := b.Edit(ctx, l.ID, func(l *leads.Lead) error {
		l.Details.Anniversary = time.Date(1835, 7, 8, 15, 0, 0, 0, time.UTC)
		return nil
	})
	require.NoError(t, err)
	require.Equal(t, time.Date(1835, 7, 8, 0, 0, 0, 0, time.UTC), edited.Details.Anniversary)

	// JSON: "details" only when the page has something.
	js, err := json.Marshal(edited)
	require.NoError(t, err)
	require.Contains(t, string(js), `"details":{"department":"R\u0026D","manager":"Charles Babbage","birthday":"1815-12-10T00:00:00Z","anniversary":"1835-07-08T00:00:00Z"}`)
	plain := mustCreate(t, b, ctx, &leads.Lead{FullName: "Grace Hopper"})
	js, err = json.Marshal(plain)
	require.NoError(t, err)
	require.NotContains(t, string(js), `"details"`)
	require.NotContains(t, string(js), `"converted_at"`)

	// Clone copies the page.
	c := edited.Clone()
	c.Details.Department = "changed"
	require.Equal(t, "R&D", edited.Details.Department)
}

func TestDetailsValidation(t *testing.T) {
	noon := time.Date(1990, 1, 1, 12, 0, 0, 0, time.UTC)
	for name, tt := range map[string]struct {
		d      leads.Details
		fields []string
	}{
		"empty":            {leads.Details{}, nil},
		"full":             {leads.Details{Department: "IT", Office: "B2", Profession: "Engineer", Manager: "M", Assistant: "A", Nickname: "N", Spouse: "S", Birthday: time.Date(1990, 1, 1, 0, 0, 0, 0, time.UTC)}, nil},
		"time of day":      {leads.Details{Birthday: noon}, []string{"details.birthday"}},
		"not UTC":          {leads.Details{Anniversary: time.Date(1990, 1, 1, 0, 0, 0, 0, time.FixedZone("X", 3600))}, []string{"details.anniversary"}},
		"invalid UTF-8":    {leads.Details{Department: "\xff"}, []string{"details.department"}},
		"NUL and two more": {leads.Details{Spouse: "a\x00b", Nickname: "\xfe", Birthday: noon}, []string{"details.birthday", "details.nickname", "details.spouse"}},
	} {
		t.Run(name, func(t *testing.T) {
			l := &leads.Lead{FullName: "X", Details: tt.d}
			err := l.Validate()
			if tt.fields == nil {
				require.NoError(t, err)
				return
			}
			requireFieldErrors(t, err, tt.fields...)
		})
	}
	// Through a Book, a bad page changes nothing.
	b, _, ctx := newBook(t)
	l := mustCreate(t, b, ctx, &leads.Lead{FullName: "Ada"})
	_, err := b.Edit(ctx, l.ID, func(l *leads.Lead) error { l.Details.Office = "\xff"; return nil })
	requireFieldErrors(t, err, "details.office")
	require.Equal(t, l, get(t, b, ctx, l.ID))
}
