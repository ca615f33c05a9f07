package main

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
)

func TestStatusMoves(t *testing.T) {
	h := newHarness(t)
	id := h.add("--name", "Olivia Bennett")

	out := h.ok("status", id, "contacted")
	require.Contains(t, out, "by tester contacted")
	out = h.ok("status", id, "Qualified", "--note", "Budget approved.")
	require.Contains(t, out, "qualified")
	out = h.ok("status", id, "disqualified", "--reason", "Lost to competitor", "--note", "Went with Acme.")
	require.Contains(t, out, "disqualified: Lost to competitor")

	m := h.jsonObject("show", id)
	require.Equal(t, "disqualified", m["status"])
	steps := m["status_history"].([]any)
	require.Len(t, steps, 3)
	for i, want := range []string{"contacted", "qualified", "disqualified"} {
		step := steps[i].(map[string]any)
		require.Equal(t, want, step["status"])
		require.Equal(t, "tester", step["by"])
		require.NotEmpty(t, step["at"])
	}
	require.Equal(t, "Lost to competitor", steps[2].(map[string]any)["reason"])
	comments := m["comments"].([]any)
	require.Len(t, comments, 2)
	require.Equal(t, "Went with Acme.", comments[1].(map[string]any)["text"])

	show := h.ok("show", id)
	require.Contains(t, show, "Status History:")
	i := strings.Index(show, "contacted")
	j := strings.Index(show, "disqualified: Lost to competitor")
	require.True(t, i >= 0 && j > i, show)

	// Recycled and new again; --json prints the record.
	h.ok("status", id, "recycled")
	m = h.jsonObject("status", id, "new")
	require.Equal(t, "new", m["status"])
	require.Len(t, m["status_history"].([]any), 5)
}

func TestStatusFailures(t *testing.T) {
	h := newHarness(t)
	id := h.add("--name", "Olivia Bennett")
	missing := "0190f000-0000-7000-8000-000000000000"
	for _, tt := range []struct {
		name string
		args []string
		code int
		want []string
	}{
		{"refused move", []string{"status", id, "recycled"}, 1, []string{"from new to recycled"}},
		{"to itself", []string{"status", id, "new"}, 1, []string{"from new to new"}},
		{"missing reason", []string{"status", id, "disqualified", "--note", "bye"}, 1, []string{"reason"}},
		{"unknown lead", []string{"status", missing, "contacted"}, 1, []string{"not found", missing}},
		{"bad status word", []string{"status", id, "hot"}, 2, []string{`"hot" is not a status`}},
		{"converted", []string{"status", id, "converted"}, 2, []string{`"converted" is not a status`}},
		{"missing status", []string{"status", id}, 2, []string{"missing STATUS"}},
		{"missing ID", []string{"status"}, 2, []string{"missing ID"}},
		{"malformed ID", []string{"status", "42", "new"}, 2, []string{`"42" is not a record ID`}},
		{"too many", []string{"status", id, "contacted", "now"}, 2, []string{"too many arguments"}},
		{"unknown flag", []string{"status", id, "contacted", "--why", "x"}, 2, []string{"unknown flag --why"}},
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
	m := h.jsonObject("show", id)
	require.Equal(t, "new", m["status"])
	require.Nil(t, m["status_history"])
	require.Empty(t, m["comments"])

	// Once contacted, disqualifying is allowed, but only contacted →
	// qualified or disqualified, never back.
	h.ok("status", id, "contacted")
	r := h.run("status", id, "new")
	require.Equal(t, 1, r.code)
	require.Contains(t, r.stderr, "from contacted to new")
}

func TestStatusHelp(t *testing.T) {
	h := newHarness(t)
	require.Contains(t, h.ok("help"), "status ID new|contacted|qualified|disqualified|recycled")
	help := h.ok("help", "status")
	require.Contains(t, help, `"No budget"`)
	require.Contains(t, help, "--reason R")
}
