package leads

import (
	"context"
	"encoding/binary"
	"slices"
	"strconv"
	"strings"
	"time"
)

// ReportResult is a report run over the records of a store: what renderers
// turn into a table, a spreadsheet or a page. Cells are text, formatted for
// people but faithful (numbers as digits, times in RFC 3339), so a CSV of
// them reads back.
type ReportResult struct {
	Name string `json:"name"`
	// Types are the record types the report covers; empty means all.
	Types   []RecordType `json:"types,omitempty"`
	Columns []Field      `json:"columns"`
	// Header holds the column titles (see ColumnTitle).
	Header  []string `json:"header"`
	GroupBy []Field  `json:"group_by,omitempty"`
	// Groups holds the top-level groups, in report order; each nests the
	// groups of the next group field and, at the last level, the rows.
	// Without grouping it is empty and Rows holds the rows.
	Groups []*ReportGroup `json:"groups,omitempty"`
	Rows   [][]string     `json:"rows,omitempty"`
	// Total is the number of records in the report.
	Total int `json:"total"`
	// CustomTypes gives the type of each custom column whose definition
	// makes it a number, date or yes/no field (see Query.CustomTypes), by
	// field name, so that renderers can store such cells as numbers and
	// dates. The cells themselves keep the text as stored.
	CustomTypes map[string]CustomType `json:"custom_types,omitempty"`
}

// ReportGroup is the records that share one value of a group field.
type ReportGroup struct {
	Field Field `json:"field"`
	// Value is the formatted value, "" when the records have none; Label
	// says it for people ("★★★☆☆ 3 stars", "(unassigned)").
	Value string `json:"value"`
	Label string `json:"label"`
	// Count is the number of records in the group, nested groups included.
	Count  int            `json:"count"`
	Groups []*ReportGroup `json:"groups,omitempty"`
	Rows   [][]string     `json:"rows,omitempty"`
}

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

// RunReport runs r over the records of repo. r needs no name to run: a
// host application may run a report it builds on the fly. RunReport knows
// no field definitions, so custom fields compare as text; Book.RunReport
// compares typed custom fields as their type.
func RunReport(ctx context.Context, repo LeadRepository, r Report) (*ReportResult, error) {
	return runReport(ctx, repo, r, r.Query())
}

// runReport runs r, whose query is q (r.Query() with its custom types).
func runReport(ctx context.Context, repo LeadRepository, r Report, q Query) (*ReportResult, error) {
	if err := r.validate(false); err != nil {
		return nil, err
	}
	run := newReportRun(r, q)
	for _, c := range r.Columns {
		if name, ok := strings.CutPrefix(string(c), "custom."); ok && q.CustomTypes[name].IsTyped() {
			if run.res.CustomTypes == nil {
				run.res.CustomTypes = map[string]CustomType{}
			}
			run.res.CustomTypes[name] = q.CustomTypes[name]
		}
	}
	if s, ok := repo.(LeadScanner); ok {
		if err := run.scan(ctx, s, r, q); err != nil {
			return nil, err
		}
		return run.res, nil
	}
	for l, err := range repo.List(ctx, q) {
		if err != nil {
			return nil, err
		}
		run.add(l)
	}
	return run.res, nil
}

// RunReport runs r over the book's records. A custom field that its
// definition types as a number, date or yes/no sorts and groups as such
// (see Query.CustomTypes).
func (b *Book) RunReport(ctx context.Context, r Report) (*ReportResult, error) {
	q := r.Query()
	// Type the custom columns too (a query only names what it filters and
	// sorts on), so that the result says which are numbers and dates.
	probe := q
	probe.Sort = slices.Clone(q.Sort)
	for _, c := range r.Columns {
		probe.Sort = append(probe.Sort, Asc(c))
	}
	probe, err := b.typed(ctx, b.store, probe)
	if err != nil {
		return nil, err
	}
	q.CustomTypes = probe.CustomTypes
	return runReport(ctx, b.store.Leads(), r, q)
}

// bucket holds the records of one leaf group while a scanned report sorts.
type bucket struct {
	keys []keyVal // of the group fields
	rows []row    // with the keys of the order within the group
}

// scan runs the report over a scanner: it buckets the records by their
// group values as they come, sorts the buckets by those values and each
// bucket by the rest of the order, and adds the records in that order.
// This is the order a full sort by the report's query gives (group keys
// first, then the rest), for less work: each comparison in a bucket skips
// the group keys, and the buckets are smaller than the whole.
func (run *reportRun) scan(ctx context.Context, s LeadScanner, r Report, q Query) error {
	for _, spec := range run.groups {
		if spec.kind == KindDecimal || spec.kind == KindTime || spec.kind == kindCustom {
			// Equal decimals and instants (and typed custom values)
			// have several spellings; sort
			// them all at once rather than bucket them by text.
			return run.scanSorted(ctx, s, q)
		}
	}
	within := Query{Sort: q.Sort[len(run.groups):], CustomTypes: q.CustomTypes}
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
	nk := len(p.keys)
	var (
		buckets = map[string]*bucket{}
		order   []*bucket
		key     []byte
		part    []byte
		arena   []keyVal
	)
	err = s.ScanLeads(ctx, q, func(l *Lead) bool {
		// The bucket's key: each group value, length first, so that no
		// two lists of values make the same key.
		key = key[:0]
		for _, spec := range run.groups {
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
			b = &bucket{keys: make([]keyVal, len(run.groups))}
			for i, spec := range run.groups {
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
			keys[i] = run.arena.keyIn(k.spec, l)
		}
		b.rows = append(b.rows, row{l, keys})
		return true
	})
	if err != nil {
		return err
	}
	desc := q.Sort[:len(run.groups)]
	slices.SortFunc(order, func(a, b *bucket) int {
		for i, spec := range run.groups {
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
	for _, b := range order {
		slices.SortFunc(b.rows, compare)
		for i, r := range b.rows {
			run.add(r.l)
			if i == 0 && len(run.path) > 0 {
				leaf := run.path[len(run.path)-1]
				leaf.Rows = slices.Grow(leaf.Rows, len(b.rows)-1)
			}
		}
		b.rows = nil // let the keys go as the result grows
	}
	return nil
}

// scanSorted runs the report over a scanner by sorting every record at
// once by q.
func (run *reportRun) scanSorted(ctx context.Context, s LeadScanner, q Query) error {
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
	for _, l := range sorted {
		run.add(l)
	}
	return nil
}

// reportRun builds a result from records that come in report order.
type reportRun struct {
	res     *ReportResult
	cells   []func(*Lead) string
	groups  []fieldSpec
	format  []func(*Lead) string // of the group fields
	path    []*ReportGroup       // the open group at each level
	keys    []keyVal             // the key of each open group
	backing []string             // cells of rows to come, allocated in blocks
	arena   *textArena           // joined list cells, folded keys
}

func newReportRun(r Report, q Query) *reportRun {
	run := &reportRun{res: &ReportResult{Name: r.Name, Types: r.Types, Columns: r.Columns, GroupBy: r.GroupBy,
		Header: make([]string, len(r.Columns))}, arena: &textArena{}}
	for i, c := range r.Columns {
		spec, _ := q.lookup(c)
		run.res.Header[i] = ColumnTitle(c)
		cell, ok := run.arena.listCell(c)
		if !ok {
			cell = spec.cell()
		}
		run.cells = append(run.cells, cell)
	}
	for _, g := range r.GroupBy {
		spec, _ := q.lookup(g)
		run.groups = append(run.groups, spec)
		run.format = append(run.format, spec.cell())
	}
	run.path = make([]*ReportGroup, len(r.GroupBy))
	run.keys = make([]keyVal, len(r.GroupBy))
	if len(r.GroupBy) == 0 {
		run.res.Rows = [][]string{}
	}
	return run
}

// add puts the next record in its group, opening new groups where its
// group values differ from the previous record's.
func (run *reportRun) add(l *Lead) {
	run.res.Total++
	changed := false
	for i, spec := range run.groups {
		k := spec.key(l)
		if !changed && run.path[i] != nil && spec.compare(k, run.keys[i]) == 0 {
			run.path[i].Count++
			continue
		}
		changed = true
		v := run.format[i](l)
		g := &ReportGroup{Field: run.res.GroupBy[i], Value: v, Label: groupLabel(run.res.GroupBy[i], v), Count: 1}
		if i == 0 {
			run.res.Groups = append(run.res.Groups, g)
		} else {
			parent := run.path[i-1]
			parent.Groups = append(parent.Groups, g)
		}
		run.path[i], run.keys[i] = g, k
	}
	n := len(run.cells)
	if len(run.backing) < n {
		run.backing = make([]string, n*1024)
	}
	row := run.backing[:n:n]
	run.backing = run.backing[n:]
	for i, cell := range run.cells {
		row[i] = cell(l)
	}
	if len(run.path) == 0 {
		run.res.Rows = append(run.res.Rows, row)
		return
	}
	leaf := run.path[len(run.path)-1]
	leaf.Rows = append(leaf.Rows, row)
}

// cell returns the function that formats the field for a report cell.
func (s fieldSpec) cell() func(*Lead) string {
	switch s.kind {
	case KindInt:
		return func(l *Lead) string { return strconv.FormatInt(s.num(l), 10) }
	case KindDecimal:
		return func(l *Lead) string { return s.dec(l).String() }
	case KindTime:
		return func(l *Lead) string {
			t := s.time(l)
			if t.IsZero() {
				return ""
			}
			return t.Format(time.RFC3339)
		}
	}
	if s.list {
		return func(l *Lead) string { return strings.Join(s.texts(l), ", ") }
	}
	return s.text
}

// groupLabel says a group's value for people.
func groupLabel(f Field, v string) string {
	if f == FieldStars {
		n, err := strconv.Atoi(v)
		if err == nil && n >= 0 && n <= int(MaxStars) {
			unit := "stars"
			if n == 1 {
				unit = "star"
			}
			return strings.Repeat("★", n) + strings.Repeat("☆", int(MaxStars)-n) + " " + v + " " + unit
		}
	}
	if v != "" {
		return v
	}
	if f == FieldAssignedTo {
		return "(unassigned)"
	}
	return "(none)"
}

// Chart returns the label and count of each top-level group, or of the one
// bar "Total" when the report is not grouped: what renderers draw.
func (res *ReportResult) Chart() (labels []string, counts []int) {
	if len(res.Groups) == 0 {
		return []string{"Total"}, []int{res.Total}
	}
	for _, g := range res.Groups {
		labels = append(labels, g.Label)
		counts = append(counts, g.Count)
	}
	return labels, counts
}
