package file

import (
	"context"
	"iter"

	"github.com/google/uuid"
	"github.com/leadkit/leads"
)

// getter is what every repository of the index's transaction offers.
type getter[T any] interface {
	Get(ctx context.Context, id uuid.UUID) (*T, error)
}

// kindRepo is the repository of one record kind other than leads: writes
// go to the file (ops.go), reads to the index, through the repository that
// of picks from the index's transaction.
type kindRepo[T any, R getter[T]] struct {
	s  *Store
	k  kind[T]
	of func(leads.Tx) R
}

func repoOf[T any, R getter[T]](s *Store, k kind[T], of func(leads.Tx) R) kindRepo[T, R] {
	return kindRepo[T, R]{s: s, k: k, of: of}
}

func (r kindRepo[T, R]) Create(ctx context.Context, v *T) error { return create(ctx, r.s, r.k, v) }

func (r kindRepo[T, R]) Update(ctx context.Context, id uuid.UUID, fn func(*T) error) (*T, error) {
	return update(ctx, r.s, r.k, id, fn)
}

func (r kindRepo[T, R]) Delete(ctx context.Context, id uuid.UUID) error {
	return remove(ctx, r.s, r.k, id)
}

func (r kindRepo[T, R]) Get(ctx context.Context, id uuid.UUID) (*T, error) {
	x, err := r.index()
	if err != nil {
		return nil, err
	}
	return x.Get(ctx, id)
}

// index returns the index's repository of the kind, or ErrClosed.
func (r kindRepo[T, R]) index() (R, error) {
	tx, err := r.s.reader()
	if err != nil {
		var none R
		return none, err
	}
	return r.of(tx), nil
}

// lister is a getter that lists every record of its kind.
type lister[T any] interface {
	getter[T]
	List(ctx context.Context) iter.Seq2[*T, error]
}

// listRepo is a kindRepo whose List takes no argument (all but
// opportunities).
type listRepo[T any, R lister[T]] struct{ kindRepo[T, R] }

func (r listRepo[T, R]) List(ctx context.Context) iter.Seq2[*T, error] {
	x, err := r.index()
	if err != nil {
		return func(yield func(*T, error) bool) { yield(nil, err) }
	}
	return x.List(ctx)
}

// opportunityRepo lists the opportunities of one record.
type opportunityRepo struct {
	kindRepo[leads.Opportunity, leads.OpportunityRepository]
}

func (r opportunityRepo) List(ctx context.Context, record uuid.UUID) iter.Seq2[*leads.Opportunity, error] {
	x, err := r.index()
	if err != nil {
		return func(yield func(*leads.Opportunity, error) bool) { yield(nil, err) }
	}
	return x.List(ctx, record)
}
