package importexport_test

import (
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"

	"github.com/leadkit/leads/importexport"
)

// TestNeutralizeEdgeCases: what spreadsheets run as a formula although it
// does not begin with an ASCII trigger.
func TestNeutralizeEdgeCases(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"\v=1+1", "'\v=1+1"},                       // vertical tab first
		{"\vAda", "'\vAda"},                         // any whitespace control character first
		{"\nAda", "'\nAda"},                         //
		{"\fAda", "'\fAda"},                         //
		{"＝HYPERLINK(\"x\")", "'＝HYPERLINK(\"x\")"}, // full-width signs
		{"＋44 20", "'＋44 20"},                       //
		{"－1", "'－1"},                               //
		{"＠SUM(A1)", "'＠SUM(A1)"},                   //
		{" =1", "' =1"},                             // whitespace, then a trigger
		{"\u00A0+1", "'\u00A0+1"},                   // no-break space
		{"\u3000－1", "'\u3000－1"},                   // ideographic space
		{"\u2003\u2028@x", "'\u2003\u2028@x"},       // em space, line separator
		{"\u200B=1", "'\u200B=1"},                   // zero-width space
		{"\uFEFF=1", "'\uFEFF=1"},                   // byte order mark
		{"  \t x", "'  \t x"},                       // a tab after spaces
		{" \rx", "' \rx"},                           // a CR after a space
		{"'=1", "''=1"},                             // a quote in front of a trigger gets one more
		{"''+1", "'''+1"},                           //
		{" Ada", " Ada"},                            // whitespace before a letter is harmless
		{"\u00A0Ada", "\u00A0Ada"},                  //
		{"Ada =1", "Ada =1"},                        //
		{"'Tis", "'Tis"},                            //
		{"'", "'"},                                  //
		{"＝", "'＝"},                                 //
		{" ", " "},                                  //
		{"", ""},                                    //
		{"1-2", "1-2"},                              //
	} {
		got := importexport.Neutralize(tc.in)
		if got != tc.want {
			t.Errorf("Neutralize(%q) = %q, want %q", tc.in, got, tc.want)
		}
		if back := importexport.Unneutralize(got); back != tc.in {
			t.Errorf("Unneutralize(%q) = %q, want %q", got, back, tc.in)
		}
	}
}

// TestUnneutralizeKeepsOtherQuotes: a quote that Neutralize did not add
// stays.
func TestUnneutralizeKeepsOtherQuotes(t *testing.T) {
	for _, s := range []string{"'Tis Ltd", "'", "''", "' Ada", "'1-2"} {
		if got := importexport.Unneutralize(s); got != s {
			t.Errorf("Unneutralize(%q) = %q", s, got)
		}
	}
	if got := importexport.Unneutralize("'\u3000＝1"); got != "\u3000＝1" {
		t.Errorf("Unneutralize of a quoted full-width formula = %q", got)
	}
}

// FuzzNeutralize: Unneutralize gives back exactly what Neutralize was
// given, and a neutralized value never begins with a trigger once its
// leading whitespace is trimmed.
func FuzzNeutralize(f *testing.F) {
	for _, s := range []string{"", "=1", "'=1", "''", "\v=1", "\u3000＠x", "Ada", "'Tis", " \t\r\n", "\u200B-1"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		n := importexport.Neutralize(s)
		if back := importexport.Unneutralize(n); back != s {
			t.Fatalf("Unneutralize(Neutralize(%q)) = %q", s, back)
		}
		trimmed := strings.TrimLeftFunc(n, func(r rune) bool {
			return unicode.IsSpace(r) || r == '\u200B' || r == '\uFEFF'
		})
		if r, _ := utf8.DecodeRuneInString(trimmed); strings.ContainsRune("=+-@＝＋－＠", r) && trimmed != "" {
			t.Fatalf("Neutralize(%q) = %q begins with a trigger after its whitespace", s, n)
		}
		if n != s && !strings.HasPrefix(n, "'") {
			t.Fatalf("Neutralize(%q) = %q changed more than a leading quote", s, n)
		}
	})
}
