package storagetest

import (
	"testing"

	"github.com/leadkit/leads"
	"github.com/leadkit/leads/report"
	"github.com/stretchr/testify/require"
)

// testReportRuns checks that a report run over the store counts what a
// plain query counts: the store answers the report's query identically.
func testReportRuns(t *testing.T, s leads.Store) {
	n := 40
	for i := range n {
		create(t, s, Sample(i))
	}
	r, _ := leads.BuiltinReport(leads.ReportLeadsByAssignedToAndScore)
	res, err := report.Run(ctx, s, r)
	require.NoError(t, err)
	want, err := s.Leads().Count(ctx, leads.Query{Types: r.Types})
	require.NoError(t, err)
	require.Equal(t, want, res.Total)
	sum := 0
	for _, g := range res.Groups {
		inner := 0
		for _, sub := range g.Groups {
			q := leads.Query{Types: r.Types, Where: leads.And(leads.Eq(leads.FieldAssignedTo, g.Value),
				leads.Eq(leads.FieldStars, sub.Value))}
			c, err := s.Leads().Count(ctx, q)
			require.NoError(t, err)
			require.Equal(t, c, sub.Count, "%s / %s", g.Label, sub.Label)
			require.Len(t, sub.Rows, sub.Count)
			inner += sub.Count
		}
		require.Equal(t, g.Count, inner)
		sum += g.Count
	}
	require.Equal(t, res.Total, sum)
}
