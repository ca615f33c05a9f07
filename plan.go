package leads

import (
	"bytes"
	"cmp"
	"container/heap"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"iter"
	"slices"
	"strings"
	"time"

	"github.com/google/uuid"
	"github.com/shopspring/decimal"
)

// Plan is a validated, compiled Query, ready to test and order leads in
// memory. Stores that keep records in memory answer queries with it (see
// Select); a SQL store only needs Validate.
type Plan struct {
	query Query
	types []bool // indexed by RecordType; nil means every type
	where func(*Lead) bool
	keys  []keySpec
	after []keyVal // the cursor's position, nil without a cursor
	// afterID is the ID of the record the cursor names.
	afterID uuid.UUID
}

type keySpec struct {
	spec fieldSpec
	desc bool
}

// keyVal is one sort key of one lead.
type keyVal struct {
	text string
	num  int64
	dec  decimal.Decimal
	time time.Time
}

// Plan validates q and compiles it.
func (q Query) Plan() (*Plan, error) {
	p := &Plan{query: q}
	if q.Limit < 0 {
		return nil, fieldErr("query.limit", "%d is negative", q.Limit)
	}
	if q.Offset < 0 {
		return nil, fieldErr("query.offset", "%d is negative", q.Offset)
	}
	if len(q.Types) > 0 {
		p.types = make([]bool, TypeContact+1)
		for _, t := range q.Types {
			if t > TypeContact {
				return nil, fieldErr("query.types", "unknown record type %d", t)
			}
			p.types[t] = true
		}
	}
	where, err := compileCond(q.Where, "query.where", q.lookup)
	if err != nil {
		return nil, err
	}
	p.where = where
	for i, k := range q.Sort {
		spec, ok := q.lookup(k.Field)
		if !ok {
			return nil, fieldErr(fmt.Sprintf("query.sort[%d].field", i), "unknown field %q", k.Field)
		}
		p.keys = append(p.keys, keySpec{spec: spec, desc: k.Desc})
	}
	fileAs, _ := lookupField(FieldFileAs)
	p.keys = append(p.keys, keySpec{spec: fileAs})
	if q.After != "" {
		if p.after, err = p.decodeCursor(q.After); err != nil {
			return nil, err
		}
	}
	return p, nil
}

// Match reports whether l is of the query's types, meets its condition and
// comes after its cursor.
func (p *Plan) Match(l *Lead) bool {
	if p.types != nil && (int(l.Type) >= len(p.types) || !p.types[l.Type]) {
		return false
	}
	if p.where != nil && !p.where(l) {
		return false
	}
	if p.after != nil && p.compareKeys(p.keysOf(l), l.ID, p.after, p.afterID) <= 0 {
		return false
	}
	return true
}

// Compare orders two leads by the query's sort keys, then by File As, then
// by ID; it returns a negative number when a comes first.
func (p *Plan) Compare(a, b *Lead) int {
	ka, kb := p.keysOf(a), p.keysOf(b)
	return p.compareKeys(ka, a.ID, kb, b.ID)
}

// Cursor returns the cursor that resumes a listing after l.
func (p *Plan) Cursor(l *Lead) string {
	keys := p.keysOf(l)
	out := make([]string, 0, len(keys)+2)
	out = append(out, p.sortSignature())
	for i, k := range keys {
		out = append(out, p.keys[i].spec.format(k))
	}
	out = append(out, l.ID.String())
	b, _ := json.Marshal(out)
	return base64.RawURLEncoding.EncodeToString(b)
}

// Cursor returns the cursor that resumes q's listing after l, for
// Query.After.
func Cursor(q Query, l *Lead) (string, error) {
	p, err := q.Plan()
	if err != nil {
		return "", err
	}
	return p.Cursor(l), nil
}

func (p *Plan) decodeCursor(s string) ([]keyVal, error) {
	bad := func(why string) error { return fieldErr("query.after", "invalid cursor: %s", why) }
	b, err := base64.RawURLEncoding.DecodeString(s)
	if err != nil {
		return nil, bad("not base64")
	}
	var parts []string
	if err := json.Unmarshal(b, &parts); err != nil {
		return nil, bad("not a cursor")
	}
	if len(parts) != len(p.keys)+2 || parts[0] != p.sortSignature() {
		return nil, bad("it was made for another sort")
	}
	parts = parts[1:]
	keys := make([]keyVal, 0, len(parts))
	for i, k := range p.keys {
		if k.spec.kind == kindCustom {
			keys = append(keys, customKey(k.spec.custom, parts[i]))
			continue
		}
		op, err := parseOperand(k.spec.kind, parts[i])
		if err != nil {
			return nil, bad("it was made for another sort")
		}
		keys = append(keys, keyVal(op))
	}
	id, err := uuid.Parse(parts[len(parts)-1])
	if err != nil {
		return nil, bad("no record ID")
	}
	p.afterID = id
	return keys, nil
}

// sortSignature names the query's sort ("company,-stars"). A cursor carries
// it, so that one made for another sort is refused rather than misread:
// keys of the same number and kinds would otherwise decode without error.
func (p *Plan) sortSignature() string {
	var b strings.Builder
	for i, k := range p.query.Sort {
		if i > 0 {
			b.WriteByte(',')
		}
		if k.Desc {
			b.WriteByte('-')
		}
		b.WriteString(string(k.Field))
	}
	return b.String()
}

func (p *Plan) keysOf(l *Lead) []keyVal {
	keys := make([]keyVal, len(p.keys))
	for i, k := range p.keys {
		keys[i] = k.spec.key(l)
	}
	return keys
}

// compareKeys compares the sort keys and IDs of two leads.
func (p *Plan) compareKeys(a []keyVal, aid uuid.UUID, b []keyVal, bid uuid.UUID) int {
	for i, k := range p.keys {
		c := k.spec.compare(a[i], b[i])
		if k.desc {
			c = -c
		}
		if c != 0 {
			return c
		}
	}
	return bytes.Compare(aid[:], bid[:])
}

func (s fieldSpec) key(l *Lead) keyVal {
	switch s.kind {
	case kindCustom:
		return customKey(s.custom, s.text(l))
	case KindInt:
		return keyVal{num: s.num(l)}
	case KindDecimal:
		return keyVal{dec: s.dec(l)}
	case KindTime:
		return keyVal{time: s.time(l)}
	}
	if s.list {
		if vs := s.texts(l); len(vs) > 0 {
			return keyVal{text: foldText(vs[0])}
		}
		return keyVal{}
	}
	return keyVal{text: foldText(s.text(l))}
}

func (s fieldSpec) compare(a, b keyVal) int {
	switch s.kind {
	case kindCustom:
		return compareCustom(s.custom, a, b)
	case KindInt:
		return cmp.Compare(a.num, b.num)
	case KindDecimal:
		return a.dec.Cmp(b.dec)
	case KindTime:
		return a.time.Compare(b.time)
	}
	return strings.Compare(a.text, b.text)
}

func (s fieldSpec) format(k keyVal) string {
	switch s.kind {
	case kindCustom:
		return k.text
	case KindInt:
		return fmt.Sprint(k.num)
	case KindDecimal:
		return k.dec.String()
	case KindTime:
		return k.time.Format(time.RFC3339Nano)
	}
	return k.text
}

// Select answers q over the leads of all, in memory: it keeps the matches,
// sorts them and applies the cursor, offset and limit. It returns the
// leads it was given, not copies.
func Select(q Query, all iter.Seq[*Lead]) ([]*Lead, error) {
	p, err := q.Plan()
	if err != nil {
		return nil, err
	}
	if q.Unordered && q.Offset == 0 && q.Limit == 0 && q.After == "" {
		var out []*Lead
		for l := range all {
			if p.Match(l) {
				out = append(out, l)
			}
		}
		return out, nil
	}
	var rows []row
	if k := q.Offset + q.Limit; q.Limit > 0 && k > 0 { // k <= 0: the sum overflowed
		rows = p.top(all, k)
	} else {
		for l := range all {
			if p.Match(l) {
				rows = append(rows, row{l, p.keysOf(l)})
			}
		}
	}
	slices.SortFunc(rows, p.compareRows)
	if q.Offset >= len(rows) {
		return nil, nil
	}
	rows = rows[q.Offset:]
	if q.Limit > 0 && q.Limit < len(rows) {
		rows = rows[:q.Limit]
	}
	out := make([]*Lead, len(rows))
	for i, r := range rows {
		out[i] = r.l
	}
	return out, nil
}

// row is a lead with its sort keys.
type row struct {
	l    *Lead
	keys []keyVal
}

func (p *Plan) compareRows(a, b row) int { return p.compareKeys(a.keys, a.l.ID, b.keys, b.l.ID) }

// top returns, unordered, the k first matches of all in sort order. It
// keeps them in a max-heap, so a page of a large result costs O(n log k)
// and k rows of memory rather than a sort of every match.
func (p *Plan) top(all iter.Seq[*Lead], k int) []row {
	h := &rowHeap{p: p}
	scratch := make([]keyVal, len(p.keys))
	for l := range all {
		if !p.Match(l) {
			continue
		}
		for i, ks := range p.keys {
			scratch[i] = ks.spec.key(l)
		}
		if len(h.rows) < k {
			heap.Push(h, row{l, slices.Clone(scratch)})
			continue
		}
		if p.compareKeys(scratch, l.ID, h.rows[0].keys, h.rows[0].l.ID) < 0 {
			copy(h.rows[0].keys, scratch)
			h.rows[0].l = l
			heap.Fix(h, 0)
		}
	}
	return h.rows
}

// rowHeap is a max-heap of rows: the root is the last in sort order.
type rowHeap struct {
	p    *Plan
	rows []row
}

func (h *rowHeap) Len() int           { return len(h.rows) }
func (h *rowHeap) Less(i, j int) bool { return h.p.compareRows(h.rows[i], h.rows[j]) > 0 }
func (h *rowHeap) Swap(i, j int)      { h.rows[i], h.rows[j] = h.rows[j], h.rows[i] }
func (h *rowHeap) Push(x any)         { h.rows = append(h.rows, x.(row)) }
func (h *rowHeap) Pop() any {
	r := h.rows[len(h.rows)-1]
	h.rows = h.rows[:len(h.rows)-1]
	return r
}
