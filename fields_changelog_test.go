package leads_test

import (
	"context"
	"testing"

	"github.com/leadkit/leads"
	"github.com/leadkit/leads/storage/memory"
	"github.com/stretchr/testify/require"
)

// TestFieldDefinitionChangesAreLogged: renaming a definition moves the
// values, and deleting one removes them; each record that held a value
// logs the change.
func TestFieldDefinitionChangesAreLogged(t *testing.T) {
	ctx := leads.WithActor(context.Background(), "admin")
	book := leads.New(memory.New())
	d, err := book.Fields().Create(ctx, &leads.FieldDefinition{RecordType: leads.TypeLead, Name: "Region", Type: leads.CustomText})
	require.NoError(t, err)
	l, err := book.Create(ctx, &leads.Lead{FullName: "Ada", Custom: map[string]string{"Region": "North"}})
	require.NoError(t, err)
	_, err = book.Fields().Edit(ctx, d.ID, func(d *leads.FieldDefinition) error { d.Name = "Area"; return nil })
	require.NoError(t, err)
	require.NoError(t, book.Fields().Delete(ctx, d.ID))

	got, err := book.Get(ctx, l.ID)
	require.NoError(t, err)
	require.Empty(t, got.Custom)
	log, err := leads.Collect(book.History().Changes(ctx, l.ID))
	require.NoError(t, err)
	// The custom values change as one field, "custom": oldest first, the
	// rename (Region to Area), then the deletion.
	require.Len(t, log, 2)
	var changes []string
	for _, h := range log {
		require.Equal(t, "admin", h.CreatedBy)
		require.Len(t, h.Changes, 1)
		require.Equal(t, "custom", h.Changes[0].Field)
		changes = append(changes, string(h.Changes[0].From)+" -> "+string(h.Changes[0].To))
	}
	require.ElementsMatch(t, []string{`{"Region":"North"} -> {"Area":"North"}`, `{"Area":"North"} -> null`}, changes)
}
