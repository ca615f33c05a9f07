package importexport

import (
	"fmt"
	"strings"

	"github.com/leadkit/leads"
)

// Row is one record read from a file: a lead, or the reason the row could
// not be read.
type Row struct {
	// Number is the row as the writing program shows it: for CSV and
	// spreadsheets the header is row 1, so the first lead is row 2; for
	// vCard and JSON the first record is 1.
	Number int
	// Lead is the record read, nil when Err is set. It becomes the
	// importer's: Import prepares it in place and may store it as it is,
	// so a source must hand out a lead it will not change or hand out again.
	Lead *leads.Lead
	// Exact marks a lossless record (the JSON export): its ID, stamps,
	// score and checks are kept as they are instead of being derived anew.
	Exact bool
	// Err, when set, rejects the row; it is usually a *leads.RowError.
	Err error
	// Locate, when set, names the column that produced a field of Lead
	// ("emails[1].address" → "E-mail 2 Address"), so that a validation
	// error can name the column. It returns "" when it does not know.
	Locate func(field string) string
	// Warnings are the values of this row that were adjusted or left out
	// so that the person could be kept (a phone with no digits kept as a
	// label, two addresses in one field split). They never reject the row;
	// Import copies them into Report.Warnings.
	Warnings []Warning
}

// Warning reports a value of a file that was adjusted, or left out, so that
// the person it belongs to could be imported. The row was kept; a person may
// want to check the change. Warnings are kept apart from rejections: a
// rejected row is not imported, a warned one is.
type Warning struct {
	Row    int    // as Row.Number; 0 for the file as a whole
	Column string // the column or property adjusted; "" for the whole row
	Value  string // the value as written, clipped to a readable length
	Reason string // what was done, lowercase: "no digits: kept as the phone's label"
}

// String gives the warning as one line: "row 3, column \"Phone\": ... ".
func (w Warning) String() string {
	var b strings.Builder
	switch {
	case w.Row > 0 && w.Column != "":
		fmt.Fprintf(&b, "row %d, column %q: ", w.Row, w.Column)
	case w.Row > 0:
		fmt.Fprintf(&b, "row %d: ", w.Row)
	case w.Column != "":
		fmt.Fprintf(&b, "column %q: ", w.Column)
	}
	b.WriteString(w.Reason)
	if w.Value != "" {
		fmt.Fprintf(&b, " (value %q)", w.Value)
	}
	return b.String()
}

// FileWarner is implemented by sources that adjust the file as a whole (an
// encoding guessed, a header in another language mapped, a column left
// unused). Import asks after the last row and puts the warnings, with Row 0,
// first in Report.Warnings.
type FileWarner interface {
	FileWarnings() []Warning
}

// Column is one column of a table and the field it was read into.
type Column struct {
	Header string // as written in the file
	Field  string // the field it fills (a name ParseTarget reads); "" when unused
	// By says how the column was matched: "preset outlook", "field name",
	// "label", "localized (de)", "mapping" (given by the caller).
	By string
}

// ColumnMapper is implemented by table sources (CSV, XLSX): the mapping of
// columns to fields that the source used, in file order, so that a dry run
// can show it and a person can correct it with an explicit mapping.
type ColumnMapper interface {
	Columns() []Column
}

// Source yields the rows of a file, one at a time, so that files larger
// than memory can be read. Next returns io.EOF after the last row; any other
// error stops the import (the file itself is unreadable), while a bad row is
// reported through Row.Err and the import goes on.
type Source interface {
	Next() (Row, error)
}

// Catalog is implemented by sources that carry more than leads (the JSON
// export): the accounts and scoring criteria that the leads refer to, which
// Import writes first, in the same transaction.
type Catalog interface {
	Accounts() []leads.Account
	Criteria() []leads.Criterion
}

// HistorySource is implemented by sources that carry history items (the
// JSON export). Import writes them after the records, in the same
// transaction, linked to the records as they were stored: a row merged into
// an existing record takes its items there.
type HistorySource interface {
	History() []*leads.HistoryItem
}
