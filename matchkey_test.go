package leads_test

import (
	"testing"

	"github.com/google/uuid"
	"github.com/stretchr/testify/require"

	"github.com/leadkit/leads"
)

func TestMatchKeys(t *testing.T) {
	merged := uuid.MustParse("0190a000-0000-7000-8000-00000000abcd")
	l := &leads.Lead{
		FullName: "Dr. José García Jr.",
		Company:  "Ácme Inc.",
		Emails: []leads.Email{{Address: " Jose@Acme.example "}, {Address: "jose@ACME.example"},
			{Address: "pepe@gmail.com"}, {Address: "j@acme.example"}},
		Phones:      []leads.Phone{{Number: "+1 (415) 555-0100 ext. 12"}, {Number: "555"}},
		MergedFrom:  []uuid.UUID{merged},
		InitiatedBy: merged,
	}
	require.Equal(t, []string{
		"e:jose@acme.example", "e:pepe@gmail.com", "e:j@acme.example",
		"d:acme.example", // once, and not gmail.com
		"p:55550100",     // the extension is not part of the number; "555" is too short
		"n:garcia jose|acme",
		"m:" + merged.String(),
		"i:" + merged.String(),
	}, leads.MatchKeys(l))
	require.Nil(t, leads.MatchKeys(&leads.Lead{}), "nothing to key on")
}

func TestNameMatchKey(t *testing.T) {
	for _, tt := range []struct {
		name, full, first, last, company, want string
	}{
		{"first last", "Ada Lovelace", "", "", "Acme", "ada lovelace|acme"},
		{"last, first", "Lovelace, Ada", "", "", "ACME", "ada lovelace|acme"},
		{"titles, suffixes and middle names", "Dr. Ada M. Lovelace Jr.", "", "", "Acme", "ada lovelace|acme"},
		{"surname first without comma", "Lovelace Ada", "", "", "Acme", "ada lovelace|acme"},
		{"accents and case", "JOSÉ GARCÍA", "", "", "Société Générale S.A.", "garcia jose|societe generale"},
		{"special letters", "Søren Kierkegaard-Łukasz", "", "", "Straße GmbH", "kierkegaard lukasz soren|strasse"},
		{"apostrophe", "Seán O’Brien", "", "", "", "obrien sean|"},
		{"cyrillic: breves and diaereses go too", "Пётр Чайковский", "", "", "", "петр чаиковскии|"},
		{"initials of a legal form", "Ada Lovelace", "", "", "Fiat S.p.A.", "ada lovelace|fiat"},
		{"parts win over the full name", "Mrs Smith", "Jane", "Smith", "", "jane smith|"},
		{"legal forms go, one word stays", "Ada Lovelace", "", "", "Acme & Co. Ltd", "ada lovelace|acme"},
		{"a company that is a legal form", "Ada Lovelace", "", "", "Inc", "ada lovelace|inc"},
		{"empty", "", "", "", "Acme", ""},
		{"punctuation only", "..", "", "", "Acme", ""},
	} {
		t.Run(tt.name, func(t *testing.T) {
			require.Equal(t, tt.want, leads.NameMatchKey(tt.full, tt.first, tt.last, tt.company))
		})
	}
}

func TestPhoneMatchKey(t *testing.T) {
	require.Equal(t, leads.PhoneMatchKey("020 7946 0018"), leads.PhoneMatchKey("+44 20 7946 0018"),
		"the phone key does not depend on the region")
	require.Equal(t, leads.PhoneMatchKey("+1 (415) 555-0100"), leads.PhoneMatchKey("415.555.0100"))
	require.Empty(t, leads.PhoneMatchKey("x123"))
	for _, n := range []string{"０２０ ７９４６ ００１８", "٠٢٠ ٧٩٤٦ ٠٠١٨", "+４４ ２０ ７９４６ ００１８"} {
		require.Equal(t, leads.PhoneMatchKey("020 7946 0018"), leads.PhoneMatchKey(n), "digits of any script: %s", n)
	}
}

// TestEmailKeysOfInternationalDomains checks an internationalized domain
// written in Unicode and in Punycode, in any case: one e-mail key, one
// domain key.
func TestEmailKeysOfInternationalDomains(t *testing.T) {
	for _, tt := range []struct{ a, b string }{
		{"ada@bücher.de", "ada@xn--bcher-kva.de"},
		{"ada@BÜCHER.DE", "Ada@XN--BCHER-KVA.DE"},
		{"ada@mail.bücher.de", "ada@mail.xn--bcher-kva.de"},
	} {
		require.Equal(t, leads.EmailMatchKey(tt.a), leads.EmailMatchKey(tt.b), "%s and %s", tt.a, tt.b)
		require.NotEmpty(t, leads.DomainMatchKey(tt.a))
		require.Equal(t, leads.DomainMatchKey(tt.a), leads.DomainMatchKey(tt.b), "%s and %s", tt.a, tt.b)
	}
	for domain, want := range map[string]bool{"gmail.com": false, "GMail.com": false, "yahoo.co.uk": false, "acme.com": true} {
		require.Equal(t, want, leads.DomainMatchKey("ada@"+domain) != "", "free mail has no domain key: %s", domain)
	}
}

// BenchmarkMatchKeys measures the keys of a typical record, which stores
// compute on every write once their key index exists.
func BenchmarkMatchKeys(b *testing.B) {
	for _, tt := range []struct {
		name string
		l    *leads.Lead
	}{
		{"ascii", &leads.Lead{FullName: "Ada Lovelace", FirstName: "Ada", LastName: "Lovelace", Company: "Analytical Engines Ltd",
			Emails: []leads.Email{{Address: "ada@engines.example"}}, Phones: []leads.Phone{{Number: "+44 20 7946 0018"}}}},
		{"accents, parsed name", &leads.Lead{FullName: "Dr. José García Jr.", Company: "Société Générale",
			Emails: []leads.Email{{Address: "jose@sg.example"}, {Address: "pepe@gmail.com"}},
			Phones: []leads.Phone{{Number: "+33 1 42 14 20 00"}, {Number: "+33 6 12 34 56 78"}}}},
	} {
		b.Run(tt.name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				leads.MatchKeys(tt.l)
			}
		})
	}
}

func TestHasMatchKey(t *testing.T) {
	merged := uuid.MustParse("0190a000-0000-7000-8000-00000000abcd")
	l := &leads.Lead{
		FullName: "Dr. José García Jr.", Company: "Ácme Inc.",
		Emails:      []leads.Email{{Address: " Jose@Acme.example "}, {Address: "pepe@gmail.com"}},
		Phones:      []leads.Phone{{Number: "+1 (415) 555-0100"}},
		MergedFrom:  []uuid.UUID{merged},
		InitiatedBy: merged,
	}
	keys := leads.MatchKeys(l)
	require.Len(t, keys, 7)
	for _, k := range keys {
		require.True(t, leads.HasMatchKey(l, k), k)
	}
	for _, k := range []string{"e:jose@acme.examplE", "e:other@acme.example", "d:gmail.com", "d:other.example",
		"p:55550101", "n:garcia jose|other", "m:" + uuid.Nil.String(), "i:" + uuid.Nil.String(), "x:y", "e:", ""} {
		require.False(t, leads.HasMatchKey(l, k), k)
	}
}
