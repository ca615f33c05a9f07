package main

import (
	"bytes"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
)

func TestRun(t *testing.T) {
	var out bytes.Buffer
	require.NoError(t, run(&out))
	got := out.String()
	for _, want := range []string{
		"created Dr. Ada Lovelace (title \"Dr.\", filed as \"Lovelace, Ada\") and Grace Hopper\n",
		"edited Lovelace, Ada: Chief Technology Officer, 2 phones, version 2\n",
		"leads with at least one star, best first:\n",
		"conflict: the record changed since it was read; reloading\n",
		"saved Hopper, Grace: VP Engineering, status contacted, version 3\n",
		"leads: full_name: is required",
		`leads: emails[0].address: "not an address" is not an e-mail address`,
	} {
		require.Contains(t, got, want)
	}
	// Best first: four stars before two.
	ada := strings.Index(got, "★★★★☆  Lovelace, Ada")
	grace := strings.Index(got, "★★☆☆☆  Hopper, Grace")
	require.GreaterOrEqual(t, ada, 0, got)
	require.Greater(t, grace, ada, got)
}
