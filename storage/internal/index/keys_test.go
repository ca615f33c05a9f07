package index

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"testing"

	"github.com/google/uuid"
	"github.com/leadkit/leads"
	"github.com/stretchr/testify/require"
)

// TestKeyIndexFollowsWrites applies random creates, updates and deletes
// of leads that share a few keys, before and after the index is built,
// and checks every lookup against a scan of the leads.
func TestKeyIndexFollowsWrites(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	x := New()
	ids := make([]uuid.UUID, 40)
	for i := range ids {
		ids[i] = uuid.Must(uuid.NewV7())
	}
	rng.Shuffle(len(ids), func(i, j int) { ids[i], ids[j] = ids[j], ids[i] }) // not in ID order
	lead := func(id uuid.UUID) *leads.Lead {
		n := rng.IntN(4)
		return &leads.Lead{ID: id, FullName: fmt.Sprintf("Person %d", n%2), Company: "Acme",
			Emails: []leads.Email{{Address: fmt.Sprintf("p%d@acme%d.example", n, rng.IntN(2))}},
			Phones: []leads.Phone{{Number: fmt.Sprintf("+1 415 555 010%d", rng.IntN(3))}}}
	}
	keys := []string{"d:acme0.example", "d:acme1.example", "p:55550100", "p:55550101", "p:55550102",
		"n:0 person|acme", "n:1 person|acme", "e:p0@acme0.example", "e:p3@acme1.example", "e:nobody@acme.example"}
	check := func(step int) {
		for _, k := range keys {
			var want []uuid.UUID
			for id, l := range x.leads {
				if slices.Contains(leads.MatchKeys(l), k) {
					want = append(want, id)
				}
			}
			slices.SortFunc(want, compareID)
			var got []uuid.UUID
			for _, l := range x.LookupLeads(k, 0, nil) {
				got = append(got, l.ID)
			}
			require.Equal(t, want, got, "step %d, key %s", step, k)
			if len(want) > 2 {
				require.Len(t, x.LookupLeads(k, 2, nil), 2)
			}
		}
		// Through a transaction's changes, with and without a limit.
		overlay := NewChanges()
		for range 3 {
			id := ids[rng.IntN(len(ids))]
			if _, ok := x.leads[id]; ok && rng.IntN(2) == 0 {
				overlay.Leads[id] = nil
			} else {
				overlay.Leads[id] = lead(id)
			}
		}
		for _, k := range keys {
			var want []uuid.UUID
			for id, l := range x.leads {
				if o, ok := overlay.Leads[id]; ok {
					l = o
				}
				if l != nil && slices.Contains(leads.MatchKeys(l), k) {
					want = append(want, id)
				}
			}
			for id, l := range overlay.Leads {
				if _, stored := x.leads[id]; !stored && l != nil && slices.Contains(leads.MatchKeys(l), k) {
					want = append(want, id)
				}
			}
			slices.SortFunc(want, compareID)
			for _, limit := range []int{0, 1, 2} {
				var got []uuid.UUID
				for _, l := range x.LookupLeads(k, limit, overlay) {
					got = append(got, l.ID)
				}
				w := want
				if limit > 0 && len(w) > limit {
					w = w[:limit]
				}
				require.Equal(t, w, got, "step %d, key %s, limit %d, in a transaction", step, k, limit)
			}
		}
		// FirstIDs answers a batch of keys as Lookup with limit 1 does.
		for _, overlay := range []*Changes{nil, overlay} {
			firsts := x.FirstIDs(keys, overlay)
			require.Len(t, firsts, len(keys))
			for i, k := range keys {
				want := uuid.Nil
				if found := x.LookupLeads(k, 1, overlay); len(found) > 0 {
					want = found[0].ID
				}
				require.Equal(t, want, firsts[i], "step %d, key %s, FirstIDs", step, k)
			}
		}
	}
	for step := range 400 {
		c := NewChanges()
		for range 1 + rng.IntN(3) {
			id := ids[rng.IntN(len(ids))]
			if _, ok := x.leads[id]; ok && rng.IntN(3) == 0 {
				c.Leads[id] = nil
			} else {
				c.Leads[id] = lead(id)
			}
		}
		x.Apply(c)
		if step == 50 || step > 50 && step%10 == 0 {
			check(step) // the first check builds the index
		}
	}
}

// TestKeyIndexAfterBulkWrite writes more leads than the index holds (it is
// dropped, then built again by the next lookup) and fewer (it is updated),
// and checks the lookups against a scan either way.
func TestKeyIndexAfterBulkWrite(t *testing.T) {
	for _, tc := range []struct {
		name    string
		written int
		dropped bool
	}{{"more than held", 12, true}, {"fewer than held", 3, false}} {
		t.Run(tc.name, func(t *testing.T) {
			x := New()
			lead := func(i int) *leads.Lead {
				return &leads.Lead{ID: uuid.Must(uuid.NewV7()), FullName: fmt.Sprintf("Person %d", i%3), Company: "Acme",
					Emails: []leads.Email{{Address: fmt.Sprintf("p%d@acme.example", i%5)}}}
			}
			c := NewChanges()
			var stored *leads.Lead
			for i := range 4 {
				stored = lead(i)
				c.Leads[stored.ID] = stored
			}
			x.Apply(c)
			require.Len(t, x.LookupLeads("d:acme.example", 0, nil), 4) // builds the index
			c = NewChanges()
			moved := stored.Clone()
			moved.Emails[0].Address = "moved@elsewhere.example"
			c.Leads[moved.ID] = moved
			for i := range tc.written - 1 {
				l := lead(10 + i)
				c.Leads[l.ID] = l
			}
			x.Apply(c)
			require.Equal(t, tc.dropped, x.byKey == nil)
			for _, k := range []string{"d:acme.example", "d:elsewhere.example", "e:p0@acme.example", "e:p3@acme.example",
				"e:moved@elsewhere.example", "n:0 person|acme", "n:2 person|acme"} {
				var want, got []uuid.UUID
				for id, l := range x.leads {
					if slices.Contains(leads.MatchKeys(l), k) {
						want = append(want, id)
					}
				}
				slices.SortFunc(want, compareID)
				for _, l := range x.LookupLeads(k, 0, nil) {
					got = append(got, l.ID)
				}
				require.Equal(t, want, got, "key %s", k)
			}
		})
	}
}
