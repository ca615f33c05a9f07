package leads

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/nyaruka/phonenumbers"
)

// phoneKeyDigits is how many trailing digits of a number its match key
// holds. Eight digits identify a subscriber number in most numbering
// plans while leaving out the country code, the trunk prefix ("0") and
// usually the area code, which people write or omit at will: "+44 20 7946
// 0018" and "020 7946 0018" share a key without knowing the region. The
// exact comparison (E.164) happens when candidates are scored.
const phoneKeyDigits = 8

// minPhoneDigits is the fewest digits a number must have to be compared
// at all; shorter ones are extensions or fragments.
const minPhoneDigits = 7

// appendPhoneDigits appends the digits of number without its extension
// (SplitPhone: "x23", "ext. 23", "доб. 23", "内線23", ";ext=23") to dst,
// as ASCII digits: a digit of another script (full-width "０",
// Arabic-Indic "٠"), which phonenumbers reads as its value, counts as that
// value. Digits after a word that follows the first digits ("030 1234
// Zentrale 2") are left out too, as are those after "#", ";" or ",".
func appendPhoneDigits(dst []byte, number string) []byte {
	number, _ = SplitPhone(number)
	seen := false
	for i := 0; i < len(number); i++ {
		c := number[i]
		switch {
		case '0' <= c && c <= '9':
			dst = append(dst, c)
			seen = true
		case c >= utf8.RuneSelf:
			r, size := utf8.DecodeRuneInString(number[i:])
			if d, ok := digitValue(r); ok {
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

// digitValue returns the value of a decimal digit of any script. Unicode
// encodes each script's digits as a run of ten, zero first, so the value
// is the distance from the start of the run (unicode.Nd lists the runs,
// some merged into longer ranges of whole runs).
func digitValue(r rune) (byte, bool) {
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

// appendPhoneKey appends the match key value of number (its last eight
// digits) to dst, or nothing when it has too few digits.
func appendPhoneKey(dst []byte, number string) []byte {
	var arr [32]byte
	d := appendPhoneDigits(arr[:0], number)
	if len(d) < minPhoneDigits {
		return dst
	}
	if len(d) > phoneKeyDigits {
		d = d[len(d)-phoneKeyDigits:]
	}
	return append(dst, d...)
}

// PhoneE164 returns number without its extension (see SplitPhone) in
// E.164 form ("+14155550100"), parsed with
// github.com/nyaruka/phonenumbers. region (a CLDR region code such as
// "US" or "GB") is the country of numbers written without a country code;
// with region "" only numbers written with "+" can be parsed. ok is false
// for a number that does not parse or cannot be a number of its country.
func PhoneE164(number, region string) (e164 string, ok bool) {
	number, _ = SplitPhone(number)
	n, err := phonenumbers.Parse(number, strings.ToUpper(region))
	if err != nil || !phonenumbers.IsPossibleNumber(n) {
		return "", false
	}
	return phonenumbers.Format(n, phonenumbers.E164), true
}

// comparablePhone is a number ready to be compared: its E.164 form when it
// parses, and its digits (without extension, trunk zeros or "+").
type comparablePhone struct {
	e164   string
	digits string
}

func newComparablePhone(number, region string) (comparablePhone, bool) {
	var arr [32]byte
	d := appendPhoneDigits(arr[:0], number)
	if len(d) < minPhoneDigits {
		return comparablePhone{}, false
	}
	p := comparablePhone{}
	if e, ok := PhoneE164(number, region); ok {
		p.e164 = e
		p.digits = e[1:]
	} else {
		p.digits = strings.TrimLeft(string(d), "0")
	}
	return p, true
}

// samePhone reports whether a and b are the same number, and the number
// to show as the reason. Two numbers that both parse are the same when
// their E.164 forms are. Otherwise (a number without a country code and
// no default region, or one phonenumbers rejects) the digits decide: the
// shorter, with at least eight digits once trunk zeros are dropped, must
// end the longer ("4155550100" and "+1 415 555 0100").
func samePhone(a, b comparablePhone) (string, bool) {
	if a.e164 != "" && b.e164 != "" {
		return a.e164, a.e164 == b.e164
	}
	short, long := a, b
	if len(short.digits) > len(long.digits) {
		short, long = long, short
	}
	if len(short.digits) < phoneKeyDigits || !strings.HasSuffix(long.digits, short.digits) {
		return "", false
	}
	switch {
	case a.e164 != "":
		return a.e164, true
	case b.e164 != "":
		return b.e164, true
	}
	return long.digits, true
}
