package leads_test

import (
	"context"
	"slices"
	"testing"
	"unicode/utf8"

	"github.com/leadkit/leads"
	"github.com/leadkit/leads/storage/memory"
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

// FuzzDuplicates checks Book.Duplicates on arbitrary records: no panic,
// strengths within 0-100 with at least one reason, never the record
// itself, and a stored record with the same valid e-mail address found.
func FuzzDuplicates(f *testing.F) {
	f.Add("Ada Lovelace", "Engines", "ada@engines.example", "+44 20 7946 0018", "Lovelace, Ada", "ENGINES Ltd", "020 7946 0018", "GB")
	f.Add("", "", "", "", "x", "", "1", "")
	f.Add("José", "Ácme", "j@acme.example", "++++", "JOSE", "acme", "0000000", "ZZ")
	f.Fuzz(func(t *testing.T, name, company, email, phone, name2, company2, phone2, region string) {
		ctx := context.Background()
		store := memory.New()
		defer store.Close()
		book := leads.New(store)
		stored, err := book.Create(ctx, &leads.Lead{FullName: name, Company: company,
			Emails: []leads.Email{{Address: email}}, Phones: []leads.Phone{{Number: phone}}})
		if err != nil {
			t.Skip("not a valid record") // validation is tested elsewhere
		}
		probe := &leads.Lead{FullName: name2, Company: company2, Emails: stored.Emails,
			Phones: []leads.Phone{{Number: phone2}}}
		dups, err := book.Duplicates(ctx, probe, leads.DuplicateOptions{Region: region, Threshold: 1})
		if err != nil {
			t.Fatalf("Duplicates: %v", err)
		}
		found := false
		for _, d := range dups {
			if d.Strength < 1 || d.Strength > 100 || len(d.Reasons) == 0 {
				t.Fatalf("candidate %+v: strength out of range or no reason", d)
			}
			found = found || d.Lead.ID == stored.ID
		}
		if leads.EmailMatchKey(email) != "" && !found {
			t.Fatalf("a record with the same address %q not found", email)
		}
		self, err := book.Duplicates(ctx, stored, leads.DuplicateOptions{Region: region, Threshold: 1})
		if err != nil {
			t.Fatalf("Duplicates of a stored record: %v", err)
		}
		for _, d := range self {
			if d.Lead.ID == stored.ID {
				t.Fatal("a record is its own duplicate")
			}
		}
	})
}
