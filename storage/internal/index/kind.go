package index

import (
	"bytes"
	"cmp"
	"context"
	"iter"
	"maps"
	"slices"
	"strings"

	"github.com/google/uuid"
	"github.com/leadkit/leads"
	"github.com/leadkit/leads/storage/internal/version"
)

// kind describes one kind of record other than leads (accounts, criteria,
// ...), so that one generic repository serves them all. Leads have their
// own code, for queries.
type kind[T any] struct {
	name    string
	id      func(*T) uuid.UUID
	version func(*T) *int64
	clone   func(*T) *T
	compare func(a, b *T) int // list order
	table   func(*Index) map[uuid.UUID]*T
	changes func(*Changes) map[uuid.UUID]*T
}

func byID(a, b uuid.UUID) int { return bytes.Compare(a[:], b[:]) }

var (
	accountKind = kind[leads.Account]{
		name:    "account",
		id:      func(a *leads.Account) uuid.UUID { return a.ID },
		version: func(a *leads.Account) *int64 { return &a.Version },
		clone:   (*leads.Account).Clone,
		compare: func(a, b *leads.Account) int { return cmp.Or(cmp.Compare(a.Name, b.Name), byID(a.ID, b.ID)) },
		table:   func(x *Index) map[uuid.UUID]*leads.Account { return x.accounts },
		changes: func(c *Changes) map[uuid.UUID]*leads.Account { return c.Accounts },
	}
	criterionKind = kind[leads.Criterion]{
		name:    "criterion",
		id:      func(c *leads.Criterion) uuid.UUID { return c.ID },
		version: func(c *leads.Criterion) *int64 { return &c.Version },
		clone:   (*leads.Criterion).Clone,
		compare: func(a, b *leads.Criterion) int { return byID(a.ID, b.ID) },
		table:   func(x *Index) map[uuid.UUID]*leads.Criterion { return x.criteria },
		changes: func(c *Changes) map[uuid.UUID]*leads.Criterion { return c.Criteria },
	}
	userKind = kind[leads.User]{
		name:    "user",
		id:      func(u *leads.User) uuid.UUID { return u.ID },
		version: func(u *leads.User) *int64 { return &u.Version },
		clone:   (*leads.User).Clone,
		compare: func(a, b *leads.User) int {
			return cmp.Or(cmp.Compare(strings.ToLower(a.Name), strings.ToLower(b.Name)), byID(a.ID, b.ID))
		},
		table:   func(x *Index) map[uuid.UUID]*leads.User { return x.users },
		changes: func(c *Changes) map[uuid.UUID]*leads.User { return c.Users },
	}
	fieldDefKind = kind[leads.FieldDefinition]{
		name:    "field definition",
		id:      func(d *leads.FieldDefinition) uuid.UUID { return d.ID },
		version: func(d *leads.FieldDefinition) *int64 { return &d.Version },
		clone:   (*leads.FieldDefinition).Clone,
		compare: func(a, b *leads.FieldDefinition) int { return byID(a.ID, b.ID) },
		table:   func(x *Index) map[uuid.UUID]*leads.FieldDefinition { return x.fieldDefs },
		changes: func(c *Changes) map[uuid.UUID]*leads.FieldDefinition { return c.FieldDefinitions },
	}
	opportunityKind = kind[leads.Opportunity]{
		name:    "opportunity",
		id:      func(o *leads.Opportunity) uuid.UUID { return o.ID },
		version: func(o *leads.Opportunity) *int64 { return &o.Version },
		clone:   (*leads.Opportunity).Clone,
		compare: func(a, b *leads.Opportunity) int { return byID(a.ID, b.ID) },
		table:   func(x *Index) map[uuid.UUID]*leads.Opportunity { return x.opportunities },
		changes: func(c *Changes) map[uuid.UUID]*leads.Opportunity { return c.Opportunities },
	}
	reportKind = kind[leads.Report]{
		name:    "report",
		id:      func(r *leads.Report) uuid.UUID { return r.ID },
		version: func(r *leads.Report) *int64 { return &r.Version },
		clone:   (*leads.Report).Clone,
		compare: func(a, b *leads.Report) int { return cmp.Or(cmp.Compare(a.Name, b.Name), byID(a.ID, b.ID)) },
		table:   func(x *Index) map[uuid.UUID]*leads.Report { return x.reports },
		changes: func(c *Changes) map[uuid.UUID]*leads.Report { return c.Reports },
	}
)

func lookup[T any](x *Index, k kind[T], id uuid.UUID, overlay *Changes) (*T, bool) {
	if overlay != nil {
		if v, ok := k.changes(overlay)[id]; ok {
			return v, v != nil
		}
	}
	x.mu.RLock()
	defer x.mu.RUnlock()
	v, ok := k.table(x)[id]
	return v, ok
}

func all[T any](x *Index, k kind[T], overlay *Changes) []*T {
	x.mu.RLock()
	m := maps.Clone(k.table(x))
	x.mu.RUnlock()
	if overlay != nil {
		applyTo(m, k.changes(overlay))
	}
	out := slices.Collect(maps.Values(m))
	slices.SortFunc(out, k.compare)
	return out
}

// repo is the repository of one kind inside a transaction.
type repo[T any] struct {
	k kind[T]
	t *tx
}

func (r repo[T]) Create(ctx context.Context, v *T) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	id := r.k.id(v)
	if id == uuid.Nil {
		return &leads.FieldError{Field: "id", Reason: "is missing"}
	}
	if _, ok := lookup(r.t.x, r.k, id, r.t.c); ok {
		return &leads.ConflictError{Kind: r.k.name, ID: id.String(), Reason: "already exists"}
	}
	c := r.k.clone(v)
	*r.k.version(c) = 1
	r.k.changes(r.t.c)[id] = c
	*r.k.version(v) = 1
	return nil
}

func (r repo[T]) Get(ctx context.Context, id uuid.UUID) (*T, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	v, ok := lookup(r.t.x, r.k, id, r.t.c)
	if !ok {
		return nil, &leads.NotFoundError{Kind: r.k.name, ID: id.String()}
	}
	return r.k.clone(v), nil
}

func (r repo[T]) Update(ctx context.Context, id uuid.UUID, fn func(*T) error) (*T, error) {
	cur, err := r.Get(ctx, id)
	if err != nil {
		return nil, err
	}
	stored := *r.k.version(cur)
	if err := fn(cur); err != nil {
		return nil, err
	}
	if err := version.Check(r.k.name, id, stored, r.k.id(cur), *r.k.version(cur)); err != nil {
		return nil, err
	}
	*r.k.version(cur) = stored + 1
	// The function may keep its pointer: store a copy of its own.
	r.k.changes(r.t.c)[id] = r.k.clone(cur)
	return cur, nil
}

func (r repo[T]) Delete(ctx context.Context, id uuid.UUID) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	if _, ok := lookup(r.t.x, r.k, id, r.t.c); !ok {
		return &leads.NotFoundError{Kind: r.k.name, ID: id.String()}
	}
	r.k.changes(r.t.c)[id] = nil
	return nil
}

func (r repo[T]) List(ctx context.Context) iter.Seq2[*T, error] {
	return listAll(ctx, r.t.x, r.k, r.t.c)
}

func listAll[T any](ctx context.Context, x *Index, k kind[T], c *Changes) iter.Seq2[*T, error] {
	return func(yield func(*T, error) bool) {
		if err := ctx.Err(); err != nil {
			yield(nil, err)
			return
		}
		for _, v := range all(x, k, c) {
			if !yield(k.clone(v), nil) {
				return
			}
		}
	}
}

// opportunities lists the opportunities of one record (all of them for
// uuid.Nil) out of the generic listing. A store holds few opportunities
// per lead, so a scan is cheap; a SQL store answers it with an index.
func opportunities(all iter.Seq2[*leads.Opportunity, error], record uuid.UUID) iter.Seq2[*leads.Opportunity, error] {
	return func(yield func(*leads.Opportunity, error) bool) {
		for o, err := range all {
			if err == nil && record != uuid.Nil && o.RecordID != record {
				continue
			}
			if !yield(o, err) || err != nil {
				return
			}
		}
	}
}

// opportunityRepo is the opportunity repository in a transaction.
type opportunityRepo struct{ repo[leads.Opportunity] }

func (r opportunityRepo) List(ctx context.Context, record uuid.UUID) iter.Seq2[*leads.Opportunity, error] {
	return opportunities(r.repo.List(ctx), record)
}
