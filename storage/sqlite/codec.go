package sqlite

import (
	"bytes"
	"encoding/json"
	"fmt"
	"reflect"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/google/uuid"
	"github.com/leadkit/leads"
	"github.com/shopspring/decimal"
)

// Field definitions, opportunities, history items and saved reports are
// kept whole, as JSON documents in a TEXT column (schema.sql), beside
// the columns that their look-ups and listings use. A document is the
// record's Go JSON encoding without HTML escaping, so it decodes to the
// record it was made from.

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
		return nil, fmt.Errorf("leads/sqlite: %w", err)
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
		return fmt.Errorf("leads/sqlite: %s %s: stored document: %w", what, id, err)
	}
	return nil
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

// historyDoc is a history item without its JSON export form (which writes
// durations as seconds): the document keeps every nanosecond.
type historyDoc leads.HistoryItem
