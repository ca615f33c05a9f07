package main

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"net/url"
	"os"
	"strings"
	"testing"

	"github.com/jackc/pgx/v5"
	"github.com/stretchr/testify/require"
)

// TestPostgresStore runs commands against a PostgreSQL store named by a
// postgres:// URL, in a schema of its own (the URL's search_path).
func TestPostgresStore(t *testing.T) {
	dsn := os.Getenv("LEADS_TEST_POSTGRES_DSN")
	if dsn == "" {
		t.Skip("LEADS_TEST_POSTGRES_DSN is not set; set it to a PostgreSQL URL (e.g. postgres://postgres@127.0.0.1:5432/test?sslmode=disable) to run the PostgreSQL store's tests")
	}
	ctx := context.Background()
	b := make([]byte, 6)
	_, _ = rand.Read(b)
	schema := "leads_cli_" + hex.EncodeToString(b)
	conn, err := pgx.Connect(ctx, dsn)
	require.NoError(t, err)
	t.Cleanup(func() { conn.Close(ctx) })
	_, err = conn.Exec(ctx, "CREATE SCHEMA "+pgx.Identifier{schema}.Sanitize())
	require.NoError(t, err)
	t.Cleanup(func() {
		_, err := conn.Exec(ctx, "DROP SCHEMA "+pgx.Identifier{schema}.Sanitize()+" CASCADE")
		require.NoError(t, err)
	})
	u, err := url.Parse(dsn)
	require.NoError(t, err)
	q := u.Query()
	q.Set("search_path", schema)
	u.RawQuery = q.Encode()

	for _, scheme := range []string{"postgres", "postgresql"} {
		u.Scheme = scheme
		h := newHarness(t)
		h.store = u.String()
		id := h.add("--name", "Olivia Bennett "+scheme, "--company", "Bennett & Co", "--email", scheme+"@bennett.example")
		require.Contains(t, h.ok("show", id), "Bennett & Co")
		require.Contains(t, h.ok("list"), id)
	}
	h := newHarness(t)
	h.store = u.String()
	list := h.jsonList("list")
	require.Len(t, list, 2, "both URL spellings reach the same database")
	var n int
	require.NoError(t, conn.QueryRow(ctx, "SELECT count(*) FROM "+pgx.Identifier{schema, "leads"}.Sanitize()).Scan(&n))
	require.Equal(t, 2, n)
	require.True(t, strings.HasPrefix(h.store, "postgresql://"))
}
