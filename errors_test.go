package leads_test

import (
	"errors"
	"fmt"
	"testing"

	"github.com/google/uuid"
	"github.com/shopspring/decimal"
	"github.com/stretchr/testify/require"

	"github.com/leadkit/leads"
)

func TestFieldErrors(t *testing.T) {
	a := &leads.FieldError{Field: "full_name", Reason: "is required"}
	b := &leads.FieldError{Field: "emails[1].address", Reason: "is not an e-mail address"}
	c := &leads.FieldError{Field: "score.stars", Reason: "7 is outside 0 to 5"}
	for _, tt := range []struct {
		name string
		err  error
		want []*leads.FieldError
	}{
		{"nil", nil, nil},
		{"no field error", leads.ErrNotFound, nil},
		{"one", a, []*leads.FieldError{a}},
		{"joined", errors.Join(a, b), []*leads.FieldError{a, b}},
		{"wrapped", fmt.Errorf("opportunity: %w", errors.Join(a, b)), []*leads.FieldError{a, b}},
		{"joined in joined", errors.Join(a, errors.Join(b, leads.ErrConflict), c), []*leads.FieldError{a, b, c}},
		{"in a row error", &leads.RowError{Row: 3, Err: errors.Join(a, b)}, []*leads.FieldError{a, b}},
		{"in row errors joined", errors.Join(&leads.RowError{Row: 2, Err: a}, &leads.RowError{Row: 5, Column: "stars", Err: c}),
			[]*leads.FieldError{a, c}},
		{"in a record error", &leads.RecordError{ID: uuid.Nil, Err: fmt.Errorf("history[0]: %w", b)}, []*leads.FieldError{b}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			require.Equal(t, tt.want, leads.FieldErrors(tt.err))
		})
	}
}

// TestFieldErrorsOfValidation walks what validation really returns: one
// field error per problem, every one found, through a wrapper.
func TestFieldErrorsOfValidation(t *testing.T) {
	o := &leads.Opportunity{RecordID: uuid.New(), Stage: leads.StageProspecting, Currency: "EUR", Probability: -1,
		Lines: []leads.LineItem{{Product: "Mill", Discount: decimal.NewFromInt(101)}}}
	err := fmt.Errorf("opportunity: %w", o.Validate())
	require.ErrorIs(t, err, leads.ErrInvalid)
	var fields []string
	for _, fe := range leads.FieldErrors(&leads.RowError{Row: 2, Err: err}) {
		fields = append(fields, fe.Field)
	}
	require.Equal(t, []string{"title", "probability", "lines[0].discount"}, fields)
}

func TestProblems(t *testing.T) {
	for n, want := range map[int]string{0: "no problems", 1: "1 problem", 2: "2 problems", 12: "12 problems"} {
		require.Equal(t, want, leads.Problems(n), "%d", n)
	}
}

func TestMergedError(t *testing.T) {
	id, survivor := uuid.MustParse("0190f000-0000-7000-8000-000000000001"), uuid.MustParse("0190f000-0000-7000-8000-000000000002")
	err := fmt.Errorf("edit: %w", &leads.MergedError{ID: id, Survivor: survivor})
	for _, target := range []error{leads.ErrMerged, leads.ErrNotFound} {
		require.ErrorIs(t, err, target)
	}
	require.NotErrorIs(t, err, leads.ErrInvalid)
	var me *leads.MergedError
	require.ErrorAs(t, err, &me)
	require.Equal(t, survivor, me.Survivor)
	require.Equal(t, "edit: leads: lead "+id.String()+" was merged into "+survivor.String(), err.Error())
}
