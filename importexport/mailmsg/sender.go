package mailmsg

import (
	"fmt"
	"strings"

	"github.com/emersion/go-message/mail"
)

// senderHeaders are the headers that name the sender, in the order they
// are tried: RFC 5322 §3.6.2's From and Sender, then Reply-To, which some
// mailing systems set to the person when From is theirs.
var senderHeaders = [...]string{"From", "Sender", "Reply-To"}

// sender is the person found in the headers.
type sender struct {
	name, address string
}

// senderOf finds the sender in From, else Sender, else Reply-To. Each
// header is read by the RFC 5322 parser first; when that fails, or finds
// no address, leniently (see lenientAddress). Adjustments are returned as
// warnings.
func senderOf(h mail.Header) (sender, []string, error) {
	var problems []string
	for i, key := range senderHeaders {
		raw := field(h, key)
		if strings.TrimSpace(raw) == "" {
			continue
		}
		s, w, ok := strictAddress(h, key)
		if !ok {
			s, w, ok = lenientAddress(key, raw)
		}
		if !ok {
			problems = append(problems, fmt.Sprintf("%s %q holds no address", key, clip(raw)))
			continue
		}
		if i > 0 {
			why := "From is missing"
			if len(problems) > 0 {
				why = strings.Join(problems, "; ")
			}
			w = append([]string{fmt.Sprintf("%s: the sender was taken from %s: %s", key, key, why)}, w...)
		}
		return s, w, nil
	}
	if len(problems) == 0 {
		return sender{}, nil, fmt.Errorf("%w (no From, Sender or Reply-To header)", ErrNoSender)
	}
	return sender{}, nil, fmt.Errorf("%w: %s", ErrNoSender, strings.Join(problems, "; "))
}

// strictAddress reads the first address of a header as RFC 5322 says. A
// display name that still holds encoded words (inside quotes, where the
// parser leaves them) is decoded leniently.
func strictAddress(h mail.Header, key string) (sender, []string, bool) {
	list, err := h.AddressList(key)
	if err != nil {
		return sender{}, nil, false
	}
	for _, a := range list {
		if a == nil || !plausible(a.Address) {
			continue
		}
		s := sender{name: a.Name, address: a.Address}
		var warns []string
		if strings.Contains(s.name, "=?") {
			if d, ok := decodeWords(s.name); ok {
				warns = append(warns, fmt.Sprintf("%s: encoded words in the display name %q were decoded", key, clip(s.name)))
				s.name = d
			}
		}
		s.name = cleanName(s.name)
		return s, warns, true
	}
	return sender{}, nil, false
}

// lenientAddress finds an address in a header that the RFC 5322 parser
// refused: raw 8-bit bytes (read as UTF-8, else windows-1252), unquoted
// commas in the display name ("Wurst, Hans <h@x.de>"), an address in
// parentheses or after the name ("Hans Wurst (h@x.de)", "h@x.de (Hans
// Wurst)"), encoded words anywhere. The address in angle brackets wins;
// else the first word with an "@" in it. The rest of the value, cleaned of
// quotes, brackets and encoded words, is the name.
func lenientAddress(key, raw string) (sender, []string, bool) {
	text, guessed := rawText(raw)
	var warns []string
	if guessed {
		warns = append(warns, fmt.Sprintf("%s: the header is not UTF-8: it was read as windows-1252", key))
	}
	addr, name := "", ""
	if lt := strings.IndexByte(text, '<'); lt >= 0 {
		if gt := strings.IndexByte(text[lt:], '>'); gt > 0 {
			// RFC 5322 allows comments and folding inside the address:
			// <pete(his account)@silly.test>, <jdoe@machine.  example>
			a, _ := stripComments(text[lt+1 : lt+gt])
			if a = strings.Join(strings.Fields(a), ""); plausible(a) {
				addr, name = a, text[:lt]
				if strings.TrimSpace(name) == "" {
					name = text[lt+gt+1:]
				}
			}
		}
	}
	if addr == "" {
		for _, w := range strings.FieldsFunc(text, func(r rune) bool {
			return r == ' ' || r == '\t' || strings.ContainsRune(",;<>()\"'[]", r)
		}) {
			w = strings.TrimRight(w, ".:")
			if plausible(w) {
				addr = w
				name = strings.Replace(text, w, " ", 1)
				break
			}
		}
	}
	if addr == "" {
		return sender{}, nil, false
	}
	if d, ok := decodeWords(name); ok {
		name = d
	}
	// The name is the text outside comments ("Pete(A wonderful chap)"),
	// or the comment when there is nothing else ("h@x.de (Hans Wurst)").
	if bare, comments := stripComments(name); cleanName(bare) != "" {
		name = bare
	} else {
		name = comments
	}
	warns = append(warns, fmt.Sprintf("%s: %q is not a valid address list: the address %s was read from it", key, clip(text), addr))
	return sender{name: cleanName(name), address: addr}, warns, true
}

// cleanName trims what surrounds a display name: quotes, parentheses,
// backslash escapes, commas and runs of spaces. It keeps commas inside
// ("Wurst, Hans").
func cleanName(s string) string {
	s = strings.ReplaceAll(s, `\"`, `"`)
	s = strings.Map(func(r rune) rune {
		switch r {
		case '"', '(', ')', '<', '>':
			return ' '
		}
		return r
	}, s)
	s = strings.Join(strings.Fields(s), " ")
	return strings.Trim(s, " ,;:'")
}

// plausible tells an address good enough to keep: text on both sides of
// one "@", a dot or letters in the domain, no spaces.
func plausible(a string) bool {
	at := strings.LastIndexByte(a, '@')
	if at <= 0 || at == len(a)-1 || strings.ContainsAny(a, " \t\r\n<>()\",;") {
		return false
	}
	return true
}

// addressList reads an address header (To) leniently: the strict parser
// first, else every plausible address in it.
func addressList(h mail.Header, key string) []string {
	var out []string
	if list, err := h.AddressList(key); err == nil {
		for _, a := range list {
			out = append(out, a.Address)
		}
		return out
	}
	text, _ := rawText(h.Get(key))
	for _, w := range strings.FieldsFunc(text, func(r rune) bool {
		return r == ' ' || r == '\t' || strings.ContainsRune(",;<>()\"'[]", r)
	}) {
		if w = strings.TrimRight(w, ".:"); plausible(w) {
			out = append(out, w)
		}
	}
	return out
}

// stripComments removes RFC 5322 comments (parenthesised, nested, with
// backslash escapes) from s, and returns the text without them and the
// text of the comments.
func stripComments(s string) (bare, comments string) {
	var b, c strings.Builder
	depth := 0
	for i := 0; i < len(s); i++ {
		ch := s[i]
		switch {
		case ch == '\\' && depth > 0 && i+1 < len(s):
			i++
			c.WriteByte(s[i])
		case ch == '(':
			if depth > 0 {
				c.WriteByte(' ')
			}
			depth++
		case ch == ')' && depth > 0:
			depth--
			c.WriteByte(' ')
		case depth > 0:
			c.WriteByte(ch)
		default:
			b.WriteByte(ch)
		}
	}
	return b.String(), c.String()
}

// field returns a header's raw value; a field written with spaces before
// its colon ("From  : x", the obsolete syntax of RFC 5322 §4.5) counts.
func field(h mail.Header, key string) string {
	if v := h.Get(key); v != "" {
		return v
	}
	fields := h.Fields()
	for fields.Next() {
		if strings.EqualFold(strings.TrimSpace(fields.Key()), key) {
			return fields.Value()
		}
	}
	return ""
}
