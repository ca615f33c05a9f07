package leads

import (
	"context"
	"iter"
	"slices"

	"github.com/google/uuid"
)

// FieldDefinitions are the user-defined fields of a Book: custom fields
// of leads or contacts with a name, a type and, for a choice, its
// choices; a record holds their values in Lead.Custom. Get them from
// Book.Fields.
type FieldDefinitions struct{ b *Book }

// Fields returns the definitions of the Book's user-defined fields.
func (b *Book) Fields() FieldDefinitions { return FieldDefinitions{b} }

// List streams the definitions of user-defined fields of the given record
// types (of every type when none is given), in the order they were added.
func (s FieldDefinitions) List(ctx context.Context, types ...RecordType) iter.Seq2[*FieldDefinition, error] {
	return func(yield func(*FieldDefinition, error) bool) {
		for d, err := range s.b.store.FieldDefinitions().List(ctx) {
			if err != nil {
				yield(nil, err)
				return
			}
			if len(types) == 0 || slices.Contains(types, d.RecordType) {
				if !yield(d, nil) {
					return
				}
			}
		}
	}
}

// Get returns the definition with the given ID, or an error matching
// ErrNotFound.
func (s FieldDefinitions) Get(ctx context.Context, id uuid.UUID) (*FieldDefinition, error) {
	return s.b.store.FieldDefinitions().Get(ctx, id)
}
