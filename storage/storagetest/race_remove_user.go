package storagetest

import (
	"errors"
	"fmt"
	"sync"
	"testing"

	"github.com/leadkit/leads"
	"github.com/stretchr/testify/require"
)

// testRemoveUserRacingAssign races the removal of a user (refused while
// the user holds records) with round-robin assignments that may pick that
// user: whatever wins, no record is left assigned to a user who is gone,
// and neither call fails for any reason but the race's two honest ones
// (the user holds records; the user was removed). Each round is repeated,
// as the other assignment races are.
func testRemoveUserRacingAssign(t *testing.T, s leads.Store) {
	b := leads.New(s)
	for _, m := range []string{"alice", "keeper"} {
		_, err := b.Users().Create(ctx, &leads.User{Name: m, Email: ""})
		require.NoError(t, err)
	}
	for round := range assignRaces {
		bob := fmt.Sprintf("bob%d", round)
		_, err := b.Users().Create(ctx, &leads.User{Name: bob, Email: ""})
		require.NoError(t, err)
		ids := newLeads(t, b, 6, fmt.Sprintf("Race %d", round))
		var wg sync.WaitGroup
		errs := make([]error, len(ids))
		var removeErr error
		wg.Go(func() { _, removeErr = b.Users().Delete(ctx, bob, leads.Handover{}) })
		for i, id := range ids {
			wg.Go(func() { _, errs[i] = b.AssignRoundRobin(ctx, []string{"alice", bob}, id) })
		}
		wg.Wait()
		var hasLeads *leads.HasLeadsError
		if removeErr != nil {
			require.ErrorAs(t, removeErr, &hasLeads, "round %d", round)
		}
		var notMember *leads.NotMemberError
		for _, err := range errs {
			if err != nil && !errors.As(err, &notMember) {
				require.NoError(t, err, "round %d", round)
			}
		}
		_, userErr := b.Users().Get(ctx, bob)
		gone := errors.Is(userErr, leads.ErrNotFound)
		for _, id := range ids {
			l, err := b.Get(ctx, id)
			require.NoError(t, err)
			if gone {
				require.NotEqual(t, bob, l.AssignedTo, "round %d: a record is assigned to a removed user", round)
			}
		}
		if !gone { // bob holds records: hand them to the keeper for the next round
			_, err := b.Users().Delete(ctx, bob, leads.Handover{To: "keeper"})
			require.NoError(t, err)
		}
	}
}
