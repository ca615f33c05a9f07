package vcardfile_test

import (
	"fmt"
	"log"
	"strings"

	"github.com/leadkit/leads/importexport/vcardfile"
)

// A card from an old phone: version 2.1, quoted-printable, a folded line
// without its leading space. The card is read, and each repair is a
// warning on its row.
func ExampleNewSource() {
	const card = "BEGIN:VCARD\r\n" +
		"VERSION:2.1\r\n" +
		"N;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:M=C3=BCller;J=C3=BCrgen\r\n" +
		"TEL;CELL:+49 151 1234567\r\n" +
		"NOTE:Met at the fair,\r\n" +
		"booth 12\r\n" +
		"END:VCARD\r\n"
	src := vcardfile.NewSource(strings.NewReader(card))
	row, err := src.Next()
	if err != nil {
		log.Fatal(err)
	}
	l := row.Lead
	fmt.Println(l.FullName, l.Phones[0].Label, l.Phones[0].Number)
	for _, w := range row.Warnings {
		fmt.Println("warning:", w.Column, "-", w.Reason)
	}
	// Output:
	// Jürgen Müller Mobile +49 151 1234567
	// warning: NOTE - line 5: 1 following line(s) without a property name were read as its continuation
}
