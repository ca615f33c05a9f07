package leads_test

import (
	"context"
	"iter"
	"testing"
	"time"

	"github.com/google/uuid"
	"github.com/stretchr/testify/require"

	"github.com/leadkit/leads"
	"github.com/leadkit/leads/storage/memory"
)

// countingStore counts the listings of criteria and field definitions.
type countingStore struct {
	leads.Store
	criteria, defs *int
}

func (s countingStore) Criteria() leads.CriterionRepository {
	return countingCriteria{s.Store.Criteria(), s.criteria}
}

func (s countingStore) FieldDefinitions() leads.FieldDefinitionRepository {
	return countingDefs{s.Store.FieldDefinitions(), s.defs}
}

type countingCriteria struct {
	leads.CriterionRepository
	n *int
}

func (r countingCriteria) List(ctx context.Context) iter.Seq2[*leads.Criterion, error] {
	*r.n++
	return r.CriterionRepository.List(ctx)
}

type countingDefs struct {
	leads.FieldDefinitionRepository
	n *int
}

func (r countingDefs) List(ctx context.Context) iter.Seq2[*leads.FieldDefinition, error] {
	*r.n++
	return r.FieldDefinitionRepository.List(ctx)
}

func TestPreparerReadsOnce(t *testing.T) {
	ctx := context.Background()
	var criteria, defs int
	now := time.Date(2026, 11, 27, 9, 0, 0, 0, time.UTC)
	book := leads.New(countingStore{memory.New(), &criteria, &defs}, leads.WithClock(leads.ClockFunc(func() time.Time { return now })))
	_, err := book.Fields().Create(ctx, &leads.FieldDefinition{RecordType: leads.TypeLead, Name: "Budget", Type: leads.CustomNumber})
	require.NoError(t, err)
	met := leads.DefaultCriteria()[0].ID
	row := func() *leads.Lead {
		return &leads.Lead{ID: uuid.Must(uuid.NewV7()), FullName: "Ada Lovelace", Checks: map[uuid.UUID]bool{met: true},
			Custom: map[string]string{"Budget": " 12.50 "}}
	}

	criteria, defs = 0, 0
	p := leads.NewPreparer(book)
	for range 100 {
		l := row()
		want, err := leads.NewPreparer(book).Prepare(ctx, l)
		require.NoError(t, err)
		got, err := p.Prepare(ctx, l)
		require.NoError(t, err)
		require.Equal(t, want, got, "the same record as Book.Prepare")
		require.Equal(t, " 12.50 ", l.Custom["Budget"], "Prepare leaves l as it was")

		in := l.Clone()
		require.NoError(t, p.PrepareInPlace(ctx, in))
		require.Equal(t, want, in, "in place, the same record")
	}
	require.Equal(t, 100+1, criteria, "Book.Prepare reads the criteria per record, the Preparer once")
	require.Equal(t, 100+1, defs, "Book.Prepare reads the definitions per record, the Preparer once")

	// A bad row is rejected as Preparer.Prepare rejects it.
	bad := row()
	bad.Checks[uuid.Must(uuid.NewV7())] = true
	bad.Custom["Budget"] = "lots"
	_, wantErr := leads.NewPreparer(book).Prepare(ctx, bad)
	require.ErrorIs(t, wantErr, leads.ErrInvalid)
	_, err = p.Prepare(ctx, bad)
	require.Equal(t, wantErr.Error(), err.Error())
}
