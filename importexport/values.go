package importexport

import (
	"fmt"
	"net/mail"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"
)

// This file reads the values of one field that programs write loosely: a
// field with several e-mail addresses, a name with the address, a phone
// field holding a word, several web addresses in one cell. Each reader
// keeps what it can and says, in a Warning, what it changed.

// parsedAddress is one e-mail address read from a field, with the display
// name written beside it ("Hans Wurst" of "Hans Wurst <h@x.example>").
type parsedAddress struct {
	name, address string
}

// bareEmailValue reports whether v is one address with nothing around it,
// as almost every field holds: kept as written, with no parsing. Anything
// else (separators, brackets, quotes, spaces) goes to parseEmailField.
func bareEmailValue(v string) bool {
	return !strings.ContainsAny(v, " ,;<>()\"\t\r\n[]'") && !hasPrefixFold(v, "mailto:")
}

// parseEmailField reads the addresses of a field that is not a bare
// address: a list separated by commas or semicolons, "Name <a@x>",
// "\"Wurst, Hans\" <a@x>", "a@x (Name)" (all as net/mail reads them, with
// ";" taken as ","), and, when net/mail cannot read the field, any word
// that is an address ("Hans Wurst (a@x)", "a@x b@x", "mailto:a@x"), the
// rest of the field being the name when there is one address. An address
// repeated in the field (compared case-insensitively) is kept once. It
// returns no address when the field holds none.
func parseEmailField(v string) []parsedAddress {
	if list, err := mail.ParseAddressList(semicolonsToCommas(v)); err == nil && len(list) > 0 {
		out := make([]parsedAddress, 0, len(list))
		for _, a := range list {
			if bareAddress(a.Address) { // not `" "@x`, which net/mail unquotes
				out = appendAddress(out, parsedAddress{name: strings.TrimSpace(a.Name), address: a.Address})
			}
		}
		return out
	}
	var out []parsedAddress
	var spans [][2]int
	for i := 0; i < len(v); {
		for i < len(v) && isAddressSeparator(v[i]) {
			i++
		}
		j := i
		for j < len(v) && !isAddressSeparator(v[j]) {
			j++
		}
		if j > i {
			if a, ok := wordAddress(v[i:j]); ok {
				out = appendAddress(out, parsedAddress{address: a})
				spans = append(spans, [2]int{i, j})
			}
		}
		i = j
	}
	if len(out) == 1 && len(spans) == 1 {
		name := v[:spans[0][0]] + " " + v[spans[0][1]:]
		name = strings.Join(strings.Fields(strings.Trim(name, " \t,;<>()[]\"'")), " ")
		if !strings.Contains(name, "@") && !strings.EqualFold(name, "mailto:") {
			out[0].name = name
		}
	}
	return out
}

// appendAddress appends a to out unless out holds its address already.
func appendAddress(out []parsedAddress, a parsedAddress) []parsedAddress {
	for _, x := range out {
		if strings.EqualFold(x.address, a.address) {
			return out
		}
	}
	return append(out, a)
}

// wordAddress returns the address that a word of a field is, if any:
// "mailto:" and trailing dots or colons are left out.
func wordAddress(w string) (string, bool) {
	if hasPrefixFold(w, "mailto:") {
		w = w[len("mailto:"):]
	}
	w = strings.TrimRight(w, ".:")
	if !strings.Contains(w, "@") {
		return "", false
	}
	return w, bareAddress(w)
}

// bareAddress reports whether a is an address as validation keeps one:
// one that net/mail reads back unchanged.
func bareAddress(a string) bool {
	p, err := mail.ParseAddress(a)
	return err == nil && p.Address == a
}

func isAddressSeparator(c byte) bool {
	switch c {
	case ' ', '\t', '\r', '\n', ',', ';', '<', '>', '(', ')', '[', ']', '"', '\'':
		return true
	}
	return false
}

// semicolonsToCommas replaces the semicolons of v that are not inside a
// quoted string with commas: Outlook separates addresses with ";", net/mail
// only with ",".
func semicolonsToCommas(v string) string {
	if !strings.Contains(v, ";") {
		return v
	}
	b := []byte(v)
	quoted := false
	for i, c := range b {
		switch {
		case c == '"' && (i == 0 || b[i-1] != '\\'):
			quoted = !quoted
		case c == ';' && !quoted:
			b[i] = ','
		}
	}
	return string(b)
}

func hasPrefixFold(s, prefix string) bool {
	return len(s) >= len(prefix) && strings.EqualFold(s[:len(prefix)], prefix)
}

// splitWebPages splits a field holding several web addresses ("www.a.example
// www.b.example", "a.example; b.example") into them. It returns nil when
// the field is one value, kept as written, or when one of its parts does not
// look like a web address (a space inside a URL): the value is then kept
// whole, and validation decides.
func splitWebPages(v string) []string {
	if !strings.ContainsAny(v, " \t\r\n,;") {
		return nil
	}
	parts := strings.FieldsFunc(v, func(r rune) bool { return unicode.IsSpace(r) || r == ',' || r == ';' })
	parts = slices.DeleteFunc(parts, func(p string) bool { return p == googleSeparator })
	if len(parts) < 2 {
		return nil
	}
	for _, p := range parts {
		if !strings.Contains(p, ".") || strings.HasPrefix(p, "/") || strings.HasPrefix(p, ".") {
			return nil
		}
	}
	return parts
}

// googleSeparator separates the values of one cell in Google Contacts'
// CSV ("+1 555 0100 ::: +1 555 0199").
const googleSeparator = ":::"

// splitPhones splits a phone cell holding several numbers the way Google
// writes them; nil when it holds one.
func splitPhones(v string) []string {
	if !strings.Contains(v, googleSeparator) {
		return nil
	}
	var out []string
	for _, p := range strings.Split(v, googleSeparator) {
		if p = strings.TrimSpace(p); p != "" {
			out = append(out, p)
		}
	}
	if len(out) < 2 {
		return nil
	}
	return out
}

// clip shortens a value written into a Warning to a readable length.
func clip(s string) string {
	const max = 120
	if len(s) <= max {
		return s
	}
	i := max
	for i > 0 && !utf8.RuneStart(s[i]) {
		i--
	}
	return s[:i] + "…"
}

// warningf returns a Warning for column of the row, Value clipped.
func warningf(column, value, format string, args ...any) Warning {
	return Warning{Column: column, Value: clip(value), Reason: fmt.Sprintf(format, args...)}
}
