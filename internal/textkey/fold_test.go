package textkey

import (
	"testing"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// normFoldedWords is appendFoldedWords as it was written on
// golang.org/x/text/unicode/norm before the generated table replaced it:
// the reference the table must reproduce.
func normFoldedWords(dst []byte, s string) []byte {
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
			default:
				endWord()
			}
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if fold, ok := foldSpecial(r); ok && r != '’' {
			dst = append(dst, fold...)
			inWord = true
			i += size
			continue
		}
		if r == '’' {
			i += size
			continue
		}
		decomposed := norm.NFKD.PropertiesString(s[i:]).Decomposition()
		if len(decomposed) == 0 {
			decomposed = []byte(s[i : i+size])
		}
		i += size
		for len(decomposed) > 0 {
			d, n := utf8.DecodeRune(decomposed)
			decomposed = decomposed[n:]
			switch {
			case unicode.Is(unicode.Mn, d):
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

// TestFoldTableMatchesNorm checks the generated table against
// golang.org/x/text/unicode/norm for every rune: the runes it holds are
// those NFKD decomposes, and each rune, alone and between letters, folds
// as it did through norm.
func TestFoldTableMatchesNorm(t *testing.T) {
	n := 0
	for r := rune(0); r <= unicode.MaxRune; r++ {
		if !utf8.ValidRune(r) {
			continue
		}
		_, inTable := foldDecomposed(r)
		if decomposes := len(norm.NFKD.PropertiesString(string(r)).Decomposition()) > 0; inTable != decomposes {
			t.Errorf("%U: in the table %v, NFKD decomposes it %v (run go generate)", r, inTable, decomposes)
		}
		if inTable {
			n++
		}
		if r > 0x2FFFF && !inTable {
			continue // no decompositions beyond; checked quicker
		}
		for _, s := range []string{string(r), "a" + string(r) + "b", "a " + string(r) + " b"} {
			if got, want := appendFoldedWords(nil, s), normFoldedWords(nil, s); string(got) != string(want) {
				t.Errorf("%U: %q folds to %q, through norm %q", r, s, got, want)
			}
		}
	}
	if n != len(foldRunes) {
		t.Errorf("%d runes decompose, the table holds %d", n, len(foldRunes))
	}
}

// FuzzFoldedWords checks that folding through the table gives what norm
// gave, for any text, valid UTF-8 or not.
func FuzzFoldedWords(f *testing.F) {
	for _, s := range []string{"José García", "Ａｄａ Ｌｏｖｅｌａｃｅ", "ΝΙΚΟΣ Νίκος", "Søren Kierkegaard-Łukasz",
		"Seán O’Brien", "Пётр Чайковский", "½ ﬁnance ㈱", "\xc3(\xed\xa0\x80\xe0\x80\xa8\xf4\x90\x80\x80"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if got, want := appendFoldedWords(nil, s), normFoldedWords(nil, s); string(got) != string(want) {
			t.Errorf("%q folds to %q, through norm %q", s, got, want)
		}
	})
}

// BenchmarkAppendName measures the name key of names in Latin letters with
// and without accents, and in Cyrillic.
func BenchmarkAppendName(b *testing.B) {
	for _, tt := range [][3]string{
		{"Ada", "Lovelace", "Analytical Engines Ltd"},
		{"José", "García", "Société Générale"},
		{"Пётр", "Чайковский", "ООО Ромашка"},
	} {
		b.Run(tt[0], func(b *testing.B) {
			var buf [128]byte
			for b.Loop() {
				AppendName(buf[:0], tt[0], tt[1], tt[2])
			}
		})
	}
}

// BenchmarkFoldedWords compares folding through the generated table with
// folding through golang.org/x/text/unicode/norm, as it was done before.
func BenchmarkFoldedWords(b *testing.B) {
	for _, s := range []string{"Ada Lovelace", "José García Société Générale", "Ａｄａ Ｌｏｖｅｌａｃｅ", "Пётр Чайковский", "Νίκος Παπαδόπουλος"} {
		var buf [128]byte
		b.Run("table/"+s, func(b *testing.B) {
			for b.Loop() {
				appendFoldedWords(buf[:0], s)
			}
		})
		b.Run("norm/"+s, func(b *testing.B) {
			for b.Loop() {
				normFoldedWords(buf[:0], s)
			}
		})
	}
}
