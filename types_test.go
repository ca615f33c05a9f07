package leads_test

import (
	"encoding/json"
	"errors"
	"fmt"
	"testing"

	"github.com/google/uuid"
	"github.com/shopspring/decimal"
	"github.com/stretchr/testify/require"

	"github.com/leadkit/leads"
)

func TestParseLabels(t *testing.T) {
	phones := map[string]leads.PhoneLabel{
		"Business": leads.PhoneBusiness, "work": leads.PhoneBusiness, " HOME ": leads.PhoneHome,
		"mobile": leads.PhoneMobile, "Cell": leads.PhoneMobile, "fax": leads.PhoneFax, "other": leads.PhoneOther, "": leads.PhoneOther,
	}
	for in, want := range phones {
		got, err := leads.ParsePhoneLabel(in)
		require.NoError(t, err, in)
		require.Equal(t, want, got, in)
	}
	_, err := leads.ParsePhoneLabel("pager")
	requireFieldErrors(t, err, "phones.label")
	require.Equal(t, []leads.PhoneLabel{"Business", "Home", "Mobile", "Fax", "Other"}, leads.PhoneLabels())

	addrs := map[string]leads.AddressLabel{
		"business": leads.AddressBusiness, "Work": leads.AddressBusiness, "HOME": leads.AddressHome, "": leads.AddressOther, "other": leads.AddressOther,
	}
	for in, want := range addrs {
		got, err := leads.ParseAddressLabel(in)
		require.NoError(t, err, in)
		require.Equal(t, want, got, in)
	}
	_, err = leads.ParseAddressLabel("office")
	requireFieldErrors(t, err, "addresses.label")
}

func TestParseStatus(t *testing.T) {
	for _, s := range []leads.Status{leads.StatusNew, leads.StatusContacted, leads.StatusQualified,
		leads.StatusDisqualified, leads.StatusRecycled, leads.StatusConverted} {
		got, err := leads.ParseStatus(" " + string(s))
		require.NoError(t, err)
		require.Equal(t, s, got)
	}
	got, err := leads.ParseStatus("QUALIFIED")
	require.NoError(t, err)
	require.Equal(t, leads.StatusQualified, got)
	for _, bad := range []string{"", "won", "new!"} {
		_, err := leads.ParseStatus(bad)
		requireFieldErrors(t, err, "status")
	}
	require.Contains(t, leads.Sources(), "Trade show")
}

func TestRecordType(t *testing.T) {
	for in, want := range map[string]leads.RecordType{"lead": leads.TypeLead, "Contact": leads.TypeContact, " business contact ": leads.TypeContact} {
		got, err := leads.ParseRecordType(in)
		require.NoError(t, err)
		require.Equal(t, want, got)
	}
	_, err := leads.ParseRecordType("customer")
	requireFieldErrors(t, err, "type")
	require.Equal(t, "RecordType(7)", leads.RecordType(7).String())

	b, err := json.Marshal([]leads.RecordType{leads.TypeLead, leads.TypeContact})
	require.NoError(t, err)
	require.JSONEq(t, `["lead","contact"]`, string(b))
	var back []leads.RecordType
	require.NoError(t, json.Unmarshal(b, &back))
	require.Equal(t, []leads.RecordType{leads.TypeLead, leads.TypeContact}, back)
	_, err = json.Marshal(leads.RecordType(7))
	require.ErrorIs(t, err, leads.ErrInvalid)
	require.ErrorIs(t, json.Unmarshal([]byte(`"customer"`), new(leads.RecordType)), leads.ErrInvalid)
}

func TestScore(t *testing.T) {
	for in, want := range map[string]leads.Stars{"0": 0, " 5 ": 5, "3": 3} {
		got, err := leads.ParseStars(in)
		require.NoError(t, err)
		require.Equal(t, want, got)
	}
	for _, bad := range []string{"6", "-1", "2.5", "", "five"} {
		_, err := leads.ParseStars(bad)
		requireFieldErrors(t, err, "score.stars")
	}
	require.True(t, leads.Stars(0).Valid())
	require.True(t, leads.MaxStars.Valid())
	require.False(t, leads.Stars(6).Valid())
	require.False(t, leads.Stars(-1).Valid())

	for in, want := range map[string]leads.ScoreType{"auto": leads.ScoreAuto, "Automatic": leads.ScoreAuto, "MANUAL": leads.ScoreManual} {
		got, err := leads.ParseScoreType(in)
		require.NoError(t, err)
		require.Equal(t, want, got)
	}
	_, err := leads.ParseScoreType("guess")
	requireFieldErrors(t, err, "score.type")
	require.Equal(t, "ScoreType(4)", leads.ScoreType(4).String())

	s := leads.ManualScore(4)
	require.Equal(t, leads.ScoreManual, s.Type)
	require.True(t, s.Value.Equal(decimal.NewFromInt(4)))

	b, err := json.Marshal(leads.Score{Type: leads.ScoreAuto, Stars: 3, Value: decimal.RequireFromString("2.50")})
	require.NoError(t, err)
	require.JSONEq(t, `{"type":"auto","stars":3,"value":"2.5"}`, string(b))
	var back leads.Score
	require.NoError(t, json.Unmarshal([]byte(`{"type":"manual","stars":4,"value":"4"}`), &back))
	require.Equal(t, leads.ScoreManual, back.Type)
	_, err = json.Marshal(leads.ScoreType(4))
	require.ErrorIs(t, err, leads.ErrInvalid)
	require.ErrorIs(t, json.Unmarshal([]byte(`{"type":"guess"}`), &back), leads.ErrInvalid)
}

func TestErrors(t *testing.T) {
	var err error = &leads.FieldError{Field: "full_name", Reason: "is required"}
	require.EqualError(t, err, "leads: full_name: is required")
	require.ErrorIs(t, err, leads.ErrInvalid)
	require.NotErrorIs(t, err, leads.ErrNotFound)
	wrapped := fmt.Errorf("import row 3: %w", errors.Join(err, &leads.FieldError{Field: "emails[0].address", Reason: "bad"}))
	require.ErrorIs(t, wrapped, leads.ErrInvalid)
	require.Equal(t, []string{"emails[0].address", "full_name"}, fieldNames(wrapped))

	err = &leads.NotFoundError{Kind: "lead", ID: "x"}
	require.EqualError(t, err, "leads: lead x not found")
	require.ErrorIs(t, err, leads.ErrNotFound)
	require.NotErrorIs(t, err, leads.ErrConflict)

	err = &leads.ConflictError{Kind: "lead", ID: "x", Reason: "already exists"}
	require.EqualError(t, err, "leads: lead x: already exists")
	require.ErrorIs(t, err, leads.ErrConflict)
	require.NotErrorIs(t, err, leads.ErrInvalid)
}

func TestLeadHelpers(t *testing.T) {
	l := validLead()
	c := l.Clone()
	require.Equal(t, l, c)
	c.Emails[0].Address = "x"
	c.Phones[0].Number = "x"
	c.WebPages[0] = "x"
	c.Addresses[0].City = "x"
	c.Comments[0].Text = "x"
	c.Custom["Budget"] = "x"
	c.Photo.Data[0] = 'x'
	c.Photo.ContentType = "x"
	for id := range c.Checks {
		c.Checks[id] = false
	}
	require.Equal(t, validLead(), l, "a clone shares nothing")
	require.Nil(t, (*leads.Lead)(nil).Clone())
	require.Nil(t, (*leads.Account)(nil).Clone())
	a := &leads.Account{ID: uuid.New(), Name: "AE", Phones: []leads.Phone{{Number: "1"}}, WebPages: []string{"w"}, Addresses: []leads.Address{{City: "c"}}}
	ac := a.Clone()
	ac.Phones[0].Number, ac.WebPages[0], ac.Addresses[0].City = "2", "v", "d"
	require.Equal(t, "1", a.Phones[0].Number)
	require.Equal(t, "w", a.WebPages[0])
	require.Equal(t, "c", a.Addresses[0].City)

	require.Equal(t, "ada@example.com", l.PrimaryEmail())
	require.Empty(t, (&leads.Lead{}).PrimaryEmail())

	m, ok := l.MailingAddress()
	require.True(t, ok)
	require.Equal(t, "London", m.City)
	l.Addresses[0].Mailing = false
	l.Addresses[1].Mailing = true
	m, _ = l.MailingAddress()
	require.Equal(t, "Marylebone", m.City)
	l.Addresses[1].Mailing = false
	m, ok = l.MailingAddress()
	require.True(t, ok)
	require.Equal(t, "London", m.City, "without a flag, the first address")
	_, ok = (&leads.Lead{}).MailingAddress()
	require.False(t, ok)
}

func TestLeadJSON(t *testing.T) {
	l := validLead()
	b, err := json.Marshal(l)
	require.NoError(t, err)
	var back leads.Lead
	require.NoError(t, json.Unmarshal(b, &back))
	require.True(t, l.Score.Value.Equal(back.Score.Value))
	back.Score.Value = l.Score.Value
	require.Equal(t, l, &back)
	var m map[string]any
	require.NoError(t, json.Unmarshal(b, &m))
	for _, k := range []string{"id", "type", "full_name", "title", "first_name", "middle_name", "last_name", "suffix",
		"job_title", "file_as", "company", "account_id", "assigned_to", "emails", "phones", "web_pages", "addresses",
		"source", "initiated_by", "status", "score", "checks", "comments", "custom", "created_at", "updated_at", "version"} {
		require.Contains(t, m, k)
	}
	require.Equal(t, "lead", m["type"])
}

func TestLeadJSONEmptyLists(t *testing.T) {
	b, err := json.Marshal(&leads.Lead{FullName: "Ada"})
	require.NoError(t, err)
	for _, f := range []string{`"emails":[]`, `"phones":[]`, `"web_pages":[]`, `"addresses":[]`,
		`"comments":[]`, `"checks":{}`, `"custom":{}`} {
		require.Contains(t, string(b), f)
	}
	var back leads.Lead
	require.NoError(t, json.Unmarshal(b, &back))
	require.Equal(t, "Ada", back.FullName)
}
