package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
)

func tempFile(t *testing.T, name, content string) string {
	p := filepath.Join(t.TempDir(), name)
	require.NoError(t, os.WriteFile(p, []byte(content), 0o644))
	return p
}

func TestImportCSV(t *testing.T) {
	h := newHarness(t)
	csvPath := tempFile(t, "people.csv", "Who;Org;Mail;Region\nAda Lovelace;Engines;ada@x.example;North\nBob;;bob@x.example;South\n")

	out := h.ok("import", csvPath, "--map", "Who=full_name", "--map", "Org=company", "--map", "Mail=email", "--map", "Region=custom.Region", "--dry-run")
	require.Contains(t, out, "would create 2, would update 0, would skip 0, would reject 0 rows")
	require.Empty(t, h.jsonList("list"), "a dry run changes nothing")

	out = h.ok("import", csvPath, "--map", "Who=full_name", "--map", "Org=company", "--map", "Mail=email", "--map", "Region=custom.Region")
	require.Contains(t, out, "created 2")
	list := h.jsonList("list")
	require.ElementsMatch(t, []string{"Ada Lovelace", "Bob"}, names(list))

	// Again: both rows are duplicates by e-mail address.
	out = h.ok("import", csvPath, "--map", "Who=full_name", "--map", "Mail=email")
	require.Contains(t, out, "skipped 2")
	require.Contains(t, out, "same email")

	var rep map[string]any
	require.NoError(t, json.Unmarshal([]byte(h.ok("--json", "import", csvPath, "--map", "Who=full_name", "--map", "Mail=email", "--map", "Org=job_title", "--on-duplicate", "update")), &rep))
	require.Len(t, rep["updated"], 2)

	h2 := newHarness(t)
	h2.ok("import", csvPath, "--map", "Who=full_name", "--keep-unmapped")
	var ada map[string]any
	for _, m := range h2.jsonList("list") {
		if m["full_name"] == "Ada Lovelace" {
			ada = m
		}
	}
	require.Equal(t, map[string]any{"Org": "Engines", "Region": "North"}, ada["custom"], "Mail is a known column name (email)")
}

func TestImportBadRows(t *testing.T) {
	h := newHarness(t)
	p := tempFile(t, "bad.csv", "Name,Email\nAda,ada@x.example\nBob,not-an-address\n")
	r := h.run("import", p)
	require.Equal(t, 1, r.code)
	require.Contains(t, r.stderr, `row 3, column "Email"`)
	require.Empty(t, h.jsonList("list"), "all or nothing")

	r = h.run("import", p, "--skip-bad-rows")
	require.Equal(t, 0, r.code)
	require.Contains(t, r.stdout, "created 1")
	require.Contains(t, r.stdout, "rejected 1 rows")
	require.Contains(t, r.stderr, `row 3, column "Email"`)
	require.Len(t, h.jsonList("list"), 1)
}

func TestImportUsage(t *testing.T) {
	h := newHarness(t)
	p := tempFile(t, "x.csv", "Name\nAda\n")
	for _, args := range [][]string{
		{"import"}, {"import", p, "--format", "pdf"}, {"import", p, "--preset", "lotus"},
		{"import", p, "--map", "Name"}, {"import", p, "--map", "Name=shoe_size"}, {"import", p, "--on-duplicate", "merge"},
		{"export"}, {"export", "x.csv", "--type", "people"},
	} {
		r := h.run(args...)
		require.Equal(t, 2, r.code, "%v: %s", args, r.stderr)
	}
}

func TestExportFormatsRoundTrip(t *testing.T) {
	h := newHarness(t)
	h.add("--name", "Ada Lovelace", "--company", "=1+2", "--email", "ada@x.example", "--phone", "Mobile=+44 1")
	h.add("--name", "Bob Babbage", "--email", "bob@x.example")
	dir := t.TempDir()
	for _, f := range []string{"out.csv", "out.xlsx", "out.vcf", "out.json"} {
		p := filepath.Join(dir, f)
		out := h.ok("export", p)
		require.Contains(t, out, "exported 2 records")

		h2 := newHarness(t)
		out = h2.ok("import", p)
		if f == "out.json" {
			require.Contains(t, out, "restored 2 records", "a JSON export into a new store is a backup restored")
		} else {
			require.Contains(t, out, "created 2", f)
		}
		require.ElementsMatch(t, []string{"Ada Lovelace", "Bob Babbage"}, names(h2.jsonList("list")), f)
	}
	b, err := os.ReadFile(filepath.Join(dir, "out.csv"))
	require.NoError(t, err)
	require.True(t, strings.HasPrefix(string(b), "\uFEFF\"Title\"") || strings.HasPrefix(string(b), "\uFEFFTitle"))
	require.Contains(t, string(b), "\r\n")
	require.Contains(t, string(b), "'=1+2", "formula neutralized")
	require.Contains(t, string(b), "'+44 1")
}

func TestFromEmail(t *testing.T) {
	h := newHarness(t)
	p := tempFile(t, "m.eml", "From: =?windows-1252?Q?Fran=E7ois_D=FBpont?= <fd@cafe.example>\r\nSubject: Devis\r\nDate: Tue, 10 Mar 2026 09:13:55 +0100\r\n\r\nBonjour\r\n")
	out := h.ok("from-email", p)
	require.Contains(t, out, "François Dûpont")
	require.Contains(t, out, "not saved")
	require.Empty(t, h.jsonList("list"))

	m := h.jsonObject("from-email", p, "--save")
	require.Equal(t, true, m["saved"])
	require.Equal(t, "Devis", m["message"].(map[string]any)["subject"])
	require.Equal(t, []string{"François Dûpont"}, names(h.jsonList("list")))
	id := m["lead"].(map[string]any)["id"].(string)
	hist := h.jsonList("history", id)
	require.Len(t, hist, 1, "the message is in the new lead's history")
	require.Equal(t, "email", hist[0]["kind"])
	require.Equal(t, "Devis", hist[0]["subject"])
	require.Equal(t, "fd@cafe.example", hist[0]["from"])
	require.Contains(t, hist[0]["text"], "Bonjour")

	bad := tempFile(t, "n.eml", "Subject: nobody\r\n\r\nx")
	r := h.run("from-email", bad)
	require.Equal(t, 1, r.code)
	require.Contains(t, r.stderr, "no usable sender")
}
