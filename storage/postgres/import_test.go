package postgres

import (
	"context"
	"fmt"
	"io"
	"testing"

	"github.com/leadkit/leads"
	"github.com/leadkit/leads/importexport"
	"github.com/stretchr/testify/require"
)

// rowSource yields fixed leads as the rows of a file.
type rowSource struct {
	leads []*leads.Lead
	i     int
}

func (r *rowSource) Next() (importexport.Row, error) {
	if r.i >= len(r.leads) {
		return importexport.Row{}, io.EOF
	}
	r.i++
	return importexport.Row{Number: r.i + 1, Lead: r.leads[r.i-1]}, nil
}

// An import writes its new records with COPY (the store's BulkCreator)
// inside the import's one transaction: all or nothing.
func TestImportUsesCopy(t *testing.T) {
	ctx := context.Background()
	s := newT(t)
	book := leads.New(s)
	var rows []*leads.Lead
	for i := range 300 {
		rows = append(rows, &leads.Lead{FullName: fmt.Sprintf("Imported Person %d", i),
			Emails: []leads.Email{{Address: fmt.Sprintf("p%d@import.example", i)}}})
	}
	rep, err := (&importexport.Importer{Book: book}).Import(ctx, &rowSource{leads: rows})
	require.NoError(t, err)
	require.Len(t, rep.Created, 300)
	n, err := book.Count(ctx, leads.Query{})
	require.NoError(t, err)
	require.Equal(t, 300, n)
	found := 0
	for l, err := range book.List(ctx, leads.Query{Where: leads.Eq(leads.FieldEmail, "p7@import.example")}) {
		require.NoError(t, err)
		require.Equal(t, "Imported Person 7", l.FullName)
		require.Equal(t, "Person", l.MiddleName)
		found++
	}
	require.Equal(t, 1, found)

	// A second import of the same people with "create anyway" and one row
	// whose ID is taken fails whole: COPY inside the transaction.
	again := []*leads.Lead{{FullName: "Fresh One"}, {ID: rep.Created[0].ID, FullName: "Taken ID"}}
	_, err = (&importexport.Importer{Book: book, OnDuplicate: importexport.CreateDuplicates}).Import(ctx, &rowSource{leads: again})
	require.Error(t, err)
	n, err = book.Count(ctx, leads.Query{})
	require.NoError(t, err)
	require.Equal(t, 300, n, "nothing of the failed import was written")
}
