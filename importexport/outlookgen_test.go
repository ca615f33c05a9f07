package importexport_test

import (
	"bufio"
	"context"
	"encoding/csv"
	"fmt"
	"io"
	"math/rand/v2"
	"os"
	"runtime"
	"strings"
	"testing"
	"time"

	"github.com/leadkit/leads"
	"github.com/leadkit/leads/importexport"
	"github.com/leadkit/leads/importexport/csvfile"
	"github.com/leadkit/leads/storage/memory"
	"github.com/stretchr/testify/require"
)

// outlookHeader is the header of the generated file: the columns of an
// Outlook contacts export that the generator fills, in Outlook's order.
var outlookHeader = []string{"Title", "First Name", "Middle Name", "Last Name", "Suffix", "Company", "Department",
	"Job Title", "Business Street", "Business City", "Business Postal Code", "Business Country/Region",
	"Business Phone", "Mobile Phone", "Home Phone", "Pager", "E-mail Address", "E-mail Display Name",
	"E-mail 2 Address", "Notes", "Web Page", "Categories"}

// The generator's pools: names as people write them (accents, Cyrillic,
// Polish, Nordic, Japanese), large companies where namesakes work, and
// phone numbers with their extensions in the words of several languages.
var (
	genFirst = []string{"John", "Mary", "José", "François", "Zoë", "Łukasz", "Søren", "Иван", "Ольга", "Дмитрий",
		"Jürgen", "Ana María", "Siobhán", "Ngọc", "太郎", "Ahmed", "Chloé", "Małgorzata", "Björn", "Анастасия"}
	genLast = []string{"Smith", "Müller", "García Márquez", "Dupont", "Kowalski", "Иванов", "Петрова", "Nguyễn",
		"O'Brien", "Jørgensen", "山田", "Schäfer", "Lefèvre", "Wiśniewska", "Соколов", "Nakamura", "van der Berg",
		"D'Angelo", "Kuznetsova", "Fernández"}
	genCompanies = []string{"Acme Corporation", "Globex GmbH", "Initech, Inc.", "Umbrella S.A.", "ООО «Ромашка»",
		"Hooli", "Soylent Corp.", "Stark Industries", "Wayne Enterprises", "Tyrell Corp", "株式会社サンプル", "Cyberdyne Systems"}
	genPhones = []string{
		"+7 495 123-45-67 доб. 123",
		"+49 30 1234567 Durchwahl 12",
		"(555) 123-4567 x89",
		"+1 555 123 4567 ext. 12",
		"+33 1 23 45 67 89 poste 12",
		"03-1234-5678 内線123",
		"+44 20 7946 0000;ext=12",
		"+1 (555) 123-4567 #12",
		"+48 22 123 45 67 wew. 34",
		"+34 91 123 45 67 ext 5",
		"+39 06 1234 5678 int. 21",
		"+31 20 123 4567 toestel 8",
		"+55 11 2345-6789 ramal 77",
		"+7 812 765-43-21 доб.9",
		"+1-800-FLOWERS",
	}
	genNotes = []string{
		"Met at the fair.\nFollow up in Q3, \"urgent\".",
		"Встреча на выставке.\r\nПерезвонить после 15:00; спросить про договор №42.",
		"Rückruf erbeten\n\n– Durchwahl siehe oben",
		"", "", "",
		"Likes: coffee, jazz, \"quotes\", and commas",
	}
)

// genFile describes what the generator wrote: every distinct e-mail
// address (lower-cased) and the rows that hold a phone with an extension.
type genFile struct {
	rows   int
	emails map[string]bool
	// johnSmiths counts the distinct people named John Smith (namesakes,
	// many at the same company, each with an address of their own).
	johnSmiths int
}

// writeOutlookCSV writes an Outlook-style CSV of n people to w: multi-line
// quoted notes, accented and Cyrillic names, phones with extensions in
// several languages, several addresses in one field, "Name <address>",
// a phone column holding a word, rows with an address but no name, common
// names at large companies with distinct addresses, and people exported
// twice (a row repeating an earlier one with all its addresses). It is
// deterministic for a given n.
func writeOutlookCSV(w io.Writer, n int) (*genFile, error) {
	r := rand.New(rand.NewPCG(uint64(n), 42))
	bw := bufio.NewWriterSize(w, 64<<10)
	cw := csv.NewWriter(bw)
	cw.UseCRLF = true
	g := &genFile{rows: n, emails: make(map[string]bool, n+n/4)}
	if err := cw.Write(outlookHeader); err != nil {
		return nil, err
	}
	rec := make([]string, len(outlookHeader))
	var earlier [][]string // a few rows to export twice
	for i := range n {
		for j := range rec {
			rec[j] = ""
		}
		if i%97 == 50 && len(earlier) > 0 {
			// The same person exported twice: all of it again.
			copy(rec, earlier[r.IntN(len(earlier))])
			if err := cw.Write(rec); err != nil {
				return nil, err
			}
			continue
		}
		first, last := genFirst[r.IntN(len(genFirst))], genLast[r.IntN(len(genLast))]
		company := genCompanies[r.IntN(len(genCompanies))]
		if i%10 == 3 {
			// A common name at a large company: namesakes, each with an
			// address of their own.
			first, last, company = "John", "Smith", genCompanies[i%3]
		}
		domain := fmt.Sprintf("c%d.example", r.IntN(200))
		addr := fmt.Sprintf("p%d.%s@%s", i, []string{"a", "b", "c", "d"}[i%4], domain)
		rec[1], rec[3], rec[5] = first, last, company
		if i%13 == 0 {
			rec[0] = []string{"Dr.", "Mr.", "Ms.", "Prof."}[i%4]
		}
		if i%17 == 0 {
			rec[2] = "Q."
		}
		rec[6] = []string{"Sales", "R&D", "Отдел продаж", ""}[i%4]
		rec[7] = []string{"Engineer", "CEO", "Менеджер", "Einkäufer", ""}[i%5]
		rec[8] = fmt.Sprintf("%d Main St.\nSuite %d", i%900+1, i%40)
		rec[9] = []string{"Berlin", "Москва", "Paris", "東京", "New York"}[i%5]
		rec[10] = fmt.Sprintf("%05d", i%99999)
		rec[11] = []string{"Germany", "Россия", "France", "日本", "United States"}[i%5]
		rec[12] = genPhones[i%len(genPhones)]
		if i%3 == 0 {
			rec[13] = fmt.Sprintf("+49 151 %08d", i)
		}
		if i%50 == 7 {
			rec[14] = "Tel Iphone" // a word where a number belongs
		}
		if i%41 == 5 {
			rec[15] = "pager"
		}
		switch {
		case i%29 == 0:
			// Two addresses in one field, separated as Outlook does.
			second := fmt.Sprintf("p%d.home@mail.example", i)
			rec[16] = addr + "; " + second
			g.emails[second] = true
		case i%31 == 0:
			rec[16] = fmt.Sprintf("\"%s, %s\" <%s>", last, first, addr)
		case i%37 == 0:
			rec[16] = fmt.Sprintf("%s %s (%s)", first, last, addr)
		default:
			rec[16] = addr
		}
		g.emails[addr] = true
		rec[17] = fmt.Sprintf("%s %s (%s)", first, last, addr)
		if i%7 == 0 {
			second := fmt.Sprintf("P%d.Private@Home.example", i)
			rec[18] = second
			g.emails[strings.ToLower(second)] = true
		}
		if i%43 == 0 {
			// An address and no name at all.
			rec[0], rec[1], rec[2], rec[3], rec[5] = "", "", "", "", ""
		}
		// A row without a name takes the one written with its address.
		named := rec[1] != "" || i%29 != 0 && (i%31 == 0 || i%37 == 0)
		if first == "John" && last == "Smith" && named {
			g.johnSmiths++
		}
		rec[19] = genNotes[i%len(genNotes)]
		if i%23 == 0 {
			rec[20] = "www.example.com www.example.org"
		} else if i%5 == 0 {
			rec[20] = "https://" + domain + "/~p" + fmt.Sprint(i)
		}
		rec[21] = []string{"VIP", "Kunde;Messe", "", ""}[i%4]
		if err := cw.Write(rec); err != nil {
			return nil, err
		}
		if i%101 == 0 && len(earlier) < 200 {
			earlier = append(earlier, append([]string(nil), rec...))
		}
	}
	cw.Flush()
	if err := cw.Error(); err != nil {
		return nil, err
	}
	return g, bw.Flush()
}

// importGenerated writes n generated rows through a pipe into a CSV
// import into a new memory store and checks the rule of issue 14: no row
// rejected, and every distinct e-mail address of the file on a record
// afterwards.
func importGenerated(t *testing.T, n int) {
	ctx := context.Background()
	pr, pw := io.Pipe()
	type genResult struct {
		g   *genFile
		err error
	}
	done := make(chan genResult, 1)
	go func() {
		g, err := writeOutlookCSV(pw, n)
		pw.CloseWithError(err)
		done <- genResult{g, err}
	}()
	start := time.Now()
	src, err := csvfile.NewSource(pr, csvfile.Options{})
	require.NoError(t, err)
	require.Equal(t, "outlook", src.Preset())
	store := memory.New()
	book := leads.New(store)
	rep, err := (&importexport.Importer{Book: book}).Import(ctx, src)
	elapsed := time.Since(start)
	gen := <-done
	require.NoError(t, gen.err)
	require.NoError(t, err)
	g := gen.g
	t.Logf("%d rows in %v: %.0f rows/s; created %d, skipped %d, possible duplicates %d, warnings %d",
		n, elapsed.Round(time.Millisecond), float64(n)/elapsed.Seconds(), len(rep.Created), len(rep.Skipped), len(rep.Possible), len(rep.Warnings))

	require.Empty(t, rep.Rejected, "no row is rejected")
	require.Equal(t, n, len(rep.Created)+len(rep.Skipped)+len(rep.Updated), "every row is accounted for")
	for _, o := range rep.Skipped {
		require.Equal(t, "email", o.Match, "row %d: only the same person is skipped", o.Row)
	}
	require.Empty(t, rep.Possible, "every row has an address: no possible duplicate")

	// Every distinct address is on a record.
	seen := make(map[string]bool, len(g.emails))
	withExt := map[string]bool{}
	for _, p := range genPhones[:len(genPhones)-1] { // the last has no extension
		withExt[p] = true
	}
	phones, johnSmiths := 0, 0
	for l, err := range store.Leads().List(ctx, leads.Query{}) {
		require.NoError(t, err)
		for _, e := range l.Emails {
			seen[strings.ToLower(e.Address)] = true
		}
		for _, p := range l.Phones {
			if withExt[p.Number] {
				phones++
			}
		}
		if l.FirstName == "John" && l.LastName == "Smith" {
			johnSmiths++
		}
	}
	require.Equal(t, g.johnSmiths, johnSmiths, "namesakes with their own addresses are all kept")
	missing := 0
	for a := range g.emails {
		if !seen[a] {
			if missing < 5 {
				t.Errorf("address %s is on no record", a)
			}
			missing++
		}
	}
	require.Zero(t, missing, "addresses lost")

	// Phones with an extension in any language are kept as written.
	require.Greater(t, phones, len(rep.Created)*3/4, "phones with extensions are kept as written")
	runtime.KeepAlive(book)
}

// TestGeneratedOutlookCSV imports 20,000 generated Outlook rows; with
// LEADS_TEST_LARGE=1, 1,000,000.
func TestGeneratedOutlookCSV(t *testing.T) {
	n := 20_000
	if os.Getenv("LEADS_TEST_LARGE") == "1" {
		n = 1_000_000
	}
	importGenerated(t, n)
}
