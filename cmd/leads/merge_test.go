package main

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
)

func TestMerge(t *testing.T) {
	h := newHarness(t)
	a := h.add("--duplicates", "allow", "--name", "Ada Lovelace", "--email", "ada@engines.example")
	b := h.add("--duplicates", "allow", "--name", "Ada King", "--company", "Analytical Engines",
		"--email", "ADA@engines.example", "--email", "ada@home.example", "--phone", "mobile=+44 7700 900123")
	c := h.add("--duplicates", "allow", "--name", "A. Lovelace", "--phone", "+44 (7700) 900-123", "--initiated-by", b)
	h.ok("note", b, "Met at the fair.")
	h.ok("history", "add", c, "--kind", "note", "--subject", "Called")

	// The preview shows the result and changes nothing.
	out := h.ok("merge", a, b, "--preview")
	require.Contains(t, out, "Preview (nothing changed)")
	require.Contains(t, out, "Analytical Engines")
	require.Regexp(t, `company\s+1\s+first-non-empty`, out)
	require.Regexp(t, `emails\[0\]\s+S\s+1\s+union`, out)
	require.Regexp(t, `full_name\s+S\s+1\s+first-non-empty`, out, "the dropped name is named")
	require.Equal(t, "Ada King", h.jsonObject("show", b)["full_name"], "the preview changed nothing")

	// --field sets a policy; --json prints the whole result.
	m := h.jsonObject("merge", a, b, c, "--field", "full_name=most-recent", "--field", "emails=union")
	lead := m["lead"].(map[string]any)
	require.Equal(t, a, lead["id"])
	require.Equal(t, "Ada King", lead["full_name"], "b was updated last (its comment)")
	require.Equal(t, "Analytical Engines", lead["company"])
	require.Len(t, lead["emails"], 2)
	require.Len(t, lead["phones"], 1, "one number in two spellings")
	require.Len(t, lead["comments"], 1)
	require.Equal(t, []any{b, c}, lead["merged_from"])
	require.Equal(t, []any{b, c}, m["merged"])
	require.Equal(t, false, m["preview"])
	require.NotEmpty(t, m["fields"])
	require.Len(t, m["history"], 2, "c's note, and the change log entry of b's comment")
	require.Empty(t, lead["initiated_by"], "c was initiated by b, now itself")

	// The old IDs show the survivor; its history has the merge.
	show := h.ok("show", c)
	require.Contains(t, show, a)
	require.Contains(t, show, "Merged From:")
	require.Contains(t, h.ok("history", a), "merged 2 records")
	require.Contains(t, h.ok("history", a), "Called")
	require.Contains(t, h.ok("history", c), "Called", "the old ID lists the survivor's history")
}

func TestMergeMovesOpportunities(t *testing.T) {
	h := newHarness(t)
	a := h.add("--duplicates", "allow", "--name", "Ada Lovelace")
	b := h.add("--duplicates", "allow", "--name", "Ada King")
	h.ok("opportunity", "add", b, "--title", "Engines", "--line", "Engine;2;1999.50")
	h.ok("merge", a, b)
	for _, id := range []string{a, b} {
		opps := h.jsonList("opportunity", "list", id)
		require.Len(t, opps, 1, "listed by the survivor and by the merged ID")
		require.Equal(t, a, opps[0]["record_id"])
	}
}

func TestMergeFailures(t *testing.T) {
	h := newHarness(t)
	a := h.add("--duplicates", "allow", "--name", "Ada Lovelace")
	b := h.add("--duplicates", "allow", "--name", "Ada King")
	c := h.add("--duplicates", "allow", "--name", "C")
	d := h.add("--duplicates", "allow", "--name", "D")
	e := h.add("--duplicates", "allow", "--name", "E")
	f := h.add("--duplicates", "allow", "--name", "F")
	missing := "0190f000-0000-7000-8000-000000000000"
	for _, tt := range []struct {
		name string
		args []string
		code int
		want []string
	}{
		{"itself", []string{"merge", a, a}, 1, []string{"others[0]", "merged with itself"}},
		{"repeated", []string{"merge", a, b, b}, 1, []string{"others[1]", "repeats others[0]"}},
		{"unknown", []string{"merge", a, missing}, 1, []string{"not found", missing}},
		{"six records", []string{"merge", a, b, c, d, e, f}, 1, []string{"2 to 5 records", "got 6"}},
		{"unknown field", []string{"merge", a, b, "--field", "shoe_size=survivor"}, 1, []string{"shoe_size", "not a field"}},
		{"unknown policy", []string{"merge", a, b, "--field", "company=loudest"}, 1, []string{"company", `"loudest" is not a merge policy`}},
		{"bad default", []string{"merge", a, b, "--default", "union"}, 1, []string{"default", "lists only"}},
		{"field without policy", []string{"merge", a, b, "--field", "company"}, 2, []string{`"company" is not NAME=POLICY`}},
		{"one ID", []string{"merge", a}, 2, []string{"missing the IDs to merge"}},
		{"no ID", []string{"merge"}, 2, []string{"missing SURVIVOR"}},
		{"malformed ID", []string{"merge", a, "42"}, 2, []string{`"42" is not a record ID`}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			r := h.run(tt.args...)
			require.Equal(t, tt.code, r.code, "stdout: %s\nstderr: %s", r.stdout, r.stderr)
			require.Empty(t, r.stdout)
			for _, w := range tt.want {
				require.Contains(t, r.stderr, w)
			}
		})
	}
	// Nothing changed.
	list := h.jsonList("list", "--type", "all")
	require.Len(t, list, 6)
	for _, l := range list {
		require.EqualValues(t, 1, l["version"], l["full_name"])
	}
}

func TestMergeHelp(t *testing.T) {
	h := newHarness(t)
	require.Contains(t, h.ok("help"), "merge SURVIVOR ID... [--preview]")
	help := h.ok("help", "merge")
	for _, w := range []string{"--field NAME=POLICY", "first-non-empty", "most-recent", "survivor", "union"} {
		require.True(t, strings.Contains(help, w), w)
	}
}
