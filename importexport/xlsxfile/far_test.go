package xlsxfile_test

import (
	"bytes"
	"context"
	"testing"
	"time"

	"github.com/leadkit/leads"
	"github.com/leadkit/leads/importexport"
	"github.com/leadkit/leads/importexport/xlsxfile"
	"github.com/leadkit/leads/storage/memory"
	"github.com/stretchr/testify/require"
	"github.com/xuri/excelize/v2"
)

// TestFarRow: a sheet whose only data row is Excel's last (1,048,576),
// with a cell in the last column, is read in bounded time and the row is
// reported with Excel's row number.
func TestFarRow(t *testing.T) {
	wb := excelize.NewFile()
	require.NoError(t, wb.SetSheetRow("Sheet1", "A1", &[]any{"Name", "XFD"}))
	require.NoError(t, wb.SetSheetRow("Sheet1", "A1048576", &[]any{"Ada"}))
	require.NoError(t, wb.SetCellValue("Sheet1", "XFD1048576", "far"))
	var buf bytes.Buffer
	require.NoError(t, wb.Write(&buf))
	t0 := time.Now()
	src, closer, err := xlsxfile.NewSource(&buf, xlsxfile.Options{})
	require.NoError(t, err)
	defer closer.Close()
	rep, err := (&importexport.Importer{Book: leads.New(memory.New()), SkipBadRows: true}).Import(context.Background(), src)
	require.NoError(t, err)
	require.Less(t, time.Since(t0), 20*time.Second)
	require.Empty(t, rep.Created)
	require.Len(t, rep.Rejected, 1, "a value in column XFD, beyond the header, rejects the row")
	require.Equal(t, 1048576, rep.Rejected[0].Row)
}
