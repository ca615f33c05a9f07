package postgres

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/google/uuid"
	"github.com/jackc/pgx/v5"
	"github.com/leadkit/leads"
	"github.com/leadkit/leads/storage/storagetest"
	"github.com/stretchr/testify/require"
)

// tableKeys returns the rows of lead_keys in schema, as "key lead_id"
// lines, sorted.
func tableKeys(t *testing.T, conn *pgx.Conn, schema string) []string {
	t.Helper()
	rows, err := conn.Query(ctx, "SELECT key, lead_id FROM "+pgx.Identifier{schema, "lead_keys"}.Sanitize())
	require.NoError(t, err)
	var out []string
	for rows.Next() {
		var k string
		var id uuid.UUID
		require.NoError(t, rows.Scan(&k, &id))
		out = append(out, k+" "+id.String())
	}
	require.NoError(t, rows.Err())
	slices.Sort(out)
	return out
}

// wantKeys returns what lead_keys should hold for the leads in s: the
// match keys of each, computed by Go.
func wantKeys(t *testing.T, s *Store) []string {
	t.Helper()
	var out []string
	for l, err := range s.Leads().List(ctx, leads.Query{}) {
		require.NoError(t, err)
		for _, k := range keysOf(l) {
			out = append(out, k+" "+l.ID.String())
		}
	}
	slices.Sort(out)
	return out
}

func withEmail(l *leads.Lead, addrs ...string) *leads.Lead {
	l.Emails = nil
	for _, a := range addrs {
		l.Emails = append(l.Emails, leads.Email{Address: a})
	}
	return l
}

// TestMatchKeysFollowWrites checks that every way of writing a lead leaves
// lead_keys holding exactly the match keys of the stored leads.
func TestMatchKeysFollowWrites(t *testing.T) {
	schema := testSchema(t)
	s := openT(t, schema)
	conn := adminConn(t)
	merged := uuid.MustParse("0190a000-0000-7000-8000-00000000abcd")
	a, b := withEmail(storagetest.Sample(1), "a@example.org", "A@example.org "), withEmail(storagetest.Sample(2), "b@example.org")
	c, d := withEmail(storagetest.Sample(3), "c@example.org"), withEmail(storagetest.Sample(4))
	d.MergedFrom = []uuid.UUID{merged}
	steps := []struct {
		name string
		run  func() error
		want []string // keys of the leads that must be found, besides the table check
	}{
		{"Create", func() error { return s.Leads().Create(ctx, a) }, []string{leads.EmailMatchKey("a@example.org")}},
		{"CreateMany", func() error {
			return s.Leads().(leads.BulkCreator).CreateMany(ctx, []*leads.Lead{b, c, d})
		}, []string{leads.EmailMatchKey("b@example.org"), leads.EmailMatchKey("c@example.org"), leads.MergedKey(merged)}},
		{"Update changes keys", func() error {
			_, err := s.Leads().Update(ctx, a.ID, func(l *leads.Lead) error {
				withEmail(l, "a2@example.org", "c@example.org")
				l.MergedFrom = []uuid.UUID{b.ID}
				return nil
			})
			return err
		}, []string{leads.EmailMatchKey("a2@example.org"), leads.EmailMatchKey("c@example.org"), leads.MergedKey(b.ID)}},
		{"Update keeps keys", func() error {
			_, err := s.Leads().Update(ctx, a.ID, func(l *leads.Lead) error { l.JobTitle = "CFO"; return nil })
			return err
		}, []string{leads.EmailMatchKey("a2@example.org")}},
		{"UpdateEach, one ID twice", func() error {
			n := 0
			return s.Leads().(leads.LeadBatchUpdater).UpdateEach(ctx, []uuid.UUID{c.ID, d.ID, c.ID}, func(l *leads.Lead) (bool, error) {
				n++
				withEmail(l, fmt.Sprintf("batch%d@example.org", n))
				l.MergedFrom = nil
				return true, nil
			})
		}, []string{leads.EmailMatchKey("batch2@example.org"), leads.EmailMatchKey("batch3@example.org")}},
		{"Delete", func() error { return s.Leads().Delete(ctx, b.ID) }, nil},
		{"DELETE by another program", func() error {
			_, err := conn.Exec(ctx, "DELETE FROM "+pgx.Identifier{schema, "leads"}.Sanitize()+" WHERE id = $1", d.ID)
			return err
		}, nil},
		{"rolled back", func() error {
			return s.Atomic(ctx, func(tx leads.Tx) error {
				require.NoError(t, tx.Leads().Create(ctx, withEmail(storagetest.Sample(5), "gone@example.org")))
				require.NoError(t, tx.Leads().Delete(ctx, a.ID))
				return fmt.Errorf("roll back")
			})
		}, []string{leads.EmailMatchKey("a2@example.org")}},
	}
	for _, st := range steps {
		err := st.run()
		if st.name != "rolled back" {
			require.NoError(t, err, st.name)
		}
		require.Equal(t, wantKeys(t, s), tableKeys(t, conn, schema), st.name)
		for _, k := range st.want {
			found := false
			for _, err := range s.Leads().Lookup(ctx, k, 0) {
				require.NoError(t, err)
				found = true
			}
			require.True(t, found, "%s: key %s", st.name, k)
		}
	}
	require.GreaterOrEqual(t, len(tableKeys(t, conn, schema)), 4, "a: 2 e-mails and a merged ID; c: one e-mail")

	// Another program empties the table: the keys go too, and the IDs
	// can be created again.
	_, err := conn.Exec(ctx, "TRUNCATE "+pgx.Identifier{schema, "leads"}.Sanitize())
	require.NoError(t, err)
	require.Empty(t, tableKeys(t, conn, schema))
	require.NoError(t, s.Leads().(leads.BulkCreator).CreateMany(ctx, []*leads.Lead{a, c}))
	require.Equal(t, wantKeys(t, s), tableKeys(t, conn, schema))
}

// TestMergedFromRoundTrip checks that nil, empty and filled MergedFrom
// come back as written, through every write path.
func TestMergedFromRoundTrip(t *testing.T) {
	s := newT(t)
	for i, ids := range [][]uuid.UUID{nil, {}, {uuid.MustParse("0190a000-0000-7000-8000-000000000001"), uuid.MustParse("0190a000-0000-7000-8000-000000000002")}} {
		one, many := storagetest.Sample(10+i), storagetest.Sample(20+i)
		one.MergedFrom, many.MergedFrom = ids, slices.Clone(ids)
		require.NoError(t, s.Leads().Create(ctx, one))
		require.NoError(t, s.Leads().(leads.BulkCreator).CreateMany(ctx, []*leads.Lead{many}))
		for _, id := range []uuid.UUID{one.ID, many.ID} {
			got, err := s.Leads().Get(ctx, id)
			require.NoError(t, err)
			require.Equal(t, ids, got.MergedFrom, "case %d", i)
			got, err = s.Leads().Update(ctx, id, func(l *leads.Lead) error { l.MergedFrom = ids; return nil })
			require.NoError(t, err)
			got, err = s.Leads().Get(ctx, got.ID)
			require.NoError(t, err)
			require.Equal(t, ids, got.MergedFrom, "case %d after Update", i)
		}
	}
}

// TestMatchKeysRecomputedOnOpen writes a stale key version and wrong keys
// and checks that Open recomputes every lead's keys (in batches), and that
// a newer version is refused.
func TestMatchKeysRecomputedOnOpen(t *testing.T) {
	schema := testSchema(t)
	s := openT(t, schema)
	var ls []*leads.Lead
	for i := range 7 {
		ls = append(ls, withEmail(storagetest.Sample(i), fmt.Sprintf("lead%d@example.org", i)))
	}
	require.NoError(t, s.Leads().(leads.BulkCreator).CreateMany(ctx, ls))
	want := wantKeys(t, s)
	require.GreaterOrEqual(t, len(want), 7, "an e-mail key each at least")
	s.Close()

	conn := adminConn(t)
	table := func(name string) string { return pgx.Identifier{schema, name}.Sanitize() }
	stale := func() {
		t.Helper()
		_, err := conn.Exec(ctx, "DELETE FROM "+table("lead_keys")+" WHERE key LIKE 'e:lead1%' OR key LIKE 'e:lead5%'")
		require.NoError(t, err)
		_, err = conn.Exec(ctx, "INSERT INTO "+table("lead_keys")+" (key, lead_id) VALUES ('x:stale', $1)", ls[3].ID)
		require.NoError(t, err)
		_, err = conn.Exec(ctx, "UPDATE "+table("match_keys_version")+" SET version = $1", leads.MatchKeysVersion-1)
		require.NoError(t, err)
		require.NotEqual(t, want, tableKeys(t, conn, schema))
	}
	version := func() int {
		var v int
		require.NoError(t, conn.QueryRow(ctx, "SELECT version FROM "+table("match_keys_version")).Scan(&v))
		return v
	}

	stale()
	openT(t, schema)
	require.Equal(t, want, tableKeys(t, conn, schema), "Open recomputed the keys")
	require.Equal(t, leads.MatchKeysVersion, version())

	// In batches smaller than the table, and batches that end exactly
	// at its end.
	for _, batch := range []int{2, 7, 1} {
		stale()
		_, err := conn.Exec(ctx, "SET search_path = "+pgx.Identifier{schema}.Sanitize())
		require.NoError(t, err)
		tx, err := conn.Begin(ctx)
		require.NoError(t, err)
		require.NoError(t, syncMatchKeys(ctx, tx, batch))
		require.NoError(t, tx.Commit(ctx))
		require.Equal(t, want, tableKeys(t, conn, schema), "batch %d", batch)
	}

	// Keys of a newer program are left alone.
	_, err := conn.Exec(ctx, "UPDATE "+table("match_keys_version")+" SET version = $1", leads.MatchKeysVersion+1)
	require.NoError(t, err)
	_, err = Open(ctx, testDSN(t), &Options{Schema: schema})
	require.ErrorIs(t, err, ErrNewerSchema)
	require.Equal(t, want, tableKeys(t, conn, schema))
}

// TestLookupPlan checks with EXPLAIN that Lookup reads lead_keys' primary
// key and each lead by its primary key, never scanning a table, whether
// PostgreSQL plans the statement for its parameters or generically (as
// it may after a prepared statement's fifth run). Even for a key that half
// the leads share, the leads are read by ID, not scanned.
func TestLookupPlan(t *testing.T) {
	schema := testSchema(t)
	s := openT(t, schema)
	ls := importSet(0, 3000)
	for _, l := range ls[1500:] {
		l.Emails = append(l.Emails, leads.Email{Address: "shared@example.org"})
	}
	require.NoError(t, s.Leads().(leads.BulkCreator).CreateMany(ctx, ls))
	conn := adminConn(t)
	_, err := conn.Exec(ctx, "SET search_path = "+pgx.Identifier{schema}.Sanitize())
	require.NoError(t, err)
	_, err = conn.Exec(ctx, "ANALYZE leads; ANALYZE lead_keys")
	require.NoError(t, err)
	_, err = conn.Exec(ctx, "PREPARE lookup AS "+lookupSQL)
	require.NoError(t, err)
	explain := func(key, limit string) string {
		t.Helper()
		rows, err := conn.Query(ctx, "EXPLAIN EXECUTE lookup('"+key+"', "+limit+")")
		require.NoError(t, err)
		var plan []string
		for rows.Next() {
			var line string
			require.NoError(t, rows.Scan(&line))
			plan = append(plan, line)
		}
		require.NoError(t, rows.Err())
		return strings.Join(plan, "\n")
	}
	scansLeads := regexp.MustCompile(`Seq Scan on leads(\s|$)`)
	for _, mode := range []string{"force_custom_plan", "force_generic_plan"} {
		_, err = conn.Exec(ctx, "SET plan_cache_mode = "+mode)
		require.NoError(t, err)
		for _, limit := range []string{"NULL", "10"} {
			plan := explain(leads.EmailMatchKey("user42@example42.com"), limit)
			require.NotContains(t, plan, "Seq Scan", "%s, limit %s:\n%s", mode, limit, plan)
			require.Contains(t, plan, "lead_keys_pkey", "%s, limit %s:\n%s", mode, limit, plan)
			require.Contains(t, plan, "leads_pkey", "%s, limit %s:\n%s", mode, limit, plan)
			// A popular key may be read from lead_keys any way; its
			// leads are read one by one by ID (a merge join would read
			// leads_pkey whole).
			plan = explain(leads.EmailMatchKey("shared@example.org"), limit)
			require.NotRegexp(t, scansLeads, plan, "%s, limit %s:\n%s", mode, limit, plan)
			require.NotRegexp(t, "Merge Join|Hash Join", plan, "%s, limit %s:\n%s", mode, limit, plan)
			require.Contains(t, plan, "Index Cond: (id = lead_keys.lead_id)", "%s, limit %s:\n%s", mode, limit, plan)
		}
	}
	var found []uuid.UUID
	for l, err := range s.Leads().Lookup(ctx, leads.EmailMatchKey("user42@example42.com"), 0) {
		require.NoError(t, err)
		found = append(found, l.ID)
	}
	require.Equal(t, []uuid.UUID{importLead(42).ID}, found)
}

// TestLongKey checks that a key longer than maxKeyLen, stored as a digest,
// is found through every write path. (Today's keys cannot outgrow a B-tree
// entry: the GIN index leads_email refuses an e-mail address of more than
// about 2,700 bytes first. Keys on unindexed fields, a name say, could.)
func TestLongKey(t *testing.T) {
	s := newT(t)
	// Hex digits that do not repeat: PostgreSQL compresses index entries.
	var sb strings.Builder
	for i := range 30 {
		sum := sha256.Sum256([]byte{byte(i)})
		sb.WriteString(hex.EncodeToString(sum[:]))
	}
	long := sb.String() + "@example.org"
	require.Greater(t, len(leads.EmailMatchKey(long)), maxKeyLen)
	require.LessOrEqual(t, len(storedKey(leads.EmailMatchKey(long))), maxKeyLen)
	a, b, c := withEmail(storagetest.Sample(1), long), withEmail(storagetest.Sample(2), long), storagetest.Sample(3)
	require.NoError(t, s.Leads().Create(ctx, a))
	require.NoError(t, s.Leads().(leads.BulkCreator).CreateMany(ctx, []*leads.Lead{b, c}))
	_, err := s.Leads().Update(ctx, c.ID, func(l *leads.Lead) error { withEmail(l, strings.ToUpper(long)); return nil })
	require.NoError(t, err)
	var found []uuid.UUID
	for l, err := range s.Leads().Lookup(ctx, leads.EmailMatchKey(long), 0) {
		require.NoError(t, err)
		found = append(found, l.ID)
	}
	want := []uuid.UUID{a.ID, b.ID, c.ID}
	slices.SortFunc(want, func(x, y uuid.UUID) int { return strings.Compare(x.String(), y.String()) })
	require.Equal(t, want, found)
	require.NoError(t, s.Leads().Delete(ctx, b.ID))
	found = found[:0]
	for l, err := range s.Leads().Lookup(ctx, leads.EmailMatchKey(long), 1) {
		require.NoError(t, err)
		found = append(found, l.ID)
	}
	want = slices.DeleteFunc(want, func(id uuid.UUID) bool { return id == b.ID })
	require.Equal(t, want[:1], found)
}
