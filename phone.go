package leads

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// A phone number is free text, as in Outlook, Google Contacts and vCard:
// it is kept as written ("+49 (30) 1234-567 Durchwahl 12", "1-800-FLOWERS",
// "Tel. 030 1234567"). Validation refuses only what no store can keep
// (NUL bytes, control characters, more than MaxPhoneLen characters).
// SplitPhone finds the extension, so that matching and E.164 read the
// number without it.

// extMarker is a word that introduces an extension. word markers must
// stand apart from letters before and after them ("x12" but not "max12"
// or "xy"); the others (punctuation, Chinese and Japanese, which write no
// spaces) need not.
type extMarker struct {
	s    string // lower case
	word bool
}

// extMarkers are the words people write before an extension, longest
// first where one starts another. Case is ignored; a "." and spaces may
// follow each ("ext. 12").
var extMarkers = [...]extMarker{
	{";ext", false}, // RFC 3966: "tel:+1-201-555-0123;ext=1234"
	{"extension", true}, {"extensión", true}, {"extn", true}, {"ext", true},
	{"x", true},
	{"#", false}, {"№", false},
	{"poste", true},                                           // French
	{"durchwahl", true}, {"nebenstelle", true}, {"nst", true}, // German
	{"apparat", true}, {"app", true}, {"dw", true},
	{"interno", true}, {"int", true}, // Italian, Spanish (Argentina)
	{"anexo", true}, {"ramal", true}, // Spanish (Chile, Peru), Portuguese
	{"toestel", true}, {"tst", true}, // Dutch
	{"wewnętrzny", true}, {"wewn", true}, {"wew", true}, // Polish
	{"anknytning", true}, {"ankn", true}, {"lokal", true}, // Swedish, Danish, Norwegian
	{"linka", true}, {"klapka", true}, {"kl", true}, // Czech, Slovak
	{"dahili", true},                                                   // Turkish
	{"добавочный", true}, {"доб", true}, {"внутр", true}, {"вн", true}, // Russian
	{"дод", true},                                                           // Ukrainian
	{"内線", false}, {"分機", false}, {"分机", false}, {"轉", false}, {"转", false}, // Japanese, Chinese
	{"내선", false},              // Korean
	{",", false}, {";", false}, // a pause before dialling on (",,12")
}

// SplitPhone splits a phone number as written into the number and its
// extension: "+1 415 555 0100 ext. 12" gives "+1 415 555 0100" and "12".
// It recognises the forms people write: "ext. 12", "ext 12", "x12", "#12",
// ";ext=12" (RFC 3966), "poste 12", "Durchwahl 12", "Nebenstelle 12",
// "interno 12", "wew. 12", "toestel 12", "ramal 12", "anexo 12",
// "доб. 12", "内線12", a pause (",12") and the like, in any case and with
// digits of any script. The extension comes after at least one digit of
// the number and is the digits that end s (a closing parenthesis or dot
// may follow them). number is s up to the marker, without the separators
// that end it; without an extension it is s and ext is "". Both are
// substrings of s: the digits are kept as written.
func SplitPhone(s string) (number, ext string) {
	seen := false // a digit of the number
	for i := 0; i < len(s); {
		c := s[i]
		size := 1
		switch {
		case '0' <= c && c <= '9':
			seen = true
		case c < utf8.RuneSelf && !isASCIILetter(c) && c != '#' && c != ',' && c != ';':
			// A separator: no marker starts with it.
		default:
			var r rune
			r, size = utf8.DecodeRuneInString(s[i:])
			if unicode.IsDigit(r) {
				seen = true
				break
			}
			if !seen {
				break
			}
			if n := extMarkerAt(s, i); n > 0 {
				if e, ok := extDigits(s[i+n:]); ok {
					return strings.TrimRightFunc(s[:i], isNumberEnd), e
				}
			}
		}
		i += size
	}
	return s, ""
}

// extMarkerAt returns the length of the extension marker that starts s[i:],
// or 0.
func extMarkerAt(s string, i int) int {
	rest := s[i:]
	first := rest[0]
	if isASCIILetter(first) {
		first |= 0x20 // lower case
	}
	for _, m := range extMarkers {
		// The first byte of a marker is that of its upper case too (ASCII
		// folded above; "Д" and "д" both start with 0xD0).
		if m.s[0] != first || len(rest) < len(m.s) || !strings.EqualFold(rest[:len(m.s)], m.s) {
			continue
		}
		if m.word {
			if before, _ := utf8.DecodeLastRuneInString(s[:i]); unicode.IsLetter(before) {
				return 0 // inside a word: no other marker starts here either
			}
			if after, _ := utf8.DecodeRuneInString(rest[len(m.s):]); unicode.IsLetter(after) {
				continue // "ext" in "extra", "x" in "xy"
			}
		}
		return len(m.s)
	}
	return 0
}

// extDigits reads the extension after its marker: separators, digits of
// any script, and at most a closing parenthesis, dot or spaces after them.
// ok is false when anything else follows.
func extDigits(t string) (ext string, ok bool) {
	t = strings.TrimLeftFunc(t, func(r rune) bool {
		return unicode.IsSpace(r) || strings.ContainsRune(".:=-#№,;", r)
	})
	end := 0
	for end < len(t) {
		r, size := utf8.DecodeRuneInString(t[end:])
		if !unicode.IsDigit(r) {
			break
		}
		end += size
	}
	if end == 0 {
		return "", false
	}
	rest := strings.TrimFunc(t[end:], func(r rune) bool { return unicode.IsSpace(r) || r == ')' || r == '.' })
	if rest != "" {
		return "", false
	}
	return t[:end], true
}

// isNumberEnd reports whether r may end a number before its extension
// and is left out of it: spaces and the punctuation around the marker.
func isNumberEnd(r rune) bool {
	return unicode.IsSpace(r) || strings.ContainsRune(",;-(/.:", r)
}

func isASCIILetter(c byte) bool { return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' }

// PhoneHasDigits reports whether s holds a digit of any script. A value
// without one ("pager", "Tel Iphone") is not a number but a label written
// where the number belongs, as some programs export them: an importer
// keeps it as the phone's label, or drops it, and says so.
func PhoneHasDigits(s string) bool {
	for _, r := range s {
		if unicode.IsDigit(r) {
			return true
		}
	}
	return false
}
