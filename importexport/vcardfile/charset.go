package vcardfile

import (
	"bufio"
	"bytes"
	"io"
	"strconv"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/encoding/japanese"
	xunicode "golang.org/x/text/encoding/unicode"
	"golang.org/x/text/transform"
)

// sniffLen is how much of the file the encoding is guessed from.
const sniffLen = 4096

// fileEncoding looks at the start of the file and returns a reader of it as
// UTF-8, with the name of the encoding it found and whether that encoding
// was guessed (no byte-order mark said so).
//
// UTF-16 is recognised by its byte-order mark, and without one by the NUL
// pattern: a vCard is mostly ASCII, whose characters in UTF-16 have a zero
// high byte, so NULs at odd offsets mean little-endian and at even offsets
// big-endian. A UTF-8 byte-order mark is dropped.
func fileEncoding(br *bufio.Reader) (io.Reader, string, bool) {
	head, _ := br.Peek(sniffLen)
	switch {
	case bytes.HasPrefix(head, []byte{0xEF, 0xBB, 0xBF}):
		_, _ = br.Discard(3)
		return br, "UTF-8", false
	case bytes.HasPrefix(head, []byte{0xFF, 0xFE}):
		return utf16(br, xunicode.LittleEndian, xunicode.ExpectBOM), "UTF-16LE", false
	case bytes.HasPrefix(head, []byte{0xFE, 0xFF}):
		return utf16(br, xunicode.BigEndian, xunicode.ExpectBOM), "UTF-16BE", false
	}
	n := len(head) &^ 1
	if n < 4 {
		return br, "", false
	}
	var even, odd int
	for i := 0; i < n; i += 2 {
		if head[i] == 0 {
			even++
		}
		if head[i+1] == 0 {
			odd++
		}
	}
	pairs := n / 2
	switch {
	case odd*2 > pairs && even*8 < pairs:
		return utf16(br, xunicode.LittleEndian, xunicode.IgnoreBOM), "UTF-16LE", true
	case even*2 > pairs && odd*8 < pairs:
		return utf16(br, xunicode.BigEndian, xunicode.IgnoreBOM), "UTF-16BE", true
	}
	return br, "", false
}

func utf16(r io.Reader, e xunicode.Endianness, bom xunicode.BOMPolicy) io.Reader {
	return transform.NewReader(r, xunicode.UTF16(e, bom).NewDecoder())
}

// guessCharset decodes bytes that are not UTF-8 and whose property named no
// CHARSET. The heuristic, in order:
//
//  1. Japanese in Shift_JIS uses lead bytes 0x81–0x9F for kana and most
//     kanji, which are rare in Latin and Cyrillic text (where they are
//     punctuation or box drawing): when at least a quarter of the high
//     bytes lie there and the bytes decode as Shift_JIS without error into
//     text with kana or kanji, it is Shift_JIS.
//  2. Latin text (German, French, Spanish...) has its non-ASCII letters
//     alone or in pairs between ASCII ones: when the runs of bytes ≥ 0x80
//     are 2.5 bytes long or shorter on average, the text is windows-1252
//     (a superset of ISO-8859-1's printable characters).
//  3. Else Cyrillic: windows-1251 and KOI8-R place the lower and upper
//     cases in swapped halves of 0xC0–0xFF, and running text is mostly
//     lower case, so the decoding that gives more lower-case letters wins.
//
// It returns the text and the name of the charset used.
func guessCharset(b []byte) (string, string) {
	var high, c1, runs, run int
	for _, c := range b {
		if c >= 0x80 {
			high++
			if c < 0xA0 {
				c1++
			}
			if run == 0 {
				runs++
			}
			run++
		} else {
			run = 0
		}
	}
	if c1*4 >= high {
		if s, err := japanese.ShiftJIS.NewDecoder().Bytes(b); err == nil && !bytes.ContainsRune(s, utf8.RuneError) && japaneseText(s) {
			return string(s), "Shift_JIS"
		}
	}
	if runs == 0 || float64(high)/float64(runs) <= 2.5 {
		return decodeWith(charmap.Windows1252, b), "windows-1252"
	}
	w := decodeWith(charmap.Windows1251, b)
	k := decodeWith(charmap.KOI8R, b)
	if lowerLetters(k) > lowerLetters(w) {
		return k, "KOI8-R"
	}
	return w, "windows-1251"
}

func decodeWith(e encoding.Encoding, b []byte) string {
	s, err := e.NewDecoder().Bytes(b)
	if err != nil {
		return string(bytes.ToValidUTF8(b, []byte("\uFFFD")))
	}
	return string(s)
}

func lowerLetters(s string) int {
	n := 0
	for _, r := range s {
		if unicode.IsLower(r) {
			n++
		}
	}
	return n
}

// decodeQP undoes quoted-printable as vCard 2.1 writers produce it, which
// is not always what RFC 2045 allows: "=XX" gives the byte XX (either case),
// "=" at the end of a line is a soft line break, and an "=" followed by
// anything else is kept as written. It reports whether such an "=" was
// kept.
func decodeQP(s string) ([]byte, bool) {
	out := make([]byte, 0, len(s))
	kept := false
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c != '=' {
			out = append(out, c)
			continue
		}
		switch {
		case i+2 < len(s) && s[i+1] == '\r' && s[i+2] == '\n':
			i += 2
		case i+1 < len(s) && s[i+1] == '\n':
			i++
		case i+2 < len(s) && hexPair(s[i+1:i+3]) >= 0:
			out = append(out, byte(hexPair(s[i+1:i+3])))
			i += 2
		case i+1 == len(s):
			// a soft line break before the end of the value
		default:
			out = append(out, c)
			kept = true
		}
	}
	return out, kept
}

// hexPair returns the byte that the two hexadecimal digits of s write
// ("3D" is '='), or -1 when s is not two such digits.
func hexPair(s string) int {
	v, err := strconv.ParseUint(s, 16, 8)
	if err != nil || len(s) != 2 {
		return -1
	}
	return int(v)
}

// japaneseText tells text with kana or kanji in it.
func japaneseText(s []byte) bool {
	for _, r := range string(s) {
		if unicode.In(r, unicode.Hiragana, unicode.Katakana, unicode.Han) {
			return true
		}
	}
	return false
}
