package leads

import (
	"strconv"
	"strings"
	"time"
)

// Formatter returns the function that writes field f of a lead as text, as
// reports show it: whole numbers as digits, decimals exactly, times in RFC
// 3339 ("" for the zero time), the values of a list field joined by ", ",
// text and custom fields as stored. ok is false for an unknown field.
func (f Field) Formatter() (format func(*Lead) string, ok bool) {
	s, ok := lookupField(f)
	if !ok {
		return nil, false
	}
	switch s.kind {
	case KindInt:
		return func(l *Lead) string { return strconv.FormatInt(s.num(l), 10) }, true
	case KindDecimal:
		return func(l *Lead) string { return s.dec(l).String() }, true
	case KindTime:
		return func(l *Lead) string {
			t := s.time(l)
			if t.IsZero() {
				return ""
			}
			return t.Format(time.RFC3339)
		}, true
	}
	if s.list {
		return func(l *Lead) string { return strings.Join(s.texts(l), ", ") }, true
	}
	return s.text, true
}
