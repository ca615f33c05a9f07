package xlsxfile

import (
	"errors"
	"fmt"
	"strings"
)

// ErrTooLarge means that a workbook, what it inflates to, or a part of it
// (a value, a row, the shared strings) exceeds a limit of Options. The
// errors of the limits on values, rows and columns are *LimitError, which
// names the place.
var ErrTooLarge = errors.New("xlsxfile: workbook too large")

// LimitError reports a part of a workbook over a limit of Options, and
// where it is, so that a person can find it in Excel:
//
//	xlsxfile: sheet "Leads", cell B7: value over 1 MiB
//	xlsxfile: sheet "Leads", row 1048577: beyond 1048576 rows
//
// It stops the import: the reader cannot skip what it did not read. It
// wraps ErrTooLarge.
type LimitError struct {
	Sheet  string // the worksheet; "" for a part outside the sheets (the shared strings)
	Cell   string // the cell ("B7"); "" when the limit is on a row or a part
	Row    int    // the row when Cell is ""; 0 for none
	Reason string // what is over which limit: "value over 1 MiB"
}

func (e *LimitError) Error() string {
	var b strings.Builder
	b.WriteString("xlsxfile: ")
	if e.Sheet != "" {
		fmt.Fprintf(&b, "sheet %q, ", e.Sheet)
	}
	switch {
	case e.Cell != "":
		fmt.Fprintf(&b, "cell %s: ", e.Cell)
	case e.Row > 0:
		fmt.Fprintf(&b, "row %d: ", e.Row)
	}
	b.WriteString(e.Reason)
	return b.String()
}

// Unwrap returns ErrTooLarge.
func (e *LimitError) Unwrap() error { return ErrTooLarge }

// size writes a byte count the way people read it: "1 MiB", "512 KiB",
// "1000 bytes".
func size(n int64) string {
	switch {
	case n >= 1<<20 && n%(1<<20) == 0:
		return fmt.Sprintf("%d MiB", n>>20)
	case n >= 1<<10 && n%(1<<10) == 0:
		return fmt.Sprintf("%d KiB", n>>10)
	}
	return fmt.Sprintf("%d bytes", n)
}

// cellName gives the A1 name of a cell (column and row from 1).
func cellName(col, row int) string {
	return colName(col) + fmt.Sprint(row)
}

// colName gives the letters of column col (1 is A, 16384 is XFD).
func colName(col int) string {
	var b [8]byte
	i := len(b)
	for col > 0 && i > 0 {
		col--
		i--
		b[i] = byte('A' + col%26)
		col /= 26
	}
	return string(b[i:])
}

// parseCol reads the column of a cell reference ("B7" is 2); ok is false
// when ref does not begin with letters followed by digits only. Columns
// past max+1 are not told apart (they are all over the limit).
func parseCol(ref string, max int) (col int, ok bool) {
	i := 0
	for ; i < len(ref); i++ {
		c := ref[i] | 0x20 // lower case
		if c < 'a' || c > 'z' {
			break
		}
		if col <= max {
			col = col*26 + int(c-'a') + 1
		}
	}
	if i == 0 {
		return 0, false
	}
	for _, c := range []byte(ref[i:]) {
		if c < '0' || c > '9' {
			return 0, false
		}
	}
	return col, true
}
