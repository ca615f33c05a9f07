package vcardfile_test

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/leadkit/leads"
	"github.com/stretchr/testify/require"
)

// person is what a corpus file is expected to yield for one card.
type person struct {
	name   string
	emails []string
	phones []string // "Label:number"
}

// corpus lists the real files of testdata/corpus (see its README.md) with
// the people a reader must find in them, written from reading each file.
var corpus = []struct {
	file     string
	people   []person
	rejected int    // cards with no name, e-mail or phone
	warn     string // a substring of some row warning, when the file needs repairs
	// liberalPhones marks files with phone values that today's validation
	// refuses (no digits, "@", ";ext=", "sip:"): issue 14.1 makes phones
	// free text.
	liberalPhones bool
}{
	{file: "android-v21_adr_multiple_line.vcf", people: []person{{name: "bogus"}}, warn: "continuation"},
	{file: "android-v21_complicated.vcf", people: []person{{name: "Joe Due",
		emails: []string{"forrestgump@walladalla.com", "cell@example.com"},
		phones: []string{"Business:(111) 555-1212", "Home:(404) 555-1212", "Mobile:0311111111", "Other:0322222222", "Other:0333333333"}}}},
	{file: "android-v21_invalid_comment_line.vcf", people: []person{{name: "Conference Call"}}, warn: "comment line"},
	{file: "android-v21_invalid_multiple_line.vcf", people: []person{{name: "Omega", emails: []string{"omega@example.com"}}}, warn: "omega@example.com were read"},
	{file: "android-v21_japanese_2.vcf", people: []person{{name: "安藤 ロイド 1"}}},
	{file: "android-v21_multiple_entry.vcf", people: []person{
		{name: "安藤ロイド3", phones: []string{"Other:9", "Other:10", "Other:11", "Fax:12"}},
		{name: "安藤ロイド4", phones: []string{"Other:13", "Other:14", "Other:15", "Other:16"}},
		{name: "安藤ロイド5", phones: []string{"Other:17", "Other:18", "Other:19", "Other:20"}}}},
	{file: "android-v21_nest.vcf", people: []person{{name: "nest1"}, {name: "nest2"}, {name: "parent", phones: []string{"Other:1"}}}},
	{file: "android-v21_winmo_65.vcf", people: []person{{name: "Example"}}},
	{file: "android-v30_ios_613_multiline.vcf", people: []person{{name: "Bob Smith", emails: []string{"bob@smithauto.com"}, phones: []string{"Mobile:(650) 555-1212"}}}},
	{file: "android-v30_japanese.vcf", people: []person{{name: "伊能 圭一 伊予"}}},
	{file: "android-v30_pager.vcf", people: []person{{name: "G M F", phones: []string{"Business:6101231234@pagersample.com"}}}, liberalPhones: true},
	{file: "android-v40_sip.vcf", people: []person{{name: "安藤 ロイド", phones: []string{"Home:1", "Home:sip:example@example.com"}}}, liberalPhones: true},
	{file: "ezvcard-John_Doe_ANDROID.vcf", people: []person{
		{name: "John Doe", emails: []string{"john.doe@company.com"}},
		{name: "Jane Doe", emails: []string{"jane.doe@company.com"}},
		{name: "Ñ Ñ Ñ Ñ Ñ", phones: []string{"Mobile:123456789"}},
		{name: "Ñ Ñ Ñ Ñ Ñ Ñ Ñ Ñ Ñ Ñ Ñ", phones: []string{"Mobile:123456", "Home:234567", "Mobile:3456789", "Home:45678901"}},
		{name: "Ñ Ñ Ñ Ñ", emails: []string{"bob@company.com"}, phones: []string{"Mobile:123456", "Business:123456", "Fax:123456"}},
		{name: "ÑÑÑÑ", emails: []string{"henry@company.com"}, phones: []string{"Mobile:55556666"}}}, warn: "made from its e-mail address"},
	{file: "ezvcard-John_Doe_BLACK_BERRY.vcf", people: []person{{name: "John Doe", phones: []string{"Mobile:+96123456789"}}}},
	{file: "ezvcard-John_Doe_EVOLUTION.vcf", people: []person{{name: "Mr. John Richter, James Doe Sr.", emails: []string{"john.doe@ibm.com"},
		phones: []string{"Mobile:905-666-1234", "Business:905-555-1234"}}}},
	{file: "ezvcard-John_Doe_GMAIL.vcf", people: []person{{name: "Mr. John Richter, James Doe Sr.", emails: []string{"john.doe@ibm.com"},
		phones: []string{"Mobile:905-555-1234", "Home:905-666-1234"}}}},
	{file: "ezvcard-John_Doe_IPHONE.vcf", people: []person{{name: "Mr. John Richter James Doe Sr.", emails: []string{"john.doe@ibm.com"},
		phones: []string{"Mobile:905-555-1234", "Home:905-666-1234", "Business:905-777-1234", "Fax:905-888-1234", "Fax:905-999-1234", "Other:905-111-1234", "Other:905-222-1234"}}}},
	{file: "ezvcard-John_Doe_LOTUS_NOTES.vcf", people: []person{{name: "Mr. Doe John I Johny", emails: []string{"john.doe@ibm.com", "billy_bob@gmail.com"},
		phones: []string{"Mobile:+1 (212) 204-34456", "Fax:00-1-212-555-7777"}}}},
	{file: "ezvcard-John_Doe_MAC_ADDRESS_BOOK.vcf", people: []person{{name: "Mr. John Richter,James Doe Sr.", emails: []string{"john.doe@ibm.com"},
		phones: []string{"Business:905-777-1234", "Home:905-666-1234", "Mobile:905-555-1234", "Fax:905-888-1234", "Fax:905-999-1234", "Other:905-111-1234", "Other:905-222-1234"}}}},
	{file: "ezvcard-John_Doe_MS_OUTLOOK.vcf", people: []person{{name: "Mr. John Richter James Doe Sr.", emails: []string{"john.doe@ibm.cm"},
		phones: []string{"Business:(905) 555-1234", "Home:(905) 666-1234"}}}},
	{file: "ezvcard-fullcontact.vcf", people: []person{{name: "Prefix FirstName MiddleName LastName Suffix",
		emails: []string{"home@example.com", "work@example.com", "school@example.com", "other@example.com", "custom@example.com"},
		phones: []string{"Home:555-555-1111", "Business:555-555-1112", "Mobile:555-555-1113", "Mobile:555-555-1114", "Other:555-555-1115",
			"Fax:555-555-1116", "Fax:555-555-1117", "Other:555-555-1118", "Other:555-555-1119"}}}},
	{file: "ezvcard-gmail-list.vcf", people: []person{{name: "Arnold Smith", emails: []string{"asmithk@gmail.com"}},
		{name: "Chris Beatle", emails: []string{"chrisy55d@yahoo.com"}}, {name: "Doug White", emails: []string{"dwhite@gmail.com"}}}},
	{file: "ezvcard-gmail-single2.vcf", people: []person{{name: "VCard Test",
		emails: []string{"email@example.com", "homeemail@example.com", "workemail@example.com", "otheremail@example.com", "customcategory@example.com"},
		phones: []string{"Other:5555551111", "Home:5555551112", "Business:5555551113", "Other:5555551114", "Mobile:5555551115", "Other:5555551116",
			"Fax:5555551117", "Fax:5555551118", "Other:5555551119", "Other:5555551120", "Other:5555551121"}}}},
	{file: "ezvcard-issue114.vcf", people: []person{{name: "Dummy, Dummy", emails: []string{"dummy.dummy@dummy.com"},
		phones: []string{"Mobile:+49 1234 56789", "Business:+49 9876 54321"}}}},
	{file: "ezvcard-outlook-2003.vcf", people: []person{{name: "John Doe III", emails: []string{"jdoe@hotmail.com"},
		phones: []string{"Business:BusinessPhone", "Home:HomePhone", "Mobile:MobilePhone", "Fax:BusinessFaxPhone"}}}, liberalPhones: true},
	{file: "ezvcard-outlook-2007.vcf", people: []person{{name: "Mr. Michael Angstadt Jr.", emails: []string{"mike.angstadt@gmail.com"},
		phones: []string{"Business:(111) 555-1111", "Home:(111) 555-2222", "Mobile:(111) 555-4444", "Fax:(111) 555-3333"}}}},
	{file: "ezvcard-rfc6350-example.vcf", people: []person{{name: "Simon Perreault", emails: []string{"simon.perreault@viagenie.ca"},
		phones: []string{"Business:+1-418-656-9254;ext=102", "Mobile:+1-418-262-6501"}}}, liberalPhones: true},
	{file: "ezvcard-thunderbird-MoreFunctionsForAddressBook-extension.vcf", people: []person{{name: "John Doe",
		emails: []string{"doe.john@hotmail.com", "additional-email@company.com", "additional-email1@company.com", "additional-email2@company.com", "additional-email3@company.com"},
		phones: []string{"Business:555-555-1111", "Home:555-555-2222", "Mobile:555-555-5555", "Fax:555-555-3333", "Other:555-555-4444"}}}},
	{file: "pyvobject-radicale-1587.vcf", people: []person{{name: "Given Family"}}},
	{file: "sabre-issue153.vcf", people: []person{{name: "Test Benutzer"}}},
	{file: "sabre-issue64.vcf", rejected: 1}, // a photo and nothing else
}

func TestCorpus(t *testing.T) {
	files, err := filepath.Glob(filepath.Join("testdata", "corpus", "*.vcf"))
	require.NoError(t, err)
	require.Len(t, files, len(corpus), "every corpus file has its expectations")
	for _, tc := range corpus {
		t.Run(tc.file, func(t *testing.T) {
			f, err := os.Open(filepath.Join("testdata", "corpus", tc.file))
			require.NoError(t, err)
			defer f.Close()
			var got []person
			var warns []string
			rejected := 0
			var leadsRead []*leads.Lead
			for _, row := range readAll(t, f) {
				for _, w := range row.Warnings {
					require.Equal(t, row.Number, w.Row)
					warns = append(warns, w.String())
				}
				if row.Err != nil {
					var re *leads.RowError
					require.True(t, errors.As(row.Err, &re))
					rejected++
					continue
				}
				p := person{name: row.Lead.FullName}
				for _, e := range row.Lead.Emails {
					p.emails = append(p.emails, e.Address)
				}
				for _, ph := range row.Lead.Phones {
					p.phones = append(p.phones, string(ph.Label)+":"+ph.Number)
				}
				got = append(got, p)
				leadsRead = append(leadsRead, row.Lead)
			}
			require.Equal(t, tc.people, got)
			require.Equal(t, tc.rejected, rejected)
			if tc.warn != "" {
				require.Contains(t, strings.Join(warns, "\n"), tc.warn)
			}
			for _, l := range leadsRead {
				require.NoError(t, l.Validate(), l.FullName)
			}
		})
	}
}

// TestCorpusDetails checks values beyond names, e-mails and phones that
// the repairs brought back.
func TestCorpusDetails(t *testing.T) {
	open := func(name string) []*leads.Lead {
		f, err := os.Open(filepath.Join("testdata", "corpus", name))
		require.NoError(t, err)
		defer f.Close()
		var out []*leads.Lead
		for _, r := range readAll(t, f) {
			if r.Lead != nil {
				out = append(out, r.Lead)
			}
		}
		return out
	}
	l := open("android-v21_adr_multiple_line.vcf")[0]
	require.Len(t, l.Addresses, 2)
	require.Equal(t, "Hermann v. Brevern\n9999999\nPackstation 999", l.Addresses[1].Street, "a 2.1 value continued after a backslash")
	require.Equal(t, "Hamburg", l.Addresses[1].City)
	l = open("android-v21_invalid_comment_line.vcf")[0]
	require.Equal(t, "This is an (sharp ->#<- sharp) example. This message must NOT be ignored.", l.Comments[0].Text)
	l = open("android-v21_complicated.vcf")[0]
	require.Equal(t, "Now's the time for all folk to come to the aid of their country.", l.Comments[1].Text, "quoted-printable soft breaks")
	l = open("android-v21_japanese_2.vcf")[0]
	require.Equal(t, "150-8512", l.Addresses[0].PostalCode)
	require.Contains(t, l.Addresses[0].Street, "東京都", "Shift_JIS in quoted-printable")
}
