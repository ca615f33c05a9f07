package leadstest

import (
	"fmt"
	"strings"
	"testing"

	"github.com/google/uuid"
	"github.com/leadkit/leads"
	"github.com/shopspring/decimal"
)

// defaultName gives builders their default people, in turn.
func defaultName(i int) string {
	names := [...]string{"Ada Lovelace", "Charles Babbage", "Grace Hopper", "Alan Turing", "Katherine Johnson",
		"Edsger Dijkstra", "Barbara Liskov", "Donald Knuth", "Frances Allen", "John Backus"}
	return names[i%len(names)]
}

// nth returns the i-th default name and an e-mail address made unique by
// the book's sequence, so that no two built records are duplicates.
func nth(b *Book) (name, email string) {
	n := b.IDs.count()
	name = defaultName(n)
	local := strings.ToLower(strings.ReplaceAll(name, " ", "."))
	return name, fmt.Sprintf("%s.%d@example.com", local, n)
}

// Lead stores a lead with a default name, company and e-mail address,
// changed by edits, and returns it as stored.
func Lead(t testing.TB, b *Book, edits ...func(*leads.Lead)) *leads.Lead {
	t.Helper()
	name, email := nth(b)
	l := &leads.Lead{FullName: name, Company: "Example Corp", Emails: []leads.Email{{Address: email}}}
	for _, e := range edits {
		e(l)
	}
	got, err := b.Create(b.Ctx, l)
	if err != nil {
		t.Fatalf("leadstest: create lead %q: %v", l.FullName, err)
	}
	return got
}

// Contact stores a business contact as Lead stores a lead.
func Contact(t testing.TB, b *Book, edits ...func(*leads.Lead)) *leads.Lead {
	t.Helper()
	return Lead(t, b, append([]func(*leads.Lead){func(l *leads.Lead) { l.Type = leads.TypeContact }}, edits...)...)
}

// Account stores an account named "Example Corp N" unless edits name it.
func Account(t testing.TB, b *Book, edits ...func(*leads.Account)) *leads.Account {
	t.Helper()
	a := &leads.Account{Name: fmt.Sprintf("Example Corp %d", b.IDs.count())}
	for _, e := range edits {
		e(a)
	}
	got, err := b.Accounts().Create(b.Ctx, a)
	if err != nil {
		t.Fatalf("leadstest: create account %q: %v", a.Name, err)
	}
	return got
}

// Opportunity stores an opportunity of the record: "Opportunity N" in EUR,
// prospecting, with one line of one item at 1000.00, changed by edits.
func Opportunity(t testing.TB, b *Book, record uuid.UUID, edits ...func(*leads.Opportunity)) *leads.Opportunity {
	t.Helper()
	o := leads.Opportunity{RecordID: record, Title: fmt.Sprintf("Opportunity %d", b.IDs.count()), Currency: "EUR",
		Stage: leads.StageProspecting, Probability: 10,
		Lines: []leads.LineItem{{Product: "Licence", Quantity: decimal.NewFromInt(1), UnitPrice: decimal.NewFromInt(1000)}}}
	for _, e := range edits {
		e(&o)
	}
	got, err := b.Opportunities().Create(b.Ctx, &o)
	if err != nil {
		t.Fatalf("leadstest: add opportunity %q: %v", o.Title, err)
	}
	return got
}

// User adds a user of the book with the e-mail address NAME@team.example.
func User(t testing.TB, b *Book, name string) *leads.User {
	t.Helper()
	u, err := b.Users().Create(b.Ctx, &leads.User{Name: name, Email: strings.ToLower(strings.ReplaceAll(name, " ", ".")) + "@team.example"})
	if err != nil {
		t.Fatalf("leadstest: add user %q: %v", name, err)
	}
	return u
}

// Criterion adds a scoring criterion "Criterion N" of normal weight,
// changed by edits. Adding it rescores every automatic record.
func Criterion(t testing.TB, b *Book, edits ...func(*leads.Criterion)) *leads.Criterion {
	t.Helper()
	c := leads.Criterion{Name: fmt.Sprintf("Criterion %d", b.IDs.count()), Weight: leads.WeightNormal}
	for _, e := range edits {
		e(&c)
	}
	got, err := b.Criteria().Create(b.Ctx, &c)
	if err != nil {
		t.Fatalf("leadstest: add criterion %q: %v", c.Name, err)
	}
	return got
}

// History adds a history item linked to the record: a business note
// "Note N" at the clock's time unless edits say otherwise.
func History(t testing.TB, b *Book, record uuid.UUID, edits ...func(*leads.HistoryItem)) *leads.HistoryItem {
	t.Helper()
	h := &leads.HistoryItem{Kind: leads.KindNote, Subject: fmt.Sprintf("Note %d", b.IDs.count()), Records: []uuid.UUID{record}}
	for _, e := range edits {
		e(h)
	}
	got, err := b.History().Create(b.Ctx, h)
	if err != nil {
		t.Fatalf("leadstest: add history item %q: %v", h.Subject, err)
	}
	return got
}
