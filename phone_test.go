package leads_test

import (
	"strings"
	"testing"
	"unicode"

	"github.com/stretchr/testify/require"

	"github.com/leadkit/leads"
	"github.com/leadkit/leads/dedupe"
)

// phoneCases are numbers as people write them, with the number and the
// extension SplitPhone finds.
var phoneCases = []struct{ in, number, ext string }{
	// No extension: the value as written.
	{"+1 415 555 0100", "+1 415 555 0100", ""},
	{"(415) 555-0100", "(415) 555-0100", ""},
	{"1-800-FLOWERS", "1-800-FLOWERS", ""},
	{"1-800-MAX-1234", "1-800-MAX-1234", ""},
	{"Tel. 030 1234567", "Tel. 030 1234567", ""},
	{"pager", "pager", ""},
	{"", "", ""},
	{"x12", "x12", ""},                                           // no number before the marker
	{"+1 415 555 0100 extra 12", "+1 415 555 0100 extra 12", ""}, // not a marker word
	{"+1 415 555 0100 ext. 12b", "+1 415 555 0100 ext. 12b", ""}, // not only digits after it
	{"tel:+1-201-555-0123;phone-context=example.com", "tel:+1-201-555-0123;phone-context=example.com", ""},

	// English and RFC 3966.
	{"+1 415 555 0100 ext. 12", "+1 415 555 0100", "12"},
	{"+1 415 555 0100 ext 12", "+1 415 555 0100", "12"},
	{"+1 415 555 0100 EXT.12", "+1 415 555 0100", "12"},
	{"+1 415 555 0100 Extension 12", "+1 415 555 0100", "12"},
	{"+1 415 555 0100 extn. 12", "+1 415 555 0100", "12"},
	{"+1 415 555 0100x12", "+1 415 555 0100", "12"},
	{"+1 415 555 0100 x 12", "+1 415 555 0100", "12"},
	{"+1 415 555 0100 X12", "+1 415 555 0100", "12"},
	{"+1 415 555 0100 #12", "+1 415 555 0100", "12"},
	{"(415) 555-0100 (ext. 12)", "(415) 555-0100", "12"},
	{"+1 415 555 0100, ext. 12", "+1 415 555 0100", "12"},
	{"tel:+1-201-555-0123;ext=1234", "tel:+1-201-555-0123", "1234"},
	{"+1 415 555 0100,,12", "+1 415 555 0100", "12"},
	{"+1 415 555 0100;12", "+1 415 555 0100", "12"},

	// Other languages.
	{"+33 1 23 45 67 89 poste 12", "+33 1 23 45 67 89", "12"},
	{"+33 1 23 45 67 89 Poste: 12", "+33 1 23 45 67 89", "12"},
	{"+49 30 1234567 Durchwahl 12", "+49 30 1234567", "12"},
	{"+49 30 1234567 DW 12", "+49 30 1234567", "12"},
	{"+49 30 1234567 Nebenstelle 12", "+49 30 1234567", "12"},
	{"+49 30 1234567 App. 12", "+49 30 1234567", "12"},
	{"+39 06 1234567 interno 12", "+39 06 1234567", "12"},
	{"+39 06 1234567 int. 12", "+39 06 1234567", "12"},
	{"+48 22 123 45 67 wew. 12", "+48 22 123 45 67", "12"},
	{"+48 22 123 45 67 wewn. 12", "+48 22 123 45 67", "12"},
	{"+31 20 123 4567 toestel 12", "+31 20 123 4567", "12"},
	{"+31 20 123 4567 tst. 12", "+31 20 123 4567", "12"},
	{"+55 11 1234-5678 ramal 12", "+55 11 1234-5678", "12"},
	{"+56 2 2123 4567 anexo 12", "+56 2 2123 4567", "12"},
	{"+34 91 123 45 67 extensión 12", "+34 91 123 45 67", "12"},
	{"+46 8 123 456 78 ankn. 12", "+46 8 123 456 78", "12"},
	{"+420 212 345 678 linka 12", "+420 212 345 678", "12"},
	{"+90 212 123 45 67 dahili 12", "+90 212 123 45 67", "12"},
	{"+7 495 123-45-67 доб. 12", "+7 495 123-45-67", "12"},
	{"+7 495 123-45-67 ДОБ.12", "+7 495 123-45-67", "12"},
	{"+7 495 123-45-67 добавочный 12", "+7 495 123-45-67", "12"},
	{"+7 495 123-45-67 вн. 12", "+7 495 123-45-67", "12"},
	{"+380 44 123 45 67 дод. 12", "+380 44 123 45 67", "12"},
	{"03-1234-5678 内線12", "03-1234-5678", "12"},
	{"03-1234-5678内線１２", "03-1234-5678", "１２"},
	{"+86 10 1234 5678 分机 12", "+86 10 1234 5678", "12"},
	{"+82 2 123 4567 내선 12", "+82 2 123 4567", "12"},
	{"+20 2 1234 5678 x ١٢", "+20 2 1234 5678", "١٢"},
}

func TestSplitPhone(t *testing.T) {
	for _, tc := range phoneCases {
		number, ext := leads.SplitPhone(tc.in)
		require.Equal(t, tc.number, number, "number of %q", tc.in)
		require.Equal(t, tc.ext, ext, "extension of %q", tc.in)
	}
}

// TestPhoneExtensionIgnored checks that a number with an extension in any
// of the written forms has the match key and the E.164 form of the number
// alone, so that it is found as a duplicate of it.
func TestPhoneExtensionIgnored(t *testing.T) {
	const plain = "+49 30 1234567"
	key := leads.PhoneMatchKey(plain)
	require.NotEmpty(t, key)
	for _, suffix := range []string{" ext. 89", " x89", "#89", ";ext=89", " poste 89", " доб. 89", "内線89",
		" Durchwahl 89", " Nebenstelle 89", " interno 89", " wew. 89", " toestel 89", " ramal 89", " anexo 89", " доб. ٨٩"} {
		n := plain + suffix
		require.Equal(t, key, leads.PhoneMatchKey(n), n)
		e, ok := dedupe.E164(n, "")
		require.True(t, ok, n)
		require.Equal(t, "+49301234567", e, n)
	}
}

func TestPhoneHasDigits(t *testing.T) {
	for s, want := range map[string]bool{
		"pager": false, "Tel Iphone": false, "": false, "(--)": false, "call me": false,
		"555": true, "1-800-FLOWERS": true, "٥": true, "０": true, "x1": true,
	} {
		require.Equal(t, want, leads.PhoneHasDigits(s), s)
	}
}

// FuzzSplitPhone checks that splitting never panics and loses or makes up
// nothing: the number starts the input, the extension is digits that
// follow it, and so every digit of either appears in the input; matching
// and E.164 read the number without panicking either.
func FuzzSplitPhone(f *testing.F) {
	for _, tc := range phoneCases {
		f.Add(tc.in)
	}
	f.Fuzz(func(t *testing.T, s string) {
		number, ext := leads.SplitPhone(s)
		if !strings.HasPrefix(s, number) {
			t.Fatalf("SplitPhone(%q): number %q does not start the input", s, number)
		}
		if ext == "" {
			if number != s {
				t.Fatalf("SplitPhone(%q) = %q without an extension", s, number)
			}
		} else {
			if !strings.Contains(s[len(number):], ext) {
				t.Fatalf("SplitPhone(%q): extension %q is not in the input after the number %q", s, ext, number)
			}
			for _, r := range ext {
				if !unicode.IsDigit(r) {
					t.Fatalf("SplitPhone(%q): extension %q holds %q", s, ext, r)
				}
			}
			if !leads.PhoneHasDigits(number) {
				t.Fatalf("SplitPhone(%q): number %q before the extension has no digit", s, number)
			}
		}
		if k := leads.PhoneMatchKey(s); k != "" && !strings.HasPrefix(k, "p:") {
			t.Fatalf("PhoneMatchKey(%q) = %q", s, k)
		}
		dedupe.E164(s, "US")
	})
}

// BenchmarkSplitPhone measures splitting numbers without an extension (the
// common case) and with one written as a word.
func BenchmarkSplitPhone(b *testing.B) {
	for _, n := range []string{"+44 20 7946 0958", "+7 495 123-45-67 доб. 12", "(555) 010-9999 x42"} {
		b.Run(n, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				leads.SplitPhone(n)
			}
		})
	}
}
