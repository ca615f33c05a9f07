package leads_test

import (
	"context"
	"fmt"
	"log"
	"time"

	"github.com/google/uuid"

	"github.com/leadkit/leads"
)

func ExampleBook_History() {
	ctx := leads.WithActor(context.Background(), "alice")
	book := exampleBook()
	ada, err := book.Create(ctx, &leads.Lead{FullName: "Ada Lovelace", Company: "Analytical"})
	if err != nil {
		log.Fatal(err)
	}

	start := time.Date(2026, 11, 20, 15, 0, 0, 0, time.UTC)
	_, err = book.History().Create(ctx, &leads.HistoryItem{
		Kind: leads.KindPhone, Subject: "First call", Records: []uuid.UUID{ada.ID},
		Direction: leads.DirectionOut, Number: "+44 20 7946 0018", Start: start, Duration: 12 * time.Minute,
	})
	if err != nil {
		log.Fatal(err)
	}
	_, err = book.History().Create(ctx, &leads.HistoryItem{
		Kind: leads.KindAppointment, Subject: "Demo", Records: []uuid.UUID{ada.ID},
		Start: start.Add(48 * time.Hour), End: start.Add(47 * time.Hour),
	})
	fmt.Println(err)

	if _, err := book.Edit(ctx, ada.ID, func(l *leads.Lead) error { l.Company = "Engines Ltd"; return nil }); err != nil {
		log.Fatal(err)
	}
	items, err := leads.Collect(book.History().List(ctx, ada.ID, leads.HistoryFilter{}))
	if err != nil {
		log.Fatal(err)
	}
	for _, h := range items {
		fmt.Println(h.At.Format(time.DateTime), h.Kind, h.Subject, "by", h.CreatedBy)
		for _, c := range h.Changes {
			fmt.Printf("  %s: %s -> %s\n", c.Field, c.From, c.To)
		}
	}
	// Output:
	// leads: end: 2026-11-22T14:00:00Z is before the start 2026-11-22T15:00:00Z
	// 2026-11-27 09:00:00 change Changed company by alice
	//   company: "Analytical" -> "Engines Ltd"
	// 2026-11-20 15:00:00 phone First call by alice
}
