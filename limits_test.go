package leads_test

import (
	"errors"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/leadkit/leads"
)

func TestMaxLength(t *testing.T) {
	for field, want := range map[string]int{
		"full_name": leads.MaxNameLen, "first_name": leads.MaxNameLen, "assigned_to": leads.MaxNameLen,
		"name": leads.MaxNameLen, "comments[3].author": leads.MaxNameLen, "status_history[0].by": leads.MaxNameLen,
		"details.manager": leads.MaxNameLen, "title": leads.MaxNameLen,
		"company": leads.MaxCompanyLen, "file_as": leads.MaxFileAsLen,
		"job_title": leads.MaxJobTitleLen, "details.department": leads.MaxJobTitleLen,
		"source":            leads.MaxSourceLen,
		"emails[1].address": leads.MaxEmailLen, "email": leads.MaxEmailLen, "emails[0].label": leads.MaxLabelLen,
		"phones[12].number": leads.MaxPhoneLen, "phone": leads.MaxPhoneLen,
		"web_pages[0]": leads.MaxWebPageLen, "web_page": leads.MaxWebPageLen,
		"addresses[1].street": leads.MaxAddressLen, "city": leads.MaxAddressLen,
		"custom": leads.MaxCustomNameLen, "custom.Budget": leads.MaxCustomTextLen,
		"custom.a.b[0]": leads.MaxCustomTextLen, "choices[2]": leads.MaxCustomTextLen,
		"comments[0].text": leads.MaxCommentLen, "status_history[1].reason": leads.MaxCommentLen,
		"subject": leads.MaxSubjectLen, "lines[0].product": leads.MaxSubjectLen,
		"text": leads.MaxNoteLen, "something else": leads.MaxTextLen,
	} {
		require.Equal(t, want, leads.MaxLength(field), field)
	}
	// File As holds what the default forms build from the longest
	// company and name: "Company (Last, First)".
	require.GreaterOrEqual(t, leads.MaxFileAsLen, leads.MaxCompanyLen+2*leads.MaxNameLen+5)
}

// TestLengthInCharacters checks that limits count characters, not bytes,
// and that a value over its limit is a *FieldError naming the field and
// saying by how much.
func TestLengthInCharacters(t *testing.T) {
	l := validLead()
	l.Company = strings.Repeat("😀", leads.MaxCompanyLen) // 4,000 bytes
	require.NoError(t, l.Validate())

	l.Company = strings.Repeat("x", 3000)
	err := l.Validate()
	var fe *leads.FieldError
	require.True(t, errors.As(err, &fe))
	require.Equal(t, &leads.FieldError{Field: "company", Reason: "3000 characters, over the limit of 1000"}, fe)
	require.EqualError(t, err, "leads: company: 3000 characters, over the limit of 1000")
	require.ErrorIs(t, err, leads.ErrInvalid)

	for name, check := range map[string]func(s string) error{
		"user":      func(s string) error { return (&leads.User{Name: s}).Validate() },
		"criterion": func(s string) error { return (&leads.Criterion{Name: s, Weight: leads.WeightNormal}).Validate() },
		"account": func(s string) error {
			return (&leads.Account{Name: strings.Repeat("é", leads.MaxCompanyLen-leads.MaxNameLen) + s}).Validate()
		},
	} {
		require.NoError(t, check(strings.Repeat("é", leads.MaxNameLen)), name)
		err := check(strings.Repeat("é", leads.MaxNameLen+1))
		require.ErrorAs(t, err, &fe, name)
		require.Equal(t, "name", fe.Field, name)
	}
}
