package main

import (
	"context"
	"os"
	"path/filepath"
	"testing"

	"github.com/google/uuid"
	"github.com/leadkit/leads"
	"github.com/leadkit/leads/storage/sqlite"
	"github.com/stretchr/testify/require"
)

func TestMigrate(t *testing.T) {
	h := newHarness(t)
	id := h.add("--name", "Ada Lovelace", "--company", "Analytical Engines", "--email", "ada@example.com")
	h.ok("note", id, "Met at the fair")
	to := filepath.Join(t.TempDir(), "leads.sqlite")
	out := h.ok("migrate", h.store, to)
	require.Contains(t, out, "migrated 1 records")

	ctx := context.Background()
	s, err := sqlite.Open(ctx, to, &sqlite.Options{ReadOnly: true})
	require.NoError(t, err)
	defer s.Close()
	l, err := s.Leads().Get(ctx, uuid.MustParse(id))
	require.NoError(t, err)
	require.Equal(t, "Ada Lovelace", l.FullName)
	var notes int
	for _, err := range s.History().ByRecord(ctx, l.ID, leads.HistoryFilter{}) {
		require.NoError(t, err)
		notes++
	}
	require.NotZero(t, notes, "the note came along")
	for _, key := range leads.MatchKeys(l) {
		n := 0
		for found, err := range s.Leads().Lookup(ctx, key, 0) {
			require.NoError(t, err)
			require.Equal(t, id, found.ID.String())
			n++
		}
		require.Equal(t, 1, n, "look-up of key %q", key)
	}

	r := h.run("migrate", h.store, to)
	require.NotEqual(t, 0, r.code, "migrate over an existing file")
	_, err = os.Stat(to)
	require.NoError(t, err, "the existing file stays")
}
