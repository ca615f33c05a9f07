package leads

import (
	"context"
	"fmt"

	"github.com/google/uuid"
)

// A Preparer applies the Book's rules to records that a writer stores in
// its own transaction, as an import does: Prepare gives a new record what
// Book.Create would store, Revise applies the rules of Book.Edit to a
// changed record, and EditIn changes a stored record inside the writer's
// transaction, logging the change as Book.Edit does. Imports prepare
// every row first, so that a dry run can report what would be rejected
// and a real run can write all rows in one Store.Atomic.
//
// A Preparer reads the user-defined field definitions and the scoring
// criteria from the store once, when first needed, instead of once per
// record: an import of a million rows would otherwise ask the store a
// million times (a query per row on PostgreSQL). It sees them as they were
// when first read, so use one Preparer per batch. A Preparer is not safe
// for concurrent use.
type Preparer struct {
	b            *Book
	criteria     []Criterion
	criteriaRead bool
	defs         map[RecordType][]FieldDefinition
}

// NewPreparer returns a Preparer for one batch of records of b.
func NewPreparer(b *Book) *Preparer { return &Preparer{b: b} }

// Prepare returns the record that Book.Create would store for l, without
// storing it: a new ID when l has none, the name parts, File As and status
// derived, time and actor stamped, the record validated and scored, its
// custom values checked against the user-defined fields. It does not check
// that the linked account and initiator exist; the caller does that inside
// its transaction. l itself is not changed.
func (p *Preparer) Prepare(ctx context.Context, l *Lead) (*Lead, error) {
	l = l.Clone()
	if err := p.PrepareInPlace(ctx, l); err != nil {
		return nil, err
	}
	return l, nil
}

// PrepareInPlace prepares l itself, as Prepare prepares its copy: for a
// caller that owns l and has no use for it as it was (an import's freshly
// read row), which saves a copy per record. After an error, l may be
// partly prepared.
func (p *Preparer) PrepareInPlace(ctx context.Context, l *Lead) error {
	b := p.b
	if l.ID == uuid.Nil {
		id, err := p.b.newID()
		if err != nil {
			return fmt.Errorf("leads: new ID: %w", err)
		}
		l.ID = id
	}
	now := b.clock.Now().UTC()
	actor := Actor(ctx)
	l.CreatedAt, l.CreatedBy = now, actor
	l.UpdatedAt, l.UpdatedBy = now, actor
	if l.Status == "" {
		l.Status = StatusNew
	}
	normalize(l, nil)
	if err := l.validate(b.maxPhoto); err != nil {
		return err
	}
	if err := scoreChecksWith(l, nil, func() ([]Criterion, error) { return p.readCriteria(ctx) }); err != nil {
		return err
	}
	return checkCustomWith(l, nil, func(t RecordType) ([]FieldDefinition, error) { return p.readDefs(ctx, t) })
}

// readCriteria returns the scoring criteria, read from the store once.
func (p *Preparer) readCriteria(ctx context.Context) ([]Criterion, error) {
	if !p.criteriaRead {
		criteria, err := criteriaIn(ctx, p.b.store)
		if err != nil {
			return nil, err
		}
		p.criteria, p.criteriaRead = criteria, true
	}
	return p.criteria, nil
}

// readDefs returns the field definitions of record type t, read from the
// store once per type.
func (p *Preparer) readDefs(ctx context.Context, t RecordType) ([]FieldDefinition, error) {
	if defs, ok := p.defs[t]; ok {
		return defs, nil
	}
	defs, err := fieldDefinitionsIn(ctx, p.b.store, t)
	if err != nil {
		return nil, err
	}
	if p.defs == nil {
		p.defs = map[RecordType][]FieldDefinition{}
	}
	p.defs[t] = defs
	return defs, nil
}

// Revise applies the rules of Book.Edit to cur, a record that a caller
// changed from old inside its own transaction tx (an import that updates
// a duplicate): identity and creation stamps are kept from old, the update
// is stamped, derived fields follow, and the result is validated and
// scored against the criteria tx sees. Outside a transaction, pass the
// Book's Store as tx.
func (p *Preparer) Revise(ctx context.Context, tx Tx, cur, old *Lead) error {
	b := p.b
	cur.ID, cur.Type = old.ID, old.Type
	cur.CreatedAt, cur.CreatedBy = old.CreatedAt, old.CreatedBy
	cur.UpdatedAt, cur.UpdatedBy = b.clock.Now().UTC(), Actor(ctx)
	normalize(cur, old)
	if err := cur.validate(b.maxPhoto); err != nil {
		return err
	}
	return b.scoreChecksIn(ctx, tx, cur, old)
}

// EditIn changes the record id inside tx, a transaction of Store.Atomic,
// through fn, as LeadRepository.Update does, and writes the change log
// entry of the change (see Diff) in the same transaction. It is for
// writers that change stored records as part of a larger write, such as
// an import that merges rows into the records they duplicate: their
// changes are logged as an Edit's are. fn receives a copy of the stored
// record and must apply the rules of an edit itself (Revise); an error
// from fn writes nothing and is returned as is. A change of no field
// writes no entry.
func (p *Preparer) EditIn(ctx context.Context, tx Tx, id uuid.UUID, fn func(*Lead) error) (*Lead, error) {
	return p.b.updateIn(ctx, tx, id, fn)
}
