package main

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/uuid"
	"github.com/stretchr/testify/require"
)

// result is what one run of the program left.
type result struct {
	code           int
	stdout, stderr string
}

// harness runs the program in-process against a store in a temporary
// directory.
type harness struct {
	t     *testing.T
	store string
	env   map[string]string
}

func newHarness(t *testing.T) *harness {
	t.Helper()
	return &harness{t: t, store: filepath.Join(t.TempDir(), "leads.db"),
		env: map[string]string{"USER": "tester"}}
}

// runRaw runs the program with exactly args.
func (h *harness) runRaw(args ...string) result {
	h.t.Helper()
	var stdout, stderr bytes.Buffer
	env := func(k string) string { return h.env[k] }
	code := run(context.Background(), args, env, strings.NewReader(""), &stdout, &stderr)
	return result{code: code, stdout: stdout.String(), stderr: stderr.String()}
}

// run runs the program with --store set to the harness's store.
func (h *harness) run(args ...string) result {
	h.t.Helper()
	return h.runRaw(append([]string{"--store", h.store}, args...)...)
}

// ok runs the program and requires exit status 0.
func (h *harness) ok(args ...string) string {
	h.t.Helper()
	r := h.run(args...)
	require.Equal(h.t, 0, r.code, "leads %s\nstdout: %s\nstderr: %s", strings.Join(args, " "), r.stdout, r.stderr)
	require.Empty(h.t, r.stderr)
	return r.stdout
}

// add creates a lead and returns its ID.
func (h *harness) add(args ...string) string {
	h.t.Helper()
	out := strings.TrimSpace(h.ok(append([]string{"add"}, args...)...))
	_, err := uuid.Parse(out)
	require.NoError(h.t, err, "add printed %q, not an ID", out)
	return out
}

// jsonObject runs the program with --json and decodes one object.
func (h *harness) jsonObject(args ...string) map[string]any {
	h.t.Helper()
	var m map[string]any
	out := h.ok(append([]string{"--json"}, args...)...)
	require.NoError(h.t, json.Unmarshal([]byte(out), &m), out)
	return m
}

// jsonList runs the program with --json and decodes an array of objects.
func (h *harness) jsonList(args ...string) []map[string]any {
	h.t.Helper()
	var list []map[string]any
	out := h.ok(append([]string{"--json"}, args...)...)
	require.NoError(h.t, json.Unmarshal([]byte(out), &list), out)
	require.NotNil(h.t, list, "a JSON list is [] when empty, never null")
	return list
}

func names(list []map[string]any) []string {
	var out []string
	for _, m := range list {
		out = append(out, m["full_name"].(string))
	}
	return out
}

func TestRoundTrip(t *testing.T) {
	h := newHarness(t)
	id := h.add("--name", "Dr. Ada M. Lovelace", "--company", "Analytical Engines",
		"--title", "Chief Technology Officer", "--email", "ada@engines.example",
		"--email", "ada.l@home.example", "--phone", "mobile=+44 7700 900123", "--phone", "+44 20 7946 0018",
		"--web", "https://engines.example", "--source", "Trade show", "--assign", "mgarcia",
		"--custom", "industry=Manufacturing")

	show := h.ok("show", id)
	for _, want := range []string{id, "Dr. Ada M. Lovelace", "Title:", "Dr.", "Lovelace, Ada",
		"Chief Technology Officer", "Analytical Engines", "ada@engines.example", "ada.l@home.example",
		"Mobile", "+44 7700 900123", "Business", "+44 20 7946 0018", "https://engines.example",
		"Trade show", "mgarcia", "industry: Manufacturing", "by tester", "Version:"} {
		require.Contains(t, show, want)
	}

	list := h.ok("list")
	require.Contains(t, list, id, "list prints full IDs")
	require.Contains(t, list, "Lovelace, Ada")
	require.Contains(t, list, "ada@engines.example")
	require.Contains(t, list, "☆☆☆☆☆")

	// Flags may come before or after the ID; both spellings of a field work.
	h.ok("edit", "--job-title", "CTO", id, "--company", "Engines Ltd")
	l := h.jsonObject("show", id)
	require.Equal(t, "CTO", l["job_title"])
	require.Equal(t, "Engines Ltd", l["company"])
	require.EqualValues(t, 2, l["version"])

	l = h.jsonObject("edit", id, "--job_title", "VP", "--name", "Grace Hopper", "--status", "Contacted",
		"--email", "grace@navy.example", "--phone", "FAX=555 0100", "--custom", "industry=",
		"--custom", "tier=gold")
	require.Equal(t, "VP", l["job_title"])
	require.Equal(t, "Grace Hopper", l["full_name"])
	require.Equal(t, "Grace", l["first_name"], "name parts follow the new name")
	require.Equal(t, "Hopper", l["last_name"])
	require.Equal(t, "", l["title"])
	require.Equal(t, "Hopper, Grace", l["file_as"])
	require.Equal(t, "contacted", l["status"])
	require.Equal(t, []any{map[string]any{"label": "", "address": "grace@navy.example"}}, l["emails"])
	require.Equal(t, []any{map[string]any{"label": "Fax", "number": "555 0100"}}, l["phones"])
	require.Equal(t, map[string]any{"tier": "gold"}, l["custom"])
	require.Equal(t, []any{"https://engines.example"}, l["web_pages"], "lists not given stay")

	// An empty value clears a scalar field; a list flag given empty clears the list.
	l = h.jsonObject("edit", id, "--company=", "--web=", "--assign", "")
	require.Equal(t, "", l["company"])
	require.Equal(t, "", l["assigned_to"])
	require.Empty(t, l["web_pages"])
	require.Equal(t, "Grace Hopper", l["full_name"])

	out := h.ok("delete", id)
	require.Contains(t, out, id)
	r := h.run("show", id)
	require.Equal(t, 1, r.code)
	require.Contains(t, r.stderr, "not found")
	require.Contains(t, h.ok("list"), "No records match.")
}

func TestJSONFieldNames(t *testing.T) {
	h := newHarness(t)
	h.env["LEADS_USER"] = "jdoe"
	l := h.jsonObject("add", "--name", "Carlos Mendoza", "--company", "Andes Coffee",
		"--email", "carlos@andes.example", "--phone", "Business=+51 1 555 0199", "--title", "Buyer")
	id, _ := l["id"].(string)
	_, err := uuid.Parse(id)
	require.NoError(t, err)
	for _, k := range []string{"id", "type", "full_name", "title", "first_name", "middle_name", "last_name",
		"suffix", "job_title", "file_as", "company", "assigned_to", "emails", "phones", "web_pages",
		"addresses", "source", "status", "score", "checks", "comments", "custom", "created_at",
		"updated_at", "version"} {
		require.Contains(t, l, k)
	}
	require.Equal(t, "lead", l["type"])
	require.Equal(t, "Carlos Mendoza", l["full_name"])
	require.Equal(t, "Buyer", l["job_title"], "add --title is the job title")
	require.Equal(t, "Mendoza, Carlos", l["file_as"])
	require.Equal(t, "new", l["status"])
	require.Equal(t, "jdoe", l["created_by"], "LEADS_USER wins over USER")
	require.Equal(t, "carlos@andes.example", l["emails"].([]any)[0].(map[string]any)["address"])
	phone := l["phones"].([]any)[0].(map[string]any)
	require.Equal(t, "Business", phone["label"])
	require.Equal(t, "+51 1 555 0199", phone["number"])
	score := l["score"].(map[string]any)
	require.EqualValues(t, 0, score["stars"])
	require.Equal(t, "auto", score["type"])
	require.Contains(t, score, "value")

	require.Equal(t, l, h.jsonObject("show", id))
	list := h.jsonList("list")
	require.Len(t, list, 1)
	require.Equal(t, l, list[0])

	var del struct{ Deleted []string }
	out := h.ok("--json", "delete", id)
	require.NoError(t, json.Unmarshal([]byte(out), &del), out)
	require.Equal(t, []string{id}, del.Deleted)
	require.Equal(t, "[]\n", h.ok("--json", "list"))
	require.Equal(t, "[]\n", h.ok("list", "--json"), "--json may follow the command")
}

func TestOperationFailures(t *testing.T) {
	h := newHarness(t)
	id := h.add("--name", "Olivia Bennett")
	missing := "0190f000-0000-7000-8000-000000000000"
	tests := []struct {
		name string
		args []string
		want []string // in stderr
	}{
		{"blank name", []string{"add", "--name", "  "}, []string{"leads: full_name: is required"}},
		{"bad e-mail", []string{"add", "--name", "Bob", "--email", "bob@"}, []string{"emails[0].address"}},
		{"second e-mail bad", []string{"add", "--name", "Bob", "--email", "bob@x.example", "--email", "nope"},
			[]string{"emails[1].address"}},
		{"bad phone label", []string{"add", "--name", "Bob", "--phone", "pager=555 0100"}, []string{"phones[0].label", "pager"}},
		{"bad phone number", []string{"add", "--name", "Bob", "--phone", "mobile=555\a0100"}, []string{"phones[0].number", "control character"}},
		{"every problem, one per line", []string{"add", "--name", "", "--email", "x", "--phone", "pager=1"},
			[]string{"leads: full_name: is required\n", "\nleads: emails[0].address", "\nleads: phones[0].label"}},
		{"unknown initiator", []string{"add", "--name", "Bob", "--initiated-by", missing}, []string{"initiated_by"}},
		{"show unknown", []string{"show", missing}, []string{"not found", missing}},
		{"edit unknown", []string{"edit", missing, "--company", "X"}, []string{"not found"}},
		{"edit blank name", []string{"edit", id, "--full_name", ""}, []string{"full_name"}},
		{"edit bad status", []string{"edit", id, "--status", "hot"}, []string{"status", "hot"}},
		{"edit bad e-mail", []string{"edit", id, "--email", "a@b.example", "--email", "bad"}, []string{"emails[1].address"}},
		{"edit unknown account", []string{"edit", id, "--account_id", missing}, []string{"account_id"}},
		{"delete unknown", []string{"delete", id, missing}, []string{"not found", missing, "nothing was deleted"}},
		{"postgres unreachable", []string{"--store", "postgres://nobody@127.0.0.1:1/test?sslmode=disable&connect_timeout=2", "list"},
			[]string{"leads/postgres: connect"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := h.run(tt.args...)
			require.Equal(t, 1, r.code, "stdout: %s\nstderr: %s", r.stdout, r.stderr)
			require.Empty(t, r.stdout, "nothing on stdout, JSON or not")
			for _, w := range tt.want {
				require.Contains(t, r.stderr, w)
			}
			for line := range strings.SplitSeq(strings.TrimSpace(r.stderr), "\n") {
				require.True(t, strings.HasPrefix(line, "leads: "), "line %q", line)
			}
			// The same failure with --json prints no JSON.
			r = h.run(append([]string{"--json"}, tt.args...)...)
			require.Equal(t, 1, r.code)
			require.Empty(t, r.stdout)
		})
	}
	// Nothing was created or deleted by the failures.
	require.Equal(t, []string{"Olivia Bennett"}, names(h.jsonList("list", "--type", "all")))
	require.Equal(t, "new", h.jsonObject("show", id)["status"])
}

func TestUsageErrors(t *testing.T) {
	h := newHarness(t)
	id := uuid.Must(uuid.NewV7()).String()
	tests := []struct {
		name string
		args []string
		want string // in stderr
	}{
		{"no command", []string{}, "no command"},
		{"unknown command", []string{"frobnicate"}, `unknown command "frobnicate"`},
		{"unknown global flag", []string{"--verbose", "list"}, "unknown flag --verbose"},
		{"global flag without value", []string{"--store"}, "--store needs a value"},
		{"unknown add flag", []string{"add", "--name", "X", "--fax", "1"}, "unknown flag --fax"},
		{"add without name", []string{"add", "--company", "X"}, "--name is required"},
		{"add positional", []string{"add", "Ada"}, `unexpected argument "Ada"`},
		{"add malformed initiator", []string{"add", "--name", "X", "--initiated-by", "42"}, "--initiated-by"},
		{"add custom without =", []string{"add", "--name", "X", "--custom", "tier"}, "KEY=VALUE"},
		{"show missing ID", []string{"show"}, "missing ID"},
		{"show malformed ID", []string{"show", "42"}, `"42" is not a record ID`},
		{"show two IDs", []string{"show", id, id}, "unexpected argument"},
		{"edit missing ID", []string{"edit", "--company", "X"}, "missing ID"},
		{"edit unknown field", []string{"edit", id, "--colour", "red"}, "unknown field --colour"},
		{"edit nothing", []string{"edit", id}, "nothing to change"},
		{"edit malformed account", []string{"edit", id, "--account-id", "x"}, "--account-id"},
		{"edit custom without =", []string{"edit", id, "--custom", "tier"}, "KEY=VALUE"},
		{"delete missing ID", []string{"delete"}, "missing ID"},
		{"delete malformed ID", []string{"delete", id, "nope"}, `"nope" is not a record ID`},
		{"list bad min-stars", []string{"list", "--min-stars", "6"}, "--min-stars"},
		{"list min-stars not a number", []string{"list", "--min-stars", "many"}, "--min-stars"},
		{"list bad sort", []string{"list", "--sort", "company,-colour"}, `unknown field "colour"`},
		{"list empty sort key", []string{"list", "--sort", "company,"}, "empty field"},
		{"list bad type", []string{"list", "--type", "prospect"}, "--type"},
		{"list negative limit", []string{"list", "--limit", "-1"}, "--limit"},
		{"list limit not a number", []string{"list", "--limit", "ten"}, "--limit"},
		{"demo argument", []string{"demo", "now"}, "unexpected argument"},
		{"help unknown", []string{"help", "frobnicate"}, "unknown command"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := h.run(tt.args...)
			require.Equal(t, 2, r.code, "stdout: %s\nstderr: %s", r.stdout, r.stderr)
			require.Empty(t, r.stdout)
			require.Contains(t, r.stderr, tt.want)
			require.Contains(t, r.stderr, "Usage: leads", "a usage error shows the usage")
			require.True(t, strings.HasPrefix(r.stderr, "leads: "), r.stderr)
		})
	}
	_, err := os.Stat(h.store)
	require.ErrorIs(t, err, os.ErrNotExist, "a usage error opens no store")
}

func TestHelp(t *testing.T) {
	h := newHarness(t)
	for _, args := range [][]string{{"help"}, {"--help"}, {"-h"}} {
		r := h.runRaw(args...)
		require.Equal(t, 0, r.code)
		require.Empty(t, r.stderr)
		for _, want := range []string{
			"leads [--store PATH|postgres://URL] [--json] COMMAND [ARGS]",
			"demo ", "add --name NAME [--company C] [--title T] [--email E]... [--phone LABEL=NUMBER]...",
			"[--web URL] [--source S] [--initiated-by ID] [--assign USER]",
			"show ID", "list [--type lead|contact|all] [--assigned USER] [--source S] [--min-stars N]",
			"[--sort FIELD,-FIELD] [--limit N]", "edit ID --FIELD VALUE...", "delete ID...",
			"$LEADS_STORE", "./leads.db",
		} {
			require.Contains(t, r.stdout, want)
		}
	}
	for _, c := range commandTable() {
		for _, args := range [][]string{{"help", c.name}, {c.name, "--help"}} {
			r := h.runRaw(args...)
			require.Equal(t, 0, r.code, args)
			require.Equal(t, c.help, r.stdout)
		}
	}
	require.Contains(t, h.runRaw("help", "add").stdout, "job title")
}

func TestDemo(t *testing.T) {
	h := newHarness(t)
	out := h.ok("demo")
	require.Contains(t, out, "Added 12 sample leads")
	require.Contains(t, out, "Leads by Score")
	require.Contains(t, out, "Score: ★★★★★ 5 stars (1)")
	require.Contains(t, out, "Score: ☆☆☆☆☆ 0 stars (3)")
	require.Contains(t, out, "Total: 12 leads")
	// Groups run from most stars to least, leads in File As order.
	require.Less(t, strings.Index(out, "Lovelace, Ada"), strings.Index(out, "Hopper, Grace"))
	require.Less(t, strings.Index(out, "Hopper, Grace"), strings.Index(out, "Raman, Priya"))
	require.Less(t, strings.Index(out, "Raman, Priya"), strings.Index(out, "Dubois, Marie-Claire"))
	require.Less(t, strings.Index(out, "O'Connor, Samuel"), strings.Index(out, "Bennett, Olivia"))

	before := h.jsonList("list", "--type", "all")
	require.Len(t, before, 12)

	out = h.ok("demo")
	require.Contains(t, out, "already in")
	require.Contains(t, out, "Total: 12 leads")
	require.Equal(t, before, h.jsonList("list", "--type", "all"), "demo twice duplicates nothing")

	// A sample that was deleted comes back; one whose mark was removed is
	// still recognized by name and company.
	ada := h.jsonList("list", "--min-stars", "5")[0]["id"].(string)
	grace := h.jsonList("list", "--sort", "-stars", "--limit", "2")[1]["id"].(string)
	h.ok("delete", ada)
	h.ok("edit", grace, "--custom", "demo=")
	out = h.ok("demo")
	require.Contains(t, out, "Added 1 missing sample")
	require.Len(t, h.jsonList("list", "--type", "all"), 12)

	report := h.jsonList("demo")
	require.Len(t, report, 12)
	require.Equal(t, "Dr. Ada Lovelace", report[0]["full_name"])
	require.EqualValues(t, 5, report[0]["score"].(map[string]any)["stars"])
	require.Equal(t, "manual", report[0]["score"].(map[string]any)["type"])
	addr := report[0]["addresses"].([]any)[0].(map[string]any)
	for _, k := range []string{"label", "street", "city", "state", "postal_code", "country", "mailing"} {
		require.Contains(t, addr, k)
	}
	require.Equal(t, true, addr["mailing"])
	comment := report[0]["comments"].([]any)[0].(map[string]any)
	for _, k := range []string{"at", "author", "text"} {
		require.Contains(t, comment, k)
	}

	// The referral links to its initiator.
	mc := h.jsonList("list", "--source", "External referral")
	require.Len(t, mc, 1)
	carlos := h.jsonList("list", "--source", "Word of mouth", "--assigned", "mgarcia")
	require.Len(t, carlos, 1)
	require.Equal(t, carlos[0]["id"], mc[0]["initiated_by"])
}

func TestListFilters(t *testing.T) {
	h := newHarness(t)
	h.ok("demo")
	tests := []struct {
		name string
		args []string
		want []string // full names, in order
	}{
		{"min stars", []string{"--min-stars", "4", "--sort", "-stars,full_name"},
			[]string{"Dr. Ada Lovelace", "Grace Hopper", "Priya Raman"}},
		{"assigned", []string{"--assigned", "akim"},
			[]string{"Fatima Al-Sayed", "Ms. Aisha Okafor PhD", "Priya Raman", "Yuki Tanaka"}},
		{"source", []string{"--source", "Web"}, []string{"Grace Hopper", "Dmitri Ivanov"}},
		{"source is exact", []string{"--source", "web"}, nil},
		{"filters combine", []string{"--assigned", "tbecker", "--min-stars", "2"},
			[]string{"Grace Hopper", "Hans-Peter Müller"}},
		{"sort descending with limit", []string{"--sort", "-stars", "--limit", "3"},
			[]string{"Dr. Ada Lovelace", "Grace Hopper", "Priya Raman"}},
		{"sort by company", []string{"--sort", "company", "--limit", "3"},
			[]string{"Dr. Ada Lovelace", "Mr. Carlos Mendoza Jr.", "Priya Raman"}},
		{"sort two keys", []string{"--sort=assigned_to,-stars", "--assigned=mgarcia"},
			[]string{"Dr. Ada Lovelace", "Marie-Claire Dubois", "Mr. Carlos Mendoza Jr.", "Samuel O'Connor"}},
		{"contacts", []string{"--type", "contact"}, nil},
		{"zero stars", []string{"--min-stars", "0", "--sort", "stars", "--limit", "1"}, []string{"Olivia Bennett"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := h.jsonList(append([]string{"list"}, tt.args...)...)
			require.Equal(t, tt.want, names(got))
			table := h.ok(append([]string{"list"}, tt.args...)...)
			if len(tt.want) == 0 {
				require.Equal(t, "No records match.\n", table)
				return
			}
			lines := strings.Split(strings.TrimSpace(table), "\n")
			require.Len(t, lines, len(tt.want)+1, table)
			require.Regexp(t, `^ID\s+File As\s+Company\s+E-mail\s+Phone\s+Score\s+Source\s+Assigned To$`, lines[0])
			for i, l := range got {
				require.True(t, strings.HasPrefix(lines[i+1], l["id"].(string)+" "), lines[i+1])
				require.Contains(t, lines[i+1], l["file_as"])
			}
		})
	}
	all := h.ok("list", "--type", "all", "--limit", "1")
	require.Regexp(t, `^ID\s+File As\s+Type\s+Company`, all, "--type all shows the type")
}

func TestStoreFromEnvironment(t *testing.T) {
	h := newHarness(t)
	h.env["LEADS_STORE"] = h.store
	id := strings.TrimSpace(h.runRaw("add", "--name", "Yuki Tanaka").stdout)
	_, err := uuid.Parse(id)
	require.NoError(t, err)
	require.Contains(t, h.ok("show", id), "Yuki Tanaka", "the store $LEADS_STORE named")

	// --store wins over $LEADS_STORE.
	other := newHarness(t)
	h.env["LEADS_STORE"] = other.store
	r := h.run("show", id)
	require.Equal(t, 0, r.code, r.stderr)

	// --store may also follow the command.
	r = h.runRaw("show", id, "--store", h.store)
	require.Equal(t, 0, r.code, r.stderr)
	r = h.runRaw("show", id)
	require.Equal(t, 1, r.code, "the other store does not have it")
}

func TestDefaultStore(t *testing.T) {
	dir := t.TempDir()
	t.Chdir(dir)
	h := &harness{t: t, env: map[string]string{}}
	r := h.runRaw("add", "--name", "Dmitri Ivanov")
	require.Equal(t, 0, r.code, r.stderr)
	id := strings.TrimSpace(r.stdout)
	r = h.runRaw("show", id)
	require.Equal(t, 0, r.code, r.stderr)
	require.Contains(t, r.stdout, "Dmitri Ivanov")
}

func TestLockedStore(t *testing.T) {
	h := newHarness(t)
	id := h.add("--name", "Fatima Al-Sayed")

	s, err := openStore(h.store, storeOptions{})
	require.NoError(t, err)
	h.env["LEADS_LOCK_TIMEOUT"] = "100ms" // not the default's seconds
	for _, args := range [][]string{{"show", id}, {"list"}, {"add", "--name", "X"}, {"demo"}} {
		r := h.run(args...)
		require.Equal(t, 1, r.code, "%v: %s", args, r.stderr)
		require.Contains(t, r.stderr, "locked")
		require.Contains(t, r.stderr, h.store, "the message names the store")
		require.Empty(t, r.stdout)
	}
	require.NoError(t, s.Close())

	// Every command released the store: it opens again.
	require.Contains(t, h.ok("show", id), "Fatima Al-Sayed")
	s, err = openStore(h.store, storeOptions{})
	require.NoError(t, err)
	require.NoError(t, s.Close())
}

func TestFlagSpellings(t *testing.T) {
	h := newHarness(t)
	id := h.add("--name=Hans Müller", "-company", "Müller GmbH", "--job_title", "Geschäftsführer")
	l := h.jsonObject("show", id)
	require.Equal(t, "Müller GmbH", l["company"])
	require.Equal(t, "Geschäftsführer", l["job_title"])

	for _, tt := range []struct{ flag, field, value string }{
		{"--full-name", "full_name", "Hans-Peter Müller"},
		{"--title", "title", "Herr"},
		{"--first-name", "first_name", "Hans-Peter"},
		{"--middle_name", "middle_name", "J."},
		{"--last-name", "last_name", "Mueller"},
		{"--suffix", "suffix", "Jr."},
		{"--job-title", "job_title", "CEO"},
		{"--file-as", "file_as", "Mueller (Müller GmbH)"},
		{"--company", "company", "Müller Maschinenbau"},
		{"--assigned-to", "assigned_to", "tbecker"},
		{"--assign", "assigned_to", "akim"},
		{"--source", "source", "Trade show"},
		{"--status", "status", "qualified"},
	} {
		l = h.jsonObject("edit", id, tt.flag, tt.value)
		require.Equal(t, tt.value, l[tt.field], tt.flag)
	}
	// Clearing File As derives it again.
	l = h.jsonObject("edit", id, "--file_as", "")
	require.Equal(t, "Mueller, Hans-Peter", l["file_as"])

	other := h.add("--name", "Priya Raman")
	l = h.jsonObject("edit", other, "--initiated-by", id)
	require.Equal(t, id, l["initiated_by"])
	l = h.jsonObject("edit", other, "--initiated_by", "")
	require.NotContains(t, l, "initiated_by")

	// "--" ends the flags.
	require.Contains(t, h.ok("show", "--", id), "Hans-Peter Müller")
}

func TestDeleteIsAllOrNothing(t *testing.T) {
	h := newHarness(t)
	a := h.add("--name", "Ada Lovelace")
	b := h.add("--name", "Grace Hopper")
	missing := uuid.Must(uuid.NewV7()).String()

	r := h.run("delete", a, missing, b)
	require.Equal(t, 1, r.code)
	require.Len(t, h.jsonList("list"), 2, "nothing was deleted")

	out := h.ok("delete", a, b, a)
	require.Equal(t, "deleted "+a+"\ndeleted "+b+"\n", out)
	require.Empty(t, h.jsonList("list"))
}
