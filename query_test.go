package leads_test

import (
	"encoding/json"
	"fmt"
	"slices"
	"testing"
	"time"

	"github.com/google/uuid"
	"github.com/shopspring/decimal"
	"github.com/stretchr/testify/require"

	"github.com/leadkit/leads"
)

// fixtureLead is one lead of the query fixture with a short key that the
// expectations use instead of its ID.
type fixtureLead struct {
	key  string
	lead *leads.Lead
}

func fixtureID(n byte) uuid.UUID {
	return uuid.MustParse(fmt.Sprintf("01890000-0000-7000-8000-0000000000%02x", n))
}

func day(s string) time.Time {
	t, err := time.Parse(time.RFC3339, s+"T10:00:00Z")
	if err != nil {
		panic(err)
	}
	return t
}

// person builds a lead the way a Book would store it: name parts derived
// from the full name and File As in the default form.
func person(id byte, full string, edit func(l *leads.Lead)) *leads.Lead {
	n := leads.ParseName(full)
	l := &leads.Lead{
		ID: fixtureID(id), FullName: full, Status: leads.StatusNew, Version: 1,
		Title: n.Title, FirstName: n.First, MiddleName: n.Middle, LastName: n.Last, Suffix: n.Suffix,
	}
	edit(l)
	l.FileAs = l.FileAsIn(leads.FileAsLastFirst)
	if l.UpdatedAt.IsZero() {
		l.UpdatedAt = l.CreatedAt
	}
	return l
}

func auto(stars leads.Stars, value string) leads.Score {
	return leads.Score{Type: leads.ScoreAuto, Stars: stars, Value: decimal.RequireFromString(value)}
}

// queryFixture returns 11 leads. Their default order (File As, then ID) is
// babbage, jose, grace, ada, madonna, turing2, turing1, ludwig, anders, zoe,
// pyotr: the two Alan Turings file alike and turing2 has the lower ID.
func queryFixture() []fixtureLead {
	return []fixtureLead{
		{"ada", person(1, "Ada Lovelace", func(l *leads.Lead) {
			l.Company, l.Source, l.AssignedTo = "Analytical Engines", "Trade show", "alice"
			l.Score = leads.ManualScore(5)
			l.CreatedAt = day("2026-01-10")
			l.Emails = []leads.Email{{Address: "ada@example.com"}, {Address: "ada@work.example"}}
			l.Phones = []leads.Phone{{Label: leads.PhoneBusiness, Number: "+44 20 7946 0958"}}
			l.Addresses = []leads.Address{{Label: leads.AddressBusiness, City: "London"}}
			l.Custom = map[string]string{"Budget": "10k"}
		})},
		{"babbage", person(2, "Charles Babbage", func(l *leads.Lead) {
			l.Company, l.Source, l.AssignedTo = "Analytical Engines", "Web", "bob"
			l.Score = auto(3, "2.5")
			l.CreatedAt = day("2026-01-15")
			l.Emails = []leads.Email{{Address: "charles@example.com"}}
			l.Addresses = []leads.Address{{Label: leads.AddressHome, City: "London"}}
		})},
		{"zoe", person(3, "Zoë Ångström", func(l *leads.Lead) {
			l.Type = leads.TypeContact
			l.Company, l.Source, l.AssignedTo = "Nordic Optics", "Web", "alice"
			l.Score = auto(4, "3.75")
			l.CreatedAt = day("2026-02-01")
			l.Emails = []leads.Email{{Address: "zoe@optics.se"}}
			l.Phones = []leads.Phone{{Label: leads.PhoneMobile, Number: "+46 18 471 00 00"}}
			l.Addresses = []leads.Address{{Label: leads.AddressBusiness, City: "Uppsala"}}
		})},
		{"anders", person(4, "Anders Jonas Ångström", func(l *leads.Lead) {
			l.Company = "uppsala universitet" // lower case on purpose: sorts before "US Navy"
			l.Score = auto(2, "1.5")
			l.CreatedAt = day("2026-02-15")
			l.Addresses = []leads.Address{{Label: leads.AddressOther, City: "Uppsala"}}
		})},
		{"pyotr", person(5, "Пётр Ильич Чайковский", func(l *leads.Lead) {
			l.Source, l.AssignedTo = "Word of mouth", "bob"
			l.Score = auto(0, "0")
			l.CreatedAt = day("2026-03-01")
			l.Phones = []leads.Phone{{Label: leads.PhoneHome, Number: "+7 495 000 00 00"}}
			l.Addresses = []leads.Address{{Label: leads.AddressHome, City: "Москва"}}
		})},
		{"jose", person(6, "José María García", func(l *leads.Lead) {
			l.Company, l.Source = "García & Hijos", "Word of mouth"
			l.Score = auto(1, "0.8")
			l.CreatedAt = day("2026-03-10")
			l.Emails = []leads.Email{{Address: "jose@garcia.es"}}
			l.Addresses = []leads.Address{{Label: leads.AddressBusiness, City: "Sevilla"}}
		})},
		{"madonna", person(7, "Madonna", func(l *leads.Lead) {
			l.Type = leads.TypeContact
			l.Company, l.Source, l.AssignedTo = "Sire Records", "Advertisement", "alice"
			l.Score = auto(5, "4.6")
			l.CreatedAt = day("2026-03-20")
		})},
		{"ludwig", person(8, "Ludwig van Beethoven", func(l *leads.Lead) {
			l.Company, l.Source = "Bonn Music", "Web"
			l.Score = auto(2, "2.0")
			l.CreatedAt = day("2026-04-01")
			l.Emails = []leads.Email{{Address: "ludwig@bonn.de"}}
			l.Phones = []leads.Phone{{Label: leads.PhoneBusiness, Number: "+49 228 0000"}}
			l.Addresses = []leads.Address{{Label: leads.AddressHome, City: "Bonn"}}
		})},
		{"grace", person(9, "Grace Hopper", func(l *leads.Lead) {
			l.Company, l.Source, l.AssignedTo = "US Navy", "Seminar", "alice"
			l.Score = auto(4, "4.0")
			l.CreatedAt = day("2026-04-15")
			l.Emails = []leads.Email{{Address: "grace@navy.mil"}, {Address: "GH@yale.edu"}}
			l.Phones = []leads.Phone{{Label: leads.PhoneBusiness, Number: "+1 703 000 0000"}}
			l.Addresses = []leads.Address{{Label: leads.AddressBusiness, City: "Arlington"}}
		})},
		{"turing1", person(11, "Alan Turing", func(l *leads.Lead) {
			l.Company, l.AssignedTo = "Bletchley Park", "bob"
			l.Score = auto(3, "3.0")
			l.CreatedAt = day("2026-05-01")
			l.Emails = []leads.Email{{Address: "alan@bletchley.uk"}}
		})},
		{"turing2", person(10, "Alan Turing", func(l *leads.Lead) {
			l.Company, l.AssignedTo = "Bletchley Park", "bob"
			l.Score = auto(3, "2.5")
			l.CreatedAt = day("2026-05-01")
		})},
	}
}

// fixture returns the fixture's leads and a function that names leads by
// their keys.
func fixture(t testing.TB) ([]*leads.Lead, func([]*leads.Lead) []string) {
	fx := queryFixture()
	all := make([]*leads.Lead, len(fx))
	keyOf := map[uuid.UUID]string{}
	for i, f := range fx {
		require.NoError(t, f.lead.Validate(), f.key)
		all[i] = f.lead
		keyOf[f.lead.ID] = f.key
	}
	keys := func(ls []*leads.Lead) []string {
		out := []string{}
		for _, l := range ls {
			k, ok := keyOf[l.ID]
			require.True(t, ok, "unknown lead %s", l.ID)
			out = append(out, k)
		}
		return out
	}
	return all, keys
}

var defaultOrder = []string{"babbage", "jose", "grace", "ada", "madonna", "turing2", "turing1", "ludwig", "anders", "zoe", "pyotr"}

func TestSelect(t *testing.T) {
	all, keys := fixture(t)
	where := func(c leads.Cond) leads.Query { return leads.Query{Where: c} }
	sorted := func(ks ...leads.SortKey) leads.Query { return leads.Query{Sort: ks} }
	tests := []struct {
		name string
		q    leads.Query
		want []string
	}{
		{"zero query: everything by File As then ID", leads.Query{}, defaultOrder},

		// Eq and In compare exactly.
		{"eq", where(leads.Eq(leads.FieldCompany, "Analytical Engines")), []string{"babbage", "ada"}},
		{"eq is case-sensitive", where(leads.Eq(leads.FieldCompany, "analytical engines")), []string{}},
		{"eq on a list field, first value", where(leads.Eq(leads.FieldEmail, "grace@navy.mil")), []string{"grace"}},
		{"eq on a list field, second value", where(leads.Eq(leads.FieldEmail, "GH@yale.edu")), []string{"grace"}},
		{"eq on non-ASCII", where(leads.Eq(leads.FieldLastName, "Ångström")), []string{"anders", "zoe"}},
		{"eq on type", where(leads.Eq(leads.FieldType, "contact")), []string{"madonna", "zoe"}},
		{"eq on id", where(leads.Eq(leads.FieldID, fixtureID(9).String())), []string{"grace"}},
		{"eq on status", where(leads.Eq(leads.FieldStatus, "new")), defaultOrder},
		{"eq on score type", where(leads.Eq(leads.FieldScoreType, "manual")), []string{"ada"}},
		{"eq on stars", where(leads.Eq(leads.FieldStars, "4")), []string{"grace", "zoe"}},
		{"eq on score ignores trailing zeros", where(leads.Eq(leads.FieldScore, "2.50")), []string{"babbage", "turing2"}},
		{"eq on time in another zone", where(leads.Eq(leads.FieldCreatedAt, "2026-04-01T12:00:00+02:00")), []string{"ludwig"}},
		{"eq on custom field", where(leads.Eq(leads.CustomField("Budget"), "10k")), []string{"ada"}},
		{"in", where(leads.In(leads.FieldSource, "Web", "Seminar")), []string{"babbage", "grace", "ludwig", "zoe"}},
		{"in on numbers", where(leads.In(leads.FieldStars, "0", "5")), []string{"ada", "madonna", "pyotr"}},
		{"in on a list field", where(leads.In(leads.FieldCity, "Bonn", "Москва")), []string{"ludwig", "pyotr"}},

		// Contains and Prefix ignore case, in any script.
		{"contains ignores case", where(leads.Contains(leads.FieldCompany, "ENGINES")), []string{"babbage", "ada"}},
		{"contains non-ASCII upper case", where(leads.Contains(leads.FieldLastName, "ÅNGSTRÖM")), []string{"anders", "zoe"}},
		{"contains non-ASCII lower case", where(leads.Contains(leads.FieldFullName, "ångström")), []string{"anders", "zoe"}},
		{"contains Cyrillic", where(leads.Contains(leads.FieldCity, "МОСК")), []string{"pyotr"}},
		{"contains on a list field", where(leads.Contains(leads.FieldEmail, "EXAMPLE")), []string{"babbage", "ada"}},
		{"contains the empty string", where(leads.Contains(leads.FieldCompany, "")), defaultOrder},
		{"prefix", where(leads.Prefix(leads.FieldFileAs, "ÅNG")), []string{"anders", "zoe"}},
		{"prefix on a list field", where(leads.Prefix(leads.FieldEmail, "gh@")), []string{"grace"}},
		{"prefix is not contains", where(leads.Prefix(leads.FieldCompany, "engines")), []string{}},
		{"prefix with particle", where(leads.Prefix(leads.FieldLastName, "VAN ")), []string{"ludwig"}},

		// Ranges are inclusive; an empty bound is open.
		{"stars between", where(leads.StarsBetween(2, 4)), []string{"babbage", "grace", "turing2", "turing1", "ludwig", "anders", "zoe"}},
		{"stars at least 4", where(leads.Between(leads.FieldStars, "4", "")), []string{"grace", "ada", "madonna", "zoe"}},
		{"stars at most 1", where(leads.Between(leads.FieldStars, "", "1")), []string{"jose", "pyotr"}},
		{"stars both bounds open", where(leads.Between(leads.FieldStars, "", "")), defaultOrder},
		{"score between decimals", where(leads.ScoreBetween(decimal.RequireFromString("2.5"), decimal.RequireFromString("4"))),
			[]string{"babbage", "grace", "turing2", "turing1", "zoe"}},
		{"score above 4.5", where(leads.Between(leads.FieldScore, "4.5", "")), []string{"ada", "madonna"}},
		{"score below 1", where(leads.Between(leads.FieldScore, "", "0.99")), []string{"jose", "pyotr"}},
		{"created between dates (UTC midnight)", where(leads.Between(leads.FieldCreatedAt, "2026-02-01", "2026-03-10")),
			[]string{"anders", "zoe", "pyotr"}},
		{"created between instants", where(leads.TimeBetween(leads.FieldCreatedAt, day("2026-02-01"), day("2026-03-10"))),
			[]string{"jose", "anders", "zoe", "pyotr"}},
		{"created since", where(leads.TimeBetween(leads.FieldCreatedAt, day("2026-04-01"), time.Time{})),
			[]string{"grace", "turing2", "turing1", "ludwig"}},
		{"created until", where(leads.TimeBetween(leads.FieldCreatedAt, time.Time{}, day("2026-01-15"))),
			[]string{"babbage", "ada"}},
		{"text range ignores case", where(leads.Between(leads.FieldLastName, "A", "h")), []string{"babbage", "jose"}},
		{"version between", where(leads.Between(leads.FieldVersion, "1", "1")), defaultOrder},

		// Empty and NotEmpty.
		{"empty text", where(leads.Empty(leads.FieldCompany)), []string{"pyotr"}},
		{"not empty text", where(leads.NotEmpty(leads.FieldAssignedTo)),
			[]string{"babbage", "grace", "ada", "madonna", "turing2", "turing1", "zoe", "pyotr"}},
		{"empty list: email", where(leads.Empty(leads.FieldEmail)), []string{"madonna", "turing2", "anders", "pyotr"}},
		{"not empty list: email", where(leads.NotEmpty(leads.FieldEmail)),
			[]string{"babbage", "jose", "grace", "ada", "turing1", "ludwig", "zoe"}},
		{"empty list: phone", where(leads.Empty(leads.FieldPhone)), []string{"babbage", "jose", "madonna", "turing2", "turing1", "anders"}},
		{"not empty list: phone", where(leads.NotEmpty(leads.FieldPhone)), []string{"grace", "ada", "ludwig", "zoe", "pyotr"}},
		{"empty address part", where(leads.Empty(leads.FieldCity)), []string{"madonna", "turing2", "turing1"}},
		{"empty number: stars", where(leads.Empty(leads.FieldStars)), []string{"pyotr"}},
		{"not empty decimal: score", where(leads.NotEmpty(leads.FieldScore)),
			[]string{"babbage", "jose", "grace", "ada", "madonna", "turing2", "turing1", "ludwig", "anders", "zoe"}},
		{"empty time", where(leads.Empty(leads.FieldCreatedAt)), []string{}},
		{"not empty custom field", where(leads.NotEmpty(leads.CustomField("Budget"))), []string{"ada"}},
		{"empty unset ids", where(leads.Empty(leads.FieldAccountID)), defaultOrder},

		// Combinations.
		{"and", where(leads.And(leads.Eq(leads.FieldAssignedTo, "alice"), leads.NotEmpty(leads.FieldEmail))),
			[]string{"grace", "ada", "zoe"}},
		{"or", where(leads.Or(leads.Eq(leads.FieldSource, "Seminar"), leads.Contains(leads.FieldLastName, "turing"))),
			[]string{"grace", "turing2", "turing1"}},
		{"not", where(leads.Not(leads.Or(leads.Eq(leads.FieldAssignedTo, "alice"), leads.Eq(leads.FieldAssignedTo, "bob")))),
			[]string{"jose", "ludwig", "anders"}},
		{"nested", where(leads.And(
			leads.Or(leads.StarsBetween(5, 5), leads.Contains(leads.FieldCompany, "navy")),
			leads.Not(leads.Eq(leads.FieldType, "contact")))),
			[]string{"grace", "ada"}},
		{"double not", where(leads.Not(leads.Not(leads.Eq(leads.FieldCity, "London")))), []string{"babbage", "ada"}},
		{"empty and matches all", where(leads.And()), defaultOrder},
		{"empty or matches none", where(leads.Or()), []string{}},
		{"not of the zero cond matches none", where(leads.Not(leads.Cond{})), []string{}},
		{"zero cond inside and", where(leads.And(leads.Cond{}, leads.Eq(leads.FieldCity, "Bonn"))), []string{"ludwig"}},

		// Types.
		{"types: contacts", leads.Query{Types: []leads.RecordType{leads.TypeContact}}, []string{"madonna", "zoe"}},
		{"types: leads and contacts", leads.Query{Types: []leads.RecordType{leads.TypeLead, leads.TypeContact}}, defaultOrder},
		{"types with where", leads.Query{Types: []leads.RecordType{leads.TypeLead}, Where: leads.StarsBetween(5, 5)}, []string{"ada"}},

		// Sorting: case-insensitive text, multi-key, descending, ties by File As then ID.
		{"sort by stars desc, created asc", sorted(leads.Desc(leads.FieldStars), leads.Asc(leads.FieldCreatedAt)),
			[]string{"ada", "madonna", "zoe", "grace", "babbage", "turing2", "turing1", "anders", "ludwig", "jose", "pyotr"}},
		{"sort by company ignores case", sorted(leads.Asc(leads.FieldCompany)),
			[]string{"pyotr", "babbage", "ada", "turing2", "turing1", "ludwig", "jose", "zoe", "madonna", "anders", "grace"}},
		{"sort by score desc, ties by File As", sorted(leads.Desc(leads.FieldScore)),
			[]string{"ada", "madonna", "grace", "zoe", "turing1", "babbage", "turing2", "ludwig", "anders", "jose", "pyotr"}},
		{"sort by a list field uses its first value", sorted(leads.Asc(leads.FieldEmail)),
			[]string{"madonna", "turing2", "anders", "pyotr", "ada", "turing1", "babbage", "grace", "jose", "ludwig", "zoe"}},
		{"sort by file_as desc still breaks ties by ID ascending", sorted(leads.Desc(leads.FieldFileAs)),
			[]string{"pyotr", "zoe", "anders", "ludwig", "turing2", "turing1", "madonna", "ada", "grace", "jose", "babbage"}},
		{"sort by type then assigned desc", sorted(leads.Asc(leads.FieldType), leads.Desc(leads.FieldAssignedTo)),
			[]string{"madonna", "zoe", "babbage", "turing2", "turing1", "pyotr", "grace", "ada", "jose", "ludwig", "anders"}},
		{"sort by custom field", sorted(leads.Desc(leads.CustomField("Budget"))), append([]string{"ada"}, slices.DeleteFunc(slices.Clone(defaultOrder), func(s string) bool { return s == "ada" })...)},

		// Paging.
		{"offset and limit", leads.Query{Offset: 2, Limit: 3}, []string{"grace", "ada", "madonna"}},
		{"limit", leads.Query{Limit: 1}, []string{"babbage"}},
		{"limit beyond the end", leads.Query{Limit: 100}, defaultOrder},
		{"offset to the last", leads.Query{Offset: 10}, []string{"pyotr"}},
		{"offset at the end", leads.Query{Offset: 11}, []string{}},
		{"offset beyond the end", leads.Query{Offset: 100, Limit: 2}, []string{}},
		{"paging after filter and sort", leads.Query{Where: leads.NotEmpty(leads.FieldEmail), Sort: []leads.SortKey{leads.Desc(leads.FieldCreatedAt)}, Offset: 1, Limit: 2},
			[]string{"grace", "ludwig"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := leads.Select(tt.q, slices.Values(all))
			require.NoError(t, err)
			require.Equal(t, tt.want, keys(got))
			require.NoError(t, tt.q.Validate())

			// The query survives JSON, as a store on the other side of a
			// wire would receive it.
			b, err := json.Marshal(tt.q)
			require.NoError(t, err)
			var back leads.Query
			require.NoError(t, json.Unmarshal(b, &back), "%s", b)
			got, err = leads.Select(back, slices.Values(all))
			require.NoError(t, err)
			require.Equal(t, tt.want, keys(got), "after JSON %s", b)

			// The order does not depend on the order of the input.
			rev := slices.Clone(all)
			slices.Reverse(rev)
			got, err = leads.Select(tt.q, slices.Values(rev))
			require.NoError(t, err)
			require.Equal(t, tt.want, keys(got), "reversed input")
		})
	}
}

func TestSelectReturnsTheGivenLeads(t *testing.T) {
	all, _ := fixture(t)
	got, err := leads.Select(leads.Query{Where: leads.Eq(leads.FieldCity, "Bonn")}, slices.Values(all))
	require.NoError(t, err)
	require.Len(t, got, 1)
	require.Same(t, all[7], got[0])

	got, err = leads.Select(leads.Query{}, slices.Values([]*leads.Lead(nil)))
	require.NoError(t, err)
	require.Empty(t, got)
}

func TestSelectCursorPaging(t *testing.T) {
	all, keys := fixture(t)
	sorts := map[string][]leads.SortKey{
		"default":            nil,
		"stars desc":         {leads.Desc(leads.FieldStars), leads.Asc(leads.FieldCreatedAt)},
		"company":            {leads.Asc(leads.FieldCompany)},
		"score desc":         {leads.Desc(leads.FieldScore)},
		"email desc":         {leads.Desc(leads.FieldEmail)},
		"created, version":   {leads.Asc(leads.FieldCreatedAt), leads.Desc(leads.FieldVersion)},
		"file_as desc, type": {leads.Desc(leads.FieldFileAs), leads.Asc(leads.FieldType)},
	}
	for name, sort := range sorts {
		t.Run(name, func(t *testing.T) {
			q := leads.Query{Sort: sort}
			full, err := leads.Select(q, slices.Values(all))
			require.NoError(t, err)
			require.Len(t, full, len(all))

			// Page through the whole set, 3 at a time.
			var got []*leads.Lead
			page := q
			page.Limit = 3
			for range len(all) {
				batch, err := leads.Select(page, slices.Values(all))
				require.NoError(t, err)
				require.LessOrEqual(t, len(batch), 3)
				if len(batch) == 0 {
					break
				}
				got = append(got, batch...)
				page.After, err = leads.Cursor(q, batch[len(batch)-1])
				require.NoError(t, err)
			}
			require.Equal(t, keys(full), keys(got))

			// Again, removing records already listed (including the one
			// the cursor names) between pages: the pages do not shift.
			for _, victim := range []int{0, 2} {
				rest := slices.Clone(all)
				got = got[:0]
				page.After = ""
				removed := false
				for range len(all) {
					batch, err := leads.Select(page, slices.Values(rest))
					require.NoError(t, err)
					if len(batch) == 0 {
						break
					}
					got = append(got, batch...)
					page.After, err = leads.Cursor(q, batch[len(batch)-1])
					require.NoError(t, err)
					if !removed {
						gone := batch[victim]
						rest = slices.DeleteFunc(rest, func(l *leads.Lead) bool { return l.ID == gone.ID })
						removed = true
					}
				}
				require.Equal(t, keys(full), keys(got), "after removing the record at %d of the first page", victim)
			}

			// A record added before the cursor is not listed; one added
			// after it is.
			page.After, err = leads.Cursor(q, full[4])
			require.NoError(t, err)
			page.Limit = 0
			rest, err := leads.Select(page, slices.Values(all))
			require.NoError(t, err)
			require.Equal(t, keys(full[5:]), keys(rest))
		})
	}
}

func TestCursorWithInvalidQuery(t *testing.T) {
	all, _ := fixture(t)
	_, err := leads.Cursor(leads.Query{Limit: -1}, all[0])
	requireFieldErrors(t, err, "query.limit")
}

func TestQueryInvalid(t *testing.T) {
	all, _ := fixture(t)
	cursorOf := func(q leads.Query) string {
		c, err := leads.Cursor(q, all[0])
		require.NoError(t, err)
		return c
	}
	b64 := func(s string) string { return base64URL(s) }
	byCompany := []leads.SortKey{leads.Asc(leads.FieldCompany)}
	tests := []struct {
		name  string
		q     leads.Query
		field string
	}{
		{"unknown field", leads.Query{Where: leads.Eq("shoe_size", "9")}, "query.where.field"},
		{"unknown field nested", leads.Query{Where: leads.And(leads.Eq(leads.FieldCompany, "x"), leads.Eq("shoe_size", "9"))},
			"query.where.conds[1].field"},
		{"unknown field deep", leads.Query{Where: leads.And(leads.Or(leads.Eq(leads.FieldCompany, "x"), leads.Not(leads.Eq("nope", ""))))},
			"query.where.conds[0].conds[1].conds[0].field"},
		{"custom field without name", leads.Query{Where: leads.Eq("custom.", "x")}, "query.where.field"},
		{"unknown op", leads.Query{Where: leads.Cond{Op: "like", Field: leads.FieldCompany, Values: []string{"x"}}}, "query.where.op"},
		{"no op", leads.Query{Where: leads.Cond{Field: leads.FieldCompany, Values: []string{"x"}}}, "query.where.op"},
		{"unknown op nested", leads.Query{Where: leads.Or(leads.Cond{Op: "LIKE", Field: leads.FieldCompany, Values: []string{"x"}})}, "query.where.conds[0].op"},
		{"stars = abc", leads.Query{Where: leads.Eq(leads.FieldStars, "abc")}, "query.where.values[0]"},
		{"stars = 2.5", leads.Query{Where: leads.Eq(leads.FieldStars, "2.5")}, "query.where.values[0]"},
		{"score = 2,5", leads.Query{Where: leads.Eq(leads.FieldScore, "2,5")}, "query.where.values[0]"},
		{"in with one bad value", leads.Query{Where: leads.In(leads.FieldVersion, "1", "two")}, "query.where.values[1]"},
		{"created_at = yesterday", leads.Query{Where: leads.Between(leads.FieldCreatedAt, "", "yesterday")}, "query.where.values[1]"},
		{"contains on a number", leads.Query{Where: leads.Contains(leads.FieldStars, "3")}, "query.where.op"},
		{"prefix on a time", leads.Query{Where: leads.And(leads.Prefix(leads.FieldCreatedAt, "2026"))}, "query.where.conds[0].op"},
		{"eq without value", leads.Query{Where: leads.Cond{Op: leads.OpEq, Field: leads.FieldCompany}}, "query.where.values"},
		{"in without value", leads.Query{Where: leads.In(leads.FieldCompany)}, "query.where.values"},
		{"range with one value", leads.Query{Where: leads.Cond{Op: leads.OpRange, Field: leads.FieldStars, Values: []string{"1"}}}, "query.where.values"},
		{"empty with a value", leads.Query{Where: leads.Cond{Op: leads.OpEmpty, Field: leads.FieldStars, Values: []string{"1"}}}, "query.where.values"},
		{"range upside down", leads.Query{Where: leads.And(leads.Eq(leads.FieldCompany, "x"), leads.StarsBetween(4, 2))}, "query.where.conds[1].values"},
		{"comparison with conditions", leads.Query{Where: leads.Cond{Op: leads.OpEq, Field: leads.FieldCompany, Values: []string{"x"}, Conds: []leads.Cond{{}}}}, "query.where"},
		{"and with a field", leads.Query{Where: leads.Cond{Op: leads.OpAnd, Field: leads.FieldCompany}}, "query.where"},
		{"not with two conditions", leads.Query{Where: leads.Cond{Op: leads.OpNot, Conds: []leads.Cond{{}, {}}}}, "query.where"},
		{"not without condition", leads.Query{Where: leads.Or(leads.Cond{Op: leads.OpNot})}, "query.where.conds[0]"},
		{"unknown type", leads.Query{Types: []leads.RecordType{leads.TypeLead, 5}}, "query.types"},
		{"unknown sort field", leads.Query{Sort: []leads.SortKey{leads.Asc(leads.FieldCompany), leads.Desc("shoe_size")}}, "query.sort[1].field"},
		{"negative limit", leads.Query{Limit: -1}, "query.limit"},
		{"negative offset", leads.Query{Offset: -3}, "query.offset"},
		{"cursor not base64", leads.Query{After: "not a cursor!"}, "query.after"},
		{"cursor not JSON", leads.Query{After: b64("hello")}, "query.after"},
		{"cursor not a list", leads.Query{After: b64(`{"a":1}`)}, "query.after"},
		{"cursor of the wrong length", leads.Query{After: b64(`["x"]`)}, "query.after"},
		{"cursor without an ID", leads.Query{After: b64(`["","lovelace, ada","x"]`)}, "query.after"},
		{"cursor with a bad number", leads.Query{Sort: []leads.SortKey{leads.Asc(leads.FieldStars)},
			After: b64(`["stars","many","lovelace, ada","` + fixtureID(1).String() + `"]`)}, "query.after"},
		{"cursor from another sort of the same shape", leads.Query{Sort: []leads.SortKey{leads.Asc(leads.FieldLastName)},
			After: cursorOf(leads.Query{Sort: byCompany})}, "query.after"},
		{"cursor from the opposite direction", leads.Query{Sort: []leads.SortKey{leads.Desc(leads.FieldCompany)},
			After: cursorOf(leads.Query{Sort: byCompany})}, "query.after"},
		{"cursor from the default sort", leads.Query{Sort: byCompany, After: cursorOf(leads.Query{})}, "query.after"},
		{"cursor from a sort by a number", leads.Query{Sort: byCompany,
			After: cursorOf(leads.Query{Sort: []leads.SortKey{leads.Asc(leads.FieldStars)}})}, "query.after"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := leads.Select(tt.q, slices.Values(all))
			require.Nil(t, got)
			requireFieldErrors(t, err, tt.field)
			requireFieldErrors(t, tt.q.Validate(), tt.field)
			p, err := tt.q.Plan()
			require.Nil(t, p)
			requireFieldErrors(t, err, tt.field)
		})
	}
}

func TestCursorSameSortOtherFilter(t *testing.T) {
	// A cursor depends on the sort only: it may resume a listing whose
	// filter or page size changed.
	all, keys := fixture(t)
	sort := []leads.SortKey{leads.Desc(leads.FieldStars)}
	c, err := leads.Cursor(leads.Query{Sort: sort, Limit: 2}, all[0]) // ada, 5 stars
	require.NoError(t, err)
	got, err := leads.Select(leads.Query{Sort: sort, Where: leads.Eq(leads.FieldAssignedTo, "alice"), After: c}, slices.Values(all))
	require.NoError(t, err)
	require.Equal(t, []string{"madonna", "grace", "zoe"}, keys(got))
}

func TestCondString(t *testing.T) {
	tests := []struct {
		c    leads.Cond
		want string
	}{
		{leads.Cond{}, "true"},
		{leads.Eq(leads.FieldCompany, "AE"), `company eq ["AE"]`},
		{leads.And(leads.Eq(leads.FieldCity, "Bonn"), leads.Not(leads.Empty(leads.FieldEmail))), `(city eq ["Bonn"] and not email empty [])`},
		{leads.Or(leads.StarsBetween(1, 2), leads.Prefix(leads.FieldFileAs, "a")), `(stars range ["1" "2"] or file_as prefix ["a"])`},
		{leads.Cond{Op: leads.OpNot}, ` not []`},
	}
	for _, tt := range tests {
		require.Equal(t, tt.want, tt.c.String())
	}
}

func TestFields(t *testing.T) {
	fs := leads.Fields()
	require.True(t, slices.IsSorted(fs))
	require.Len(t, fs, 42)
	for _, f := range fs {
		k, ok := f.Kind()
		require.True(t, ok, f)
		_, err := leads.Select(leads.Query{Sort: []leads.SortKey{leads.Asc(f)}, Where: leads.NotEmpty(f)}, slices.Values([]*leads.Lead{validLead()}))
		require.NoError(t, err, f)
		require.NotEmpty(t, k.String())
	}
	for f, want := range map[leads.Field]leads.Kind{
		leads.FieldStars: leads.KindInt, leads.FieldVersion: leads.KindInt, leads.FieldScore: leads.KindDecimal,
		leads.FieldCreatedAt: leads.KindTime, leads.FieldUpdatedAt: leads.KindTime, leads.FieldEmail: leads.KindText,
		leads.CustomField("x"): leads.KindText, leads.FieldBirthday: leads.KindTime,
		leads.FieldConvertedAt: leads.KindTime, leads.FieldDepartment: leads.KindText,
	} {
		k, ok := f.Kind()
		require.True(t, ok)
		require.Equal(t, want, k, f)
	}
	require.Equal(t, "decimal", leads.KindDecimal.String())
	require.Equal(t, "Kind(9)", leads.Kind(9).String())
	_, ok := leads.Field("nope").Kind()
	require.False(t, ok)
	for _, f := range []leads.Field{leads.FieldEmail, leads.FieldPhone, leads.FieldWebPage, leads.FieldStreet,
		leads.FieldCity, leads.FieldState, leads.FieldPostalCode, leads.FieldCountry} {
		require.True(t, f.IsList(), f)
	}
	for _, f := range []leads.Field{leads.FieldCompany, leads.FieldStars, leads.CustomField("x"), "nope"} {
		require.False(t, f.IsList(), f)
	}
}
