package leads_test

import (
	"context"
	"errors"
	"fmt"
	"log"

	"github.com/shopspring/decimal"

	"github.com/leadkit/leads"
)

func ExampleBook_Convert() {
	ctx := context.Background()
	book := exampleBook()
	l, err := book.Create(ctx, &leads.Lead{FullName: "Ada Lovelace", Company: "Analytical Engines"})
	if err != nil {
		log.Fatal(err)
	}

	conv, err := book.Convert(ctx, l.ID, leads.ConvertOptions{
		CreateAccount: true, // named after the company
		Opportunity: &leads.Opportunity{Title: "Two engines", Currency: "EUR", Lines: []leads.LineItem{
			{Product: "Engine", Quantity: decimal.NewFromInt(2), UnitPrice: decimal.RequireFromString("1999.50"),
				Discount: decimal.NewFromInt(10)},
		}},
	})
	if err != nil {
		log.Fatal(err)
	}
	c := conv.Contact
	fmt.Println("same record:", c.ID == l.ID)
	fmt.Println("now:", c.Type, c.Status, c.ConvertedAt.Format("2006-01-02 15:04"))
	fmt.Println("account:", conv.Account.Name, conv.AccountCreated)
	fmt.Println("opportunity total:", conv.Opportunity.Total().StringFixed(2), conv.Opportunity.Currency)

	_, err = book.Convert(ctx, l.ID, leads.ConvertOptions{})
	fmt.Println(errors.Is(err, leads.ErrAlreadyConverted))
	// Output:
	// same record: true
	// now: contact converted 2026-11-27 09:00
	// account: Analytical Engines true
	// opportunity total: 3599.10 EUR
	// true
}

func ExampleLineItem_Total() {
	li := leads.LineItem{Product: "Cards", Quantity: decimal.NewFromInt(3),
		UnitPrice: decimal.NewFromInt(333), Discount: decimal.NewFromInt(50)}
	places, _ := leads.CurrencyMinorUnits("JPY")
	// 3 × 333 × 0.5 = 499.5 yen, rounded half up to whole yen.
	fmt.Println(li.Total(places))
	// Output: 500
}

func ExampleFieldDefinitions_Create() {
	ctx := context.Background()
	book := exampleBook()
	_, err := book.Fields().Create(ctx, &leads.FieldDefinition{Name: "Tier", Type: leads.CustomChoice,
		Choices: []string{"Gold", "Silver"}})

	if err != nil {
		log.Fatal(err)
	}
	l, err := book.Create(ctx, &leads.Lead{FullName: "Ada", Custom: map[string]string{"Tier": "gold", "notes": "free-form"}})
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(l.Custom["Tier"], l.Custom["notes"])
	_, err = book.Create(ctx, &leads.Lead{FullName: "Bob", Custom: map[string]string{"Tier": "Platinum"}})
	fmt.Println(err)
	// Output:
	// Gold free-form
	// leads: custom.Tier: "Platinum" is not one of the choices (Gold, Silver)
}
