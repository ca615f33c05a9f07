package importexport

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/leadkit/leads"
)

// The read phase of an import: what a source tells before its rows (its
// columns, a catalog) and after them (file warnings, whether it held
// anything). The rows themselves are read and prepared ahead, in
// goroutines of their own (readahead.go, preparephase.go).

// checkColumns puts the column mapping of a table source into rep and
// fails, with ErrNoRecords, when no column tells who a person is. It runs
// before the reading starts: the source is then read by one goroutine.
func checkColumns(src Source, rep *Report) error {
	cm, ok := src.(ColumnMapper)
	if !ok {
		return nil
	}
	rep.Columns = cm.Columns()
	return noPersonColumns(rep.Columns)
}

// catalog is what a Catalog source carries besides leads: the records an
// import writes before its leads, which the leads may refer to.
type catalog struct {
	accounts []leads.Account
	criteria []leads.Criterion
}

// catalogOf returns the catalog of src; empty unless src is a Catalog. It
// is asked before the reading starts.
func catalogOf(src Source) catalog {
	c, ok := src.(Catalog)
	if !ok {
		return catalog{}
	}
	return catalog{accounts: c.Accounts(), criteria: c.Criteria()}
}

// endReading puts the source's file warnings first among the warnings of
// rep, and fails with ErrNoRecords when the source yielded no row (rows)
// and is not a Catalog. It runs once the reading has ended: the source is
// no longer read.
func endReading(src Source, rep *Report, rows int) error {
	if fw, ok := src.(FileWarner); ok {
		if ws := fw.FileWarnings(); len(ws) > 0 {
			for i := range ws {
				ws[i].Row = 0
			}
			rep.Warnings = append(ws, rep.Warnings...)
		}
	}
	if _, isCatalog := src.(Catalog); rows == 0 && !isCatalog {
		return noRecords(src)
	}
	return nil
}

// progress counts the rows an import has read and reports them through
// Importer.Progress: every so many rows, once more for the rows since the
// last report when the reading ends, and when the import ends.
type progress struct {
	call  func(Progress) // nil: nothing is reported
	every int
	rows  int
	rep   *Report // for the rows rejected so far
}

// newProgress returns the progress of an import that reports into rep.
func (im *Importer) newProgress(rep *Report) *progress {
	every := im.ProgressEvery
	if every <= 0 {
		every = 1000
	}
	return &progress{call: im.Progress, every: every, rep: rep}
}

// row counts a row read.
func (p *progress) row() {
	p.rows++
	if p.rows%p.every == 0 {
		p.report(false)
	}
}

// readEnded reports the rows since the last report, if any.
func (p *progress) readEnded() {
	if p.rows%p.every != 0 {
		p.report(false)
	}
}

// report calls Importer.Progress, if set.
func (p *progress) report(done bool) {
	if p.call != nil {
		p.call(Progress{Rows: p.rows, Rejected: len(p.rep.Rejected), Done: done})
	}
}

// personFields are the fields that tell who a person is: a table with none
// of them among its columns holds no one.
var personFields = map[string]bool{
	"full_name": true, "first_name": true, "middle_name": true, "last_name": true, "file_as": true,
	"company": true, "email": true, "emails": true, "phone": true, "phones": true,
}

// noPersonColumns returns ErrNoRecords, naming the columns, when none of
// cols maps to a field that tells who a person is; nil when one does, or
// when cols is empty (the source does not say).
func noPersonColumns(cols []Column) error {
	if len(cols) == 0 {
		return nil
	}
	var names []string
	for _, c := range cols {
		field, _, _ := strings.Cut(c.Field, ":")
		if personFields[strings.ToLower(strings.TrimSpace(field))] {
			return nil
		}
		names = append(names, strconv.Quote(c.Header))
	}
	const most = 8
	list := strings.Join(names[:min(len(names), most)], ", ")
	if len(names) > most {
		list += fmt.Sprintf(" and %d more", len(names)-most)
	}
	return fmt.Errorf("%w: no column maps to a name, company, e-mail address or phone (columns %s); name them with an explicit mapping", ErrNoRecords, list)
}

// noRecords is the error of an import whose source src yielded no row.
func noRecords(src Source) error {
	_, mapper := src.(ColumnMapper)
	_, table := src.(interface{ Header() []string })
	if mapper || table {
		return fmt.Errorf("%w: the table has a header and no row under it", ErrNoRecords)
	}
	return fmt.Errorf("%w: the file holds no record", ErrNoRecords)
}
