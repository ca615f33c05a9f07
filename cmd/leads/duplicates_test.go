package main

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
)

func TestDuplicates(t *testing.T) {
	h := newHarness(t)
	ada := h.add("--duplicates", "allow", "--name", "Dr. Ada Lovelace", "--company", "Engines Ltd", "--email", "ada@engines.example",
		"--phone", "business=020 7946 0018")
	byMail := h.add("--duplicates", "allow", "--name", "A. Lovelace", "--email", "ADA@engines.example")
	byPhone := h.add("--duplicates", "allow", "--name", "Lovelace, Ada", "--company", "Engines", "--phone", "mobile=+44 20 7946 0018")
	h.add("--duplicates", "allow", "--name", "Charles Babbage", "--company", "Engines", "--email", "charles@engines.example")

	out := h.ok("duplicates", ada, "--region", "GB")
	require.Contains(t, out, "2 possible duplicate(s) of Dr. Ada Lovelace")
	lines := strings.Split(strings.TrimSpace(out), "\n")
	require.Len(t, lines, 5, out)
	require.Contains(t, lines[3], byMail)
	require.Contains(t, lines[3], "same e-mail address ada@engines.example")
	require.True(t, strings.HasPrefix(lines[3], "90 "), lines[3])
	require.Contains(t, lines[4], byPhone)
	require.Contains(t, lines[4], "same name at the same company: ada lovelace @ engines; same phone number +442079460018")
	require.True(t, strings.HasPrefix(lines[4], "88 "), lines[4])

	list := h.jsonList("duplicates", ada, "--region", "gb", "--threshold", "10")
	require.Len(t, list, 3, "the colleague at the same domain too")
	require.Equal(t, byMail, list[0]["id"])
	require.Equal(t, float64(90), list[0]["strength"])
	require.Equal(t, []any{map[string]any{"kind": "email", "value": "ada@engines.example"}}, list[0]["reasons"])
	require.Equal(t, "lead", list[0]["type"])
	require.Equal(t, "Charles Babbage", list[2]["full_name"])
	require.Equal(t, float64(15), list[2]["strength"])

	// Without a region, national and international numbers compare by
	// their digits; $LEADS_REGION sets the default region.
	h.env["LEADS_REGION"] = "GB"
	require.Len(t, h.jsonList("duplicates", ada), 2)

	none := h.add("--duplicates", "allow", "--name", "Grace Hopper")
	require.Contains(t, h.ok("duplicates", none), "No duplicates of Grace Hopper.")
	require.Equal(t, "[]\n", h.ok("--json", "duplicates", none))
}

func TestDuplicatesFailures(t *testing.T) {
	h := newHarness(t)
	id := h.add("--duplicates", "allow", "--name", "Grace Hopper")
	missing := "0190f000-0000-7000-8000-000000000000"
	for _, tt := range []struct {
		name string
		args []string
		code int
		want string
	}{
		{"unknown record", []string{"duplicates", missing}, 1, "not found"},
		{"missing ID", []string{"duplicates"}, 2, "missing ID"},
		{"malformed ID", []string{"duplicates", "42"}, 2, `"42" is not a record ID`},
		{"threshold", []string{"duplicates", id, "--threshold", "101"}, 2, "--threshold 101"},
		{"limit", []string{"duplicates", id, "--limit", "-1"}, 2, "--limit -1"},
		{"region", []string{"duplicates", id, "--region", "USA"}, 2, `--region "USA"`},
	} {
		t.Run(tt.name, func(t *testing.T) {
			r := h.run(tt.args...)
			require.Equal(t, tt.code, r.code, "stdout: %s\nstderr: %s", r.stdout, r.stderr)
			require.Empty(t, r.stdout)
			require.Contains(t, r.stderr, tt.want)
		})
	}
	require.Contains(t, h.ok("help", "duplicates"), "email_domain")
}

// TestAddDuplicates checks the duplicate policy of add: warn names the
// stored look-alikes on stderr and creates the lead, block refuses it and
// writes nothing, allow does not look.
func TestAddDuplicates(t *testing.T) {
	h := newHarness(t)
	ada := h.add("--name", "Ada Lovelace", "--email", "ada@engines.example")

	r := h.run("add", "--name", "A. Lovelace", "--email", "ADA@engines.example")
	require.Equal(t, 0, r.code, r.stderr)
	require.Contains(t, r.stderr, "warning: A. Lovelace may be a duplicate of "+ada+" Ada Lovelace (strength 90: same e-mail address ada@engines.example)")
	require.Len(t, h.jsonList("list"), 2, "warn creates the lead")

	r = h.run("add", "--name", "Ada King", "--email", "ada@engines.example", "--duplicates", "block")
	require.Equal(t, 1, r.code)
	require.Contains(t, r.stderr, `"Ada King" looks like 2 stored record(s)`)
	require.Empty(t, r.stdout)
	require.Len(t, h.jsonList("list"), 2, "block writes nothing")

	r = h.run("add", "--name", "Ada King", "--email", "ada@engines.example", "--duplicates", "allow")
	require.Equal(t, 0, r.code)
	require.Empty(t, r.stderr)
	require.Len(t, h.jsonList("list"), 3)

	r = h.run("add", "--name", "Ada King", "--duplicates", "sometimes")
	require.Equal(t, 2, r.code)
	require.Contains(t, r.stderr, `--duplicates "sometimes" is not allow, warn or block`)
}
