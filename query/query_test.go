package query_test

import (
	"errors"
	"math/rand/v2"
	"slices"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/leadkit/leads"
	"github.com/leadkit/leads/query"
)

func TestParseCond(t *testing.T) {
	stars, source, company := leads.FieldStars, leads.FieldSource, leads.FieldCompany
	tests := []struct {
		text string
		want leads.Cond
	}{
		{"", leads.Cond{}},
		{"   ", leads.Cond{}},
		{`stars>=3 and source="Web"`, leads.And(leads.Between(stars, "3", ""), leads.Eq(source, "Web"))},
		{`stars <= 2`, leads.Between(stars, "", "2")},
		{`stars > 2`, leads.Not(leads.Between(stars, "", "2"))},
		{`stars < 2`, leads.Not(leads.Between(stars, "2", ""))},
		{`stars between 2 and 4`, leads.Between(stars, "2", "4")},
		{`source != Web`, leads.Not(leads.Eq(source, "Web"))},
		{`company ~ acme`, leads.Contains(company, "acme")},
		{`company CONTAINS "Acme Corp"`, leads.Contains(company, "Acme Corp")},
		{`company startswith Ac`, leads.Prefix(company, "Ac")},
		{`company prefix Ac`, leads.Prefix(company, "Ac")},
		{`status in (new, "contacted")`, leads.In(leads.FieldStatus, "new", "contacted")},
		{`status in ()`, leads.Cond{Op: leads.OpIn, Field: leads.FieldStatus, Values: []string{}}},
		{`email is empty`, leads.Empty(leads.FieldEmail)},
		{`email is not empty`, leads.NotEmpty(leads.FieldEmail)},
		{`not email is empty`, leads.Not(leads.Empty(leads.FieldEmail))},
		{`stars = 1 or stars = 2 and source = x`,
			leads.Or(leads.Eq(stars, "1"), leads.And(leads.Eq(stars, "2"), leads.Eq(source, "x")))},
		{`(stars = 1 or stars = 2) and source = x`,
			leads.And(leads.Or(leads.Eq(stars, "1"), leads.Eq(stars, "2")), leads.Eq(source, "x"))},
		{`not (company ~ a or company ~ b)`, leads.Not(leads.Or(leads.Contains(company, "a"), leads.Contains(company, "b")))},
		{`company = "say \"hi\"\n\u00e9"`, leads.Eq(company, "say \"hi\"\né")},
		{`custom.region = North`, leads.Eq(leads.CustomField("region"), "North")},
		{`"custom.deal size" = big`, leads.Eq(leads.CustomField("deal size"), "big")},
		{`created_at >= 2026-01-01T00:00:00Z`, leads.Between(leads.FieldCreatedAt, "2026-01-01T00:00:00Z", "")},
		{`stars >= -1`, leads.Between(stars, "-1", "")},
		{`company = Zoë`, leads.Eq(company, "Zoë")},
	}
	for _, tt := range tests {
		t.Run(tt.text, func(t *testing.T) {
			got, err := query.ParseCond(tt.text)
			require.NoError(t, err)
			require.Equal(t, tt.want, got)
			// The text form round-trips.
			again, err := query.ParseCond(query.FormatCond(got))
			require.NoError(t, err, "format: %s", query.FormatCond(got))
			require.Equal(t, got, again, "format: %s", query.FormatCond(got))
		})
	}
}

func TestParseCondErrors(t *testing.T) {
	tests := []struct {
		text string
		pos  int
		msg  string
	}{
		{`stars >=`, 8, "expected a value"},
		{`stars >= 3 and`, 14, "expected a field name"},
		{`stars 3`, 6, "expected an operator"},
		{`stars => 3`, 7, "expected a value"},
		{`nosuch = 3`, 0, `unknown field "nosuch"`},
		{`stars = 3 and bogus = 1`, 14, `unknown field "bogus"`},
		{`company = "open`, 10, "unterminated string"},
		{`company = "bad \q"`, 10, "invalid escape"},
		{`(stars = 3`, 10, `expected ")"`},
		{`stars = 3)`, 9, `unexpected ")"`},
		{`status in (new contacted)`, 15, `expected "," or ")"`},
		{`status in new`, 10, `expected "("`},
		{`email is full`, 9, `expected "empty"`},
		{`stars between 1 4`, 16, `expected "and"`},
		{`company ! x`, 8, `"!" must be followed by "="`},
		{`company = x # y`, 12, "unexpected character"},
		{`company = and`, 10, "expected a value"},
		{`and = 1`, 0, "expected a field name"},
	}
	for _, tt := range tests {
		t.Run(tt.text, func(t *testing.T) {
			_, err := query.ParseCond(tt.text)
			var se *query.SyntaxError
			require.ErrorAs(t, err, &se)
			require.Equal(t, tt.pos, se.Pos, "%v", err)
			require.Contains(t, se.Msg, tt.msg)
			require.ErrorIs(t, err, leads.ErrInvalid)
			require.Contains(t, err.Error(), "position")
		})
	}
	_, err := query.ParseCond(`nosuch = 1`)
	var fe *leads.FieldError
	require.ErrorAs(t, err, &fe, "an unknown field is a field error too")
	require.Contains(t, fe.Reason, "nosuch")
}

func TestFormatCond(t *testing.T) {
	c := leads.And(leads.Between(leads.FieldStars, "3", ""), leads.Eq(leads.FieldSource, "Web"),
		leads.Not(leads.Eq(leads.FieldCompany, "a b")), leads.Or(leads.Empty(leads.FieldEmail), leads.In(leads.FieldStatus, "new", "and")))
	require.Equal(t, `stars >= 3 and source = Web and company != "a b" and (email is empty or status in (new, "and"))`,
		query.FormatCond(c))
	require.Equal(t, "", query.FormatCond(leads.Cond{}))
	require.Equal(t, `stars between 1 and 4`, query.FormatCond(leads.Between(leads.FieldStars, "1", "4")))
	require.Equal(t, `not (company contains x and company prefix y)`,
		query.FormatCond(leads.Not(leads.And(leads.Contains(leads.FieldCompany, "x"), leads.Prefix(leads.FieldCompany, "y")))))
	// Nested ands keep their structure.
	nested := leads.And(leads.Eq(leads.FieldStars, "1"), leads.And(leads.Eq(leads.FieldStars, "2"), leads.Eq(leads.FieldStars, "3")))
	back, err := query.ParseCond(query.FormatCond(nested))
	require.NoError(t, err)
	require.Equal(t, nested, back)
}

func TestParseSort(t *testing.T) {
	keys, err := query.ParseSort("-stars,file_as, +company")
	require.NoError(t, err)
	require.Equal(t, []leads.SortKey{leads.Desc(leads.FieldStars), leads.Asc(leads.FieldFileAs), leads.Asc(leads.FieldCompany)}, keys)
	require.Equal(t, "-stars,file_as,company", query.FormatSort(keys))
	back, err := query.ParseSort(query.FormatSort(keys))
	require.NoError(t, err)
	require.Equal(t, keys, back)

	none, err := query.ParseSort("  ")
	require.NoError(t, err)
	require.Empty(t, none)

	for text, pos := range map[string]int{"-stars,nosuch": 7, "stars,,file_as": 6, "-": 1, "stars, -bogus": 8} {
		_, err := query.ParseSort(text)
		var se *query.SyntaxError
		require.ErrorAs(t, err, &se, text)
		require.Equal(t, pos, se.Pos, text)
		require.True(t, errors.Is(err, leads.ErrInvalid))
	}
}

func FuzzParseCond(f *testing.F) {
	for _, s := range []string{`stars>=3 and source="Web"`, `not (a = 1 or b ~ "x")`, `status in (new, "c\"d")`,
		`email is not empty`, `stars between 1 and 4`, `company startswith "Ac" or company != x`, `"custom.a b" = c`,
		`stars > 2 and stars < 5`, "company = \"\\xff\"", `((stars = 1))`} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		c, err := query.ParseCond(s)
		if err != nil {
			var se *query.SyntaxError
			require.ErrorAs(t, err, &se)
			require.True(t, se.Pos >= 0 && se.Pos <= len(s), "position %d in %d bytes", se.Pos, len(s))
			return
		}
		text := query.FormatCond(c)
		again, err := query.ParseCond(text)
		require.NoError(t, err, "format: %s", text)
		require.Equal(t, c, again, "format: %s", text)
	})
}

// TestFormatCondRoundTrip builds random conditions of every shape the text
// form expresses and checks that ParseCond(FormatCond(c)) gives c back.
func TestFormatCondRoundTrip(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	fields := append(leads.Fields(), leads.CustomField("deal size"), leads.CustomField("région"))
	values := []string{"", "Web", "a b", "3", "-1", "2026-01-01", `say "hi"`, "tab\there", "\xff\xfe", "and", "NOT",
		"Zoë", "x,y", "(paren)", "back\\slash", "émoji 🎉", "\u00a0"}
	value := func() string { return values[rng.IntN(len(values))] }
	var gen func(depth int) leads.Cond
	gen = func(depth int) leads.Cond {
		f := fields[rng.IntN(len(fields))]
		n := 10
		if depth > 0 {
			n = 13
		}
		switch rng.IntN(n) {
		case 0:
			return leads.Eq(f, value())
		case 1:
			vs := make([]string, 1+rng.IntN(3))
			for i := range vs {
				vs[i] = value()
			}
			return leads.In(f, vs...)
		case 2:
			return leads.Contains(f, value())
		case 3:
			return leads.Prefix(f, value())
		case 4:
			return leads.Between(f, value(), value())
		case 5:
			return leads.Empty(f)
		case 6:
			return leads.NotEmpty(f)
		case 7:
			return leads.Not(leads.Eq(f, value()))
		case 8:
			return leads.Not(leads.Between(f, "", value()))
		case 9:
			return leads.Not(leads.Between(f, value(), ""))
		case 10:
			return leads.Not(gen(depth - 1))
		}
		cs := make([]leads.Cond, 2+rng.IntN(3))
		for i := range cs {
			cs[i] = gen(depth - 1)
		}
		if rng.IntN(2) == 0 {
			return leads.And(cs...)
		}
		return leads.Or(cs...)
	}
	for range 3000 {
		c := gen(3)
		text := query.FormatCond(c)
		back, err := query.ParseCond(text)
		require.NoError(t, err, "%s", text)
		require.Equal(t, c, back, "%s", text)
	}
}

// TestStrictCustom checks that "f > v" and "f < v" on a custom field typed
// as a number select only typed values, and format back as written.
func TestStrictCustom(t *testing.T) {
	mk := func(name, v string) *leads.Lead {
		return &leads.Lead{FullName: name, FileAs: name, Custom: map[string]string{"n": v}}
	}
	all := []*leads.Lead{mk("a", "1500"), mk("b", "lots"), mk("c", "9.5"), mk("d", ""), mk("e", "100"), mk("f", "20"), mk("g", "Abc")}
	types := map[string]leads.CustomType{"n": leads.CustomNumber}
	for text, want := range map[string][]string{
		"custom.n > 20":  {"a", "e"},
		"custom.n < 100": {"c", "f"},
	} {
		c, err := query.ParseCond(text)
		if err != nil {
			t.Fatal(err)
		}
		got, err := leads.Select(leads.Query{Where: c, CustomTypes: types}, slices.Values(all))
		if err != nil {
			t.Fatal(err)
		}
		var names []string
		for _, l := range got {
			names = append(names, l.FullName)
		}
		if !slices.Equal(names, want) {
			t.Errorf("%s: got %v, want %v", text, names, want)
		}
		if back := query.FormatCond(c); back != text {
			t.Errorf("FormatCond(ParseCond(%q)) = %q", text, back)
		}
	}
}
