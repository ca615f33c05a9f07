package main

import (
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
)

func TestNote(t *testing.T) {
	h := newHarness(t)
	id := h.add("--name", "Ada Lovelace")
	out := h.ok("note", id, "Called,", "very interested")
	require.Contains(t, out, "by tester: Called, very interested")
	h.env["LEADS_USER"] = "bob"
	c := h.jsonObject("note", id, "Sent the quote")
	require.Equal(t, "bob", c["author"])
	require.Equal(t, "Sent the quote", c["text"])
	require.NotEmpty(t, c["at"])

	l := h.jsonObject("show", id)
	comments := l["comments"].([]any)
	require.Len(t, comments, 2)
	require.Equal(t, "Called, very interested", comments[0].(map[string]any)["text"], "in the order added")
	require.Equal(t, "tester", comments[0].(map[string]any)["author"])

	r := h.run("note", id)
	require.Equal(t, 2, r.code, "missing text")
	r = h.run("note", id, "  ")
	require.Equal(t, 2, r.code)
	r = h.run("note", "0193aaaa-0000-7000-8000-000000000000", "hi")
	require.Equal(t, 1, r.code)
	require.Contains(t, r.stderr, "0193aaaa-0000-7000-8000-000000000000")
}

func TestHistory(t *testing.T) {
	h := newHarness(t)
	id := h.add("--name", "Ada Lovelace", "--company", "Analytical")
	other := h.add("--name", "Bob Babbage")

	call := strings.TrimSpace(h.ok("history", "add", id, "--kind", "phone", "--subject", "First call",
		"--direction", "out", "--number", "+44 20 7946 0018", "--start", "2020-12-01T15:00:00Z", "--duration", "12m"))
	appt := h.jsonObject("history", "add", id, "--kind", "appointment", "--subject", "Demo",
		"--start", "2020-12-03T10:00:00Z", "--end", "2020-12-03T12:00:00Z", "--location", "Room 4", "--link", other)
	require.Equal(t, "appointment", appt["kind"])
	require.Equal(t, []any{id, other}, appt["records"])
	require.Equal(t, "2020-12-03T10:00:00Z", appt["at"])
	task := h.jsonObject("history", "add", id, "--kind", "task", "--subject", "Send quote",
		"--due", "2020-12-05T09:00:00Z", "--priority", "High", "--done")
	require.Equal(t, "high", task["priority"])
	require.Equal(t, true, task["done"])
	mail := h.jsonObject("history", "add", id, "--kind", "email", "--subject", "Re: quote", "--from", "ada@example.com",
		"--to", "me@example.com", "--date", "2020-12-06T09:00:00Z", "--text", "Thanks", "--message-id", "<1@example.com>")
	require.Equal(t, "<1@example.com>", mail["message_id"])
	note := h.jsonObject("history", "add", id, "--kind", "note", "--subject", "Budget", "--text", "Q1",
		"--at", "2020-11-30T08:00:00Z")
	require.Equal(t, "2020-11-30T08:00:00Z", note["at"])
	h.ok("edit", id, "--company", "Engines Ltd")

	// Newest first; the change log is part of the history.
	list := h.jsonList("history", id)
	var kinds []string
	for _, it := range list {
		kinds = append(kinds, it["kind"].(string))
	}
	require.Equal(t, []string{"change", "email", "task", "appointment", "phone", "note"}, kinds)
	change := list[0]["changes"].([]any)[0].(map[string]any)
	require.Equal(t, map[string]any{"field": "company", "from": "Analytical", "to": "Engines Ltd"}, change)
	require.Equal(t, "tester", list[0]["created_by"])

	table := h.ok("history", id)
	lines := strings.Split(strings.TrimSpace(table), "\n")
	require.Len(t, lines, 7)
	require.True(t, strings.HasPrefix(lines[0], "When"))
	col := strings.Index(lines[0], "Kind")
	for _, l := range lines[1:] {
		require.Equal(t, ' ', rune(l[col-1]), "aligned: %q", l)
	}
	require.Contains(t, table, call)
	require.Contains(t, table, "out +44 20 7946 0018, 12m0s")
	require.Contains(t, table, "company: \"Analytical\" → \"Engines Ltd\"")

	// Filters.
	filtered := h.jsonList("history", id, "--kind", "task,note", "--since", "2020-12-01 00:00", "--until", "2020-12-31")
	require.Len(t, filtered, 1)
	require.Equal(t, "task", filtered[0]["kind"])
	require.Len(t, h.jsonList("history", id, "--limit", "2"), 2)
	require.Len(t, h.jsonList("history", id, "--kind", "change"), 1)
	require.Equal(t, []any{}, func() []any {
		out := h.jsonList("history", other, "--kind", "phone")
		r := make([]any, len(out))
		for i := range out {
			r[i] = out[i]
		}
		return r
	}())
	require.Contains(t, h.ok("history", other, "--kind", "phone"), "No history.")

	// show prints the recent history.
	show := h.ok("show", id)
	require.Contains(t, show, "Recent history")
	require.Contains(t, show, "Re: quote")

	// Bad input: clear errors, nothing stored.
	for _, tc := range []struct {
		args []string
		code int
		msg  string
	}{
		{[]string{"--kind", "appointment", "--subject", "X", "--start", "2020-12-03 12:00", "--end", "2020-12-03 10:00"}, 1, "end"},
		{[]string{"--kind", "phone", "--subject", "X", "--direction", "in", "--start", "2020-12-03 12:00", "--duration", "-5m"}, 1, "duration"},
		{[]string{"--kind", "note", "--subject", "X", "--link", "0193aaaa-0000-7000-8000-000000000000"}, 1, "records[1]"},
		{[]string{"--kind", "fax", "--subject", "X"}, 2, "--kind"},
		{[]string{"--kind", "change", "--subject", "X"}, 2, "--kind"},
		{[]string{"--subject", "X"}, 2, "--kind is required"},
		{[]string{"--kind", "phone", "--start", "tomorrow"}, 2, "--start"},
		{[]string{"--kind", "phone", "--duration", "long"}, 2, "--duration"},
		{[]string{"--kind", "phone", "--direction", "up"}, 2, "--direction"},
		{[]string{"--kind", "task", "--priority", "urgent"}, 2, "--priority"},
	} {
		r := h.run(append([]string{"history", "add", id}, tc.args...)...)
		require.Equal(t, tc.code, r.code, "%v: %s", tc.args, r.stderr)
		require.Contains(t, r.stderr, tc.msg, "%v", tc.args)
	}
	require.Len(t, h.jsonList("history", id), 6, "nothing stored")
	r := h.run("history", "0193aaaa-0000-7000-8000-000000000000")
	require.Equal(t, 1, r.code)
	r = h.run("history", id, "--limit", "-1")
	require.Equal(t, 2, r.code)
	r = h.run("history", id, "--kind", "fax")
	require.Equal(t, 2, r.code)

	// Deleting the record deletes its own history and unlinks the shared.
	h.ok("delete", id)
	rest := h.jsonList("history", other)
	require.Len(t, rest, 1)
	require.Equal(t, "Demo", rest[0]["subject"])
	require.Equal(t, []any{other}, rest[0]["records"])
}

// FuzzParseTime checks that the time and duration parsers never panic,
// and that a time they print in RFC 3339 reads back the same.
func FuzzParseTime(f *testing.F) {
	for _, s := range []string{"2026-12-01T15:00:00Z", "2026-12-01 15:04", "2026-12-01", "15m", "1h30m", "-5", "12.5", "", "x"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if tm, err := parseTime("start", s); err == nil {
			again, err := parseTime("start", tm.Format(time.RFC3339Nano))
			require.NoError(t, err)
			require.True(t, tm.Equal(again), "%q: %s then %s", s, tm, again)
		}
		_, _ = parseDuration(s)
	})
}
