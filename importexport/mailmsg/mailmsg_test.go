package mailmsg_test

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/leadkit/leads"
	"github.com/leadkit/leads/importexport/mailmsg"
	"github.com/stretchr/testify/require"
)

func read(t *testing.T, name string) (*leads.Lead, *mailmsg.Message, error) {
	f, err := os.Open(filepath.Join("testdata", name))
	require.NoError(t, err)
	defer f.Close()
	return mailmsg.Read(f, mailmsg.Options{})
}

func TestMultipartWindows1252(t *testing.T) {
	l, m, err := read(t, "multipart-windows1252.eml")
	require.NoError(t, err)
	require.Equal(t, "François Dûpont", l.FullName)
	require.Equal(t, []leads.Email{{Address: "fd@societe-cafe.example"}}, l.Emails)
	require.NoError(t, l.Validate())
	require.Equal(t, "Demande de devis – café pour 200 bureaux", m.Subject)
	require.Equal(t, "20260310091355.4711@societe-cafe.example", m.MessageID)
	require.True(t, m.Date.Equal(time.Date(2026, 3, 10, 8, 13, 55, 0, time.UTC)))
	require.False(t, m.FromHTML)
	require.Contains(t, m.Text, "fournisseur de café pour nos 200 bureaux")
	require.NotContains(t, m.Text, "JVBER", "attachments are not body text")
	require.Equal(t, []string{"sales@leadkit.example"}, m.To)
}

func TestHTMLOnly(t *testing.T) {
	l, m, err := read(t, "html-only.eml")
	require.NoError(t, err)
	require.Equal(t, "Zoë Ångström", l.FullName)
	require.Equal(t, "Demo request ✓", m.Subject)
	require.True(t, m.FromHTML)
	require.Equal(t, "Hello team,\n\nWe’d like a demo of <LeadKit> next week.\nThanks!\n\n— Zoë", m.Text)
}

func TestAnyCharsetAndBareAddress(t *testing.T) {
	l, _, err := read(t, "koi8r.eml")
	require.NoError(t, err)
	require.Equal(t, "Дмитрий Иванов", l.FullName)
	l, m, err := read(t, "bare-address.eml")
	require.NoError(t, err)
	require.Equal(t, "Ada Lovelace", l.FullName, "a name guessed from the address")
	require.Equal(t, "body", m.Text)
}

func TestNoSender(t *testing.T) {
	_, _, err := read(t, "no-sender.eml")
	require.ErrorIs(t, err, mailmsg.ErrNoSender)
	for _, from := range []string{"From: undisclosed-recipients:;", "From: Just A Name", "From: <>"} {
		_, _, err := mailmsg.Read(strings.NewReader(from+"\r\nSubject: x\r\n\r\nbody"), mailmsg.Options{})
		require.ErrorIs(t, err, mailmsg.ErrNoSender, from)
	}
}

// nested builds a message whose multipart parts nest depth deep.
func nested(depth int) string {
	var b strings.Builder
	b.WriteString("From: a@b.example\r\nMIME-Version: 1.0\r\n")
	for i := range depth {
		fmt.Fprintf(&b, "Content-Type: multipart/mixed; boundary=\"b%d\"\r\n\r\n--b%d\r\n", i, i)
	}
	b.WriteString("Content-Type: text/plain\r\n\r\ndeep\r\n")
	for i := depth - 1; i >= 0; i-- {
		fmt.Fprintf(&b, "--b%d--\r\n", i)
	}
	return b.String()
}

func TestLimits(t *testing.T) {
	_, m, err := mailmsg.Read(strings.NewReader(nested(3)), mailmsg.Options{})
	require.NoError(t, err)
	require.Equal(t, "deep", m.Text)
	_, _, err = mailmsg.Read(strings.NewReader(nested(1000)), mailmsg.Options{})
	require.ErrorIs(t, err, mailmsg.ErrTooDeep)
	_, _, err = mailmsg.Read(strings.NewReader(nested(3)+strings.Repeat("x", 5000)), mailmsg.Options{MaxBytes: 1000})
	require.ErrorIs(t, err, mailmsg.ErrTooLarge)
}
