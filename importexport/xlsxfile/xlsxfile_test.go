package xlsxfile_test

import (
	"archive/zip"
	"bytes"
	"context"
	"io"
	"strings"
	"testing"

	"github.com/leadkit/leads"
	"github.com/leadkit/leads/importexport"
	"github.com/leadkit/leads/importexport/xlsxfile"
	"github.com/leadkit/leads/storage/memory"
	"github.com/stretchr/testify/require"
	"github.com/xuri/excelize/v2"
)

func TestExportImportRoundTrip(t *testing.T) {
	ctx := context.Background()
	book := leads.New(memory.New())
	_, err := book.Create(ctx, &leads.Lead{FullName: "Ada Lovelace", Company: "=HYPERLINK(\"http://evil.example\")", JobTitle: "Countess",
		Emails:    []leads.Email{{Address: "ada@engines.example"}, {Address: "ada2@engines.example"}},
		Phones:    []leads.Phone{{Label: leads.PhoneBusiness, Number: "020 7946 0958"}, {Label: leads.PhoneMobile, Number: "07700 900123"}},
		Addresses: []leads.Address{{Label: leads.AddressHome, Street: "1 Square", City: "London", PostalCode: "SW1"}},
		WebPages:  []string{"https://engines.example"}, Comments: []leads.Comment{{Text: "line one"}}, Custom: map[string]string{"Department": "R&D"}})
	require.NoError(t, err)
	_, err = book.Create(ctx, &leads.Lead{FullName: "Bob Babbage"})
	require.NoError(t, err)

	var buf bytes.Buffer
	n, err := xlsxfile.Export(ctx, &buf, importexport.Records(ctx, book.Store(), nil))
	require.NoError(t, err)
	require.Equal(t, 2, n)

	f, err := excelize.OpenReader(bytes.NewReader(buf.Bytes()))
	require.NoError(t, err)
	v, err := f.GetCellValue("Leads", "F2") // Company of the first record (File As order: Babbage, Lovelace)
	require.NoError(t, err)
	require.Equal(t, "", v)
	v, err = f.GetCellValue("Leads", "F3")
	require.NoError(t, err)
	require.Equal(t, "'=HYPERLINK(\"http://evil.example\")", v, "formula neutralized")
	formula, err := f.GetCellFormula("Leads", "F3")
	require.NoError(t, err)
	require.Empty(t, formula)
	require.NoError(t, f.Close())

	dst := leads.New(memory.New())
	src, closer, err := xlsxfile.NewSource(bytes.NewReader(buf.Bytes()), xlsxfile.Options{})
	require.NoError(t, err)
	defer closer.Close()
	require.Equal(t, "outlook", src.Preset())
	rep, err := (&importexport.Importer{Book: dst}).Import(ctx, src)
	require.NoError(t, err)
	require.Len(t, rep.Created, 2)
	var ada *leads.Lead
	for l, err := range dst.List(ctx, leads.Query{}) {
		require.NoError(t, err)
		if l.LastName == "Lovelace" {
			ada = l
		}
	}
	require.NotNil(t, ada)
	require.Equal(t, "Ada Lovelace", ada.FullName)
	require.Equal(t, []leads.Email{{Address: "ada@engines.example"}, {Address: "ada2@engines.example"}}, ada.Emails)
	require.ElementsMatch(t, []leads.Phone{{Label: leads.PhoneBusiness, Number: "020 7946 0958"}, {Label: leads.PhoneMobile, Number: "07700 900123"}}, ada.Phones)
	require.Equal(t, []leads.Address{{Label: leads.AddressHome, Street: "1 Square", City: "London", PostalCode: "SW1"}}, ada.Addresses)
	require.Equal(t, "R&D", ada.Custom["Department"])
	require.Equal(t, "line one", ada.Comments[0].Text)
}

func TestZipBomb(t *testing.T) {
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	w, err := zw.Create("xl/worksheets/sheet1.xml")
	require.NoError(t, err)
	zeros := make([]byte, 1<<20)
	for range 6 {
		_, err = w.Write(zeros)
		require.NoError(t, err)
	}
	require.NoError(t, zw.Close())
	require.Less(t, buf.Len(), 100<<10, "6 MiB of zeros compress to little")
	_, _, err = xlsxfile.NewSource(bytes.NewReader(buf.Bytes()), xlsxfile.Options{MaxUnzippedBytes: 2 << 20})
	require.ErrorIs(t, err, xlsxfile.ErrTooLarge)
	require.ErrorContains(t, err, "zip bomb")

	_, _, err = xlsxfile.NewSource(io.MultiReader(strings.NewReader(strings.Repeat("x", 2000))), xlsxfile.Options{MaxFileBytes: 1000})
	require.ErrorIs(t, err, xlsxfile.ErrTooLarge)
	_, _, err = xlsxfile.NewSource(strings.NewReader("not a zip"), xlsxfile.Options{})
	require.ErrorContains(t, err, "not an Excel workbook")
}

func TestSheetWithCustomMapping(t *testing.T) {
	f := excelize.NewFile()
	require.NoError(t, f.SetSheetRow("Sheet1", "A1", &[]any{"Contact", "Org", "Mail"}))
	require.NoError(t, f.SetSheetRow("Sheet1", "A2", &[]any{"Grace Hopper", "Navy", "grace@navy.example"}))
	require.NoError(t, f.SetSheetRow("Sheet1", "A4", &[]any{"Alan Turing", "Bletchley"}))
	var buf bytes.Buffer
	require.NoError(t, f.Write(&buf))
	tg := func(s string) importexport.Target {
		x, err := importexport.ParseTarget(s)
		require.NoError(t, err)
		return x
	}
	src, closer, err := xlsxfile.NewSource(&buf, xlsxfile.Options{TableOptions: importexport.TableOptions{
		Map: map[string]importexport.Target{"Contact": tg("full_name"), "Org": tg("company"), "Mail": tg("email")}}})
	require.NoError(t, err)
	defer closer.Close()
	book := leads.New(memory.New())
	rep, err := (&importexport.Importer{Book: book}).Import(context.Background(), src)
	require.NoError(t, err)
	require.Len(t, rep.Created, 2)
	require.Equal(t, 4, rep.Created[1].Row, "the blank row 3 is skipped, rows keep Excel's numbers")
}
