package leads

import (
	"regexp"
	"slices"
	"testing"
	"time"
)

func TestCustomTypedValues(t *testing.T) {
	for _, tt := range []struct {
		t         CustomType
		v         string
		canonical string // "" when v does not read as t
	}{
		{CustomNumber, "100", "100"},
		{CustomNumber, "100.0", "100"},
		{CustomNumber, "+5", "5"},
		{CustomNumber, "5.", "5"},
		{CustomNumber, ".5", "0.5"},
		{CustomNumber, "-.5", "-0.5"},
		{CustomNumber, " 12 ", "12"}, // query values are trimmed
		{CustomNumber, "1e5", ""},
		{CustomNumber, "1,5", ""},
		{CustomNumber, ".", ""},
		{CustomNumber, "-", ""},
		{CustomNumber, "١٢", ""},
		{CustomDate, "2024-02-29", "2024-02-29"},
		{CustomDate, "2023-02-29", ""},
		{CustomDate, "2026-04-31", ""},
		{CustomDate, "0000-01-01", ""},
		{CustomDate, "2026-1-05", ""},
		{CustomDate, "+202-01-01", ""},
		{CustomDate, "2026-01-01T00:00:00Z", ""},
		{CustomYesNo, "YES", "yes"},
		{CustomYesNo, "y", "yes"},
		{CustomYesNo, "True", "yes"},
		{CustomYesNo, "n", "no"},
		{CustomYesNo, "FALSE", "no"},
		{CustomYesNo, "maybe", ""},
		{CustomYesNo, "ｙｅｓ", ""},
		{CustomText, "100", ""},
		{CustomChoice, "yes", ""},
	} {
		got, ok := tt.t.QueryValue(tt.v)
		if ok != (tt.canonical != "") || got != tt.canonical {
			t.Errorf("%s QueryValue(%q) = %q, %v; want %q", tt.t, tt.v, got, ok, tt.canonical)
		}
	}
}

// The grammars that storage/postgres writes as regular expressions.
var (
	numberSQL = regexp.MustCompile(`^[+-]?([0-9]+([.][0-9]*)?|[.][0-9]+)$`)
	dateSQL   = regexp.MustCompile(`^[0-9]{4}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$`)
)

func FuzzCustomValue(f *testing.F) {
	for _, s := range []string{"100", "9.5", "-.5", "5.", "1e5", "2024-02-29", "2023-02-29", "0000-01-01", "yes", "N", "true", "", " 1"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if _, ok := customNumber(s); ok != numberSQL.MatchString(s) {
			t.Errorf("customNumber(%q) = %v, the SQL pattern says otherwise", s, ok)
		}
		if d, ok := customDate(s); ok {
			if !dateSQL.MatchString(s) || d.Format(time.DateOnly) != s {
				t.Errorf("customDate(%q) = %v, %v", s, d, ok)
			}
		} else if p, err := time.Parse(time.DateOnly, s); err == nil && p.Year() > 0 && dateSQL.MatchString(s) {
			t.Errorf("customDate(%q) refuses a date", s)
		}
		for _, typ := range []CustomType{CustomNumber, CustomDate, CustomYesNo} {
			c, ok := typ.QueryValue(s)
			if !ok {
				continue
			}
			again, ok := typ.QueryValue(c)
			if !ok || again != c {
				t.Errorf("%s: canonical %q of %q reads as %q, %v", typ, c, s, again, ok)
			}
			if k := customKey(typ, c); k.num != rankTyped || compareCustom(typ, k, customKey(typ, c)) != 0 {
				t.Errorf("%s: canonical %q does not key as typed", typ, c)
			}
		}
		// A value's key orders consistently with itself and with "".
		k := customKey(CustomNumber, s)
		if compareCustom(CustomNumber, customKey(CustomNumber, ""), k) > 0 {
			t.Errorf("%q sorts before no value", s)
		}
	})
}

func TestWithCustomTypes(t *testing.T) {
	defs := []FieldDefinition{
		{RecordType: TypeLead, Name: "Employees", Type: CustomNumber},
		{RecordType: TypeContact, Name: "Employees", Type: CustomNumber},
		{RecordType: TypeLead, Name: "Since", Type: CustomDate},
		{RecordType: TypeContact, Name: "Since", Type: CustomText},
		{RecordType: TypeContact, Name: "Partner", Type: CustomYesNo},
	}
	q := Query{Where: And(Eq(CustomField("Employees"), "1"), Not(Empty(CustomField("Since")))),
		Sort: []SortKey{Asc(CustomField("Partner")), Asc(CustomField("Free"))}}
	got := q.WithCustomTypes(defs).CustomTypes
	want := map[string]CustomType{"Employees": CustomNumber, "Since": CustomText, "Partner": CustomYesNo, "Free": CustomText}
	if !mapsEqual(got, want) {
		t.Errorf("all types: %v, want %v", got, want)
	}
	q.Types = []RecordType{TypeLead}
	got = q.WithCustomTypes(defs).CustomTypes
	want = map[string]CustomType{"Employees": CustomNumber, "Since": CustomDate, "Partner": CustomText, "Free": CustomText}
	if !mapsEqual(got, want) {
		t.Errorf("leads only: %v, want %v", got, want)
	}
	q.CustomTypes = map[string]CustomType{"Free": CustomNumber}
	if got := q.WithCustomTypes(defs).CustomTypes["Free"]; got != CustomNumber {
		t.Errorf("the caller's type is replaced by %v", got)
	}
	if q.CustomTypes["Since"] != 0 {
		t.Error("WithCustomTypes changed the caller's map")
	}
	if q.NeedsCustomTypes() == false || q.WithCustomTypes(defs).NeedsCustomTypes() {
		t.Error("NeedsCustomTypes does not follow the types")
	}
	if got := (Query{Where: Eq(FieldCity, "x")}).WithCustomTypes(defs); got.CustomTypes != nil {
		t.Errorf("a query without custom fields got types %v", got.CustomTypes)
	}
}

func mapsEqual(a, b map[string]CustomType) bool {
	if len(a) != len(b) {
		return false
	}
	for k, v := range a {
		if b[k] != v {
			return false
		}
	}
	return true
}

// TestTypedCustomSelect checks the order and filters of typed custom
// fields in memory, the reference the stores are held to.
func TestTypedCustomSelect(t *testing.T) {
	mk := func(name, v string) *Lead {
		return &Lead{FullName: name, FileAs: name, Custom: map[string]string{"n": v}}
	}
	all := []*Lead{mk("a", "1500"), mk("b", "lots"), mk("c", "9.5"), mk("d", ""), mk("e", "100"), mk("f", "20"), mk("g", "Abc")}
	types := map[string]CustomType{"n": CustomNumber}
	names := func(q Query) []string {
		t.Helper()
		q.CustomTypes = types
		got, err := Select(q, slices.Values(all))
		if err != nil {
			t.Fatal(err)
		}
		var out []string
		for _, l := range got {
			out = append(out, l.FullName)
		}
		return out
	}
	n := CustomField("n")
	for _, tt := range []struct {
		q    Query
		want []string
	}{
		{Query{Sort: []SortKey{Asc(n)}}, []string{"d", "c", "f", "e", "a", "g", "b"}},
		{Query{Sort: []SortKey{Desc(n)}}, []string{"b", "g", "a", "e", "f", "c", "d"}},
		{Query{Where: Between(n, "100", ""), Sort: []SortKey{Asc(n)}}, []string{"e", "a"}},
		{Query{Where: Between(n, "", "99")}, []string{"c", "f"}},
		{Query{Where: In(n, "100.00", "lots")}, []string{"b", "e"}},
	} {
		if got := names(tt.q); !slices.Equal(got, tt.want) {
			t.Errorf("%v %v: got %v, want %v", tt.q.Where, tt.q.Sort, got, tt.want)
		}
	}
	if _, err := (Query{Where: Between(n, "lots", ""), CustomTypes: types}).Plan(); err == nil {
		t.Error("a bound that is not a number is taken")
	}
	// Untyped, the same field compares as text: "100" <= "1500", "20" <= "9".
	got, err := Select(Query{Sort: []SortKey{Asc(n)}, Where: Between(n, "100", "9")}, slices.Values(all))
	if err != nil || len(got) != 3 {
		t.Errorf("untyped: %d records, %v", len(got), err)
	}
}
