package jsonfile_test

import (
	"bytes"
	"context"
	"crypto/rand"
	"encoding/hex"
	"os"
	"path/filepath"
	"regexp"
	"testing"
	"time"

	"github.com/google/uuid"
	"github.com/leadkit/leads"
	"github.com/leadkit/leads/importexport/jsonfile"
	"github.com/leadkit/leads/storage/file"
	"github.com/leadkit/leads/storage/memory"
	"github.com/leadkit/leads/storage/postgres"
	"github.com/shopspring/decimal"
	"github.com/stretchr/testify/require"
)

// fullBook is a book that holds something of every kind a backup carries:
// users with a round-robin turn, criteria, field definitions, accounts, a
// saved report, leads and contacts with status steps, comments, checks and
// custom values, a merge (its old ID resolving to the survivor),
// opportunities with lines, shared history items and the change log.
func fullBook(t *testing.T) *leads.Book {
	ctx := leads.WithActor(context.Background(), "jane")
	now := time.Date(2026, 3, 1, 9, 30, 0, 0, time.UTC)
	clock := leads.ClockFunc(func() time.Time { now = now.Add(time.Second); return now })
	book := leads.New(memory.New(), leads.WithClock(clock))
	must := func(err error) { t.Helper(); require.NoError(t, err) }
	for _, name := range []string{"jane", "bob", "carol"} {
		_, err := book.Users().Create(ctx, &leads.User{Name: name, Email: name + "@team.example"})
		must(err)
	}
	crit, err := book.Criteria().Create(ctx, &leads.Criterion{Name: "Has budget", Weight: leads.WeightHigh})
	must(err)
	_, err = book.Fields().Create(ctx, &leads.FieldDefinition{RecordType: leads.TypeLead, Name: "Employees", Type: leads.CustomNumber})
	must(err)
	acct, err := book.Accounts().Create(ctx, &leads.Account{Name: "Analytical Engines"})
	must(err)
	_, err = book.Reports().Create(ctx, &leads.Report{Name: "Hot web leads", Columns: []leads.Field{leads.FieldFullName, leads.FieldStars},
		Where: leads.StarsBetween(3, 5), Sort: []leads.SortKey{leads.Desc(leads.FieldScore)}})

	must(err)
	ada, err := book.Create(ctx, &leads.Lead{FullName: "Ada Lovelace", Company: "Analytical Engines", AccountID: acct.ID,
		Emails: []leads.Email{{Address: "ada@engines.example"}}, Source: "Web",
		Checks: map[uuid.UUID]bool{crit.ID: true}, Custom: map[string]string{"Employees": "1500"}})
	must(err)
	dup, err := book.Create(ctx, &leads.Lead{FullName: "A. Lovelace", Company: "Analytical Engines",
		Phones: []leads.Phone{{Label: leads.PhoneMobile, Number: "+44 7700 900123"}}})
	must(err)
	babbage, err := book.Create(ctx, &leads.Lead{FullName: "Charles Babbage", InitiatedBy: ada.ID})
	must(err)
	_, err = book.Comment(ctx, ada.ID, "met at the salon")
	must(err)
	_, err = book.SetStatus(ctx, ada.ID, leads.StatusContacted, leads.StatusChange{Note: "called"})
	must(err)
	_, err = book.Edit(ctx, babbage.ID, func(l *leads.Lead) error { l.JobTitle = "Inventor"; return nil })
	must(err)
	_, err = book.AssignRoundRobin(ctx, []string{"jane", "bob", "carol"}, ada.ID, babbage.ID)
	must(err)
	_, err = book.Merge(ctx, ada.ID, []uuid.UUID{dup.ID}, leads.MergeOptions{})
	must(err)
	_, err = book.Opportunities().Create(ctx, &leads.Opportunity{RecordID: ada.ID, Title: "Engine No. 2", Currency: "GBP", Probability: 40,
		Lines: []leads.LineItem{{Product: "Mill", Quantity: decimal.NewFromInt(2), UnitPrice: decimal.RequireFromString("1250.50"), Discount: decimal.NewFromInt(5)}}})

	must(err)
	_, err = book.History().Create(ctx, &leads.HistoryItem{Kind: leads.KindNote, Subject: "Met both", Records: []uuid.UUID{ada.ID, babbage.ID}})
	must(err)
	_, err = book.Convert(ctx, babbage.ID, leads.ConvertOptions{})
	must(err)
	return book
}

func backup(t *testing.T, s leads.Store) []byte {
	t.Helper()
	var buf bytes.Buffer
	_, err := jsonfile.Export(context.Background(), &buf, s, nil)
	require.NoError(t, err)
	return buf.Bytes()
}

func restore(t *testing.T, doc []byte, s leads.Store) jsonfile.Restored {
	t.Helper()
	n, err := jsonfile.Restore(context.Background(), s, bytes.NewReader(doc))
	require.NoError(t, err)
	require.Empty(t, n.Warnings)
	return n
}

// versions are the only member a restore does not keep: they count the
// writes of one store.
var versions = regexp.MustCompile(`"version":\d+`)

// TestBackupRestoresEverywhere restores a backup from memory into a file
// store, from there into PostgreSQL (when LEADS_TEST_POSTGRES_DSN is set)
// and back into memory: every export after the first is the same document,
// byte for byte, and the first differs only in versions.
func TestBackupRestoresEverywhere(t *testing.T) {
	ctx := context.Background()
	src := fullBook(t)
	first := backup(t, src.Store())
	for _, kind := range []string{`"users":[{`, `"field_definitions":[{`, `"reports":[{`, `"opportunities":[`, `"merged_from":[`,
		`"last_turn":`, `"status_history":[`, `"kind":"change"`, `"unit_price":"1250.5`} {
		require.Contains(t, string(first), kind)
	}

	f, err := file.Open(filepath.Join(t.TempDir(), "leads.db"), nil)
	require.NoError(t, err)
	t.Cleanup(func() { f.Close() })
	n := restore(t, first, f)
	require.Equal(t, jsonfile.Restored{Users: 3, Criteria: len(leads.DefaultCriteria()) + 1, FieldDefinitions: 1, Accounts: 1,
		Reports: 1, Leads: 2, Opportunities: 1, History: n.History}, n)
	require.Greater(t, n.History, 3, "the note and the change log")
	second := backup(t, f)
	require.Equal(t, versions.ReplaceAllString(string(first), `"version":_`), versions.ReplaceAllString(string(second), `"version":_`))

	doc := second
	if dsn := os.Getenv("LEADS_TEST_POSTGRES_DSN"); dsn != "" {
		b := make([]byte, 6)
		_, _ = rand.Read(b)
		pg, err := postgres.Open(ctx, dsn, &postgres.Options{Schema: "leads_backup_" + hex.EncodeToString(b)})
		require.NoError(t, err)
		t.Cleanup(func() { pg.Close() })
		restore(t, doc, pg)
		third := backup(t, pg)
		require.Equal(t, string(doc), string(third), "PostgreSQL")
		doc = third
	} else {
		t.Log("LEADS_TEST_POSTGRES_DSN is not set: the PostgreSQL leg is skipped")
	}
	m := memory.New()
	restore(t, doc, m)
	require.Equal(t, string(doc), string(backup(t, m)), "memory")

	// The restored book answers as the original: the merged-away ID
	// resolves to the survivor, the report reopens by name.
	book := leads.New(m)
	var survivor, merged uuid.UUID
	for l, err := range src.List(ctx, leads.Query{}) {
		require.NoError(t, err)
		if len(l.MergedFrom) > 0 {
			survivor, merged = l.ID, l.MergedFrom[0]
		}
	}
	got, err := book.Resolve(ctx, merged)
	require.NoError(t, err)
	require.Equal(t, survivor, got)
	_, err = book.Reports().Get(ctx, "Hot web leads")
	require.NoError(t, err)
}

func TestRestoreRefusesAStoreWithRecords(t *testing.T) {
	ctx := context.Background()
	doc := backup(t, fullBook(t).Store())
	dst := leads.New(memory.New())
	_, err := dst.Create(ctx, &leads.Lead{FullName: "Someone"})
	require.NoError(t, err)
	_, err = jsonfile.Restore(ctx, dst.Store(), bytes.NewReader(doc))
	require.ErrorIs(t, err, jsonfile.ErrNotEmpty)
}

func TestRestoreIsAllOrNothing(t *testing.T) {
	ctx := context.Background()
	doc := backup(t, fullBook(t).Store())
	// Damage the history: the records before it must not stay behind.
	bad := bytes.Replace(doc, []byte(`"history":[`), []byte(`"history":[{"kind":"nonsense"},`), 1)
	m := memory.New()
	_, err := jsonfile.Restore(ctx, m, bytes.NewReader(bad))
	require.ErrorContains(t, err, "history[0]")
	n, err := m.Leads().Count(ctx, leads.Query{})
	require.NoError(t, err)
	require.Zero(t, n)
	// And the store can take the good backup afterwards.
	restore(t, doc, m)
}

func TestRestoreErrors(t *testing.T) {
	for in, want := range map[string]string{
		`[]`:                              "want",
		`{"leads":[]}`:                    "before \"format\"",
		`{"format":"other"}`:              "not a leads export",
		`{"format":"leads","version":99}`: "newer",
		`{"format":"leads","leads":[{"full_name":"`:                      "leads[0]",
		`{"format":"leads","leads":[{"id":"` + uuid.NewString() + `"}]}`: "leads[0]",
		`{"format":"leads","leads":[{"full_name":"Ada"}]}`:               "leads[0]: leads: invalid",
	} {
		_, err := jsonfile.Restore(context.Background(), memory.New(), bytes.NewReader([]byte(in)))
		require.ErrorContains(t, err, want, in)
	}
}

// TestRestoreDropsDanglingLinks: a backup of a store that kept a link to a
// record it no longer held restores everything else, and says what it
// dropped.
func TestRestoreDropsDanglingLinks(t *testing.T) {
	gone := uuid.NewString()
	in := `{"format":"leads","version":2,"leads":[{"id":"` + uuid.NewString() + `","full_name":"Ada","initiated_by":"` + gone + `"}]}`
	m := memory.New()
	n, err := jsonfile.Restore(context.Background(), m, bytes.NewReader([]byte(in)))
	require.NoError(t, err)
	require.Equal(t, 1, n.Leads)
	require.Len(t, n.Warnings, 1)
	require.Contains(t, n.Warnings[0], gone)
}
