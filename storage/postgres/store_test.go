package postgres

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/google/uuid"
	"github.com/jackc/pgx/v5"
	"github.com/leadkit/leads"
	"github.com/leadkit/leads/storage/storagetest"
	"github.com/stretchr/testify/require"
)

func TestSkipsWithoutDSN(t *testing.T) {
	// The message that tells a developer how to run these tests.
	t.Setenv("LEADS_TEST_POSTGRES_DSN", "")
	skipped := t.Run("inner", func(t *testing.T) {
		testDSN(t)
		t.Fatal("testDSN did not skip")
	})
	require.True(t, skipped)
}

func TestMigrationsAreNumbered(t *testing.T) {
	ms, err := migrations()
	require.NoError(t, err)
	require.NotEmpty(t, ms)
	for i, m := range ms {
		require.Equal(t, i+1, m.version, m.name)
	}
	require.Equal(t, len(ms), SchemaVersion())
}

func TestOpenMigratesOnce(t *testing.T) {
	schema := testSchema(t)
	// Several processes opening a new database at once: the advisory lock
	// makes one migrate and the others find the work done.
	var wg sync.WaitGroup
	errs := make([]error, 4)
	for i := range errs {
		wg.Go(func() {
			s, err := Open(ctx, testDSN(t), &Options{Schema: schema})
			if err == nil {
				s.Close()
			}
			errs[i] = err
		})
	}
	wg.Wait()
	for _, err := range errs {
		require.NoError(t, err)
	}
	conn := adminConn(t)
	var versions, criteria int
	require.NoError(t, conn.QueryRow(ctx, "SELECT count(*) FROM "+pgx.Identifier{schema, "schema_migrations"}.Sanitize()).Scan(&versions))
	require.Equal(t, SchemaVersion(), versions)
	require.NoError(t, conn.QueryRow(ctx, "SELECT count(*) FROM "+pgx.Identifier{schema, "criteria"}.Sanitize()).Scan(&criteria))
	require.Equal(t, len(leads.DefaultCriteria()), criteria, "default criteria seeded once")

	// Reopening keeps the data and does not seed again.
	s := openT(t, schema)
	require.NoError(t, s.Leads().Create(ctx, storagetest.Sample(1)))
	s.Close()
	s = openT(t, schema)
	n, err := s.Leads().Count(ctx, leads.Query{})
	require.NoError(t, err)
	require.Equal(t, 1, n)
	var cs []*leads.Criterion
	for c, err := range s.Criteria().List(ctx) {
		require.NoError(t, err)
		cs = append(cs, c)
	}
	require.Len(t, cs, len(leads.DefaultCriteria()))
}

func TestNewerSchemaRefused(t *testing.T) {
	schema := testSchema(t)
	s := openT(t, schema)
	require.NoError(t, s.Leads().Create(ctx, storagetest.Sample(1)))
	s.Close()
	conn := adminConn(t)
	_, err := conn.Exec(ctx, "INSERT INTO "+pgx.Identifier{schema, "schema_migrations"}.Sanitize()+" (version, name) VALUES ($1, 'from the future')", SchemaVersion()+1)
	require.NoError(t, err)

	_, err = Open(ctx, testDSN(t), &Options{Schema: schema})
	require.ErrorIs(t, err, ErrNewerSchema)
	require.Contains(t, err.Error(), fmt.Sprintf("schema version %d", SchemaVersion()+1))
}

func TestOpenBadDSN(t *testing.T) {
	_, err := Open(ctx, "postgres://nobody@127.0.0.1:1/none?sslmode=disable&connect_timeout=2", nil)
	require.Error(t, err)
	require.Contains(t, err.Error(), "leads/postgres: connect")
	_, err = Open(ctx, "postgres://%zz", nil)
	require.Error(t, err)
}

func TestClosedStore(t *testing.T) {
	s := newT(t)
	require.NoError(t, s.Close())
	require.NoError(t, s.Close(), "closing twice is harmless")
	require.ErrorIs(t, s.Leads().Create(ctx, storagetest.Sample(1)), ErrClosed)
	_, err := s.Leads().Get(ctx, uuid.New())
	require.ErrorIs(t, err, ErrClosed)
	_, err = s.Leads().Count(ctx, leads.Query{})
	require.ErrorIs(t, err, ErrClosed)
	for _, err := range s.Accounts().List(ctx) {
		require.ErrorIs(t, err, ErrClosed)
	}
	require.ErrorIs(t, s.Atomic(ctx, func(leads.Tx) error { return nil }), ErrClosed)
}

// TestHostileText stores and finds text full of quotes, semicolons and SQL
// keywords, and a megabyte of notes: values never become SQL.
func TestHostileText(t *testing.T) {
	s := newT(t)
	hostile := []string{
		`Robert'); DROP TABLE leads; --`,
		`" OR 1=1; --`,
		`'; DELETE FROM schema_migrations WHERE ''='`,
		`$1::text; SELECT pg_sleep(10)`,
		`%_\'"` + "`",
		`SELECT * FROM leads WHERE id = id`,
	}
	unit := "notes; DROP TABLE leads; 'quoted' \"double\" "
	big := strings.Repeat(unit, 1<<20/len(unit)+1)
	require.Greater(t, len(big), 1<<20)
	var created []*leads.Lead
	for i, h := range hostile {
		l := storagetest.Sample(i)
		l.FullName, l.Company, l.JobTitle = h, h, h
		l.Custom = map[string]string{h: h}
		l.Comments = []leads.Comment{{Text: big, Author: h}}
		l.Emails = []leads.Email{{Label: h, Address: h}}
		require.NoError(t, s.Leads().Create(ctx, l))
		created = append(created, l)
	}
	for i, h := range hostile {
		got, err := s.Leads().Get(ctx, created[i].ID)
		require.NoError(t, err)
		require.Equal(t, h, got.FullName)
		require.Equal(t, big, got.Comments[0].Text)
		require.Equal(t, h, got.Custom[h])

		for _, q := range []leads.Query{
			{Where: leads.Eq(leads.FieldCompany, h)},
			{Where: leads.Contains(leads.FieldFullName, h)},
			{Where: leads.Prefix(leads.FieldEmail, h)},
			{Where: leads.Eq(leads.CustomField(h), h)},
			{Where: leads.Between(leads.FieldJobTitle, h, h)},
		} {
			got := listT(t, s, q)
			require.Len(t, got, 1, "query %v", q.Where)
			require.Equal(t, created[i].ID, got[0].ID)
		}
	}
	n, err := s.Leads().Count(ctx, leads.Query{})
	require.NoError(t, err)
	require.Equal(t, len(hostile), n, "the table is still there and whole")
}

// TestNULRefused: the domain refuses NUL bytes; a record that reaches the
// repository directly gets a validation error naming the field, not a
// driver error, and nothing is written.
func TestNULRefused(t *testing.T) {
	s := newT(t)
	cases := map[string]func(l *leads.Lead){
		"full_name":           func(l *leads.Lead) { l.FullName = "a\x00b" },
		"emails[0].address":   func(l *leads.Lead) { l.Emails[0].Address = "x\x00@example.com" },
		"comments[0].text":    func(l *leads.Lead) { l.Comments[0].Text = "\x00" },
		"custom.region":       func(l *leads.Lead) { l.Custom["region"] = "\x00" },
		"addresses[0].city":   func(l *leads.Lead) { l.Addresses[0].City = "Z\x00" },
		"photo.content_type":  func(l *leads.Lead) { l.Photo = &leads.Photo{ContentType: "image/\x00"} },
		"web_pages[0]":        func(l *leads.Lead) { l.WebPages[0] = "\xff\xfe" },
		"phones[0].number":    func(l *leads.Lead) { l.Phones[0].Number = "\x00" },
		"comments[0].author":  func(l *leads.Lead) { l.Comments[0].Author = "\x00" },
		"assigned_to":         func(l *leads.Lead) { l.AssignedTo = "\x00" },
		"addresses[0].street": func(l *leads.Lead) { l.Addresses[0].Street = "\x00" },
	}
	for field, mutate := range cases {
		t.Run(field, func(t *testing.T) {
			l := storagetest.Sample(1)
			mutate(l)
			require.Error(t, l.Validate(), "the domain refuses it first")
			err := s.Leads().Create(ctx, l)
			requireFieldError(t, err, field)
			err = s.Leads().(leads.BulkCreator).CreateMany(ctx, []*leads.Lead{storagetest.Sample(2), l})
			requireFieldError(t, err, "leads[1]."+field)
			_, err = s.Leads().Get(ctx, storagetest.Sample(2).ID)
			require.ErrorIs(t, err, leads.ErrNotFound, "nothing of the batch was written")
		})
	}
	ok := storagetest.Sample(3)
	require.NoError(t, s.Leads().Create(ctx, ok))
	_, err := s.Leads().Update(ctx, ok.ID, func(l *leads.Lead) error { l.JobTitle = "\x00"; return nil })
	requireFieldError(t, err, "job_title")
	err = s.Accounts().Create(ctx, &leads.Account{ID: uuid.New(), Name: "A\x00"})
	requireFieldError(t, err, "name")
	err = s.Criteria().Create(ctx, &leads.Criterion{ID: uuid.New(), Name: "\x00", Weight: leads.WeightLow})
	requireFieldError(t, err, "name")
	got, err := s.Leads().Get(ctx, ok.ID)
	require.NoError(t, err)
	require.EqualValues(t, 1, got.Version)

	// A query value with a NUL matches nothing rather than failing.
	require.Empty(t, listT(t, s, leads.Query{Where: leads.Contains(leads.FieldFullName, "a\x00")}))
}

func requireFieldError(t *testing.T, err error, field string) {
	t.Helper()
	require.ErrorIs(t, err, leads.ErrInvalid)
	var fe *leads.FieldError
	require.ErrorAs(t, err, &fe)
	require.Equal(t, field, fe.Field, "%v", err)
}

// TestTwoStoresConflict: two clients (two pools, as two processes would
// have) update one lead from the same read; one wins, the other gets the
// conflict error, and nothing is lost.
func TestTwoStoresConflict(t *testing.T) {
	schema := testSchema(t)
	a, b := openT(t, schema), openT(t, schema)
	l := storagetest.Sample(1)
	require.NoError(t, a.Leads().Create(ctx, l))

	readA, err := a.Leads().Get(ctx, l.ID)
	require.NoError(t, err)
	readB, err := b.Leads().Get(ctx, l.ID)
	require.NoError(t, err)
	readA.JobTitle, readB.JobTitle = "from A", "from B"

	_, err = a.Leads().Update(ctx, l.ID, func(cur *leads.Lead) error { *cur = *readA.Clone(); return nil })
	require.NoError(t, err)
	_, err = b.Leads().Update(ctx, l.ID, func(cur *leads.Lead) error { *cur = *readB.Clone(); return nil })
	require.ErrorIs(t, err, leads.ErrConflict)
	got, err := b.Leads().Get(ctx, l.ID)
	require.NoError(t, err)
	require.Equal(t, "from A", got.JobTitle)
	require.EqualValues(t, 2, got.Version)

	// Concurrent function updates from both stores take turns on the row
	// lock: every one applies.
	var wg sync.WaitGroup
	for i, s := range []*Store{a, b, a, b} {
		wg.Go(func() {
			for j := range 10 {
				_, err := s.Leads().Update(ctx, l.ID, func(cur *leads.Lead) error {
					cur.Custom[fmt.Sprintf("%d-%d", i, j)] = "x"
					return nil
				})
				require.NoError(t, err)
			}
		})
	}
	wg.Wait()
	got, err = a.Leads().Get(ctx, l.ID)
	require.NoError(t, err)
	require.EqualValues(t, 42, got.Version)
	require.Len(t, got.Custom, len(l.Custom)+40)
}

// TestServerGoesAway terminates the backend of an Atomic transaction
// midway: Atomic fails with a clear error, nothing is half-written, and the
// store keeps working on fresh connections.
func TestServerGoesAway(t *testing.T) {
	s := newT(t)
	admin := adminConn(t)
	first, second := storagetest.Sample(1), storagetest.Sample(2)
	err := s.Atomic(ctx, func(tx leads.Tx) error {
		if err := tx.Leads().Create(ctx, first); err != nil {
			return err
		}
		var pid uint32
		if err := tx.(*txRepos).db.tx.QueryRow(ctx, "SELECT pg_backend_pid()").Scan(&pid); err != nil {
			return err
		}
		if _, err := admin.Exec(ctx, "SELECT pg_terminate_backend($1)", pid); err != nil {
			return err
		}
		return tx.Leads().Create(ctx, second)
	})
	require.Error(t, err)
	require.Contains(t, err.Error(), "leads/postgres: create lead "+second.ID.String())
	t.Logf("error after the server went away: %v", err)

	for _, l := range []*leads.Lead{first, second} {
		_, err := s.Leads().Get(ctx, l.ID)
		require.ErrorIs(t, err, leads.ErrNotFound, "nothing half-written")
	}
	require.NoError(t, s.Leads().Create(ctx, storagetest.Sample(3)), "the pool replaces the dead connection")
}

// TestAtomicSeesOwnWrites checks reads inside a transaction, and that
// another client sees nothing until it commits.
func TestAtomicSeesOwnWrites(t *testing.T) {
	s := newT(t)
	l := storagetest.Sample(1)
	errStop := errors.New("stop")
	err := s.Atomic(ctx, func(tx leads.Tx) error {
		require.NoError(t, tx.Leads().Create(ctx, l))
		n, err := tx.Leads().Count(ctx, leads.Query{})
		require.NoError(t, err)
		require.Equal(t, 1, n)
		_, err = tx.Leads().Update(ctx, l.ID, func(cur *leads.Lead) error { cur.JobTitle = "in tx"; return nil })
		require.NoError(t, err)
		for got, err := range tx.Leads().List(ctx, leads.Query{}) {
			require.NoError(t, err)
			require.Equal(t, "in tx", got.JobTitle)
			// Writing while iterating a list inside the transaction.
			require.NoError(t, tx.Leads().Delete(ctx, got.ID))
		}
		outside, err := s.Leads().Count(ctx, leads.Query{})
		require.NoError(t, err)
		require.Zero(t, outside, "uncommitted writes are not visible outside")
		return errStop
	})
	require.ErrorIs(t, err, errStop)
	n, err := s.Leads().Count(ctx, leads.Query{})
	require.NoError(t, err)
	require.Zero(t, n)
}

func TestCreateMany(t *testing.T) {
	s := newT(t)
	var batch []*leads.Lead
	for i := range 500 {
		batch = append(batch, storagetest.Sample(i))
	}
	require.NoError(t, leads.CreateMany(ctx, s, batch))
	for _, l := range batch {
		require.EqualValues(t, 1, l.Version)
	}
	for _, i := range []int{0, 2, 7, 14, 499} {
		got, err := s.Leads().Get(ctx, batch[i].ID)
		require.NoError(t, err)
		want := storagetest.Sample(i)
		want.Version = 1
		require.Equal(t, want.FullName, got.FullName)
		require.Equal(t, want.Comments[0].Text, got.Comments[0].Text)
		require.True(t, want.CreatedAt.Equal(got.CreatedAt))
		require.Equal(t, want.Details, got.Details, "COPY writes the Details page")
		require.True(t, want.ConvertedAt.Equal(got.ConvertedAt))
	}
	require.False(t, batch[14].Details.Anniversary.IsZero(), "a contact with every Details field")

	// One ID already taken: nothing of the batch is written.
	again := []*leads.Lead{storagetest.Sample(1000), storagetest.Sample(3)}
	err := leads.CreateMany(ctx, s, again)
	require.ErrorIs(t, err, leads.ErrConflict)
	require.Contains(t, err.Error(), storagetest.Sample(3).ID.String())
	_, err = s.Leads().Get(ctx, storagetest.Sample(1000).ID)
	require.ErrorIs(t, err, leads.ErrNotFound)

	// Twice in one batch, and a missing ID.
	err = leads.CreateMany(ctx, s, []*leads.Lead{storagetest.Sample(1001), storagetest.Sample(1001)})
	require.ErrorIs(t, err, leads.ErrConflict)
	err = leads.CreateMany(ctx, s, []*leads.Lead{{FullName: "no ID"}})
	require.ErrorIs(t, err, leads.ErrInvalid)

	// Inside Atomic, COPY joins the transaction and rolls back with it.
	errStop := errors.New("stop")
	err = s.Atomic(ctx, func(tx leads.Tx) error {
		require.NoError(t, tx.Leads().(leads.BulkCreator).CreateMany(ctx, []*leads.Lead{storagetest.Sample(2000)}))
		_, err := tx.Leads().Get(ctx, storagetest.Sample(2000).ID)
		require.NoError(t, err)
		return errStop
	})
	require.ErrorIs(t, err, errStop)
	_, err = s.Leads().Get(ctx, storagetest.Sample(2000).ID)
	require.ErrorIs(t, err, leads.ErrNotFound)

	n, err := s.Leads().Count(ctx, leads.Query{})
	require.NoError(t, err)
	require.Equal(t, 500, n)
}

func TestContextCanceled(t *testing.T) {
	s := newT(t)
	c, cancel := context.WithTimeout(ctx, time.Nanosecond)
	defer cancel()
	<-c.Done()
	err := s.Leads().Create(c, storagetest.Sample(1))
	require.ErrorIs(t, err, context.DeadlineExceeded)
	err = s.Atomic(c, func(leads.Tx) error { return nil })
	require.ErrorIs(t, err, context.DeadlineExceeded)
}
