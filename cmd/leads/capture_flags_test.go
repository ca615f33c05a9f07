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

// TestAddPhoneWithExtension: an "=" inside a number (RFC 3966's ";ext=")
// is not taken for the LABEL=NUMBER form.
func TestAddPhoneWithExtension(t *testing.T) {
	h := newHarness(t)
	id := h.add("--name", "Ada Lovelace", "--phone", "tel:+1-201-555-0123;ext=12", "--phone", "Mobile=+44 7700 900123 x5")
	l := h.jsonObject("show", id)
	phones := l["phones"].([]any)
	require.Len(t, phones, 2)
	require.Equal(t, map[string]any{"label": "Business", "number": "tel:+1-201-555-0123;ext=12"}, phones[0])
	require.Equal(t, map[string]any{"label": "Mobile", "number": "+44 7700 900123 x5"}, phones[1])
}
