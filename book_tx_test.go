package leads_test

import (
	"context"
	"sync/atomic"
	"testing"

	"github.com/google/uuid"
	"github.com/leadkit/leads"
	"github.com/leadkit/leads/storage/memory"
	"github.com/stretchr/testify/require"
)

// txOnlyStore fails the test when the Book reads field definitions or
// criteria through the store while one of its Atomic calls runs: a store
// whose transactions hold a connection (PostgreSQL) would need a second
// connection for such a read, and concurrent writers could take them all.
type txOnlyStore struct {
	leads.Store
	t      *testing.T
	inside atomic.Int32
}

func (s *txOnlyStore) Atomic(ctx context.Context, fn func(tx leads.Tx) error) error {
	s.inside.Add(1)
	defer s.inside.Add(-1)
	return s.Store.Atomic(ctx, fn)
}

func (s *txOnlyStore) outside(what string) {
	if s.inside.Load() > 0 {
		s.t.Errorf("%s read through the store inside Atomic, not through its transaction", what)
	}
}

func (s *txOnlyStore) FieldDefinitions() leads.FieldDefinitionRepository {
	s.outside("field definitions")
	return s.Store.FieldDefinitions()
}

func (s *txOnlyStore) Criteria() leads.CriterionRepository {
	s.outside("criteria")
	return s.Store.Criteria()
}

// TestEditReadsThroughItsTransaction edits custom values and checks, which
// Edit validates against the field definitions and criteria of the store.
func TestEditReadsThroughItsTransaction(t *testing.T) {
	ctx := context.Background()
	s := &txOnlyStore{Store: memory.New(), t: t}
	b := leads.New(s)
	_, err := b.Fields().Create(ctx, &leads.FieldDefinition{RecordType: leads.TypeLead, Name: "Region",
		Type: leads.CustomChoice, Choices: []string{"North", "South"}})

	require.NoError(t, err)
	criteria, err := leads.Collect(b.Criteria().List(ctx))
	require.NoError(t, err)
	l, err := b.Create(ctx, &leads.Lead{FullName: "Ada Lovelace"})
	require.NoError(t, err)
	got, err := b.Edit(ctx, l.ID, func(l *leads.Lead) error {
		l.Custom = map[string]string{"Region": "north"}
		l.Checks = map[uuid.UUID]bool{criteria[0].ID: true}
		return nil
	})
	require.NoError(t, err)
	require.Equal(t, "North", got.Custom["Region"], "validated against the definition: canonical form")
	require.True(t, got.Checks[criteria[0].ID])
}
