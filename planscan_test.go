package leads_test

import (
	"context"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/leadkit/leads"
	"github.com/leadkit/leads/storage/memory"
)

// listOnlyLeads hides the LeadScanner of a lead repository, so that
// ListGrouped reads it through List, as a SQL store.
type listOnlyLeads struct{ leads.LeadRepository }

// TestListGrouped checks the runs and levels that ListGrouped hands out,
// over a scanner and over List alike, and that it refuses more group keys
// than sort keys.
func TestListGrouped(t *testing.T) {
	ctx := context.Background()
	s := memory.New()
	b := leads.New(s)
	for _, l := range []*leads.Lead{
		{FullName: "Ada Lovelace", AssignedTo: "ann", Score: leads.ManualScore(5)},
		{FullName: "Grace Hopper", AssignedTo: "Ann", Score: leads.ManualScore(5)},
		{FullName: "Alan Turing", AssignedTo: "ann", Score: leads.ManualScore(3)},
		{FullName: "Ken Thompson", AssignedTo: "bob", Score: leads.ManualScore(3)},
	} {
		_, err := b.Create(ctx, l)
		require.NoError(t, err)
	}
	q := leads.Query{Sort: []leads.SortKey{leads.Asc(leads.FieldAssignedTo), leads.Desc(leads.FieldStars)}}
	type run struct {
		level int
		names []string
	}
	want := []run{{0, []string{"Hopper, Grace", "Lovelace, Ada"}}, {1, []string{"Turing, Alan"}}, {0, []string{"Thompson, Ken"}}}
	for _, repo := range []leads.LeadRepository{s.Leads(), listOnlyLeads{s.Leads()}} {
		var got []run
		err := leads.ListGrouped(ctx, repo, q, 2, func(level int, ls []*leads.Lead) {
			if level == 2 && len(got) > 0 { // List hands a group one record at a time
				for _, l := range ls {
					got[len(got)-1].names = append(got[len(got)-1].names, l.FileAs)
				}
				return
			}
			r := run{level: level}
			for _, l := range ls {
				r.names = append(r.names, l.FileAs)
			}
			got = append(got, r)
		})
		require.NoError(t, err)
		require.Equal(t, want, got, "%T", repo)
	}
	err := leads.ListGrouped(ctx, s.Leads(), q, 3, func(int, []*leads.Lead) {})
	require.ErrorIs(t, err, leads.ErrInvalid)
}
