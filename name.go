package leads

import (
	"strings"
	"unicode"
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
	var parts []string
	for _, p := range []string{n.Title, n.First, n.Middle, n.Last, n.Suffix} {
		if p != "" {
			parts = append(parts, p)
		}
	}
	return strings.Join(parts, " ")
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
	return strings.ToLower(strings.TrimRightFunc(w, func(r rune) bool { return r == '.' || unicode.IsSpace(r) }))
}

func isTitle(w string) bool {
	switch nameKey(w) {
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
	switch nameKey(w) {
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
