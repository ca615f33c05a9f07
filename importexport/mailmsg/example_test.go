package mailmsg_test

import (
	"fmt"
	"log"
	"strings"

	"github.com/leadkit/leads/importexport/mailmsg"
)

// A lead from an e-mail message: the sender's name and address, and the
// message as a history item to save with it (Book.Create with leads.WithHistory).
func ExampleRead() {
	const msg = "From: =?ISO-8859-1?Q?Fran=E7ois_Dupont?= <fd@cafe.example>\r\n" +
		"To: sales@example.com\r\n" +
		"Subject: Devis pour 40 machines\r\n" +
		"Date: Tue, 10 Mar 2026 09:13:55 +0100\r\n" +
		"\r\n" +
		"Bonjour, pourriez-vous nous envoyer un devis ?\r\n"
	l, m, err := mailmsg.Read(strings.NewReader(msg), mailmsg.Options{})
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(l.FullName, l.Emails[0].Address)
	fmt.Println(m.Subject, m.Date.UTC().Format("2006-01-02 15:04"))
	h := m.HistoryItem()
	fmt.Println(h.Kind, h.Subject)
	// Output:
	// François Dupont fd@cafe.example
	// Devis pour 40 machines 2026-03-10 08:13
	// email Devis pour 40 machines
}
