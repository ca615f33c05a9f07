package vcardfile

import (
	"bufio"
	"context"
	"encoding/base64"
	"io"
	"iter"
	"maps"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/leadkit/leads"
)

// Export writes the records as vCard 4.0 (RFC 6350): FN, N, ORG, TITLE,
// every e-mail address, phone, address and web page with its TYPE, NOTE
// for comments, PHOTO as a data: URI, CATEGORIES and BDAY from the custom
// fields of those names; CRLF line ends, lines folded at 75 octets. It
// returns how many cards it wrote.
func Export(ctx context.Context, w io.Writer, records iter.Seq2[*leads.Lead, error]) (int, error) {
	bw := bufio.NewWriter(w)
	n := 0
	for l, err := range records {
		if err != nil {
			return n, err
		}
		if err := ctx.Err(); err != nil {
			return n, err
		}
		writeCard(bw, l)
		n++
	}
	return n, bw.Flush()
}

func writeCard(w *bufio.Writer, l *leads.Lead) {
	line := func(name, value string) { fold(w, name+":"+value) }
	line("BEGIN", "VCARD")
	line("VERSION", "4.0")
	line("FN", esc(l.FullName))
	line("N", strings.Join([]string{esc(l.LastName), esc(l.FirstName), esc(l.MiddleName), esc(l.Title), esc(l.Suffix)}, ";"))
	if l.Company != "" {
		line("ORG", esc(l.Company))
	}
	if l.JobTitle != "" {
		line("TITLE", esc(l.JobTitle))
	}
	for _, e := range l.Emails {
		name := "EMAIL"
		if t := strings.ToLower(e.Label); t == "work" || t == "home" {
			name += ";TYPE=" + t
		}
		line(name, esc(e.Address))
	}
	for _, p := range l.Phones {
		line("TEL;TYPE="+phoneType[p.Label], esc(p.Number))
	}
	for _, a := range l.Addresses {
		name := "ADR"
		switch a.Label {
		case leads.AddressBusiness:
			name += ";TYPE=work"
		case leads.AddressHome:
			name += ";TYPE=home"
		}
		if a.Mailing {
			name += ";PREF=1"
		}
		line(name, strings.Join([]string{"", "", esc(a.Street), esc(a.City), esc(a.State), esc(a.PostalCode), esc(a.Country)}, ";"))
	}
	for _, u := range l.WebPages {
		line("URL", esc(u))
	}
	for _, c := range l.Comments {
		line("NOTE", esc(c.Text))
	}
	for _, k := range slices.Sorted(maps.Keys(l.Custom)) {
		switch k {
		case "Categories":
			line("CATEGORIES", esc(l.Custom[k]))
		case "Birthday":
			line("BDAY", esc(l.Custom[k]))
		}
	}
	if l.Photo != nil && len(l.Photo.Data) > 0 {
		line("PHOTO", "data:"+l.Photo.ContentType+";base64,"+base64.StdEncoding.EncodeToString(l.Photo.Data))
	}
	line("END", "VCARD")
}

var phoneType = map[leads.PhoneLabel]string{
	leads.PhoneBusiness: "work,voice", leads.PhoneHome: "home,voice", leads.PhoneMobile: "cell",
	leads.PhoneFax: "fax", leads.PhoneOther: "voice",
}

var escaper = strings.NewReplacer(`\`, `\\`, "\r\n", `\n`, "\n", `\n`, "\r", `\n`, ",", `\,`, ";", `\;`)

// esc escapes a text value or one component of a structured value.
func esc(s string) string { return escaper.Replace(s) }

// fold writes a content line, folded so that no line exceeds 75 octets
// and no UTF-8 sequence is split (RFC 6350 §3.2).
func fold(w *bufio.Writer, s string) {
	limit := 75
	for len(s) > limit {
		cut := limit
		for cut > 0 && !utf8.RuneStart(s[cut]) {
			cut--
		}
		w.WriteString(s[:cut])
		w.WriteString("\r\n ")
		s = s[cut:]
		limit = 74 // the leading space counts
	}
	w.WriteString(s)
	w.WriteString("\r\n")
}
