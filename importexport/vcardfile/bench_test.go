package vcardfile_test

import (
	"bytes"
	"encoding/base64"
	"fmt"
	"io"
	"strings"
	"testing"

	"github.com/leadkit/leads/importexport/vcardfile"
)

// BenchmarkRead reads 1,000 cards of the kind phones export (2.1, QP,
// CHARSET, several phones and addresses).
func BenchmarkRead(b *testing.B) {
	var buf bytes.Buffer
	for i := range 1000 {
		fmt.Fprintf(&buf, "BEGIN:VCARD\r\nVERSION:2.1\r\nN;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:M=C3=BCller;J=C3=BCrgen %d;;;\r\n"+
			"FN:J\xc3\xbcrgen M\xc3\xbcller %d\r\nORG:B\xc3\xa4ckerei Gro\xc3\x9f GmbH\r\nTEL;WORK;VOICE:+49 30 1234567\r\nTEL;CELL:+49 170 %07d\r\n"+
			"EMAIL;INTERNET:j%d@baeckerei.example\r\nADR;WORK:;;Hauptstra\xc3\x9fe 5;K\xc3\xb6ln;NRW;50667;Deutschland\r\n"+
			"NOTE;ENCODING=QUOTED-PRINTABLE:Erster Kontakt auf der Messe, sehr interessiert an einem Angebot=\r\n f=C3=BCr 2027.\r\nEND:VCARD\r\n", i, i, i, i)
	}
	data := buf.Bytes()
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	for b.Loop() {
		readCards(b, data, 1000)
	}
}

// BenchmarkReadPhoto reads one card with a 4 MB photo folded at 76
// columns: unfolding must stay linear in the size of the property.
func BenchmarkReadPhoto(b *testing.B) {
	png := append([]byte("\x89PNG\r\n\x1a\n"), bytes.Repeat([]byte{0}, 3<<20)...)
	enc := base64.StdEncoding.EncodeToString(png)
	var sb strings.Builder
	sb.WriteString("BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Ada\r\nPHOTO;ENCODING=b;TYPE=PNG:")
	for i := 0; i < len(enc); i += 75 {
		sb.WriteString(enc[i:min(i+75, len(enc))])
		sb.WriteString("\r\n ")
	}
	sb.WriteString("\r\nEND:VCARD\r\n")
	data := []byte(sb.String())
	b.SetBytes(int64(len(data)))
	for b.Loop() {
		readCards(b, data, 1)
	}
}

func readCards(b *testing.B, data []byte, want int) {
	src := vcardfile.NewSource(bytes.NewReader(data))
	n := 0
	for {
		row, err := src.Next()
		if err == io.EOF {
			break
		}
		if err != nil || row.Err != nil {
			b.Fatal(err, row.Err)
		}
		n++
	}
	if n != want {
		b.Fatalf("%d cards, want %d", n, want)
	}
}
