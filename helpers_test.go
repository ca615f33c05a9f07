package leads_test

import (
	"context"
	"errors"
	"fmt"
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

// save replaces the stored record with l through Book.Edit, unless the
// record changed since l was read (l.Version is stale): then it fails with
// a *ConflictError and writes nothing. It is the version check that a
// form saving a whole record makes inside Edit's fn.
func save(ctx context.Context, b *leads.Book, l *leads.Lead) (*leads.Lead, error) {
	want := l.Clone()
	return b.Edit(ctx, l.ID, func(cur *leads.Lead) error {
		if cur.Version != want.Version {
			return &leads.ConflictError{Kind: "lead", ID: want.ID.String(),
				Reason: fmt.Sprintf("stale version %d, stored %d", want.Version, cur.Version)}
		}
		*cur = *want.Clone()
		return nil
	})
}

// preview returns opts with MergeOptions.Preview set.
func preview(opts leads.MergeOptions) leads.MergeOptions {
	opts.Preview = true
	return opts
}
