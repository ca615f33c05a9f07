package importexport_test

import (
	"context"
	"testing"

	"github.com/google/uuid"
	"github.com/stretchr/testify/require"

	"github.com/leadkit/leads"
	"github.com/leadkit/leads/importexport"
	"github.com/leadkit/leads/storage/memory"
)

// TestMatcherNameWithoutCompany checks that two rows with the same common
// name and no company are not matched: the Matcher promises "the same
// name at the same company", and duplicate detection weighs a name alone
// at 35, below its threshold, because common names repeat. Matching them
// makes an import skip (or merge into the first) every later "John Smith".
//
// It fails with the Matcher of importexport/match.go, which matches the
// name key "n:john smith|" (no company) as it matches a name at a
// company; the fix (see the review of issue 10) is to leave out of
// keysOf a name key that ends in "|".
func TestMatcherNameWithoutCompany(t *testing.T) {
	t.Skip("fails until importexport/match.go skips name keys without a company (review of issue 10)")
	ctx := context.Background()
	store := memory.New()
	book := leads.New(store)
	stored, err := book.Create(ctx, &leads.Lead{FullName: "John Smith"})
	require.NoError(t, err)
	m := importexport.NewStoreMatcher(store.Leads())
	row := &leads.Lead{ID: uuid.Must(uuid.NewV7()), FullName: "Smith, John"}
	match, ok, err := m.Find(ctx, row)
	require.NoError(t, err)
	require.False(t, ok, "matched stored %s (%s), want no match", match.ID, stored.FullName)

	m = importexport.NewMatcher()
	m.Add(&leads.Lead{ID: uuid.Must(uuid.NewV7()), FullName: "John Smith"})
	_, ok, err = m.Find(ctx, row)
	require.NoError(t, err)
	require.False(t, ok, "matched an earlier row of the file")

	// At a company the name still matches.
	m.Add(&leads.Lead{ID: uuid.Must(uuid.NewV7()), FullName: "John Smith", Company: "Acme"})
	_, ok, err = m.Find(ctx, &leads.Lead{FullName: "Smith, John", Company: "ACME Inc."})
	require.NoError(t, err)
	require.True(t, ok)
}
