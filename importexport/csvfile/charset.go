package csvfile

import (
	"bytes"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/encoding/japanese"
)

// The encoding of a CSV file is never declared; programs write what the
// user's Windows uses (Excel's "CSV" is the ANSI code page: Windows-1252
// in Western Europe, 1250 in Central Europe, 1251 in Russia, Shift_JIS in
// Japan), KOI8-R comes from older Unix mail clients, and Outlook's and
// Excel's "Unicode text" is UTF-16, sometimes without its byte order mark.
//
// The rule, applied to the first 64 KiB of the file:
//
//  1. A byte order mark decides (UTF-8, UTF-16LE, UTF-16BE).
//  2. NUL bytes, nearly all at odd offsets (or all at even ones), mean
//     UTF-16LE (BE) without a mark: text files have no NUL otherwise, and
//     the ASCII of a header ("N\x00a\x00m\x00e\x00") puts them there.
//  3. Otherwise the file is read as UTF-8. Each value that is not valid
//     UTF-8 is decoded with a fallback character set, value by value, so
//     that a stray byte cannot garble the rest of the file.
//  4. The fallback is guessed from the values in the first 64 KiB that are
//     not UTF-8: each candidate (Windows-1252, Windows-1250, ISO-8859-2,
//     Windows-1251, KOI8-R, Shift_JIS) decodes them and the most plausible
//     text wins, by a simple score: letters gain, lower case letters gain
//     more (text is mostly lower case; KOI8-R read as Windows-1251 is
//     mostly upper case, and the reverse), while replacement and control
//     characters, stray symbols (¹ ³ ¤), scripts mixed within a word and
//     runs of accented Latin letters (Cyrillic read as Windows-1252: Ïðèâåò)
//     lose. Windows-1252 wins ties, and is the fallback when the sample
//     holds no such value.
//
// What was guessed is reported as a file warning (RecordReader.FileWarnings).

// charset is a fallback character set.
type charset struct {
	name string
	enc  encoding.Encoding
	what string // what the text looked like, for the warning
}

// candidates returns the fallback character sets, in the order that
// breaks ties.
func candidates() []charset {
	return []charset{
		{"windows-1252", charmap.Windows1252, "Western European letters"},
		{"windows-1250", charmap.Windows1250, "Central European letters"},
		{"ISO-8859-2", charmap.ISO8859_2, "Central European letters"},
		{"windows-1251", charmap.Windows1251, "Cyrillic letters"},
		{"KOI8-R", charmap.KOI8R, "Cyrillic letters"},
		{"Shift_JIS", japanese.ShiftJIS, "Japanese characters"},
	}
}

// sniffUTF16 reports whether head, which has no byte order mark, looks
// like UTF-16, and in which byte order.
func sniffUTF16(head []byte) (bigEndian, ok bool) {
	if len(head) > 4096 {
		head = head[:4096]
	}
	even, odd := 0, 0
	for i, c := range head {
		if c != 0 {
			continue
		}
		if i%2 == 0 {
			even++
		} else {
			odd++
		}
	}
	switch {
	case odd >= 2 && even*20 <= odd:
		return false, true
	case even >= 2 && odd*20 <= even:
		return true, true
	}
	return false, false
}

// nonUTF8Values returns the values of sample (split at delimiters, quotes
// and line ends) that are not valid UTF-8, joined by spaces: the text from
// which the fallback is guessed. A value cut by the end of the sample is
// left out.
func nonUTF8Values(sample []byte) []byte {
	var out []byte
	start := 0
	for i := 0; i <= len(sample); i++ {
		if i < len(sample) {
			switch sample[i] {
			case ',', ';', '\t', '"', '\n', '\r':
			default:
				continue
			}
		}
		if v := sample[start:i]; i < len(sample) && !utf8.Valid(v) {
			out = append(out, v...)
			out = append(out, ' ')
		}
		start = i + 1
	}
	return out
}

// guessFallback picks the character set of the values in text (see
// nonUTF8Values).
func guessFallback(text []byte) charset {
	cands := candidates()
	best, bestScore := cands[0], 0
	for i, c := range cands {
		s, err := c.enc.NewDecoder().Bytes(text)
		if err != nil {
			continue
		}
		if score := plausibility(string(s)); i == 0 || score > bestScore {
			best, bestScore = c, score
		}
	}
	return best
}

// plausibility scores decoded text: how much it looks like words in one
// script. See the rule above.
func plausibility(s string) int {
	const (
		other = iota
		latin
		cyrillic
		greek
		cjk
	)
	score := 0
	word := other // the script of the word so far
	prevLetter, prevLower, prevAccented := false, false, false
	for _, r := range s {
		if !unicode.IsLetter(r) {
			prevLetter, prevLower, prevAccented = false, false, false
			word = other
			switch {
			case r < 0x80:
			case r == utf8.RuneError:
				score -= 20
			case unicode.IsControl(r):
				score -= 10
			case unicode.IsDigit(r), unicode.IsSpace(r), bytes.ContainsRune([]byte("«»„“”‘’‚–—…€°§·"), r):
			default:
				score -= 3
			}
			continue
		}
		script := other
		switch {
		case unicode.Is(unicode.Latin, r):
			script = latin
		case unicode.Is(unicode.Cyrillic, r):
			script = cyrillic
		case unicode.Is(unicode.Greek, r):
			script = greek
		case unicode.In(r, unicode.Han, unicode.Hiragana, unicode.Katakana):
			script = cjk
		}
		if r >= 0x80 {
			score += 2
			if unicode.IsLower(r) {
				score++
			}
			if script == latin && prevAccented {
				score -= 2
			}
		}
		if word != other && script != word {
			score -= 6
		}
		if unicode.IsUpper(r) && prevLetter && prevLower {
			score -= 3
		}
		word = script
		prevLetter, prevLower, prevAccented = true, unicode.IsLower(r), r >= 0x80 && script == latin
	}
	return score
}
