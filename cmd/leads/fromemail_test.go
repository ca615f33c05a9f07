package main

import (
	"testing"

	"github.com/stretchr/testify/require"
)

// TestFromEmailWarnings: a sender read leniently still makes a lead, and
// the adjustment is shown (stderr) or returned (--json).
func TestFromEmailWarnings(t *testing.T) {
	h := newHarness(t)
	p := tempFile(t, "m.eml", "From: Wurst, Hans <h@wurst.example>\r\nSubject: Angebot\r\n\r\nHallo\r\n")
	r := h.run("from-email", p)
	require.Equal(t, 0, r.code, r.stderr)
	require.Contains(t, r.stdout, "Wurst, Hans")
	require.Contains(t, r.stderr, "warning: ")
	require.Contains(t, r.stderr, "the address h@wurst.example was read")

	m := h.jsonObject("from-email", p)
	w := m["message"].(map[string]any)["warnings"].([]any)
	require.Len(t, w, 1)
	require.Contains(t, w[0], "h@wurst.example")
}
