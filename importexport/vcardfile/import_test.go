package vcardfile_test

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/leadkit/leads"
	"github.com/leadkit/leads/importexport"
	"github.com/leadkit/leads/importexport/vcardfile"
	"github.com/leadkit/leads/storage/memory"
	"github.com/stretchr/testify/require"
)

// TestImport runs real files through the importer: every person of an
// Android export is created, and a file that is not a vCard is an error
// that says so, never "0 created".
func TestImport(t *testing.T) {
	ctx := context.Background()
	book := leads.New(memory.New())
	f, err := os.Open(filepath.Join("testdata", "corpus", "ezvcard-John_Doe_ANDROID.vcf"))
	require.NoError(t, err)
	defer f.Close()
	rep, err := (&importexport.Importer{Book: book}).Import(ctx, vcardfile.NewSource(f))
	require.NoError(t, err)
	require.Len(t, rep.Created, 6)
	require.Empty(t, rep.Rejected)

	_, err = (&importexport.Importer{Book: book}).Import(ctx, vcardfile.NewSource(strings.NewReader("First Name,Last Name\r\nAda,Lovelace\r\n")))
	require.ErrorIs(t, err, importexport.ErrNoRecords)
	require.ErrorIs(t, err, vcardfile.ErrNoCard)
	require.ErrorContains(t, err, "BEGIN:VCARD")
}
