package leads

import (
	"encoding/json"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/google/uuid"
	"github.com/shopspring/decimal"
)

// Stage is where an opportunity stands in the sales pipeline.
type Stage string

// Opportunity stages, in pipeline order. A new opportunity is at
// StageProspecting.
const (
	StageProspecting   Stage = "prospecting"
	StageQualification Stage = "qualification"
	StageProposal      Stage = "proposal"
	StageNegotiation   Stage = "negotiation"
	StageClosedWon     Stage = "closed_won"
	StageClosedLost    Stage = "closed_lost"
)

// Stages returns the stages in pipeline order.
func Stages() []Stage {
	return []Stage{StageProspecting, StageQualification, StageProposal, StageNegotiation, StageClosedWon, StageClosedLost}
}

// ParseStage reads a stage case-insensitively; "closed won", "closed-won"
// and "won" are StageClosedWon, and likewise for lost.
func ParseStage(s string) (Stage, error) {
	t := strings.NewReplacer(" ", "_", "-", "_").Replace(strings.ToLower(strings.TrimSpace(s)))
	switch t {
	case "won":
		return StageClosedWon, nil
	case "lost":
		return StageClosedLost, nil
	}
	if slices.Contains(Stages(), Stage(t)) {
		return Stage(t), nil
	}
	return "", fieldErr("stage", "%q is not a stage (prospecting, qualification, proposal, negotiation, closed won or closed lost)", s)
}

// Opportunity is what a lead or business contact might buy: a title, line
// items of products and services, a stage in the pipeline and the chance of
// winning it. Money is exact: every amount is a decimal in the
// opportunity's currency, never a floating-point number.
type Opportunity struct {
	ID uuid.UUID `json:"id"`
	// RecordID is the lead or business contact the opportunity belongs to;
	// it must exist.
	RecordID uuid.UUID `json:"record_id"`
	Title    string    `json:"title"`
	Stage    Stage     `json:"stage"`
	// Probability is the chance of winning, in percent (0 to 100).
	Probability int `json:"probability"`
	// CloseDate is when the sale is expected to close: a date, midnight UTC.
	CloseDate time.Time `json:"close_date,omitzero"`
	// Currency is an ISO 4217 code that CurrencyMinorUnits knows ("EUR").
	Currency  string     `json:"currency"`
	Lines     []LineItem `json:"lines"`
	CreatedAt time.Time  `json:"created_at"`
	UpdatedAt time.Time  `json:"updated_at"`
	Version   int64      `json:"version"`
}

// LineItem is one product or service of an opportunity.
type LineItem struct {
	Product  string          `json:"product"`
	Quantity decimal.Decimal `json:"quantity"`
	// UnitPrice is in the opportunity's currency, with no more decimal
	// places than the currency has.
	UnitPrice decimal.Decimal `json:"unit_price"`
	// Discount is a percentage from 0 to 100.
	Discount decimal.Decimal `json:"discount"`
}

var hundred = decimal.NewFromInt(100)

// Total returns the line's amount in a currency with places decimal places:
// quantity × unit price × (1 − discount/100), computed exactly and then
// rounded to places, halves away from zero. Amounts are never negative (see
// Opportunity.Validate), so that is rounding half up: 0.125 EUR is 0.13.
func (li LineItem) Total(places int32) decimal.Decimal {
	gross := li.Quantity.Mul(li.UnitPrice)
	// × (100 − d) shifted two places: exact, with no division at all.
	net := gross.Mul(hundred.Sub(li.Discount)).Shift(-2)
	return net.Round(places)
}

// Clone returns a deep copy of o.
func (o *Opportunity) Clone() *Opportunity {
	if o == nil {
		return nil
	}
	c := *o
	c.Lines = slices.Clone(o.Lines)
	return &c
}

// Places returns the decimal places of the opportunity's currency, 0 for
// an unknown currency.
func (o *Opportunity) Places() int32 {
	p, _ := CurrencyMinorUnits(o.Currency)
	return p
}

// Total returns the sum of the line totals, each rounded to the currency's
// minor units first (see LineItem.Total), so the total equals the sum of
// the amounts printed on the lines.
func (o *Opportunity) Total() decimal.Decimal {
	places := o.Places()
	sum := decimal.Zero
	for _, li := range o.Lines {
		sum = sum.Add(li.Total(places))
	}
	return sum.Round(places)
}

// Validate checks the opportunity on its own: a title, a linked record, a
// known stage and currency, a probability from 0 to 100, a close date that
// is a date, and line items with a product, a quantity that is not
// negative, a unit price that is not negative and no more precise than the
// currency allows, and a discount from 0 to 100 %. It returns one error
// joining a *FieldError per problem ("lines[2].unit_price").
func (o *Opportunity) Validate() error {
	var errs []error
	add := func(err *FieldError) { errs = append(errs, err) }
	if strings.TrimSpace(o.Title) == "" {
		add(fieldErr("title", "is required"))
	} else if err := checkText("title", o.Title); err != nil {
		add(err)
	}
	if o.RecordID == uuid.Nil {
		add(fieldErr("record_id", "is required: the lead or contact the opportunity belongs to"))
	}
	if _, err := ParseStage(string(o.Stage)); err != nil {
		add(err.(*FieldError))
	}
	if o.Probability < 0 || o.Probability > 100 {
		add(fieldErr("probability", "%d is outside 0 to 100", o.Probability))
	}
	if !o.CloseDate.IsZero() && !isDate(o.CloseDate) {
		add(fieldErr("close_date", "%s is not a date: want midnight UTC", o.CloseDate.Format(time.RFC3339Nano)))
	}
	places, ok := CurrencyMinorUnits(o.Currency)
	switch {
	case strings.TrimSpace(o.Currency) == "":
		add(fieldErr("currency", "is required: an ISO 4217 code such as EUR"))
	case !ok:
		add(fieldErr("currency", "%q is not a currency code this package knows (ISO 4217, such as EUR, USD, JPY)", o.Currency))
	}
	for i, li := range o.Lines {
		field := fmt.Sprintf("lines[%d]", i)
		if strings.TrimSpace(li.Product) == "" {
			add(fieldErr(field+".product", "is required"))
		} else if err := checkText(field+".product", li.Product); err != nil {
			add(err)
		}
		if li.Quantity.IsNegative() {
			add(fieldErr(field+".quantity", "%s is negative", li.Quantity))
		}
		switch {
		case li.UnitPrice.IsNegative():
			add(fieldErr(field+".unit_price", "%s is negative", li.UnitPrice))
		case ok && !li.UnitPrice.Equal(li.UnitPrice.Truncate(places)):
			add(fieldErr(field+".unit_price", "%s has more decimal places than %s allows (%d)", li.UnitPrice, strings.ToUpper(o.Currency), places))
		}
		if li.Discount.IsNegative() || li.Discount.GreaterThan(hundred) {
			add(fieldErr(field+".discount", "%s%% is outside 0 to 100", li.Discount))
		}
	}
	return joinErrs(errs)
}

// MarshalJSON writes the opportunity with its total and each line's total,
// amounts in the currency's minor units ("12.50"), and lines as [] when
// there are none.
func (o Opportunity) MarshalJSON() ([]byte, error) {
	type plain Opportunity // without this method
	type line struct {
		LineItem
		Total string `json:"total"`
	}
	places := o.Places()
	out := struct {
		plain
		Lines []line `json:"lines"`
		Total string `json:"total"`
	}{plain: plain(o), Lines: []line{}, Total: o.Total().StringFixed(places)}
	for _, li := range o.Lines {
		out.Lines = append(out.Lines, line{li, li.Total(places).StringFixed(places)})
	}
	return json.Marshal(out)
}
