package leads_test

import (
	"bytes"
	"strings"
	"testing"
	"time"

	"github.com/google/uuid"
	"github.com/shopspring/decimal"
	"github.com/stretchr/testify/require"

	"github.com/leadkit/leads"
)

var (
	jpegBytes = []byte("\xFF\xD8\xFF\xE0\x00\x10JFIF\x00\x01\x01\x00\x00\x01\x00\x01\x00\x00\xFF\xD9")
	pngBytes  = []byte("\x89PNG\r\n\x1a\n\x00\x00\x00\x0dIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00")
	gifBytes  = []byte("GIF89a\x01\x00\x01\x00\x80\x00\x00\x00\x00\x00\xff\xff\xff!\xf9\x04\x01\x00\x00\x00\x00,\x00\x00\x00\x00\x01\x00\x01\x00\x00\x02\x02D\x01\x00;")
	gif87     = []byte("GIF87a\x01\x00\x01\x00")
	textBytes = []byte("hello, this is not a picture\n")
)

// validLead returns a lead that uses every field and passes Validate.
func validLead() *leads.Lead {
	return &leads.Lead{
		ID:         uuid.MustParse("01890000-0000-7000-8000-000000000001"),
		Type:       leads.TypeLead,
		FullName:   "Dr. Ada M. Lovelace Jr.",
		Title:      "Dr.",
		FirstName:  "Ada",
		MiddleName: "M.",
		LastName:   "Lovelace",
		Suffix:     "Jr.",
		JobTitle:   "Analyst",
		FileAs:     "Lovelace, Ada",
		Company:    "Analytical Engines",
		AccountID:  uuid.MustParse("01890000-0000-7000-8000-0000000000aa"),
		AssignedTo: "alice",
		Photo:      leads.NewPhoto(pngBytes),
		Emails: []leads.Email{
			{Label: "work", Address: "ada@example.com"},
			{Address: "a.lovelace+crm@example.co.uk"},
		},
		Phones: []leads.Phone{
			{Label: leads.PhoneBusiness, Number: "+44 20 7946 0958"},
			{Label: leads.PhoneMobile, Number: "(555) 010-9999 x42"},
			{Label: leads.PhoneOther, Number: "1-800-FLOWERS"},
		},
		WebPages: []string{"https://example.com/ada"},
		Addresses: []leads.Address{
			{Label: leads.AddressBusiness, Street: "1 Engine Way", City: "London", PostalCode: "N1 9GU", Country: "UK", Mailing: true},
			{Label: leads.AddressHome, City: "Marylebone"},
		},
		Source:      "Trade show",
		InitiatedBy: uuid.MustParse("01890000-0000-7000-8000-0000000000bb"),
		Status:      leads.StatusQualified,
		Score:       leads.Score{Type: leads.ScoreAuto, Stars: 3, Value: decimal.RequireFromString("2.5")},
		Checks:      map[uuid.UUID]bool{uuid.MustParse("01890000-0000-7000-8000-0000000000cc"): true},
		Comments: []leads.Comment{
			{At: time.Date(2026, 11, 27, 9, 0, 0, 0, time.UTC), Author: "alice", Text: "Met at the trade show."},
			{Text: "Wants a demo — in Zürich."},
		},
		Custom:    map[string]string{"Budget": "10k", "Région": "Île-de-France", "empty": ""},
		CreatedAt: time.Date(2026, 11, 27, 9, 0, 0, 0, time.UTC),
		CreatedBy: "alice",
		UpdatedAt: time.Date(2026, 11, 27, 9, 0, 0, 0, time.UTC),
		UpdatedBy: "bob",
		Version:   3,
	}
}

func TestValidateValid(t *testing.T) {
	require.NoError(t, validLead().Validate())
	require.NoError(t, (&leads.Lead{FullName: "Madonna"}).Validate(), "only the full name is required")
	for _, p := range [][]byte{jpegBytes, pngBytes, gifBytes, gif87} {
		l := validLead()
		l.Photo = leads.NewPhoto(p)
		require.NoError(t, l.Validate(), "photo %q", l.Photo.ContentType)
	}
}

func TestValidateRules(t *testing.T) {
	bigJPEG := func(n int) []byte {
		b := make([]byte, n)
		copy(b, jpegBytes)
		return b
	}
	tests := []struct {
		name   string
		edit   func(l *leads.Lead)
		fields []string // nil: valid
	}{
		// Full name.
		{"full name empty", func(l *leads.Lead) { l.FullName = "" }, []string{"full_name"}},
		{"full name blank", func(l *leads.Lead) { l.FullName = " \t\n\u00a0" }, []string{"full_name"}},
		{"type unknown", func(l *leads.Lead) { l.Type = leads.RecordType(7) }, []string{"type"}},
		{"type contact", func(l *leads.Lead) { l.Type = leads.TypeContact }, nil},

		// E-mail.
		{"email not an address", func(l *leads.Lead) { l.Emails[1].Address = "not-an-email" }, []string{"emails[1].address"}},
		{"email empty", func(l *leads.Lead) { l.Emails[0].Address = "" }, []string{"emails[0].address"}},
		{"email without domain", func(l *leads.Lead) { l.Emails[0].Address = "ada@" }, []string{"emails[0].address"}},
		{"email with display name", func(l *leads.Lead) { l.Emails[0].Address = "Ada <ada@example.com>" }, []string{"emails[0].address"}},
		{"email with comment", func(l *leads.Lead) { l.Emails[0].Address = "ada@example.com (Ada)" }, []string{"emails[0].address"}},
		{"email with spaces around", func(l *leads.Lead) { l.Emails[0].Address = " ada@example.com " }, []string{"emails[0].address"}},
		{"two emails in one", func(l *leads.Lead) { l.Emails[0].Address = "a@b.c, d@e.f" }, []string{"emails[0].address"}},
		{"email NUL", func(l *leads.Lead) { l.Emails[0].Address = "ada@exa\x00mple.com" }, []string{"emails[0].address"}},
		{"email label NUL", func(l *leads.Lead) { l.Emails[0].Label = "wo\x00rk" }, []string{"emails[0].label"}},

		// Phones.
		// A number is free text, kept as written; only what no store can
		// keep is refused.
		{"phone without digits is kept", func(l *leads.Lead) { l.Phones[0].Number = "call me" }, nil},
		{"phone only separators is kept", func(l *leads.Lead) { l.Phones[1].Number = "(--)" }, nil},
		{"phone odd character is kept", func(l *leads.Lead) { l.Phones[0].Number = "555☎0100" }, nil},
		{"phone vanity", func(l *leads.Lead) { l.Phones[0].Number = "1-800-FLOWERS" }, nil},
		{"phone Cyrillic extension", func(l *leads.Lead) { l.Phones[0].Number = "+7 495 123-45-67 доб. 12" }, nil},
		{"phone Japanese extension", func(l *leads.Lead) { l.Phones[0].Number = "03-1234-5678 内線１２" }, nil},
		{"phone RFC 3966", func(l *leads.Lead) { l.Phones[0].Number = "tel:+1-201-555-0123;ext=1234" }, nil},
		{"phone empty", func(l *leads.Lead) { l.Phones[0].Number = "" }, []string{"phones[0].number"}},
		{"phone blank", func(l *leads.Lead) { l.Phones[0].Number = " \u00a0" }, []string{"phones[0].number"}},
		{"phone NUL", func(l *leads.Lead) { l.Phones[0].Number = "555\x000100" }, []string{"phones[0].number"}},
		{"phone control character", func(l *leads.Lead) { l.Phones[0].Number = "555\x1b0100" }, []string{"phones[0].number"}},
		{"phone line break", func(l *leads.Lead) { l.Phones[0].Number = "555 0100\n555 0101" }, []string{"phones[0].number"}},
		{"phone C1 control", func(l *leads.Lead) { l.Phones[0].Number = "555\u00850100" }, []string{"phones[0].number"}},
		{"phone at the limit", func(l *leads.Lead) { l.Phones[0].Number = strings.Repeat("٠", leads.MaxPhoneLen) }, nil},
		{"phone over the limit", func(l *leads.Lead) { l.Phones[0].Number = strings.Repeat("1", leads.MaxPhoneLen+1) }, []string{"phones[0].number"}},
		{"phone label unknown", func(l *leads.Lead) { l.Phones[2].Label = "Pager" }, []string{"phones[2].label"}},
		{"phone label empty", func(l *leads.Lead) { l.Phones[0].Label = "" }, []string{"phones[0].label"}},
		{"phone label alias", func(l *leads.Lead) { l.Phones[0].Label = "cell" }, nil},

		// Web pages.
		{"web page empty", func(l *leads.Lead) { l.WebPages = append(l.WebPages, "") }, []string{"web_pages[1]"}},
		{"web page with space is kept", func(l *leads.Lead) { l.WebPages[0] = "https://example.com/a b" }, nil},
		{"web page without scheme is kept", func(l *leads.Lead) { l.WebPages[0] = "www.example.com" }, nil},
		{"web page words are kept", func(l *leads.Lead) { l.WebPages[0] = "our site, see card" }, nil},
		{"web page blank", func(l *leads.Lead) { l.WebPages[0] = " " }, []string{"web_pages[0]"}},
		{"web page control character", func(l *leads.Lead) { l.WebPages[0] = "https://example.com/\x07" }, []string{"web_pages[0]"}},
		{"web page over the limit", func(l *leads.Lead) { l.WebPages[0] = "https://example.com/" + strings.Repeat("a", leads.MaxWebPageLen) }, []string{"web_pages[0]"}},
		{"web page invalid UTF-8", func(l *leads.Lead) { l.WebPages[0] = "https://\xffexample.com" }, []string{"web_pages[0]"}},

		// Addresses.
		{"address label unknown", func(l *leads.Lead) { l.Addresses[1].Label = "Office" }, []string{"addresses[1].label"}},
		{"address label empty", func(l *leads.Lead) { l.Addresses[0].Label = "" }, []string{"addresses[0].label"}},
		{"two mailing addresses", func(l *leads.Lead) { l.Addresses[1].Mailing = true }, []string{"addresses"}},
		{"address street of several lines", func(l *leads.Lead) { l.Addresses[0].Street = "1 Main St\r\nSuite 5\tBack door" }, nil},
		{"address as written", func(l *leads.Lead) { l.Addresses[0].PostalCode = "SW1A 1AA / c/o ☎" }, nil},
		{"address control character", func(l *leads.Lead) { l.Addresses[0].City = "Lon\x0cdon" }, []string{"addresses[0].city"}},
		{"address over the limit", func(l *leads.Lead) { l.Addresses[0].Street = strings.Repeat("ß", leads.MaxAddressLen+1) }, []string{"addresses[0].street"}},
		{"no mailing address", func(l *leads.Lead) { l.Addresses[0].Mailing = false }, nil},
		{"address parts NUL", func(l *leads.Lead) {
			l.Addresses[1] = leads.Address{Label: leads.AddressOther, Street: "a\x00", City: "b\x00", State: "c\x00", PostalCode: "d\x00", Country: "e\x00"}
		}, []string{"addresses[1].city", "addresses[1].country", "addresses[1].postal_code", "addresses[1].state", "addresses[1].street"}},

		// Status.
		{"status unknown", func(l *leads.Lead) { l.Status = "won" }, []string{"status"}},
		{"status empty", func(l *leads.Lead) { l.Status = "" }, nil},

		// Score.
		{"stars 6", func(l *leads.Lead) { l.Score.Stars = 6 }, []string{"score.stars"}},
		{"stars -1", func(l *leads.Lead) { l.Score.Stars = -1 }, []string{"score.stars"}},
		{"stars 0", func(l *leads.Lead) { l.Score.Stars = 0 }, nil},
		{"stars 5", func(l *leads.Lead) { l.Score.Stars = 5 }, nil},
		{"score type unknown", func(l *leads.Lead) { l.Score.Type = 9 }, []string{"score.type"}},
		{"score value negative", func(l *leads.Lead) { l.Score.Value = decimal.RequireFromString("-0.01") }, []string{"score.value"}},
		{"score value above 5", func(l *leads.Lead) { l.Score.Value = decimal.RequireFromString("5.01") }, []string{"score.value"}},
		{"manual score", func(l *leads.Lead) { l.Score = leads.ManualScore(4) }, nil},

		// Photo.
		{"photo text file", func(l *leads.Lead) { l.Photo = leads.NewPhoto(textBytes) }, []string{"photo"}},
		{"photo text file claiming PNG", func(l *leads.Lead) { l.Photo = &leads.Photo{ContentType: leads.ContentTypePNG, Data: textBytes} }, []string{"photo"}},
		{"photo type mismatch", func(l *leads.Lead) { l.Photo = &leads.Photo{ContentType: leads.ContentTypePNG, Data: jpegBytes} }, []string{"photo.content_type"}},
		{"photo type missing", func(l *leads.Lead) { l.Photo = &leads.Photo{Data: gifBytes} }, []string{"photo.content_type"}},
		{"photo empty", func(l *leads.Lead) { l.Photo = &leads.Photo{ContentType: leads.ContentTypeJPEG} }, []string{"photo"}},
		{"photo 5 MiB", func(l *leads.Lead) { l.Photo = leads.NewPhoto(bigJPEG(leads.DefaultMaxPhotoSize)) }, nil},
		{"photo 5 MiB + 1", func(l *leads.Lead) { l.Photo = leads.NewPhoto(bigJPEG(5<<20 + 1)) }, []string{"photo"}},

		// Comments.
		{"comment empty", func(l *leads.Lead) { l.Comments[1].Text = "" }, []string{"comments[1].text"}},
		{"comment blank", func(l *leads.Lead) { l.Comments[1].Text = " \n " }, []string{"comments[1].text"}},
		{"comment NUL", func(l *leads.Lead) { l.Comments[0].Text = "a\x00b" }, []string{"comments[0].text"}},
		{"comment invalid UTF-8", func(l *leads.Lead) { l.Comments[0].Text = "caf\xe9" }, []string{"comments[0].text"}},
		{"comment author NUL", func(l *leads.Lead) { l.Comments[0].Author = "al\x00ice" }, []string{"comments[0].author"}},

		// Custom fields.
		{"custom empty name", func(l *leads.Lead) { l.Custom[" "] = "x" }, []string{"custom"}},
		{"custom name NUL", func(l *leads.Lead) { l.Custom["a\x00"] = "x" }, []string{"custom"}},
		{"custom name invalid UTF-8", func(l *leads.Lead) { l.Custom["\xff"] = "x" }, []string{"custom"}},
		{"custom value NUL", func(l *leads.Lead) { l.Custom["Budget"] = "10\x00k" }, []string{"custom.Budget"}},
		{"custom value invalid UTF-8", func(l *leads.Lead) { l.Custom["Région"] = "\xc3\x28" }, []string{"custom.Région"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			l := validLead()
			tt.edit(l)
			err := l.Validate()
			if tt.fields == nil {
				require.NoError(t, err)
				return
			}
			requireFieldErrors(t, err, tt.fields...)
			for _, fe := range fieldErrors(err) {
				require.NotEmpty(t, fe.Reason)
				require.True(t, strings.HasPrefix(fe.Error(), "leads: "+fe.Field+": "), fe.Error())
			}
		})
	}
}

// TestValidateText checks that every text field refuses NUL bytes and
// invalid UTF-8, and names itself.
func TestValidateText(t *testing.T) {
	fields := map[string]func(l *leads.Lead, s string){
		"full_name":           func(l *leads.Lead, s string) { l.FullName = s },
		"title":               func(l *leads.Lead, s string) { l.Title = s },
		"first_name":          func(l *leads.Lead, s string) { l.FirstName = s },
		"middle_name":         func(l *leads.Lead, s string) { l.MiddleName = s },
		"last_name":           func(l *leads.Lead, s string) { l.LastName = s },
		"suffix":              func(l *leads.Lead, s string) { l.Suffix = s },
		"job_title":           func(l *leads.Lead, s string) { l.JobTitle = s },
		"file_as":             func(l *leads.Lead, s string) { l.FileAs = s },
		"company":             func(l *leads.Lead, s string) { l.Company = s },
		"assigned_to":         func(l *leads.Lead, s string) { l.AssignedTo = s },
		"source":              func(l *leads.Lead, s string) { l.Source = s },
		"created_by":          func(l *leads.Lead, s string) { l.CreatedBy = s },
		"updated_by":          func(l *leads.Lead, s string) { l.UpdatedBy = s },
		"addresses[0].street": func(l *leads.Lead, s string) { l.Addresses[0].Street = s },
		"comments[1].text":    func(l *leads.Lead, s string) { l.Comments[1].Text = s },
		"custom.Budget":       func(l *leads.Lead, s string) { l.Custom["Budget"] = s },
	}
	bad := map[string]string{
		"NUL":               "Ada\x00Lovelace",
		"lone NUL":          "\x00",
		"invalid UTF-8":     "Ada \xff Lovelace",
		"truncated UTF-8":   "Zo\xc3",
		"surrogate half":    "\xed\xa0\x80",
		"overlong encoding": "\xc0\xaf",
	}
	for field, set := range fields {
		for what, s := range bad {
			t.Run(field+"/"+what, func(t *testing.T) {
				l := validLead()
				set(l, s)
				requireFieldErrors(t, l.Validate(), field)
			})
		}
		t.Run(field+"/non-ASCII is fine", func(t *testing.T) {
			l := validLead()
			set(l, "Пётр Ångström 李")
			require.NoError(t, l.Validate())
		})
	}
}

func TestValidateReportsEveryProblem(t *testing.T) {
	l := validLead()
	l.FullName = "  "
	l.Emails[0].Address = "Ada <ada@example.com>"
	l.Phones[1] = leads.Phone{Label: "Pager", Number: "\x01"}
	l.Addresses[1].Mailing = true
	l.Score.Stars = 6
	l.Photo = leads.NewPhoto(textBytes)
	l.Comments[0].Text = "\x00"
	l.Custom["Budget"] = "\xff"
	l.Addresses[0].Street, l.Addresses[0].City, l.Addresses[0].Country = "\x00", "\xff", "\x00"

	err := l.Validate()
	want := []string{"addresses", "addresses[0].city", "addresses[0].country", "addresses[0].street",
		"comments[0].text", "custom.Budget", "emails[0].address", "full_name",
		"phones[1].label", "phones[1].number", "photo", "score.stars"}
	requireFieldErrors(t, err, want...)
	// The message lists every problem, one per line, the same every time.
	msg := err.Error()
	require.Len(t, strings.Split(msg, "\n"), len(want))
	for range 20 {
		require.Equal(t, msg, l.Validate().Error())
	}
}

func TestSniffImage(t *testing.T) {
	tests := []struct {
		data []byte
		want string
	}{
		{jpegBytes, leads.ContentTypeJPEG},
		{pngBytes, leads.ContentTypePNG},
		{gifBytes, leads.ContentTypeGIF},
		{gif87, leads.ContentTypeGIF},
		{textBytes, ""},
		{nil, ""},
		{[]byte("\xFF\xD8"), ""},
		{[]byte("GIF90a"), ""},
		{[]byte("<svg xmlns='http://www.w3.org/2000/svg'/>"), ""},
	}
	for _, tt := range tests {
		require.Equal(t, tt.want, leads.SniffImage(tt.data), "%q", tt.data)
	}
	data := bytes.Clone(pngBytes)
	p := leads.NewPhoto(data)
	data[0] = 'X'
	require.Equal(t, pngBytes, p.Data, "NewPhoto copies the bytes")
	require.Equal(t, leads.ContentTypePNG, p.ContentType)
}

// BenchmarkValidate measures the validation of a typical record, which an
// import runs for every row: the length limits and the free-text rules of
// phones, web pages and addresses must stay cheap.
func BenchmarkValidate(b *testing.B) {
	l := validLead()
	l.Photo = nil
	b.ReportAllocs()
	for b.Loop() {
		if err := l.Validate(); err != nil {
			b.Fatal(err)
		}
	}
}
