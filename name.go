package leads

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// Name holds the parts of a person's name, as Outlook's "Check Full Name"
// dialog shows them.
type Name struct {
	Title  string // "Dr."
	First  string // "Ada"
	Middle string // "M."
	Last   string // "Lovelace"
	Suffix string // "Jr."
}

// String joins the parts with single spaces: "Dr. Ada M. Lovelace Jr.".
func (n Name) String() string {
	// Sized once and filled in place: an import names every row.
	parts := [...]string{n.Title, n.First, n.Middle, n.Last, n.Suffix}
	size, only := -1, ""
	for _, p := range parts {
		if p != "" {
			size += len(p) + 1
			only = p
		}
	}
	switch {
	case size < 0:
		return ""
	case size == len(only):
		return only // a single part: no copy
	}
	var b strings.Builder
	b.Grow(size)
	for _, p := range parts {
		if p != "" {
			if b.Len() > 0 {
				b.WriteByte(' ')
			}
			b.WriteString(p)
		}
	}
	return b.String()
}

// ParseName splits a full name into its parts. It understands
//
//   - "First Middle Last": "Dr. Ada M. Lovelace Jr." gives title "Dr.",
//     first "Ada", middle "M.", last "Lovelace", suffix "Jr.";
//   - "Last, First Middle": "Lovelace, Ada" gives first "Ada", last "Lovelace";
//   - surname particles, which stay with the last name: "Ludwig van Beethoven";
//   - a single name, which is the first name ("Madonna");
//   - any script: letters are letters, whether Latin, accented or Cyrillic.
//
// Titles and suffixes are recognized from common lists; anything unknown is
// treated as a name. Parsing never fails: the result is a best guess that
// the user may edit.
func ParseName(full string) Name {
	// The common "First Last" is split without copying: imports name
	// every row.
	if first, last, ok := twoPlainWords(full); ok && !isTitle(first) && !isSuffix(last) {
		return Name{First: first, Last: last}
	}
	return parseName(full)
}

// twoPlainWords splits s into two words when it is printable ASCII without
// commas and has exactly one space, between the words: the case where
// parseName's answer is simply the two words, unless the first is a title
// or the second a suffix.
func twoPlainWords(s string) (first, last string, ok bool) {
	space := -1
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case c == ' ':
			if space >= 0 {
				return "", "", false
			}
			space = i
		case c <= ' ' || c >= 0x7f || c == ',':
			return "", "", false
		}
	}
	if space <= 0 || space == len(s)-1 {
		return "", "", false
	}
	return s[:space], s[space+1:], true
}

// parseName is ParseName for any input.
func parseName(full string) Name {
	full = strings.Join(strings.Fields(full), " ")
	if full == "" {
		return Name{}
	}
	var n Name
	if before, after, ok := strings.Cut(full, ","); ok {
		rest := strings.TrimSpace(after)
		before = strings.TrimSpace(before)
		// "Ada Lovelace, Jr." and "Ada Lovelace, PhD": the comma sets off a suffix.
		if isSuffixList(rest) {
			n = parseOrdered(strings.Fields(before))
			n.Suffix = joinNonEmpty(n.Suffix, normalizeCommaSuffix(rest))
			return n
		}
		// "Lovelace, Ada M." : last name first. Later commas separate
		// words too: "Lovelace, Ada, Jr.".
		words := strings.Fields(strings.ReplaceAll(rest, ",", " "))
		var title, suffix string
		for len(words) > 0 && isTitle(words[0]) {
			title = joinNonEmpty(title, words[0])
			words = words[1:]
		}
		for len(words) > 1 && isSuffix(words[len(words)-1]) {
			suffix = joinNonEmpty(words[len(words)-1], suffix)
			words = words[:len(words)-1]
		}
		lastWords := strings.Fields(before)
		for len(lastWords) > 0 && isTitle(lastWords[0]) {
			title = joinNonEmpty(title, lastWords[0])
			lastWords = lastWords[1:]
		}
		n.Title, n.Suffix = title, suffix
		n.Last = strings.Join(lastWords, " ")
		if len(words) > 0 {
			n.First = words[0]
			n.Middle = strings.Join(words[1:], " ")
		}
		return n
	}
	return parseOrdered(strings.Fields(full))
}

// parseOrdered parses words in "Title First Middle Last Suffix" order.
func parseOrdered(words []string) Name {
	var n Name
	for len(words) > 1 && isTitle(words[0]) {
		n.Title = joinNonEmpty(n.Title, words[0])
		words = words[1:]
	}
	for len(words) > 1 && isSuffix(words[len(words)-1]) {
		n.Suffix = joinNonEmpty(words[len(words)-1], n.Suffix)
		words = words[:len(words)-1]
	}
	switch len(words) {
	case 0:
		return n
	case 1:
		n.First = words[0]
		return n
	}
	n.First = words[0]
	// The last name starts at the first particle after the first name
	// ("Ludwig van Beethoven", "Maria de la Cruz"), else it is the last word.
	lastStart := len(words) - 1
	for i := 1; i < len(words)-1; i++ {
		if isParticle(words[i]) {
			lastStart = i
			break
		}
	}
	n.Middle = strings.Join(words[1:lastStart], " ")
	n.Last = strings.Join(words[lastStart:], " ")
	return n
}

func joinNonEmpty(a, b string) string {
	switch {
	case a == "":
		return b
	case b == "":
		return a
	}
	return a + " " + b
}

func isSuffixList(s string) bool {
	words := strings.Fields(strings.ReplaceAll(s, ",", " "))
	if len(words) == 0 {
		return false
	}
	for _, w := range words {
		if !isSuffix(w) {
			return false
		}
	}
	return true
}

func normalizeCommaSuffix(s string) string {
	return strings.Join(strings.Fields(strings.ReplaceAll(s, ",", " ")), " ")
}

// nameKey folds a word for lookup in the title, suffix and particle lists.
func nameKey(w string) string {
	return strings.ToLower(trimNameKey(w))
}

func trimNameKey(w string) string {
	return strings.TrimRightFunc(w, func(r rune) bool { return r == '.' || unicode.IsSpace(r) })
}

// foldShort is nameKey for a short ASCII word, folded into buf without
// allocating; ok is false for other words.
func foldShort(w string, buf *[16]byte) (key []byte, ok bool) {
	w = trimNameKey(w)
	if len(w) > len(buf) {
		return nil, false
	}
	for i := 0; i < len(w); i++ {
		c := w[i]
		if c >= utf8.RuneSelf {
			return nil, false
		}
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		buf[i] = c
	}
	return buf[:len(w)], true
}

func isTitle(w string) bool {
	var buf [16]byte
	if k, ok := foldShort(w, &buf); ok {
		return isTitleKey(string(k))
	}
	return isTitleKey(nameKey(w))
}

func isTitleKey(k string) bool {
	switch k {
	case "mr", "mrs", "ms", "miss", "mx", "dr", "prof", "professor", "sir", "dame", "madam",
		"rev", "fr", "hon", "capt", "col", "gen", "lt", "sgt", "herr", "frau", "m", "mme", "mlle",
		"sr", "sra", "srta", "dott", "ing", "mag", "г-н", "г-жа", "господин", "госпожа":
		// "sr" is Spanish Señor before a name and Senior after one; the
		// position decides, since titles are only taken from the front.
		return true
	}
	return false
}

func isSuffix(w string) bool {
	var buf [16]byte
	if k, ok := foldShort(w, &buf); ok {
		return isSuffixKey(string(k))
	}
	return isSuffixKey(nameKey(w))
}

func isSuffixKey(k string) bool {
	switch k {
	case "jr", "sr", "ii", "iii", "iv", "v", "phd", "ph.d", "md", "m.d", "dds", "esq",
		"cpa", "mba", "jd", "rn", "obe", "mbe", "kbe", "cbe", "qc", "kc":
		return true
	}
	return false
}

func isParticle(w string) bool {
	switch strings.ToLower(w) {
	case "van", "von", "de", "da", "di", "del", "della", "der", "den", "du", "la", "le",
		"ten", "ter", "bin", "ibn", "al", "el", "st.", "mac", "dos", "das", "zu":
		return true
	}
	return false
}
