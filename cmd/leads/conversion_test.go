package main

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
)

func TestConvertCommand(t *testing.T) {
	h := newHarness(t)
	id := h.add("--name", "Ada Lovelace", "--company", "Analytical Engines")
	h.ok("score", id, "--check", "Has a budget")

	out := h.ok("convert", id, "--account", "Analytical Engines", "--opportunity", "Two engines",
		"--line", "Engine;2;1999.50;10", "--currency", "usd")
	require.Contains(t, out, "converted "+id+" to a business contact")
	require.Contains(t, out, "account created Analytical Engines")
	require.Contains(t, out, "opportunity ")

	shown := h.jsonObject("show", id)
	require.Equal(t, "contact", shown["type"])
	require.Equal(t, "converted", shown["status"])
	require.NotEmpty(t, shown["converted_at"])
	require.NotEmpty(t, shown["account_id"])
	require.EqualValues(t, 1, shown["score"].(map[string]any)["stars"], "the score came along")
	require.Contains(t, h.ok("show", id), "Converted:")
	require.Empty(t, h.jsonList("list", "--type", "lead"))
	require.Len(t, h.jsonList("list", "--type", "contact"), 1)

	opps := h.jsonList("opportunity", "list", id)
	require.Len(t, opps, 1)
	require.Equal(t, "3599.10", opps[0]["total"])
	require.Equal(t, "USD", opps[0]["currency"])
	require.Equal(t, id, opps[0]["record_id"])

	// A second lead links the account by name, in any case.
	other := h.add("--name", "Grace Hopper")
	conv := h.jsonObject("convert", other, "--account", "analytical ENGINES")
	require.Equal(t, false, conv["account_created"])
	require.Equal(t, shown["account_id"], conv["contact"].(map[string]any)["account_id"])

	third := h.add("--name", "Alan Turing", "--company", "Bletchley")
	conv = h.jsonObject("convert", third, "--new-account")
	require.Equal(t, true, conv["account_created"])
	require.Equal(t, "Bletchley", conv["account"].(map[string]any)["name"])

	fourth := h.add("--name", "No Company")
	for _, bad := range []struct {
		args []string
		code int
		want string
	}{
		{[]string{"convert", id}, 1, "already converted"},
		{[]string{"convert", "0190f000-0000-7000-8000-000000000000"}, 1, "not found"},
		{[]string{"convert", fourth, "--new-account"}, 1, "account: the record has no company"},
		{[]string{"convert", fourth, "--account", "0190f000-0000-7000-8000-000000000000"}, 1, "account_id"},
		{[]string{"convert", fourth, "--opportunity", "x", "--line", "Engine;-1;10"}, 1, "lines[0].quantity"},
		{[]string{"convert", fourth, "--opportunity", "x", "--currency", "XYZ"}, 1, "currency"},
		{[]string{"convert", fourth, "--line", "Engine;1;10"}, 2, "--opportunity"},
		{[]string{"convert", fourth, "--account", "A", "--new-account"}, 2, "contradict"},
		{[]string{"convert"}, 2, "missing ID"},
	} {
		r := h.run(bad.args...)
		require.Equal(t, bad.code, r.code, "%v: %s", bad.args, r.stderr)
		require.Contains(t, r.stderr, bad.want, "%v", bad.args)
	}
	require.Equal(t, "lead", h.jsonObject("show", fourth)["type"], "failures changed nothing")
	require.Len(t, h.jsonList("opportunity", "list"), 1)
}

func TestOpportunityCommands(t *testing.T) {
	h := newHarness(t)
	id := h.add("--name", "Ada Lovelace")
	oid := strings.TrimSpace(h.ok("opportunity", "add", id, "--title", "Engines",
		"--line", "Engine;2;1999.50;10%", "--line", "Service hours;1.5;80", "--stage", "closed won",
		"--probability", "100", "--close", "2027-03-31"))
	o := h.jsonList("opportunity", "list", id)[0]
	require.Equal(t, oid, o["id"])
	require.Equal(t, "EUR", o["currency"], "EUR by default")
	require.Equal(t, "closed_won", o["stage"])
	require.Equal(t, "3719.10", o["total"])
	require.EqualValues(t, 100, o["probability"])
	require.Equal(t, "2027-03-31T00:00:00Z", o["close_date"])
	lines := o["lines"].([]any)
	require.Len(t, lines, 2)
	require.Equal(t, map[string]any{"product": "Engine", "quantity": "2", "unit_price": "1999.5", "discount": "10", "total": "3599.10"}, lines[0])

	yen := h.jsonObject("opportunity", "add", id, "--title", "Cards", "--currency", "JPY", "--line", "Card;3;333;50")
	require.Equal(t, "500", yen["total"], "499.5 yen rounds half up")

	out := h.ok("opportunity", "list")
	require.Contains(t, out, "Engines")
	require.Contains(t, out, "3719.10 EUR")
	require.Contains(t, out, "2 × Engine at 1999.50 less 10%")
	require.Contains(t, out, "500 JPY")

	for _, bad := range []struct {
		args []string
		code int
		want string
	}{
		{[]string{"opportunity", "add", id, "--title", "x", "--line", "a;1;1", "--line", "b;1;1", "--line", "c;1;10.005"}, 1, "lines[2].unit_price"},
		{[]string{"opportunity", "add", id, "--title", "x", "--line", "a;-1;1"}, 1, "lines[0].quantity"},
		{[]string{"opportunity", "add", id, "--title", "x", "--line", "a;1;1;101"}, 1, "lines[0].discount"},
		{[]string{"opportunity", "add", id, "--title", "x", "--line", "a;1;1;-5%"}, 1, "lines[0].discount"},
		{[]string{"opportunity", "add", id, "--title", "x", "--line", "a;one;1"}, 1, "lines[0].quantity"},
		{[]string{"opportunity", "add", id, "--title", "x", "--line", "just a name"}, 1, "lines[0]"},
		{[]string{"opportunity", "add", id, "--title", "x", "--currency", "JPY", "--line", "a;1;1.5"}, 1, "lines[0].unit_price"},
		{[]string{"opportunity", "add", id, "--title", "x", "--stage", "maybe"}, 1, "stage"},
		{[]string{"opportunity", "add", id, "--title", "x", "--probability", "120"}, 1, "probability"},
		{[]string{"opportunity", "add", id, "--title", "x", "--close", "31.03.2027"}, 1, "close_date"},
		{[]string{"opportunity", "add", id, "--title", " "}, 1, "title"},
		{[]string{"opportunity", "add", "0190f000-0000-7000-8000-000000000000", "--title", "x"}, 1, "record_id"},
		{[]string{"opportunity", "add", id}, 2, "--title is required"},
		{[]string{"opportunity", "list", "0190f000-0000-7000-8000-000000000000"}, 1, "not found"},
		{[]string{"opportunity", "frobnicate"}, 2, "unknown opportunity command"},
		{[]string{"opportunity"}, 2, "missing opportunity command"},
	} {
		r := h.run(bad.args...)
		require.Equal(t, bad.code, r.code, "%v: %s", bad.args, r.stderr)
		require.Contains(t, r.stderr, bad.want, "%v", bad.args)
	}
	require.Len(t, h.jsonList("opportunity", "list"), 2, "failures added nothing")

	h.ok("opportunity", "delete", yen["id"].(string))
	require.Len(t, h.jsonList("opportunity", "list"), 1)
	h.ok("delete", id)
	require.Empty(t, h.jsonList("opportunity", "list"), "deleting the lead deleted its opportunities")
}

// FuzzParseLine checks that the --line parser never panics, and that what
// it accepts has the parts it was given.
func FuzzParseLine(f *testing.F) {
	for _, s := range []string{"Engine;2;1999.50;10%", "a;1;1", ";;;", "a;1e3;1", "x;-0;0.000;100", "a;b;c;d;e"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		li, err := parseLine(s, 3)
		if err != nil {
			require.Contains(t, err.Error(), "lines[3]")
			return
		}
		parts := strings.Split(s, ";")
		require.Equal(t, strings.TrimSpace(parts[0]), li.Product)
		// Written back out, the line reads the same.
		again, err := parseLine(strings.Join([]string{li.Product, li.Quantity.String(), li.UnitPrice.String(), li.Discount.String()}, ";"), 3)
		require.NoError(t, err)
		require.Equal(t, li.Product, again.Product)
		require.True(t, li.Quantity.Equal(again.Quantity))
		require.True(t, li.UnitPrice.Equal(again.UnitPrice))
		require.True(t, li.Discount.Equal(again.Discount))
	})
}

func TestFieldsCommands(t *testing.T) {
	h := newHarness(t)
	require.Contains(t, h.ok("fields"), "No user-defined fields")
	id := h.add("--name", "Ada", "--custom", "Tier=gold")
	h.ok("fields", "add", "Tier", "--type", "choice", "--choice", "Gold", "--choice", "Silver")
	h.ok("fields", "add", "Budget", "--type", "number")
	h.ok("fields", "add", "Budget", "--type", "text", "--for", "contact")
	require.Equal(t, "Gold", h.jsonObject("show", id)["custom"].(map[string]any)["Tier"], "existing values put in the choice's spelling")
	list := h.jsonList("fields", "--for", "lead")
	require.Len(t, list, 2)
	require.Equal(t, "choice", list[0]["type"])
	require.Contains(t, h.ok("fields", "list"), "Gold, Silver")

	h.ok("edit", id, "--custom", "Budget=1200.50")
	for _, bad := range []struct {
		args []string
		code int
		want string
	}{
		{[]string{"edit", id, "--custom", "Budget=lots"}, 1, "custom.Budget"},
		{[]string{"edit", id, "--custom", "Tier=Platinum"}, 1, "custom.Tier"},
		{[]string{"add", "--name", "Bob", "--custom", "Tier=Bronze"}, 1, "custom.Tier"},
		{[]string{"fields", "add", "Tier", "--type", "text"}, 1, "already"},
		{[]string{"fields", "add", "X", "--type", "float"}, 2, "float"},
		{[]string{"fields", "add", "X", "--type", "choice"}, 1, "choices"},
		{[]string{"fields", "rename", "Nope", "Other"}, 1, "not found"},
		{[]string{"fields", "frobnicate"}, 2, "unknown fields command"},
	} {
		r := h.run(bad.args...)
		require.Equal(t, bad.code, r.code, "%v: %s", bad.args, r.stderr)
		require.Contains(t, r.stderr, bad.want, "%v", bad.args)
	}

	require.Contains(t, h.ok("fields", "rename", "tier", "Level"), "renamed Tier to Level")
	custom := h.jsonObject("show", id)["custom"].(map[string]any)
	require.Equal(t, map[string]any{"Level": "Gold", "Budget": "1200.50"}, custom)
	h.ok("fields", "delete", "Budget")
	custom = h.jsonObject("show", id)["custom"].(map[string]any)
	require.Equal(t, map[string]any{"Level": "Gold"}, custom, "the values went with the field")
	require.Len(t, h.jsonList("fields"), 2, "the contact field stays")
}

func TestEditDetails(t *testing.T) {
	h := newHarness(t)
	id := h.add("--name", "Ada")
	l := h.jsonObject("edit", id, "--department", "R&D", "--details.manager", "Charles", "--birthday", "1815-12-10")
	require.Equal(t, map[string]any{"department": "R&D", "manager": "Charles", "birthday": "1815-12-10T00:00:00Z"}, l["details"])
	out := h.ok("show", id)
	require.Contains(t, out, "Department:")
	require.Contains(t, out, "1815-12-10")
	r := h.run("edit", id, "--anniversary", "June")
	require.Equal(t, 1, r.code)
	require.Contains(t, r.stderr, "details.anniversary")
	l = h.jsonObject("edit", id, "--birthday", "", "--department", "")
	require.Equal(t, map[string]any{"manager": "Charles"}, l["details"])
}
