package leads_test

import (
	"context"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/leadkit/leads"
	"github.com/leadkit/leads/dedupe"
	"github.com/leadkit/leads/storage/memory"
)

func TestCreateDuplicatePolicy(t *testing.T) {
	ctx := context.Background()
	ada := leads.Lead{FullName: "Ada Lovelace", Emails: []leads.Email{{Address: "ada@engines.example"}}}
	again := leads.Lead{FullName: "Lovelace, Ada", Emails: []leads.Email{{Address: "ADA@engines.example"}}}
	for _, tt := range []struct {
		policy  leads.DuplicatePolicy
		warned  int
		blocked bool
	}{
		{leads.DuplicateAllow, 0, false},
		{leads.DuplicateWarn, 1, false},
		{leads.DuplicateBlock, 0, true},
	} {
		t.Run(tt.policy.String(), func(t *testing.T) {
			book := leads.New(memory.New(), leads.WithDuplicatePolicy(tt.policy), leads.WithDuplicateFinder(dedupe.Finder{}))
			var dups []leads.Duplicate
			first, err := book.Create(ctx, &ada, leads.DuplicatesInto(&dups))
			require.NoError(t, err)
			require.Empty(t, dups)

			dups = nil
			created, err := book.Create(ctx, &again, leads.DuplicatesInto(&dups))
			n, cerr := book.Count(ctx, leads.Query{})
			require.NoError(t, cerr)
			if tt.blocked {
				require.ErrorIs(t, err, leads.ErrDuplicate)
				var de *leads.DuplicateError
				require.ErrorAs(t, err, &de)
				require.Len(t, de.Candidates, 1)
				require.Equal(t, first.ID, de.Candidates[0].Lead.ID)
				require.Contains(t, err.Error(), "same e-mail address ada@engines.example")
				require.Nil(t, created)
				require.Equal(t, 1, n, "nothing written")

				_, err = book.Create(ctx, &again)
				require.ErrorIs(t, err, leads.ErrDuplicate, "Create blocks too")
				_, err = book.Create(ctx, &leads.Lead{FullName: "Charles Babbage"})
				require.NoError(t, err, "a record without duplicates is created")
				return
			}
			require.NoError(t, err)
			require.NotNil(t, created)
			require.Len(t, dups, tt.warned)
			require.Equal(t, 2, n)
		})
	}

	for s, want := range map[string]leads.DuplicatePolicy{"": leads.DuplicateAllow, "Warn": leads.DuplicateWarn, " block ": leads.DuplicateBlock} {
		got, err := leads.ParseDuplicatePolicy(s)
		require.NoError(t, err)
		require.Equal(t, want, got)
	}
	_, err := leads.ParseDuplicatePolicy("merge")
	require.ErrorIs(t, err, leads.ErrInvalid)
}

// TestNoDuplicateFinder checks a Book without a DuplicateFinder: Duplicates
// fails, and so does a create that its policy says to check, writing
// nothing; Create under the warn policy, which checks nothing, succeeds.
func TestNoDuplicateFinder(t *testing.T) {
	ctx := context.Background()
	ada := &leads.Lead{FullName: "Ada Lovelace", Emails: []leads.Email{{Address: "ada@engines.example"}}}
	_, err := leads.New(memory.New()).Duplicates(ctx, ada, leads.DuplicateOptions{})
	require.ErrorIs(t, err, leads.ErrNoDuplicateFinder)
	for _, policy := range []leads.DuplicatePolicy{leads.DuplicateWarn, leads.DuplicateBlock} {
		book := leads.New(memory.New(), leads.WithDuplicatePolicy(policy))
		var dups []leads.Duplicate
		_, err := book.Create(ctx, ada, leads.DuplicatesInto(&dups))
		require.ErrorIs(t, err, leads.ErrNoDuplicateFinder, policy.String())
		_, err = book.Create(ctx, ada)
		if policy == leads.DuplicateBlock {
			require.ErrorIs(t, err, leads.ErrNoDuplicateFinder)
		} else {
			require.NoError(t, err)
		}
		n, err := book.Count(ctx, leads.Query{})
		require.NoError(t, err)
		require.Equal(t, map[leads.DuplicatePolicy]int{leads.DuplicateWarn: 1, leads.DuplicateBlock: 0}[policy], n, policy.String())
	}
	var dups []leads.Duplicate
	_, err = leads.New(memory.New()).Create(ctx, ada, leads.DuplicatesInto(&dups))
	require.NoError(t, err, "the allow policy needs no finder")
}
