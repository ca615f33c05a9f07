package leads_test

import (
	"context"
	"testing"

	"github.com/google/uuid"
	"github.com/leadkit/leads"
	"github.com/leadkit/leads/storage/memory"
	"github.com/stretchr/testify/require"
)

// TestUpdateFollowsAMergeMeanwhile: a merge of the record into another one
// lands between Update's read and its save; Update reads again, which
// follows the merge, and saves its change on the survivor.
func TestUpdateFollowsAMergeMeanwhile(t *testing.T) {
	ctx := context.Background()
	book := leads.New(memory.New())
	survivor, err := book.Create(ctx, &leads.Lead{FullName: "Ada Lovelace"})
	require.NoError(t, err)
	merged, err := book.Create(ctx, &leads.Lead{FullName: "A. Lovelace"})
	require.NoError(t, err)
	calls := 0
	got, err := book.EditRetrying(ctx, merged.ID, func(l *leads.Lead) error {
		calls++
		if calls == 1 {
			_, err := book.Merge(ctx, survivor.ID, []uuid.UUID{merged.ID}, leads.MergeOptions{})
			require.NoError(t, err)
		}
		l.JobTitle = "Countess"
		return nil
	})
	require.NoError(t, err)
	require.Equal(t, 2, calls)
	require.Equal(t, survivor.ID, got.ID)
	stored, err := book.Get(ctx, survivor.ID)
	require.NoError(t, err)
	require.Equal(t, "Countess", stored.JobTitle)
}
