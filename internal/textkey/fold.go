package textkey

import "slices"

// foldSpecial folds letters that Unicode does not decompose into a base
// letter and an accent. ok is false for other runes.
func foldSpecial(r rune) (fold string, ok bool) {
	switch r {
	case 'ß', 'ẞ':
		return "ss", true
	case 'æ', 'Æ':
		return "ae", true
	case 'œ', 'Œ':
		return "oe", true
	case 'ø', 'Ø':
		return "o", true
	case 'ł', 'Ł':
		return "l", true
	case 'đ', 'Đ', 'ð', 'Ð':
		return "d", true
	case 'þ', 'Þ':
		return "th", true
	case 'ı':
		return "i", true
	case 'ς':
		// The final sigma: "ΝΙΚΟΣ" lower-cases to "νικοσ", "Νίκος" ends in ς.
		return "σ", true
	case '’':
		// "O’Brien" is one word: "obrien".
		return "", true
	}
	return "", false
}

// foldDecomposed returns the folded form of a rune that NFKD decomposes:
// its decomposition lower-cased, without combining marks, with a space
// for each run of other runes (which ends a word). ok is false for a rune
// that NFKD leaves as it is.
func foldDecomposed(r rune) (fold string, ok bool) {
	p := int(r >> 8)
	if r < 0 || p+1 >= len(foldPages) {
		return "", false
	}
	lo, hi := int(foldPages[p]), int(foldPages[p+1])
	i, ok := slices.BinarySearch(foldRunes[lo:hi], r)
	if !ok {
		return "", false
	}
	i += lo
	start := 0
	if i > 0 {
		start = int(foldEnds[i-1])
	}
	return foldText[start:foldEnds[i]], true
}
