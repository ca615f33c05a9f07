package textkey

import (
	"strings"
	"testing"

	"golang.org/x/net/idna"
)

// TestUnicodeDomain checks the Punycode decoder against RFC 3492's
// examples and golang.org/x/net/idna.
func TestUnicodeDomain(t *testing.T) {
	for _, tt := range []struct{ in, want string }{
		{"xn--bcher-kva.de", "bücher.de"},
		{"XN--BCHER-KVA.DE", "bücher.de"},
		{"mail.xn--mnchen-3ya.de", "mail.münchen.de"},
		{"xn--egbpdaj6bu4bxfgehfvwxn.example", "ليهمابتكلموشعربي؟.example"}, // RFC 3492 7.1 (A)
		{"xn--ihqwcrb4cv8a8dqg056pqjye.example", "他们为什么不说中文.example"},       // (B)
		{"xn--3B-ww4c5e180e575a65lsy2b.example", "3年b組金八先生.example"},        // (J)
		{"acme.example", "acme.example"},
	} {
		got, ok := UnicodeDomain(tt.in)
		if !ok || got != tt.want {
			t.Errorf("UnicodeDomain(%q) = %q, %v; want %q", tt.in, got, ok, tt.want)
		}
	}
	for _, bad := range []string{"xn--99999999999.example", "xn--ü.example", "xn--a-.example", "xn--zzzzzzzzz"} {
		if got, ok := UnicodeDomain(bad); ok {
			if want, err := idna.Punycode.ToUnicode(bad); err != nil || want != got {
				t.Errorf("UnicodeDomain(%q) = %q, want failure or %q (%v)", bad, got, want, err)
			}
		}
	}
}

// FuzzUnicodeDomain checks that decoding never panics and agrees with
// golang.org/x/net/idna's Punycode profile on what both decode (it keeps
// the case of ASCII letters; UnicodeDomain lower-cases).
func FuzzUnicodeDomain(f *testing.F) {
	for _, s := range []string{"xn--bcher-kva.de", "xn--", "xn---", "xn--a", "xn--3B-ww4c5e180e575a65lsy2b"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		got, ok := UnicodeDomain(s)
		want, err := idna.Punycode.ToUnicode(strings.ToLower(s))
		if ok && err == nil && got != want {
			t.Errorf("UnicodeDomain(%q) = %q, x/net/idna %q", s, got, want)
		}
	})
}
