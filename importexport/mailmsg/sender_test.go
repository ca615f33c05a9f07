package mailmsg_test

import (
	"strings"
	"testing"

	"github.com/leadkit/leads/importexport/mailmsg"
	"github.com/stretchr/testify/require"
)

// TestHardSenders: the headers real mail carries, each giving a lead with
// the address kept and a readable name; adjustments are warned.
func TestHardSenders(t *testing.T) {
	for _, tc := range []struct {
		name, header string
		wantName     string
		wantAddr     string
		warn         string // a substring of a warning; "" for none
	}{
		{"quoted comma", `From: "Wurst, Hans" <h@x.de>`, "Wurst, Hans", "h@x.de", ""},
		{"unquoted comma", `From: Wurst, Hans <h@x.de>`, "Wurst, Hans", "h@x.de", "not a valid address list"},
		{"name in parentheses", `From: h@x.de (Hans Wurst)`, "Hans Wurst", "h@x.de", ""},
		{"address in parentheses", `From: Hans Wurst (h@x.de)`, "Hans Wurst", "h@x.de", "not a valid address list"},
		{"encoded word inside quotes", `From: "=?utf-8?Q?J=C3=BCrgen_M=C3=BCller?=" <jm@x.de>`, "Jürgen Müller", "jm@x.de", "encoded words"},
		{"encoded word with spaces", `From: =?utf-8?Q?J=C3=BCrgen M=C3=BCller?= <jm@x.de>`, "Jürgen Müller", "jm@x.de", ""},
		{"encoded word glued to text", `From: Dr.=?iso-8859-1?Q?_J=FCrgen?= <jm@x.de>`, "Dr. Jürgen", "jm@x.de", ""},
		{"unknown charset", `From: =?x-unknown?Q?Ren=C3=A9?= <r@x.fr>`, "René", "r@x.fr", ""},
		{"bad charset, 8-bit bytes", "From: =?bogus?Q?Fran=E7ois?= <f@x.fr>", "François", "f@x.fr", ""},
		{"raw windows-1252", "From: Fran\xe7ois D\xfbpont <fd@x.fr>", "François Dûpont", "fd@x.fr", "windows-1252"},
		{"raw UTF-8", "From: Zoë Ångström <z@x.se>", "Zoë Ångström", "z@x.se", ""},
		{"address as display name", `From: alice@example.com <bob@example.com>`, "alice@example.com", "bob@example.com", "bob@example.com was read"},
		{"no display name", `From: <ada.lovelace@x.example>`, "Ada Lovelace", "ada.lovelace@x.example", ""},
		{"sender when From is empty", "From: Marketing Team\r\nSender: Ada <ada@x.example>", "Ada", "ada@x.example", "taken from Sender"},
		{"reply-to when From is missing", `Reply-To: "Ada L." <ada@x.example>`, "Ada L.", "ada@x.example", "taken from Reply-To"},
		{"two addresses, the first wins", `From: a@x.example, b@y.example`, "A", "a@x.example", ""},
		{"address with trailing junk", `From: Hans <h@x.de> [via list]`, "Hans", "h@x.de", ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			l, m, err := mailmsg.Read(strings.NewReader(tc.header+"\r\nSubject: hi\r\n\r\nbody\r\n"), mailmsg.Options{})
			require.NoError(t, err)
			require.Equal(t, tc.wantName, l.FullName)
			require.Equal(t, tc.wantAddr, l.Emails[0].Address)
			require.Equal(t, tc.wantAddr, m.From.Address)
			require.NoError(t, l.Validate())
			if tc.warn == "" {
				return
			}
			require.Contains(t, strings.Join(m.Warnings, "\n"), tc.warn)
		})
	}
}

// TestBrokenBody: a message whose body ends early keeps its sender.
func TestBrokenBody(t *testing.T) {
	in := "From: Ada <ada@x.example>\r\nContent-Type: multipart/mixed; boundary=b\r\n\r\n--b\r\nContent-Type: text/plain\r\n\r\nhello\r\n"
	l, m, err := mailmsg.Read(strings.NewReader(in), mailmsg.Options{})
	require.NoError(t, err)
	require.Equal(t, "ada@x.example", l.Emails[0].Address)
	require.Contains(t, m.Text, "hello")
	require.Contains(t, strings.Join(m.Warnings, "\n"), "body")
}

// TestBrokenHeader: header lines the MIME reader refuses are read one by
// one, and an mbox "From " line is skipped.
func TestBrokenHeader(t *testing.T) {
	in := "From ada@x.example  Wed Aug  3 17:55:19 2011\r\nFrom: Ada <ada@x.example>\r\nthis line has no colon\r\nSubject: hi\r\n\r\nbody\r\n"
	l, m, err := mailmsg.Read(strings.NewReader(in), mailmsg.Options{})
	require.NoError(t, err)
	require.Equal(t, "Ada", l.FullName)
	require.Equal(t, "hi", m.Subject)
	require.Equal(t, "body", m.Text)
}
