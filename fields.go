package leads

import (
	"context"
	"fmt"
	"maps"
	"slices"
	"strings"

	"github.com/google/uuid"
)

func fieldDefinitionsIn(ctx context.Context, tx Tx, types ...RecordType) ([]FieldDefinition, error) {
	var out []FieldDefinition
	for d, err := range tx.FieldDefinitions().List(ctx) {
		if err != nil {
			return nil, err
		}
		if len(types) == 0 || slices.Contains(types, d.RecordType) {
			out = append(out, *d)
		}
	}
	return out, nil
}

// Create defines a user-defined field, def. Its name must be new
// among the fields of its record type (ignoring case). Records of that type
// that already hold a value under the name keep it if it fits the type
// (put in canonical form: "Y" becomes "yes"); if any does not fit, the
// definition is refused with a *FieldError naming custom.NAME and how many
// records hold values that do not fit. All in one write. def itself is
// not changed.
func (s FieldDefinitions) Create(ctx context.Context, def *FieldDefinition) (*FieldDefinition, error) {
	b, d := s.b, *def.Clone()
	if d.ID == uuid.Nil {
		id, err := b.newID()
		if err != nil {
			return nil, fmt.Errorf("leads: new ID: %w", err)
		}
		d.ID = id
	}
	d.Name = strings.TrimSpace(d.Name)
	d.Version = 0
	d.Choices = trimAll(slices.Clone(d.Choices))
	if err := d.Validate(); err != nil {
		return nil, err
	}
	err := b.store.Atomic(ctx, func(tx Tx) error {
		if err := checkFieldName(ctx, tx, &d); err != nil {
			return err
		}
		if err := tx.FieldDefinitions().Create(ctx, &d); err != nil {
			return err
		}
		return b.applyDefinition(ctx, tx, &d, d.Name)
	})
	if err != nil {
		return nil, err
	}
	return &d, nil
}

// Edit changes a definition through fn: its name, its type
// or its choices; its record type cannot change. A new name renames the
// key of the values in every record of the record type; a new type or new
// choices are checked against every value held. If a value does not fit,
// or a record already holds a free-form value under the new name, nothing
// changes and the error says which field and how many records. All in one
// write.
func (s FieldDefinitions) Edit(ctx context.Context, id uuid.UUID, fn func(*FieldDefinition) error) (*FieldDefinition, error) {
	b := s.b
	var out *FieldDefinition
	err := b.store.Atomic(ctx, func(tx Tx) error {
		var oldName string
		var err error
		out, err = tx.FieldDefinitions().Update(ctx, id, func(d *FieldDefinition) error {
			oldName = d.Name
			rt := d.RecordType
			if err := fn(d); err != nil {
				return err
			}
			if d.RecordType != rt {
				return fieldErr("record_type", "cannot change from %s to %s: remove the field and define it again", rt, d.RecordType)
			}
			d.Name = strings.TrimSpace(d.Name)
			d.Choices = trimAll(d.Choices)
			return d.Validate()
		})
		if err != nil {
			return err
		}
		if out.Name != oldName {
			if err := checkFieldName(ctx, tx, out); err != nil {
				return err
			}
		}
		return b.applyDefinition(ctx, tx, out, oldName)
	})
	if err != nil {
		return nil, err
	}
	return out, nil
}

// Delete removes a definition and its values from every
// record of its record type, in one write, with a change log entry on each
// record that held a value.
func (s FieldDefinitions) Delete(ctx context.Context, id uuid.UUID) error {
	b := s.b
	return b.store.Atomic(ctx, func(tx Tx) error {
		d, err := tx.FieldDefinitions().Get(ctx, id)
		if err != nil {
			return err
		}
		if err := tx.FieldDefinitions().Delete(ctx, id); err != nil {
			return err
		}
		var holders []uuid.UUID
		for l, err := range tx.Leads().List(ctx, Query{Types: []RecordType{d.RecordType}}) {
			if err != nil {
				return err
			}
			if _, ok := l.Custom[d.Name]; ok {
				holders = append(holders, l.ID)
			}
		}
		for _, lid := range holders {
			if _, err := b.updateIn(ctx, tx, lid, func(l *Lead) error {
				delete(l.Custom, d.Name)
				return nil
			}); err != nil {
				return err
			}
		}
		return nil
	})
}

// checkFieldName refuses a name that another definition of the same record
// type has, ignoring case: "Region" and "region" would be two keys that
// people cannot tell apart.
func checkFieldName(ctx context.Context, tx Tx, d *FieldDefinition) error {
	defs, err := fieldDefinitionsIn(ctx, tx, d.RecordType)
	if err != nil {
		return err
	}
	for _, o := range defs {
		if o.ID != d.ID && strings.EqualFold(o.Name, d.Name) {
			return fieldErr("name", "%q is already a %s field (%s)", d.Name, d.RecordType, o.ID)
		}
	}
	return nil
}

// applyDefinition brings the records of d's record type in line with d:
// values held under oldName move to d.Name and are put in canonical form.
// It fails, before writing anything, if a value does not fit d or a record
// holds another value under the new name.
func (b *Book) applyDefinition(ctx context.Context, tx Tx, d *FieldDefinition, oldName string) error {
	type change struct {
		id    uuid.UUID
		value string
	}
	var (
		changes          []change
		misfits, clashes int
		first            error
	)
	for l, err := range tx.Leads().List(ctx, Query{Types: []RecordType{d.RecordType}}) {
		if err != nil {
			return err
		}
		v, ok := l.Custom[oldName]
		if !ok {
			continue
		}
		if _, taken := l.Custom[d.Name]; taken && d.Name != oldName {
			clashes++
			continue
		}
		canon, err := d.CheckValue(v)
		if err != nil {
			misfits++
			if first == nil {
				first = fmt.Errorf("record %s: %w", l.ID, err)
			}
			continue
		}
		if canon != v || d.Name != oldName {
			changes = append(changes, change{l.ID, canon})
		}
	}
	field := "custom." + d.Name
	switch {
	case clashes > 0:
		return fieldErr(field, "%d records already hold a value under this name; rename or remove those first", clashes)
	case misfits > 0:
		return fieldErr(field, "%d records hold values that are not of type %s (first: %v)", misfits, d.Type, first)
	}
	for _, c := range changes {
		if _, err := b.updateIn(ctx, tx, c.id, func(l *Lead) error {
			delete(l.Custom, oldName)
			l.Custom[d.Name] = c.value
			return nil
		}); err != nil {
			return err
		}
	}
	return nil
}

// checkCustom validates, against the definitions of l's record type, the
// values of l.Custom that this write sets (all of them when old is nil or
// the record type changed), and puts them in canonical form. Keys that no
// definition names stay free-form.
func (b *Book) checkCustom(ctx context.Context, tx Tx, l, old *Lead) error {
	return checkCustomWith(l, old, func(t RecordType) ([]FieldDefinition, error) { return fieldDefinitionsIn(ctx, tx, t) })
}

// checkCustomWith is checkCustom taking the definitions of a record type
// from readDefs, called only when they are needed (a Preparer reads them
// once for many records).
func checkCustomWith(l, old *Lead, readDefs func(RecordType) ([]FieldDefinition, error)) error {
	if len(l.Custom) == 0 {
		return nil
	}
	if old != nil && old.Type == l.Type && maps.Equal(l.Custom, old.Custom) {
		return nil
	}
	defs, err := readDefs(l.Type)
	if err != nil {
		return err
	}
	var errs []error
	for _, d := range defs {
		v, ok := l.Custom[d.Name]
		if !ok {
			continue
		}
		if old != nil && old.Type == l.Type {
			if was, ok := old.Custom[d.Name]; ok && was == v {
				continue // not changed by this write
			}
		}
		canon, err := d.CheckValue(v)
		if err != nil {
			errs = append(errs, err)
			continue
		}
		l.Custom[d.Name] = canon
	}
	return joinErrs(errs)
}

func trimAll(ss []string) []string {
	for i := range ss {
		ss[i] = strings.TrimSpace(ss[i])
	}
	return ss
}

// typed returns q with the types of the custom fields it names, from the
// definitions tx holds (Query.WithCustomTypes), for a query the Book
// plans itself. A query that names no custom field costs no read.
func (b *Book) typed(ctx context.Context, tx Tx, q Query) (Query, error) {
	if !q.NeedsCustomTypes() {
		return q, nil
	}
	defs, err := fieldDefinitionsIn(ctx, tx)
	if err != nil {
		return q, err
	}
	return q.WithCustomTypes(defs), nil
}
