package xlsxfile

import (
	"time"

	"github.com/leadkit/leads"
	"github.com/leadkit/leads/importexport"
	"github.com/xuri/excelize/v2"
)

// dateColumns are the Outlook columns whose values are days: a value
// there that reads as a date (YYYY-MM-DD, as a date custom field holds
// it) is written as a date cell, so that a spreadsheet sorts and
// computes with it; it shows as YYYY-MM-DD (isoDate) and reads back as
// the same text.
var dateColumns = map[string]bool{"Birthday": true, "Anniversary": true}

var isoDate = "yyyy-mm-dd"

// firstSerialDate is the first day a spreadsheet date cell holds exactly:
// Excel counts days from 1900 and takes 1900 for a leap year, so earlier
// days stay text.
var firstSerialDate = time.Date(1900, 3, 1, 0, 0, 0, 0, time.UTC)

// newDateStyle adds the style of date cells to f.
func newDateStyle(f *excelize.File) (int, error) {
	return f.NewStyle(&excelize.Style{CustomNumFmt: &isoDate})
}

// exportCell returns the cell of v in the column col: nil for no value, a
// date cell for a date in a date column, else text neutralized against
// formula injection.
func exportCell(col, v string, dateStyle int) any {
	if v == "" {
		return nil
	}
	if dateColumns[col] {
		if c, ok := leads.CustomDate.QueryValue(v); ok && c == v {
			if d, err := time.Parse(time.DateOnly, c); err == nil && !d.Before(firstSerialDate) {
				return excelize.Cell{StyleID: dateStyle, Value: d}
			}
		}
	}
	return excelize.Cell{Value: importexport.Neutralize(v)}
}
