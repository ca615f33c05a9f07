package importexport

import (
	"bufio"
	"context"
	"crypto/rand"
	"errors"
	"io"

	"github.com/google/uuid"
	"github.com/leadkit/leads"
)

// The match phase of an import: each row read and prepared is sorted
// into a record to create, a merge into a duplicate, a skipped duplicate
// or a rejection, in file order, against the stored records (looked up
// ahead, a batch at a time) and the rows before it.

// writePlan is what an import will write. The match phase fills it in
// file order, the link phase follows and checks the links between its
// records, and the write phase stores it in one transaction.
type writePlan struct {
	creates   []pending
	possibles []possibleRow
	// created maps an ID to its index in creates, for the rows merged into
	// an earlier row (UpdateDuplicates); nil otherwise.
	created     map[uuid.UUID]int
	updates     map[uuid.UUID][]patch
	updateOrder []uuid.UUID // the keys of updates, in the order first met
	// stored maps the ID a row had in the file to the record it became:
	// itself, a duplicate it was merged into, or a new ID.
	stored map[uuid.UUID]uuid.UUID
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

// newWritePlan returns an empty plan for an import with policy.
func newWritePlan(policy OnDuplicate) *writePlan {
	p := &writePlan{updates: map[uuid.UUID][]patch{}, stored: map[uuid.UUID]uuid.UUID{}}
	if policy == UpdateDuplicates {
		p.created = map[uuid.UUID]int{}
	}
	return p
}

// matcher returns the Matcher of an import: Importer.Matcher, else one
// over the Book's store.
func (im *Importer) matcher() *Matcher {
	if im.Matcher != nil {
		return im.Matcher
	}
	return NewStoreMatcher(im.Book.Store().Leads())
}

// match sorts every row of feed into a plan, putting the rows rejected,
// skipped and updated, and the warnings, into rep, and counting the rows
// in prog, until the reading ends.
func (im *Importer) match(ctx context.Context, feed *rowFeed, m *Matcher, rep *Report, prog *progress) (*writePlan, error) {
	s := &rowSorter{im: im, m: m, rep: rep, plan: newWritePlan(im.OnDuplicate),
		// New IDs come from a buffered random source: one system call
		// per few hundred rows rather than one per row.
		newID: newIDFrom(bufio.NewReaderSize(rand.Reader, 1<<10))}
	for {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		r, err := feed.next()
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, err
		}
		prog.row()
		if err := s.sort(ctx, r); err != nil {
			return nil, err
		}
	}
	prog.readEnded()
	return s.plan, nil
}

// rowSorter sorts the rows of one import, one at a time, in file order.
type rowSorter struct {
	im    *Importer
	m     *Matcher
	rep   *Report
	plan  *writePlan
	newID func() (uuid.UUID, error)
}

// sort decides what becomes of r: rejected, skipped or merged as a
// duplicate, or created. The error returned (no new ID could be made)
// ends the import.
func (s *rowSorter) sort(ctx context.Context, r *readyRow) error {
	row := &r.Row
	switch {
	case row.Err != nil:
		s.rep.reject(row.Number, row.Err, nil)
		return nil
	case r.err != nil:
		s.rep.reject(row.Number, r.err, row.Locate)
		return nil
	}
	s.rep.Warnings = append(s.rep.Warnings, row.Warnings...)
	policy := s.im.OnDuplicate
	var like Match
	possible := false
	if policy != CreateDuplicates || row.Exact {
		match, dup := s.duplicate(r)
		switch {
		case dup && policy == SkipDuplicates:
			s.skip(r, match)
			return nil
		case dup && policy == UpdateDuplicates:
			s.update(ctx, r, match)
			return nil
		case dup && match.By == "id":
			// Created anyway: an exact record needs a new ID.
			var err error
			if r.lead.ID, err = s.newID(); err != nil {
				return err
			}
		case !dup && policy != CreateDuplicates:
			like, possible = s.m.findPossible(r.keys, r.hashes, r.like)
		}
	}
	s.create(r, like, possible)
	return nil
}

// duplicate returns the record that r duplicates: the one with the ID r
// had in the file (or into which that one was merged), else, unless
// duplicates are created anyway, one with an e-mail address of r.
func (s *rowSorter) duplicate(r *readyRow) (Match, bool) {
	if r.fileID != uuid.Nil {
		if s.m.ids[r.fileID] {
			return Match{ID: r.fileID, By: "id"}, true
		}
		if r.byIDFound {
			return r.byID, true
		}
	}
	if s.im.OnDuplicate == CreateDuplicates {
		return Match{}, false
	}
	return s.m.find(r.keys, r.hashes, r.stored)
}

// skip leaves r out as a duplicate of match.
func (s *rowSorter) skip(r *readyRow, match Match) {
	s.plan.stored[r.fileID] = match.ID
	s.rep.Skipped = append(s.rep.Skipped, Outcome{Row: r.Number, Action: Skipped, ID: match.ID, Name: r.lead.FullName, Match: match.By})
}

// update merges r, as it was read, into match: at once when match is an
// earlier row, else when the plan is written.
func (s *rowSorter) update(ctx context.Context, r *readyRow, match Match) {
	p := s.plan
	p.stored[r.fileID] = match.ID
	if i, ok := p.created[match.ID]; ok {
		// A duplicate of an earlier row: merged into it.
		if err := s.im.mergeInto(ctx, s.im.Book.Store(), p.creates[i].lead, r.Lead, r.Exact); err != nil {
			s.rep.reject(r.Number, err, r.Locate)
			return
		}
	} else {
		if _, ok := p.updates[match.ID]; !ok {
			p.updateOrder = append(p.updateOrder, match.ID)
		}
		p.updates[match.ID] = append(p.updates[match.ID], patch{row: r.Number, lead: r.Lead, exact: r.Exact})
	}
	s.rep.Updated = append(s.rep.Updated, Outcome{Row: r.Number, Action: Updated, ID: match.ID, Name: r.lead.FullName, Match: match.By})
}

// create plans r's record, made findable for the rows after it; like,
// when possible, is the record it may duplicate.
func (s *rowSorter) create(r *readyRow, like Match, possible bool) {
	p, l := s.plan, r.lead
	if r.fileID != uuid.Nil {
		p.stored[r.fileID] = l.ID
	}
	if r.fileID != uuid.Nil || s.im.Matcher != nil {
		s.m.ids[l.ID] = true // a new ID cannot be named by a later row
	}
	s.m.addKeys(l.ID, r.keys, r.hashes)
	if p.created != nil {
		p.created[l.ID] = len(p.creates)
	}
	p.creates = append(p.creates, pending{row: r.Number, lead: l})
	if possible {
		p.possibles = append(p.possibles, possibleRow{row: r.Number, like: like})
	}
}

// reject adds the problems of row n, err, to the rejected rows, naming
// the column of each field problem through locate.
func (rep *Report) reject(n int, err error, locate func(string) string) {
	rep.Rejected = append(rep.Rejected, rowErrors(n, err, locate)...)
}

// newIDFrom returns a maker of new IDs drawing on random.
func newIDFrom(random io.Reader) func() (uuid.UUID, error) {
	return func() (uuid.UUID, error) { return uuid.NewV7FromReader(random) }
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
