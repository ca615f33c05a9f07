package importexport

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"github.com/google/uuid"
	"github.com/leadkit/leads"
)

// OnDuplicate says what Import does with a row that matches a record
// already stored (or an earlier row of the same file).
type OnDuplicate int

// Duplicate policies.
const (
	// SkipDuplicates leaves the existing record as it is. The default.
	SkipDuplicates OnDuplicate = iota
	// UpdateDuplicates merges the row into the existing record: fields the
	// row fills replace the stored ones, list entries the record lacks are
	// added, comments are appended.
	UpdateDuplicates
	// CreateDuplicates creates a new record anyway.
	CreateDuplicates
)

// ParseOnDuplicate reads "skip", "update" or "create".
func ParseOnDuplicate(s string) (OnDuplicate, error) {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "skip", "":
		return SkipDuplicates, nil
	case "update":
		return UpdateDuplicates, nil
	case "create":
		return CreateDuplicates, nil
	}
	return 0, fmt.Errorf("importexport: %q is not a duplicate policy (skip, update or create)", s)
}

// Importer writes the rows of a Source into a Book. The zero value of each
// option is the safe one: skip duplicates, all-or-nothing, really write.
type Importer struct {
	Book        *leads.Book
	OnDuplicate OnDuplicate
	// DryRun reads and checks every row and reports what would be
	// created, updated, skipped and rejected, changing nothing.
	DryRun bool
	// SkipBadRows imports the good rows and reports the bad ones. Without
	// it, one rejected row means that nothing is imported.
	SkipBadRows bool
	// Progress, when set, is called every ProgressEvery rows (default
	// 1000) while the file is read, and once more when the import ends.
	Progress      func(Progress)
	ProgressEvery int
	// Matcher finds duplicates; nil means NewStoreMatcher over the Book's
	// store, which looks rows up in the store's index of match keys.
	Matcher *Matcher
	// Strict restores the strict reading of earlier versions: a row with a
	// value that would otherwise be adjusted with a warning (a phone with no
	// digits, two addresses in one field) is rejected instead.
	Strict bool
}

// Progress tells how far an import got.
type Progress struct {
	Rows     int  // rows read so far
	Rejected int  // rows rejected so far
	Done     bool // the import ended (written, or failed)
}

// Action is what Import did, or would do, with a row.
type Action string

// Actions of an import.
const (
	Created Action = "create"
	Updated Action = "update"
	Skipped Action = "skip"
)

// Outcome is what became of one row.
type Outcome struct {
	Row    int
	Action Action
	ID     uuid.UUID // the new record, or the duplicate that was updated or kept
	Name   string    // the full name read from the row
	Match  string    // why the row was a duplicate: "id", "email", "name and company"
	// Like is, in Report.Possible, the stored record or the record of an
	// earlier row that the new record ID may duplicate.
	Like uuid.UUID
}

// Report tells what an import did, or, for a dry run, would do.
type Report struct {
	DryRun   bool
	Created  []Outcome
	Updated  []Outcome
	Skipped  []Outcome
	Rejected []*leads.RowError // one per problem; a row may have several
	// Accounts and Criteria count the records of a Catalog source written.
	Accounts, Criteria int
	// Warnings lists the values adjusted to keep a person, in file order:
	// the file's own (Row 0) first, then each row's. Warned rows are
	// imported.
	Warnings []Warning
	// Possible lists created rows that look like a stored record or an
	// earlier row (same name at the same company, no e-mail address to tell
	// them apart) without being the same person for sure: they are created,
	// and Match gives the reason, so a person can merge them later.
	Possible []Outcome
	// Columns is the mapping of a table source (ColumnMapper), nil for
	// other sources.
	Columns []Column
	// History counts the history items of a HistorySource written; items
	// already in the store, or left without a record to link to (their
	// rows were rejected or skipped), are not.
	History int
}

// ErrNoRecords is matched (errors.Is) by the error of an import whose file
// was not empty but yielded no record at all, neither imported nor
// rejected: a file of another format, or a table whose header matched no
// field. It is never a silent "0 created".
var ErrNoRecords = errors.New("importexport: no record could be read from the file")

// ErrStrict is matched (errors.Is) by the row errors of a strict import
// (Importer.Strict) for the values that a liberal import adjusts with a
// warning: the row is rejected instead, as earlier versions rejected it.
var ErrStrict = errors.New("importexport: refused in strict mode")

// ErrRowsRejected is matched (errors.Is) by the error of an all-or-nothing
// import that rejected rows and therefore imported nothing.
var ErrRowsRejected = errors.New("importexport: rows rejected, nothing imported")

// RejectedError is the error of an import that rejected rows: every row
// error, in file order. errors.As finds the *leads.RowError values in it.
type RejectedError struct{ Rows []*leads.RowError }

func (e *RejectedError) Error() string {
	var b strings.Builder
	fmt.Fprintf(&b, "importexport: %s in the file, nothing imported", leads.Problems(len(e.Rows)))
	for i, r := range e.Rows {
		if i == 5 {
			fmt.Fprintf(&b, "; and %d more", len(e.Rows)-5)
			break
		}
		b.WriteString("; ")
		b.WriteString(strings.TrimPrefix(r.Error(), "leads: "))
	}
	return b.String()
}

// Unwrap returns ErrRowsRejected and every row error.
func (e *RejectedError) Unwrap() []error {
	errs := make([]error, 0, len(e.Rows)+1)
	errs = append(errs, ErrRowsRejected)
	for _, r := range e.Rows {
		errs = append(errs, r)
	}
	return errs
}

// Import reads every row of src, checks it, matches it against the stored
// records and, unless DryRun is set, writes the result in one Store.Atomic:
// all rows or, on any error, none. With SkipBadRows, rejected rows are left
// out and reported; otherwise a rejected row fails the import with a
// *RejectedError and nothing is written. The report is returned in both
// cases.
//
// Unless Strict is set, Import keeps every person it can tell: a row is
// rejected only when it has no name, no e-mail address and no phone (or
// breaks what no store can hold: a reference to a record that does not
// exist, a full name that cannot be stored). A row without a full name
// gets one from its name parts, company, e-mail address or phone, and
// values that validation refuses are left out; each such change, and the
// source's own (Row.Warnings, FileWarner), is a Warning in the report. A
// row that shares an e-mail address or an ID with a stored record or an
// earlier row is a duplicate (OnDuplicate); the same name at the same
// company, with no e-mail address to tell the two apart, makes the row a
// possible duplicate, created and listed in Report.Possible (see Matcher;
// CreateDuplicates, which matches nothing, lists none).
//
// A source that yields no row at all fails with ErrNoRecords, as does a
// table whose columns map to no name, company, e-mail address or phone:
// no person can be read from it. The JSON export (a Catalog) is the
// exception: an export of an empty store imports as nothing.
func (im *Importer) Import(ctx context.Context, src Source) (*Report, error) {
	rep := &Report{DryRun: im.DryRun}
	if err := checkColumns(src, rep); err != nil {
		return rep, err
	}
	cat := catalogOf(src)
	prog := im.newProgress(rep)
	defer prog.report(true)
	m := im.matcher()

	// Read and prepare: rows are read, prepared and looked up in the store
	// ahead, in goroutines of their own, while the match phase runs.
	feed := readAhead(ctx, src, im.preparer(m))
	defer feed.stop()
	// Match: each row is created, merged into a duplicate, skipped or
	// rejected.
	plan, err := im.match(ctx, feed, m, rep, prog)
	if err != nil {
		return rep, err
	}
	if err := endReading(src, rep, prog.rows); err != nil {
		return rep, err
	}
	// Link: references between the records followed and checked.
	if err := im.link(ctx, plan, cat, rep); err != nil {
		return rep, err
	}
	if len(rep.Rejected) > 0 && !im.SkipBadRows {
		return rep, &RejectedError{Rows: rep.Rejected}
	}
	if im.DryRun {
		return rep, nil
	}
	// Write: all of it in one transaction.
	return rep, im.write(ctx, src, plan, cat, rep)
}
