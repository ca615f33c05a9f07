package textkey

import "strings"

// IsFreeMail reports whether domain (as in "gmail.com", any case) belongs
// to a free or consumer e-mail provider. Two people with addresses at
// gmail.com have nothing in common, while two at acme.com probably work
// for the same company; so duplicate detection keys and matches on the
// e-mail domain only when it is not free mail.
//
// The table is built in and deliberately broad (the cost of a miss is a
// weak "same domain" reason, never a merge):
//
//   - global providers: gmail.com, googlemail.com, yahoo.*, ymail.com,
//     rocketmail.com, hotmail.*, outlook.*, live.*, msn.com,
//     windowslive.com, aol.*, aim.com, icloud.com, me.com, mac.com,
//     mail.com, email.com, gmx.*, proton.me, protonmail.com, protonmail.ch,
//     pm.me, tutanota.com, tuta.io, zoho.com, zohomail.com, fastmail.com,
//     fastmail.fm, hey.com, hushmail.com, yandex.*, ya.ru, inbox.com,
//     lycos.com;
//   - national providers: web.de, t-online.de, freenet.de, mail.ru,
//     inbox.ru, list.ru, bk.ru, rambler.ru, qq.com, foxmail.com, 163.com,
//     126.com, yeah.net, sina.com, sohu.com, naver.com, daum.net,
//     hanmail.net, rediffmail.com, laposte.net, orange.fr, wanadoo.fr,
//     free.fr, sfr.fr, libero.it, virgilio.it, tiscali.it, alice.it,
//     seznam.cz, wp.pl, o2.pl, interia.pl, onet.pl, bol.com.br,
//     uol.com.br, terra.com.br, bigpond.com, optusnet.com.au, shaw.ca,
//     rogers.com, sympatico.ca;
//   - internet providers' mail: comcast.net, verizon.net, att.net,
//     sbcglobal.net, bellsouth.net, cox.net, charter.net, earthlink.net,
//     juno.com, btinternet.com, sky.com, virginmedia.com, ntlworld.com;
//   - throw-away addresses: mailinator.com, guerrillamail.com.
//
// A "brand.*" entry matches the brand under any country domain: yahoo.com,
// yahoo.co.uk, yahoo.com.br.
func IsFreeMail(domain string) bool {
	d := strings.ToLower(strings.TrimSpace(domain))
	switch d {
	case "gmail.com", "googlemail.com", "ymail.com", "rocketmail.com", "msn.com", "windowslive.com",
		"aim.com", "icloud.com", "me.com", "mac.com", "mail.com", "email.com", "proton.me",
		"protonmail.com", "protonmail.ch", "pm.me", "tutanota.com", "tuta.io", "zoho.com", "zohomail.com",
		"fastmail.com", "fastmail.fm", "hey.com", "hushmail.com", "ya.ru", "inbox.com", "lycos.com",
		"web.de", "t-online.de", "freenet.de", "mail.ru", "inbox.ru", "list.ru", "bk.ru", "rambler.ru",
		"qq.com", "foxmail.com", "163.com", "126.com", "yeah.net", "sina.com", "sohu.com", "naver.com",
		"daum.net", "hanmail.net", "rediffmail.com", "laposte.net", "orange.fr", "wanadoo.fr", "free.fr",
		"sfr.fr", "libero.it", "virgilio.it", "tiscali.it", "alice.it", "seznam.cz", "wp.pl", "o2.pl",
		"interia.pl", "onet.pl", "bol.com.br", "uol.com.br", "terra.com.br", "bigpond.com",
		"optusnet.com.au", "shaw.ca", "rogers.com", "sympatico.ca", "comcast.net", "verizon.net",
		"att.net", "sbcglobal.net", "bellsouth.net", "cox.net", "charter.net", "earthlink.net",
		"juno.com", "btinternet.com", "sky.com", "virginmedia.com", "ntlworld.com", "mailinator.com",
		"guerrillamail.com":
		return true
	}
	brand, country, ok := strings.Cut(d, ".")
	if !ok || !isCountryDomain(country) {
		return false
	}
	switch brand {
	case "yahoo", "hotmail", "outlook", "live", "aol", "gmx", "yandex":
		return true
	}
	return false
}

// isCountryDomain reports whether s looks like what follows a brand in a
// national domain: "com", "de", "co.uk", "com.br"; not "example.com".
func isCountryDomain(s string) bool {
	labels := 0
	for part := range strings.SplitSeq(s, ".") {
		labels++
		if labels > 2 || len(part) < 2 || len(part) > 3 {
			return false
		}
	}
	return true
}
