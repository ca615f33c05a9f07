package postgres

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"os"
	"testing"

	"github.com/jackc/pgx/v5"
	"github.com/stretchr/testify/require"
)

var ctx = context.Background()

// testDSN returns the DSN of the test database, or skips the test.
func testDSN(tb testing.TB) string {
	tb.Helper()
	dsn := os.Getenv("LEADS_TEST_POSTGRES_DSN")
	if dsn == "" {
		tb.Skip("LEADS_TEST_POSTGRES_DSN is not set; set it to a PostgreSQL URL (e.g. postgres://postgres@127.0.0.1:5432/test?sslmode=disable) to run the PostgreSQL store's tests")
	}
	return dsn
}

// testSchema returns a new schema name and drops the schema when the test
// ends.
func testSchema(tb testing.TB) string {
	tb.Helper()
	dsn := testDSN(tb)
	b := make([]byte, 6)
	_, _ = rand.Read(b)
	name := "leads_test_" + hex.EncodeToString(b)
	tb.Cleanup(func() {
		conn, err := pgx.Connect(ctx, dsn)
		if err != nil {
			tb.Errorf("drop schema %s: %v", name, err)
			return
		}
		defer conn.Close(ctx)
		if _, err := conn.Exec(ctx, "DROP SCHEMA IF EXISTS "+pgx.Identifier{name}.Sanitize()+" CASCADE"); err != nil {
			tb.Errorf("drop schema %s: %v", name, err)
		}
	})
	return name
}

// openT opens a store in schema, closed when the test ends.
func openT(tb testing.TB, schema string) *Store {
	tb.Helper()
	s, err := Open(ctx, testDSN(tb), &Options{Schema: schema})
	require.NoError(tb, err)
	tb.Cleanup(func() { s.Close() })
	return s
}

// newT opens a store in a schema of its own.
func newT(tb testing.TB) *Store {
	tb.Helper()
	return openT(tb, testSchema(tb))
}

// adminConn is a plain connection to the test database.
func adminConn(tb testing.TB) *pgx.Conn {
	tb.Helper()
	conn, err := pgx.Connect(ctx, testDSN(tb))
	require.NoError(tb, err)
	tb.Cleanup(func() { conn.Close(ctx) })
	return conn
}
