package leads

import (
	"fmt"
	"strings"

	"github.com/google/uuid"
)

// Weight is how much a scoring criterion counts: low 1, normal 2, high 3.
type Weight uint8

// Criterion weights. The zero Weight is invalid, so a criterion always
// states its weight.
const (
	WeightLow    Weight = 1
	WeightNormal Weight = 2
	WeightHigh   Weight = 3
)

// Valid reports whether w is low, normal or high.
func (w Weight) Valid() bool { return w >= WeightLow && w <= WeightHigh }

// String returns "low", "normal" or "high".
func (w Weight) String() string {
	switch w {
	case WeightLow:
		return "low"
	case WeightNormal:
		return "normal"
	case WeightHigh:
		return "high"
	}
	return fmt.Sprintf("Weight(%d)", w)
}

// ParseWeight reads "low", "normal" or "high", case-insensitively.
func ParseWeight(s string) (Weight, error) {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "low":
		return WeightLow, nil
	case "normal":
		return WeightNormal, nil
	case "high":
		return WeightHigh, nil
	}
	return 0, fieldErr("weight", "%q is not a weight (low, normal or high)", s)
}

// MarshalText implements encoding.TextMarshaler.
func (w Weight) MarshalText() ([]byte, error) {
	if !w.Valid() {
		return nil, fieldErr("weight", "%d is not a weight (low, normal or high)", w)
	}
	return []byte(w.String()), nil
}

// UnmarshalText implements encoding.TextUnmarshaler.
func (w *Weight) UnmarshalText(b []byte) error {
	v, err := ParseWeight(string(b))
	if err != nil {
		return err
	}
	*w = v
	return nil
}

// Criterion is one question of lead scoring, such as "Has a budget", with
// the weight of a yes. Each record answers it with a check (Lead.Checks).
type Criterion struct {
	ID     uuid.UUID `json:"id"`
	Name   string    `json:"name"`
	Weight Weight    `json:"weight"`
	// Version counts the writes of the criterion, as Lead.Version does.
	Version int64 `json:"version,omitempty"`
}

// Clone returns a copy of c.
func (c *Criterion) Clone() *Criterion {
	if c == nil {
		return nil
	}
	x := *c
	return &x
}

// Validate checks that the criterion has a description and a valid weight.
func (c *Criterion) Validate() error {
	var errs []error
	switch {
	case strings.TrimSpace(c.Name) == "":
		errs = append(errs, fieldErr("name", "is required: say what the criterion asks"))
	default:
		if err := checkText("name", c.Name); err != nil {
			errs = append(errs, err)
		}
	}
	if !c.Weight.Valid() {
		errs = append(errs, fieldErr("weight", "%d is not a weight (low, normal or high)", c.Weight))
	}
	return joinErrs(errs)
}

// DefaultCriteria returns the criteria a new store starts with, so that
// scoring works out of the box. Their IDs are fixed, the same in every
// store:
//
//	Has a budget                      high
//	Is the decision maker             high
//	Needs what we sell                normal
//	Plans to buy within three months  normal
//	Company size fits                 low
//	Answered a campaign               low
//
// Users edit or delete them like any other criterion.
func DefaultCriteria() []Criterion {
	return []Criterion{
		{ID: defaultCriterionID(1), Name: "Has a budget", Weight: WeightHigh},
		{ID: defaultCriterionID(2), Name: "Is the decision maker", Weight: WeightHigh},
		{ID: defaultCriterionID(3), Name: "Needs what we sell", Weight: WeightNormal},
		{ID: defaultCriterionID(4), Name: "Plans to buy within three months", Weight: WeightNormal},
		{ID: defaultCriterionID(5), Name: "Company size fits", Weight: WeightLow},
		{ID: defaultCriterionID(6), Name: "Answered a campaign", Weight: WeightLow},
	}
}

// defaultCriterionID returns the fixed ID of the n-th default criterion: a
// version 7 UUID of time zero, so it sorts before any criterion added later.
func defaultCriterionID(n byte) uuid.UUID {
	return uuid.UUID{0, 0, 0, 0, 0, 0, 0x70, 0, 0x80, 0, 0, 0, 0, 0, 0, n}
}
