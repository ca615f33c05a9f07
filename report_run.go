package leads

import (
	"context"
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
// hold their records in memory: ScanLeads hands fn the stored records that
// q selects, in q's order, without copying them, and stops when fn returns
// false. fn must neither change nor keep the records. Reports use it to
// read a million records without a million copies.
type LeadScanner interface {
	ScanLeads(ctx context.Context, q Query, fn func(*Lead) bool) error
}

// RunReport runs r over the records of repo.
func RunReport(ctx context.Context, repo LeadRepository, r Report) (*ReportResult, error) {
	if err := r.Validate(); err != nil {
		return nil, err
	}
	run := newReportRun(r)
	q := r.Query()
	if s, ok := repo.(LeadScanner); ok {
		if err := s.ScanLeads(ctx, q, func(l *Lead) bool { run.add(l); return true }); err != nil {
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

// RunReport runs r over the book's records.
func (b *Book) RunReport(ctx context.Context, r Report) (*ReportResult, error) {
	return RunReport(ctx, b.store.Leads(), r)
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
}

func newReportRun(r Report) *reportRun {
	run := &reportRun{res: &ReportResult{Name: r.Name, Types: r.Types, Columns: r.Columns, GroupBy: r.GroupBy,
		Header: make([]string, len(r.Columns))}}
	for i, c := range r.Columns {
		spec, _ := lookupField(c)
		run.res.Header[i] = ColumnTitle(c)
		run.cells = append(run.cells, spec.cell())
	}
	for _, g := range r.GroupBy {
		spec, _ := lookupField(g)
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
