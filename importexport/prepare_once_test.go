package importexport_test

import (
	"context"
	"fmt"
	"iter"
	"testing"

	"github.com/google/uuid"
	"github.com/stretchr/testify/require"

	"github.com/leadkit/leads"
	"github.com/leadkit/leads/importexport"
	"github.com/leadkit/leads/storage/memory"
)

// listCounter counts the listings of field definitions and criteria, the
// reads that a query per row would cost on PostgreSQL.
type listCounter struct {
	leads.Store
	n *int
}

func (s listCounter) FieldDefinitions() leads.FieldDefinitionRepository {
	return countedDefs{s.Store.FieldDefinitions(), s.n}
}

func (s listCounter) Criteria() leads.CriterionRepository {
	return countedCriteria{s.Store.Criteria(), s.n}
}

type countedDefs struct {
	leads.FieldDefinitionRepository
	n *int
}

func (r countedDefs) List(ctx context.Context) iter.Seq2[*leads.FieldDefinition, error] {
	*r.n++
	return r.FieldDefinitionRepository.List(ctx)
}

type countedCriteria struct {
	leads.CriterionRepository
	n *int
}

func (r countedCriteria) List(ctx context.Context) iter.Seq2[*leads.Criterion, error] {
	*r.n++
	return r.CriterionRepository.List(ctx)
}

func TestImportReadsDefinitionsOnce(t *testing.T) {
	ctx := context.Background()
	lists := 0
	book := leads.New(listCounter{memory.New(), &lists})
	_, err := book.Fields().Create(ctx, &leads.FieldDefinition{Name: "Employees", Type: leads.CustomNumber})
	require.NoError(t, err)
	met := leads.DefaultCriteria()[0].ID
	var ls []*leads.Lead
	for i := range 500 {
		ls = append(ls, &leads.Lead{FullName: fmt.Sprintf("Person %d", i), Custom: map[string]string{"Employees": "120"},
			Checks: map[uuid.UUID]bool{met: true}})
	}
	lists = 0
	rep, err := (&importexport.Importer{Book: book}).Import(ctx, source(ls...))
	require.NoError(t, err)
	require.Len(t, rep.Created, 500)
	require.LessOrEqual(t, lists, 2, "definitions and criteria read once per import, not per row")
}
