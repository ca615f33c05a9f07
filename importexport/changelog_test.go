package importexport_test

import (
	"context"
	"testing"

	"github.com/leadkit/leads"
	"github.com/leadkit/leads/importexport"
	"github.com/stretchr/testify/require"
)

func TestUpdateImportLogsChange(t *testing.T) {
	ctx := context.Background()
	book, ada := seeded(t)
	im := importexport.Importer{Book: book, OnDuplicate: importexport.UpdateDuplicates}
	_, err := im.Import(leads.WithActor(ctx, "carol"), source(&leads.Lead{FullName: ada.FullName, Emails: ada.Emails, JobTitle: "Countess"}))
	require.NoError(t, err)
	log, err := leads.Collect(book.History().Changes(ctx, ada.ID))
	require.NoError(t, err)
	require.Len(t, log, 1)
	require.Equal(t, "carol", log[0].CreatedBy)
	require.Contains(t, log[0].Subject, "job_title")
}
