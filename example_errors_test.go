package leads_test

import (
	"fmt"

	"github.com/google/uuid"
	"github.com/shopspring/decimal"

	"github.com/leadkit/leads"
)

// A form shows each problem beside its field: FieldErrors lists every
// field error of a validation error, however it was joined or wrapped.
func ExampleFieldErrors() {
	o := &leads.Opportunity{RecordID: uuid.New(), Title: "Engines", Stage: leads.StageProspecting, Currency: "EUR",
		Probability: 120, Lines: []leads.LineItem{{Product: "Mill", Quantity: decimal.NewFromInt(-1)}}}
	err := &leads.RowError{Row: 7, Err: o.Validate()}
	problems := leads.FieldErrors(err)
	fmt.Println(leads.Problems(len(problems)))
	for _, fe := range problems {
		fmt.Println(fe.Field)
	}
	// Output:
	// 2 problems
	// probability
	// lines[0].quantity
}
