package leads_test

import (
	"strings"
	"testing"
	"unicode"

	"github.com/stretchr/testify/require"

	"github.com/leadkit/leads"
)

func TestParseName(t *testing.T) {
	tests := []struct {
		in   string
		want leads.Name
		// roundTrip: ParseName(want.String()) gives want again. It does not
		// hold for "Last, First" input whose particles sit after the first
		// name, nor where a title or suffix swallows a lone name.
		roundTrip bool
	}{
		{"Dr. Ada M. Lovelace Jr.", leads.Name{Title: "Dr.", First: "Ada", Middle: "M.", Last: "Lovelace", Suffix: "Jr."}, true},
		{"Ada Lovelace", leads.Name{First: "Ada", Last: "Lovelace"}, true},
		{"Lovelace, Ada", leads.Name{First: "Ada", Last: "Lovelace"}, true},
		{"Lovelace, Ada M.", leads.Name{First: "Ada", Middle: "M.", Last: "Lovelace"}, true},
		{"Lovelace,Ada", leads.Name{First: "Ada", Last: "Lovelace"}, true},
		{"Lovelace, Dr. Ada", leads.Name{Title: "Dr.", First: "Ada", Last: "Lovelace"}, true},
		{"Lovelace, Ada, Jr.", leads.Name{First: "Ada", Last: "Lovelace", Suffix: "Jr."}, true},
		{"Lovelace, Ada M., PhD, MBA", leads.Name{First: "Ada", Middle: "M.", Last: "Lovelace", Suffix: "PhD MBA"}, true},
		{"Lovelace,", leads.Name{Last: "Lovelace"}, false},
		{"Ada Lovelace, PhD", leads.Name{First: "Ada", Last: "Lovelace", Suffix: "PhD"}, true},
		{"Ada Lovelace, Jr., PhD", leads.Name{First: "Ada", Last: "Lovelace", Suffix: "Jr. PhD"}, true},
		{"Ada Lovelace Ph.D.", leads.Name{First: "Ada", Last: "Lovelace", Suffix: "Ph.D."}, true},
		{"Mrs. Ada King Lovelace III", leads.Name{Title: "Mrs.", First: "Ada", Middle: "King", Last: "Lovelace", Suffix: "III"}, true},
		{"Madonna", leads.Name{First: "Madonna"}, true},
		{"Cher,", leads.Name{Last: "Cher"}, false},
		{"Dr.", leads.Name{First: "Dr."}, true},
		{"Ludwig van Beethoven", leads.Name{First: "Ludwig", Last: "van Beethoven"}, true},
		{"van Beethoven, Ludwig", leads.Name{First: "Ludwig", Last: "van Beethoven"}, true},
		{"Maria de la Cruz", leads.Name{First: "Maria", Last: "de la Cruz"}, true},
		{"Juan Carlos de la Cruz Sr.", leads.Name{First: "Juan", Middle: "Carlos", Last: "de la Cruz", Suffix: "Sr."}, true},
		{"Пётр Ильич Чайковский", leads.Name{First: "Пётр", Middle: "Ильич", Last: "Чайковский"}, true},
		{"Чайковский, Пётр Ильич", leads.Name{First: "Пётр", Middle: "Ильич", Last: "Чайковский"}, true},
		{"José María García", leads.Name{First: "José", Middle: "María", Last: "García"}, true},
		{"Zoë Ångström", leads.Name{First: "Zoë", Last: "Ångström"}, true},
		{"  Ada \t  Lovelace\n ", leads.Name{First: "Ada", Last: "Lovelace"}, true},
		{"Ada\u00a0\u2003Lovelace", leads.Name{First: "Ada", Last: "Lovelace"}, true},
		{"", leads.Name{}, true},
		{"   \t\n", leads.Name{}, false},
		{",", leads.Name{}, false},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			got := leads.ParseName(tt.in)
			require.Equal(t, tt.want, got)
			if tt.roundTrip {
				require.Equal(t, tt.want, leads.ParseName(got.String()), "round trip through %q", got.String())
			}
		})
	}
}

func TestNameString(t *testing.T) {
	tests := []struct {
		name leads.Name
		want string
	}{
		{leads.Name{}, ""},
		{leads.Name{First: "Madonna"}, "Madonna"},
		{leads.Name{Last: "Lovelace"}, "Lovelace"},
		{leads.Name{Title: "Dr.", First: "Ada", Middle: "M.", Last: "Lovelace", Suffix: "Jr."}, "Dr. Ada M. Lovelace Jr."},
		{leads.Name{Title: "Dr.", Last: "Lovelace"}, "Dr. Lovelace"},
	}
	for _, tt := range tests {
		t.Run(tt.want, func(t *testing.T) {
			require.Equal(t, tt.want, tt.name.String())
		})
	}
}

// nameTokens splits s into words the way a name's parts are made from it:
// at white space and commas.
func nameTokens(s string) []string {
	return strings.FieldsFunc(s, func(r rune) bool { return r == ',' || unicode.IsSpace(r) })
}

func FuzzParseName(f *testing.F) {
	for _, s := range []string{
		"Dr. Ada M. Lovelace Jr.", "Lovelace, Ada", "Lovelace, Ada M.", "Ada Lovelace, PhD",
		"Madonna", "Ludwig van Beethoven", "Пётр Ильич Чайковский", "José María García",
		"Zoë Ångström", "  Ada   Lovelace  ", "", ",", ", ,", "Jr.", "Dr. Jr.", "Lovelace, Ada, Jr.",
		"a,b,c", "\xff\xfe", "Mr.\u00a0Smith", "de la de la", "\x00",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, in string) {
		n := leads.ParseName(in) // must not panic
		// Nothing invented: every word of the parts is a word of the
		// input, used no more often than the input uses it.
		avail := map[string]int{}
		for _, w := range nameTokens(in) {
			avail[w]++
		}
		for _, part := range []string{n.Title, n.First, n.Middle, n.Last, n.Suffix} {
			if part != strings.TrimSpace(part) {
				t.Fatalf("ParseName(%q) = %#v: part %q has outer space", in, n, part)
			}
		}
		for _, w := range nameTokens(n.String()) {
			if avail[w] == 0 {
				t.Fatalf("ParseName(%q) = %#v: word %q is not in the input (or used too often)", in, n, w)
			}
			avail[w]--
		}
		// Every word of the input ends up in some part.
		if got, want := len(nameTokens(n.String())), len(nameTokens(in)); got != want {
			t.Fatalf("ParseName(%q) = %#v: %d words, input has %d", in, n, got, want)
		}
		if strings.TrimSpace(in) == "" && n != (leads.Name{}) {
			t.Fatalf("ParseName(%q) = %#v, want zero Name", in, n)
		}
	})
}
