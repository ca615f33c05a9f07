package vcardfile_test

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/encoding/japanese"
	"golang.org/x/text/encoding/unicode"
)

const utf16Card = "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Zoë Ångström\r\nN:Ångström;Zoë;;;\r\nEMAIL:zoe@x.example\r\nEND:VCARD\r\n"

// TestUTF16: Outlook and Windows tools save UTF-16, with or without a
// byte-order mark; the reader finds the byte order by the NUL pattern.
func TestUTF16(t *testing.T) {
	for _, tc := range []struct {
		name  string
		enc   encoding.Encoding
		guess bool
	}{
		{"LE with BOM", unicode.UTF16(unicode.LittleEndian, unicode.UseBOM), false},
		{"BE with BOM", unicode.UTF16(unicode.BigEndian, unicode.UseBOM), false},
		{"LE without BOM", unicode.UTF16(unicode.LittleEndian, unicode.IgnoreBOM), true},
		{"BE without BOM", unicode.UTF16(unicode.BigEndian, unicode.IgnoreBOM), true},
		{"UTF-8 with BOM", unicode.UTF8BOM, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			b, err := tc.enc.NewEncoder().Bytes([]byte(utf16Card))
			require.NoError(t, err)
			src := vcardfileSource(b)
			row, err := src.Next()
			require.NoError(t, err)
			require.NoError(t, row.Err)
			require.Equal(t, "Zoë Ångström", row.Lead.FullName)
			require.Equal(t, "zoe@x.example", row.Lead.Emails[0].Address)
			require.Empty(t, row.Warnings)
			if tc.guess {
				require.Len(t, src.FileWarnings(), 1)
				require.Contains(t, src.FileWarnings()[0].Reason, "UTF-16")
			} else {
				require.Empty(t, src.FileWarnings())
			}
		})
	}
}

// TestCharsetGuess: values that are not UTF-8 and name no CHARSET are
// decoded by the documented heuristic, with a warning naming the charset.
func TestCharsetGuess(t *testing.T) {
	for _, tc := range []struct {
		enc     encoding.Encoding
		name    string
		charset string
	}{
		{charmap.Windows1252, "Jürgen Müller-Groß", "windows-1252"},
		{charmap.Windows1252, "Hélène Français", "windows-1252"},
		{charmap.Windows1251, "Дмитрий Иванов", "windows-1251"},
		{charmap.KOI8R, "Дмитрий Иванов", "KOI8-R"},
		{charmap.Windows1251, "Ольга Петровна Сидорова", "windows-1251"},
		{charmap.KOI8R, "Ольга Петровна Сидорова", "KOI8-R"},
		{japanese.ShiftJIS, "安藤 ロイド", "Shift_JIS"},
		{japanese.ShiftJIS, "伊能 圭一", "Shift_JIS"},
	} {
		t.Run(tc.charset+" "+tc.name, func(t *testing.T) {
			b, err := tc.enc.NewEncoder().Bytes([]byte(tc.name))
			require.NoError(t, err)
			in := "BEGIN:VCARD\r\nVERSION:2.1\r\nFN:" + string(b) + "\r\nEND:VCARD\r\n"
			rows := readAll(t, strings.NewReader(in))
			require.Len(t, rows, 1)
			require.NoError(t, rows[0].Err)
			require.Equal(t, tc.name, rows[0].Lead.FullName)
			require.Len(t, rows[0].Warnings, 1)
			require.Equal(t, "FN", rows[0].Warnings[0].Column)
			require.Contains(t, rows[0].Warnings[0].Reason, "read as "+tc.charset)
		})
	}
}

// TestCharsetParameter: CHARSET on 2.1 properties is honoured, with and
// without quoted-printable, and no warning is given.
func TestCharsetParameter(t *testing.T) {
	sjis, _ := japanese.ShiftJIS.NewEncoder().String("安藤")
	koi, _ := charmap.KOI8R.NewEncoder().String("Иванов")
	in := "BEGIN:VCARD\r\nVERSION:2.1\r\nN;CHARSET=SHIFT_JIS:" + sjis + ";;;;\r\n" +
		"ORG;CHARSET=KOI8-R:" + koi + "\r\n" +
		"TITLE;CHARSET=ISO-8859-1;ENCODING=QUOTED-PRINTABLE:Gesch=E4ftsf=\r\n=FChrer\r\nEND:VCARD\r\n"
	rows := readAll(t, strings.NewReader(in))
	require.NoError(t, rows[0].Err)
	require.Equal(t, "安藤", rows[0].Lead.LastName)
	require.Equal(t, "Иванов", rows[0].Lead.Company)
	require.Equal(t, "Geschäftsführer", rows[0].Lead.JobTitle)
	require.Empty(t, rows[0].Warnings)
}

// TestWrongCharset: a value that its CHARSET calls UTF-8 but that is
// windows-1252 (as some Outlook versions write) is read as windows-1252;
// UTF-8 with a stray byte stays UTF-8.
func TestWrongCharset(t *testing.T) {
	in := "BEGIN:VCARD\r\nVERSION:2.1\r\nN;CHARSET=UTF-8:M\xfcller;J\xfcrgen\r\nORG;CHARSET=UTF-8:Caf\xc3\xa9 \x80 Bar\r\nEND:VCARD\r\n"
	rows := readAll(t, strings.NewReader(in))
	require.NoError(t, rows[0].Err)
	require.Equal(t, "Müller", rows[0].Lead.LastName)
	require.Equal(t, "Café \uFFFD Bar", rows[0].Lead.Company)
	require.Len(t, rows[0].Warnings, 2)
	require.Contains(t, rows[0].Warnings[0].Reason, "read as windows-1252")
	require.Contains(t, rows[0].Warnings[1].Reason, "U+FFFD")
}
