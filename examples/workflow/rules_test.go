package main

import (
	"bytes"
	"testing"
	"time"

	"github.com/google/uuid"
	"github.com/leadkit/leads"
	"github.com/leadkit/leads/leadstest"
)

func TestReassignStale(t *testing.T) {
	rota := []string{"alice", "bob", "carol"}
	b := leadstest.NewBook(t, leadstest.WithUsers(rota...))
	web := func(rep string) func(*leads.Lead) {
		return func(l *leads.Lead) { l.Source = "Web"; l.AssignedTo = rep }
	}
	late := leadstest.Lead(t, b, web("alice"))
	last := leadstest.Lead(t, b, web("carol")) // wraps round to alice
	contacted := leadstest.Lead(t, b, web("alice"))
	if _, err := b.SetStatus(b.Ctx, contacted.ID, leads.StatusContacted, leads.StatusChange{}); err != nil {
		t.Fatal(err)
	}
	fair := leadstest.Lead(t, b, func(l *leads.Lead) { l.Source = "Trade show"; l.AssignedTo = "alice" })
	b.Clock.Advance(24 * time.Hour)
	fresh := leadstest.Lead(t, b, web("alice"))

	b.Clock.Advance(ContactWithin - 24*time.Hour) // exactly 48 hours for the first ones
	moved, err := ReassignStale(b.Ctx, b.Book, rota, b.Clock.Now())
	if err != nil {
		t.Fatal(err)
	}
	if len(moved) != 2 {
		t.Fatalf("moved %v, want the two stale web leads", moved)
	}
	leadstest.ExpectField(t, b, late.ID, "assigned_to", "bob")
	leadstest.ExpectField(t, b, last.ID, "assigned_to", "alice")
	leadstest.ExpectChange(t, b, late.ID, "assigned_to", "alice", "bob")
	for _, id := range []uuid.UUID{contacted.ID, fair.ID, fresh.ID} {
		leadstest.ExpectField(t, b, id, "assigned_to", "alice")
	}

	// A day later the fresh one is stale too; the moved ones move again.
	b.Clock.Advance(24 * time.Hour)
	moved, err = ReassignStale(b.Ctx, b.Book, rota, b.Clock.Now())
	if err != nil {
		t.Fatal(err)
	}
	if len(moved) != 3 {
		t.Fatalf("moved %d leads, want 3", len(moved))
	}
	leadstest.ExpectField(t, b, fresh.ID, "assigned_to", "bob")
	leadstest.ExpectField(t, b, late.ID, "assigned_to", "carol")
}

func TestQualifyAndConvert(t *testing.T) {
	b := leadstest.NewBook(t)
	budget := leadstest.Criterion(t, b, func(c *leads.Criterion) { c.Name = "Budget"; c.Weight = leads.WeightHigh })
	authority := leadstest.Criterion(t, b, func(c *leads.Criterion) { c.Name = "Authority"; c.Weight = leads.WeightHigh })
	ada := leadstest.Lead(t, b, func(l *leads.Lead) { l.Company = "Engines Ltd" })
	deal := leads.Opportunity{Title: "Engine", Currency: "GBP"}

	if _, err := b.Check(b.Ctx, ada.ID, map[uuid.UUID]bool{budget.ID: true}); err != nil {
		t.Fatal(err)
	}
	conv, err := QualifyAndConvert(b.Ctx, b.Book, ada.ID, budget.ID, authority.ID, deal)
	if err != nil || conv != nil {
		t.Fatalf("budget alone converted: %v, %v", conv, err)
	}
	leadstest.ExpectField(t, b, ada.ID, "type", "lead")

	if _, err := b.Check(b.Ctx, ada.ID, map[uuid.UUID]bool{authority.ID: true}); err != nil {
		t.Fatal(err)
	}
	b.Clock.Advance(time.Hour)
	conv, err = QualifyAndConvert(b.Ctx, b.Book, ada.ID, budget.ID, authority.ID, deal)
	if err != nil || conv == nil {
		t.Fatalf("budget and authority did not convert: %v", err)
	}
	leadstest.ExpectField(t, b, ada.ID, "type", "contact")
	leadstest.ExpectStatusPath(t, b, ada.ID, leads.StatusQualified, leads.StatusConverted)
	leadstest.ExpectField(t, b, ada.ID, "account_id", conv.Account.ID)
	if conv.Opportunity == nil || conv.Opportunity.RecordID != ada.ID {
		t.Errorf("opportunity %+v is not the contact's", conv.Opportunity)
	}
	if got := conv.Contact.StatusHistory[1].At; !got.Equal(leadstest.DefaultStart.Add(time.Hour)) {
		t.Errorf("converted at %v, want the test clock's time", got)
	}
}

func TestRun(t *testing.T) {
	var out bytes.Buffer
	if err := run(&out); err != nil {
		t.Fatal(err)
	}
	want := "not contacted in 48 hours: Grace Hopper now goes to bob\n" +
		"qualified and converted: Grace Hopper is a contact of Navy Labs, opportunity \"Compiler licences\" worth 1200.00 USD\n"
	if out.String() != want {
		t.Errorf("output:\n%s\nwant:\n%s", out.String(), want)
	}
}
