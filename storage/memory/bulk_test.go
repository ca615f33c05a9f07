package memory_test

import (
	"context"
	"testing"

	"github.com/google/uuid"
	"github.com/stretchr/testify/require"

	"github.com/leadkit/leads"
	"github.com/leadkit/leads/storage/memory"
)

func newLead(name string) *leads.Lead {
	return &leads.Lead{ID: uuid.Must(uuid.NewV7()), FullName: name}
}

func TestCreateMany(t *testing.T) {
	taken := newLead("Taken")
	gone := newLead("Gone")
	a, b := newLead("Ada"), newLead("Bea")
	tests := []struct {
		name    string
		batch   func() []*leads.Lead
		wantErr error
	}{
		{"new leads", func() []*leads.Lead { return []*leads.Lead{a.Clone(), b.Clone()} }, nil},
		{"an ID deleted in the same transaction", func() []*leads.Lead { return []*leads.Lead{a.Clone(), gone.Clone()} }, nil},
		{"an ID taken", func() []*leads.Lead { return []*leads.Lead{a.Clone(), taken.Clone()} }, leads.ErrConflict},
		{"an ID repeated", func() []*leads.Lead { return []*leads.Lead{a.Clone(), b.Clone(), a.Clone()} }, leads.ErrConflict},
		{"a repeated ID deleted before", func() []*leads.Lead { return []*leads.Lead{gone.Clone(), gone.Clone()} }, leads.ErrConflict},
		{"no ID", func() []*leads.Lead { return []*leads.Lead{a.Clone(), {FullName: "Cy"}} }, leads.ErrInvalid},
	}
	for _, adopt := range []bool{false, true} {
		for _, tt := range tests {
			name := tt.name
			if adopt {
				name = "adopt " + name
			}
			t.Run(name, func(t *testing.T) { testCreateMany(t, tt.batch(), tt.wantErr, adopt, taken, gone, a) })
		}
	}
}

// testCreateMany writes batch with CreateMany or AdoptMany in a transaction
// that first deletes gone, beside the stored lead taken.
func testCreateMany(t *testing.T, batch []*leads.Lead, wantErr error, adopt bool, taken, gone, a *leads.Lead) {
	ctx := context.Background()
	s := memory.New()
	require.NoError(t, s.Leads().Create(ctx, taken.Clone()))
	require.NoError(t, s.Leads().Create(ctx, gone.Clone()))
	var inTx error
	err := s.Atomic(ctx, func(tx leads.Tx) error {
		require.NoError(t, tx.Leads().Delete(ctx, gone.ID))
		if adopt {
			inTx = tx.Leads().(leads.BulkAdopter).AdoptMany(ctx, batch)
		} else {
			inTx = tx.Leads().(leads.BulkCreator).CreateMany(ctx, batch)
		}
		// Whatever CreateMany did, the transaction goes on: a
		// failed batch must have left nothing of itself behind.
		return nil
	})
	require.NoError(t, err)
	n, err := s.Leads().Count(ctx, leads.Query{})
	require.NoError(t, err)
	if wantErr != nil {
		require.ErrorIs(t, inTx, wantErr)
		require.Equal(t, 1, n, "only the taken lead: the batch left nothing, the deletion stays")
		_, err := s.Leads().Get(ctx, a.ID)
		require.ErrorIs(t, err, leads.ErrNotFound)
		for _, l := range batch {
			require.Zero(t, l.Version, "versions are set only on success")
		}
		return
	}
	require.NoError(t, inTx)
	require.Equal(t, 1+len(batch), n)
	for _, l := range batch {
		require.EqualValues(t, 1, l.Version)
		got, err := s.Leads().Get(ctx, l.ID)
		require.NoError(t, err)
		require.Equal(t, l.FullName, got.FullName)
		require.EqualValues(t, 1, got.Version)
	}
	// CreateMany keeps copies: the caller's leads stay its own.
	// AdoptMany keeps the leads themselves.
	batch[0].FullName = "changed"
	got, err := s.Leads().Get(ctx, batch[0].ID)
	require.NoError(t, err)
	require.Equal(t, adopt, got.FullName == "changed")
}

func TestStoreCreateManyIsAtomic(t *testing.T) {
	ctx := context.Background()
	s := memory.New()
	a := newLead("Ada")
	require.NoError(t, leads.CreateMany(ctx, s, []*leads.Lead{a}))
	err := leads.CreateMany(ctx, s, []*leads.Lead{newLead("Bea"), a.Clone()})
	require.ErrorIs(t, err, leads.ErrConflict)
	n, err := s.Leads().Count(ctx, leads.Query{})
	require.NoError(t, err)
	require.Equal(t, 1, n)
}
