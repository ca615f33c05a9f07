package csvfile_test

import (
	"bufio"
	"bytes"
	"context"
	"io"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/leadkit/leads"
	"github.com/leadkit/leads/importexport"
	"github.com/leadkit/leads/importexport/csvfile"
	"github.com/leadkit/leads/storage/memory"
	"github.com/stretchr/testify/require"
)

// TestExportKeepsLineBreaks: a CR, a CRLF and a lone LF inside a value
// come back as written through the writer and the reader of this package,
// and a formula behind a vertical tab or a full-width sign is neutralized.
func TestExportKeepsLineBreaks(t *testing.T) {
	ctx := context.Background()
	book := leads.New(memory.New())
	want := map[string]string{
		"Company":    "Engines\rLtd",
		"Job Title":  "Count\r\nof\nthings\r\r\nand more\n\r",
		"Notes":      "line one\r\nline two\rline three\nline \"four\"",
		"Department": "\v=HYPERLINK(\"x\")",
		"Profession": "＝1+1",
	}
	_, err := book.Create(ctx, &leads.Lead{FullName: "Ada Lovelace", Company: want["Company"], JobTitle: want["Job Title"],
		Comments: []leads.Comment{{Text: want["Notes"]}}, Custom: map[string]string{"Department": want["Department"], "Profession": want["Profession"]}})
	require.NoError(t, err)
	var buf bytes.Buffer
	n, err := csvfile.Export(ctx, &buf, importexport.Records(ctx, book.Store(), nil), csvfile.ExportOptions{})
	require.NoError(t, err)
	require.Equal(t, 1, n)
	require.Contains(t, buf.String(), "\"'\v=HYPERLINK(\"\"x\"\")\"", "neutralized behind a vertical tab")
	require.Contains(t, buf.String(), ",'＝1+1", "neutralized full-width sign")

	rr, err := csvfile.NewRecordReader(bytes.NewReader(buf.Bytes()), csvfile.Options{})
	require.NoError(t, err)
	header, err := rr.Read()
	require.NoError(t, err)
	header = append([]string(nil), header...)
	rec, err := rr.Read()
	require.NoError(t, err)
	got := map[string]string{}
	for i, h := range header {
		if _, ok := want[h]; ok {
			got[h] = importexport.Unneutralize(rec[i])
		}
	}
	require.Equal(t, want, got)
	_, err = rr.Read()
	require.ErrorIs(t, err, io.EOF)

	// And through the import: the values stored are the values exported.
	src, err := csvfile.NewSource(bytes.NewReader(buf.Bytes()), csvfile.Options{})
	require.NoError(t, err)
	dst := leads.New(memory.New())
	rep, err := (&importexport.Importer{Book: dst}).Import(ctx, src)
	require.NoError(t, err)
	require.Len(t, rep.Created, 1)
	l, err := dst.Get(ctx, rep.Created[0].ID)
	require.NoError(t, err)
	require.Equal(t, want["Company"], l.Company)
	require.Equal(t, strings.TrimSpace(want["Job Title"]), l.JobTitle)
	require.Equal(t, want["Department"], l.Custom["Department"])
	require.Equal(t, want["Profession"], l.Custom["Profession"])
}

// TestReadKeepsCRLFInQuotedFields: a file written elsewhere with CRLF line
// ends and CRLF inside quoted fields; the fields keep their line breaks,
// the records end where they end.
func TestReadKeepsCRLFInQuotedFields(t *testing.T) {
	for _, tc := range []struct {
		name, in string
		want     [][]string
	}{
		{"crlf in field", "a,b\r\n\"x\r\ny\",z\r\n", [][]string{{"a", "b"}, {"x\r\ny", "z"}}},
		{"lone cr and lf", "a,b\r\n\"x\ry\",\"p\nq\"\r\n", [][]string{{"a", "b"}, {"x\ry", "p\nq"}}},
		{"doubled quote then crlf", "a,b\r\n\"x\"\"\r\ny\",z\r\n", [][]string{{"a", "b"}, {"x\"\r\ny", "z"}}},
		{"quoted field ends the record", "a,b\r\n1,\"x\"\r\n2,3\r\n", [][]string{{"a", "b"}, {"1", "x"}, {"2", "3"}}},
		{"stray quote unquoted", "a,b\r\nx\"y,\"p\r\nq\"\r\n", [][]string{{"a", "b"}, {"x\"y", "p\r\nq"}}},
		{"semicolon", "a;b\r\n\"x;\r\ny\";z\r\n", [][]string{{"a", "b"}, {"x;\r\ny", "z"}}},
		{"lf only file", "a,b\n\"x\ny\",z\n", [][]string{{"a", "b"}, {"x\ny", "z"}}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			require.Equal(t, tc.want, readAll(t, tc.in))
		})
	}
}

func readAll(t testing.TB, in string) [][]string {
	rr, err := csvfile.NewRecordReader(strings.NewReader(in), csvfile.Options{})
	require.NoError(t, err)
	var out [][]string
	for {
		rec, err := rr.Read()
		if err == io.EOF {
			return out
		}
		require.NoError(t, err)
		out = append(out, append([]string(nil), rec...))
	}
}

// FuzzWriteRead: any record of valid UTF-8 written by the exporter's
// writer reads back field for field.
func FuzzWriteRead(f *testing.F) {
	f.Add("a\r\nb", "\"q\"", "x\ry")
	f.Add("\r\n", "\r", "\n")
	f.Add(" lead", "\"\r\n\"", ",;\t")
	f.Fuzz(func(t *testing.T, a, b, c string) {
		rec := []string{a, b, c}
		for _, s := range rec {
			if !utf8.ValidString(s) || strings.ContainsRune(s, '\uFEFF') {
				return
			}
		}
		var buf bytes.Buffer
		bw := bufio.NewWriter(&buf)
		require.NoError(t, csvfile.WriteRecord(bw, []string{"A", "B", "C"}))
		require.NoError(t, csvfile.WriteRecord(bw, rec))
		require.NoError(t, bw.Flush())
		got := readAll(t, buf.String())
		require.Equal(t, [][]string{{"A", "B", "C"}, rec}, got, "%q", buf.String())
	})
}
