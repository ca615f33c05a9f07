package importexport

import (
	"fmt"
	"strings"
	"testing"
)

func TestHeaderKey(t *testing.T) {
	for _, tt := range []struct{ in, want string }{
		{"E-mail Address", "emailaddress"},
		{"  e-mail ADDRESS ", "emailaddress"},
		{"assigned_to", "assignedto"},
		{"Assigned To", "assignedto"},
		{"Téléphone (bureau)", "telephonebureau"},
		{"Straße geschäftlich", "straßegeschaftlich"},
		{"Улица\u00a02 (другой адрес)", "улица2другойадрес"},
		{"電子メール アドレス", "電子メールアドレス"},
		{"ミドル ネーム", "ミドルネーム"}, // the voiced mark stays on its kana
		{"\uFEFFName", "name"},
		{"---", ""},
	} {
		if got := headerKey(tt.in); got != tt.want {
			t.Errorf("headerKey(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

// column returns the column of cols with that header.
func column(t *testing.T, cols []Column, header string) Column {
	t.Helper()
	for _, c := range cols {
		if c.Header == header {
			return c
		}
	}
	t.Fatalf("no column %q in %v", header, cols)
	return Column{}
}

// TestLocalizedHeaders reads one row under the header Outlook (or
// Thunderbird) writes in each language and checks the lead and the
// reported mapping. The header names come from the sources named in
// headers_localized.go.
func TestLocalizedHeaders(t *testing.T) {
	tests := []struct {
		lang                                     string
		first, last, company, email, phone, city string // headers
		mobile                                   string
		by                                       string
	}{
		{"de", "Vorname", "Nachname", "Firma", "E-Mail-Adresse", "Telefon geschäftlich", "Ort geschäftlich", "Mobiltelefon", "localized (de)"},
		{"fr", "Prénom", "Nom", "Société", "Adresse de messagerie", "Téléphone (bureau)", "Ville (bureau)", "Tél. mobile", "localized (fr)"},
		{"es", "Nombre", "Apellidos", "Organización", "Dirección de correo electrónico 2", "Teléfono del trabajo", "Ciudad de trabajo", "Teléfono móvil", "localized (es)"},
		{"it", "Nome", "Cognome", "Società", "Indirizzo posta elettronica", "Ufficio", "Città (uff.)", "Cellulare", "localized (it)"},
		{"nl", "Voornaam", "Achternaam", "Bedrijf", "E-mailadres", "Telefoon op werk", "Werkadres, plaats", "Mobiele telefoon", "localized (nl)"},
		{"pt-BR", "Primeiro nome", "Sobrenome", "Empresa", "Endereço de email 2", "Telefone comercial", "Cidade comercial", "Telefone celular", "localized (pt-BR)"},
		{"pt-PT", "Primeiro nome", "Apelido", "Empresa", "Endereço de correio electrónico", "Telefone da empresa", "Localidade da empresa", "Telemóvel", "localized (pt-PT)"},
		{"pl", "Imię", "Nazwisko", "Firma", "Adres e-mail", "Telefon służbowy", "Adres służbowy - miejscowość", "Telefon komórkowy", "localized (pl)"},
		{"ru", "Имя", "Фамилия", "Организация", "Адрес эл. почты", "Рабочий телефон", "Город (раб. адрес)", "Телефон переносной", "localized (ru)"},
		{"ja", "名", "姓", "会社名", "電子メール アドレス", "会社電話", "市町村 (会社)", "携帯電話", "localized (ja)"},
		{"de-thunderbird", "Vorname", "Nachname", "Organisation", "Primäre E-Mail-Adresse", "Tel. dienstlich", "Ort geschäftlich", "Mobil-Tel.-Nr.", "localized (de)"},
	}
	for _, tt := range tests {
		t.Run(tt.lang, func(t *testing.T) {
			header := []string{tt.first, tt.last, tt.company, tt.email, tt.phone, tt.city, tt.mobile, "Unknown column"}
			row := []string{"Ada", "Lovelace", "Engines", "ada@engines.example", "+44 20 7946 0001", "London", "+44 7700 900123", "x"}
			src, err := NewTableSource(&records{rows: [][]string{header, row}}, TableOptions{})
			if err != nil {
				t.Fatal(err)
			}
			r, err := src.Next()
			if err != nil || r.Err != nil {
				t.Fatal(err, r.Err)
			}
			l := r.Lead
			if l.FirstName != "Ada" || l.LastName != "Lovelace" || l.Company != "Engines" {
				t.Errorf("name %q %q, company %q", l.FirstName, l.LastName, l.Company)
			}
			if len(l.Emails) != 1 || l.Emails[0].Address != "ada@engines.example" {
				t.Errorf("emails %v", l.Emails)
			}
			if len(l.Phones) != 2 || l.Phones[0].Label != "Business" || l.Phones[1].Label != "Mobile" {
				t.Errorf("phones %v", l.Phones)
			}
			if len(l.Addresses) != 1 || l.Addresses[0].City != "London" || l.Addresses[0].Label != "Business" {
				t.Errorf("addresses %v", l.Addresses)
			}
			cols := src.Columns()
			if c := column(t, cols, tt.first); c.Field != "first_name" || c.By != tt.by {
				t.Errorf("first name column %+v, want first_name by %s", c, tt.by)
			}
			if c := column(t, cols, "Unknown column"); c.Field != "" || c.By != "no match" {
				t.Errorf("unknown column %+v", c)
			}
			ws := src.FileWarnings()
			if len(ws) != 2 || !strings.Contains(ws[0].Reason, "another language") || !strings.Contains(ws[1].Reason, `the values of column "Unknown column"`) {
				t.Errorf("file warnings %v", ws)
			}
		})
	}
}

// TestLabelsWithoutPreset: headers that name a field, or that a preset
// names, map in any file; case, spaces and punctuation do not matter.
func TestLabelsWithoutPreset(t *testing.T) {
	header := []string{"Full Name", "assigned to", "Source", "Status", "Rating", "Notes", "E-mail",
		"Mail", "Mobile", "company_name", "Fav colour"}
	row := []string{"Ada Lovelace", "jane", "Fair", "Qualified", "Hot", "a note", "ada@x.example",
		"ada2@x.example", "+1 555 0100", "Engines", "blue"}
	src, err := NewTableSource(&records{rows: [][]string{header, row}}, TableOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if src.Preset() != "generic" {
		t.Fatalf("preset %q", src.Preset())
	}
	want := map[string][2]string{ // header → field, by
		"Full Name": {"full_name", "field name"}, "assigned to": {"assigned_to", "field name"},
		"Source": {"source", "field name"},
		"Status": {"status", "field name"}, "Rating": {"custom.Rating", "label"}, "Notes": {"comments", "label"},
		"E-mail": {"email", "field name"}, "Mail": {"email", "label"}, "Mobile": {"phone:Mobile", "label"},
		"company_name": {"company", "label"}, "Fav colour": {"", "no match"},
	}
	cols := src.Columns()
	if len(cols) != len(header) {
		t.Fatalf("%d columns for %d headers", len(cols), len(header))
	}
	for _, c := range cols {
		w := want[c.Header]
		if c.Field != w[0] || c.By != w[1] {
			t.Errorf("column %q: field %q by %q, want %q by %q", c.Header, c.Field, c.By, w[0], w[1])
		}
	}
	r, err := src.Next()
	if err != nil || r.Err != nil {
		t.Fatal(err, r.Err)
	}
	l := r.Lead
	if l.AssignedTo != "jane" || l.Source != "Fair" || l.Company != "Engines" || l.FullName != "Ada Lovelace" || l.Custom["Rating"] != "Hot" {
		t.Errorf("lead %+v", l)
	}
	if len(l.Emails) != 2 || len(l.Phones) != 1 || l.Phones[0].Label != "Mobile" || len(l.Comments) != 1 {
		t.Errorf("emails %v phones %v comments %v", l.Emails, l.Phones, l.Comments)
	}
}

// TestCallerMappingWins: a --map target wins over preset and labels, and
// is reported as "mapping"; a repeated header is reported, not read.
func TestCallerMappingWins(t *testing.T) {
	header := []string{"First Name", "Last Name", "E-mail Address", "Company", "Company"}
	src, err := NewTableSource(&records{rows: [][]string{header}}, TableOptions{
		Map: map[string]Target{"company": {Field: "custom", Custom: "Employer"}}})
	if err != nil {
		t.Fatal(err)
	}
	cols := src.Columns()
	if cols[0].By != "preset outlook" || cols[0].Field != "first_name" {
		t.Errorf("first column %+v", cols[0])
	}
	if cols[3].By != "mapping" || cols[3].Field != "custom.Employer" {
		t.Errorf("company column %+v", cols[3])
	}
	if cols[4].Field != "" || !strings.HasPrefix(cols[4].By, "repeated column") {
		t.Errorf("repeated column %+v", cols[4])
	}
}

// TestOneWordIsNoLanguage: a single localized name ("Firma") does not
// switch the file to a language.
func TestOneWordIsNoLanguage(t *testing.T) {
	src, err := NewTableSource(&records{rows: [][]string{{"Name", "Email", "Firma"}}}, TableOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if ws := src.FileWarnings(); len(ws) != 0 {
		t.Errorf("warnings %v", ws)
	}
	if c := src.Columns()[2]; c.Field != "" {
		t.Errorf("Firma mapped to %q by %s", c.Field, c.By)
	}
}

func BenchmarkCompileHeader(b *testing.B) {
	header := OutlookColumns()
	for b.Loop() {
		if _, err := NewTableSource(&records{rows: [][]string{header}}, TableOptions{}); err != nil {
			b.Fatal(err)
		}
	}
}

// TestDamagedHeader: a header whose umlauts a wrong conversion replaced
// by U+FFFD (Tine 2.0's sample of German Outlook 2007 has them) still
// matches, each replacement standing for one letter.
func TestDamagedHeader(t *testing.T) {
	header := []string{"Vorname", "Nachname", "Telefon gesch\uFFFDftlich", "Stra\uFFFDe gesch\uFFFDftlich", "Gr\uFFFD\uFFFDe"}
	src, err := NewTableSource(&records{rows: [][]string{header, {"Ada", "Lovelace", "+49 30 1234", "Hauptstr. 1", "x"}}}, TableOptions{})
	if err != nil {
		t.Fatal(err)
	}
	cols := src.Columns()
	if c := cols[2]; c.Field != "phone:Business" || !strings.Contains(c.By, "wrong conversion") {
		t.Errorf("phone column %+v", c)
	}
	if c := cols[3]; c.Field != "street:Business" {
		t.Errorf("street column %+v", c)
	}
	if c := cols[4]; c.Field != "" {
		t.Errorf("a damaged header that fits no name is mapped: %+v", c)
	}
	r, err := src.Next()
	if err != nil || r.Err != nil {
		t.Fatal(err, r.Err)
	}
	if len(r.Lead.Phones) != 1 || r.Lead.Phones[0].Number != "+49 30 1234" || r.Lead.Addresses[0].Street != "Hauptstr. 1" {
		t.Errorf("lead %+v", r.Lead)
	}
}

// TestHeaderlessFile: a first row holding an e-mail address is a person,
// read with columns guessed from its values, and numbered row 1.
func TestHeaderlessFile(t *testing.T) {
	rows := [][]string{{"Ada Lovelace", "ada@engines.example", "+44 20 7946 0001", "Countess"}, {"Grace Hopper", "grace@navy.example", "", "Admiral"}}
	src, err := NewTableSource(&records{rows: rows}, TableOptions{})
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for {
		r, err := src.Next()
		if err != nil {
			break
		}
		if r.Err != nil {
			t.Fatal(r.Err)
		}
		got = append(got, fmt.Sprintf("%d %s %s %v", r.Number, r.Lead.FullName, r.Lead.Emails[0].Address, r.Lead.Custom))
	}
	want := []string{"1 Ada Lovelace ada@engines.example map[Column 4:Countess]", "2 Grace Hopper grace@navy.example map[Column 4:Admiral]"}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("rows\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	if c := src.Columns()[2]; c.Header != "Column 3" || c.Field != "phone" || c.By != "guessed from the values" {
		t.Errorf("phone column %+v", c)
	}
	if ws := src.FileWarnings(); len(ws) != 1 || !strings.Contains(ws[0].Reason, "no header row") {
		t.Errorf("warnings %v", ws)
	}
}

// FuzzHeaderKey: any header gives a key without spaces or ASCII
// punctuation, and the key of a key is itself.
func FuzzHeaderKey(f *testing.F) {
	for _, s := range []string{"E-mail Address", "Téléphone (bureau)", "Улица\u00a02 (другой адрес)", "ミドル ネーム", "Stra\uFFFDe", "\xff"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		k := headerKey(s)
		if strings.ContainsAny(k, " \t-_.,;:()/'\"") {
			t.Fatalf("headerKey(%q) = %q keeps spaces or punctuation", s, k)
		}
		if k2 := headerKey(k); k2 != k {
			t.Fatalf("headerKey(%q) = %q, but headerKey(%q) = %q", s, k, k, k2)
		}
	})
}

// TestLocalizedNamesResolve: every localized name stands for a column
// that the outlook or thunderbird preset maps (a misspelt English name
// would silently map nothing), and no language reads one key two ways.
func TestLocalizedNamesResolve(t *testing.T) {
	english := map[string]bool{}
	for _, p := range []Preset{outlookPreset(), thunderbirdPreset()} {
		for k := range p.Mapping.Columns {
			english[headerKey(k)] = true
		}
	}
	for _, lh := range localizedHeaders() {
		seen := map[string]string{}
		for local, en := range lh.names {
			if !english[headerKey(en)] {
				t.Errorf("%s: %q stands for %q, which no preset maps", lh.lang, local, en)
			}
			k := headerKey(local)
			if k == "" {
				t.Errorf("%s: %q has an empty key", lh.lang, local)
			}
			if other, dup := seen[k]; dup && other != en {
				t.Errorf("%s: %q is both %q and %q", lh.lang, local, other, en)
			}
			seen[k] = en
		}
	}
}

// TestUnusedColumnsWarned: a column no field matches is reported once it
// held a value, but not for the placeholders Outlook writes into every row.
func TestUnusedColumnsWarned(t *testing.T) {
	rows := [][]string{
		{"First Name", "Last Name", "Priority", "Sensitivity", "Fav colour", "Shoe size"},
		{"Ada", "Lovelace", "Normal", "Normal", "", ""},
		{"Grace", "Hopper", "Normal", "Normal", "blue", ""},
	}
	src, err := NewTableSource(&records{rows: rows}, TableOptions{})
	if err != nil {
		t.Fatal(err)
	}
	for {
		if _, err := src.Next(); err != nil {
			break
		}
	}
	ws := src.FileWarnings()
	if len(ws) != 1 || !strings.Contains(ws[0].Reason, `no field matches the name: the values of column "Fav colour" (`) {
		t.Errorf("warnings %v", ws)
	}
}
