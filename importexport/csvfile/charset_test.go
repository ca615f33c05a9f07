package csvfile_test

import (
	"bytes"
	"context"
	"strings"
	"testing"

	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/encoding/japanese"
	"golang.org/x/text/encoding/unicode"

	"github.com/leadkit/leads"
	"github.com/leadkit/leads/importexport"
	"github.com/leadkit/leads/importexport/csvfile"
	"github.com/leadkit/leads/storage/memory"
)

// TestEncodings writes one small file in each encoding that programs use
// without declaring it, and checks that the reader finds the names, and
// says what it guessed.
func TestEncodings(t *testing.T) {
	tests := []struct {
		name    string
		enc     encoding.Encoding
		text    string
		first   string // the first lead's full name
		warning string // in the file warning; "" for none
	}{
		{"windows-1252 German", charmap.Windows1252,
			"First Name;Last Name;Company\r\nJürgen;Müßig;Bäckerei Groß GmbH\r\nFrançois;Dûpont;Café Crème\r\n",
			"Jürgen Müßig", "windows-1252"},
		{"windows-1250 Polish", charmap.Windows1250,
			"Imię;Nazwisko;Firma;Adres służbowy - miejscowość\r\nŁukasz;Żółkiewski;Spółka Łódź;Wrocław\r\nZofia;Wiśniewska;Gęś i Syn;Kraków\r\n",
			"Łukasz Żółkiewski", "windows-1250"},
		{"ISO-8859-2 Polish", charmap.ISO8859_2,
			"Imię,Nazwisko,Firma\nMałgorzata,Kowalska,Jabłońscy i Wspólnicy\nŚwiętosław,Jaśkiewicz,Przedsiębiorstwo Ąę\n",
			"Małgorzata Kowalska", "ISO-8859-2"},
		{"windows-1251 Russian", charmap.Windows1251,
			"Имя;Фамилия;Организация;Адрес эл. почты\r\nИван;Петров;ООО Ромашка;ivan@romashka.example\r\nмария;сидорова;завод имени кирова;maria@zavod.example\r\n",
			"Иван Петров", "windows-1251"},
		{"KOI8-R Russian", charmap.KOI8R,
			"Имя,Фамилия,Организация,Адрес эл. почты\nИван,Петров,ООО Ромашка,ivan@romashka.example\nмария,сидорова,завод имени кирова,maria@zavod.example\n",
			"Иван Петров", "KOI8-R"},
		{"Shift_JIS Japanese", japanese.ShiftJIS,
			"姓,名,会社名,電子メール アドレス\r\n山田,太郎,株式会社サンプル,taro@sample.example\r\nさとう,はなこ,ひまわり商事,hanako@himawari.example\r\n",
			"太郎 山田", "Shift_JIS"},
		{"UTF-16LE without BOM", unicode.UTF16(unicode.LittleEndian, unicode.IgnoreBOM),
			"Имя,Фамилия,E-mail Address\r\nИван,Петров,ivan@romashka.example\r\n", "Иван Петров", "UTF-16LE"},
		{"UTF-16BE without BOM", unicode.UTF16(unicode.BigEndian, unicode.IgnoreBOM),
			"First Name\tLast Name\tE-mail Address\r\nAda\tLovelace\tada@engines.example\r\n", "Ada Lovelace", "UTF-16BE"},
		{"UTF-8", nil, "Имя,Фамилия\nИван,Петров\n", "Иван Петров", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			data := []byte(tt.text)
			if tt.enc != nil {
				var err error
				if data, err = tt.enc.NewEncoder().Bytes(data); err != nil {
					t.Fatal(err)
				}
			}
			src, err := csvfile.NewSource(bytes.NewReader(data), csvfile.Options{})
			if err != nil {
				t.Fatal(err)
			}
			book := leads.New(memory.New())
			rep, err := (&importexport.Importer{Book: book}).Import(context.Background(), src)
			if err != nil {
				t.Fatal(err)
			}
			if len(rep.Rejected) != 0 || len(rep.Created) == 0 {
				t.Fatalf("created %d, rejected %v", len(rep.Created), rep.Rejected)
			}
			if got := rep.Created[0].Name; got != tt.first {
				t.Errorf("first lead %q, want %q", got, tt.first)
			}
			var ws []string
			for _, w := range src.FileWarnings() {
				if !strings.Contains(w.Reason, "another language") {
					ws = append(ws, w.Reason)
				}
			}
			switch {
			case tt.warning == "" && len(ws) != 0:
				t.Errorf("warnings %q, want none", ws)
			case tt.warning != "" && (len(ws) != 1 || !strings.Contains(ws[0], tt.warning)):
				t.Errorf("warnings %q, want one naming %s", ws, tt.warning)
			}
		})
	}
}

// TestStrayByteKeepsUTF8: one Windows-1252 value in a UTF-8 file is
// decoded alone; the UTF-8 values around it stay as written.
func TestStrayByteKeepsUTF8(t *testing.T) {
	data := []byte("Name,Company\nJosé Núñez,Café Ñandú\nJ\xfcrgen M\xfcller,Bäckerei\n")
	rr, err := csvfile.NewRecordReader(bytes.NewReader(data), csvfile.Options{})
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for {
		rec, err := rr.Read()
		if err != nil {
			break
		}
		got = append(got, strings.Join(rec, "|"))
	}
	want := []string{"Name|Company", "José Núñez|Café Ñandú", "Jürgen Müller|Bäckerei"}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("got %q, want %q", got, want)
	}
	if rr.Encoding() != "UTF-8" {
		t.Errorf("encoding %q", rr.Encoding())
	}
	if ws := rr.FileWarnings(); len(ws) != 1 || !strings.Contains(ws[0].Reason, "1 value was read as windows-1252") {
		t.Errorf("warnings %v", ws)
	}
}
