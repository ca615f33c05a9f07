package main

import (
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/require"
)

// TestImportPresetThunderbird: the thunderbird preset is accepted by name.
func TestImportPresetThunderbird(t *testing.T) {
	h := newHarness(t)
	p := filepath.Join("..", "..", "importexport", "csvfile", "testdata", "corpus", "thunderbird-basic_csv_addressbook.csv")
	out := h.ok("import", p, "--preset", "thunderbird")
	require.Contains(t, out, "created 2")
	require.ElementsMatch(t, []string{"John Doe", "Jane Doe"}, names(h.jsonList("list")))
}
