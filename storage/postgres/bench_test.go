package postgres

import (
	"encoding/binary"
	"encoding/csv"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/google/uuid"
	"github.com/jackc/pgx/v5"
	"github.com/leadkit/leads"
	"github.com/leadkit/leads/storage/storagetest"
	"github.com/stretchr/testify/require"
)

// importLead returns the i-th lead of an import-sized data set: what a CSV
// from Outlook or a trade show carries (name, company, e-mail, phone,
// address, source, owner), without the comments and photos of Sample.
func importLead(i int) *leads.Lead {
	first := []string{"Ada", "Grace", "Alan", "Edsger", "Barbara", "Ken", "Zoë", "Пётр", "José", "Hedy"}[i%10]
	last := []string{"Lovelace", "Hopper", "Turing", "Dijkstra", "Liskov", "Thompson", "Ångström", "Чайковский", "García", "Lamarr"}[i/10%10]
	at := time.Date(2026, 1, 1, 9, 0, 0, 0, time.UTC).Add(time.Duration(i) * time.Second)
	id := uuid.UUID{0x01, 0x90, 0, 0, 0, 0, 0x70, 0, 0x80}
	binary.BigEndian.PutUint64(id[8:], 0x8000_0000_0000_0000|uint64(i))
	return &leads.Lead{
		ID: id, FullName: fmt.Sprintf("%s %s %d", first, last, i), FirstName: first, LastName: last,
		MiddleName: fmt.Sprint(i), FileAs: fmt.Sprintf("%s, %s %d", last, first, i),
		Company: fmt.Sprintf("Company %05d", i%20011), JobTitle: []string{"Buyer", "CTO", "Head of Sales", ""}[i%4],
		AssignedTo: []string{"alice", "bob", "carol", "dave", ""}[i%5],
		Emails:     []leads.Email{{Label: "work", Address: fmt.Sprintf("user%d@example%d.com", i, i%97)}},
		Phones:     []leads.Phone{{Label: leads.PhoneBusiness, Number: fmt.Sprintf("+1 555 %07d", i)}},
		Addresses: []leads.Address{{Label: leads.AddressBusiness, Street: fmt.Sprintf("%d Main St", i),
			City: []string{"Boston", "Zürich", "Москва"}[i%3], PostalCode: fmt.Sprint(10000 + i%9000), Country: "US"}},
		Source: leads.Sources()[i%len(leads.Sources())], Status: leads.StatusNew,
		Score:     leads.ManualScore(leads.Stars(i % 6)),
		CreatedAt: at, CreatedBy: "import", UpdatedAt: at, UpdatedBy: "import",
	}
}

func importSet(from, n int) []*leads.Lead {
	ls := make([]*leads.Lead, n)
	for i := range ls {
		ls[i] = importLead(from + i)
	}
	return ls
}

// BenchmarkStore100k measures single-record and query operations on a
// table of 100,000 leads.
func BenchmarkStore100k(b *testing.B) {
	const n = 100_000
	s := newT(b)
	for from := 0; from < n; from += 25_000 {
		require.NoError(b, s.Leads().(leads.BulkCreator).CreateMany(ctx, importSet(from, 25_000)))
	}
	// A database in steady state: autovacuum has run since the import.
	_, err := s.Pool().Exec(ctx, "VACUUM ANALYZE leads, lead_keys")
	require.NoError(b, err)

	b.Run("Create", func(b *testing.B) {
		i := 0
		for b.Loop() {
			l := storagetest.Sample(n + i)
			l.ID = uuid.Must(uuid.NewV7())
			if err := s.Leads().Create(ctx, l); err != nil {
				b.Fatal(err)
			}
			i++
		}
	})
	b.Run("Get", func(b *testing.B) {
		i := 0
		for b.Loop() {
			if _, err := s.Leads().Get(ctx, importLead(i*7919%n).ID); err != nil {
				b.Fatal(err)
			}
			i++
		}
	})
	// Duplicate detection's look-up: the records having one e-mail key
	// (one of them here), and a key that no record has.
	b.Run("Lookup/Email", func(b *testing.B) {
		i := 0
		for b.Loop() {
			l := importLead(i * 7919 % n)
			found := 0
			for _, err := range s.Leads().Lookup(ctx, leads.EmailMatchKey(l.Emails[0].Address), 10) {
				if err != nil {
					b.Fatal(err)
				}
				found++
			}
			if found != 1 {
				b.Fatalf("%d leads found for %s", found, l.Emails[0].Address)
			}
			i++
		}
	})
	b.Run("Lookup/Absent", func(b *testing.B) {
		for b.Loop() {
			for _, err := range s.Leads().Lookup(ctx, leads.EmailMatchKey("nobody@example.org"), 10) {
				b.Fatal("found", err)
			}
		}
	})
	b.Run("Update", func(b *testing.B) {
		i := 0
		for b.Loop() {
			_, err := s.Leads().Update(ctx, importLead(i*7919%n).ID, func(l *leads.Lead) error {
				l.JobTitle = fmt.Sprint("Buyer ", i)
				return nil
			})
			if err != nil {
				b.Fatal(err)
			}
			i++
		}
	})
	lists := map[string]leads.Query{
		"FirstPageByFileAs":   {Limit: 50},
		"MyLeadsHotFirst":     {Types: []leads.RecordType{leads.TypeLead}, Where: leads.Eq(leads.FieldAssignedTo, "alice"), Sort: []leads.SortKey{leads.Desc(leads.FieldStars)}, Limit: 50},
		"CompanyPrefix":       {Where: leads.Prefix(leads.FieldCompany, "company 0012"), Sort: []leads.SortKey{leads.Asc(leads.FieldCompany)}, Limit: 50},
		"EmailEq":             {Where: leads.Eq(leads.FieldEmail, "user4242@example69.com")},
		"ContainsAnyCaseScan": {Where: leads.Contains(leads.FieldFullName, "ångström 9"), Limit: 50},
	}
	for name, q := range lists {
		b.Run("List/"+name, func(b *testing.B) {
			for b.Loop() {
				for _, err := range s.Leads().List(ctx, q) {
					if err != nil {
						b.Fatal(err)
					}
				}
			}
		})
	}
	b.Run("List/CursorPage1000", func(b *testing.B) {
		q := leads.Query{Sort: []leads.SortKey{leads.Asc(leads.FieldCompany)}, Limit: 50}
		var after *leads.Lead
		for l, err := range s.Leads().List(ctx, leads.Query{Sort: q.Sort, Offset: 50_000, Limit: 1}) {
			require.NoError(b, err)
			after = l
		}
		q.After, err = leads.Cursor(q, after)
		require.NoError(b, err)
		for b.Loop() {
			for _, err := range s.Leads().List(ctx, q) {
				if err != nil {
					b.Fatal(err)
				}
			}
		}
	})
	// Leads by Assigned To and Score, as a PostgreSQL report would ask it.
	b.Run("Report/GroupBySQL", func(b *testing.B) {
		for b.Loop() {
			rows, err := s.Pool().Query(ctx, "SELECT assigned_to, stars, count(*) FROM leads GROUP BY assigned_to, stars ORDER BY assigned_to, stars")
			require.NoError(b, err)
			groups := 0
			for rows.Next() {
				groups++
			}
			require.NoError(b, rows.Err())
			require.Positive(b, groups)
		}
	})
	// The same report computed by the generic code: stream every lead.
	b.Run("Report/ListAll", func(b *testing.B) {
		for b.Loop() {
			counts := map[[2]string]int{}
			for l, err := range s.Leads().List(ctx, leads.Query{}) {
				if err != nil {
					b.Fatal(err)
				}
				counts[[2]string{l.AssignedTo, fmt.Sprint(l.Score.Stars)}]++
			}
			require.NotEmpty(b, counts)
		}
	})
	b.Run("Count/Filtered", func(b *testing.B) {
		q := leads.Query{Where: leads.And(leads.Eq(leads.FieldAssignedTo, "bob"), leads.StarsBetween(3, 5))}
		for b.Loop() {
			if _, err := s.Leads().Count(ctx, q); err != nil {
				b.Fatal(err)
			}
		}
	})
}

// BenchmarkRecomputeKeys100k measures what Open does once after
// leads.MatchKeysVersion changes: recompute the match keys of 100,000
// leads (read, decode, compute, COPY), in one transaction.
func BenchmarkRecomputeKeys100k(b *testing.B) {
	const n = 100_000
	s := newT(b)
	for from := 0; from < n; from += 25_000 {
		require.NoError(b, s.Leads().(leads.BulkCreator).CreateMany(ctx, importSet(from, 25_000)))
	}
	for b.Loop() {
		err := s.Atomic(ctx, func(tx leads.Tx) error {
			t := tx.(*txRepos).db.tx
			if _, err := t.Exec(ctx, "UPDATE match_keys_version SET version = 0"); err != nil {
				return err
			}
			return syncMatchKeys(ctx, t, rekeyBatch)
		})
		require.NoError(b, err)
	}
	var keys int
	require.NoError(b, s.Pool().QueryRow(ctx, "SELECT count(*) FROM lead_keys").Scan(&keys))
	require.Equal(b, n, keys)
	b.ReportMetric(float64(n)*float64(b.N)/b.Elapsed().Seconds(), "leads/s")
}

// BenchmarkImport1M loads 1,000,000 leads with CreateMany (COPY, one
// transaction) and the same rows with psql's \copy from CSV files into
// equivalent tables (same columns and indexes): the ceiling.
// CreateMany copies the leads and then their match keys (lead_keys); psql
// copies the same two tables, each timed. It reports both rates and their
// ratios, against both copies and against the leads' copy alone. Building
// the rows and the CSV is not timed. Set LEADS_BENCH_IMPORT_ROWS for
// another size.
func BenchmarkImport1M(b *testing.B) {
	rows := 1_000_000
	if v := os.Getenv("LEADS_BENCH_IMPORT_ROWS"); v != "" {
		_, err := fmt.Sscan(v, &rows)
		require.NoError(b, err)
	}
	psql, err := exec.LookPath("psql")
	if err != nil {
		b.Skip("psql is not installed: no ceiling to compare with")
	}
	schema := testSchema(b)
	s := openT(b, schema)
	ls := importSet(0, rows)
	csvPath := filepath.Join(b.TempDir(), "leads.csv")
	require.NoError(b, writeCSV(csvPath, ls))
	keysPath := filepath.Join(b.TempDir(), "lead_keys.csv")
	require.NoError(b, writeKeysCSV(keysPath, ls))
	_, err = s.Pool().Exec(ctx, `CREATE TABLE leads_psql (LIKE leads INCLUDING ALL);
		CREATE TABLE lead_keys_psql (LIKE lead_keys INCLUDING ALL)`)
	require.NoError(b, err)

	// The ceiling first, so that whatever the first load leaves behind
	// (WAL to recycle) burdens CreateMany, not psql. Each load starts
	// after a CHECKPOINT (not timed), so that neither pays for writing out
	// what came before it; a role that may not checkpoint skips that.
	checkpoint := func() {
		if _, err := s.Pool().Exec(ctx, "CHECKPOINT"); err != nil {
			b.Logf("no checkpoint before the load: %v", err)
		}
	}
	psqlCopy := func(table string, columns []string, path string) time.Duration {
		cmd := exec.Command(psql, testDSN(b), "-v", "ON_ERROR_STOP=1", "-q", "-c",
			`SET search_path = `+pgx.Identifier{schema}.Sanitize(), "-c",
			`\copy `+table+` (`+strings.Join(columns, ", ")+`) FROM '`+path+`' WITH (FORMAT csv, NULL '\N')`)
		start := time.Now()
		out, err := cmd.CombinedOutput()
		took := time.Since(start)
		require.NoError(b, err, "%s", out)
		return took
	}
	b.ResetTimer()
	checkpoint()
	psqlLeads := psqlCopy("leads_psql", leadColumns, csvPath)
	psqlKeys := psqlCopy("lead_keys_psql", keyColumns, keysPath)
	psqlTime := psqlLeads + psqlKeys

	checkpoint()
	start := time.Now()
	require.NoError(b, s.Leads().(leads.BulkCreator).CreateMany(ctx, ls))
	copyTime := time.Since(start)
	b.StopTimer()

	var n, m int
	require.NoError(b, s.Pool().QueryRow(ctx, "SELECT count(*) FROM leads").Scan(&n))
	require.NoError(b, s.Pool().QueryRow(ctx, "SELECT count(*) FROM leads_psql").Scan(&m))
	require.Equal(b, rows, n)
	require.Equal(b, rows, m)
	// Both loads stored the same rows, column for column.
	var same int
	require.NoError(b, s.Pool().QueryRow(ctx, "SELECT count(*) FROM leads l JOIN leads_psql p ON p.id = l.id AND p::text = l::text").Scan(&same))
	require.Equal(b, rows, same, "psql and CreateMany stored the same rows")
	var keys, sameKeys int
	require.NoError(b, s.Pool().QueryRow(ctx, "SELECT count(*) FROM lead_keys").Scan(&keys))
	require.NoError(b, s.Pool().QueryRow(ctx, "SELECT count(*) FROM lead_keys JOIN lead_keys_psql USING (key, lead_id)").Scan(&sameKeys))
	require.Equal(b, rows, keys, "one e-mail key per lead")
	require.Equal(b, keys, sameKeys, "psql and CreateMany stored the same keys")
	b.ReportMetric(float64(rows)/copyTime.Seconds(), "CreateMany_rows/s")
	b.ReportMetric(float64(rows)/psqlTime.Seconds(), "psql_copy_rows/s")
	b.ReportMetric(100*psqlTime.Seconds()/copyTime.Seconds(), "%_of_psql")
	b.ReportMetric(100*psqlLeads.Seconds()/copyTime.Seconds(), "%_of_psql_leads_only")
	b.Logf("%d rows: CreateMany (COPY leads and keys) %v, psql \\copy %v (leads %v, keys %v): %.0f%% of the ceiling, %.0f%% of the leads' copy alone",
		rows, copyTime.Round(time.Millisecond), psqlTime.Round(time.Millisecond),
		psqlLeads.Round(time.Millisecond), psqlKeys.Round(time.Millisecond),
		100*psqlTime.Seconds()/copyTime.Seconds(), 100*psqlLeads.Seconds()/copyTime.Seconds())
}

// writeKeysCSV writes the rows of lead_keys for ls, as CreateMany copies
// them.
func writeKeysCSV(path string, ls []*leads.Lead) error {
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	w := csv.NewWriter(f)
	for _, l := range ls {
		for _, k := range leads.MatchKeys(l) {
			if err := w.Write([]string{k, l.ID.String()}); err != nil {
				return err
			}
		}
	}
	w.Flush()
	if err := w.Error(); err != nil {
		return err
	}
	return f.Close()
}

// writeCSV writes the rows leadValues gives, in PostgreSQL's CSV format
// with \N for NULL.
func writeCSV(path string, ls []*leads.Lead) error {
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	w := csv.NewWriter(f)
	rec := make([]string, len(leadColumns))
	for _, l := range ls {
		c := *l
		c.Version = 1
		vals, err := leadValues(&c)
		if err != nil {
			return err
		}
		for i, v := range vals {
			rec[i] = csvText(v)
		}
		if err := w.Write(rec); err != nil {
			return err
		}
	}
	w.Flush()
	if err := w.Error(); err != nil {
		return err
	}
	return f.Close()
}

func csvText(v any) string {
	switch v := v.(type) {
	case nil:
		return `\N`
	case string:
		return v
	case []byte:
		return string(v) // JSON
	case uuid.UUID:
		return v.String()
	case time.Time:
		return v.Format(time.RFC3339Nano)
	case []uuid.UUID:
		q := make([]string, len(v))
		for i, id := range v {
			q[i] = id.String()
		}
		return "{" + strings.Join(q, ",") + "}"
	case []string:
		q := make([]string, len(v))
		for i, s := range v {
			q[i] = `"` + strings.NewReplacer(`\`, `\\`, `"`, `\"`).Replace(s) + `"`
		}
		return "{" + strings.Join(q, ",") + "}"
	}
	return fmt.Sprint(v)
}
