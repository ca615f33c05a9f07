package importexport

import (
	"bufio"
	"cmp"
	"context"
	"crypto/rand"
	"errors"
	"fmt"
	"io"
	"slices"
	"strconv"
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

// pending is a record the import will create. It is kept small: an
// import of a million rows holds a million of them.
type pending struct {
	row  int
	lead *leads.Lead
}

// possibleRow is a row to create that may duplicate a record: few rows
// are, so they are kept apart from pending, in file order.
type possibleRow struct {
	row  int
	like Match
}

// patch is a row to merge into a stored record.
type patch struct {
	row   int
	lead  *leads.Lead
	exact bool
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
	if cm, ok := src.(ColumnMapper); ok {
		// Before the reading starts: the source is read by one goroutine.
		rep.Columns = cm.Columns()
		if err := noPersonColumns(rep.Columns); err != nil {
			return rep, err
		}
	}
	_, isCatalog := src.(Catalog)
	every := im.ProgressEvery
	if every <= 0 {
		every = 1000
	}
	rows := 0
	progress := func(done bool) {
		if im.Progress != nil {
			im.Progress(Progress{Rows: rows, Rejected: len(rep.Rejected), Done: done})
		}
	}
	defer progress(true)

	store := im.Book.Store()
	m := im.Matcher
	if m == nil {
		m = NewStoreMatcher(store.Leads())
	}
	var accounts []leads.Account
	var criteria []leads.Criterion
	if c, ok := src.(Catalog); ok {
		accounts, criteria = c.Accounts(), c.Criteria()
	}
	// stored maps the ID a row had in the file to the record it became:
	// itself, a duplicate it was merged into, or a new ID.
	stored := map[uuid.UUID]uuid.UUID{}

	// New IDs come from a buffered random source: one system call per
	// few hundred rows instead of one per row, which dominates the cost of
	// a large import where system calls are slow (sandboxes, VMs). The
	// rows read ahead have a source of their own.
	newID := newIDFrom(bufio.NewReaderSize(rand.Reader, 1<<10))

	// Rows are read and prepared ahead, in goroutines of their own
	// (readahead.go), field definitions and criteria read once for the
	// whole file. A row is prepared in place unless an update may merge the
	// row as it was read into a duplicate. The rows' keys, and the stored
	// records that have them or the rows' IDs, are found there too, a
	// batch at a time. With CreateDuplicates only exact rows are matched,
	// by ID, and the keys are needed only by a Matcher the caller keeps.
	matching := &rowMatching{m: m, keys: im.OnDuplicate != CreateDuplicates || im.Matcher != nil,
		lookup: im.OnDuplicate != CreateDuplicates, ids: im.OnDuplicate != CreateDuplicates}
	feed := readAhead(ctx, src, &rowPreparer{prep: leads.NewPreparer(im.Book), inPlace: im.OnDuplicate != UpdateDuplicates,
		strict: im.Strict, newID: newIDFrom(bufio.NewReaderSize(rand.Reader, 16<<10)), match: matching})
	defer feed.stop()

	var creates []pending
	var possibles []possibleRow
	// created maps an ID to its index in creates, for the rows merged into
	// an earlier row (UpdateDuplicates).
	var created map[uuid.UUID]int
	if im.OnDuplicate == UpdateDuplicates {
		created = map[uuid.UUID]int{}
	}
	updates := map[uuid.UUID][]patch{}
	var updateOrder []uuid.UUID
	reject := func(n int, err error, locate func(string) string) {
		rep.Rejected = append(rep.Rejected, rowErrors(n, err, locate)...)
	}
	for {
		if err := ctx.Err(); err != nil {
			return rep, err
		}
		ready, err := feed.next()
		if err == io.EOF {
			break
		}
		if err != nil {
			return rep, err
		}
		rows++
		if rows%every == 0 {
			progress(false)
		}
		row, l, fileID := &ready.Row, ready.lead, ready.fileID
		switch {
		case row.Err != nil:
			reject(row.Number, row.Err, nil)
			continue
		case ready.err != nil:
			reject(row.Number, ready.err, row.Locate)
			continue
		}
		rep.Warnings = append(rep.Warnings, row.Warnings...)
		var like Match
		possible := false
		if im.OnDuplicate != CreateDuplicates || row.Exact {
			var match Match
			dup := false
			if fileID != uuid.Nil {
				if m.ids[fileID] {
					match, dup = Match{ID: fileID, By: "id"}, true
				} else {
					match, dup = ready.byID, ready.byIDFound
				}
			}
			if !dup && im.OnDuplicate != CreateDuplicates {
				match, dup = m.find(ready.keys, ready.hashes, ready.stored)
			}
			if dup {
				switch {
				case im.OnDuplicate == SkipDuplicates:
					stored[fileID] = match.ID
					rep.Skipped = append(rep.Skipped, Outcome{Row: row.Number, Action: Skipped, ID: match.ID, Name: l.FullName, Match: match.By})
					continue
				case im.OnDuplicate == UpdateDuplicates:
					stored[fileID] = match.ID
					rep.Updated = append(rep.Updated, Outcome{Row: row.Number, Action: Updated, ID: match.ID, Name: l.FullName, Match: match.By})
					if i, ok := created[match.ID]; ok {
						// A duplicate of an earlier row: merge into it.
						if err := im.mergeInto(ctx, store, creates[i].lead, row.Lead, row.Exact); err != nil {
							rep.Updated = rep.Updated[:len(rep.Updated)-1]
							reject(row.Number, err, row.Locate)
						}
						continue
					}
					if _, ok := updates[match.ID]; !ok {
						updateOrder = append(updateOrder, match.ID)
					}
					updates[match.ID] = append(updates[match.ID], patch{row: row.Number, lead: row.Lead, exact: row.Exact})
					continue
				default: // create anyway: an exact record needs a new ID
					if match.By == "id" {
						if l.ID, err = newID(); err != nil {
							return rep, err
						}
					}
				}
			}
			if !dup && im.OnDuplicate != CreateDuplicates {
				like, possible = m.findPossible(ready.keys, ready.hashes, ready.like)
			}
		}
		if fileID != uuid.Nil {
			stored[fileID] = l.ID
		}
		if fileID != uuid.Nil || im.Matcher != nil {
			m.ids[l.ID] = true // a new ID cannot be named by a later row
		}
		m.addKeys(l.ID, ready.keys, ready.hashes)
		if created != nil {
			created[l.ID] = len(creates)
		}
		creates = append(creates, pending{row: row.Number, lead: l})
		if possible {
			possibles = append(possibles, possibleRow{row: row.Number, like: like})
		}
	}
	if rows%every != 0 {
		progress(false) // the rows since the last report
	}
	if fw, ok := src.(FileWarner); ok {
		// The reading has ended: the source is no longer read.
		if ws := fw.FileWarnings(); len(ws) > 0 {
			for i := range ws {
				ws[i].Row = 0
			}
			rep.Warnings = append(ws, rep.Warnings...)
		}
	}
	if rows == 0 && !isCatalog {
		return rep, noRecords(src)
	}

	// A row may name another row as its initiator; if that row was merged
	// into a stored record, the link follows it there.
	for _, p := range creates {
		if to, ok := stored[p.lead.InitiatedBy]; ok && p.lead.InitiatedBy != uuid.Nil {
			p.lead.InitiatedBy = to
		}
	}
	creates, err := im.checkReferences(ctx, rep, creates, created, accounts, criteria)
	if err != nil {
		return rep, err
	}
	// References are checked after every row is read: put their
	// rejections in file order among the others.
	slices.SortStableFunc(rep.Rejected, func(a, b *leads.RowError) int { return cmp.Compare(a.Row, b.Row) })
	rep.Created = slices.Grow(rep.Created, len(creates))
	for _, p := range creates {
		o := Outcome{Row: p.row, Action: Created, ID: p.lead.ID, Name: p.lead.FullName}
		rep.Created = append(rep.Created, o)
		// Both in file order; a possible row rejected since (a missing
		// reference) is passed over.
		for len(possibles) > 0 && possibles[0].row < p.row {
			possibles = possibles[1:]
		}
		if len(possibles) > 0 && possibles[0].row == p.row {
			o.Match, o.Like = possibles[0].like.By, possibles[0].like.ID
			rep.Possible = append(rep.Possible, o)
		}
	}
	if len(rep.Rejected) > 0 && !im.SkipBadRows {
		return rep, &RejectedError{Rows: rep.Rejected}
	}
	if im.DryRun {
		return rep, nil
	}
	err = store.Atomic(ctx, func(tx leads.Tx) error {
		rep.Accounts, rep.Criteria = 0, 0
		for i := range accounts {
			a := accounts[i]
			if _, err := tx.Accounts().Get(ctx, a.ID); err == nil {
				continue
			}
			if err := tx.Accounts().Create(ctx, &a); err != nil {
				return fmt.Errorf("importexport: account %s: %w", a.ID, err)
			}
			rep.Accounts++
		}
		for i := range criteria {
			c := criteria[i]
			if _, err := tx.Criteria().Get(ctx, c.ID); err == nil {
				continue
			}
			if err := tx.Criteria().Create(ctx, &c); err != nil {
				return fmt.Errorf("importexport: criterion %s: %w", c.ID, err)
			}
			rep.Criteria++
		}
		if err := createAll(ctx, tx, creates); err != nil {
			return err
		}
		for _, id := range updateOrder {
			ps := updates[id]
			if _, err := leads.NewPreparer(im.Book).EditIn(ctx, tx, id, func(cur *leads.Lead) error {
				for _, p := range ps {
					if err := im.mergeInto(ctx, tx, cur, p.lead, p.exact); err != nil {
						return &leads.RowError{Row: p.row, Err: err}
					}
				}
				return nil
			}); err != nil {
				return err
			}
		}
		if hs, ok := src.(HistorySource); ok {
			n, err := importHistory(ctx, tx, hs.History(), stored)
			rep.History = n
			return err
		}
		return nil
	})
	if err != nil {
		return rep, err
	}
	return rep, nil
}

// newIDFrom returns a maker of new IDs drawing on random.
func newIDFrom(random io.Reader) func() (uuid.UUID, error) {
	return func() (uuid.UUID, error) { return uuid.NewV7FromReader(random) }
}

// createAll stores the new records of an import: in one bulk write where
// the store offers one (the memory and file stores keep the prepared leads
// themselves, PostgreSQL copies them with COPY), else one by one, so that
// a failure names its row. The import does not touch the leads afterwards.
func createAll(ctx context.Context, tx leads.Tx, creates []pending) error {
	adopter, adopts := tx.Leads().(leads.BulkAdopter)
	creator, bulk := tx.Leads().(leads.BulkCreator)
	if (adopts || bulk) && len(creates) > 1 {
		ls := make([]*leads.Lead, len(creates))
		for i, p := range creates {
			ls[i] = p.lead
		}
		var err error
		if adopts {
			err = adopter.AdoptMany(ctx, ls)
		} else {
			err = creator.CreateMany(ctx, ls)
		}
		return bulkRowError(err, creates)
	}
	for _, p := range creates {
		if err := tx.Leads().Create(ctx, p.lead); err != nil {
			return &leads.RowError{Row: p.row, Err: err}
		}
	}
	return nil
}

// bulkRowError names the row of a record that a bulk write refused (an ID
// taken meanwhile by another writer), as the one-by-one path does.
func bulkRowError(err error, creates []pending) error {
	var ce *leads.ConflictError
	if !errors.As(err, &ce) {
		return err
	}
	for _, p := range creates {
		if p.lead.ID.String() == ce.ID {
			return &leads.RowError{Row: p.row, Err: err}
		}
	}
	return err
}

// importHistory writes history items inside an import's transaction,
// relinked through stored (see Import) and returns how many it wrote. A
// link to a record neither imported nor in the store is dropped; an item
// left without links, or already in the store, is skipped.
func importHistory(ctx context.Context, tx leads.Tx, items []*leads.HistoryItem, stored map[uuid.UUID]uuid.UUID) (int, error) {
	n := 0
	for _, h := range items {
		if _, err := tx.History().Get(ctx, h.ID); err == nil {
			continue // imported before
		}
		h = h.Clone()
		var records []uuid.UUID
		for _, id := range h.Records {
			to, ok := stored[id]
			if !ok {
				if _, err := tx.Leads().Get(ctx, id); err != nil {
					continue
				}
				to = id
			}
			if !slices.Contains(records, to) {
				records = append(records, to)
			}
		}
		if len(records) == 0 {
			continue
		}
		h.Records = records
		if err := tx.History().Create(ctx, h); err != nil {
			return n, fmt.Errorf("importexport: history item %s: %w", h.ID, err)
		}
		n++
	}
	return n, nil
}

// mergeInto merges an imported row into cur, a stored record or one the
// import will create, and applies the rules of an edit.
func (im *Importer) mergeInto(ctx context.Context, tx leads.Tx, cur, row *leads.Lead, exact bool) error {
	old := cur.Clone()
	if exact {
		version := cur.Version
		*cur = *row.Clone()
		cur.Version = version
	} else {
		Merge(cur, row)
	}
	return leads.NewPreparer(im.Book).Revise(ctx, tx, cur, old)
}

// checkReferences rejects the rows to be created whose linked account,
// initiator or checked criteria exist neither in the store nor in the file,
// and returns the rows that remain.
func (im *Importer) checkReferences(ctx context.Context, rep *Report, creates []pending, created map[uuid.UUID]int,
	accounts []leads.Account, criteria []leads.Criterion) ([]pending, error) {
	store := im.Book.Store()
	if created == nil && slices.ContainsFunc(creates, func(p pending) bool { return p.lead.InitiatedBy != uuid.Nil }) {
		created = make(map[uuid.UUID]int, len(creates))
		for i, p := range creates {
			created[p.lead.ID] = i
		}
	}
	known := map[uuid.UUID]bool{}
	for _, a := range accounts {
		known[a.ID] = true
	}
	for _, c := range criteria {
		known[c.ID] = true
	}
	exists := func(id uuid.UUID, get func() error) (bool, error) {
		if known[id] {
			return true, nil
		}
		err := get()
		switch {
		case err == nil:
			known[id] = true
			return true, nil
		case errors.Is(err, leads.ErrNotFound):
			return false, nil
		}
		return false, err
	}
	kept := creates[:0]
	for _, p := range creates {
		l := p.lead
		var errs []error
		if l.AccountID != uuid.Nil {
			ok, err := exists(l.AccountID, func() error { _, err := store.Accounts().Get(ctx, l.AccountID); return err })
			if err != nil {
				return nil, err
			}
			if !ok {
				errs = append(errs, &leads.RowError{Row: p.row, Column: "account_id", Err: fmt.Errorf("%w: no account has ID %s", leads.ErrInvalid, l.AccountID)})
			}
		}
		if l.InitiatedBy != uuid.Nil {
			_, inFile := created[l.InitiatedBy]
			ok, err := exists(l.InitiatedBy, func() error { _, err := store.Leads().Get(ctx, l.InitiatedBy); return err })
			if err != nil {
				return nil, err
			}
			if !ok && !inFile || l.InitiatedBy == l.ID {
				errs = append(errs, &leads.RowError{Row: p.row, Column: "initiated_by", Err: fmt.Errorf("%w: no record has ID %s", leads.ErrInvalid, l.InitiatedBy)})
			}
		}
		for id := range l.Checks {
			ok, err := exists(id, func() error { _, err := store.Criteria().Get(ctx, id); return err })
			if err != nil {
				return nil, err
			}
			if !ok {
				errs = append(errs, &leads.RowError{Row: p.row, Column: "checks", Err: fmt.Errorf("%w: no scoring criterion has ID %s", leads.ErrInvalid, id)})
			}
		}
		if len(errs) > 0 {
			for _, e := range errs {
				rep.Rejected = append(rep.Rejected, e.(*leads.RowError))
			}
			continue
		}
		kept = append(kept, p)
	}
	return kept, nil
}

// rowErrors splits err into one *leads.RowError per problem, naming the
// column of each field problem through locate.
func rowErrors(row int, err error, locate func(string) string) []*leads.RowError {
	var out []*leads.RowError
	var walk func(error)
	walk = func(err error) {
		if j, ok := err.(interface{ Unwrap() []error }); ok {
			for _, e := range j.Unwrap() {
				walk(e)
			}
			return
		}
		var re *leads.RowError
		if errors.As(err, &re) {
			if re.Row == 0 {
				re.Row = row
			}
			out = append(out, re)
			return
		}
		col := ""
		var fe *leads.FieldError
		if errors.As(err, &fe) {
			col = fe.Field
			if locate != nil {
				if c := locate(fe.Field); c != "" {
					col = c
				}
			}
		}
		out = append(out, &leads.RowError{Row: row, Column: col, Err: err})
	}
	walk(err)
	return out
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
