package dedupe

import (
	"strings"

	"github.com/nyaruka/phonenumbers"

	"github.com/leadkit/leads"
	"github.com/leadkit/leads/internal/textkey"
)

// E164 returns number without its extension (leads.SplitPhone) in E.164
// form ("+14155550100"), parsed with github.com/nyaruka/phonenumbers.
// region (a CLDR region code such as "US" or "GB") is the country of
// numbers written without a country code; with region "" only numbers
// written with "+" can be parsed. ok is false for a number that does not
// parse or cannot be a number of its country.
func E164(number, region string) (e164 string, ok bool) {
	number, _ = leads.SplitPhone(number)
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
	n, _ := leads.SplitPhone(number)
	d := textkey.AppendPhoneDigits(arr[:0], n)
	if len(d) < textkey.MinPhoneDigits {
		return comparablePhone{}, false
	}
	p := comparablePhone{}
	if e, ok := E164(number, region); ok {
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
	if len(short.digits) < textkey.PhoneKeyDigits || !strings.HasSuffix(long.digits, short.digits) {
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
