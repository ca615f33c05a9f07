package leads_test

import (
	"slices"
	"testing"
	"unicode/utf8"

	"github.com/leadkit/leads"
)

// FuzzMatchKeys feeds arbitrary names, companies, addresses and numbers to
// the key functions: no panic, each key once, every key recognised by
// HasMatchKey, and the same keys for the same record written the other way
// round ("Last, First").
func FuzzMatchKeys(f *testing.F) {
	f.Add("Dr. José García Jr.", "Ácme Inc.", " Jose@Acme.example ", "+1 (415) 555-0100 ext. 12")
	f.Add("Lovelace, Ada", "Société Générale S.A.", "ada@gmail.com", "020 7946 0018")
	f.Add("", "", "@", "")
	f.Add("Пётр Чайковский", "ООО Ромашка", "pyotr@почта.рф", "+7 495 000-00-00")
	f.Fuzz(func(t *testing.T, name, company, email, phone string) {
		l := &leads.Lead{FullName: name, Company: company,
			Emails: []leads.Email{{Address: email}}, Phones: []leads.Phone{{Number: phone}}}
		keys := leads.MatchKeys(l)
		for i, k := range keys {
			if slices.Contains(keys[:i], k) {
				t.Fatalf("key %q twice in %q", k, keys)
			}
			if !leads.HasMatchKey(l, k) {
				t.Fatalf("HasMatchKey(%q) is false for a key of MatchKeys", k)
			}
			if utf8.ValidString(name+company+email+phone) && !utf8.ValidString(k) {
				t.Fatalf("key %q of valid text is not valid UTF-8", k)
			}
		}
		if n := leads.ParseName(name); n.First != "" && n.Last != "" && name == n.First+" "+n.Last {
			swapped := &leads.Lead{FullName: n.Last + ", " + n.First, Company: company}
			if a, b := leads.LeadNameMatchKey(&leads.Lead{FullName: name, Company: company}), leads.LeadNameMatchKey(swapped); a != b {
				t.Fatalf("%q and %q at %q key differently: %q, %q", name, swapped.FullName, company, a, b)
			}
		}
	})
}
