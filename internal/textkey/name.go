package textkey

import (
	"bytes"
	"slices"
	"unicode"
	"unicode/utf8"
)

// Names and companies are compared in a folded form: lower case, accents
// stripped ("José García" and "JOSE GARCIA" agree), compatibility forms
// such as full-width letters replaced by the plain ones (NFKD),
// punctuation dropped, words separated by single spaces. A person's first
// and last names are reduced to their words, sorted, so that the order in
// which they were written does not matter. A company loses its legal form
// at the end ("Acme Inc." and "ACME" agree).
//
// The folding works on bytes with a fast path for ASCII and allocates
// nothing beyond the caller's buffer, because stores compute match keys
// on every write.

// AppendName appends the name key of first and last names and a company
// to dst: the folded words of both names in byte order, separated by
// single spaces, then "|" and the folded company without its legal form.
// It appends nothing when the names fold to nothing.
func AppendName(dst []byte, first, last, company string) []byte {
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

// appendFoldedWords appends the folded words of s to dst, each followed by
// a space.
func appendFoldedWords(dst []byte, s string) []byte {
	inWord := false
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
			case inWord:
				dst = append(dst, ' ')
				inWord = false
			}
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		i += size
		fold, ok := foldSpecial(r)
		if !ok {
			fold, ok = foldDecomposed(r)
		}
		if ok {
			dst, inWord = appendFold(dst, fold, inWord)
			continue
		}
		switch {
		case unicode.Is(unicode.Mn, r):
			// An accent: dropped.
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			dst = utf8.AppendRune(dst, unicode.ToLower(r))
			inWord = true
		case inWord:
			dst = append(dst, ' ')
			inWord = false
		}
	}
	if inWord {
		dst = append(dst, ' ')
	}
	return dst
}

// appendFold appends a folded form, whose spaces end the word, to dst.
func appendFold(dst []byte, fold string, inWord bool) ([]byte, bool) {
	for j := 0; j < len(fold); j++ {
		switch {
		case fold[j] != ' ':
			dst = append(dst, fold[j])
			inWord = true
		case inWord:
			dst = append(dst, ' ')
			inWord = false
		}
	}
	return dst, inWord
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
