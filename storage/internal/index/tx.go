package index

import (
	"context"
	"errors"
	"iter"

	"github.com/google/uuid"
	"github.com/leadkit/leads"
	"github.com/leadkit/leads/storage/internal/version"
)

// Tx returns a transaction over x: reads see the index through c, and writes
// are recorded in c without touching the index. Applying c (Index.Apply)
// commits them; dropping c rolls them back. Stores that run Atomic this way
// must keep other writers out until c is applied or dropped.
func (x *Index) Tx(c *Changes) leads.Tx { return &tx{x: x, c: c} }

type tx struct {
	x *Index
	c *Changes
}

func (t *tx) Leads() leads.LeadRepository         { return leadTx{t} }
func (t *tx) Accounts() leads.AccountRepository   { return repo[leads.Account]{accountKind, t} }
func (t *tx) Criteria() leads.CriterionRepository { return repo[leads.Criterion]{criterionKind, t} }
func (t *tx) Users() leads.UserRepository         { return repo[leads.User]{userKind, t} }
func (t *tx) FieldDefinitions() leads.FieldDefinitionRepository {
	return repo[leads.FieldDefinition]{fieldDefKind, t}
}
func (t *tx) Opportunities() leads.OpportunityRepository {
	return opportunityRepo{repo[leads.Opportunity]{opportunityKind, t}}
}
func (t *tx) History() leads.HistoryRepository {
	return historyTx{repo[leads.HistoryItem]{historyKind, t}}
}
func (t *tx) Reports() leads.ReportRepository { return repo[leads.Report]{reportKind, t} }

type leadTx struct{ *tx }

func (t leadTx) Create(ctx context.Context, l *leads.Lead) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	if l.ID == uuid.Nil {
		return &leads.FieldError{Field: "id", Reason: "is missing"}
	}
	if _, ok := t.x.Lead(l.ID, t.c); ok {
		return &leads.ConflictError{Kind: "lead", ID: l.ID.String(), Reason: "already exists"}
	}
	c := l.Clone()
	c.Version = 1
	t.c.Leads[l.ID] = c
	l.Version = 1
	return nil
}

func (t leadTx) Get(ctx context.Context, id uuid.UUID) (*leads.Lead, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	l, ok := t.x.Lead(id, t.c)
	if !ok {
		return nil, &leads.NotFoundError{Kind: "lead", ID: id.String()}
	}
	return l.Clone(), nil
}

func (t leadTx) Update(ctx context.Context, id uuid.UUID, fn func(*leads.Lead) error) (*leads.Lead, error) {
	cur, err := t.Get(ctx, id)
	if err != nil {
		return nil, err
	}
	stored := cur.Version
	if err := fn(cur); err != nil {
		return nil, err
	}
	if err := version.Check("lead", id, stored, cur.ID, cur.Version); err != nil {
		return nil, err
	}
	cur.Version = stored + 1
	// The function may keep its pointer: store a copy of its own.
	t.c.Leads[id] = cur.Clone()
	return cur, nil
}

func (t leadTx) Delete(ctx context.Context, id uuid.UUID) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	if _, ok := t.x.Lead(id, t.c); !ok {
		return &leads.NotFoundError{Kind: "lead", ID: id.String()}
	}
	t.c.Leads[id] = nil
	return nil
}

func (t leadTx) List(ctx context.Context, q leads.Query) iter.Seq2[*leads.Lead, error] {
	return listLeads(ctx, t.x, q, t.c)
}

func (t leadTx) Count(ctx context.Context, q leads.Query) (int, error) {
	if err := ctx.Err(); err != nil {
		return 0, err
	}
	return t.x.CountLeads(q, t.c)
}

// listLeads streams copies of the selected leads.
func listLeads(ctx context.Context, x *Index, q leads.Query, c *Changes) iter.Seq2[*leads.Lead, error] {
	return func(yield func(*leads.Lead, error) bool) {
		if err := ctx.Err(); err != nil {
			yield(nil, err)
			return
		}
		found, err := x.SelectLeads(q, c)
		if err != nil {
			yield(nil, err)
			return
		}
		for i, l := range found {
			if i%1024 == 1023 {
				if err := ctx.Err(); err != nil {
					yield(nil, err)
					return
				}
			}
			if !yield(l.Clone(), nil) {
				return
			}
		}
	}
}

// UpdateEach implements leads.LeadBatchUpdater: one lookup and one copy
// per record, where Update makes three.
func (t leadTx) UpdateEach(ctx context.Context, ids []uuid.UUID, fn func(*leads.Lead) (bool, error)) error {
	var missing []error
	for i, id := range ids {
		if i%1024 == 0 {
			if err := ctx.Err(); err != nil {
				return err
			}
		}
		stored, ok := t.x.Lead(id, t.c)
		if !ok {
			missing = append(missing, &leads.NotFoundError{Kind: "lead", ID: id.String()})
			continue
		}
		cur := stored.Clone()
		write, err := fn(cur)
		if err != nil {
			return err
		}
		if !write {
			continue
		}
		if err := version.Check("lead", id, stored.Version, cur.ID, cur.Version); err != nil {
			return err
		}
		cur.Version = stored.Version + 1
		t.c.Leads[id] = cur
	}
	return errors.Join(missing...)
}
