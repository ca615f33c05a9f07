package importexport

import (
	"context"
	"fmt"
	"io"

	"github.com/google/uuid"
	"github.com/leadkit/leads"
)

// An import reads its rows in a goroutine of its own, a batch at a time,
// and prepares them (naming, validating, computing their match keys and
// looking those up in the store) in a second one, while the match phase
// (matchphase.go) sorts them against the rows before: three stages
// that overlap on two cores. Rows keep their file order; the source is
// read by one goroutine only, and not after Import returns.

// readAheadBatch is the number of rows handed over at a time.
const readAheadBatch = 256

// readyRow is a row read and prepared: what the read and prepare phases
// hand to the match phase.
type readyRow struct {
	Row
	fileID uuid.UUID   // the ID the row had in the file, if any
	lead   *leads.Lead // the record to create; nil when err is set
	err    error       // why the row is rejected
	keyLookup
}

// keyLookup is what was found ahead for the Matcher (rowMatching): the
// row's keys, the stored record found for each (uuid.Nil when none; nil
// when not looked up), the stored record the row may duplicate
// (Matcher.storedLike), and the stored record found by the row's file ID.
type keyLookup struct {
	keys      []string
	hashes    []uint64 // of keys (Matcher.hashes)
	stored    []uuid.UUID
	like      uuid.UUID
	byID      Match
	byIDFound bool
}

// readyBatch is rows in file order, then, when set, the error that ends the
// reading (io.EOF after the last row).
type readyBatch struct {
	rows []readyRow
	err  error
}

// rowMatching is the part of duplicate matching done as rows are read
// ahead, a batch at a time: the rows' keys (in one buffer and one string
// per batch) and the stored records that have them, looked up with one
// leads.LookupKeys per batch, a query on PostgreSQL, rather than one per
// key. The import loop then only consults the rows added before.
type rowMatching struct {
	m *Matcher
	// keys computes the rows' keys; lookup looks them up in the store.
	keys, lookup bool
	// ids looks up the file IDs of every row; else only of exact rows.
	ids bool

	buf   []byte
	ends  []int
	spans []int
}

// matchBatch fills in the keys and stored records of rows.
func (p *rowMatching) matchBatch(ctx context.Context, rows []readyRow) error {
	if p.keys {
		if err := p.matchKeys(ctx, rows); err != nil {
			return err
		}
	}
	return p.matchIDs(ctx, rows)
}

// matchKeys computes the keys of rows (leads.AppendEmailMatchKey and
// leads.AppendLeadNameMatchKey, in one buffer) and their hashes, and,
// when lookup is set, finds the stored records that have them.
func (p *rowMatching) matchKeys(ctx context.Context, rows []readyRow) error {
	buf, ends, spans := p.buf[:0], p.ends[:0], p.spans[:0]
	for i := range rows {
		if rows[i].lead != nil {
			buf, ends = appendRowKeys(buf, ends, rows[i].lead)
		}
		spans = append(spans, len(ends))
	}
	p.buf, p.ends, p.spans = buf, ends, spans
	if len(ends) == 0 {
		return nil
	}
	keys := splitKeys(string(buf), ends, make([]string, 0, len(ends)))
	hs := p.m.hashes(keys, make([]uint64, 0, len(keys)))
	var stored []uuid.UUID
	if p.lookup {
		var err error
		if stored, err = p.m.lookupStored(ctx, keys); err != nil {
			return err
		}
	}
	from := 0
	for i, to := range spans {
		if to > from {
			r := &rows[i]
			r.keys, r.hashes = keys[from:to:to], hs[from:to:to]
			if stored != nil {
				r.stored = stored[from:to:to]
				var err error
				if r.like, err = p.m.storedLike(ctx, r.keys, r.stored); err != nil {
					return err
				}
			}
		}
		from = to
	}
	return nil
}

// matchIDs finds the stored records that rows name by the ID they had in
// the file (a JSON export imported again), or into which those were
// merged: whether each ID is stored (leads.LeadsExist), then the
// survivors of the others (leads.LookupKeys of their MergedKey), two calls
// for the batch.
func (p *rowMatching) matchIDs(ctx context.Context, rows []readyRow) error {
	if p.m.stored == nil {
		return nil
	}
	var at []int
	var ids []uuid.UUID
	for i := range rows {
		r := &rows[i]
		if r.lead == nil || r.fileID == uuid.Nil || !p.ids && !r.Exact {
			continue
		}
		at, ids = append(at, i), append(ids, r.fileID)
	}
	if len(ids) == 0 {
		return nil
	}
	found, err := leads.LeadsExist(ctx, p.m.stored, ids)
	if err != nil {
		return err
	}
	var mergedAt []int
	var merged []string
	for j, i := range at {
		if found[j] {
			rows[i].byID, rows[i].byIDFound = Match{ID: ids[j], By: "id"}, true
		} else {
			mergedAt, merged = append(mergedAt, i), append(merged, leads.MergedKey(ids[j]))
		}
	}
	if len(merged) == 0 {
		return nil
	}
	survivors, err := leads.LookupKeys(ctx, p.m.stored, merged)
	if err != nil {
		return err
	}
	for j, i := range mergedAt {
		if survivors[j] != uuid.Nil {
			rows[i].byID, rows[i].byIDFound = Match{ID: survivors[j], By: "id"}, true
		}
	}
	return nil
}

// rowFeed hands out the rows that the reading goroutines prepared: one
// reads rows from the source, another prepares and looks them up, so that
// on two cores reading, preparing and the import loop overlap.
type rowFeed struct {
	batches chan readyBatch
	free    chan []readyRow // batches handed back for reuse
	done    chan struct{}   // closed by stop
	ended   chan struct{}   // closed when both goroutines returned
	cur     readyBatch
	i       int
}

// readBatch is rows as read, then, when set, the error that ends the
// reading.
type readBatch struct {
	rows []Row
	err  error
}

// readAhead starts reading and preparing the rows of src. Call stop when
// done, on every path: it ends the reading and waits for it.
func readAhead(ctx context.Context, src Source, p *rowPreparer) *rowFeed {
	f := &rowFeed{batches: make(chan readyBatch, 4), free: make(chan []readyRow, 6),
		done: make(chan struct{}), ended: make(chan struct{})}
	read := make(chan readBatch, 2)
	reused := make(chan []Row, 4)
	readEnded := make(chan struct{})
	go func() {
		defer close(readEnded)
		f.read(ctx, src, read, reused)
	}()
	go func() {
		defer close(f.ended)
		f.prepare(ctx, read, reused, p)
		<-readEnded
	}()
	return f
}

// read reads the rows of src, a batch at a time, until an error (io.EOF
// after the last row), or until stop.
func (f *rowFeed) read(ctx context.Context, src Source, out chan<- readBatch, reused <-chan []Row) {
	defer close(out)
	defer func() {
		if v := recover(); v != nil {
			select {
			case out <- readBatch{err: &readPanic{v}}:
			case <-f.done:
			}
		}
	}()
	for {
		var rows []Row
		select {
		case rows = <-reused:
			rows = rows[:0]
		default:
			rows = make([]Row, 0, readAheadBatch)
		}
		var err error
		for len(rows) < readAheadBatch {
			if err = ctx.Err(); err != nil {
				break
			}
			var row Row
			if row, err = src.Next(); err != nil {
				break
			}
			rows = append(rows, row)
		}
		select {
		case out <- readBatch{rows: rows, err: err}:
		case <-f.done:
			return
		}
		if err != nil {
			return
		}
	}
}

// prepare prepares and matches the rows read, a batch at a time, and hands
// them to next.
func (f *rowFeed) prepare(ctx context.Context, in <-chan readBatch, reused chan<- []Row, p *rowPreparer) {
	defer func() {
		if v := recover(); v != nil {
			select {
			case f.batches <- readyBatch{err: &readPanic{v}}:
			case <-f.done:
			}
		}
	}()
	for {
		var b readBatch
		var ok bool
		select {
		case b, ok = <-in:
		case <-f.done:
			return
		}
		if !ok {
			return // the reading stopped
		}
		ready := f.prepareBatch(ctx, b, reused, p)
		select {
		case f.batches <- ready:
		case <-f.done:
			return
		}
		if ready.err != nil {
			return
		}
	}
}

// prepareBatch prepares and matches the rows of b, in a batch of the feed,
// and hands b's rows back to the reading for reuse.
func (f *rowFeed) prepareBatch(ctx context.Context, b readBatch, reused chan<- []Row, p *rowPreparer) readyBatch {
	var rows []readyRow
	select {
	case rows = <-f.free:
		rows = rows[:0]
	default:
		rows = make([]readyRow, 0, readAheadBatch)
	}
	err := b.err
	for i := range b.rows {
		// Prepared in its place in the batch, not copied there.
		rows = append(rows, readyRow{})
		if perr := p.prepare(ctx, &b.rows[i], &rows[len(rows)-1]); perr != nil {
			rows, err = rows[:len(rows)-1], perr
			break
		}
	}
	clear(b.rows)
	select {
	case reused <- b.rows:
	default:
	}
	if p.match != nil && (err == nil || err == io.EOF) {
		if merr := p.match.matchBatch(ctx, rows); merr != nil {
			rows, err = rows[:0], merr
		}
	}
	return readyBatch{rows: rows, err: err}
}

// next returns the next row, or the error that ended the reading (io.EOF
// after the last row). The row is the feed's, valid until the next call:
// a pointer, since a prepared row is a few hundred bytes to copy.
func (f *rowFeed) next() (*readyRow, error) {
	for f.i == len(f.cur.rows) {
		if f.cur.err != nil {
			if p, ok := f.cur.err.(*readPanic); ok {
				panic(p.value)
			}
			return nil, f.cur.err
		}
		if f.cur.rows != nil {
			clear(f.cur.rows) // let go of the rows handed out
			select {
			case f.free <- f.cur.rows:
			default:
			}
		}
		f.cur, f.i = <-f.batches, 0
	}
	f.i++
	return &f.cur.rows[f.i-1], nil
}

// readPanic carries what the source or the preparing panicked with to
// next, which panics with it in the import's own goroutine, where the
// caller may recover, rather than in a goroutine of the feed, which would
// end the program.
type readPanic struct{ value any }

func (p *readPanic) Error() string { return fmt.Sprint("importexport: panic while reading: ", p.value) }

// stop ends the reading, if it still goes on, and waits for it: the source
// is not read after stop returns.
func (f *rowFeed) stop() {
	close(f.done)
	<-f.ended
}
