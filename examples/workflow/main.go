// Workflow shows a host application's sales rules written in a few lines
// over the leads SDK, and tested with package leadstest (see
// rules_test.go): a web lead not contacted within 48 hours goes to the next
// rep, and a lead with budget and authority is qualified and converted,
// with an opportunity.
//
//	go run ./examples/workflow
//
// The program runs both rules on a memory store whose clock it moves, and
// prints what they did.
package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"time"

	"github.com/google/uuid"
	"github.com/leadkit/leads"
	"github.com/leadkit/leads/storage/memory"
	"github.com/shopspring/decimal"
)

func main() {
	if err := run(os.Stdout); err != nil {
		fmt.Fprintln(os.Stderr, "workflow:", err)
		os.Exit(1)
	}
}

func run(w io.Writer) error {
	now := time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC)
	book := leads.New(memory.New(), leads.WithClock(leads.ClockFunc(func() time.Time { return now })))
	ctx := leads.WithActor(context.Background(), "workflow")
	rota := []string{"alice", "bob", "carol"}
	for _, rep := range rota {
		if _, err := book.Users().Create(ctx, &leads.User{Name: rep, Email: rep + "@example.com"}); err != nil {
			return err
		}
	}
	web, err := book.Create(ctx, &leads.Lead{FullName: "Grace Hopper", Company: "Navy Labs", Source: "Web", AssignedTo: "alice"})
	if err != nil {
		return err
	}
	if _, err := book.Create(ctx, &leads.Lead{FullName: "Alan Turing", Source: "Trade show", AssignedTo: "alice"}); err != nil {
		return err
	}

	now = now.Add(49 * time.Hour)
	moved, err := ReassignStale(ctx, book, rota, now)
	if err != nil {
		return err
	}
	for _, id := range moved {
		l, _ := book.Get(ctx, id)
		fmt.Fprintf(w, "not contacted in 48 hours: %s now goes to %s\n", l.FullName, l.AssignedTo)
	}

	budget, err := book.Criteria().Create(ctx, &leads.Criterion{Name: "Budget", Weight: leads.WeightHigh})
	if err != nil {
		return err
	}
	authority, err := book.Criteria().Create(ctx, &leads.Criterion{Name: "Authority", Weight: leads.WeightHigh})
	if err != nil {
		return err
	}
	if _, err := book.Check(ctx, web.ID, map[uuid.UUID]bool{budget.ID: true, authority.ID: true}); err != nil {
		return err
	}
	deal := leads.Opportunity{Title: "Compiler licences", Currency: "USD",
		Lines: []leads.LineItem{{Product: "Licence", Quantity: decimal.NewFromInt(10), UnitPrice: decimal.NewFromInt(120)}}}
	conv, err := QualifyAndConvert(ctx, book, web.ID, budget.ID, authority.ID, deal)
	if err != nil {
		return err
	}
	fmt.Fprintf(w, "qualified and converted: %s is a %s of %s, opportunity %q worth %s %s\n",
		conv.Contact.FullName, conv.Contact.Type, conv.Account.Name, conv.Opportunity.Title, conv.Opportunity.Total().StringFixed(2), conv.Opportunity.Currency)
	return nil
}
