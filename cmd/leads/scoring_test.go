package main

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
)

func TestCriteriaCommands(t *testing.T) {
	h := newHarness(t)
	list := h.jsonList("criteria")
	require.Len(t, list, 6, "a new store has the default criteria")
	require.Equal(t, "Has a budget", list[0]["name"])
	require.Equal(t, "high", list[0]["weight"])

	out := h.ok("criteria", "list")
	require.Contains(t, out, "Is the decision maker")
	require.Contains(t, out, "normal")

	id := strings.TrimSpace(h.ok("criteria", "add", "--name", "Met at the fair", "--weight", "normal"))
	require.Len(t, h.jsonList("criteria"), 7)

	edited := h.jsonObject("criteria", "edit", id, "--weight", "high")
	require.Equal(t, "high", edited["weight"])
	require.Equal(t, "Met at the fair", edited["name"])
	edited = h.jsonObject("criteria", "edit", "met at the FAIR", "--name", "Shook hands")
	require.Equal(t, "Shook hands", edited["name"], "a criterion can be named instead of its ID")

	h.ok("criteria", "delete", "Shook hands")
	require.Len(t, h.jsonList("criteria"), 6)

	for _, bad := range []struct {
		args []string
		code int
		want string
	}{
		{[]string{"criteria", "add", "--name", "  ", "--weight", "low"}, 1, "name: is required"},
		{[]string{"criteria", "add", "--name", "x", "--weight", "medium"}, 2, "medium"},
		{[]string{"criteria", "add", "--name", "x"}, 2, "--weight is required"},
		{[]string{"criteria", "edit", "Has a budget"}, 2, "nothing to change"},
		{[]string{"criteria", "edit", "No such thing", "--weight", "low"}, 1, "criterion"},
		{[]string{"criteria", "delete", "0190f000-0000-7000-8000-000000000000"}, 1, "not found"},
		{[]string{"criteria", "frobnicate"}, 2, "unknown criteria command"},
	} {
		r := h.run(bad.args...)
		require.Equal(t, bad.code, r.code, "%v: %s", bad.args, r.stderr)
		require.Contains(t, r.stderr, bad.want)
	}
	require.Len(t, h.jsonList("criteria"), 6, "failures changed nothing")
}

func TestScoreCommands(t *testing.T) {
	h := newHarness(t)
	id := h.add("--name", "Ada Lovelace")
	other := h.add("--name", "Grace Hopper")

	e := h.jsonObject("score", id, "--check", "Has a budget", "--check", "Is the decision maker")
	score := e["score"].(map[string]any)
	require.Equal(t, "auto", score["type"])
	require.EqualValues(t, 3, score["stars"])
	require.Equal(t, "2.5", score["value"])
	require.EqualValues(t, 12, e["total"])
	require.Len(t, e["items"], 6)

	out := h.ok("score", id, "--uncheck", "Has a budget")
	require.Contains(t, out, "1.25")
	require.Contains(t, out, "[x]  Is the decision maker")
	require.Contains(t, out, "[ ]  Has a budget")

	lead := h.jsonObject("show", id)
	require.EqualValues(t, 1, lead["score"].(map[string]any)["stars"])
	shown := h.ok("show", id)
	require.Contains(t, shown, "[x] Is the decision maker (high, 1.25 of 5 stars)")

	h.ok("score", id, "--manual", "5")
	require.Equal(t, "manual", h.jsonObject("show", id)["score"].(map[string]any)["type"])
	require.Contains(t, h.ok("score", id), "Set by hand")
	h.ok("criteria", "add", "--name", "Visited", "--weight", "high")
	require.EqualValues(t, 5, h.jsonObject("show", id)["score"].(map[string]any)["stars"], "manual stars stay")
	back := h.jsonObject("score", id, "--auto")["score"].(map[string]any)
	require.Equal(t, "auto", back["type"])
	require.EqualValues(t, 1, back["stars"]) // 3 of 15

	for _, bad := range []struct {
		args []string
		code int
		want string
	}{
		{[]string{"score", id, "--manual", "6"}, 1, "score.stars"},
		{[]string{"score", id, "--manual", "lots"}, 2, "--manual"},
		{[]string{"score", id, "--manual", "3", "--auto"}, 2, "contradict"},
		{[]string{"score", id, "--check", "No such criterion"}, 1, "criterion"},
		{[]string{"score", id, "--check", "0190f000-0000-7000-8000-000000000000"}, 1, "checks[0190f000-0000-7000-8000-000000000000]"},
		{[]string{"score", id, "--check", "Visited", "--uncheck", "Visited"}, 2, "both checked and unchecked"},
		{[]string{"score", "0190f000-0000-7000-8000-000000000000", "--auto"}, 1, "not found"},
	} {
		r := h.run(bad.args...)
		require.Equal(t, bad.code, r.code, "%v: %s", bad.args, r.stderr)
		require.Contains(t, r.stderr, bad.want)
	}
	require.EqualValues(t, 1, h.jsonObject("show", id)["score"].(map[string]any)["stars"], "failures changed nothing")

	require.Equal(t, "0 scores changed\n", h.ok("rescore"))
	require.EqualValues(t, 0, h.jsonObject("rescore", "--type", "contact")["changed"])
	require.EqualValues(t, 0, h.jsonObject("rescore", id, other)["changed"])
	r := h.run("rescore", id, "0190f000-0000-7000-8000-000000000000")
	require.Equal(t, 1, r.code)
	require.Contains(t, r.stderr, "not found")
	r = h.run("rescore", "--type", "prospect")
	require.Equal(t, 2, r.code)
}
