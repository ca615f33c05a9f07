package textkey

import (
	"unicode"
	"unicode/utf8"
)

// PhoneKeyDigits is how many trailing digits of a number its match key
// holds. Eight digits identify a subscriber number in most numbering
// plans while leaving out the country code, the trunk prefix ("0") and
// usually the area code, which people write or omit at will: "+44 20 7946
// 0018" and "020 7946 0018" share a key without knowing the region.
const PhoneKeyDigits = 8

// MinPhoneDigits is the fewest digits a number must have to be compared
// at all; shorter ones are extensions or fragments.
const MinPhoneDigits = 7

// AppendPhoneDigits appends the digits of number, a phone number without
// its extension, to dst as ASCII digits: a digit of another script
// (full-width "０", Arabic-Indic "٠") counts as its value. Digits after a
// word that follows the first digits ("030 1234 Zentrale 2") are left
// out, as are those after "#", ";" or ",".
func AppendPhoneDigits(dst []byte, number string) []byte {
	seen := false
	for i := 0; i < len(number); i++ {
		c := number[i]
		switch {
		case '0' <= c && c <= '9':
			dst = append(dst, c)
			seen = true
		case c >= utf8.RuneSelf:
			r, size := utf8.DecodeRuneInString(number[i:])
			if d, ok := DigitValue(r); ok {
				dst = append(dst, '0'+d)
				seen = true
			} else if seen && unicode.IsLetter(r) {
				return dst
			}
			i += size - 1
		case seen && (c == '#' || c == ';' || c == ',' || isASCIILetter(c)):
			return dst
		}
	}
	return dst
}

// DigitValue returns the value of a decimal digit of any script. Unicode
// encodes each script's digits as a run of ten, zero first, so the value
// is the distance from the start of the run (unicode.Nd lists the runs,
// some merged into longer ranges of whole runs).
func DigitValue(r rune) (byte, bool) {
	for _, rg := range unicode.Nd.R16 {
		if rune(rg.Lo) <= r && r <= rune(rg.Hi) {
			return byte((r - rune(rg.Lo)) % 10), rg.Stride == 1
		}
	}
	for _, rg := range unicode.Nd.R32 {
		if rune(rg.Lo) <= r && r <= rune(rg.Hi) {
			return byte((r - rune(rg.Lo)) % 10), rg.Stride == 1
		}
	}
	return 0, false
}

// AppendPhoneKey appends the key of number, a phone number without its
// extension, to dst: its last PhoneKeyDigits digits, or nothing when it
// has fewer than MinPhoneDigits.
func AppendPhoneKey(dst []byte, number string) []byte {
	var arr [32]byte
	d := AppendPhoneDigits(arr[:0], number)
	if len(d) < MinPhoneDigits {
		return dst
	}
	if len(d) > PhoneKeyDigits {
		d = d[len(d)-PhoneKeyDigits:]
	}
	return append(dst, d...)
}

func isASCIILetter(c byte) bool { return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' }
