package xlsxfile_test

import (
	"bytes"
	"context"
	"io"
	"testing"
	"time"

	"github.com/leadkit/leads"
	"github.com/leadkit/leads/importexport"
	"github.com/leadkit/leads/importexport/xlsxfile"
	"github.com/leadkit/leads/storage/memory"
	"github.com/stretchr/testify/require"
)

// TestFarRow: a sheet whose only data row is Excel's last (1,048,576),
// with a cell in the last column, is read in bounded time and the row is
// reported with Excel's row number.
func TestFarRow(t *testing.T) {
	// Written as excelize writes it (which took 45 s under the race
	// detector to build).
	data := rawWorkbook(t, "Sheet1", func(w io.Writer) {
		io.WriteString(w, `<row r="1"><c r="A1" t="inlineStr"><is><t>Name</t></is></c><c r="B1" t="inlineStr"><is><t>XFD</t></is></c></row>`)
		io.WriteString(w, `<row r="1048576"><c r="A1048576" t="inlineStr"><is><t>Ada</t></is></c><c r="XFD1048576" t="inlineStr"><is><t>far</t></is></c></row>`)
	}, nil)
	t0 := time.Now()
	src, closer, err := xlsxfile.NewSource(bytes.NewReader(data), xlsxfile.Options{})
	require.NoError(t, err)
	defer closer.Close()
	rep, err := (&importexport.Importer{Book: leads.New(memory.New()), SkipBadRows: true}).Import(context.Background(), src)
	require.NoError(t, err)
	require.Less(t, time.Since(t0), 20*time.Second)
	require.Empty(t, rep.Created)
	require.Len(t, rep.Rejected, 1, "a value in column XFD, beyond the header, rejects the row")
	require.Equal(t, 1048576, rep.Rejected[0].Row)
}
