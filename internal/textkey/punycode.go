package textkey

import (
	"math"
	"slices"
	"strings"
	"unicode/utf8"
)

// An internationalized domain ("bücher.de") travels in e-mail headers
// and exports in its ASCII form, each label of non-ASCII letters as "xn--"
// and its Punycode (RFC 3492): "xn--bcher-kva.de". Match keys compare
// domains in the Unicode form people type, so both spellings agree. Only
// decoding is needed, and the package keeps to the standard library, so
// the decoder is here rather than golang.org/x/net/idna's.

// Punycode parameters, RFC 3492 section 5.
const (
	punyBase        = 36
	punyTMin        = 1
	punyTMax        = 26
	punySkew        = 38
	punyDamp        = 700
	punyInitialBias = 72
	punyInitialN    = 128
)

// UnicodeDomain returns domain d, lower-cased, with each "xn--" label
// decoded from Punycode; ok is false, and d is to be kept as written, when
// a label does not decode.
func UnicodeDomain(d string) (string, bool) {
	labels := strings.Split(strings.ToLower(d), ".")
	for i, l := range labels {
		p, ok := strings.CutPrefix(l, "xn--")
		if !ok {
			continue
		}
		u, ok := decodePunycode(p)
		if !ok {
			return "", false
		}
		labels[i] = u
	}
	return strings.Join(labels, "."), true
}

// decodePunycode decodes one label's Punycode (without "xn--"), or
// returns false for input that is not valid Punycode or decodes to ASCII
// only.
func decodePunycode(s string) (string, bool) {
	var out []rune
	pos := 0
	if b := strings.LastIndexByte(s, '-'); b >= 0 {
		for i := 0; i < b; i++ {
			if s[i] >= utf8.RuneSelf {
				return "", false
			}
			out = append(out, rune(s[i]))
		}
		pos = b + 1
	}
	n, bias, i := punyInitialN, punyInitialBias, 0
	for pos < len(s) {
		oldi, w := i, 1
		for k := punyBase; ; k += punyBase {
			if pos >= len(s) {
				return "", false
			}
			digit, ok := punyDigit(s[pos])
			pos++
			if !ok || digit > (math.MaxInt32-i)/w {
				return "", false
			}
			i += digit * w
			t := min(max(k-bias, punyTMin), punyTMax)
			if digit < t {
				break
			}
			if w > math.MaxInt32/(punyBase-t) {
				return "", false
			}
			w *= punyBase - t
		}
		count := len(out) + 1
		bias = punyAdapt(i-oldi, count, oldi == 0)
		if i/count > math.MaxInt32-n {
			return "", false
		}
		n += i / count
		i %= count
		if n > utf8.MaxRune || !utf8.ValidRune(rune(n)) {
			return "", false
		}
		out = append(out, 0)
		copy(out[i+1:], out[i:])
		out[i] = rune(n)
		i++
	}
	// A label of ASCII only is not encoded: "xn--a-" is not "a".
	if !slices.ContainsFunc(out, func(r rune) bool { return r >= utf8.RuneSelf }) {
		return "", false
	}
	return string(out), true
}

func punyDigit(c byte) (int, bool) {
	switch {
	case '0' <= c && c <= '9':
		return int(c-'0') + 26, true
	case 'a' <= c && c <= 'z':
		return int(c - 'a'), true
	case 'A' <= c && c <= 'Z':
		return int(c - 'A'), true
	}
	return 0, false
}

// punyAdapt is the bias adaptation of RFC 3492 section 6.1.
func punyAdapt(delta, count int, first bool) int {
	if first {
		delta /= punyDamp
	} else {
		delta /= 2
	}
	delta += delta / count
	k := 0
	for delta > ((punyBase-punyTMin)*punyTMax)/2 {
		delta /= punyBase - punyTMin
		k += punyBase
	}
	return k + (punyBase-punyTMin+1)*delta/(delta+punySkew)
}
