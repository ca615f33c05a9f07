package vcardfile_test

import (
	"bytes"
	"context"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/leadkit/leads"
	"github.com/leadkit/leads/importexport"
	"github.com/leadkit/leads/importexport/vcardfile"
	"github.com/leadkit/leads/storage/memory"
	"github.com/stretchr/testify/require"
)

func readAll(t *testing.T, r io.Reader) []importexport.Row {
	t.Helper()
	src := vcardfile.NewSource(r)
	var rows []importexport.Row
	for {
		row, err := src.Next()
		if err == io.EOF {
			return rows
		}
		require.NoError(t, err)
		rows = append(rows, row)
	}
}

func readFile(t *testing.T, name string) []*leads.Lead {
	f, err := os.Open(filepath.Join("testdata", name))
	require.NoError(t, err)
	defer f.Close()
	var out []*leads.Lead
	for _, r := range readAll(t, f) {
		require.NoError(t, r.Err)
		require.NoError(t, r.Lead.Validate())
		out = append(out, r.Lead)
	}
	return out
}

func TestVersion21(t *testing.T) {
	ls := readFile(t, "outlook-2.1.vcf")
	require.Len(t, ls, 1)
	l := ls[0]
	require.Equal(t, "Dr. Jürgen Müller", l.FullName)
	require.Equal(t, "Müller", l.LastName)
	require.Equal(t, "Jürgen", l.FirstName)
	require.Equal(t, "Dr.", l.Title)
	require.Equal(t, "Bäckerei Groß GmbH", l.Company)
	require.Equal(t, "Geschäftsführer", l.JobTitle)
	require.Equal(t, []leads.Phone{{Label: leads.PhoneBusiness, Number: "+49 30 1234567"},
		{Label: leads.PhoneMobile, Number: "+49 170 1234567"}, {Label: leads.PhoneFax, Number: "+49 30 1234568"}}, l.Phones)
	require.Equal(t, []leads.Email{{Address: "juergen@baeckerei.example"}, {Label: "home", Address: "jm@privat.example"}}, l.Emails)
	require.Equal(t, leads.Address{Label: leads.AddressBusiness, Street: "Hauptstraße 5\r\nHinterhaus", City: "Köln", State: "NRW",
		PostalCode: "50667", Country: "Deutschland"}, l.Addresses[0])
	require.Equal(t, "Erster Kontakt auf der Messe, sehr interessiert an einem Angebot für2027.\r\nZweite Zeile.", l.Comments[0].Text)
	require.NotNil(t, l.Photo)
	require.Equal(t, leads.ContentTypePNG, l.Photo.ContentType)
}

func TestVersion30(t *testing.T) {
	ls := readFile(t, "apple-3.0.vcf")
	require.Len(t, ls, 2)
	g := ls[0]
	require.Equal(t, "RADM Grace Brewster Murray Hopper", g.FullName)
	require.Equal(t, "US Navy", g.Company)
	require.Equal(t, "Director, Navy Programming Languages", g.JobTitle)
	require.Equal(t, []leads.Email{{Label: "work", Address: "grace@navy.example"}, {Label: "home", Address: "grace@home.example"}}, g.Emails)
	require.Equal(t, leads.PhoneMobile, g.Phones[0].Label)
	require.Equal(t, leads.PhoneHome, g.Phones[1].Label)
	require.Equal(t, "1 Navy Way\nBuilding 5", g.Addresses[0].Street)
	require.Equal(t, leads.AddressHome, g.Addresses[1].Label)
	require.Equal(t, "Invented the first compiler. Wants to hear about our \"nanosecond\" wires; call after 10.\nLikes COBOL.", g.Comments[0].Text)
	require.Equal(t, "Prospects,Navy", g.Custom["Categories"])
	require.NotNil(t, g.Photo, "a folded base64 photo")
	require.Equal(t, "Alan Turing", ls[1].FullName)
}

func TestVersion40(t *testing.T) {
	ls := readFile(t, "rfc6350-4.0.vcf")
	require.Len(t, ls, 1)
	k := ls[0]
	require.Equal(t, []leads.Phone{{Label: leads.PhoneBusiness, Number: "+1-757-555-0199"}, {Label: leads.PhoneMobile, Number: "+1-757-555-0111"}}, k.Phones)
	require.Equal(t, "Hampton", k.Addresses[0].City)
	require.Equal(t, leads.ContentTypePNG, k.Photo.ContentType)
	require.Equal(t, "19180826", k.Custom["Birthday"])
}

func TestBadCards(t *testing.T) {
	in := "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Ada\r\nthis line has no colon\r\nEND:VCARD\r\n" +
		"BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Bob\r\nPHOTO;ENCODING=b:bm90IGFuIGltYWdl\r\nEND:VCARD\r\n" +
		"BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Cyd\r\nEND:VCARD\r\n" +
		"BEGIN:VCARD\r\nFN:Dee\r\n"
	rows := readAll(t, strings.NewReader(in))
	require.Len(t, rows, 4)
	require.ErrorContains(t, rows[0].Err, "line 4")
	require.ErrorContains(t, rows[0].Err, "no colon")
	require.ErrorContains(t, rows[1].Err, "not a JPEG, PNG or GIF")
	require.NoError(t, rows[2].Err)
	require.ErrorContains(t, rows[3].Err, "END:VCARD")
	for i, r := range []int{1, 2, 4} {
		var re *leads.RowError
		require.ErrorAs(t, rows[r-1].Err, &re, i)
		require.Equal(t, r, re.Row)
	}
}

func TestLineTooLong(t *testing.T) {
	src := vcardfile.NewSource(io.MultiReader(strings.NewReader("BEGIN:VCARD\r\nNOTE:"), strings.NewReader(strings.Repeat("x", 3000))))
	src.MaxLine = 1000
	_, err := src.Next()
	require.ErrorIs(t, err, vcardfile.ErrLineTooLong)
}

func TestExportRoundTrip(t *testing.T) {
	ctx := context.Background()
	book := leads.New(memory.New())
	orig := readFile(t, "apple-3.0.vcf")[0]
	orig.Addresses[0].Street = "Suite 4; Floor 2, East\nBuilding 5"
	orig.FullName = strings.Repeat("Grace ", 20) + "Hopper"
	orig.LastName = "Hopper"
	created, err := book.Create(ctx, orig)
	require.NoError(t, err)
	var buf bytes.Buffer
	n, err := vcardfile.Export(ctx, &buf, book.List(ctx, leads.Query{}))
	require.NoError(t, err)
	require.Equal(t, 1, n)
	for _, line := range strings.Split(buf.String(), "\r\n") {
		require.LessOrEqual(t, len(line), 75, "folded")
	}
	back := readAll(t, &buf)
	require.Len(t, back, 1)
	require.NoError(t, back[0].Err)
	got := back[0].Lead
	require.Equal(t, created.FullName, got.FullName)
	require.Equal(t, created.Emails, got.Emails)
	require.Equal(t, created.Phones, got.Phones)
	require.Equal(t, created.Addresses[0].Street, got.Addresses[0].Street)
	require.Equal(t, created.Addresses[1:], got.Addresses[1:])
	require.Equal(t, created.Photo, got.Photo)
	require.Equal(t, created.Comments[0].Text, got.Comments[0].Text)
	require.Equal(t, created.Company, got.Company)
	require.Equal(t, created.JobTitle, got.JobTitle)
}
