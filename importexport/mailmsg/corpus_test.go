package mailmsg_test

import (
	"path/filepath"
	"strings"
	"testing"

	"github.com/leadkit/leads/importexport/mailmsg"
	"github.com/stretchr/testify/require"
)

// mailCorpus lists the real messages of testdata/corpus (see its
// README.md) with the sender a reader must find, written from reading each
// file. An empty address means that the message has no sender at all.
var mailCorpus = []struct {
	file, name, address string
	warn                string // a substring of a warning, when the message needs repairs
}{
	{"mail-error_emails_content_transfer_encoding_with_8bits.eml", "Announcements", "announcements@provantage.com", ""},
	{"mail-error_emails_header_fields_with_empty_values.eml", "Jørn Støylen", "jorn@prikkprikkprikk.no", ""},
	{"mail-error_emails_invalid_subject_characters.eml", "Formação Frenetikpolis", "info@formacaofrenetik.info", "encoded words in the display name"},
	{"mail-error_emails_must_supply_encoding.eml", "Biz Phone Systems from EclipseMediaOnline\uFFFD\uFFFD", "info@here2there-travelers-msgs.net", "body"},
	{"mail-plain_emails_mix_caps_content_type.eml", "Big Bug", "bb@bug.com", "the address bb@bug.com was read"},
	{"mail-plain_emails_raw_email_bad_time.eml", "Атиковa", "yusuf75thu@auracom.net", "encoded words in the display name"},
	{"mail-plain_emails_raw_email_incorrect_header.eml", "xxx xxx", "xxx@xxx.xxx", "read one by one"},
	{"mail-plain_emails_raw_email_multiple_from.eml", "concierge@powerupdev.com", "tim@powerupdev.com", "the address tim@powerupdev.com was read"},
	{"mail-rfc2822_example10.eml", "Pete", "pete@silly.test", "the address pete@silly.test was read"},
	{"mail-rfc2822_example13.eml", "John Doe", "jdoe@machine.example", "the address jdoe@machine.example was read"},
	{"mail-rfc6532_utf8_headers.eml", "Jöhn Doe", "jdöe@mächine.example", ""},
	{"mailparser-node-decoderended.eml", "wwuaof", "booewq@uuui.com", ""},
	{"mailparser-node-delivery-status.eml", "MAILER DAEMON", "MAILER-DAEMON@amazonses.com", ""},
	{"mailparser-node-mixed.eml", "", "", ""},
	{"mailparser-node-nodemailer.eml", "Andris Kreata", "andris@kreata.ee", ""},
	{"mailparser-node-simple.eml", "Andris", "andris@kreata.ee", ""},
	{"mailparser-node-spam.eml", "Matilda Klein", "noreply@guide-des-vins-de-bourgogne.fr", ""},
	{"mailparser-py-mail_malformed_2.eml", "Postmaster", "postmaster@netpar.com.br", ""},
	{"mailparser-py-mail_malformed_3.eml", "El Punto de los Frutos & Verdes", "smgsiso@yahoo.com.mx", "body"},
	{"mailparser-py-mail_test_1.eml", "служба ФНС Даниил Суворов", "suvorov.s@nalg.ru", "body"},
	{"mailparser-py-mail_test_12.eml", "张先生", "baoguan@hotmail.com", ""},
	{"mailparser-py-mail_test_17.eml", "Notificaccion Clientes", "notificaccion-clientes@bbva.mx", "body"},
	{"mailparser-py-mail_test_18.eml", "LastßlName, FirstName", "comma.name@example.com", ""},
	{"mailparser-py-mail_test_19.eml", "alice@example.com", "bob@example.com", "the address bob@example.com was read"},
	{"mailparser-py-mail_test_3.eml", "Ava Oneil", "Oneil.844@randtelekom.com.tr", ""},
}

func TestMailCorpus(t *testing.T) {
	files, err := filepath.Glob(filepath.Join("testdata", "corpus", "*.eml"))
	require.NoError(t, err)
	require.Len(t, files, len(mailCorpus), "every corpus file has its expectations")
	for _, tc := range mailCorpus {
		t.Run(tc.file, func(t *testing.T) {
			l, m, err := read(t, filepath.Join("corpus", tc.file))
			if tc.address == "" {
				require.ErrorIs(t, err, mailmsg.ErrNoSender)
				return
			}
			require.NoError(t, err)
			require.Equal(t, tc.name, l.FullName)
			require.Len(t, l.Emails, 1)
			require.Equal(t, tc.address, l.Emails[0].Address)
			require.Equal(t, tc.address, m.From.Address)
			require.NoError(t, l.Validate())
			if tc.warn != "" {
				require.Contains(t, strings.Join(m.Warnings, "\n"), tc.warn)
			} else {
				require.Empty(t, m.Warnings)
			}
		})
	}
}
