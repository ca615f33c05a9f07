package storagetest

import (
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/google/uuid"
	"github.com/shopspring/decimal"
	"github.com/stretchr/testify/require"

	"github.com/leadkit/leads"
)

// long returns n characters: four-byte ones (the most a character takes
// in UTF-8, from the CJK Extension B block), then an ASCII tail that tells
// values apart. The characters follow a fixed pseudo-random sequence, so
// that values of the same length share their start, and PostgreSQL
// cannot compress them below what its indexes hold, as it would a run of
// one character.
func long(n int, tail string) string {
	var sb strings.Builder
	sb.Grow(4 * n)
	x := uint32(2463534242)
	for range n - len(tail) {
		x ^= x << 13
		x ^= x >> 17
		x ^= x << 5
		sb.WriteRune(0x20000 + rune(x%0xA6D0))
	}
	sb.WriteString(tail)
	return sb.String()
}

// maxEmail is an e-mail address of exactly leads.MaxEmailLen characters.
func maxEmail(tail string) string {
	local := strings.Repeat("a", 64)
	label := strings.Repeat("b", 63)
	domain := label + "." + label + "." + label + "." + tail
	domain += "." + strings.Repeat("c", leads.MaxEmailLen-len(local)-1-len(domain)-1)
	return local + "@" + domain
}

// longLead is a lead with every text field at its limit (leads.MaxLength).
func longLead(owner, tail string) *leads.Lead {
	return &leads.Lead{
		FullName: long(leads.MaxNameLen, tail), Title: long(leads.MaxNameLen, tail),
		FirstName: long(leads.MaxNameLen, tail), MiddleName: long(leads.MaxNameLen, tail),
		LastName: long(leads.MaxNameLen, tail), Suffix: long(leads.MaxNameLen, tail),
		JobTitle: long(leads.MaxJobTitleLen, tail), FileAs: long(leads.MaxFileAsLen, tail),
		Company: long(leads.MaxCompanyLen, tail), AssignedTo: owner, Source: long(leads.MaxSourceLen, tail),
		Emails: []leads.Email{{Label: long(leads.MaxLabelLen, tail), Address: maxEmail(tail)}},
		// Mathematical digits (U+1D7D8): four bytes each, and digits.
		Phones:   []leads.Phone{{Label: leads.PhoneBusiness, Number: "+1 " + strings.Repeat("𝟘", leads.MaxPhoneLen-3-len(tail)) + tail}},
		WebPages: []string{"https://example.com/" + long(leads.MaxWebPageLen-20, tail)},
		Addresses: []leads.Address{{Label: leads.AddressBusiness, Street: long(leads.MaxAddressLen, "\n"+tail),
			City: long(leads.MaxAddressLen, tail), State: long(leads.MaxAddressLen, tail),
			PostalCode: long(leads.MaxAddressLen, tail), Country: long(leads.MaxAddressLen, tail), Mailing: true}},
		Comments: []leads.Comment{{Text: long(leads.MaxCommentLen, tail)}},
		Custom:   map[string]string{long(leads.MaxCustomNameLen, tail): long(leads.MaxCustomTextLen, tail)},
		Details: leads.Details{Department: long(leads.MaxJobTitleLen, tail), Office: long(leads.MaxJobTitleLen, tail),
			Profession: long(leads.MaxJobTitleLen, tail), Manager: long(leads.MaxNameLen, tail),
			Assistant: long(leads.MaxNameLen, tail), Nickname: long(leads.MaxNameLen, tail), Spouse: long(leads.MaxNameLen, tail)},
	}
}

// requireOverLimit checks that err is a *leads.FieldError naming field
// and saying the limit, max.
func requireOverLimit(t *testing.T, err error, field string, max int) {
	t.Helper()
	require.ErrorIs(t, err, leads.ErrInvalid, field)
	var found bool
	for _, e := range flatten(err) {
		var fe *leads.FieldError
		if errors.As(e, &fe) && fe.Field == field {
			require.Equal(t, fmt.Sprintf("%d characters, over the limit of %d", max+1, max), fe.Reason, field)
			found = true
		}
	}
	require.True(t, found, "no *FieldError names %s in %v", field, err)
}

// flatten returns the errors joined in err (errors.Join), or err.
func flatten(err error) []error {
	if j, ok := err.(interface{ Unwrap() []error }); ok {
		var out []error
		for _, e := range j.Unwrap() {
			out = append(out, flatten(e)...)
		}
		return out
	}
	return []error{err}
}

// testFieldLimits writes every text field of every kind at its limit
// (leads.MaxLength), in characters of four bytes, through a Book, and
// reads it back unchanged: every store keeps what validation accepts,
// PostgreSQL too, whose indexes hold a bounded prefix of long text
// (a 1,000-character company once failed there with "index row size
// exceeds btree maximum"). Listings sorted and searched by those fields
// stay exact when values share their indexed prefix. One character more
// is refused, on every store alike, with a *leads.FieldError naming the
// field.
func testFieldLimits(t *testing.T, s leads.Store) {
	b := leads.New(s)
	actor := long(leads.MaxNameLen, "actor")
	c := leads.WithActor(ctx, actor)

	// Users: the owner's name is at its limit, as assigned_to then is.
	owner := long(leads.MaxNameLen, "owner")
	u, err := b.Users().Create(c, &leads.User{Name: owner, Email: maxEmail("user")})
	require.NoError(t, err)
	users, err := leads.Collect(b.Users().List(c))
	require.NoError(t, err)
	require.Contains(t, users, u)
	_, err = b.Users().Create(c, &leads.User{Name: long(leads.MaxNameLen+1, "x"), Email: ""})
	requireOverLimit(t, err, "name", leads.MaxNameLen)

	// Leads: two at the limit, sharing far more than the indexed prefix
	// of File As and company; "b" sorts after "a" only past it.
	want := map[string]*leads.Lead{}
	for _, tail := range []string{"b", "a"} {
		l, err := b.Create(c, longLead(owner, tail))
		require.NoError(t, err, "every field at its limit")
		got, err := s.Leads().Get(ctx, l.ID)
		require.NoError(t, err)
		requireSame(t, l, got)
		require.Equal(t, longLead(owner, tail).Company, got.Company)
		require.Equal(t, longLead(owner, tail).Custom, got.Custom)
		require.Equal(t, longLead(owner, tail).Addresses, got.Addresses)
		require.Equal(t, actor, got.CreatedBy)
		want[tail] = l
	}
	a, bb := want["a"].ID, want["b"].ID
	for _, tc := range []struct {
		name string
		q    leads.Query
		want []uuid.UUID
	}{
		{"by File As", leads.Query{}, []uuid.UUID{a, bb}},
		{"by File As, descending", leads.Query{Sort: []leads.SortKey{leads.Desc(leads.FieldFileAs)}}, []uuid.UUID{bb, a}},
		{"by company", leads.Query{Sort: []leads.SortKey{leads.Asc(leads.FieldCompany)}}, []uuid.UUID{a, bb}},
		{"by company, descending", leads.Query{Sort: []leads.SortKey{leads.Desc(leads.FieldCompany)}}, []uuid.UUID{bb, a}},
		{"company prefix past the indexed one", leads.Query{Where: leads.Prefix(leads.FieldCompany, long(leads.MaxCompanyLen-1, ""))}, []uuid.UUID{a, bb}},
		{"company prefix that tells them apart", leads.Query{Where: leads.Prefix(leads.FieldCompany, long(leads.MaxCompanyLen, "b"))}, []uuid.UUID{bb}},
		{"company equal", leads.Query{Where: leads.Eq(leads.FieldCompany, long(leads.MaxCompanyLen, "a"))}, []uuid.UUID{a}},
		{"company range", leads.Query{Where: leads.Between(leads.FieldCompany, long(leads.MaxCompanyLen, "a"), long(leads.MaxCompanyLen, "a"))}, []uuid.UUID{a}},
		{"File As range", leads.Query{Where: leads.Between(leads.FieldFileAs, long(leads.MaxFileAsLen, "b"), "")}, []uuid.UUID{bb}},
		{"File As contains", leads.Query{Where: leads.Contains(leads.FieldFileAs, long(leads.MaxFileAsLen, "b")[4*(leads.MaxFileAsLen-3):])}, []uuid.UUID{bb}},
		{"assigned to", leads.Query{Where: leads.Eq(leads.FieldAssignedTo, owner)}, []uuid.UUID{a, bb}},
		{"e-mail", leads.Query{Where: leads.Eq(leads.FieldEmail, maxEmail("a"))}, []uuid.UUID{a}},
	} {
		require.Equal(t, tc.want, ids(collect(t, s, tc.q)), tc.name)
	}
	// Paging by cursor steps from one to the other past the shared prefix.
	for _, sort := range []leads.SortKey{leads.Asc(leads.FieldFileAs), leads.Asc(leads.FieldCompany), leads.Desc(leads.FieldCompany)} {
		q := leads.Query{Sort: []leads.SortKey{sort}, Limit: 1}
		first := collect(t, s, q)
		require.Len(t, first, 1)
		q.After, err = leads.Cursor(q, first[0])
		require.NoError(t, err)
		next := collect(t, s, q)
		require.Len(t, next, 1, "%v", sort)
		require.NotEqual(t, first[0].ID, next[0].ID, "%v", sort)
	}

	// One character over the limit, field by field: refused, nothing
	// written.
	before, err := s.Leads().Count(ctx, leads.Query{})
	require.NoError(t, err)
	over := func(max int) string { return long(max+1, "") }
	for field, set := range map[string]func(l *leads.Lead){
		"full_name":            func(l *leads.Lead) { l.FullName = over(leads.MaxNameLen) },
		"title":                func(l *leads.Lead) { l.Title = over(leads.MaxNameLen) },
		"first_name":           func(l *leads.Lead) { l.FirstName = over(leads.MaxNameLen) },
		"middle_name":          func(l *leads.Lead) { l.MiddleName = over(leads.MaxNameLen) },
		"last_name":            func(l *leads.Lead) { l.LastName = over(leads.MaxNameLen) },
		"suffix":               func(l *leads.Lead) { l.Suffix = over(leads.MaxNameLen) },
		"job_title":            func(l *leads.Lead) { l.JobTitle = over(leads.MaxJobTitleLen) },
		"file_as":              func(l *leads.Lead) { l.FileAs = over(leads.MaxFileAsLen) },
		"company":              func(l *leads.Lead) { l.Company = over(leads.MaxCompanyLen) },
		"source":               func(l *leads.Lead) { l.Source = over(leads.MaxSourceLen) },
		"emails[0].label":      func(l *leads.Lead) { l.Emails[0].Label = over(leads.MaxLabelLen) },
		"emails[0].address":    func(l *leads.Lead) { l.Emails[0].Address = "a" + maxEmail("x") },
		"phones[0].number":     func(l *leads.Lead) { l.Phones[0].Number = strings.Repeat("1", leads.MaxPhoneLen+1) },
		"web_pages[0]":         func(l *leads.Lead) { l.WebPages[0] = over(leads.MaxWebPageLen) },
		"addresses[0].street":  func(l *leads.Lead) { l.Addresses[0].Street = over(leads.MaxAddressLen) },
		"addresses[0].city":    func(l *leads.Lead) { l.Addresses[0].City = over(leads.MaxAddressLen) },
		"comments[0].text":     func(l *leads.Lead) { l.Comments[0].Text = over(leads.MaxCommentLen) },
		"custom.k":             func(l *leads.Lead) { l.Custom = map[string]string{"k": over(leads.MaxCustomTextLen)} },
		"details.department":   func(l *leads.Lead) { l.Details.Department = over(leads.MaxJobTitleLen) },
		"details.spouse":       func(l *leads.Lead) { l.Details.Spouse = over(leads.MaxNameLen) },
		"addresses[0].country": func(l *leads.Lead) { l.Addresses[0].Country = over(leads.MaxAddressLen) },
	} {
		l := longLead(owner, "c")
		set(l)
		_, err := b.Create(c, l)
		requireOverLimit(t, err, field, leads.MaxLength(field))
	}
	after, err := s.Leads().Count(ctx, leads.Query{})
	require.NoError(t, err)
	require.Equal(t, before, after, "nothing written")

	// Accounts: the name is a company.
	acct, err := b.Accounts().Create(c, &leads.Account{Name: long(leads.MaxCompanyLen, "b"),
		Phones: []leads.Phone{{Label: leads.PhoneBusiness, Number: strings.Repeat("𝟘", leads.MaxPhoneLen)}}})
	require.NoError(t, err)
	acct2, err := b.Accounts().Create(c, &leads.Account{Name: long(leads.MaxCompanyLen, "a")})
	require.NoError(t, err)
	got, err := b.Accounts().Get(c, acct.ID)
	require.NoError(t, err)
	require.Equal(t, acct.Name, got.Name)
	require.Equal(t, acct.Phones, got.Phones)
	accts, err := leads.Collect(b.Accounts().List(c))
	require.NoError(t, err)
	require.Len(t, accts, 2)
	require.Equal(t, []uuid.UUID{acct2.ID, acct.ID}, []uuid.UUID{accts[0].ID, accts[1].ID}, "accounts by name")
	_, err = b.Accounts().Create(c, &leads.Account{Name: long(leads.MaxCompanyLen+1, "")})
	requireOverLimit(t, err, "name", leads.MaxCompanyLen)

	// Criteria and reports.
	crit, err := b.Criteria().Create(c, &leads.Criterion{Name: long(leads.MaxNameLen, "crit"), Weight: leads.WeightNormal})
	require.NoError(t, err)
	crits, err := leads.Collect(b.Criteria().List(c))
	require.NoError(t, err)
	require.Contains(t, crits, crit)
	_, err = b.Criteria().Create(c, &leads.Criterion{Name: long(leads.MaxNameLen+1, ""), Weight: leads.WeightNormal})
	requireOverLimit(t, err, "name", leads.MaxNameLen)
	rep, err := b.Reports().Create(c, &leads.Report{Name: long(leads.MaxNameLen, "rep"), Columns: []leads.Field{leads.FieldFullName}})
	require.NoError(t, err)
	gotRep, err := b.Reports().Get(c, rep.Name)
	require.NoError(t, err)
	require.Equal(t, rep.Name, gotRep.Name)
	_, err = b.Reports().Create(c, &leads.Report{Name: long(leads.MaxNameLen+1, ""), Columns: []leads.Field{leads.FieldFullName}})
	requireOverLimit(t, err, "name", leads.MaxNameLen)

	// History: a subject and a note at their limits.
	h, err := b.History().Create(c, &leads.HistoryItem{Kind: leads.KindNote, Records: []uuid.UUID{a},
		Subject: long(leads.MaxSubjectLen, "s"), Text: strings.Repeat("é", leads.MaxNoteLen)})
	require.NoError(t, err)
	gotH, err := b.History().Get(c, h.ID)
	require.NoError(t, err)
	require.Equal(t, h.Subject, gotH.Subject)
	require.Equal(t, h.Text, gotH.Text)
	_, err = b.History().Create(c, &leads.HistoryItem{Kind: leads.KindNote, Records: []uuid.UUID{a}, Subject: long(leads.MaxSubjectLen+1, "")})
	requireOverLimit(t, err, "subject", leads.MaxSubjectLen)
	_, err = b.History().Create(c, &leads.HistoryItem{Kind: leads.KindNote, Records: []uuid.UUID{a}, Subject: "s", Text: strings.Repeat("é", leads.MaxNoteLen+1)})
	requireOverLimit(t, err, "text", leads.MaxNoteLen)

	// Opportunities: a title and a product at their limits.
	o, err := b.Opportunities().Create(c, &leads.Opportunity{RecordID: a, Title: long(leads.MaxNameLen, "o"), Currency: "EUR",
		Lines: []leads.LineItem{{Product: long(leads.MaxSubjectLen, "p"), Quantity: decimal.NewFromInt(1), UnitPrice: decimal.NewFromInt(2)}}})

	require.NoError(t, err)
	gotO, err := b.Opportunities().Get(c, o.ID)
	require.NoError(t, err)
	require.Equal(t, o.Title, gotO.Title)
	require.Equal(t, o.Lines[0].Product, gotO.Lines[0].Product)
	_, err = b.Opportunities().Create(c, &leads.Opportunity{RecordID: a, Title: long(leads.MaxNameLen+1, ""), Currency: "EUR"})
	requireOverLimit(t, err, "title", leads.MaxNameLen)
}
