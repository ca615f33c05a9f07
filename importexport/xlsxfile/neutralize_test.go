package xlsxfile_test

import (
	"bytes"
	"context"
	"testing"

	"github.com/leadkit/leads"
	"github.com/leadkit/leads/importexport"
	"github.com/leadkit/leads/importexport/xlsxfile"
	"github.com/leadkit/leads/storage/memory"
	"github.com/stretchr/testify/require"
)

// TestExportNeutralizesEdgeCases: formulas behind a vertical tab, a
// full-width sign or Unicode whitespace are quoted in the workbook, and
// come back as written on import. (The vertical tab itself does not:
// excelize writes a character that XML 1.0 cannot hold as U+FFFD, so the
// Company is checked for its quote only.)
func TestExportNeutralizesEdgeCases(t *testing.T) {
	ctx := context.Background()
	book := leads.New(memory.New())
	want := map[string]string{
		"Company":    "\v=HYPERLINK(\"http://evil.example\")",
		"Job Title":  "＝1+1",
		"Department": "\u3000＠SUM(A1)",
		"Profession": "'=quoted already",
	}
	_, err := book.Create(ctx, &leads.Lead{FullName: "Ada Lovelace", Company: want["Company"], JobTitle: want["Job Title"],
		Custom: map[string]string{"Department": want["Department"], "Profession": want["Profession"]}})
	require.NoError(t, err)
	var buf bytes.Buffer
	_, err = xlsxfile.Export(ctx, &buf, importexport.Records(ctx, book.Store(), nil))
	require.NoError(t, err)

	recs, err := readAll(t, buf.Bytes(), xlsxfile.Options{})
	require.NoError(t, err)
	require.Len(t, recs, 2)
	cells := map[string]string{}
	for i, h := range recs[0] {
		if _, ok := want[h]; ok && i < len(recs[1]) {
			cells[h] = recs[1][i]
		}
	}
	for col, v := range want {
		if col == "Company" {
			require.Equal(t, "'\uFFFD=HYPERLINK(\"http://evil.example\")", cells[col], "written quoted")
			continue
		}
		require.Equal(t, "'"+v, cells[col], "%s written quoted", col)
	}

	src, closer, err := xlsxfile.NewSource(bytes.NewReader(buf.Bytes()), xlsxfile.Options{})
	require.NoError(t, err)
	defer closer.Close()
	dst := leads.New(memory.New())
	rep, err := (&importexport.Importer{Book: dst}).Import(ctx, src)
	require.NoError(t, err)
	require.Len(t, rep.Created, 1)
	l, err := dst.Get(ctx, rep.Created[0].ID)
	require.NoError(t, err)
	require.Equal(t, want["Job Title"], l.JobTitle)
	require.Equal(t, want["Department"], l.Custom["Department"])
	require.Equal(t, want["Profession"], l.Custom["Profession"])
}
