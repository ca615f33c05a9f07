package importexport

import "github.com/leadkit/leads"

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
