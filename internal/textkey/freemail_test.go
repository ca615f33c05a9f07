package textkey

import "testing"

func TestIsFreeMail(t *testing.T) {
	for domain, want := range map[string]bool{
		"gmail.com": true, "GMail.com": true, "yahoo.co.uk": true, "yahoo.com.br": true, "hotmail.fr": true,
		"outlook.com": true, "web.de": true, "gmx.net": true, "proton.me": true, "qq.com": true,
		"acme.com": false, "yahoo.example.com": false, "live.acme.example": false, "gmailx.com": false, "": false,
	} {
		if got := IsFreeMail(domain); got != want {
			t.Errorf("IsFreeMail(%q) = %v, want %v", domain, got, want)
		}
	}
}
