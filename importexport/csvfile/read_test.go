package csvfile_test

import (
	"bytes"
	"context"
	"errors"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/leadkit/leads"
	"github.com/leadkit/leads/importexport"
	"github.com/leadkit/leads/importexport/csvfile"
	"github.com/leadkit/leads/storage/memory"
	"github.com/stretchr/testify/require"
)

func importFile(t *testing.T, name string, opt csvfile.Options, im importexport.Importer) (*importexport.Report, []*leads.Lead, string, error) {
	t.Helper()
	f, err := os.Open(filepath.Join("testdata", name))
	require.NoError(t, err)
	defer f.Close()
	return importReader(t, f, opt, im)
}

func importReader(t *testing.T, r io.Reader, opt csvfile.Options, im importexport.Importer) (*importexport.Report, []*leads.Lead, string, error) {
	t.Helper()
	ctx := context.Background()
	if im.Book == nil {
		im.Book = leads.New(memory.New())
	}
	src, err := csvfile.NewSource(r, opt)
	if err != nil {
		return nil, nil, "", err
	}
	rep, err := im.Import(ctx, src)
	var out []*leads.Lead
	for l, lerr := range im.Book.List(ctx, leads.Query{Sort: []leads.SortKey{leads.Asc(leads.FieldFileAs)}}) {
		require.NoError(t, lerr)
		out = append(out, l)
	}
	return rep, out, src.Preset(), err
}

func byName(ls []*leads.Lead, name string) *leads.Lead {
	for _, l := range ls {
		if l.FullName == name {
			return l
		}
	}
	return nil
}

func TestSampleFiles(t *testing.T) {
	tests := []struct {
		file   string
		preset string
		count  int
		check  func(t *testing.T, ls []*leads.Lead)
	}{
		{"outlook.csv", "outlook", 3, func(t *testing.T, ls []*leads.Lead) {
			ada := byName(ls, "Dr. Ada M. Lovelace")
			require.NotNil(t, ada)
			require.Equal(t, "Analytical Engines Ltd", ada.Company)
			require.Equal(t, "Chief Mathematician", ada.JobTitle)
			require.Equal(t, []leads.Email{{Address: "ada@analytical.example"}, {Address: "ADA.L@home.example"}}, ada.Emails)
			require.ElementsMatch(t, []leads.Phone{{Label: leads.PhoneFax, Number: "+44 20 7946 0959"},
				{Label: leads.PhoneBusiness, Number: "+44 20 7946 0958"}, {Label: leads.PhoneMobile, Number: "+44 7700 900123"}}, ada.Phones)
			require.Equal(t, []leads.Address{{Label: leads.AddressBusiness, Street: "12 St James's Square\nFloor 3",
				City: "London", PostalCode: "SW1Y 4JH", Country: "United Kingdom"}}, ada.Addresses)
			require.Equal(t, "Met at the Babbage lecture.\r\nWants a quote, \"soon\".", ada.Comments[0].Text, "the CRLF inside the quoted field kept")
			require.Equal(t, "Research", ada.Custom["Department"])
			require.Equal(t, []string{"https://analytical.example"}, ada.WebPages)
			jose := byName(ls, "José Núñez")
			require.NotNil(t, jose)
			require.Equal(t, leads.AddressHome, jose.Addresses[0].Label)
			require.Equal(t, "Café Ñandú, S.A.", jose.Company)
			require.NotNil(t, byName(ls, "Globex Corporation"), "a company-only contact is named after the company")
		}},
		{"google.csv", "google", 2, func(t *testing.T, ls []*leads.Lead) {
			g := byName(ls, "Grace Hopper")
			require.NotNil(t, g)
			require.Equal(t, []leads.Email{{Label: "Work", Address: "grace@navy.example"}, {Label: "Home", Address: "grace@home.example"}}, g.Emails)
			require.Equal(t, []leads.Phone{{Label: leads.PhoneMobile, Number: "+1 202-555-0142"}, {Label: leads.PhoneBusiness, Number: "+1 202-555-0100"}}, g.Phones)
			require.Equal(t, []leads.Address{{Label: leads.AddressBusiness, Street: "1 Navy Way", City: "Arlington", State: "VA", PostalCode: "22202", Country: "US"}}, g.Addresses)
			require.Equal(t, "US Navy", g.Company)
			require.Equal(t, "Rear Admiral", g.JobTitle)
		}},
		{"google-2024.csv", "google", 1, func(t *testing.T, ls []*leads.Lead) {
			k := ls[0]
			require.Equal(t, "Katherine Johnson", k.FullName)
			require.Equal(t, "NASA", k.Company)
			require.Equal(t, []leads.Email{{Label: "Work", Address: "kj@nasa.example"}}, k.Emails)
			require.Equal(t, leads.AddressHome, k.Addresses[0].Label)
		}},
		{"salesforce.csv", "salesforce", 2, func(t *testing.T, ls []*leads.Lead) {
			g := byName(ls, "Mr. Bertram Gilfoyle")
			require.NotNil(t, g)
			require.Equal(t, "Trade Show", g.Source)
			require.Equal(t, "Jane Seller", g.AssignedTo)
			require.Equal(t, "Hot", g.Custom["Rating"])
			require.Equal(t, "CA", g.Addresses[0].State)
			require.Equal(t, []leads.Phone{{Label: leads.PhoneBusiness, Number: "(650) 555-0101"}, {Label: leads.PhoneMobile, Number: "(650) 555-0177"}}, g.Phones)
		}},
		{"act.csv", "act", 1, func(t *testing.T, ls []*leads.Lead) {
			b := ls[0]
			require.Equal(t, "Brandee Davis", b.FullName)
			require.Equal(t, "Brandee's Bakery", b.Company)
			require.Equal(t, "2211 Main St\nSuite 4", b.Addresses[0].Street)
			require.Equal(t, "Trade show", b.Source)
		}},
		{"excel-semicolon-1252.csv", "generic", 3, func(t *testing.T, ls []*leads.Lead) {
			j := byName(ls, "Jürgen Müßig")
			require.NotNil(t, j, "Windows-1252 bytes are decoded")
			require.Equal(t, "Bäckerei Groß GmbH", j.Company)
			require.Equal(t, "Köln", j.Addresses[0].City)
			f := byName(ls, "François Dûpont")
			require.NotNil(t, f, "a short row is padded")
			require.Empty(t, f.Phones)
			r := byName(ls, "Renée O'Neil; Jr.")
			require.NotNil(t, r, "a quoted field keeps its semicolon")
			require.Equal(t, "München", r.Addresses[0].City)
		}},
		{"excel-unicode-utf16le.txt", "generic", 2, func(t *testing.T, ls []*leads.Lead) {
			z := byName(ls, "Zoë Ångström")
			require.NotNil(t, z)
			require.Equal(t, "Łódź Widgets Sp. z o.o.", z.Company)
			require.NotNil(t, byName(ls, "Дмитрий Иванов"))
		}},
		{"utf16be.csv", "generic", 1, func(t *testing.T, ls []*leads.Lead) {
			require.Equal(t, "Émile Zola", ls[0].FullName)
			require.Equal(t, "emile@zola.example", ls[0].PrimaryEmail())
		}},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			rep, ls, preset, err := importFile(t, tt.file, csvfile.Options{}, importexport.Importer{})
			require.NoError(t, err)
			require.Equal(t, tt.preset, preset)
			require.Len(t, rep.Created, tt.count)
			require.Len(t, ls, tt.count)
			tt.check(t, ls)
		})
	}
}

func TestDelimiterDetection(t *testing.T) {
	for _, tt := range []struct {
		in   string
		want rune
	}{
		{"a,b,c\n1,2,3\n", ','},
		{"a;b;c\n", ';'},
		{"a\tb\tc\n", '\t'},
		{"\"x,y\";b;c\n", ';'},
		{"single\n", ','},
	} {
		rr, err := csvfile.NewRecordReader(strings.NewReader(tt.in), csvfile.Options{})
		require.NoError(t, err)
		require.Equal(t, tt.want, rr.Comma(), tt.in)
	}
}

func TestCustomMappingAndUnmapped(t *testing.T) {
	in := "Who,Org,Mail,Cell,Region,Shoe size\nAda Lovelace,Engines,ada@x.example,+44 1,North,38\n"
	target := func(s string) importexport.Target {
		tg, err := importexport.ParseTarget(s)
		require.NoError(t, err)
		return tg
	}
	opt := csvfile.Options{TableOptions: importexport.TableOptions{Map: map[string]importexport.Target{
		"Who": target("full_name"), "Org": target("company"), "Mail": target("email"), "Cell": target("phone:Mobile"),
		"Region": target("custom.Sales region"),
	}, Unmapped: importexport.KeepUnmapped}}
	_, ls, _, err := importReader(t, strings.NewReader(in), opt, importexport.Importer{})
	require.NoError(t, err)
	require.Len(t, ls, 1)
	require.Equal(t, "Ada Lovelace", ls[0].FullName)
	require.Equal(t, []leads.Phone{{Label: leads.PhoneMobile, Number: "+44 1"}}, ls[0].Phones)
	require.Equal(t, map[string]string{"Sales region": "North", "Shoe size": "38"}, ls[0].Custom)

	opt.Unmapped = importexport.IgnoreUnmapped
	_, ls, _, err = importReader(t, strings.NewReader(in), opt, importexport.Importer{})
	require.NoError(t, err)
	require.Equal(t, map[string]string{"Sales region": "North"}, ls[0].Custom)

	_, err = importexport.ParseTarget("shoe_size")
	require.ErrorIs(t, err, importexport.ErrUnknownField)
}

func TestRaggedLongRow(t *testing.T) {
	in := "Name,Email\nAda,ada@x.example,,\nBob,bob@x.example,extra\n"
	rep, ls, _, err := importReader(t, strings.NewReader(in), csvfile.Options{}, importexport.Importer{SkipBadRows: true})
	require.NoError(t, err)
	require.Len(t, ls, 1, "empty extra cells are ignored")
	require.Len(t, rep.Rejected, 1)
	require.Equal(t, 3, rep.Rejected[0].Row)
	require.ErrorIs(t, rep.Rejected[0], leads.ErrInvalid)
}

func TestBadRowsAllOrNothing(t *testing.T) {
	in := "Name,Email,Phone\nAda,ada@x.example,1\n,nobody@x.example,2\nCyd,not-an-address,3\nDee,dee@x.example,no digits\n"
	// Strict: the rows a liberal import keeps with a warning are rejected.
	rep, ls, _, err := importReader(t, strings.NewReader(in), csvfile.Options{}, importexport.Importer{Strict: true})
	require.ErrorIs(t, err, importexport.ErrRowsRejected)
	require.Empty(t, ls, "one bad row: nothing imported")
	var re *leads.RowError
	require.ErrorAs(t, err, &re)
	got := map[int]string{}
	for _, r := range rep.Rejected {
		got[r.Row] = r.Column
	}
	require.Equal(t, map[int]string{3: "Name", 4: "Email", 5: "Phone"}, got)

	rep, ls, _, err = importReader(t, strings.NewReader(in), csvfile.Options{}, importexport.Importer{SkipBadRows: true, Strict: true})
	require.NoError(t, err)
	require.Len(t, ls, 1)
	require.Len(t, rep.Rejected, 3)
}

func TestRecordTooLong(t *testing.T) {
	// A 1 GB line, made lazily: the reader must stop after about the limit.
	var line io.Reader = io.MultiReader(strings.NewReader("Name,Email\n\"Ada"), &endless{b: 'x', n: 1 << 30})
	counted := &countingReader{r: line}
	_, _, _, err := importReader(t, counted, csvfile.Options{MaxRecordBytes: 1 << 20}, importexport.Importer{})
	require.ErrorIs(t, err, csvfile.ErrRecordTooLong)
	require.Contains(t, err.Error(), "row 2")
	require.Less(t, counted.n, int64(4<<20), "read at most a few MiB of the 1 GB line")
}

type endless struct {
	b byte
	n int64
}

func (e *endless) Read(p []byte) (int, error) {
	if e.n <= 0 {
		return 0, io.EOF
	}
	if int64(len(p)) > e.n {
		p = p[:e.n]
	}
	for i := range p {
		p[i] = e.b
	}
	e.n -= int64(len(p))
	return len(p), nil
}

type countingReader struct {
	r io.Reader
	n int64
}

func (c *countingReader) Read(p []byte) (int, error) {
	n, err := c.r.Read(p)
	c.n += int64(n)
	return n, err
}

func TestNoHeader(t *testing.T) {
	_, err := csvfile.NewSource(strings.NewReader("\n\n"), csvfile.Options{})
	require.True(t, errors.Is(err, importexport.ErrNoHeader))
	_, err = csvfile.NewSource(bytes.NewReader(nil), csvfile.Options{TableOptions: importexport.TableOptions{Preset: "lotus"}})
	require.Error(t, err)
}

func TestUTF8BOMAndExportLayout(t *testing.T) {
	in := "\uFEFFName,Email\r\nAda Lovelace,ada@x.example\r\n"
	_, ls, _, err := importReader(t, strings.NewReader(in), csvfile.Options{}, importexport.Importer{})
	require.NoError(t, err)
	require.Equal(t, "Ada Lovelace", ls[0].FullName, "the BOM is not part of the first column's name")

	var buf bytes.Buffer
	n, err := csvfile.Export(context.Background(), &buf, func(yield func(*leads.Lead, error) bool) {
		for _, l := range ls {
			if !yield(l, nil) {
				return
			}
		}
	}, csvfile.ExportOptions{NoBOM: true})
	require.NoError(t, err)
	require.Equal(t, 1, n)
	out := buf.String()
	require.True(t, strings.HasPrefix(out, "Title,First Name,Middle Name,Last Name,"), "no BOM, Outlook's header")
	require.Equal(t, 2, strings.Count(out, "\r\n"), "CRLF line ends")
	require.Contains(t, out, "ada@x.example,SMTP,ada@x.example")
}
