package leads

import (
	"context"
	"encoding/binary"
	"fmt"
	"slices"
	"strconv"
)

// LeadScanner is an optional interface of a LeadRepository, for stores that
// hold their records in memory: ScanLeads hands fn every stored record of
// q's types that meets q's condition, in no particular order (q's sort,
// cursor and paging do not matter), without copying them, and stops when
// fn returns false. fn must neither change nor keep the records beyond the
// run. Reports use it to read a million records without a million copies,
// and to sort each group on its own rather than the whole store at once.
type LeadScanner interface {
	ScanLeads(ctx context.Context, q Query, fn func(*Lead) bool) error
}

// ListGrouped hands fn the records of q in repo in q's order, as repo.List
// lists them, grouped by q's first n sort keys. fn gets the records in
// runs: the records of one run have equal values of those n keys, and
// level is the number of the keys, from the first, on which they equal the
// records before them: 0 for the first run, n for a run that continues the
// group of the one before. A report opens its groups from level on.
//
// ListGrouped reads every record that q selects: it ignores q's Offset,
// Limit, After and Unordered. n must be from 0 to len(q.Sort). When repo
// is a LeadScanner, the records are not copied and each group is sorted on
// its own; fn must then neither change nor keep them. fn must not keep the
// run's slice in any case.
func ListGrouped(ctx context.Context, repo LeadRepository, q Query, n int, fn func(level int, run []*Lead)) error {
	if n < 0 || n > len(q.Sort) {
		return fieldErr("query.sort", "%d group keys, but %d sort keys", n, len(q.Sort))
	}
	q.Offset, q.Limit, q.After, q.Unordered = 0, 0, "", false
	g := &grouper{specs: make([]fieldSpec, n), keys: make([]keyVal, n)}
	for i, k := range q.Sort[:n] {
		spec, ok := q.lookup(k.Field)
		if !ok {
			return fieldErr(fmt.Sprintf("query.sort[%d].field", i), "unknown field %q", k.Field)
		}
		g.specs[i] = spec
	}
	if s, ok := repo.(LeadScanner); ok {
		return g.scan(ctx, s, q, fn)
	}
	var one [1]*Lead
	for l, err := range repo.List(ctx, q) {
		if err != nil {
			return err
		}
		one[0] = l
		fn(g.level(l), one[:])
	}
	return nil
}

// grouper follows the values of the group keys from record to record.
type grouper struct {
	specs   []fieldSpec // of the group keys
	keys    []keyVal    // the values of the record before
	started bool
}

// level returns the number of group keys on which l equals the record
// before it, and keeps l's values for the next.
func (g *grouper) level(l *Lead) int {
	i := 0
	if g.started {
		for i < len(g.specs) && g.specs[i].compare(g.specs[i].key(l), g.keys[i]) == 0 {
			i++
		}
	}
	g.started = true
	for j := i; j < len(g.specs); j++ {
		g.keys[j] = g.specs[j].key(l)
	}
	return i
}

// bucket holds the records of one group while a scan sorts.
type bucket struct {
	keys []keyVal // of the group keys
	rows []row    // with the keys of the order within the group
}

// scan reads q's records from s: it buckets them by their group values as
// they come, sorts the buckets by those values and each bucket by the rest
// of the order, and hands fn the buckets in that order. This is the order
// a full sort by q gives (group keys first, then the rest), for less work:
// each comparison in a bucket skips the group keys, and the buckets are
// smaller than the whole.
func (g *grouper) scan(ctx context.Context, s LeadScanner, q Query, fn func(level int, run []*Lead)) error {
	for _, spec := range g.specs {
		if spec.kind == KindDecimal || spec.kind == KindTime || spec.kind == kindCustom {
			// Equal decimals and instants (and typed custom values)
			// have several spellings; sort them all at once rather
			// than bucket them by text.
			return g.scanSorted(ctx, s, q, fn)
		}
	}
	within := Query{Sort: q.Sort[len(g.specs):], CustomTypes: q.CustomTypes}
	p, err := within.Plan()
	if err != nil {
		return err
	}
	// A field sorted on twice (File As, which every order ends with, is
	// often in the sort already) decides nothing the second time.
	fields := append(slices.Clone(within.Sort), Asc(FieldFileAs))
	var specs []keySpec
	for i, k := range p.keys {
		if !slices.ContainsFunc(fields[:i], func(x SortKey) bool { return x.Field == fields[i].Field }) {
			specs = append(specs, k)
		}
	}
	p.keys = specs
	order, err := g.fill(ctx, s, q, p)
	if err != nil {
		return err
	}
	desc := q.Sort[:len(g.specs)]
	slices.SortFunc(order, func(a, b *bucket) int {
		for i, spec := range g.specs {
			c := spec.compare(a.keys[i], b.keys[i])
			if desc[i].Desc {
				c = -c
			}
			if c != 0 {
				return c
			}
		}
		return 0
	})
	compare := rowComparer(p)
	var run []*Lead
	for i, b := range order {
		slices.SortFunc(b.rows, compare)
		run = run[:0]
		for _, r := range b.rows {
			run = append(run, r.l)
		}
		level := 0
		if i > 0 {
			for level < len(g.specs) && g.specs[level].compare(b.keys[level], order[i-1].keys[level]) == 0 {
				level++
			}
		}
		fn(level, run)
		b.rows = nil // let the keys go as the caller's result grows
	}
	return nil
}

// fill reads q's records from s into buckets by their group values, each
// record with its keys of p (the order within a group), and returns the
// buckets in the order they were first met.
func (g *grouper) fill(ctx context.Context, s LeadScanner, q Query, p *Plan) ([]*bucket, error) {
	nk := len(p.keys)
	var (
		buckets = map[string]*bucket{}
		order   []*bucket
		key     []byte
		part    []byte
		arena   []keyVal
		text    textArena
	)
	err := s.ScanLeads(ctx, q, func(l *Lead) bool {
		// The bucket's key: each group value, length first, so that no
		// two lists of values make the same key.
		key = key[:0]
		for _, spec := range g.specs {
			part = part[:0]
			switch {
			case spec.kind == KindInt:
				part = strconv.AppendInt(part, spec.num(l), 10)
			case spec.list:
				if vs := spec.texts(l); len(vs) > 0 {
					part = appendFolded(part, vs[0])
				}
			default:
				part = appendFolded(part, spec.text(l))
			}
			key = binary.AppendUvarint(key, uint64(len(part)))
			key = append(key, part...)
		}
		b := buckets[string(key)]
		if b == nil {
			b = &bucket{keys: make([]keyVal, len(g.specs))}
			for i, spec := range g.specs {
				b.keys[i] = spec.key(l)
			}
			buckets[string(key)] = b
			order = append(order, b)
		}
		if len(arena) < nk {
			arena = make([]keyVal, nk*4096)
		}
		keys := arena[:nk:nk]
		arena = arena[nk:]
		for i, k := range p.keys {
			keys[i] = text.keyIn(k.spec, l)
		}
		b.rows = append(b.rows, row{l, keys})
		return true
	})
	return order, err
}

// scanSorted reads q's records from s and sorts them all at once by q.
func (g *grouper) scanSorted(ctx context.Context, s LeadScanner, q Query, fn func(level int, run []*Lead)) error {
	var all []*Lead
	err := s.ScanLeads(ctx, q, func(l *Lead) bool {
		all = append(all, l)
		return true
	})
	if err != nil {
		return err
	}
	sorted, err := Select(q, slices.Values(all))
	if err != nil {
		return err
	}
	start, level := 0, 0
	for i, l := range sorted {
		next := g.level(l)
		if i > 0 && next < len(g.specs) {
			fn(level, sorted[start:i])
			start, level = i, next
		}
	}
	if start < len(sorted) {
		fn(level, sorted[start:])
	}
	return nil
}
