package leads_test

import (
	"encoding/base64"
	"fmt"
	"math/rand/v2"
	"slices"
	"testing"

	"github.com/google/uuid"
	"github.com/stretchr/testify/require"

	"github.com/leadkit/leads"
)

func base64URL(s string) string { return base64.RawURLEncoding.EncodeToString([]byte(s)) }

func TestPlanMatchAndCompare(t *testing.T) {
	all, keys := fixture(t)
	q := leads.Query{
		Types: []leads.RecordType{leads.TypeLead},
		Where: leads.NotEmpty(leads.FieldEmail),
		Sort:  []leads.SortKey{leads.Desc(leads.FieldStars)},
	}
	p, err := q.Plan()
	require.NoError(t, err)

	var matched []*leads.Lead
	for _, l := range all {
		if p.Match(l) {
			matched = append(matched, l)
		}
	}
	slices.SortFunc(matched, p.Compare)
	want, err := leads.Select(q, slices.Values(all))
	require.NoError(t, err)
	require.Equal(t, keys(want), keys(matched))
	require.Equal(t, []string{"ada", "grace", "babbage", "turing1", "ludwig", "jose"}, keys(want))

	// Compare is a total order: antisymmetric, zero only for a lead with
	// itself.
	for _, a := range all {
		for _, b := range all {
			c := p.Compare(a, b)
			require.Equal(t, -c, p.Compare(b, a))
			require.Equal(t, a.ID == b.ID, c == 0)
		}
	}

	// Plan.Cursor and Cursor agree; Match honours the cursor.
	c, err := leads.Cursor(q, want[2])
	require.NoError(t, err)
	require.Equal(t, c, p.Cursor(want[2]))
	q.After = c
	pc, err := q.Plan()
	require.NoError(t, err)
	for i, l := range want {
		require.Equal(t, i > 2, pc.Match(l), keys([]*leads.Lead{l}))
	}
	// A lead of the wrong type never matches.
	contact := all[2].Clone()
	require.Equal(t, leads.TypeContact, contact.Type)
	require.False(t, p.Match(contact))
	contact.Type = 9
	require.False(t, p.Match(contact))
}

func TestCursorIsOpaqueText(t *testing.T) {
	all, _ := fixture(t)
	for _, q := range []leads.Query{{}, {Sort: []leads.SortKey{leads.Desc(leads.FieldScore), leads.Asc(leads.FieldCreatedAt)}}} {
		for _, l := range all {
			c, err := leads.Cursor(q, l)
			require.NoError(t, err)
			require.NotEmpty(t, c)
			require.NotContains(t, c, "=")
			require.NotContains(t, c, "/")
			require.NotContains(t, c, "+")
			q2 := q
			q2.After = c
			require.NoError(t, q2.Validate())
		}
	}
}

// TestSelectPagesAgreeWithFullSort checks the paged path of Select (a
// bounded heap) against slicing the fully sorted result, over records with
// many ties, in shuffled order.
func TestSelectPagesAgreeWithFullSort(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	companies := []string{"", "AE", "ae", "Bletchley", "Ångström AB", "zeta"}
	var all []*leads.Lead
	for i := range 300 {
		l := &leads.Lead{
			ID:       uuid.Must(uuid.NewRandomFromReader(rngReader{rng})),
			FullName: fmt.Sprintf("Lead %d", i%37),
			FileAs:   fmt.Sprintf("lead %d", i%37),
			Company:  companies[rng.IntN(len(companies))],
			Score:    leads.ManualScore(leads.Stars(rng.IntN(6))),
			Type:     leads.RecordType(rng.IntN(2)),
		}
		if rng.IntN(3) > 0 {
			l.Emails = []leads.Email{{Address: fmt.Sprintf("l%d@example.com", rng.IntN(20))}}
		}
		all = append(all, l)
	}
	sorts := [][]leads.SortKey{
		nil,
		{leads.Desc(leads.FieldStars)},
		{leads.Asc(leads.FieldCompany), leads.Desc(leads.FieldStars)},
		{leads.Desc(leads.FieldEmail), leads.Asc(leads.FieldType)},
	}
	for _, sort := range sorts {
		for _, where := range []leads.Cond{{}, leads.StarsBetween(1, 4), leads.Empty(leads.FieldEmail)} {
			q := leads.Query{Sort: sort, Where: where}
			full, err := leads.Select(q, slices.Values(all))
			require.NoError(t, err)
			for range 25 {
				rng.Shuffle(len(all), func(i, j int) { all[i], all[j] = all[j], all[i] })
				page := q
				page.Offset, page.Limit = rng.IntN(len(full)+5), 1+rng.IntN(40)
				got, err := leads.Select(page, slices.Values(all))
				require.NoError(t, err)
				lo := min(page.Offset, len(full))
				hi := min(page.Offset+page.Limit, len(full))
				require.Equal(t, ids(full[lo:hi]), ids(got), "sort %v where %v offset %d limit %d", sort, where, page.Offset, page.Limit)
			}
		}
	}
}

func ids(ls []*leads.Lead) []uuid.UUID {
	out := make([]uuid.UUID, len(ls))
	for i, l := range ls {
		out[i] = l.ID
	}
	return out
}

type rngReader struct{ r *rand.Rand }

func (r rngReader) Read(p []byte) (int, error) {
	for i := range p {
		p[i] = byte(r.r.Uint32())
	}
	return len(p), nil
}
