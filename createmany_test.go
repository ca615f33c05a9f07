package leads_test

import (
	"context"
	"testing"

	"github.com/google/uuid"
	"github.com/stretchr/testify/require"

	"github.com/leadkit/leads"
	"github.com/leadkit/leads/storage/memory"
)

// genericStore hides the memory store's BulkCreator, so that CreateMany
// takes the generic path of stores without one.
type genericStore struct{ leads.Store }

func (s genericStore) Leads() leads.LeadRepository { return genericLeads{s.Store.Leads()} }

type genericLeads struct{ leads.LeadRepository }

func TestCreateManyFallback(t *testing.T) {
	ctx := context.Background()
	s := genericStore{memory.New()}
	_, isBulk := s.Leads().(leads.BulkCreator)
	require.False(t, isBulk, "the generic path")
	a := &leads.Lead{ID: uuid.Must(uuid.NewV7()), FullName: "Ada"}
	b := &leads.Lead{ID: uuid.Must(uuid.NewV7()), FullName: "Bea"}
	require.NoError(t, leads.CreateMany(ctx, s, []*leads.Lead{a, b}))
	require.EqualValues(t, 1, a.Version)
	require.EqualValues(t, 1, b.Version)

	// One taken ID: nothing of the batch is written.
	c := &leads.Lead{ID: uuid.Must(uuid.NewV7()), FullName: "Cy"}
	err := leads.CreateMany(ctx, s, []*leads.Lead{c, a.Clone()})
	require.ErrorIs(t, err, leads.ErrConflict)
	_, err = s.Leads().Get(ctx, c.ID)
	require.ErrorIs(t, err, leads.ErrNotFound)
	n, err := s.Leads().Count(ctx, leads.Query{})
	require.NoError(t, err)
	require.Equal(t, 2, n)
}

func TestPlanAfter(t *testing.T) {
	q := leads.Query{Sort: []leads.SortKey{leads.Desc(leads.FieldStars), leads.Asc(leads.FieldCompany)}}
	p, err := q.Plan()
	require.NoError(t, err)
	_, _, ok := p.After()
	require.False(t, ok, "no cursor")

	l := &leads.Lead{ID: uuid.Must(uuid.NewV7()), FileAs: "Ångström, Åsa", Company: "ÅNGSTRÖM Ltd",
		Score: leads.Score{Stars: 4}}
	q.After, err = leads.Cursor(q, l)
	require.NoError(t, err)
	p, err = q.Plan()
	require.NoError(t, err)
	keys, id, ok := p.After()
	require.True(t, ok)
	require.Equal(t, l.ID, id)
	require.Equal(t, []string{"4", "ångström ltd", "ångström, åsa"}, keys, "sort keys, then File As, folded")
}
