package main

import (
	"os"
	"strings"
	"testing"

	"github.com/google/uuid"
	"github.com/stretchr/testify/require"
)

func TestUsersCommand(t *testing.T) {
	h := newHarness(t)
	require.Contains(t, h.ok("users"), "No users")
	require.Equal(t, []map[string]any{}, h.jsonList("users", "list"))
	require.Equal(t, "added user bob\n", h.ok("users", "add", "bob", "--email", "bob@example.com"))
	ann := h.jsonObject("users", "add", "Ann")
	require.Equal(t, "Ann", ann["name"])
	for _, k := range []string{"id", "name", "email", "active"} {
		require.Contains(t, ann, k)
	}
	id := h.add("--name", "Ada Lovelace", "--assign", "bob")
	h.add("--name", "Alan Turing", "--assign", "BOB")

	out := h.ok("users")
	require.Regexp(t, `(?m)^Ann\s+-?\s+yes\s+0$`, out)
	require.Regexp(t, `(?m)^bob\s+bob@example.com\s+yes\s+2$`, out)
	list := h.jsonList("users")
	require.Equal(t, "Ann", list[0]["name"])
	require.Equal(t, "bob@example.com", list[1]["email"])

	require.Equal(t, "renamed user bob to Robert\n", h.ok("users", "rename", "bob", "Robert"))
	require.Equal(t, "Robert", h.jsonObject("show", id)["assigned_to"], "leads follow a rename")

	r := h.run("users", "remove", "robert")
	require.Equal(t, 1, r.code)
	require.Contains(t, r.stderr, `"Robert" has 2 leads`)
	require.Len(t, h.jsonList("users"), 2, "refused: nothing removed")

	require.Equal(t, "removed user robert (2 leads handed over)\n", h.ok("users", "remove", "robert", "--reassign", "ann"))
	require.Equal(t, "Ann", h.jsonObject("show", id)["assigned_to"])
	got := h.jsonObject("users", "remove", "Ann", "--unassign")
	require.EqualValues(t, 2, got["handed_over"])
	require.Equal(t, "", h.jsonObject("show", id)["assigned_to"])
	require.Equal(t, []map[string]any{}, h.jsonList("users"))
}

func TestUsersCommandFailures(t *testing.T) {
	h := newHarness(t)
	h.ok("users", "add", "bob")
	h.ok("users", "add", "carol")
	h.add("--name", "Ada Lovelace", "--assign", "bob")
	for _, tt := range []struct {
		args []string
		want []string
	}{
		{[]string{"users", "add", "BOB"}, []string{"name", `"bob" already exists`}},
		{[]string{"users", "add", "dan", "--email", "dan at home"}, []string{"email"}},
		{[]string{"users", "rename", "bob", "Carol"}, []string{"already exists"}},
		{[]string{"users", "rename", "zed", "x"}, []string{"user", `"zed"`, "not found"}},
		{[]string{"users", "remove", "zed"}, []string{`"zed"`, "not found"}},
		{[]string{"users", "remove", "bob", "--reassign", "zed"}, []string{`"zed" is not a member`}},
		{[]string{"users", "remove", "bob"}, []string{"1 leads", "reassign or unassign"}},
		{[]string{"add", "--name", "X", "--assign", "zed"}, []string{"assigned_to", `"zed" is not a member`}},
	} {
		r := h.run(tt.args...)
		require.Equal(t, 1, r.code, "%v: %s", tt.args, r.stderr)
		for _, w := range tt.want {
			require.Contains(t, r.stderr, w, tt.args)
		}
	}
	list := h.jsonList("users")
	require.Len(t, list, 2)
	require.Equal(t, "bob", list[0]["name"])
	require.Len(t, h.jsonList("list", "--type", "all"), 1)
}

func TestAssignCommand(t *testing.T) {
	h := newHarness(t)
	a := h.add("--name", "Ada Lovelace")
	b := h.add("--name", "Alan Turing")
	c := h.add("--name", "Grace Hopper")
	missing := uuid.Must(uuid.NewV7()).String()

	r := h.run("assign", "bob", a)
	require.Equal(t, 1, r.code)
	require.Contains(t, r.stderr, `"bob" is not a member`)
	h.ok("users", "add", "bob")
	h.ok("users", "add", "carol")

	require.Equal(t, "assigned 2 records to bob\n", h.ok("assign", "bob", a, b))
	require.Equal(t, map[string]any{"changed": 1.0, "assigned_to": "carol"}, h.jsonObject("assign", "CAROL", b, b))
	r = h.run("assign", "carol", a, missing, c)
	require.Equal(t, 1, r.code)
	require.Contains(t, r.stderr, missing)
	require.Contains(t, r.stderr, "nothing was changed")
	r = h.run("assign", "zed", a, c)
	require.Equal(t, 1, r.code)
	require.Contains(t, r.stderr, `"zed" is not a member`)
	owners := func() []string {
		var out []string
		for _, id := range []string{a, b, c} {
			out = append(out, h.jsonObject("show", id)["assigned_to"].(string))
		}
		return out
	}
	require.Equal(t, []string{"bob", "carol", ""}, owners(), "failed assigns change nothing")
	require.Equal(t, "unassigned 2 records\n", h.ok("assign", "--none", a, b, c))
	require.Equal(t, []string{"", "", ""}, owners())
	require.Len(t, h.jsonList("list", "--assigned", "bob"), 0)
}

func TestBulkEditCommand(t *testing.T) {
	h := newHarness(t)
	a := h.add("--name", "Ada Lovelace", "--company", "Engines", "--source", "Web")
	b := h.add("--name", "Alan Turing", "--company", "Bletchley")
	h.ok("users", "add", "bob")

	require.Equal(t, "changed 2 records\n", h.ok("bulk-edit", "--field", "company", "--value", "Acme", a, b))
	require.Equal(t, map[string]any{"changed": 0.0}, h.jsonObject("bulk-edit", "--field", "company", "--value", "Acme", a, b))
	h.ok("bulk-edit", "--field", "stars", "--value", "4", a, b)
	h.ok("bulk-edit", "--field", "custom.tier", "--value", "gold", a, b)
	h.ok("bulk-edit", "--field", "assigned-to", "--value", "BOB", a, b)
	require.Equal(t, "changed 1 record\n", h.ok("bulk-edit", "--field", "source", "--clear", a, b))
	for _, id := range []string{a, b} {
		l := h.jsonObject("show", id)
		require.Equal(t, "Acme", l["company"])
		require.EqualValues(t, 4, l["score"].(map[string]any)["stars"])
		require.Equal(t, "manual", l["score"].(map[string]any)["type"])
		require.Equal(t, "gold", l["custom"].(map[string]any)["tier"])
		require.Equal(t, "bob", l["assigned_to"])
		require.Equal(t, "", l["source"])
	}
	h.ok("bulk-edit", "--field", "stars", "--clear", a)
	require.Equal(t, "auto", h.jsonObject("show", a)["score"].(map[string]any)["type"])
}

// TestBulkEditCommandFailures checks bad input: exit status 1, the field or
// record named, nothing changed.
func TestBulkEditCommandFailures(t *testing.T) {
	h := newHarness(t)
	a := h.add("--name", "Ada Lovelace", "--company", "Engines")
	b := h.add("--name", "Alan Turing", "--company", "Bletchley")
	missing := uuid.Must(uuid.NewV7()).String()
	before := h.jsonList("list", "--type", "all")
	for _, tt := range []struct {
		args []string
		want []string
	}{
		{[]string{"--field", "colour", "--value", "red", a}, []string{"colour", "unknown field"}},
		{[]string{"--field", "stars", "--value", "abc", a, b}, []string{"stars", `"abc"`}},
		{[]string{"--field", "full_name", "--clear", a}, []string{"full_name", "cannot be cleared"}},
		{[]string{"--field", "status", "--value", "hot", a}, []string{"status", "hot"}},
		{[]string{"--field", "assigned_to", "--value", "zed", a}, []string{`"zed" is not a member`}},
		{[]string{"--field", "company", "--value", "Acme", a, missing, b}, []string{missing, "not found", "nothing was changed"}},
		{[]string{"--field", "version", "--value", "3", a}, []string{"version", "cannot be edited in bulk"}},
	} {
		r := h.run(append([]string{"bulk-edit"}, tt.args...)...)
		require.Equal(t, 1, r.code, "%v: %s", tt.args, r.stderr)
		require.Empty(t, r.stdout)
		for _, w := range tt.want {
			require.Contains(t, r.stderr, w, tt.args)
		}
		for line := range strings.SplitSeq(strings.TrimSpace(r.stderr), "\n") {
			require.True(t, strings.HasPrefix(line, "leads: "), "line %q", line)
		}
	}
	require.Equal(t, before, h.jsonList("list", "--type", "all"), "nothing changed")
}

func TestTeamUsageErrors(t *testing.T) {
	h := newHarness(t)
	id := uuid.Must(uuid.NewV7()).String()
	for _, tt := range []struct {
		args []string
		want string
	}{
		{[]string{"users", "promote", "bob"}, `unknown subcommand "promote"`},
		{[]string{"users", "add"}, "takes 1 argument"},
		{[]string{"users", "rename", "bob"}, "takes 2 argument"},
		{[]string{"users", "list", "--email", "x@y.z"}, "--email goes with users add"},
		{[]string{"users", "remove", "bob", "--reassign", "ann", "--unassign"}, "not both"},
		{[]string{"users", "add", "bob", "--unassign"}, "go with users remove"},
		{[]string{"assign"}, "missing USER"},
		{[]string{"assign", "bob"}, "missing ID"},
		{[]string{"assign", "--none"}, "missing ID"},
		{[]string{"assign", "bob", "nope"}, `"nope" is not a record ID`},
		{[]string{"bulk-edit", "--value", "x", id}, "--field is required"},
		{[]string{"bulk-edit", "--field", "company", id}, "--value V or --clear"},
		{[]string{"bulk-edit", "--field", "company", "--value", "x", "--clear", id}, "--value V or --clear"},
		{[]string{"bulk-edit", "--field", "company", "--value", "x"}, "missing ID"},
		{[]string{"bulk-edit", "--field", "company", "--value", "x", "nope"}, `"nope" is not a record ID`},
	} {
		r := h.run(tt.args...)
		require.Equal(t, 2, r.code, "%v: %s", tt.args, r.stderr)
		require.Contains(t, r.stderr, tt.want, tt.args)
		require.Contains(t, r.stderr, "Usage: leads", tt.args)
	}
	_, err := os.Stat(h.store)
	require.ErrorIs(t, err, os.ErrNotExist, "a usage error opens no store")
}

func TestDemoAddsUsers(t *testing.T) {
	h := newHarness(t)
	h.ok("demo")
	users := h.jsonList("users")
	var names []string
	for _, u := range users {
		names = append(names, u["name"].(string))
	}
	require.Equal(t, []string{"akim", "mgarcia", "tbecker"}, names)
	h.ok("demo") // again: the users are there already
	require.Len(t, h.jsonList("users"), 3)
	r := h.run("add", "--name", "X", "--assign", "someone")
	require.Equal(t, 1, r.code, "after demo, only members can be assigned")
}
