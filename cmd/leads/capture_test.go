package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/leadkit/leads/importexport"
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

	// Again: both rows are duplicates by e-mail address. The columns left
	// unmapped hold values: a warning says they were not imported.
	r := h.run("import", csvPath, "--map", "Who=full_name", "--map", "Mail=email")
	require.Equal(t, 0, r.code, r.stderr)
	out = r.stdout
	require.Contains(t, r.stderr, `columns "Org", "Region"`)
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
	p := tempFile(t, "bad.csv", "Name,Email\nAda,ada@x.example\nBob,not-an-address\nx\n,\n")

	// Strict: the address that is none rejects its row, all or nothing.
	r := h.run("import", p, "--strict")
	require.Equal(t, 1, r.code)
	require.Contains(t, r.stderr, `row 3, column "Email"`)
	require.Empty(t, h.jsonList("list"), "all or nothing")

	r = h.run("import", p, "--strict", "--skip-bad-rows")
	require.Equal(t, 0, r.code, r.stderr)
	require.Contains(t, r.stdout, "created 2")
	require.Contains(t, r.stdout, "rejected 1 rows")
	require.Contains(t, r.stderr, `row 3, column "Email"`)
	require.Len(t, h.jsonList("list"), 2)

	// Liberal (the default): Bob is kept, without the address, and the
	// change is a warning, not a rejection.
	h = newHarness(t)
	r = h.run("import", p)
	require.Equal(t, 0, r.code, r.stderr)
	require.Contains(t, r.stdout, "created 3, updated 0, skipped 0, rejected 0 rows")
	require.Contains(t, r.stderr, `warning: row 3, column "Email": "not-an-address" is not an e-mail address: left out`)
	require.Contains(t, r.stderr, "1 warning: ")
	require.NotContains(t, r.stderr, "leads: row")
	require.ElementsMatch(t, []string{"Ada", "Bob", "x"}, names(h.jsonList("list")))
}

// TestImportWarnings checks the adjustments of a liberal import as the CLI
// shows them: on stderr apart from rejections, in --json beside them, and
// as rejections with --strict.
func TestImportWarnings(t *testing.T) {
	p := tempFile(t, "loose.csv", "Name,E-mail,Phone,Company\n"+
		"Ada Lovelace,\"ada@x.example; ada@home.example\",pager,Engines\n"+ // row 2: two addresses, a phone that is a word
		",Hans Wurst <hw@y.example>,,\n"+ // row 3: the name with the address
		"Nobody,,,\n"+ // row 4: a name only
		",,,\n") // blank: skipped
	h := newHarness(t)
	r := h.run("import", p)
	require.Equal(t, 0, r.code, r.stderr)
	require.Contains(t, r.stdout, "created 3")
	for _, w := range []string{
		`warning: row 2, column "E-mail": 2 e-mail addresses in one field: kept as 2 e-mails`,
		`warning: row 2, column "Phone": no digits: not a phone number, left out (value "pager")`,
		`warning: row 3, column "E-mail": kept the address "hw@y.example" only`,
		`warning: row 3: no name: the full name is the one written with the e-mail address (value "Hans Wurst")`,
		"4 warnings: ",
	} {
		require.Contains(t, r.stderr, w)
	}
	var ada, hans map[string]any
	for _, m := range h.jsonList("list") {
		switch m["full_name"] {
		case "Ada Lovelace":
			ada = m
		case "Hans Wurst":
			hans = m
		}
	}
	require.NotNil(t, ada)
	require.NotNil(t, hans)
	require.Len(t, ada["emails"], 2)
	require.Empty(t, ada["phones"])

	var rep map[string]any
	h = newHarness(t)
	require.NoError(t, json.Unmarshal([]byte(h.ok("--json", "import", p, "--dry-run")), &rep))
	require.Len(t, rep["warnings"], 4)
	w := rep["warnings"].([]any)[1].(map[string]any)
	require.Equal(t, map[string]any{"row": float64(2), "column": "Phone", "value": "pager", "reason": "no digits: not a phone number, left out"}, w)
	require.Equal(t, []any{}, rep["rejected"])
	require.Equal(t, []any{}, rep["possible_duplicates"])
	require.NotNil(t, rep["columns"])

	r = h.run("import", p, "--strict", "--skip-bad-rows")
	require.Equal(t, 0, r.code, r.stderr)
	require.Contains(t, r.stdout, "created 1")
	require.Contains(t, r.stdout, "rejected 2 rows")
	require.Contains(t, r.stderr, `row 2, column "Phone": importexport: refused in strict mode: no digits`)
	require.NotContains(t, r.stderr, "warning:")
}

// TestImportNoRecords: a file that yields no record fails, naming the
// file and why; never "created 0" with exit status 0.
func TestImportNoRecords(t *testing.T) {
	h := newHarness(t)
	for _, tt := range []struct{ name, content, want string }{
		{"header.csv", "Name,E-mail\r\n", "the table has a header and no row under it"},
		{"blank.csv", "Name,E-mail\r\n,\r\n\r\n", "the table has a header and no row under it"},
		{"empty.vcf", "", "the file holds no record"},
	} {
		p := tempFile(t, tt.name, tt.content)
		r := h.run("import", p)
		require.Equal(t, 1, r.code, tt.name)
		require.Contains(t, r.stderr, tt.name+": importexport: no record could be read from the file: "+tt.want, tt.name)
		require.NotContains(t, r.stdout, "created 0", tt.name)
	}
}

// TestImportNamesakes: namesakes at one company with different addresses
// are two people, both created; the same name without an address is
// created and listed as a possible duplicate with the command to check.
func TestImportNamesakes(t *testing.T) {
	h := newHarness(t)
	p := tempFile(t, "team.csv", "Name,Company,Email\n"+
		"John Smith,Acme,john.smith@acme.example\n"+
		"John Smith,Acme,john.smith2@acme.example\n"+
		"JOHN SMITH,Acme Inc.,\n"+
		"Jane Roe,Acme,JOHN.SMITH@acme.example\n")
	out := h.ok("import", p)
	require.Contains(t, out, "created 3, updated 0, skipped 1, rejected 0 rows")
	require.Regexp(t, `row 4: created [0-9a-f-]{36} \(JOHN SMITH\), possibly the same person as [0-9a-f-]{36} \(same name and company`, out)
	require.Contains(t, out, "1 possible duplicate created; compare with \"leads duplicates ")
	require.Len(t, h.jsonList("list"), 3)

	var rep map[string]any
	h = newHarness(t)
	require.NoError(t, json.Unmarshal([]byte(h.ok("--json", "import", p)), &rep))
	possible := rep["possible_duplicates"].([]any)
	require.Len(t, possible, 1)
	first := rep["created"].([]any)[0].(map[string]any)
	require.Equal(t, first["id"], possible[0].(map[string]any)["like"])
	require.Equal(t, "name and company", possible[0].(map[string]any)["match"])
}

func TestColumnLine(t *testing.T) {
	for _, tt := range []struct {
		c    importexport.Column
		want string
	}{
		{importexport.Column{Header: "Vorname", Field: "first_name", By: "localized (de)"}, `column "Vorname" → first_name (localized de)`},
		{importexport.Column{Header: "E-mail Address", Field: "email", By: "preset outlook"}, `column "E-mail Address" → email (preset outlook)`},
		{importexport.Column{Header: "Mail", Field: "email"}, `column "Mail" → email`},
		{importexport.Column{Header: "Shoe size"}, `column "Shoe size" → not imported`},
	} {
		require.Equal(t, tt.want, columnLine(tt.c))
	}
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
