package importexport_test

import (
	"context"
	"fmt"
	"io"
	"testing"

	"github.com/google/uuid"
	"github.com/stretchr/testify/require"

	"github.com/leadkit/leads"
	"github.com/leadkit/leads/importexport"
	"github.com/leadkit/leads/storage/memory"
)

// racing is a Source of exact rows that, while the import reads its last
// row, stores a record under the ID of its first: another writer took the
// ID between the duplicate check and the write.
type racing struct {
	book *leads.Book
	ls   []*leads.Lead
	i    int
}

func (r *racing) Next() (importexport.Row, error) {
	if r.i == len(r.ls) {
		return importexport.Row{}, io.EOF
	}
	if r.i == len(r.ls)-1 {
		if err := r.book.Store().Leads().Create(context.Background(), r.ls[0].Clone()); err != nil {
			return importexport.Row{}, err
		}
	}
	r.i++
	return importexport.Row{Number: r.i, Lead: r.ls[r.i-1].Clone(), Exact: true}, nil
}

func TestImportNamesTheRowOfATakenID(t *testing.T) {
	book := leads.New(memory.New())
	var ls []*leads.Lead
	for i := range 3 {
		ls = append(ls, &leads.Lead{ID: uuid.Must(uuid.NewV7()), FullName: fmt.Sprintf("Person %d", i), Status: leads.StatusNew})
	}
	_, err := (&importexport.Importer{Book: book}).Import(context.Background(), &racing{book: book, ls: ls})
	require.ErrorIs(t, err, leads.ErrConflict)
	var re *leads.RowError
	require.ErrorAs(t, err, &re)
	require.Equal(t, 1, re.Row)
	require.Equal(t, 1, count(t, book), "only the other writer's record")
}
