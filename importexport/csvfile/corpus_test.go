package csvfile_test

import (
	"context"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/leadkit/leads"
	"github.com/leadkit/leads/importexport"
	"github.com/leadkit/leads/importexport/csvfile"
	"github.com/leadkit/leads/storage/memory"
)

// person is what a person reading a corpus file expects of one row.
type person struct {
	name    string
	emails  []string // addresses, any order
	phones  []string // numbers as written, any order
	company string   // "" when not checked
}

// corpusCase is one real file written by another program (see
// testdata/corpus/README.md for where each comes from). The expected values
// were written from reading the file, not from the reader's output.
type corpusCase struct {
	file     string
	skip     string   // why the file cannot pass yet, naming the issue
	people   []person // the first people of the file, in file order
	count    int      // people in all when more than listed; 0: len(people)
	rejected []int    // rows a person would reject too (no name, e-mail or phone)
	warning  string   // a file warning that must appear
}

var corpus = []corpusCase{
	{file: "mautic-contacts.csv", people: []person{
		{name: "John doe", emails: []string{"john@doe.email"}},
		{name: "Ferda Mravenec", emails: []string{"ferda@mravenec.email"}},
	}},
	{file: "mautic-10contacts.csv", people: []person{
		{name: "Ariel N.", emails: []string{"ariel@example.com"}, company: "Enterprise Example Organization"},
		{name: "Dana A.", emails: []string{"dana@example.net"}},
		{name: "Kai W.", emails: []string{"kai@example.com"}},
		{name: "Kiran K.", emails: []string{"kiran@example.com"}},
		{name: "Sasha A.", emails: []string{"sasha@example.net"}},
		{name: "Yuri T.", emails: []string{"yuri@example.net"}},
		{name: "Penny Moore", emails: []string{"PennyKMoore@dayrep.com"}, company: "Williams Bros."},
		{name: "Henry Catalano", emails: []string{"HenryLCatalano@einrot.com"}},
		{name: "Stephanie Cone", emails: []string{"StephanieMCone@teleworm.us"}},
		{name: "Andrew Flanagan", emails: []string{"AndrewVFlanagan@dayrep.com"}, company: "William Wanamaker & Sons"},
	}},
	{file: "roundcube-all.csv", people: []person{
		{name: "Display Name", company: "Company",
			emails: []string{"home@example.com", "work@example.com", "other@example.com"},
			phones: []string{"100", "200", "300", "400", "500", "600", "700", "800", "900", "111", "333", "444"}},
	}},
	{file: "roundcube-email.csv",
		// No names: each takes its name from its address.
		people: []person{{name: "Test1", emails: []string{"test1@domain.tld"}}, {name: "Test2", emails: []string{"test2@domain.tld"}},
			{name: "Test3", emails: []string{"test3@domain.tld"}}, {name: "Test4", emails: []string{"test4@domain.tld"}}}},
	{file: "roundcube-outlook.csv",
		people: []person{{name: "Test1", emails: []string{"test1@domain.tld", "test2@domain.tld", "test3@domain.tld"}}}},
	{file: "roundcube-gmail.csv",
		people: []person{{name: "Prefix Firstname Middle Lastname Suffix", company: "company",
			emails: []string{"home@aaa.pl", "work@email.pl", "unknown@email.com", "other@email.com"}}}},
	{file: "roundcube-tb_plain.csv",
		people: []person{{name: "Displayname", company: "Organization", emails: []string{"test@domain.tld", "next@domain.tld"}}}},
	{file: "thunderbird-basic_addressbook.csv", people: []person{{name: "John Doe", emails: []string{"johndoe@host.invalid"}}}},
	{file: "thunderbird-basic_csv_addressbook.csv", people: []person{
		{name: "John Doe", emails: []string{"john@doe.invalid"}}, {name: "Jane Doe", emails: []string{"jane@doe.invalid"}}}},
	{file: "thunderbird-browser-import.csv", people: []person{{name: "contact number one", emails: []string{"contact1@invalid"}}}},
	{file: "thunderbird-csv_no_header.csv", warning: "no header row", people: []person{
		{name: "John Doe", emails: []string{"john@doe.invalid"}}, {name: "Jane Doe", emails: []string{"jane@doe.invalid"}}}},
	{file: "thunderbird-csv_semicolon.csv", people: []person{
		{name: "John Doe", emails: []string{"john@doe.invalid"}}, {name: "Jane Doe", emails: []string{"jane@doe.invalid"}}}},
	{file: "thunderbird-export.csv", people: []person{
		{name: "contact number one", emails: []string{"contact1@invalid"}}, {name: "contact number two", emails: []string{"contact2@invalid"}}}},
	{file: "thunderbird-quote.csv", people: []person{{name: "Acer America", company: "Acer America", phones: []string{"(800) 000-0000"}}}},
	{file: "thunderbird-shiftjis_addressbook.csv", warning: "Shift_JIS", people: []person{
		{name: "名無しの権兵衛", emails: []string{"名無しの権兵衛@host.invalid"}}}},
	{file: "thunderbird-tab_comma_mixed.csv", warning: "no header row", people: []person{
		{name: "1", emails: []string{"1@host.invalid"}}, {name: "2", emails: []string{"2@host.invalid"}},
		{name: "3", emails: []string{"3@host.invalid"}}, {name: "4", emails: []string{"4@host.invalid"}}}},
	{file: "thunderbird-utf16_addressbook.csv", people: []person{{name: "John Doe", emails: []string{"johndoe@host.invalid"}}}},
	{file: "tine-google_contacts.csv", people: []person{
		{name: "Ando", phones: []string{"+49227913452"}}, {name: "Anna", phones: []string{"+494471707801"}},
		{name: "Anne", phones: []string{"01235684494"}}, {name: "axel", emails: []string{"abc@here.de"}, phones: []string{"+4921234435"}},
		{name: "Bus Winsen", phones: []string{"021224351809"}}}},
	{file: "tine-lxoffice2.csv",
		people: []person{{name: "Berger", phones: []string{"12345"}}, {name: "Nitsch", phones: []string{"12345"}}, {name: "Wolfer"},
			{name: "Dr. Schutheiss", phones: []string{"1233453"}},
			{name: "Gartencenter Röhr & Vater", emails: []string{"adr1l@googlemail.com", "adr2l@googlemail.com", "adr3l@googlemail.com"},
				phones: []string{"123 2323883", "123 92319"}},
			{name: "Nitsch", phones: []string{"12345"}}}},
	{file: "tine-mac-addressbook-de.csv", warning: "another language (de)", people: []person{
		{name: "Max Mustermann", company: "Musterfirma", emails: []string{"max@muster.de"}, phones: []string{"04012345"}}}},
	{file: "tine-outlook2007-de.csv",
		people: []person{{name: "The Firm", company: "The Firm", phones: []string{"+4983242332"}},
			{name: "Vorname Nachname", company: "Firma", emails: []string{"email@example.org"}, phones: []string{"+4923782112"}}}},
	{file: "tine-outlook2013-de-1252.csv", warning: "windows-1252", people: []person{
		{name: "Christian Baumann", company: "unittest", emails: []string{"c.baumann@unittest.de"}, phones: []string{"+49 (0) 40 6432131-550"}},
		{name: "Cornelius Weiß", company: "unittest", emails: []string{"c.weiss@unittest.de"},
			phones: []string{"040 6432131545", "0176 164321545"}}}},
	{file: "tine-win1252.csv", warning: "windows-1252", people: []person{
		{name: "Peter Pan", emails: []string{"peter.pan@ecologic.eu"}}, {name: "Maja Biene", emails: []string{"maja.biene@bienenstock.de"}},
		{name: "ÖzdemirÖ Üglü", emails: []string{"oezdemir@ueglue.tu"}}, {name: "Weiss Cornelius", emails: []string{"c.weiss@metaways.de"}}}},
}

func init() {
	// The fake lead data of Mautic: 50 people, then 4 rows with only an
	// address (no name, e-mail or phone), which any reader rejects.
	corpus = append(corpus, corpusCase{file: "mautic-fakeleaddata.csv", count: 50, rejected: []int{52, 53, 54, 55}, people: []person{
		{name: "Mrs. Penny Moore", company: "Williams Bros.", emails: []string{"PennyKMoore@dayrep.com"}, phones: []string{"070 7086 0753"}},
		{name: "Mr. Henry Catalano", emails: []string{"HenryLCatalano@einrot.com"}, phones: []string{"082 118 9037"}},
	}})
}

// TestCorpus imports each real file of testdata/corpus: first a dry run,
// which must find the people expected, in file order, and reject only the
// rows expected; then an import into a memory store, whose leads must hold
// the e-mail addresses and phone numbers written in the file.
func TestCorpus(t *testing.T) {
	files, err := filepath.Glob(filepath.Join("testdata", "corpus", "*.csv"))
	if err != nil {
		t.Fatal(err)
	}
	if len(files) != len(corpus) {
		t.Errorf("%d files in testdata/corpus, %d cases", len(files), len(corpus))
	}
	for _, tc := range corpus {
		t.Run(tc.file, func(t *testing.T) {
			if tc.skip != "" {
				t.Skip(tc.skip)
			}
			ctx := context.Background()
			data, err := os.ReadFile(filepath.Join("testdata", "corpus", tc.file))
			if err != nil {
				t.Fatal(err)
			}
			src, err := csvfile.NewSource(strings.NewReader(string(data)), csvfile.Options{})
			if err != nil {
				t.Fatal(err)
			}
			store := memory.New()
			dry := importexport.Importer{Book: leads.New(store), DryRun: true, SkipBadRows: true}
			rep, err := dry.Import(ctx, src)
			if err != nil {
				t.Fatal(err)
			}
			var names []string
			for _, o := range rep.Created {
				names = append(names, o.Name)
			}
			count := tc.count
			if count == 0 {
				count = len(tc.people)
			}
			if len(names) != count || !slices.Equal(names[:len(tc.people)], tc.names()) {
				t.Errorf("%d people\n%q\nwant %d, first\n%q", len(names), names, count, tc.names())
			}
			var rejected []int
			for _, r := range rep.Rejected {
				if !slices.Contains(rejected, r.Row) {
					rejected = append(rejected, r.Row)
				}
			}
			if !slices.Equal(rejected, tc.rejected) {
				t.Errorf("rejected rows %v, want %v (%v)", rejected, tc.rejected, rep.Rejected)
			}
			if tc.warning != "" {
				found := false
				for _, w := range src.FileWarnings() {
					found = found || strings.Contains(w.String(), tc.warning)
				}
				if !found {
					t.Errorf("no file warning naming %q in %v", tc.warning, src.FileWarnings())
				}
			}
			// Nothing was stored by the dry run.
			n := 0
			for _, err := range leads.New(store).List(ctx, leads.Query{}) {
				if err != nil {
					t.Fatal(err)
				}
				n++
			}
			if n != 0 {
				t.Fatalf("the dry run stored %d leads", n)
			}

			src, err = csvfile.NewSource(strings.NewReader(string(data)), csvfile.Options{})
			if err != nil {
				t.Fatal(err)
			}
			book := leads.New(memory.New())
			if _, err := (&importexport.Importer{Book: book, SkipBadRows: true}).Import(ctx, src); err != nil {
				t.Fatal(err)
			}
			var stored []*leads.Lead
			for l, err := range book.List(ctx, leads.Query{}) {
				if err != nil {
					t.Fatal(err)
				}
				stored = append(stored, l)
			}
			for _, p := range tc.people {
				l := findLead(stored, p.name)
				if l == nil {
					t.Errorf("%q not stored", p.name)
					continue
				}
				var emails, phones []string
				for _, e := range l.Emails {
					emails = append(emails, e.Address)
				}
				for _, ph := range l.Phones {
					if !slices.Contains(phones, ph.Number) {
						phones = append(phones, ph.Number)
					}
				}
				if !sameSet(emails, p.emails) {
					t.Errorf("%q: e-mails %q, want %q", p.name, emails, p.emails)
				}
				if !sameSet(phones, p.phones) {
					t.Errorf("%q: phones %q, want %q", p.name, phones, p.phones)
				}
				if p.company != "" && l.Company != p.company {
					t.Errorf("%q: company %q, want %q", p.name, l.Company, p.company)
				}
			}
		})
	}
}

func (tc corpusCase) names() []string {
	var out []string
	for _, p := range tc.people {
		out = append(out, p.name)
	}
	return out
}

func findLead(ls []*leads.Lead, name string) *leads.Lead {
	for _, l := range ls {
		if l.FullName == name {
			return l
		}
	}
	return nil
}

func sameSet(a, b []string) bool {
	a, b = slices.Clone(a), slices.Clone(b)
	slices.Sort(a)
	slices.Sort(b)
	return slices.Equal(a, b)
}
