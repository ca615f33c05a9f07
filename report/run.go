// Package report runs lead reports (leads.Report) over the records of a
// store: it selects the records, orders and groups them, and formats their
// cells into a Result, which the package render writes as text, CSV, HTML
// or XLSX.
package report

import (
	"context"
	"slices"
	"strings"

	"github.com/leadkit/leads"
)

// Run runs r over the records of tx, a Store or a transaction of one. r
// needs no name to run: a host application may run a report it builds on
// the fly. A custom field that its definition in tx types as a number,
// date or yes/no filters, sorts and groups as such (leads.Query.CustomTypes),
// and the Result says which custom columns are typed.
func Run(ctx context.Context, tx leads.Tx, r leads.Report) (*Result, error) {
	if err := r.ValidateDefinition(); err != nil {
		return nil, err
	}
	q, err := typedQuery(ctx, tx, r)
	if err != nil {
		return nil, err
	}
	run := newRunner(r, q)
	if err := leads.ListGrouped(ctx, tx.Leads(), q, len(r.GroupBy), run.add); err != nil {
		return nil, err
	}
	return run.res, nil
}

// typedQuery returns the query of r with the types of the custom fields
// it filters, sorts and groups on, and of its custom columns, from the
// definitions tx holds. A report that names no custom field costs no read.
func typedQuery(ctx context.Context, tx leads.Tx, r leads.Report) (leads.Query, error) {
	q := r.Query()
	// Type the custom columns too (a query only names what it filters and
	// sorts on), so that the result says which are numbers and dates.
	probe := q
	probe.Sort = slices.Clone(q.Sort)
	for _, c := range r.Columns {
		probe.Sort = append(probe.Sort, leads.Asc(c))
	}
	if !probe.NeedsCustomTypes() {
		return q, nil
	}
	var defs []leads.FieldDefinition
	for d, err := range tx.FieldDefinitions().List(ctx) {
		if err != nil {
			return q, err
		}
		defs = append(defs, *d)
	}
	q.CustomTypes = probe.WithCustomTypes(defs).CustomTypes
	return q, nil
}

// runner builds a result from records that come in report order.
type runner struct {
	res     *Result
	cells   []func(*leads.Lead) string
	format  []func(*leads.Lead) string // of the group fields
	path    []*Group                   // the open group at each level
	backing []string                   // cells of rows to come, allocated in blocks
	arena   *textArena                 // joined list cells
}

func newRunner(r leads.Report, q leads.Query) *runner {
	run := &runner{res: &Result{Name: r.Name, Types: r.Types, Columns: r.Columns, GroupBy: r.GroupBy,
		Header: make([]string, len(r.Columns))}, arena: &textArena{}}
	for i, c := range r.Columns {
		run.res.Header[i] = ColumnTitle(c)
		cell, ok := run.arena.listCell(c)
		if !ok {
			cell, _ = c.Formatter()
		}
		run.cells = append(run.cells, cell)
		if name, ok := strings.CutPrefix(string(c), "custom."); ok && q.CustomTypes[name].IsTyped() {
			if run.res.CustomTypes == nil {
				run.res.CustomTypes = map[string]leads.CustomType{}
			}
			run.res.CustomTypes[name] = q.CustomTypes[name]
		}
	}
	for _, g := range r.GroupBy {
		format, _ := g.Formatter()
		run.format = append(run.format, format)
	}
	run.path = make([]*Group, len(r.GroupBy))
	if len(r.GroupBy) == 0 {
		run.res.Rows = [][]string{}
	}
	return run
}

// add puts the next records, which share their group values, in their
// group: the groups from level on are new (leads.ListGrouped).
func (run *runner) add(level int, ls []*leads.Lead) {
	run.res.Total += len(ls)
	for _, g := range run.path[:level] {
		g.Count += len(ls)
	}
	for i := level; i < len(run.path); i++ {
		v := run.format[i](ls[0])
		g := &Group{Field: run.res.GroupBy[i], Value: v, Label: groupLabel(run.res.GroupBy[i], v), Count: len(ls)}
		if i == 0 {
			run.res.Groups = append(run.res.Groups, g)
		} else {
			parent := run.path[i-1]
			parent.Groups = append(parent.Groups, g)
		}
		run.path[i] = g
	}
	rows := &run.res.Rows
	if len(run.path) > 0 {
		rows = &run.path[len(run.path)-1].Rows
	}
	*rows = slices.Grow(*rows, len(ls))
	for _, l := range ls {
		*rows = append(*rows, run.row(l))
	}
}

// row returns the cells of l.
func (run *runner) row(l *leads.Lead) []string {
	n := len(run.cells)
	if len(run.backing) < n {
		run.backing = make([]string, n*1024)
	}
	row := run.backing[:n:n]
	run.backing = run.backing[n:]
	for i, cell := range run.cells {
		row[i] = cell(l)
	}
	return row
}
