package render_test

import (
	"archive/zip"
	"bytes"
	"context"
	"encoding/csv"
	"errors"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
	"github.com/xuri/excelize/v2"

	"github.com/leadkit/leads"
	"github.com/leadkit/leads/report"
	"github.com/leadkit/leads/report/render"
	"github.com/leadkit/leads/storage/memory"
)

// result runs a built-in report over a small book with a lead whose name
// would be markup, and one with a comma and quotes in its company.
func result(t *testing.T, name string) *report.Result {
	t.Helper()
	ctx := context.Background()
	b := leads.New(memory.New())
	for _, l := range []*leads.Lead{
		{FullName: "<script>alert(1)</script>", Company: `Evil & "Co"`, AssignedTo: "ann", Source: "Web",
			Score: leads.Score{Type: leads.ScoreManual, Stars: 5}},
		{FullName: "Ada Lovelace", Company: "Analytical, Engines", AssignedTo: "ann", Source: "Web",
			Score: leads.Score{Type: leads.ScoreManual, Stars: 4}},
		{FullName: "Grace Hopper", Company: "Navy", AssignedTo: "bob", Source: "Trade show",
			Score: leads.Score{Type: leads.ScoreManual, Stars: 4}},
		{FullName: "Alan Turing", Company: "Bletchley\nPark", Source: "",
			Score: leads.Score{Type: leads.ScoreManual, Stars: 0}},
	} {
		_, err := b.Create(ctx, l)
		require.NoError(t, err)
	}
	r, ok := leads.BuiltinReport(name)
	require.True(t, ok)
	res, err := report.Run(ctx, b.Store(), r)
	require.NoError(t, err)
	return res
}

func TestText(t *testing.T) {
	res := result(t, leads.ReportLeadsByScore)
	var buf bytes.Buffer
	require.NoError(t, render.Text(&buf, res))
	out := buf.String()
	lines := strings.Split(out, "\n")
	require.Equal(t, "Leads by Score", lines[0])
	require.Contains(t, out, "Score: ★★★★★ 5 stars (1)\n")
	require.Contains(t, out, "Score: ★★★★☆ 4 stars (2)\n")
	require.Contains(t, out, "Score: ☆☆☆☆☆ 0 stars (1)\n")
	require.Contains(t, out, "\nTotal: 4 leads\n")
	require.Contains(t, out, "Bletchley Park", "a line break in a cell does not break the table")
	// Columns line up: "Company" starts at the same column in the header
	// and in every row.
	header := lines[2]
	col := strings.Index(header, "Company")
	require.Positive(t, col)
	adaLine := lines[slicesIndex(lines, "Lovelace, Ada")]
	require.Equal(t, col, runeIndex(adaLine, "Analytical"))
	graceLine := lines[slicesIndex(lines, "Hopper, Grace")]
	require.Equal(t, col, runeIndex(graceLine, "Navy"))
	for _, l := range lines {
		require.Equal(t, strings.TrimRight(l, " "), l, "no trailing space")
	}

	nested := result(t, leads.ReportLeadsByAssignedToAndScore)
	buf.Reset()
	require.NoError(t, render.Text(&buf, nested))
	require.Contains(t, buf.String(), "Assigned To: ann (2)\n  Score: ★★★★★ 5 stars (1)\n")
	require.Contains(t, buf.String(), "Assigned To: (unassigned) (1)\n")
}

func slicesIndex(lines []string, sub string) int {
	for i, l := range lines {
		if strings.Contains(l, sub) {
			return i
		}
	}
	return -1
}

func runeIndex(s, sub string) int {
	i := strings.Index(s, sub)
	if i < 0 {
		return -1
	}
	return len([]rune(s[:i]))
}

func TestCSV(t *testing.T) {
	res := result(t, leads.ReportLeadsByAssignedToAndScore)
	var buf bytes.Buffer
	require.NoError(t, render.CSV(&buf, res))
	recs, err := csv.NewReader(&buf).ReadAll()
	require.NoError(t, err, "the CSV parses back")
	require.Equal(t, []string{"Assigned To", "Score", "File As", "Company", "Phone", "E-mail", "Source"}, recs[0])
	require.Len(t, recs, 1+res.Total)
	require.Equal(t, []string{"", "0", "Turing, Alan", "Bletchley\nPark", "", "", ""}, recs[1])
	require.Equal(t, []string{"ann", "5", "<script>alert(1)</script>", `Evil & "Co"`, "", "", "Web"}, recs[2])
	require.Equal(t, []string{"ann", "4", "Lovelace, Ada", "Analytical, Engines", "", "", "Web"}, recs[3])
}

func TestHTML(t *testing.T) {
	res := result(t, leads.ReportLeadsByAssignedToAndScore)
	var buf bytes.Buffer
	require.NoError(t, render.HTML(&buf, res))
	out := buf.String()
	require.True(t, strings.HasPrefix(out, "<!DOCTYPE html>"))
	require.NotContains(t, out, "<script>", "a lead named <script> is escaped")
	require.Contains(t, out, "&lt;script&gt;alert(1)")
	require.Contains(t, out, "Evil &amp; &#34;Co&#34;")
	require.Contains(t, out, "<svg", "an inline chart")
	require.Equal(t, 3, strings.Count(out, "<rect "), "one bar per top-level group")
	require.Contains(t, out, "<title>Leads by Assigned To and Score</title>")
	require.Contains(t, out, "Total: 4 leads")
	for _, remote := range []string{"http://", "https://", "src=", "<link", "@import"} {
		if remote == "http://" {
			// The SVG namespace is a name, not a download.
			require.Equal(t, 1, strings.Count(out, remote))
			continue
		}
		require.NotContains(t, out, remote, "nothing is loaded from the network")
	}
	// Bars are scaled to the largest group: ann has 2, the others 1.
	require.Contains(t, out, `width="420"`)
	require.Contains(t, out, `width="210"`)
	require.Contains(t, out, ">★★★★★ 5 stars <span class=\"count\">(1)</span>")
}

func TestXLSX(t *testing.T) {
	res := result(t, leads.ReportLeadsByAssignedToAndScore)
	var buf bytes.Buffer
	require.NoError(t, render.XLSX(&buf, res))

	f, err := excelize.OpenReader(bytes.NewReader(buf.Bytes()))
	require.NoError(t, err)
	defer f.Close()
	require.Equal(t, []string{"Report", "Groups"}, f.GetSheetList())
	rows, err := f.GetRows("Report")
	require.NoError(t, err)
	require.Equal(t, "Leads by Assigned To and Score", rows[0][0])
	require.Equal(t, res.Header, rows[2], "the header row")
	var flat []string
	for _, r := range rows {
		flat = append(flat, strings.Join(r, "|"))
	}
	joined := strings.Join(flat, "\n")
	require.Contains(t, joined, "Assigned To: ann (2)")
	require.Contains(t, joined, "    Score: ★★★★☆ 4 stars (1)")
	require.Contains(t, joined, "Lovelace, Ada|Analytical, Engines|||Web")
	require.Contains(t, joined, "Total: 4 leads")
	groups, err := f.GetRows("Groups")
	require.NoError(t, err)
	require.Equal(t, [][]string{{"Assigned To", "Count"}, {"(unassigned)", "1"}, {"ann", "2"}, {"bob", "1"}}, groups)

	// The chart is in the workbook, drawn on the report sheet.
	zr, err := zip.NewReader(bytes.NewReader(buf.Bytes()), int64(buf.Len()))
	require.NoError(t, err)
	var chart string
	for _, zf := range zr.File {
		if strings.HasPrefix(zf.Name, "xl/charts/chart") {
			rc, err := zf.Open()
			require.NoError(t, err)
			var b bytes.Buffer
			_, err = b.ReadFrom(rc)
			require.NoError(t, err)
			rc.Close()
			chart = b.String()
		}
	}
	require.NotEmpty(t, chart, "a chart part")
	require.Contains(t, chart, "<barChart>")
	require.Contains(t, chart, `<catAx><axId val="100000000"></axId><scaling><orientation val="maxMin">`, "the first group on top")
	require.Contains(t, chart, "Groups!$B$2:$B$4")
}

func TestXLSXNumbers(t *testing.T) {
	res := result(t, leads.ReportLeadsByAssignedTo)
	var buf bytes.Buffer
	require.NoError(t, render.XLSX(&buf, res))
	f, err := excelize.OpenReader(&buf)
	require.NoError(t, err)
	defer f.Close()
	typ, err := f.GetCellType("Report", "E5")
	require.NoError(t, err)
	v, _ := f.GetCellValue("Report", "E5")
	require.Equal(t, "0", v, "Turing's stars")
	require.NotEqual(t, excelize.CellTypeSharedString, typ, "stars are numbers")
}

func TestWriteAndParseFormat(t *testing.T) {
	res := result(t, leads.ReportLeadsByScore)
	for _, f := range render.Formats() {
		parsed, err := render.ParseFormat(strings.ToUpper(string(f)))
		require.NoError(t, err)
		require.Equal(t, f, parsed)
		var buf bytes.Buffer
		require.NoError(t, render.Write(&buf, f, res))
		require.NotZero(t, buf.Len())
	}
	_, err := render.ParseFormat("pdf")
	require.ErrorIs(t, err, leads.ErrInvalid)
	require.ErrorIs(t, render.Write(&bytes.Buffer{}, "pdf", res), leads.ErrInvalid)
}

// failWriter fails every write.
type failWriter struct{}

func (failWriter) Write([]byte) (int, error) { return 0, errors.New("disk full") }

func TestWriteErrors(t *testing.T) {
	res := result(t, leads.ReportLeadsByScore)
	for _, f := range render.Formats() {
		require.ErrorContains(t, render.Write(failWriter{}, f, res), "disk full", f)
	}
}
