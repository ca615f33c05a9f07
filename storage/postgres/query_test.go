package postgres

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"testing"
	"time"

	"github.com/google/uuid"
	"github.com/leadkit/leads"
	"github.com/shopspring/decimal"
	"github.com/stretchr/testify/require"
)

// trickyText holds the values where SQL and Go most easily disagree: case
// folding outside ASCII (Å, Ё, İ, ß, Σ, ǅ), byte order against locale
// order, empty strings, and SQL syntax.
var trickyText = []string{"", "Åsa", "åsa", "ÅSA", "Ёлка", "ёлка", "Елка", "İstanbul", "istanbul",
	"Straße", "STRASSE", "ΣΊΣΥΦΟΣ", "ǅemal", "zebra", "Zebra", "a", "B", "ä", "Ø", "o'brien",
	"x; DROP TABLE leads; --", "100%_off", `back\slash`, "日本", "ｆｕｌｌ"}

// trickySet creates n records with fields drawn from trickyText, times
// that differ below the microsecond, and scores of varied scale.
func trickySet(t *testing.T, s *Store, n int) []*leads.Lead {
	t.Helper()
	r := rand.New(rand.NewPCG(1, 2))
	pick := func() string { return trickyText[r.IntN(len(trickyText))] }
	base := time.Date(2026, 3, 1, 12, 0, 0, 0, time.UTC)
	var all []*leads.Lead
	for i := range n {
		l := &leads.Lead{
			ID:         uuid.Must(uuid.NewV7()),
			Type:       leads.RecordType(r.IntN(2)),
			FullName:   pick() + " " + pick(),
			FirstName:  pick(),
			LastName:   pick(),
			JobTitle:   pick(),
			FileAs:     pick(), // many ties, so the ID tie-break matters
			Company:    pick(),
			AssignedTo: []string{"", "alice", "Alice", "bob"}[r.IntN(4)],
			Source:     pick(),
			Status:     leads.StatusNew,
			Score:      leads.Score{Stars: leads.Stars(r.IntN(6)), Value: decimal.New(int64(r.IntN(600)), -int32(r.IntN(4)))},
			CreatedAt:  base.Add(time.Duration(r.IntN(5)) * time.Nanosecond * 250), // same microsecond, other nanos
			UpdatedAt:  base.Add(time.Duration(r.IntN(1000)) * time.Minute),
			Version:    0,
		}
		if i%9 == 0 {
			l.CreatedAt = time.Time{}
		}
		if i%11 == 0 {
			l.UpdatedAt = time.Date(1901, 2, 3, 4, 5, 6, 789, time.UTC) // before 1970
		}
		for range r.IntN(3) {
			l.Emails = append(l.Emails, leads.Email{Address: pick()})
		}
		for range r.IntN(3) {
			l.Addresses = append(l.Addresses, leads.Address{City: pick(), Country: pick()})
		}
		if r.IntN(2) == 0 {
			l.Custom = map[string]string{"tier": pick(), "it's": pick()}
		}
		require.NoError(t, s.Leads().Create(ctx, l))
		all = append(all, l)
	}
	return all
}

func trickyQueries() []leads.Query {
	var qs []leads.Query
	sortable := []leads.Field{leads.FieldFullName, leads.FieldFileAs, leads.FieldCompany, leads.FieldEmail,
		leads.FieldCity, leads.FieldStars, leads.FieldScore, leads.FieldCreatedAt, leads.FieldUpdatedAt,
		leads.FieldID, leads.FieldType, leads.FieldAssignedTo, leads.CustomField("tier"), leads.FieldAccountID}
	for _, f := range sortable {
		qs = append(qs, leads.Query{Sort: []leads.SortKey{leads.Asc(f)}}, leads.Query{Sort: []leads.SortKey{leads.Desc(f)}})
	}
	qs = append(qs, leads.Query{Sort: []leads.SortKey{leads.Asc(leads.FieldAssignedTo), leads.Desc(leads.FieldStars), leads.Desc(leads.FieldCreatedAt)}})
	for _, v := range trickyText {
		qs = append(qs,
			leads.Query{Where: leads.Contains(leads.FieldFullName, v)},
			leads.Query{Where: leads.Prefix(leads.FieldCompany, v)},
			leads.Query{Where: leads.Eq(leads.FieldLastName, v)},
			leads.Query{Where: leads.Contains(leads.FieldEmail, v)},
			leads.Query{Where: leads.Eq(leads.FieldCity, v)},
			leads.Query{Where: leads.Between(leads.FieldFileAs, v, "")},
			leads.Query{Where: leads.Between(leads.FieldCountry, "", v)},
			leads.Query{Where: leads.Prefix(leads.CustomField("tier"), v)},
			leads.Query{Where: leads.Eq(leads.CustomField("it's"), v)},
		)
	}
	t0 := time.Date(2026, 3, 1, 12, 0, 0, 500, time.UTC)
	qs = append(qs,
		leads.Query{Where: leads.TimeBetween(leads.FieldCreatedAt, t0, time.Time{})},
		leads.Query{Where: leads.TimeBetween(leads.FieldCreatedAt, time.Time{}, t0)},
		leads.Query{Where: leads.Eq(leads.FieldCreatedAt, t0.Format(time.RFC3339Nano))},
		leads.Query{Where: leads.Empty(leads.FieldCreatedAt)},
		leads.Query{Where: leads.NotEmpty(leads.FieldCreatedAt)},
		leads.Query{Where: leads.Between(leads.FieldUpdatedAt, "1900-01-01", "1950-01-01")},
		leads.Query{Where: leads.Between(leads.FieldScore, "1.5", "2.50")},
		leads.Query{Where: leads.In(leads.FieldScore, "1", "2.0", "0.5")},
		leads.Query{Where: leads.Empty(leads.FieldScore)},
		leads.Query{Where: leads.Empty(leads.FieldEmail)},
		leads.Query{Where: leads.NotEmpty(leads.FieldCity)},
		leads.Query{Where: leads.Empty(leads.CustomField("tier"))},
		leads.Query{Where: leads.In(leads.FieldAssignedTo, "alice", "bob")},
		leads.Query{Where: leads.Not(leads.Or(leads.Contains(leads.FieldCompany, "å"), leads.StarsBetween(0, 2)))},
		// Values no record can hold: NUL bytes and invalid UTF-8.
		leads.Query{Where: leads.Eq(leads.FieldCompany, "Åsa\x00")},
		leads.Query{Where: leads.In(leads.FieldCompany, "\xff", "zebra")},
		leads.Query{Where: leads.Eq(leads.FieldEmail, "a\x00")},
		leads.Query{Where: leads.Contains(leads.FieldFullName, "a\x00")},
		leads.Query{Where: leads.Prefix(leads.FieldCompany, "\xffa")},
		leads.Query{Where: leads.Contains(leads.FieldCity, "\xff")},
		leads.Query{Where: leads.Between(leads.FieldFileAs, "åsa\x00", "")},
		leads.Query{Where: leads.Between(leads.FieldFileAs, "", "zebra\x00x")},
		leads.Query{Where: leads.Between(leads.FieldCountry, "a\x00", "ø\x00")},
		leads.Query{Where: leads.Empty(leads.CustomField("t\x00ier"))},
		leads.Query{Where: leads.Eq(leads.CustomField("\xff"), "")},
		leads.Query{Where: leads.Eq(leads.CustomField("tier"), "\x00")},
		leads.Query{Where: leads.Contains(leads.CustomField("tier"), "a\x00"), Sort: []leads.SortKey{leads.Asc(leads.CustomField("tier"))}},
		leads.Query{Sort: []leads.SortKey{leads.Asc(leads.CustomField("\x00"))}},
		leads.Query{Types: []leads.RecordType{leads.TypeContact}, Where: leads.NotEmpty(leads.FieldEmail),
			Sort: []leads.SortKey{leads.Desc(leads.FieldEmail)}, Offset: 3, Limit: 5},
	)
	return qs
}

// TestQueryMatchesSelect compares every query's result, and its cursor
// paging, with leads.Select over the same records.
func TestQueryMatchesSelect(t *testing.T) {
	s := newT(t)
	all := trickySet(t, s, 150)
	for i, q := range trickyQueries() {
		t.Run(fmt.Sprintf("%d", i), func(t *testing.T) {
			want, err := leads.Select(q, slices.Values(all))
			require.NoError(t, err)
			got := listT(t, s, q)
			requireSameOrder(t, want, got, q)
			n, err := s.Leads().Count(ctx, q)
			require.NoError(t, err)
			unpaged := q
			unpaged.Offset, unpaged.Limit = 0, 0
			wantAll, err := leads.Select(unpaged, slices.Values(all))
			require.NoError(t, err)
			require.Equal(t, len(wantAll), n)

			if len(q.Sort) == 0 || q.Limit > 0 {
				return
			}
			// Page through with cursors, 7 at a time.
			requireSameOrder(t, want, pageThrough(t, s, q, 7), q)
		})
	}
}

// pageThrough lists what q selects a page of size records at a time,
// each page after the cursor of the one before.
func pageThrough(t *testing.T, s leads.Store, q leads.Query, size int) []*leads.Lead {
	t.Helper()
	var all []*leads.Lead
	page := q
	page.Limit = size
	for {
		batch := listT(t, s, page)
		if len(batch) == 0 {
			return all
		}
		all = append(all, batch...)
		var err error
		page.After, err = leads.Cursor(q, batch[len(batch)-1])
		require.NoError(t, err)
	}
}

// TestTimesKeepNanoseconds checks that times round-trip to the nanosecond,
// including the zero time and times before 1970.
func TestTimesKeepNanoseconds(t *testing.T) {
	s := newT(t)
	for _, tm := range []time.Time{{}, time.Date(2026, 1, 2, 3, 4, 5, 123456789, time.UTC),
		time.Date(1969, 12, 31, 23, 59, 59, 999999999, time.UTC), time.Date(1, 1, 1, 0, 0, 0, 1, time.UTC),
		time.Date(2026, 6, 1, 10, 0, 0, 7, time.FixedZone("CEST", 2*3600))} {
		l := &leads.Lead{ID: uuid.Must(uuid.NewV7()), FullName: "T", CreatedAt: tm, UpdatedAt: tm,
			Comments: []leads.Comment{{At: tm, Text: "x"}}}
		require.NoError(t, s.Leads().Create(ctx, l))
		got, err := s.Leads().Get(ctx, l.ID)
		require.NoError(t, err)
		require.True(t, tm.Equal(got.CreatedAt), "%v came back as %v", tm, got.CreatedAt)
		require.True(t, tm.Equal(got.UpdatedAt))
		require.True(t, tm.Equal(got.Comments[0].At))
		require.Equal(t, tm.IsZero(), got.CreatedAt.IsZero())
	}
}

func listT(t *testing.T, s leads.Store, q leads.Query) []*leads.Lead {
	t.Helper()
	var out []*leads.Lead
	for l, err := range s.Leads().List(ctx, q) {
		require.NoError(t, err)
		out = append(out, l)
	}
	return out
}

// requireSameOrder reports the first record where got departs from want.
func requireSameOrder(t *testing.T, want, got []*leads.Lead, q leads.Query) {
	t.Helper()
	for i := range min(len(want), len(got)) {
		if want[i].ID != got[i].ID {
			w, g := want[i], got[i]
			t.Fatalf("query %+v: record %d: want %s (file as %q, score %s, stars %d, created %v), got %s (file as %q, score %s, stars %d, created %v)",
				q, i, w.ID, w.FileAs, w.Score.Value, w.Score.Stars, w.CreatedAt, g.ID, g.FileAs, g.Score.Value, g.Score.Stars, g.CreatedAt)
		}
	}
	require.Equal(t, len(want), len(got), "query %+v: number of records", q)
}
