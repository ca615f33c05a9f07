package leads_test

import (
	"testing"

	"github.com/google/uuid"
	"github.com/stretchr/testify/require"

	"github.com/leadkit/leads"
)

// TestMergeKeepsRepeatedComments checks that a comment a record holds
// twice (an import of the same note twice, without a time) is kept twice:
// only a copy of it in another record is the same comment.
func TestMergeKeepsRepeatedComments(t *testing.T) {
	b, _, ctx := newBook(t)
	called := leads.Comment{Text: "Called, no answer."}
	x := mustCreate(t, b, ctx, &leads.Lead{FullName: "X", Comments: []leads.Comment{called, called}})
	y := mustCreate(t, b, ctx, &leads.Lead{FullName: "Y", Comments: []leads.Comment{called, {Text: "Left a message."}, called, called}})
	for _, tt := range []struct {
		name     string
		survivor *leads.Lead
		others   []uuid.UUID
		want     int // comments "Called, no answer." after the merge
	}{
		{"survivor repeats", x, []uuid.UUID{y.ID}, 3},
		{"other repeats", y, []uuid.UUID{x.ID}, 3},
	} {
		res, err := b.Merge(ctx, tt.survivor.ID, tt.others, leads.MergeOptions{Preview: true})
		require.NoError(t, err, tt.name)
		n := 0
		for _, c := range res.Lead.Comments {
			if c == called {
				n++
			}
		}
		require.Equal(t, tt.want, n, "%s: %v", tt.name, res.Lead.Comments)
		require.Len(t, res.Lead.Comments, tt.want+1, tt.name)
	}
}
