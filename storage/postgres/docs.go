package postgres

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"iter"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/google/uuid"
	"github.com/jackc/pgx/v5"
	"github.com/leadkit/leads"
	"github.com/leadkit/leads/storage/internal/sqlq"
	"github.com/shopspring/decimal"
)

// Field definitions, opportunities, history items and saved reports are
// kept whole, as JSON documents in a json column (migration 0002), beside
// the columns that their look-ups and listings use. A document is the
// record's Go JSON encoding without HTML escaping, so it decodes to the
// record it was made from; json (not jsonb) keeps its text as written.

// encodeDoc returns the document of v. It refuses text that is not valid
// UTF-8, which JSON would silently replace, naming the field.
func encodeDoc(v any) ([]byte, error) {
	if err := checkUTF8(reflect.ValueOf(v), ""); err != nil {
		return nil, err
	}
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		return nil, fmt.Errorf("leads/postgres: %w", err)
	}
	return bytes.TrimSuffix(buf.Bytes(), []byte("\n")), nil
}

// checkUTF8 walks v and returns a *leads.FieldError naming the first
// string (by its JSON path) that is not valid UTF-8.
func checkUTF8(v reflect.Value, path string) error {
	bad := func(p string) error {
		return &leads.FieldError{Field: strings.TrimPrefix(p, "."), Reason: "is not valid UTF-8"}
	}
	switch v.Kind() {
	case reflect.String:
		if !utf8.ValidString(v.String()) {
			return bad(path)
		}
	case reflect.Pointer, reflect.Interface:
		if !v.IsNil() {
			return checkUTF8(v.Elem(), path)
		}
	case reflect.Slice:
		if v.Type().Elem().Kind() == reflect.Uint8 {
			return nil // bytes (json.RawMessage): encoding/json checks them
		}
		for i := range v.Len() {
			if err := checkUTF8(v.Index(i), path+"["+strconv.Itoa(i)+"]"); err != nil {
				return err
			}
		}
	case reflect.Map:
		for it := v.MapRange(); it.Next(); {
			if k := it.Key(); k.Kind() == reflect.String && !utf8.ValidString(k.String()) {
				return bad(path)
			}
			if err := checkUTF8(it.Value(), path+"."+fmt.Sprint(it.Key())); err != nil {
				return err
			}
		}
	case reflect.Struct:
		t := v.Type()
		for i := range t.NumField() {
			f := t.Field(i)
			if !f.IsExported() {
				continue
			}
			name, _, _ := strings.Cut(f.Tag.Get("json"), ",")
			if name == "" {
				name = f.Name
			}
			if err := checkUTF8(v.Field(i), path+"."+name); err != nil {
				return err
			}
		}
	}
	return nil
}

// decodeDoc reads a document into v.
func decodeDoc(what string, id uuid.UUID, b []byte, v any) error {
	if err := json.Unmarshal(b, v); err != nil {
		return fmt.Errorf("leads/postgres: %s %s: stored document: %w", what, id, err)
	}
	return nil
}

var fieldDefinitionKind = kind[leads.FieldDefinition]{
	// After each write of a definition, the indexes that definitions ask
	// for (syncCustomIndexes).
	links: func(ctx context.Context, q querier, _ *leads.FieldDefinition, _ bool) error {
		return syncCustomIndexes(ctx, q)
	},
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
		return []any{d.ID, doc, d.Version}, nil
	},
	scan: func(row pgx.Row) (*leads.FieldDefinition, error) {
		var (
			d       leads.FieldDefinition
			id      uuid.UUID
			doc     []byte
			version int64
		)
		if err := row.Scan(&id, &doc, &version); err != nil {
			return nil, err
		}
		if err := decodeDoc("field definition", id, doc, &d); err != nil {
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
		return []any{o.ID, o.RecordID, doc, o.Version}, nil
	},
	scan: func(row pgx.Row) (*leads.Opportunity, error) {
		var (
			od       opportunityDoc
			id, recd uuid.UUID
			doc      []byte
			version  int64
		)
		if err := row.Scan(&id, &recd, &doc, &version); err != nil {
			return nil, err
		}
		if err := decodeDoc("opportunity", id, doc, &od); err != nil {
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
		if err := checkText("name", r.Name); err != nil {
			return nil, err
		}
		doc, err := encodeDoc(r)
		if err != nil {
			return nil, err
		}
		return []any{r.ID, r.Name, doc, r.Version}, nil
	},
	scan: func(row pgx.Row) (*leads.Report, error) {
		var (
			r       leads.Report
			id      uuid.UUID
			name    string
			doc     []byte
			version int64
		)
		if err := row.Scan(&id, &name, &doc, &version); err != nil {
			return nil, err
		}
		if err := decodeDoc("report", id, doc, &r); err != nil {
			return nil, err
		}
		r.ID, r.Version = id, version
		return &r, nil
	},
}

// opportunityDoc is an opportunity as its document keeps it: decimals as
// coefficient and exponent, so that 0.50 comes back as 0.50 (decimal's own
// JSON form drops trailing zeros).
type opportunityDoc struct {
	plainOpportunity
	Lines []lineDoc `json:"lines"`
}

type plainOpportunity leads.Opportunity

type lineDoc struct {
	Product   string       `json:"product"`
	Quantity  exactDecimal `json:"quantity"`
	UnitPrice exactDecimal `json:"unit_price"`
	Discount  exactDecimal `json:"discount"`
}

func newOpportunityDoc(o *leads.Opportunity) *opportunityDoc {
	d := &opportunityDoc{plainOpportunity: plainOpportunity(*o)}
	if o.Lines != nil {
		d.Lines = make([]lineDoc, len(o.Lines))
	}
	for i, li := range o.Lines {
		d.Lines[i] = lineDoc{li.Product, exactDecimal(li.Quantity), exactDecimal(li.UnitPrice), exactDecimal(li.Discount)}
	}
	d.plainOpportunity.Lines = nil
	return d
}

func (d *opportunityDoc) opportunity() *leads.Opportunity {
	o := leads.Opportunity(d.plainOpportunity)
	o.Lines = nil
	if d.Lines != nil {
		o.Lines = make([]leads.LineItem, len(d.Lines))
	}
	for i, li := range d.Lines {
		o.Lines[i] = leads.LineItem{Product: li.Product, Quantity: decimal.Decimal(li.Quantity),
			UnitPrice: decimal.Decimal(li.UnitPrice), Discount: decimal.Decimal(li.Discount)}
	}
	return &o
}

// exactDecimal is a decimal written as "COEFFICIENTeEXPONENT" ("50e-2"),
// and the zero decimal.Decimal as "".
type exactDecimal decimal.Decimal

func (e exactDecimal) MarshalJSON() ([]byte, error) {
	d := decimal.Decimal(e)
	if d == (decimal.Decimal{}) {
		return []byte(`""`), nil
	}
	return json.Marshal(d.Coefficient().String() + "e" + strconv.Itoa(int(d.Exponent())))
}

func (e *exactDecimal) UnmarshalJSON(b []byte) error {
	var s string
	if err := json.Unmarshal(b, &s); err != nil {
		return err
	}
	if s == "" {
		*e = exactDecimal{}
		return nil
	}
	d, err := decimal.NewFromString(s)
	if err != nil {
		return err
	}
	*e = exactDecimal(d)
	return nil
}

// opportunityRepo lists opportunities by record.
type opportunityRepo struct{ kindRepo[leads.Opportunity] }

// List streams the opportunities of record (every one for uuid.Nil) by ID.
func (r opportunityRepo) List(ctx context.Context, record uuid.UUID) iter.Seq2[*leads.Opportunity, error] {
	if record == uuid.Nil {
		return r.list(ctx, "")
	}
	return r.list(ctx, " WHERE record_id = $1", record)
}

// historyDoc is a history item without its JSON export form (which writes
// durations as seconds): the document keeps every nanosecond.
type historyDoc leads.HistoryItem

var historyKind = kind[leads.HistoryItem]{
	name:    "history item",
	table:   "history",
	columns: []string{"id", "kind", "at", "at_ns", "doc", "version"},
	order:   "at DESC, at_ns DESC, id DESC",
	id:      func(h *leads.HistoryItem) uuid.UUID { return h.ID },
	version: func(h *leads.HistoryItem) *int64 { return &h.Version },
	values: func(h *leads.HistoryItem) ([]any, error) {
		if err := checkText("kind", string(h.Kind)); err != nil {
			return nil, err
		}
		doc, err := encodeDoc((*historyDoc)(h))
		if err != nil {
			return nil, err
		}
		at, ns := splitTime(h.At)
		return []any{h.ID, string(h.Kind), at, ns, doc, h.Version}, nil
	},
	scan: func(row pgx.Row) (*leads.HistoryItem, error) {
		var (
			h       leads.HistoryItem
			id      uuid.UUID
			kind    string
			at      time.Time
			ns      int16
			doc     []byte
			version int64
		)
		if err := row.Scan(&id, &kind, &at, &ns, &doc, &version); err != nil {
			return nil, err
		}
		if err := decodeDoc("history item", id, doc, (*historyDoc)(&h)); err != nil {
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
		if _, err := q.Exec(ctx, "DELETE FROM history_records WHERE history_id = $1", h.ID); err != nil {
			return wrap("link history item "+h.ID.String(), err)
		}
	}
	if len(h.Records) == 0 {
		return nil
	}
	at, ns := splitTime(h.At)
	records := slices.Clone(h.Records)
	slices.SortFunc(records, func(a, b uuid.UUID) int { return bytes.Compare(a[:], b[:]) })
	records = slices.Compact(records)
	_, err := q.Exec(ctx, `INSERT INTO history_records (history_id, record_id, at, at_ns)
		SELECT $1, r, $3, $4 FROM unnest($2::uuid[]) AS r`, h.ID, records, at, ns)
	return wrap("link history item "+h.ID.String(), err)
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
		b := sqlq.NewBuilder(sqlq.Postgres, nil)
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
			sb.WriteString(" AND h.kind = ANY(" + b.Arg(kinds, "text[]") + ")")
		}
		if !f.From.IsZero() {
			at, ns := splitTime(f.From)
			sb.WriteString(" AND (l.at, l.at_ns) >= (" + b.Arg(at, "timestamptz") + ", " + b.Arg(ns, "smallint") + ")")
		}
		if !f.To.IsZero() {
			at, ns := splitTime(f.To)
			sb.WriteString(" AND (l.at, l.at_ns) < (" + b.Arg(at, "timestamptz") + ", " + b.Arg(ns, "smallint") + ")")
		}
		sb.WriteString(" ORDER BY l.at DESC, l.at_ns DESC, l.history_id DESC")
		if f.Limit > 0 {
			sb.WriteString(" LIMIT " + b.Arg(int64(f.Limit), "bigint"))
		}
		rows, err := r.db.q.Query(ctx, sb.String(), b.Args()...)
		if err != nil {
			yield(nil, wrap("list history", err))
			return
		}
		var out []*leads.HistoryItem
		for rows.Next() {
			h, err := r.k.scan(rows)
			if err != nil {
				rows.Close()
				yield(nil, wrap("list history", err))
				return
			}
			if f.Match(h) {
				out = append(out, h)
			}
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			yield(nil, wrap("list history", err))
			return
		}
		for _, h := range out {
			if !yield(h, nil) {
				return
			}
		}
	}
}
