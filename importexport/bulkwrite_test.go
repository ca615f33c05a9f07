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

// An import whose row's ID another writer takes after the rows were
// matched (here: from the progress callback that follows the reading)
// fails naming that row.
func TestImportNamesTheRowOfATakenID(t *testing.T) {
	ctx := context.Background()
	book := leads.New(memory.New())
	var ls []*leads.Lead
	for i := range 3 {
		ls = append(ls, &leads.Lead{ID: uuid.Must(uuid.NewV7()), FullName: fmt.Sprintf("Person %d", i), Status: leads.StatusNew})
	}
	var rows []importexport.Row
	for i, l := range ls {
		rows = append(rows, importexport.Row{Number: i + 1, Lead: l.Clone(), Exact: true})
	}
	taken := false
	im := &importexport.Importer{Book: book, Progress: func(p importexport.Progress) {
		if p.Rows == len(ls) && !p.Done && !taken {
			taken = true
			require.NoError(t, book.Store().Leads().Create(ctx, ls[1].Clone()))
		}
	}}
	_, err := im.Import(ctx, &rowList{rows: rows})
	require.True(t, taken)
	require.ErrorIs(t, err, leads.ErrConflict)
	var re *leads.RowError
	require.ErrorAs(t, err, &re)
	require.Equal(t, 2, re.Row)
	require.Equal(t, 1, count(t, book), "only the other writer's record")
}

// rowList is a Source of fixed rows.
type rowList struct {
	rows []importexport.Row
	i    int
}

func (r *rowList) Next() (importexport.Row, error) {
	if r.i == len(r.rows) {
		return importexport.Row{}, io.EOF
	}
	r.i++
	return r.rows[r.i-1], nil
}
