package leads

import (
	"bytes"
	"encoding/json"
	"fmt"
	"reflect"
	"strings"
	"sync"
)

// Change log
//
// Every update of a record through a Book writes, in the same
// all-or-nothing write as the update, a history item of kind KindChange
// linked to the record: Edit, Save, Comment, SetStatus, Check, the manual
// and automatic scores and rescoring; Convert; Merge (one entry on the
// survivor, see MergeEntry, and one on each record whose initiator became
// the survivor); BulkEdit, Assign and the other multi-record writes;
// Delete and Accounts.Delete, on each record whose link to the deleted
// record or account they clear; and an import that updates stored
// records (Preparer.EditIn). Each entry records when (At, from the Book's
// clock), who (CreatedBy, from Actor), and each field changed with its
// value before and after (Changes). An
// update that changes nothing but the bookkeeping leaves no entry, and
// creation is no change: the record's own created stamps tell it.
//
// The entries are part of the record's history, so a frontend shows one
// timeline; to answer "who changed this and when", list the history with
// HistoryFilter{Kinds: []HistoryKind{KindChange}}, and to leave the log out
// of a timeline, list the other kinds.

// diffSkip reports the members Diff leaves out: the bookkeeping that
// changes with every write (FieldSpec.Bookkeeping), and is itself the
// "who and when" of the entry.
func diffSkip(name string) bool {
	s := specOf(Field(name))
	return s != nil && s.Bookkeeping
}

// leadField is one field of Lead as Diff sees it.
type leadField struct {
	index int
	name  string // JSON name
}

// leadFields lists the fields of Lead by JSON name, in declaration order.
// It is computed once, and never changes after.
var leadFields = sync.OnceValue(func() []leadField {
	t := reflect.TypeFor[Lead]()
	var out []leadField
	for i := range t.NumField() {
		name, _, _ := strings.Cut(t.Field(i).Tag.Get("json"), ",")
		if name == "" || name == "-" || diffSkip(name) {
			continue
		}
		out = append(out, leadField{i, name})
	}
	return out
})

// Diff returns the fields in which b differs from a, by their JSON field
// names and in the order of the Lead struct, with each value before and
// after in JSON. Scalar fields, lists (emails, phones, addresses,
// comments, ...), maps (checks, custom) and the score are compared whole;
// an empty list or map equals a missing one. The photo is recorded by its
// content type and size, not its bytes. Comments, which only grow as a
// rule, are recorded from the first entry that differs, so that adding a
// comment logs the new entry and not the whole list again. Version and the
// update stamps are left out. A nil lead has no fields: Diff(nil, b) lists every field b
// sets.
func Diff(a, b *Lead) []FieldChange {
	var va, vb reflect.Value
	if a != nil {
		va = reflect.ValueOf(a).Elem()
	}
	if b != nil {
		vb = reflect.ValueOf(b).Elem()
	}
	if a != nil && b != nil && len(a.Comments) > 0 && len(b.Comments) > 0 {
		// Compare the comments after their common leading entries.
		n := 0
		for n < len(a.Comments) && n < len(b.Comments) && a.Comments[n] == b.Comments[n] {
			n++
		}
		if n > 0 {
			ac, bc := *a, *b // shallow copies: Diff only reads
			ac.Comments, bc.Comments = a.Comments[n:], b.Comments[n:]
			a, b = &ac, &bc
			va, vb = reflect.ValueOf(a).Elem(), reflect.ValueOf(b).Elem()
		}
	}
	var out []FieldChange
	for _, f := range leadFields() {
		if va.IsValid() && vb.IsValid() && sameField(va.Field(f.index), vb.Field(f.index)) {
			continue // most fields of an edit: no need to marshal them
		}
		x, y := fieldJSON(va, f), fieldJSON(vb, f)
		if !bytes.Equal(x, y) {
			out = append(out, FieldChange{Field: f.name, From: x, To: y})
		}
	}
	return out
}

// sameField reports, cheaply, that two values of one field are surely
// equal: both empty, or equal in Go terms. It may say false for values
// whose JSON is the same (times in two zones), which Diff then compares as
// JSON.
func sameField(x, y reflect.Value) bool {
	if isEmptyField(x) && isEmptyField(y) {
		return true
	}
	if x.Type().Comparable() && x.Kind() != reflect.Interface {
		return x.Equal(y)
	}
	return reflect.DeepEqual(x.Interface(), y.Interface())
}

func isEmptyField(v reflect.Value) bool {
	switch v.Kind() {
	case reflect.Slice, reflect.Map:
		return v.Len() == 0
	}
	return v.IsZero()
}

// fieldJSON returns the JSON of one field of a lead, with empty lists and
// maps and zero values as "null", so that absent and empty compare equal.
func fieldJSON(v reflect.Value, f leadField) json.RawMessage {
	null := json.RawMessage("null")
	if !v.IsValid() {
		return null
	}
	fv := v.Field(f.index)
	switch fv.Kind() {
	case reflect.Slice, reflect.Map:
		if fv.Len() == 0 {
			return null
		}
	case reflect.Pointer:
		if fv.IsNil() {
			return null
		}
	}
	if fv.IsZero() {
		return null
	}
	var val any = fv.Interface()
	if p, ok := val.(*Photo); ok {
		val = struct {
			ContentType string `json:"content_type"`
			Size        int    `json:"size"`
		}{p.ContentType, len(p.Data)}
	}
	b, err := json.Marshal(val)
	if err != nil {
		// Every field of Lead marshals; keep the change visible anyway.
		b, _ = json.Marshal(fmt.Sprint(val))
	}
	return b
}
