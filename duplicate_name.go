package leads

import (
	"bytes"
	"slices"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// Names and companies are compared in a folded form: lower case, accents
// stripped ("José García" and "JOSE GARCIA" agree), compatibility forms
// such as full-width letters replaced by the plain ones (NFKD),
// punctuation dropped, words separated by single spaces. A person's name is reduced to the
// words of its first and last names, sorted, so that "Lovelace, Ada",
// "Dr. Ada Lovelace", "Ada M. Lovelace" and "Lovelace Ada" all agree
// (titles, suffixes and middle names are left out). A company loses its
// legal form at the end ("Acme Inc." and "ACME" agree).
//
// The folding works on bytes with a fast path for ASCII and allocates
// nothing beyond the caller's buffer, because MatchKeys runs it on every
// write of a store that indexes keys.

// NameMatchKey is the form in which a name and company are compared for
// duplicates: the folded, sorted first and last names, "|", and the
// folded company. full is the name as typed; first and last, when either
// is set, are used instead of parsing it (they may have been corrected by
// hand). It is "" when the name folds to nothing.
func NameMatchKey(full, first, last, company string) string {
	var arr [128]byte
	b := appendNameKey(arr[:0], full, first, last, company)
	if len(b) == 0 {
		return ""
	}
	return string(b)
}

// appendNameKey appends the name key (without its "n:" prefix) to dst, or
// nothing when the name folds to nothing.
func appendNameKey(dst []byte, full, first, last, company string) []byte {
	if first == "" && last == "" {
		n := ParseName(full)
		first, last = n.First, n.Last
		if first == "" && last == "" {
			return dst
		}
	}
	var arr [96]byte
	words := appendFoldedWords(arr[:0], first)
	words = appendFoldedWords(words, last)
	if len(words) == 0 {
		return dst
	}
	start := len(dst)
	dst = appendSortedWords(dst, words)
	if len(dst) == start {
		return dst
	}
	dst = append(dst, '|')
	var carr [96]byte
	return append(dst, trimLegalForm(appendFoldedWords(carr[:0], company))...)
}

// appendFoldedWords appends the folded words of s to dst, each followed by a
// space.
func appendFoldedWords(dst []byte, s string) []byte {
	inWord := false
	endWord := func() {
		if inWord {
			dst = append(dst, ' ')
			inWord = false
		}
	}
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			i++
			switch {
			case 'a' <= c && c <= 'z', '0' <= c && c <= '9':
				dst = append(dst, c)
				inWord = true
			case 'A' <= c && c <= 'Z':
				dst = append(dst, c+'a'-'A')
				inWord = true
			case c == '\'':
				// "O'Brien" is one word: "obrien".
			default:
				endWord()
			}
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if fold := foldSpecial(r); fold != "" {
			dst = append(dst, fold...)
			inWord = true
			i += size
			continue
		}
		if r == '’' {
			i += size
			continue
		}
		p := norm.NFKD.PropertiesString(s[i:])
		decomposed := p.Decomposition()
		if len(decomposed) == 0 {
			decomposed = []byte(s[i : i+size])
		}
		i += size
		for len(decomposed) > 0 {
			d, n := utf8.DecodeRune(decomposed)
			decomposed = decomposed[n:]
			switch {
			case unicode.Is(unicode.Mn, d):
				// An accent: dropped.
			case unicode.IsLetter(d) || unicode.IsDigit(d):
				dst = utf8.AppendRune(dst, unicode.ToLower(d))
				inWord = true
			default:
				endWord()
			}
		}
	}
	endWord()
	return dst
}

// foldSpecial folds letters that Unicode does not decompose into a base
// letter and an accent.
func foldSpecial(r rune) string {
	switch r {
	case 'ß', 'ẞ':
		return "ss"
	case 'æ', 'Æ':
		return "ae"
	case 'œ', 'Œ':
		return "oe"
	case 'ø', 'Ø':
		return "o"
	case 'ł', 'Ł':
		return "l"
	case 'đ', 'Đ', 'ð', 'Ð':
		return "d"
	case 'þ', 'Þ':
		return "th"
	case 'ı':
		return "i"
	case 'ς':
		// The final sigma: "ΝΙΚΟΣ" lower-cases to "νικοσ", "Νίκος" ends in ς.
		return "σ"
	}
	return ""
}

// appendSortedWords appends the space-terminated words of words to dst in
// byte order, separated by single spaces.
func appendSortedWords(dst, words []byte) []byte {
	var spans [16][2]int
	n := 0
	start := 0
	for i, c := range words {
		if c != ' ' {
			continue
		}
		if n < len(spans) {
			spans[n] = [2]int{start, i}
			n++
		}
		start = i + 1
	}
	// Insertion sort: a name has a handful of words.
	for i := 1; i < n; i++ {
		for j := i; j > 0 && bytes.Compare(words[spans[j][0]:spans[j][1]], words[spans[j-1][0]:spans[j-1][1]]) < 0; j-- {
			spans[j], spans[j-1] = spans[j-1], spans[j]
		}
	}
	for i := range n {
		if i > 0 {
			dst = append(dst, ' ')
		}
		dst = append(dst, words[spans[i][0]:spans[i][1]]...)
	}
	return dst
}

// trimLegalForm drops the trailing space and trailing legal forms ("inc",
// "gmbh", "s a" as "S.A." folds) of folded company words, keeping at
// least one word.
func trimLegalForm(words []byte) []byte {
	words = bytes.TrimSuffix(words, []byte(" "))
	for {
		i := bytes.LastIndexByte(words, ' ')
		if i < 0 {
			return words
		}
		if isLegalForm(words[i+1:]) {
			words = words[:i]
			continue
		}
		// Initials: "s a", "s p a".
		var arr [8]byte
		initials := arr[:0]
		j := len(words)
		for j >= 2 && words[j-2] == ' ' && len(initials) < len(arr) {
			initials = append(initials, words[j-1])
			j -= 2
		}
		if len(initials) < 2 || j == 0 {
			return words
		}
		slices.Reverse(initials)
		if !isLegalForm(initials) {
			return words
		}
		words = words[:j]
	}
}

func isLegalForm(w []byte) bool {
	switch string(w) { // no allocation: the compiler compares in place
	case "inc", "incorporated", "corp", "corporation", "co", "ltd", "limited", "llc", "llp", "lp",
		"plc", "gmbh", "ag", "kg", "mbh", "ug", "sa", "sas", "sarl", "srl", "spa", "bv", "nv", "oy",
		"ab", "as", "asa", "aps", "pty", "pte", "kk", "ooo", "zao", "oao", "sl", "se":
		return true
	}
	return false
}
