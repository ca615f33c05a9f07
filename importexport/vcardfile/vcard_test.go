package vcardfile_test

import (
	"bytes"
	"context"
	"fmt"
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
	in := "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Ada\r\nEND:VCARD\r\n" +
		"BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Bob\r\nPHOTO;ENCODING=b:bm90IGFuIGltYWdl\r\nEND:VCARD\r\n" +
		"BEGIN:VCARD\r\nVERSION:3.0\r\nNOTE:nothing to call anyone by\r\nEND:VCARD\r\n" +
		"BEGIN:VCARD\r\nFN:Dee\r\n"
	rows := readAll(t, strings.NewReader(in))
	require.Len(t, rows, 4)
	require.NoError(t, rows[0].Err)
	require.NoError(t, rows[1].Err, "a bad photo is left out, the card kept")
	require.Nil(t, rows[1].Lead.Photo)
	require.Contains(t, rows[1].Warnings[0].Reason, "not a JPEG, PNG or GIF")
	require.Equal(t, "PHOTO", rows[1].Warnings[0].Column)
	require.ErrorContains(t, rows[2].Err, "no name, e-mail address or phone number")
	var re *leads.RowError
	require.ErrorAs(t, rows[2].Err, &re)
	require.Equal(t, 3, re.Row)
	require.ErrorIs(t, rows[2].Err, leads.ErrInvalid)
	require.NoError(t, rows[3].Err, "a card cut short is kept")
	require.Equal(t, "Dee", rows[3].Lead.FullName)
	require.Contains(t, rows[3].Warnings[0].Reason, "no END:VCARD")
}

// TestRepairs: each kind of damage real writers cause is repaired, the card
// imported, and a warning names the property.
func TestRepairs(t *testing.T) {
	for _, tc := range []struct {
		name, in string
		want     func(t *testing.T, l *leads.Lead)
		column   string // of the warning; "-" for none
		reason   string
	}{
		{"fold without leading space", "BEGIN:VCARD\nVERSION:3.0\nFN:Ada Lovelace\nNOTE:" + strings.Repeat("long note text ", 5) + "\ncontinued here\nEND:VCARD\n",
			func(t *testing.T, l *leads.Lead) {
				require.Equal(t, strings.Repeat("long note text ", 5)+"continued here", l.Comments[0].Text)
			}, "NOTE", "continuation"},
		{"unescaped newline in a short note", "BEGIN:VCARD\nVERSION:3.0\nFN:Ada\nNOTE:first\nPhone: ask Bob\nEND:VCARD\n",
			func(t *testing.T, l *leads.Lead) { require.Equal(t, "first\nPhone: ask Bob", l.Comments[0].Text) }, "NOTE", "continuation"},
		{"no colon", "BEGIN:VCARD\nVERSION:2.1\nFN:Ada\nTEL;CELL +44 20 7946 0000\nEND:VCARD\n",
			func(t *testing.T, l *leads.Lead) {
				require.Equal(t, []leads.Phone{{Label: leads.PhoneMobile, Number: "+44 20 7946 0000"}}, l.Phones)
			}, "TEL", "no colon"},
		{"comma after the name", "BEGIN:VCARD\nVERSION:3.0\nFN:Ada\nTEL,TYPE=WORK:+44 1\nEND:VCARD\n",
			func(t *testing.T, l *leads.Lead) {
				require.Equal(t, []leads.Phone{{Label: leads.PhoneBusiness, Number: "+44 1"}}, l.Phones)
			}, "TEL", "comma"},
		{"LABEL,TYPE= typo", "BEGIN:VCARD\nVERSION:3.0\nFN:Ada\nLABEL,TYPE=HOME:1 Main St\nEMAIL:a@x.example\nEND:VCARD\n",
			func(t *testing.T, l *leads.Lead) { require.Equal(t, "a@x.example", l.Emails[0].Address) }, "LABEL", "comma"},
		{"repeated key in a list", "BEGIN:VCARD\nVERSION:3.0\nFN:Ada\nTEL;TYPE=CELL,TYPE=VOICE:1\nEND:VCARD\n",
			func(t *testing.T, l *leads.Lead) { require.Equal(t, leads.PhoneMobile, l.Phones[0].Label) }, "TEL", "its own parameter"},
		{"unbalanced quote", "BEGIN:VCARD\nVERSION:3.0\nFN;LANGUAGE=\"en:Ada\nEND:VCARD\n",
			func(t *testing.T, l *leads.Lead) { require.Equal(t, "Ada", l.FullName) }, "FN", "unbalanced quote"},
		{"misspelt encoding", "BEGIN:VCARD\nVERSION:2.1\nFN;ENCODING=QP:J=FCrgen\nEND:VCARD\n",
			func(t *testing.T, l *leads.Lead) { require.Equal(t, "Jürgen", l.FullName) }, "FN", "QUOTED-PRINTABLE"},
		{"qp soft break and bad escape", "BEGIN:VCARD\nVERSION:2.1\nFN:Ada\nNOTE;ENCODING=QUOTED-PRINTABLE;CHARSET=UTF-8:50=% off=\n for caf=C3=A9s\nEND:VCARD\n",
			func(t *testing.T, l *leads.Lead) { require.Equal(t, "50=% off for cafés", l.Comments[0].Text) }, "NOTE", "kept as written"},
		{"unknown charset", "BEGIN:VCARD\nVERSION:2.1\nFN;CHARSET=X-MAC-WEIRD:Ada\nEND:VCARD\n",
			func(t *testing.T, l *leads.Lead) { require.Equal(t, "Ada", l.FullName) }, "FN", "unknown charset"},
		{"address with a name", "BEGIN:VCARD\nVERSION:3.0\nFN:Ada\nEMAIL:Ada L <ada@x.example>, mailto:al@y.example\nEND:VCARD\n",
			func(t *testing.T, l *leads.Lead) {
				require.Equal(t, []leads.Email{{Address: "ada@x.example"}, {Address: "al@y.example"}}, l.Emails)
			}, "EMAIL", "were read from the value"},
		{"no address at all", "BEGIN:VCARD\nVERSION:3.0\nFN:Ada\nEMAIL:none\nEND:VCARD\n",
			func(t *testing.T, l *leads.Lead) { require.Empty(t, l.Emails) }, "EMAIL", "left out"},
		{"name from the address", "BEGIN:VCARD\nVERSION:3.0\nEMAIL:ada.lovelace@x.example\nEND:VCARD\n",
			func(t *testing.T, l *leads.Lead) { require.Equal(t, "Ada Lovelace", l.FullName) }, "FN", "no name"},
		{"name from the phone", "BEGIN:VCARD\nVERSION:3.0\nTEL:+1 555 0100\nEND:VCARD\n",
			func(t *testing.T, l *leads.Lead) { require.Equal(t, "+1 555 0100", l.FullName) }, "FN", "no name"},
		{"comment line", "BEGIN:VCARD\nVERSION:2.1\nFN:Ada\n# exported by hand\nEND:VCARD\n",
			func(t *testing.T, l *leads.Lead) { require.Empty(t, l.Comments) }, "FN", "comment"},
		{"backslash continuation", "BEGIN:VCARD\nVERSION:2.1\nFN:Ada\nADR;HOME:;;Flat 2\\\nMain St 5;Berlin;;10115;DE\nEND:VCARD\n",
			func(t *testing.T, l *leads.Lead) { require.Equal(t, "Flat 2\nMain St 5", l.Addresses[0].Street) }, "ADR", "continuation"},
		{"junk line after BEGIN", "BEGIN:VCARD\n(no properties)\nFN:Ada\nEND:VCARD\n",
			func(t *testing.T, l *leads.Lead) { require.Equal(t, "Ada", l.FullName) }, "", "left out"},
		{"clean card", "BEGIN:VCARD\nVERSION:3.0\nFN:Ada\nEND:VCARD\n",
			func(t *testing.T, l *leads.Lead) { require.Equal(t, "Ada", l.FullName) }, "-", ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			rows := readAll(t, strings.NewReader(tc.in))
			require.Len(t, rows, 1)
			require.NoError(t, rows[0].Err)
			tc.want(t, rows[0].Lead)
			if tc.column == "-" {
				require.Empty(t, rows[0].Warnings)
				return
			}
			require.NotEmpty(t, rows[0].Warnings)
			w := rows[0].Warnings[0]
			require.Equal(t, tc.column, w.Column, w.String())
			require.Contains(t, w.Reason, tc.reason)
			require.Equal(t, 1, w.Row)
		})
	}
}

// TestNested: a card inside a card (2.1's AGENT, or a missing END) is a
// card of its own; the outer one goes on after it.
func TestNested(t *testing.T) {
	rows := readAll(t, strings.NewReader("BEGIN:VCARD\nVERSION:2.1\nN:Boss\nAGENT:\nBEGIN:VCARD\nVERSION:2.1\nN:Assistant\nEND:VCARD\nTEL:1\nEND:VCARD\n"))
	require.Len(t, rows, 2)
	require.Equal(t, 2, rows[0].Number)
	require.Equal(t, "Assistant", rows[0].Lead.FullName)
	require.Equal(t, 1, rows[1].Number)
	require.Equal(t, "Boss", rows[1].Lead.FullName)
	require.Equal(t, "1", rows[1].Lead.Phones[0].Number)
}

func TestNotAVCard(t *testing.T) {
	src := vcardfile.NewSource(strings.NewReader("Name,E-mail\nAda,ada@x.example\n"))
	_, err := src.Next()
	require.ErrorIs(t, err, vcardfile.ErrNoCard)
	require.ErrorIs(t, err, importexport.ErrNoRecords)
	for _, empty := range []string{"", "\r\n\r\n  \n"} {
		_, err = vcardfile.NewSource(strings.NewReader(empty)).Next()
		require.Equal(t, io.EOF, err, "an empty file is no error here")
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

func vcardfileSource(b []byte) *vcardfile.Source { return vcardfile.NewSource(bytes.NewReader(b)) }

// TestNoEnds: a writer that leaves out every END:VCARD loses nobody.
func TestNoEnds(t *testing.T) {
	var b strings.Builder
	for i := range 20 {
		fmt.Fprintf(&b, "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Person %d\r\nEMAIL:p%d@x.example\r\n", i, i)
	}
	rows := readAll(t, strings.NewReader(b.String()))
	require.Len(t, rows, 20)
	seen := map[string]bool{}
	for _, r := range rows {
		require.NoError(t, r.Err)
		seen[r.Lead.FullName] = true
		require.Len(t, r.Lead.Emails, 1)
		require.NotEmpty(t, r.Warnings)
	}
	require.Len(t, seen, 20)
}
