package postgres

import (
	"regexp"
	"strings"
	"testing"

	"github.com/jackc/pgx/v5"
	"github.com/leadkit/leads"
	"github.com/stretchr/testify/require"
)

// TestBoundedIndexPlans checks with EXPLAIN that the listings which the
// indexes of File As and company serve still read those indexes now that
// they hold a bounded prefix of the text (migration 0006), not a sort of
// the whole table: the default listing and its next page, hot leads
// first, my leads hot first, by company, and a company prefix search.
func TestBoundedIndexPlans(t *testing.T) {
	schema := testSchema(t)
	s := openT(t, schema)
	require.NoError(t, s.Leads().(leads.BulkCreator).CreateMany(ctx, importSet(0, 20_000)))
	conn := adminConn(t)
	_, err := conn.Exec(ctx, "SET search_path = "+pgx.Identifier{schema}.Sanitize())
	require.NoError(t, err)
	_, err = conn.Exec(ctx, "ANALYZE leads")
	require.NoError(t, err)

	cursor, err := leads.Cursor(leads.Query{Limit: 50}, importLead(0))
	require.NoError(t, err)
	for _, tc := range []struct {
		name  string
		q     leads.Query
		index string
	}{
		{"default listing", leads.Query{Limit: 50}, "leads_file_as"},
		{"next page", leads.Query{Limit: 50, After: cursor}, "leads_file_as"},
		{"hot leads first", leads.Query{Limit: 50, Sort: []leads.SortKey{leads.Desc(leads.FieldStars)}}, "leads_stars"},
		{"my leads hot first", leads.Query{Limit: 50, Where: leads.Eq(leads.FieldAssignedTo, "bob"),
			// With one owner in five, PostgreSQL reads hot leads first
			// and skips the others, as it did before migration 0006.
			Sort: []leads.SortKey{leads.Desc(leads.FieldStars)}}, "leads_assigned_stars|leads_stars"},
		{"by company", leads.Query{Limit: 50, Sort: []leads.SortKey{leads.Asc(leads.FieldCompany)}}, "leads_company"},
		{"company prefix", leads.Query{Where: leads.Prefix(leads.FieldCompany, "company 0001")}, "leads_company"},
	} {
		p, err := tc.q.Plan()
		require.NoError(t, err, tc.name)
		sql, args, err := selectSQL(tc.q, p)
		require.NoError(t, err, tc.name)
		rows, err := conn.Query(ctx, "EXPLAIN "+sql, args...)
		require.NoError(t, err, tc.name)
		var plan []string
		for rows.Next() {
			var line string
			require.NoError(t, rows.Scan(&line))
			plan = append(plan, line)
		}
		require.NoError(t, rows.Err())
		text := strings.Join(plan, "\n")
		require.Regexp(t, regexp.MustCompile(`Index (Only )?Scan using (`+tc.index+`) on leads`), text, "%s:\n%s\n%s", tc.name, sql, text)
		require.NotRegexp(t, regexp.MustCompile(`Seq Scan on leads(\s|$)`), text, "%s:\n%s", tc.name, text)
	}
}
