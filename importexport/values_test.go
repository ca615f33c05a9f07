package importexport

import (
	"net/mail"
	"strings"
	"testing"

	"github.com/leadkit/leads"
	"github.com/stretchr/testify/require"
)

func TestParseEmailField(t *testing.T) {
	for _, tt := range []struct {
		in   string
		want []parsedAddress
	}{
		{"a@x.com, b@x.com", []parsedAddress{{"", "a@x.com"}, {"", "b@x.com"}}},
		{"a@x.com; b@x.com", []parsedAddress{{"", "a@x.com"}, {"", "b@x.com"}}},
		{"a@x.com;b@x.com;", []parsedAddress{{"", "a@x.com"}, {"", "b@x.com"}}},
		{"Name <a@x.com>", []parsedAddress{{"Name", "a@x.com"}}},
		{`"Wurst, Hans" <a@x.com>`, []parsedAddress{{"Wurst, Hans", "a@x.com"}}},
		{`"Wurst; Hans" <a@x.com>; b@x.com`, []parsedAddress{{"Wurst; Hans", "a@x.com"}, {"", "b@x.com"}}},
		{"Hans Wurst (foo@example.com)", []parsedAddress{{"Hans Wurst", "foo@example.com"}}},
		{"foo@example.com (Hans Wurst)", []parsedAddress{{"Hans Wurst", "foo@example.com"}}},
		{"Wurst, Hans <a@x.com>", []parsedAddress{{"Wurst, Hans", "a@x.com"}}},
		{"a@x.com b@x.com", []parsedAddress{{"", "a@x.com"}, {"", "b@x.com"}}},
		{"mailto:a@x.com", []parsedAddress{{"", "a@x.com"}}},
		{"<a@x.com>", []parsedAddress{{"", "a@x.com"}}},
		{"a@x.com, A@X.COM", []parsedAddress{{"", "a@x.com"}}},
		{"=?utf-8?q?J=C3=BCrgen?= <j@x.de>", []parsedAddress{{"Jürgen", "j@x.de"}}},
		{"Иван Петров <ivan@пример.рф>", []parsedAddress{{"Иван Петров", "ivan@пример.рф"}}},
		{"write to a@x.com.", []parsedAddress{{"write to", "a@x.com"}}},
		{"n/a", nil},
		{"Hans Wurst", nil},
		{"(none)", nil},
	} {
		require.Equal(t, tt.want, parseEmailField(tt.in), tt.in)
	}
}

func TestBareEmailValue(t *testing.T) {
	for in, want := range map[string]bool{
		"a@x.com": true, "josé@exämple.de": true, "not-an-address": true,
		"a@x.com, b@x.com": false, "Name <a@x.com>": false, "a@x.com;b@x.com": false, "MailTo:a@x.com": false,
	} {
		require.Equal(t, want, bareEmailValue(in), in)
	}
}

func TestPhoneHasDigits(t *testing.T) {
	for in, want := range map[string]bool{
		"pager": false, "Tel Iphone": false, "": false, "—": false,
		"+49 30 1234567 Durchwahl 12": true, "０３－１２３４": true, "x1": true, "1-800-FLOWERS": true,
	} {
		require.Equal(t, want, leads.PhoneHasDigits(in), in)
	}
}

func TestSplitWebPages(t *testing.T) {
	for _, tt := range []struct {
		in   string
		want []string
	}{
		{"www.example.com", nil},
		{"www.a.example www.b.example", []string{"www.a.example", "www.b.example"}},
		{"a.example; https://b.example/x", []string{"a.example", "https://b.example/x"}},
		{"https://x.example/a b", nil}, // a space inside a URL: kept whole
		{"https://x.example/?q=1,2", nil},
		{"www.a.example ::: www.b.example", []string{"www.a.example", "www.b.example"}}, // Google's separator
	} {
		require.Equal(t, tt.want, splitWebPages(tt.in), tt.in)
	}
}

// TestTableRowValues reads rows through the table mapping and checks the
// values kept and the warnings given, rule by rule.
func TestTableRowValues(t *testing.T) {
	header := []string{"Name", "Company", "E-mail", "Phone", "Web Page", "Type"}
	type want struct {
		name     string
		emails   []string
		phones   []string
		web      []string
		warnings []string // Column + ": " + Reason
	}
	for _, tt := range []struct {
		what string
		row  []string
		want want
	}{
		{"plain", []string{"Ada", "", "ada@x.example", "+44 1", "x.example", ""},
			want{"Ada", []string{"ada@x.example"}, []string{"+44 1"}, []string{"x.example"}, nil}},
		{"two addresses, comma", []string{"Ada", "", "a@x.com, b@x.com", "", "", ""},
			want{"Ada", []string{"a@x.com", "b@x.com"}, nil, nil, []string{"E-mail: 2 e-mail addresses in one field: kept as 2 e-mails"}}},
		{"two addresses, semicolon", []string{"Ada", "", "a@x.com; b@x.com", "", "", ""},
			want{"Ada", []string{"a@x.com", "b@x.com"}, nil, nil, []string{"E-mail: 2 e-mail addresses in one field: kept as 2 e-mails"}}},
		{"name and address, row named", []string{"Ada", "", "Ada L. <a@x.com>", "", "", ""},
			want{"Ada", []string{"a@x.com"}, nil, nil, []string{`E-mail: kept the address "a@x.com" only`}}},
		{"name and address, row unnamed", []string{"", "", `"Wurst, Hans" <a@x.com>`, "", "", ""},
			want{"Wurst, Hans", []string{"a@x.com"}, nil, nil, []string{`E-mail: kept the address "a@x.com" only`,
				": no name: the full name is the one written with the e-mail address"}}},
		{"address in parentheses", []string{"", "", "Hans Wurst (foo@example.com)", "", "", ""},
			want{"Hans Wurst", []string{"foo@example.com"}, nil, nil, []string{`E-mail: kept the address "foo@example.com" only`,
				": no name: the full name is the one written with the e-mail address"}}},
		{"company wins over the display name", []string{"", "Acme", "Hans Wurst <h@acme.example>", "", "", ""},
			want{"Acme", []string{"h@acme.example"}, nil, nil, []string{`E-mail: kept the address "h@acme.example" only`}}},
		{"no address in the field", []string{"Ada", "", "n/a (none)", "", "", ""},
			want{"Ada", nil, nil, nil, []string{"E-mail: no e-mail address in the value: left out"}}},
		{"a phone that is a word", []string{"Ada", "", "", "pager", "", ""},
			want{"Ada", nil, nil, nil, []string{"Phone: no digits: not a phone number, left out"}}},
		{"a phone with an extension, as written", []string{"Ada", "", "", "+7 495 123-45-67 доб. 123", "", ""},
			want{"Ada", nil, []string{"+7 495 123-45-67 доб. 123"}, nil, nil}},
		{"two phones, as Google writes them", []string{"Ada", "", "", "+1 555 0100 ::: +1 555 0199", "", ""},
			want{"Ada", nil, []string{"+1 555 0100", "+1 555 0199"}, nil, []string{"Phone: 2 phone numbers in one field: kept as 2 phones"}}},
		{"two addresses, as Google writes them", []string{"Ada", "", "a@x.com ::: b@x.com", "", "", ""},
			want{"Ada", []string{"a@x.com", "b@x.com"}, nil, nil, []string{"E-mail: 2 e-mail addresses in one field: kept as 2 e-mails"}}},
		{"two web pages", []string{"Ada", "", "", "", "www.a.example www.b.example", ""},
			want{"Ada", nil, nil, []string{"www.a.example", "www.b.example"}, []string{"Web Page: 2 web addresses in one field: kept as 2 web pages"}}},
		{"an unknown record type", []string{"Ada", "", "", "", "", "Customer"},
			want{"Ada", nil, nil, nil, []string{"Type: not a record type (lead or contact): left out, the record is a lead"}}},
	} {
		t.Run(tt.what, func(t *testing.T) {
			src, err := NewTableSource(&records{rows: [][]string{header, tt.row}}, TableOptions{Map: map[string]Target{"Type": {Field: "type"}}})
			require.NoError(t, err)
			row, err := src.Next()
			require.NoError(t, err)
			require.NoError(t, row.Err)
			l := row.Lead
			require.Equal(t, tt.want.name, l.FullName)
			var emails, phones []string
			for _, e := range l.Emails {
				emails = append(emails, e.Address)
			}
			for _, p := range l.Phones {
				phones = append(phones, p.Number)
			}
			require.Equal(t, tt.want.emails, emails)
			require.Equal(t, tt.want.phones, phones)
			require.Equal(t, tt.want.web, l.WebPages)
			var ws []string
			for _, w := range row.Warnings {
				ws = append(ws, w.Column+": "+w.Reason)
			}
			require.Equal(t, tt.want.warnings, ws)
			for i := range l.Emails {
				require.Equal(t, "E-mail", row.Locate("emails["+string(rune('0'+i))+"].address"), "every address names its column")
			}
		})
	}
}

func TestCompleteFullName(t *testing.T) {
	for _, tt := range []struct {
		what string
		lead leads.Lead
		name string
		ok   bool
	}{
		{"name parts", leads.Lead{FirstName: "Ada", LastName: "Lovelace"}, "Ada Lovelace", true},
		{"company", leads.Lead{Company: "Acme"}, "Acme", true},
		{"e-mail address", leads.Lead{Emails: []leads.Email{{Address: "nope"}, {Address: "hans.wurst@x.example"}}}, "Hans Wurst", true},
		{"phone", leads.Lead{Phones: []leads.Phone{{Number: "pager"}, {Number: "+49 30 1"}}}, "+49 30 1", true},
		{"nothing to name the person", leads.Lead{JobTitle: "CEO", Emails: []leads.Email{{Address: "n/a"}}}, "", false},
	} {
		l := tt.lead
		w, ok := completeFullName(&l)
		require.Equal(t, tt.ok, ok, tt.what)
		require.Equal(t, tt.name, l.FullName, tt.what)
		if ok {
			require.NotEmpty(t, w.Reason, tt.what)
		}
	}
}

func TestLeaveOutInvalid(t *testing.T) {
	base := func() *leads.Lead {
		return &leads.Lead{FullName: "Ada", Status: "hot", Company: "x\x00y",
			Emails:    []leads.Email{{Address: "ok@x.example"}, {Address: "bad"}, {Address: "also bad"}},
			Phones:    []leads.Phone{{Label: "Pager", Number: "+1 2"}},
			WebPages:  []string{"a\x01b"},
			Addresses: []leads.Address{{Label: leads.AddressHome, City: "x\x00", Mailing: true}, {Label: leads.AddressOther, Mailing: true}},
			Comments:  []leads.Comment{{Text: "   "}},
			Custom:    map[string]string{"Employees": "many\x00", "Region": "North"}}
	}
	l := base()
	err := l.Validate()
	require.Error(t, err)
	ws, ok := leaveOutInvalid(l, err, 7, func(f string) string {
		if strings.HasPrefix(f, "emails[") {
			return "E-mail"
		}
		return ""
	})
	require.True(t, ok)
	require.NoError(t, l.Validate(), "every refused value left out")
	require.Equal(t, []leads.Email{{Address: "ok@x.example"}}, l.Emails)
	require.Equal(t, leads.PhoneOther, l.Phones[0].Label, "a label becomes Other")
	require.Equal(t, "+1 2", l.Phones[0].Number)
	require.Empty(t, l.WebPages)
	require.Empty(t, l.Comments)
	require.Empty(t, l.Company)
	require.Empty(t, l.Addresses[0].City)
	require.True(t, l.Addresses[0].Mailing)
	require.False(t, l.Addresses[1].Mailing)
	require.Empty(t, l.Status)
	for _, w := range ws {
		require.Equal(t, 7, w.Row)
		require.NotEmpty(t, w.Column)
		require.NotEmpty(t, w.Reason)
	}
	byColumn := map[string][]string{}
	for _, w := range ws {
		byColumn[w.Column] = append(byColumn[w.Column], w.Value)
	}
	require.Equal(t, []string{"bad", "also bad"}, byColumn["E-mail"], "the column named through locate")
	require.Equal(t, []string{"many\x00"}, byColumn["custom.Employees"], "else the field")
	require.Equal(t, map[string]string{"Region": "North"}, l.Custom)
	require.Equal(t, []string{"Pager"}, byColumn["phones[0].label"])

	// A full name that cannot be stored: nothing left out, the row is
	// rejected as it is.
	l = &leads.Lead{FullName: "x\x00", Emails: []leads.Email{{Address: "bad"}}}
	err = l.Validate()
	_, ok = leaveOutInvalid(l, err, 1, nil)
	require.False(t, ok)
	require.Len(t, l.Emails, 1, "l is left as it was")
}

func FuzzParseEmailField(f *testing.F) {
	for _, s := range []string{"a@x.com, b@x.com", `"Wurst, Hans" <a@x.com>`, "Hans Wurst (foo@example.com)", "mailto:a@x.com;", "<>", "@", "\"", "(a@b"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		for _, a := range parseEmailField(s) {
			p, err := mail.ParseAddress(a.address)
			if err != nil || p.Address != a.address {
				t.Fatalf("%q gave %q, not a bare address", s, a.address)
			}
		}
	})
}
