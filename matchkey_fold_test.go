package leads_test

import (
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/leadkit/leads"
)

// TestNameMatchKeyFoldsCase checks names that differ only in case or in
// the width of their letters: each pair must fold to one key. Greek has
// two lower-case sigmas (σ, and ς at the end of a word) for one capital
// Σ, and East Asian forms often type Latin names in full-width letters.
func TestNameMatchKeyFoldsCase(t *testing.T) {
	for _, tt := range []struct{ a, b string }{
		{"Νίκος Παπαδόπουλος", "ΝΙΚΟΣ ΠΑΠΑΔΟΠΟΥΛΟΣ"},
		{"Ada Lovelace", "Ａｄａ Ｌｏｖｅｌａｃｅ"},
		{"José García", "JOSE GARCIA"},
	} {
		ka := leads.NameMatchKey(tt.a, "", "", "Acme")
		kb := leads.NameMatchKey(tt.b, "", "", "ACME Inc.")
		require.NotEmpty(t, ka, tt.a)
		require.Equal(t, ka, kb, "%q and %q", tt.a, tt.b)
	}
}
