package main

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/require"
)

// TestBackupRestore: "leads export backup.json" then "leads import
// backup.json" into a new store brings back users, opportunities and saved
// reports too, and the second export is the first, byte for byte (every
// record was written once, so versions agree); importing the same file into
// the store again merges (nothing new) instead of restoring.
func TestBackupRestore(t *testing.T) {
	h := newHarness(t)
	h.ok("users", "add", "jane")
	id := h.add("--name", "Ada Lovelace", "--email", "ada@x.example", "--assign", "jane")
	h.ok("opportunity", "add", id, "--title", "Engine", "--line", "Mill;2;1250.50")
	h.ok("report", "save", "Hot", "--columns", "full_name,stars", "--where", "stars>=3")
	dir := t.TempDir()
	first := filepath.Join(dir, "backup.json")
	h.ok("export", first)

	h2 := newHarness(t)
	out := h2.ok("import", first)
	require.Contains(t, out, "restored 1 records, 0 accounts, 1 opportunities")
	require.Contains(t, h2.ok("users"), "jane")
	require.Contains(t, h2.ok("report", "list"), "Hot")
	require.Contains(t, h2.ok("opportunity", "list", id), "Engine")
	second := filepath.Join(dir, "again.json")
	h2.ok("export", second)
	a, err := os.ReadFile(first)
	require.NoError(t, err)
	b, err := os.ReadFile(second)
	require.NoError(t, err)
	require.Equal(t, string(a), string(b))

	out = h2.ok("import", first)
	require.Contains(t, out, "skipped 1", "a store with records merges the file instead")
	require.Len(t, h2.jsonList("list"), 1)

	require.Contains(t, h.ok("help", "export"), "JSON is the backup")
}
