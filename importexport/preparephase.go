package importexport

import (
	"bufio"
	"context"
	"crypto/rand"
	"fmt"
	"strings"

	"github.com/google/uuid"
	"github.com/leadkit/leads"
)

// The prepare phase of an import: each row read becomes the record the
// import would create (named, validated, scored), or the reason it is
// rejected. It runs ahead of the match phase, in a goroutine of its own
// (readahead.go), field definitions and criteria read once for the file.

// rowPreparer turns a row read into the record an import would create.
type rowPreparer struct {
	prep *leads.Preparer
	// inPlace prepares the row's lead itself rather than a copy.
	inPlace bool
	// strict rejects a row with warnings, and adjusts nothing itself
	// (liberal.go).
	strict bool
	newID  func() (uuid.UUID, error)
	match  *rowMatching // nil: the rows are not matched
}

// preparer returns the preparer of an import's rows, which also looks
// their keys and IDs up for m. A row is prepared in place unless an
// update may merge the row as it was read into a duplicate. With
// CreateDuplicates only exact rows are matched, by ID, and the keys are
// needed only by a Matcher the caller keeps.
func (im *Importer) preparer(m *Matcher) *rowPreparer {
	matchAll := im.OnDuplicate != CreateDuplicates
	return &rowPreparer{
		prep:    leads.NewPreparer(im.Book),
		inPlace: im.OnDuplicate != UpdateDuplicates,
		strict:  im.Strict,
		// The rows read ahead have a buffered random source of their own.
		newID: newIDFrom(bufio.NewReaderSize(rand.Reader, 16<<10)),
		match: &rowMatching{m: m, keys: matchAll || im.Matcher != nil, lookup: matchAll, ids: matchAll},
	}
}

// prepare prepares row. A problem of the row is set in the result; the
// error returned (no new ID could be made) ends the import. Unless strict,
// a row without a full name gets one from what it has, and values that
// validation refuses are left out, each with a warning (liberal.go); in
// strict mode a row with warnings is rejected. An exact row (the JSON
// export) is kept as it is, or rejected: it is a record, not a reading.
func (p *rowPreparer) prepare(ctx context.Context, in *Row, r *readyRow) error {
	for i := range in.Warnings {
		if in.Warnings[i].Row == 0 {
			in.Warnings[i].Row = in.Number
		}
	}
	r.Row = *in
	row := &r.Row
	switch {
	case row.Err != nil:
		r.err = row.Err
		return nil
	case row.Lead == nil:
		// A Source that breaks its contract: rejected, not a panic in a
		// goroutine the caller cannot recover.
		r.err = fmt.Errorf("%w: the row has no record", leads.ErrInvalid)
		return nil
	case p.strict && len(row.Warnings) > 0:
		r.err = strictError(row.Number, row.Warnings)
		return nil
	}
	r.fileID = row.Lead.ID
	if row.Exact {
		return p.prepareExact(r)
	}
	return p.prepareRead(ctx, r)
}

// prepareExact keeps the record of an exact row as it is, with a new ID
// when it has none, or rejects it.
func (p *rowPreparer) prepareExact(r *readyRow) error {
	l := r.Lead
	if err := l.Validate(); err != nil {
		r.err = err
		return nil
	}
	if !p.inPlace {
		l = l.Clone()
	}
	if l.ID == uuid.Nil {
		var err error
		if l.ID, err = p.newID(); err != nil {
			return err
		}
	}
	r.lead = l
	return nil
}

// prepareRead prepares the record of a row read from a file, adjusting
// it with warnings unless strict.
func (p *rowPreparer) prepareRead(ctx context.Context, r *readyRow) error {
	in := r.Lead
	var err error
	if in.ID == uuid.Nil {
		if in.ID, err = p.newID(); err != nil {
			return err
		}
	}
	if !p.strict && strings.TrimSpace(in.FullName) == "" {
		if w, ok := completeFullName(in); ok {
			w.Row = r.Number
			r.Warnings = append(r.Warnings, w)
		}
	}
	r.lead, err = p.prepareLead(ctx, in)
	if err != nil && !p.strict {
		if ws, ok := leaveOutInvalid(in, err, r.Number, r.Locate); ok {
			if l, err2 := p.prepareLead(ctx, in); err2 == nil {
				r.lead, err = l, nil
				r.Warnings = append(r.Warnings, ws...)
			}
		}
	}
	if err != nil {
		r.lead, r.err = nil, err
	}
	return nil
}

// prepareLead prepares l, or a copy of it unless inPlace.
func (p *rowPreparer) prepareLead(ctx context.Context, l *leads.Lead) (*leads.Lead, error) {
	if p.inPlace {
		return l, p.prep.PrepareInPlace(ctx, l)
	}
	return p.prep.Prepare(ctx, l)
}
