package xlsxfile

import (
	"bytes"
	"unicode/utf16"
	"unicode/utf8"
)

// appendUnescaped appends the text of a <t> element to dst, its escapes
// decoded: XML 1.0 cannot hold most control characters, so Excel writes
// them as _xHHHH_ (ECMA-376 Part 1, 22.9.2.19, ST_Xstring: "_x000B_" is a
// vertical tab), and an underscore that would begin one as _x005F_. A
// surrogate code is dropped, as excelize does.
func appendUnescaped(dst, src []byte) []byte {
	for {
		i := bytes.Index(src, []byte("_x"))
		if i < 0 || len(src)-i < 7 {
			return append(dst, src...)
		}
		r, ok := escaped(src[i:])
		if !ok {
			dst = append(dst, src[:i+2]...)
			src = src[i+2:]
			continue
		}
		dst = append(dst, src[:i]...)
		if !utf16.IsSurrogate(r) {
			dst = utf8.AppendRune(dst, r)
		}
		src = src[i+7:]
	}
}

// escaped reads "_xHHHH_" at the start of s.
func escaped(s []byte) (rune, bool) {
	if len(s) < 7 || s[0] != '_' || s[1] != 'x' || s[6] != '_' {
		return 0, false
	}
	var r rune
	for _, c := range s[2:6] {
		switch {
		case c >= '0' && c <= '9':
			r = r<<4 | rune(c-'0')
		case c >= 'a' && c <= 'f':
			r = r<<4 | rune(c-'a'+10)
		case c >= 'A' && c <= 'F':
			r = r<<4 | rune(c-'A'+10)
		default:
			return 0, false
		}
	}
	return r, true
}
