package dedupe_test

import (
	"context"
	"testing"

	"github.com/leadkit/leads"
	"github.com/leadkit/leads/storage/memory"
)

// FuzzDuplicates checks a Book's Duplicates through a Finder on arbitrary records: no panic,
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
		book := newBook(store)
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
