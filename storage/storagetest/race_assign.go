package storagetest

import (
	"fmt"
	"sync"
	"testing"

	"github.com/google/uuid"
	"github.com/leadkit/leads"
	"github.com/stretchr/testify/require"
)

// The assignment decisions read state that other writers change: the
// members' turns (round-robin) and the open records each member holds
// (caps). A store that runs transactions side by side must not let two
// calls decide on the same reading; these tests race thirty calls at a
// time, twenty times over, and demand exact results.

const assignRaces, assignRacers = 20, 30

// newLeads creates n leads and returns their IDs.
func newLeads(t *testing.T, b *leads.Book, n int, name string) []uuid.UUID {
	t.Helper()
	ids := make([]uuid.UUID, n)
	for i := range ids {
		l, err := b.Create(ctx, &leads.Lead{FullName: fmt.Sprintf("%s %d", name, i)})
		require.NoError(t, err)
		ids[i] = l.ID
	}
	return ids
}

// testRoundRobinRace: thirty concurrent AssignRoundRobin calls, one record
// each, over three members give each member exactly ten.
func testRoundRobinRace(t *testing.T, s leads.Store) {
	b := leads.New(s)
	members := []string{"alice", "bob", "carol"}
	for _, m := range members {
		_, err := b.Users().Create(ctx, &leads.User{Name: m, Email: ""})
		require.NoError(t, err)
	}
	for race := range assignRaces {
		ids := newLeads(t, b, assignRacers, fmt.Sprintf("Round %d", race))
		got := make([]string, len(ids))
		var wg sync.WaitGroup
		errs := make([]error, len(ids))
		for i, id := range ids {
			wg.Go(func() {
				var out []leads.Assignment
				out, errs[i] = b.AssignRoundRobin(ctx, members, id)
				if errs[i] == nil {
					got[i] = out[0].To
				}
			})
		}
		wg.Wait()
		for _, err := range errs {
			require.NoError(t, err)
		}
		count := map[string]int{}
		for i, id := range ids {
			l, err := b.Get(ctx, id)
			require.NoError(t, err)
			require.Equal(t, got[i], l.AssignedTo, "the record went where the call said")
			count[l.AssignedTo]++
		}
		require.Equal(t, map[string]int{"alice": 10, "bob": 10, "carol": 10}, count, "race %d", race)
	}
}

// testAssignCapRace: thirty concurrent AssignByRules calls, one record
// each, under a cap of five open records assign exactly five.
func testAssignCapRace(t *testing.T, s leads.Store) {
	b := leads.New(s)
	for race := range assignRaces {
		member := fmt.Sprintf("capped%d", race)
		_, err := b.Users().Create(ctx, &leads.User{Name: member, Email: ""})
		require.NoError(t, err)
		rules := []leads.Rule{{To: member, MaxOpen: 5}}
		ids := newLeads(t, b, assignRacers, fmt.Sprintf("Capped %d", race))
		var wg sync.WaitGroup
		errs := make([]error, len(ids))
		taken := make([]bool, len(ids))
		for i, id := range ids {
			wg.Go(func() {
				var out []leads.Assignment
				out, errs[i] = b.AssignByRules(ctx, rules, id)
				taken[i] = errs[i] == nil && out[0].To != ""
			})
		}
		wg.Wait()
		n := 0
		for i, err := range errs {
			require.NoError(t, err)
			if taken[i] {
				n++
			}
		}
		require.Equal(t, 5, n, "race %d: calls that report an assignment", race)
		held, err := b.Count(ctx, leads.Query{Where: leads.Eq(leads.FieldAssignedTo, member)})
		require.NoError(t, err)
		require.Equal(t, 5, held, "race %d: the cap is never exceeded", race)
	}
}
