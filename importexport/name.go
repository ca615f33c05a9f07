package importexport

import (
	"strings"
	"unicode"
)

// NameFromAddress makes a full name of an e-mail address's local part, for
// a person of whom a file gives an address and no name: the words between
// dots, underscores, hyphens and plus signs, each with a capital first
// letter ("ada.lovelace@x.example" gives "Ada Lovelace"). Every reader
// uses it, so a person gets the same name from a CSV row, a vCard or an
// e-mail message; it returns addr when the local part has no word.
func NameFromAddress(addr string) string {
	local, _, _ := strings.Cut(addr, "@")
	words := strings.FieldsFunc(local, func(r rune) bool { return r == '.' || r == '_' || r == '-' || r == '+' })
	for i, w := range words {
		r := []rune(w)
		r[0] = unicode.ToUpper(r[0])
		words[i] = string(r)
	}
	if len(words) == 0 {
		return addr
	}
	return strings.Join(words, " ")
}
