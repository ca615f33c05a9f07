package leads_test

import (
	"testing"
	"time"

	"github.com/google/uuid"
	"github.com/shopspring/decimal"
	"github.com/stretchr/testify/require"

	"github.com/leadkit/leads"
)

func TestDiff(t *testing.T) {
	crit := uuid.MustParse("0190a000-0000-7000-8000-000000000001")
	base := func() *leads.Lead {
		return &leads.Lead{
			ID: recA, FullName: "Ada Lovelace", Company: "Analytical",
			Emails:   []leads.Email{{Address: "ada@example.com"}},
			Checks:   map[uuid.UUID]bool{crit: true},
			Custom:   map[string]string{"tier": "1"},
			Comments: []leads.Comment{{At: h0, Author: "ann", Text: "first"}},
			Score:    leads.Score{Type: leads.ScoreAuto, Stars: 3, Value: decimal.RequireFromString("3.0")},
			Version:  4, UpdatedAt: h0, UpdatedBy: "ann",
		}
	}
	type change struct{ field, from, to string }
	for name, tc := range map[string]struct {
		edit func(*leads.Lead)
		want []change
	}{
		"nothing":              {func(*leads.Lead) {}, nil},
		"bookkeeping only":     {func(l *leads.Lead) { l.Version, l.UpdatedAt, l.UpdatedBy = 9, h0.Add(time.Hour), "bo" }, nil},
		"scalar":               {func(l *leads.Lead) { l.Company = "Engines" }, []change{{"company", `"Analytical"`, `"Engines"`}}},
		"scalar cleared":       {func(l *leads.Lead) { l.Company = "" }, []change{{"company", `"Analytical"`, "null"}}},
		"scalar set":           {func(l *leads.Lead) { l.JobTitle = "CTO" }, []change{{"job_title", "null", `"CTO"`}}},
		"two fields in order":  {func(l *leads.Lead) { l.Source, l.FullName = "Web", "Ada K" }, []change{{"full_name", `"Ada Lovelace"`, `"Ada K"`}, {"source", "null", `"Web"`}}},
		"list entry added":     {func(l *leads.Lead) { l.Emails = append(l.Emails, leads.Email{Address: "b@x"}) }, []change{{"emails", `[{"label":"","address":"ada@example.com"}]`, `[{"label":"","address":"ada@example.com"},{"label":"","address":"b@x"}]`}}},
		"list emptied":         {func(l *leads.Lead) { l.Emails = nil }, []change{{"emails", `[{"label":"","address":"ada@example.com"}]`, "null"}}},
		"empty equals missing": {func(l *leads.Lead) { l.Phones, l.WebPages = []leads.Phone{}, []string{} }, nil},
		"map value":            {func(l *leads.Lead) { l.Checks = map[uuid.UUID]bool{crit: false} }, []change{{"checks", `{"` + crit.String() + `":true}`, `{"` + crit.String() + `":false}`}}},
		"map entry":            {func(l *leads.Lead) { l.Custom["region"] = "north" }, []change{{"custom", `{"tier":"1"}`, `{"region":"north","tier":"1"}`}}},
		"empty map":            {func(l *leads.Lead) { l.Custom = map[string]string{} }, []change{{"custom", `{"tier":"1"}`, "null"}}},
		"score":                {func(l *leads.Lead) { l.Score = leads.ManualScore(5) }, []change{{"score", `{"type":"auto","stars":3,"value":"3"}`, `{"type":"manual","stars":5,"value":"5"}`}}},
		"comment added":        {func(l *leads.Lead) { l.Comments = append(l.Comments, leads.Comment{Author: "bo", Text: "second"}) }, []change{{"comments", "null", `[{"at":"0001-01-01T00:00:00Z","author":"bo","text":"second"}]`}}},
		"comment edited":       {func(l *leads.Lead) { l.Comments = []leads.Comment{{Text: "other"}} }, []change{{"comments", `[{"at":"2026-05-04T14:00:00Z","author":"ann","text":"first"}]`, `[{"at":"0001-01-01T00:00:00Z","author":"","text":"other"}]`}}},
		"id":                   {func(l *leads.Lead) { l.AccountID = recB }, []change{{"account_id", "null", `"` + recB.String() + `"`}}},
		"photo by size":        {func(l *leads.Lead) { l.Photo = &leads.Photo{ContentType: "image/png", Data: make([]byte, 3)} }, []change{{"photo", "null", `{"content_type":"image/png","size":3}`}}},
		"time":                 {func(l *leads.Lead) { l.CreatedAt = h0 }, []change{{"created_at", "null", `"2026-05-04T14:00:00Z"`}}},
	} {
		t.Run(name, func(t *testing.T) {
			a, b := base(), base()
			tc.edit(b)
			before := a.Clone()
			var got []change
			for _, c := range leads.Diff(a, b) {
				got = append(got, change{c.Field, string(c.From), string(c.To)})
			}
			require.Equal(t, tc.want, got)
			require.Equal(t, before, a, "Diff changes neither lead")
		})
	}

	// Against nil, every field set is a change from null.
	var fields []string
	for _, c := range leads.Diff(nil, &leads.Lead{FullName: "X", Custom: map[string]string{"a": "b"}}) {
		require.Equal(t, "null", string(c.From))
		fields = append(fields, c.Field)
	}
	require.Equal(t, []string{"full_name", "custom"}, fields)
}
