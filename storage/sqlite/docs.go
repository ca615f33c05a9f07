package sqlite

import (
	"bytes"
	"context"
	"iter"
	"slices"
	"strings"

	"github.com/google/uuid"
	"github.com/leadkit/leads"
	"github.com/leadkit/leads/storage/internal/sqlq"
)

// scanDoc reads a row of id, the columns extra points into, doc and
// version, and decodes the document into v.
func scanDoc[T any](what string, row scanner, extra []any, v *T) (uuid.UUID, int64, error) {
	var (
		id      uuid.UUID
		doc     []byte
		version int64
	)
	dest := append(append([]any{&id}, extra...), &doc, &version)
	if err := row.Scan(dest...); err != nil {
		return id, 0, err
	}
	return id, version, decodeDoc(what, id, doc, v)
}

var fieldDefinitionKind = kind[leads.FieldDefinition]{
	name:    "field definition",
	table:   "field_definitions",
	columns: []string{"id", "doc", "version"},
	order:   "id",
	id:      func(d *leads.FieldDefinition) uuid.UUID { return d.ID },
	version: func(d *leads.FieldDefinition) *int64 { return &d.Version },
	values: func(d *leads.FieldDefinition) ([]any, error) {
		doc, err := encodeDoc(d)
		if err != nil {
			return nil, err
		}
		return []any{d.ID, string(doc), d.Version}, nil
	},
	scan: func(row scanner) (*leads.FieldDefinition, error) {
		var d leads.FieldDefinition
		id, version, err := scanDoc("field definition", row, nil, &d)
		if err != nil {
			return nil, err
		}
		d.ID, d.Version = id, version
		return &d, nil
	},
}

var opportunityKind = kind[leads.Opportunity]{
	name:    "opportunity",
	table:   "opportunities",
	columns: []string{"id", "record_id", "doc", "version"},
	order:   "id",
	id:      func(o *leads.Opportunity) uuid.UUID { return o.ID },
	version: func(o *leads.Opportunity) *int64 { return &o.Version },
	values: func(o *leads.Opportunity) ([]any, error) {
		doc, err := encodeDoc(newOpportunityDoc(o))
		if err != nil {
			return nil, err
		}
		return []any{o.ID, o.RecordID, string(doc), o.Version}, nil
	},
	scan: func(row scanner) (*leads.Opportunity, error) {
		var (
			od   opportunityDoc
			recd uuid.UUID
		)
		id, version, err := scanDoc("opportunity", row, []any{&recd}, &od)
		if err != nil {
			return nil, err
		}
		o := od.opportunity()
		o.ID, o.RecordID, o.Version = id, recd, version
		return o, nil
	},
}

var reportKind = kind[leads.Report]{
	name:    "report",
	table:   "reports",
	columns: []string{"id", "name", "doc", "version"},
	order:   "name, id",
	id:      func(r *leads.Report) uuid.UUID { return r.ID },
	version: func(r *leads.Report) *int64 { return &r.Version },
	values: func(r *leads.Report) ([]any, error) {
		if err := sqlq.CheckText("name", r.Name); err != nil {
			return nil, err
		}
		doc, err := encodeDoc(r)
		if err != nil {
			return nil, err
		}
		return []any{r.ID, r.Name, string(doc), r.Version}, nil
	},
	scan: func(row scanner) (*leads.Report, error) {
		var (
			r    leads.Report
			name string
		)
		id, version, err := scanDoc("report", row, []any{&name}, &r)
		if err != nil {
			return nil, err
		}
		r.ID, r.Version = id, version
		return &r, nil
	},
}

// opportunityRepo lists opportunities by record.
type opportunityRepo struct{ kindRepo[leads.Opportunity] }

// List streams the opportunities of record (every one for uuid.Nil) by ID.
func (r opportunityRepo) List(ctx context.Context, record uuid.UUID) iter.Seq2[*leads.Opportunity, error] {
	if record == uuid.Nil {
		return r.list(ctx, "")
	}
	return r.list(ctx, " WHERE record_id = ?", record)
}

var historyKind = kind[leads.HistoryItem]{
	name:    "history item",
	table:   "history",
	columns: []string{"id", "kind", "at", "at_ns", "doc", "version"},
	order:   "at DESC, at_ns DESC, id DESC",
	id:      func(h *leads.HistoryItem) uuid.UUID { return h.ID },
	version: func(h *leads.HistoryItem) *int64 { return &h.Version },
	values: func(h *leads.HistoryItem) ([]any, error) {
		if err := sqlq.CheckText("kind", string(h.Kind)); err != nil {
			return nil, err
		}
		doc, err := encodeDoc((*historyDoc)(h))
		if err != nil {
			return nil, err
		}
		at, ns := splitTime(h.At)
		return []any{h.ID, string(h.Kind), at, ns, string(doc), h.Version}, nil
	},
	scan: func(row scanner) (*leads.HistoryItem, error) {
		var (
			h      leads.HistoryItem
			kind   string
			at, ns int64
		)
		id, version, err := scanDoc("history item", row, []any{&kind, &at, &ns}, (*historyDoc)(&h))
		if err != nil {
			return nil, err
		}
		h.ID, h.Version = id, version
		return &h, nil
	},
	links: linkHistory,
}

// linkHistory writes the rows of history_records for h: one per record it
// names, carrying its time.
func linkHistory(ctx context.Context, q querier, h *leads.HistoryItem, created bool) error {
	if !created {
		if _, err := q.ExecContext(ctx, "DELETE FROM history_records WHERE history_id = ?", h.ID); err != nil {
			return wrap("link history item "+h.ID.String(), err)
		}
	}
	records := slices.Clone(h.Records)
	slices.SortFunc(records, func(a, b uuid.UUID) int { return bytes.Compare(a[:], b[:]) })
	records = slices.Compact(records)
	at, ns := splitTime(h.At)
	for _, rec := range records {
		if _, err := q.ExecContext(ctx, "INSERT INTO history_records (history_id, record_id, at, at_ns) VALUES (?, ?, ?, ?)",
			h.ID, rec, at, ns); err != nil {
			return wrap("link history item "+h.ID.String(), err)
		}
	}
	return nil
}

// historyRepo adds ByRecord to the generic repository.
type historyRepo struct{ kindRepo[leads.HistoryItem] }

// ByRecord reads the record's items newest first through the index of
// history_records, narrowed in SQL by the filter's kinds and range, and
// keeps those that the filter matches (HistoryFilter.Match), up to its
// limit. It reads them all before yielding, so that the caller may write
// while iterating.
func (r historyRepo) ByRecord(ctx context.Context, record uuid.UUID, f leads.HistoryFilter) iter.Seq2[*leads.HistoryItem, error] {
	return func(yield func(*leads.HistoryItem, error) bool) {
		if err := r.db.check(); err != nil {
			yield(nil, err)
			return
		}
		if err := f.Validate(); err != nil {
			yield(nil, err)
			return
		}
		b := sqlq.NewBuilder(sqlq.SQLite, nil)
		cols := make([]string, len(r.k.columns))
		for i, c := range r.k.columns {
			cols[i] = "h." + c
		}
		var sb strings.Builder
		sb.WriteString("SELECT " + strings.Join(cols, ", ") +
			" FROM history_records l JOIN history h ON h.id = l.history_id WHERE l.record_id = " + b.Arg(record, "uuid"))
		if len(f.Kinds) > 0 {
			kinds := make([]string, len(f.Kinds))
			for i, k := range f.Kinds {
				kinds[i] = string(k)
			}
			sb.WriteString(" AND " + sqlq.AnyOf(b, "h.kind", kinds, "text"))
		}
		if !f.From.IsZero() {
			sb.WriteString(" AND (l.at, l.at_ns) >= (" + b.Arg(f.From, "timestamptz") + ", " + b.Arg(int16(f.From.Nanosecond()%1000), "smallint") + ")")
		}
		if !f.To.IsZero() {
			sb.WriteString(" AND (l.at, l.at_ns) < (" + b.Arg(f.To, "timestamptz") + ", " + b.Arg(int16(f.To.Nanosecond()%1000), "smallint") + ")")
		}
		sb.WriteString(" ORDER BY l.at DESC, l.at_ns DESC, l.history_id DESC")
		if f.Limit > 0 {
			sb.WriteString(" LIMIT " + b.Arg(int64(f.Limit), "bigint"))
		}
		all, err := readAll(ctx, r.db.q, r.k.scan, sb.String(), b.Args()...)
		if err != nil {
			yield(nil, wrap("list history", err))
			return
		}
		for _, h := range all {
			if f.Match(h) && !yield(h, nil) {
				return
			}
		}
	}
}
