package leads_test

import (
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/leadkit/leads"
)

func TestFileAsIn(t *testing.T) {
	ada := leads.Lead{FullName: "Ada Lovelace", FirstName: "Ada", LastName: "Lovelace"}
	adaCo := ada
	adaCo.Company = "Analytical Engines"
	madonna := leads.Lead{FullName: "Madonna", FirstName: "Madonna", Company: "Sire"}
	lastOnly := leads.Lead{FullName: "Dr. Lovelace", Title: "Dr.", LastName: "Lovelace"}
	noParts := leads.Lead{FullName: "  The Countess  "}
	noPartsCo := leads.Lead{FullName: "The Countess", Company: "Analytical Engines"}

	tests := []struct {
		name string
		lead leads.Lead
		want map[leads.FileAsForm]string
	}{
		{"with company", adaCo, map[leads.FileAsForm]string{
			leads.FileAsLastFirst:        "Lovelace, Ada",
			leads.FileAsFirstLast:        "Ada Lovelace",
			leads.FileAsCompany:          "Analytical Engines",
			leads.FileAsLastFirstCompany: "Lovelace, Ada (Analytical Engines)",
			leads.FileAsCompanyLastFirst: "Analytical Engines (Lovelace, Ada)",
		}},
		{"without company", ada, map[leads.FileAsForm]string{
			leads.FileAsLastFirst:        "Lovelace, Ada",
			leads.FileAsFirstLast:        "Ada Lovelace",
			leads.FileAsCompany:          "Lovelace, Ada",
			leads.FileAsLastFirstCompany: "Lovelace, Ada",
			leads.FileAsCompanyLastFirst: "Lovelace, Ada",
		}},
		{"without last name", madonna, map[leads.FileAsForm]string{
			leads.FileAsLastFirst:        "Madonna",
			leads.FileAsFirstLast:        "Madonna",
			leads.FileAsCompany:          "Sire",
			leads.FileAsLastFirstCompany: "Madonna (Sire)",
			leads.FileAsCompanyLastFirst: "Sire (Madonna)",
		}},
		{"last name only", lastOnly, map[leads.FileAsForm]string{
			leads.FileAsLastFirst:        "Lovelace",
			leads.FileAsFirstLast:        "Lovelace",
			leads.FileAsCompany:          "Lovelace",
			leads.FileAsLastFirstCompany: "Lovelace",
			leads.FileAsCompanyLastFirst: "Lovelace",
		}},
		{"without any parts", noParts, map[leads.FileAsForm]string{
			leads.FileAsLastFirst:        "The Countess",
			leads.FileAsFirstLast:        "The Countess",
			leads.FileAsCompany:          "The Countess",
			leads.FileAsLastFirstCompany: "The Countess",
			leads.FileAsCompanyLastFirst: "The Countess",
		}},
		{"without any parts, with company", noPartsCo, map[leads.FileAsForm]string{
			leads.FileAsLastFirst:        "The Countess",
			leads.FileAsFirstLast:        "The Countess",
			leads.FileAsCompany:          "Analytical Engines",
			leads.FileAsLastFirstCompany: "The Countess (Analytical Engines)",
			leads.FileAsCompanyLastFirst: "Analytical Engines (The Countess)",
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			require.Len(t, tt.want, len(leads.FileAsForms()))
			for _, f := range leads.FileAsForms() {
				require.Equal(t, tt.want[f], tt.lead.FileAsIn(f), "form %s", f)
			}
			// An unknown form files as the default.
			require.Equal(t, tt.want[leads.FileAsLastFirst], tt.lead.FileAsIn(leads.FileAsForm(99)))
		})
	}
}

func TestFileAsChoices(t *testing.T) {
	tests := []struct {
		name string
		lead leads.Lead
		want []string
	}{
		{"with company", leads.Lead{FullName: "Ada Lovelace", FirstName: "Ada", LastName: "Lovelace", Company: "AE"},
			[]string{"Lovelace, Ada", "Ada Lovelace", "AE", "Lovelace, Ada (AE)", "AE (Lovelace, Ada)"}},
		{"without company", leads.Lead{FullName: "Ada Lovelace", FirstName: "Ada", LastName: "Lovelace"},
			[]string{"Lovelace, Ada", "Ada Lovelace"}},
		{"first name only", leads.Lead{FullName: "Madonna", FirstName: "Madonna"},
			[]string{"Madonna"}},
		{"no parts", leads.Lead{FullName: "The Countess"},
			[]string{"The Countess"}},
		{"nothing at all", leads.Lead{}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := tt.lead.FileAsChoices()
			require.Equal(t, tt.want, got)
			seen := map[string]bool{}
			for _, s := range got {
				require.False(t, seen[s], "duplicate choice %q", s)
				seen[s] = true
			}
		})
	}
}

func TestFileAsFormString(t *testing.T) {
	names := map[leads.FileAsForm]string{
		leads.FileAsLastFirst:        "last_first",
		leads.FileAsFirstLast:        "first_last",
		leads.FileAsCompany:          "company",
		leads.FileAsLastFirstCompany: "last_first_company",
		leads.FileAsCompanyLastFirst: "company_last_first",
	}
	require.Len(t, leads.FileAsForms(), 5)
	for _, f := range leads.FileAsForms() {
		t.Run(f.String(), func(t *testing.T) {
			require.Equal(t, names[f], f.String())
			got, err := leads.ParseFileAsForm(f.String())
			require.NoError(t, err)
			require.Equal(t, f, got)
			got, err = leads.ParseFileAsForm("  " + f.String() + " ")
			require.NoError(t, err)
			require.Equal(t, f, got)
		})
	}
	got, err := leads.ParseFileAsForm("LAST_FIRST")
	require.NoError(t, err)
	require.Equal(t, leads.FileAsLastFirst, got)

	require.Equal(t, "FileAsForm(9)", leads.FileAsForm(9).String())
	for _, bad := range []string{"", "lastfirst", "Lovelace, Ada", "FileAsForm(9)"} {
		_, err := leads.ParseFileAsForm(bad)
		require.ErrorIs(t, err, leads.ErrInvalid, "%q", bad)
		requireFieldErrors(t, err, "file_as")
	}
}
