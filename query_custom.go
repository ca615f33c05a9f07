package leads

import (
	"fmt"
	"maps"
	"slices"
	"strings"
	"time"

	"github.com/shopspring/decimal"
)

// The ranks of a typed custom value: how its sort key begins.
const (
	rankEmpty = 0 // no value
	rankTyped = 1 // a value of the field's type
	rankOther = 2 // a value that does not read as the type
)

// kindCustom is the kind of the fieldSpec of a typed custom field. It is
// not a Kind of Field.Kind, which knows no definitions.
const kindCustom Kind = 100

// IsTyped reports whether values of t compare as their type in queries
// (number, date, yes/no) rather than as text (text, choice).
func (t CustomType) IsTyped() bool {
	return t == CustomNumber || t == CustomDate || t == CustomYesNo
}

// customNumber reads s as a number of a custom field: [+-]? then digits
// with an optional decimal point, at least one digit.
func customNumber(s string) (decimal.Decimal, bool) {
	i, digits := 0, 0
	if i < len(s) && (s[i] == '+' || s[i] == '-') {
		i++
	}
	for i < len(s) && '0' <= s[i] && s[i] <= '9' {
		i++
		digits++
	}
	if i < len(s) && s[i] == '.' {
		i++
		for i < len(s) && '0' <= s[i] && s[i] <= '9' {
			i++
			digits++
		}
	}
	if i != len(s) || digits == 0 {
		return decimal.Decimal{}, false
	}
	d, err := decimal.NewFromString(s)
	return d, err == nil
}

// customDate reads s as a date of a custom field: YYYY-MM-DD, a day that
// exists.
func customDate(s string) (time.Time, bool) {
	if len(s) != 10 || s[4] != '-' || s[7] != '-' {
		return time.Time{}, false
	}
	num := func(p string) (int, bool) {
		n := 0
		for i := 0; i < len(p); i++ {
			if p[i] < '0' || p[i] > '9' {
				return 0, false
			}
			n = n*10 + int(p[i]-'0')
		}
		return n, true
	}
	y, ok1 := num(s[:4])
	m, ok2 := num(s[5:7])
	d, ok3 := num(s[8:])
	if !ok1 || !ok2 || !ok3 || y < 1 || m < 1 || m > 12 || d < 1 || d > daysIn(y, m) {
		return time.Time{}, false
	}
	return time.Date(y, time.Month(m), d, 0, 0, 0, 0, time.UTC), true
}

func daysIn(y, m int) int {
	switch m {
	case 2:
		if (y%4 == 0 && y%100 != 0) || y%400 == 0 {
			return 29
		}
		return 28
	case 4, 6, 9, 11:
		return 30
	}
	return 31
}

// customYesNo reads s as a yes/no value: yes, y, true, no, n or false in
// any ASCII case.
func customYesNo(s string) (yes, ok bool) {
	if len(s) > 5 {
		return false, false
	}
	var b [5]byte
	for i := 0; i < len(s); i++ {
		c := s[i]
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		b[i] = c
	}
	switch string(b[:len(s)]) {
	case "yes", "y", "true":
		return true, true
	case "no", "n", "false":
		return false, true
	}
	return false, false
}

// customKey returns the sort key of the value v of a custom field of type
// t: its rank in num, the typed value in dec (numbers; yes/no as 1 or 0)
// or time (dates), and the folded text, which orders values of rank 2
// and is what cursors carry. A value and its folded text key alike (a
// typed value is ASCII, which folding keeps as it is, yes/no aside, which
// reads in any case), so a cursor's text gives back the key.
func customKey(t CustomType, v string) keyVal {
	if v == "" {
		return keyVal{num: rankEmpty}
	}
	text := foldText(v)
	switch t {
	case CustomNumber:
		if d, ok := customNumber(v); ok {
			return keyVal{num: rankTyped, dec: d, text: text}
		}
	case CustomDate:
		if d, ok := customDate(v); ok {
			return keyVal{num: rankTyped, time: d, text: text}
		}
	case CustomYesNo:
		if y, ok := customYesNo(v); ok {
			return keyVal{num: rankTyped, dec: yesNoDec(y), text: text}
		}
	}
	return keyVal{num: rankOther, text: text}
}

func yesNoDec(yes bool) decimal.Decimal {
	if yes {
		return decimal.NewFromInt(1)
	}
	return decimal.Decimal{}
}

// customOperand reads a query value for a typed custom field, spaces
// trimmed; ok is false when it does not read as the type.
func customOperand(t CustomType, s string) (keyVal, bool) {
	k := customKey(t, strings.TrimSpace(s))
	return k, k.num == rankTyped
}

// QueryValue reads v, spaces trimmed, as a value of type t the way
// queries compare it (see the rules above), and returns it in canonical
// form: the decimal ("100.0" gives "100"), the date YYYY-MM-DD, "yes" or
// "no". ok is false when v does not read as t, or when t is not a number,
// date or yes/no type. SQL stores use it to pass query values as
// parameters of the type.
func (t CustomType) QueryValue(v string) (string, bool) {
	if !t.IsTyped() {
		return "", false
	}
	k, ok := customOperand(t, v)
	if !ok {
		return "", false
	}
	return customValueText(t, k), true
}

// compareCustom orders two keys of a typed custom field of type t.
func compareCustom(t CustomType, a, b keyVal) int {
	if a.num != b.num {
		if a.num < b.num {
			return -1
		}
		return 1
	}
	switch a.num {
	case rankTyped:
		if t == CustomDate {
			return a.time.Compare(b.time)
		}
		return a.dec.Cmp(b.dec)
	case rankOther:
		return strings.Compare(a.text, b.text)
	}
	return 0
}

// customValueText writes a typed value canonically: the decimal, the
// date, "yes" or "no".
func customValueText(t CustomType, k keyVal) string {
	switch t {
	case CustomDate:
		return k.time.Format(time.DateOnly)
	case CustomYesNo:
		if k.dec.IsZero() {
			return "no"
		}
		return "yes"
	}
	return k.dec.String()
}

// SplitCustomKey reads the cursor key of a custom field typed t, as
// Plan.After writes it (the value's folded text, as for a text field),
// for a SQL store: the rank (0 for no value, 1 for a value of the type, 2
// for another value), the value in canonical form (as QueryValue gives
// it; "" unless the rank is 1) and the folded text that orders values of
// rank 2 ("" unless the rank is 2).
func SplitCustomKey(t CustomType, key string) (rank int, value, text string) {
	k := customKey(t, key)
	switch k.num {
	case rankTyped:
		return rankTyped, customValueText(t, k), ""
	case rankOther:
		return rankOther, "", k.text
	}
	return rankEmpty, "", ""
}

// customSpec is the fieldSpec of the custom field name, typed t.
func customSpec(name string, t CustomType) fieldSpec {
	return fieldSpec{kind: kindCustom, custom: t, text: func(l *Lead) string { return l.Custom[name] }}
}

// lookup returns the spec of f for q: a custom field that q.CustomTypes
// types as a number, date or yes/no compares as such.
func (q Query) lookup(f Field) (fieldSpec, bool) {
	if name, ok := strings.CutPrefix(string(f), "custom."); ok && name != "" {
		if t := q.CustomTypes[name]; t.IsTyped() {
			return customSpec(name, t), true
		}
	}
	return lookupField(f)
}

// CustomFields returns the names of the custom fields that q filters or
// sorts on, each once, in the order they first appear.
func (q Query) CustomFields() []string {
	var names []string
	add := func(f Field) {
		if name, ok := strings.CutPrefix(string(f), "custom."); ok && name != "" && !slices.Contains(names, name) {
			names = append(names, name)
		}
	}
	var walk func(c Cond)
	walk = func(c Cond) {
		add(c.Field)
		for _, sc := range c.Conds {
			walk(sc)
		}
	}
	walk(q.Where)
	for _, k := range q.Sort {
		add(k.Field)
	}
	return names
}

// NeedsCustomTypes reports whether q names a custom field that
// q.CustomTypes does not type: a store then types q with WithCustomTypes
// before answering it.
func (q Query) NeedsCustomTypes() bool {
	for _, name := range q.CustomFields() {
		if _, ok := q.CustomTypes[name]; !ok {
			return true
		}
	}
	return false
}

// WithCustomTypes returns q with the types of the custom fields it names
// taken from defs, where q.CustomTypes does not type them already (types
// the caller set win). Only the definitions of q's record types count
// (of every type when q has none). A field that no definition names, or
// that definitions of two record types give different types, is text.
// The map of q is not changed: the result has its own.
func (q Query) WithCustomTypes(defs []FieldDefinition) Query {
	names := q.CustomFields()
	if len(names) == 0 {
		return q
	}
	types := maps.Clone(q.CustomTypes)
	if types == nil {
		types = make(map[string]CustomType, len(names))
	}
	for _, name := range names {
		if _, ok := types[name]; ok {
			continue
		}
		var t CustomType
		for _, d := range defs {
			if d.Name != name || (len(q.Types) > 0 && !slices.Contains(q.Types, d.RecordType)) {
				continue
			}
			if t != 0 && t != d.Type {
				t = CustomText // the record types disagree
				break
			}
			t = d.Type
		}
		if t == 0 {
			t = CustomText
		}
		types[name] = t
	}
	q.CustomTypes = types
	return q
}

// compileCustomCond compiles a condition on a typed custom field.
func compileCustomCond(c Cond, spec fieldSpec, path string) (func(*Lead) bool, error) {
	t := spec.custom
	switch c.Op {
	case OpEmpty:
		return func(l *Lead) bool { return spec.text(l) == "" }, nil
	case OpNotEmpty:
		return func(l *Lead) bool { return spec.text(l) != "" }, nil
	case OpContains, OpPrefix:
		want := foldText(c.Values[0])
		has := strings.Contains
		if c.Op == OpPrefix {
			has = strings.HasPrefix
		}
		return func(l *Lead) bool { return has(foldText(spec.text(l)), want) }, nil
	case OpEq, OpIn:
		var typed []keyVal
		var exact []string
		for _, v := range c.Values {
			if k, ok := customOperand(t, v); ok {
				typed = append(typed, k)
			} else {
				exact = append(exact, v)
			}
		}
		return func(l *Lead) bool {
			v := spec.text(l)
			if slices.Contains(exact, v) {
				return true
			}
			if len(typed) == 0 {
				return false
			}
			k := customKey(t, v)
			return k.num == rankTyped && slices.ContainsFunc(typed, func(o keyVal) bool { return compareCustom(t, k, o) == 0 })
		}, nil
	case OpRange:
		var bounds [2]*keyVal
		for i, v := range c.Values {
			if v == "" {
				continue
			}
			k, ok := customOperand(t, v)
			if !ok {
				return nil, fieldErr(fmt.Sprintf("%s.values[%d]", path, i), "%q is not a %s value for %s", v, t, c.Field)
			}
			bounds[i] = &k
		}
		if bounds[0] != nil && bounds[1] != nil && compareCustom(t, *bounds[0], *bounds[1]) > 0 {
			return nil, fieldErr(path+".values", "range of %s runs from %s down to %s", c.Field, c.Values[0], c.Values[1])
		}
		return func(l *Lead) bool {
			k := customKey(t, spec.text(l))
			if k.num != rankTyped {
				return false
			}
			if bounds[0] != nil && compareCustom(t, k, *bounds[0]) < 0 {
				return false
			}
			return bounds[1] == nil || compareCustom(t, k, *bounds[1]) <= 0
		}, nil
	}
	return nil, fieldErr(path+".op", "unknown operator %q", c.Op)
}
