package sqlq

import (
	"errors"
	"strings"

	"github.com/leadkit/leads"
)

// sortKey is one ORDER BY expression with its direction and, with a
// cursor, the value it resumes after.
type sortKey struct {
	expr  string
	desc  bool
	after string // placeholder of the cursor value
}

// Where returns the WHERE clause (" WHERE ...", or "") of q's types and
// condition, adding its parameters.
func (b *Builder) Where(q leads.Query) (string, error) {
	parts := []string{}
	if len(q.Types) > 0 {
		names := make([]string, len(q.Types))
		for i, t := range q.Types {
			names[i] = t.String()
		}
		parts = append(parts, AnyOf(b, "type", names, "text"))
	}
	if !q.Where.IsZero() {
		s, err := b.cond(q.Where)
		if err != nil {
			return "", err
		}
		parts = append(parts, s)
	}
	if len(parts) == 0 {
		return "", nil
	}
	return " WHERE " + strings.Join(parts, " AND "), nil
}

// Select translates q, validated as p, into one SELECT of columns (the
// select list, written as given) from the leads table, in dialect d.
func Select(d Dialect, columns string, q leads.Query, p *leads.Plan) (string, []any, error) {
	b := NewBuilder(d, q.CustomTypes)
	where, err := b.Where(q)
	if err != nil {
		return "", nil, err
	}
	if q.Unordered && q.Offset == 0 && q.Limit == 0 && q.After == "" {
		// The caller needs no order: spare the sort of a large scan.
		return "SELECT " + columns + " FROM leads" + where, b.args, nil
	}
	keys, err := b.sortKeys(q, p)
	if err != nil {
		return "", nil, err
	}
	var sb strings.Builder
	sb.WriteString("SELECT " + columns + " FROM leads")
	sb.WriteString(where)
	if keys[0].after != "" {
		if where == "" {
			sb.WriteString(" WHERE ")
		} else {
			sb.WriteString(" AND ")
		}
		sb.WriteString(afterCond(keys))
	}
	sb.WriteString(" ORDER BY ")
	for i, k := range keys {
		if i > 0 {
			sb.WriteString(", ")
		}
		sb.WriteString(k.expr)
		if k.desc {
			sb.WriteString(" DESC")
		}
	}
	sb.WriteString(b.limit(q.Offset, q.Limit))
	return sb.String(), b.args, nil
}

// sortKeys returns the ORDER BY keys of q (its sort, then File As, then
// the ID, each field once), with the values of its cursor when it has
// one.
func (b *Builder) sortKeys(q leads.Query, p *leads.Plan) ([]sortKey, error) {
	fields := make([]leads.SortKey, 0, len(q.Sort)+1)
	fields = append(fields, q.Sort...)
	fields = append(fields, leads.Asc(leads.FieldFileAs))
	afterVals, afterID, hasCursor := p.After()
	var keys []sortKey
	seen := make(map[leads.Field]bool, len(fields))
	for i, k := range fields {
		if seen[k.Field] {
			// A field sorted on already orders nothing more, and the
			// planner would not see that the index covers the order.
			continue
		}
		seen[k.Field] = true
		col, err := b.column(k.Field)
		if err != nil {
			return nil, err
		}
		exprs := b.sortExprs(col)
		var ps []string
		if hasCursor && col.custom != 0 {
			if ps, err = b.customCursor(col, afterVals[i]); err != nil {
				return nil, err
			}
		} else if hasCursor {
			vals, err := operand(col.kind, afterVals[i])
			if err == nil && col.kind == leads.KindText && !Storable(afterVals[i]) {
				err = errors.New("not storable")
			}
			if err != nil {
				return nil, &leads.FieldError{Field: "query.after", Reason: "invalid cursor: it was made for another sort"}
			}
			ps = b.params(col, vals)
			if col.prefixed {
				ps = []string{prefixOf(ps[0]), ps[0]}
			}
		}
		for j, e := range exprs {
			sk := sortKey{expr: e, desc: k.Desc}
			if hasCursor {
				sk.after = ps[j]
			}
			keys = append(keys, sk)
		}
	}
	id := sortKey{expr: "id"}
	if hasCursor {
		id.after = b.Arg(afterID, "uuid")
	}
	return append(keys, id), nil
}

// afterCond is the condition "comes after the cursor" in the order of
// keys: the first key that differs decides, in its direction. When every
// key runs in one direction it is one row comparison, which an index on
// the keys answers with a range scan; otherwise the first key's bound,
// redundant but indexable, narrows the scan.
func afterCond(keys []sortKey) string {
	same := true
	for _, k := range keys {
		same = same && k.desc == keys[0].desc
	}
	op := " > "
	if keys[0].desc {
		op = " < "
	}
	if same {
		exprs, vals := make([]string, len(keys)), make([]string, len(keys))
		for i, k := range keys {
			exprs[i], vals[i] = k.expr, k.after
		}
		return "(" + strings.Join(exprs, ", ") + ")" + op + "(" + strings.Join(vals, ", ") + ")"
	}
	ors := make([]string, len(keys))
	for i, k := range keys {
		ands := make([]string, 0, i+1)
		for _, eq := range keys[:i] {
			ands = append(ands, eq.expr+" = "+eq.after)
		}
		op := " > "
		if k.desc {
			op = " < "
		}
		ands = append(ands, k.expr+op+k.after)
		ors[i] = "(" + strings.Join(ands, " AND ") + ")"
	}
	return "(" + keys[0].expr + op[:2] + "= " + keys[0].after + " AND (" + strings.Join(ors, " OR ") + "))"
}

// Count translates q's types and condition into one SELECT count(*) of
// the leads table, in dialect d.
func Count(d Dialect, q leads.Query) (string, []any, error) {
	b := NewBuilder(d, q.CustomTypes)
	where, err := b.Where(q)
	if err != nil {
		return "", nil, err
	}
	return "SELECT count(*) FROM leads" + where, b.args, nil
}
