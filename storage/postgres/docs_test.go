package postgres

import (
	"encoding/json"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/google/uuid"
	"github.com/jackc/pgx/v5"
	"github.com/leadkit/leads"
	"github.com/leadkit/leads/storage/storagetest"
	"github.com/shopspring/decimal"
	"github.com/stretchr/testify/require"
)

// columns0002 is how many lead columns migration 0002 added.
const columns0002 = 20

// columns0004 is how many lead columns migration 0004 added.
const columns0004 = 1

// columns0005 is how many lead columns migration 0005 added.
const columns0005 = 1

// TestMigrateFromVersion1 opens a database that an older program left at
// schema version 1, holding a lead: Open brings it to the current version,
// and the lead reads back with an empty Details page and no conversion time,
// which queries on those fields see.
func TestMigrateFromVersion1(t *testing.T) {
	schema := testSchema(t)
	conn := adminConn(t)
	ms, err := migrations()
	require.NoError(t, err)
	tx, err := conn.Begin(ctx)
	require.NoError(t, err)
	for _, sql := range []string{
		"CREATE SCHEMA " + pgx.Identifier{schema}.Sanitize(),
		"SET LOCAL search_path TO " + pgx.Identifier{schema}.Sanitize(),
		ms[0].sql,
		`CREATE TABLE schema_migrations (version integer PRIMARY KEY, name text NOT NULL,
			applied_at timestamptz NOT NULL DEFAULT now())`,
	} {
		_, err := tx.Exec(ctx, sql)
		require.NoError(t, err)
	}
	_, err = tx.Exec(ctx, "INSERT INTO schema_migrations (version, name) VALUES (1, $1)", ms[0].name)
	require.NoError(t, err)
	old := storagetest.Sample(3) // a lead: no Details
	require.Equal(t, leads.TypeLead, old.Type)
	old.Version = 1
	vals, err := leadValues(old)
	require.NoError(t, err)
	cols := leadColumns[:len(leadColumns)-columns0002-columns0004-columns0005]
	_, err = tx.Exec(ctx, "INSERT INTO leads ("+strings.Join(cols, ", ")+") VALUES ("+placeholders(1, len(cols))+")",
		vals[:len(cols)]...)
	require.NoError(t, err)
	require.NoError(t, tx.Commit(ctx))

	s := openT(t, schema)
	var version int
	require.NoError(t, s.Pool().QueryRow(ctx, "SELECT max(version) FROM schema_migrations").Scan(&version))
	require.Equal(t, SchemaVersion(), version)
	got, err := s.Leads().Get(ctx, old.ID)
	require.NoError(t, err)
	require.True(t, got.Details.IsZero())
	require.True(t, got.ConvertedAt.IsZero())
	require.Nil(t, got.StatusHistory, "rows from before 0004 have no status history")
	require.Equal(t, old.FullName, got.FullName)
	require.Nil(t, got.MergedFrom, "rows from before 0005 have merged no record")
	// Open computed the match keys of the leads already stored.
	require.NotEmpty(t, leads.MatchKeys(old))
	for _, k := range leads.MatchKeys(old) {
		var found []uuid.UUID
		for l, err := range s.Leads().Lookup(ctx, k, 0) {
			require.NoError(t, err)
			found = append(found, l.ID)
		}
		require.Equal(t, []uuid.UUID{old.ID}, found, "key %s", k)
	}
	for _, q := range []leads.Query{
		{Where: leads.Empty(leads.FieldDepartment)},
		{Where: leads.Empty(leads.FieldBirthday)},
		{Where: leads.Between(leads.FieldConvertedAt, "", "0001-01-01")},
	} {
		n, err := s.Leads().Count(ctx, q)
		require.NoError(t, err)
		require.Equal(t, 1, n, "%v", q.Where)
	}

	// The old lead takes a Details page like any other.
	up, err := s.Leads().Update(ctx, old.ID, func(l *leads.Lead) error {
		l.Details.Department, l.Details.Birthday = "Sales", time.Date(1970, 5, 6, 0, 0, 0, 0, time.UTC)
		return nil
	})
	require.NoError(t, err)
	got, err = s.Leads().Get(ctx, old.ID)
	require.NoError(t, err)
	require.Equal(t, up.Details, got.Details)
}

// TestDocumentsExact stores what a JSON document could lose: a duration
// below the second, JSON values with HTML characters and spacing the
// encoder would change, decimals' exponents.
func TestDocumentsExact(t *testing.T) {
	s := newT(t)
	a := storagetest.Sample(1)
	require.NoError(t, s.Leads().Create(ctx, a))
	at := time.Date(2026, 3, 4, 5, 6, 7, 891234567, time.UTC)
	call := &leads.HistoryItem{ID: uuid.Must(uuid.NewV7()), Kind: leads.KindPhone, Subject: "<b>Call</b> & more",
		At: at, Records: []uuid.UUID{a.ID}, Direction: leads.DirectionIn, Number: "+1", Start: at,
		Duration: 90*time.Second + 123*time.Nanosecond, CreatedAt: at, UpdatedAt: at}
	change := &leads.HistoryItem{ID: uuid.Must(uuid.NewV7()), Kind: leads.KindChange, At: at.Add(time.Nanosecond),
		Records: []uuid.UUID{a.ID}, CreatedAt: at, UpdatedAt: at,
		Changes: []leads.FieldChange{{Field: "company", From: json.RawMessage(`"A<&>B"`), To: json.RawMessage(`{"b":1,"a":[2]}`)}}}
	for _, h := range []*leads.HistoryItem{call, change} {
		require.NoError(t, s.History().Create(ctx, h))
		got, err := s.History().Get(ctx, h.ID)
		require.NoError(t, err)
		require.Equal(t, h, got)
	}
	var listed []*leads.HistoryItem
	for h, err := range s.History().ByRecord(ctx, a.ID, leads.HistoryFilter{From: at.Add(time.Nanosecond)}) {
		require.NoError(t, err)
		listed = append(listed, h)
	}
	require.Equal(t, []*leads.HistoryItem{change}, listed, "From compares to the nanosecond")

	o := &leads.Opportunity{ID: uuid.Must(uuid.NewV7()), RecordID: a.ID, Title: "x", Currency: "EUR",
		Lines: []leads.LineItem{{Product: "p", Quantity: decimal.New(5, 2), UnitPrice: decimal.RequireFromString("0.50")}}}
	require.NoError(t, s.Opportunities().Create(ctx, o))
	got, err := s.Opportunities().Get(ctx, o.ID)
	require.NoError(t, err)
	require.Equal(t, o.Lines, got.Lines, "coefficients and exponents as written, the zero decimal as the zero value")
}

// TestDocumentsRefuseBadText checks that text a document or column cannot
// keep is refused with an error naming the field, and nothing is stored.
func TestDocumentsRefuseBadText(t *testing.T) {
	s := newT(t)
	def := &leads.FieldDefinition{ID: uuid.Must(uuid.NewV7()), Name: "Region", Type: leads.CustomChoice,
		Choices: []string{"North", "So\xffuth"}}
	err := s.FieldDefinitions().Create(ctx, def)
	require.ErrorIs(t, err, leads.ErrInvalid)
	var fe *leads.FieldError
	require.ErrorAs(t, err, &fe)
	require.Equal(t, "choices[1]", fe.Field)
	_, err = s.FieldDefinitions().Get(ctx, def.ID)
	require.ErrorIs(t, err, leads.ErrNotFound)

	r := &leads.Report{ID: uuid.Must(uuid.NewV7()), Name: "a\x00b", Columns: []leads.Field{leads.FieldFileAs}}
	err = s.Reports().Create(ctx, r)
	require.ErrorAs(t, err, &fe)
	require.Equal(t, "name", fe.Field)

	r = &leads.Report{ID: uuid.Must(uuid.NewV7()), Name: "ok", Columns: []leads.Field{leads.FieldFileAs},
		Where: leads.Eq(leads.FieldCompany, "\xfe")}
	err = s.Reports().Create(ctx, r)
	require.ErrorAs(t, err, &fe)
	require.Equal(t, "where.values[0]", fe.Field)
	require.Empty(t, slices.Collect(func(yield func(*leads.Report) bool) {
		for r, err := range s.Reports().List(ctx) {
			require.NoError(t, err)
			if !yield(r) {
				return
			}
		}
	}))
}

func TestExactDecimal(t *testing.T) {
	for _, s := range []string{"0.50", "1999.50", "-3", "12.5", "0", "1e3", "0.000001"} {
		d := decimal.RequireFromString(s)
		b, err := json.Marshal(exactDecimal(d))
		require.NoError(t, err)
		var back exactDecimal
		require.NoError(t, json.Unmarshal(b, &back))
		require.Equal(t, d.String(), decimal.Decimal(back).String(), s)
		require.Equal(t, d.Exponent(), decimal.Decimal(back).Exponent(), s)
	}
	b, err := json.Marshal(exactDecimal{})
	require.NoError(t, err)
	var back exactDecimal
	require.NoError(t, json.Unmarshal(b, &back))
	require.Equal(t, decimal.Decimal{}, decimal.Decimal(back))
	require.Error(t, json.Unmarshal([]byte(`"1.2.3"`), &back))
}
