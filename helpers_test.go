package leads_test

import (
	"errors"
	"slices"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/leadkit/leads"
)

// fieldErrors collects every *FieldError in err's tree, walking both
// Unwrap() error and Unwrap() []error (errors.Join), in depth-first order.
func fieldErrors(err error) []*leads.FieldError {
	var out []*leads.FieldError
	var walk func(error)
	walk = func(err error) {
		if err == nil {
			return
		}
		var fe *leads.FieldError
		if errors.As(err, &fe) && fe == err {
			out = append(out, fe)
		}
		switch u := err.(type) {
		case interface{ Unwrap() []error }:
			for _, e := range u.Unwrap() {
				walk(e)
			}
		case interface{ Unwrap() error }:
			walk(u.Unwrap())
		}
	}
	walk(err)
	return out
}

// fieldNames returns the Field of every *FieldError in err, sorted.
func fieldNames(err error) []string {
	var names []string
	for _, fe := range fieldErrors(err) {
		names = append(names, fe.Field)
	}
	slices.Sort(names)
	return names
}

// requireFieldErrors checks that err is an ErrInvalid whose field errors
// name exactly the given fields (in any order, with repeats).
func requireFieldErrors(t testing.TB, err error, fields ...string) {
	t.Helper()
	require.Error(t, err)
	require.ErrorIs(t, err, leads.ErrInvalid)
	var fe *leads.FieldError
	require.ErrorAs(t, err, &fe)
	want := slices.Clone(fields)
	slices.Sort(want)
	require.Equal(t, want, fieldNames(err), "fields named by %v", err)
}
