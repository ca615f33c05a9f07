package main

import (
	"bytes"
	"encoding/csv"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
	"github.com/xuri/excelize/v2"
)

func TestReportRun(t *testing.T) {
	h := newHarness(t)
	h.ok("demo")

	out := h.ok("report", "Leads by Assigned To")
	require.True(t, strings.HasPrefix(out, "Leads by Assigned To\n"))
	require.Contains(t, out, "Assigned To: mgarcia (4)")
	require.Contains(t, out, "Assigned To: (unassigned) (1)")
	require.Contains(t, out, "Total: 12 leads")

	// The words of a name need no quotes, and case does not matter.
	out = h.ok("report", "leads", "by", "assigned", "to", "and", "score")
	require.Contains(t, out, "Assigned To: akim (4)\n  Score: ★★★★☆ 4 stars (1)\n")

	csvOut := h.ok("report", "Leads by Score", "--format", "csv")
	recs, err := csv.NewReader(strings.NewReader(csvOut)).ReadAll()
	require.NoError(t, err)
	require.Equal(t, []string{"Score", "File As", "Company", "Assigned To", "Source"}, recs[0])
	require.Len(t, recs, 13)
	require.Equal(t, []string{"5", "Lovelace, Ada", "Analytical Engines Ltd", "mgarcia", "Trade show"}, recs[1])

	dir := t.TempDir()
	page := filepath.Join(dir, "r.html")
	require.Empty(t, h.ok("report", "Leads by Score", "--format", "html", "--out", page))
	b, err := os.ReadFile(page)
	require.NoError(t, err)
	require.Contains(t, string(b), "<svg")
	require.Contains(t, string(b), "Dubois &amp; Fils")

	book := filepath.Join(dir, "r.xlsx")
	h.ok("report", "Leads by Score", "--format", "xlsx", "--out", book)
	f, err := excelize.OpenFile(book)
	require.NoError(t, err)
	defer f.Close()
	rows, err := f.GetRows("Report")
	require.NoError(t, err)
	require.Equal(t, []string{"File As", "Company", "Assigned To", "Source"}, rows[2])

	res := h.jsonObject("report", "Leads by Score")
	require.EqualValues(t, 12, res["total"])
	require.Len(t, res["groups"], 6)
}

func TestReportSaveListDelete(t *testing.T) {
	h := newHarness(t)
	h.ok("demo")

	out := h.ok("report", "save", "Hot web leads", "--from", "Leads by Assigned To",
		"--columns", "file_as,company,stars", "--where", `stars>=3 and source="Web" or stars = 5`,
		"--sort", "-stars,file_as", "--group", "assigned_to")
	require.Contains(t, out, `Saved report "Hot web leads"`)

	out = h.ok("report", "Hot web leads")
	require.Contains(t, out, "Assigned To: mgarcia (1)\n    Lovelace, Ada")
	require.Contains(t, out, "Assigned To: tbecker (1)\n    Hopper, Grace")
	require.Contains(t, out, "Total: 2 leads")

	list := h.ok("report", "list")
	require.Contains(t, list, "Leads by Score")
	require.Contains(t, list, "built-in")
	require.Contains(t, list, `Hot web leads                   saved     columns file_as,company,stars; where (stars >= 3 and source = Web) or stars = 5; sort -stars,file_as; group assigned_to`)
	saved := h.jsonList("report", "list")
	require.Len(t, saved, 4)
	require.Equal(t, "Hot web leads", saved[3]["name"])
	require.Equal(t, "Leads", saved[3]["category"])

	// A name already taken: a clear error, nothing saved.
	r := h.run("report", "save", "hot WEB leads", "--columns", "full_name")
	require.Equal(t, 1, r.code)
	require.Contains(t, r.stderr, "hot WEB leads")
	require.Contains(t, r.stderr, "already taken")
	r = h.run("report", "save", "Leads by Score")
	require.Equal(t, 1, r.code)
	require.Contains(t, r.stderr, "built-in")
	require.Contains(t, h.ok("report", "Hot web leads"), "Total: 2 leads", "the saved report is unchanged")

	// Without --from: the default columns over leads, no grouping.
	h.ok("report", "save", "Everyone", "--sort", "company")
	out = h.ok("report", "Everyone", "--format", "csv")
	recs, err := csv.NewReader(strings.NewReader(out)).ReadAll()
	require.NoError(t, err)
	require.Equal(t, []string{"File As", "Company", "Assigned To", "Score", "Source"}, recs[0])
	require.Equal(t, []string{"Lovelace, Ada", "Mendoza, Carlos", "Raman, Priya"}, []string{recs[1][0], recs[2][0], recs[3][0]},
		"by company: Analytical Engines, Andes Coffee, Bluewave")

	// A saved report can start another.
	h.ok("report", "save", "Hot by source", "--from", "hot web leads", "--group", "source")
	require.Contains(t, h.ok("report", "Hot by source"), "Source: Web (1)")

	require.Contains(t, h.ok("report", "delete", "Hot web leads"), "Deleted")
	r = h.run("report", "Hot web leads")
	require.Equal(t, 1, r.code)
	require.Contains(t, r.stderr, `report Hot web leads not found`)
	r = h.run("report", "delete", "Hot web leads")
	require.Equal(t, 1, r.code)
	r = h.run("report", "delete", "Leads by Score")
	require.Equal(t, 1, r.code)
	require.Contains(t, r.stderr, "built-in")
}

func TestReportBadInput(t *testing.T) {
	h := newHarness(t)
	h.ok("demo")
	tests := []struct {
		args []string
		code int
		want []string
	}{
		{[]string{"report", "save", "X", "--where", "stars >= "}, 2,
			[]string{"--where: syntax error at position 9: expected a value", "  stars >= \n           ^"}},
		{[]string{"report", "save", "X", "--where", `stars >= 3 and mood = "sunny"`}, 2,
			[]string{`position 15: unknown field "mood"`}},
		{[]string{"report", "save", "X", "--sort", "-stars,nosuch"}, 2, []string{`--sort: syntax error at position 7: unknown field "nosuch"`}},
		{[]string{"report", "save", "X", "--columns", "file_as,shoe_size"}, 2, []string{`--columns: unknown field "shoe_size"`}},
		{[]string{"report", "save", "X", "--group", "hair"}, 2, []string{`--group: unknown field "hair"`}},
		{[]string{"report", "save", "X", "--where", "stars = many"}, 1, []string{`"many" is not a number`}},
		{[]string{"report", "save", "X", "--from", "Nothing"}, 1, []string{"report Nothing not found"}},
		{[]string{"report", "save", "list"}, 2, []string{"cannot be a report name"}},
		{[]string{"report", "save"}, 2, []string{"missing report name"}},
		{[]string{"report"}, 2, []string{"missing report name"}},
		{[]string{"report", "Leads by Score", "--format", "pdf"}, 2, []string{`--format "pdf"`}},
		{[]string{"report", "No such report"}, 1, []string{"report No such report not found"}},
	}
	for _, tt := range tests {
		t.Run(strings.Join(tt.args, " "), func(t *testing.T) {
			r := h.run(tt.args...)
			require.Equal(t, tt.code, r.code, "stderr: %s", r.stderr)
			for _, w := range tt.want {
				require.Contains(t, r.stderr, w)
			}
		})
	}
	list := h.jsonList("report", "list")
	require.Len(t, list, 3, "nothing was saved")
}

func TestReportOutFailure(t *testing.T) {
	h := newHarness(t)
	h.ok("demo")
	out := filepath.Join(t.TempDir(), "missing-dir", "r.csv")
	r := h.run("report", "Leads by Score", "--format", "csv", "--out", out)
	require.Equal(t, 1, r.code)
	_, err := os.Stat(out)
	require.True(t, os.IsNotExist(err))
	var buf bytes.Buffer
	buf.WriteString(r.stderr)
	require.Contains(t, buf.String(), "missing-dir")
}

func TestReportHelp(t *testing.T) {
	h := newHarness(t)
	out := h.ok("help", "report")
	for _, w := range []string{"Leads by Assigned To and Score", "--where", "--group", "startswith", "xlsx"} {
		require.Contains(t, out, w)
	}
	require.Contains(t, h.ok("help"), "report NAME [--format text|csv|html|xlsx]")
}
