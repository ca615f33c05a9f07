package leads

import (
	"fmt"
	"net/mail"
	"testing"
)

// emailProblemNetMail is emailProblem as it was before plainAddress: every
// address through net/mail. The fast check must not change a verdict.
func emailProblemNetMail(s string) string {
	if r := textProblem(s); r != "" {
		return r
	}
	addr, err := mail.ParseAddress(s)
	if err != nil {
		return fmt.Sprintf("%q is not an e-mail address", s)
	}
	if addr.Address != s {
		return fmt.Sprintf("%q is not a bare e-mail address (want %q)", s, addr.Address)
	}
	return ""
}

var emailCases = []string{
	"ada@engines.example", "ada.lovelace@engines.example", "a@b", "ada+tag@x.y.z", "o'neil@example.com",
	"!#$%&'*+-/=?^_`{|}~@example.com", "ada@engines..example", ".ada@example.com", "ada.@example.com",
	"ada..l@example.com", "ada@.example.com", "ada@example.com.", "@example.com", "ada@", "ada", "",
	"ada@@example.com", "ada@ex@ample.com", " ada@example.com", "ada@example.com ", "Ada <ada@example.com>",
	"<ada@example.com>", "\"ada l\"@example.com", "ada@[127.0.0.1]", "ada(comment)@example.com",
	"ada@example.com (Ada)", "adá@example.com", "ada@exämple.com", "ada\x00@example.com", "ada\xff@example.com",
	"ada@exa mple.com", "ada,b@example.com", "ada;b@example.com", "ada:b@example.com", "ada\\b@example.com",
	"ada\t@example.com", "ADA@EXAMPLE.COM", "a.b.c@d.e.f", "group: ada@example.com;", "=?utf-8?q?ada?=@example.com",
}

func TestPlainAddressAgreesWithNetMail(t *testing.T) {
	for _, s := range emailCases {
		if got, want := emailProblem(s), emailProblemNetMail(s); got != want {
			t.Errorf("emailProblem(%q) = %q, net/mail says %q", s, got, want)
		}
	}
	accepted := 0
	for _, s := range emailCases {
		if plainAddress(s) {
			accepted++
		}
	}
	if accepted < 5 {
		t.Errorf("the fast check accepts only %d of the common addresses", accepted)
	}
	if n := testing.AllocsPerRun(100, func() { emailProblem("ada.lovelace@engines.example") }); n != 0 {
		t.Errorf("a plain address allocates %v times, want 0", n)
	}
}

func FuzzPlainAddress(f *testing.F) {
	for _, s := range emailCases {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if plainAddress(s) && emailProblemNetMail(s) != "" {
			t.Errorf("plainAddress accepts %q, net/mail rejects it: %s", s, emailProblemNetMail(s))
		}
		if lengthProblem(s, MaxEmailLen) != "" {
			if emailProblem(s) == "" {
				t.Errorf("emailProblem accepts %q, over MaxEmailLen", s)
			}
			return
		}
		if got, want := emailProblem(s), emailProblemNetMail(s); got != want {
			t.Errorf("emailProblem(%q) = %q, net/mail says %q", s, got, want)
		}
	})
}
