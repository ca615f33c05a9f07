// Package memory is a leads.Store that keeps records in maps: for tests,
// examples and small embeddings. Nothing survives the process.
//
// Its Index is also the query engine of storage/file.
package memory

import (
	"context"
	"errors"
	"iter"
	"sync"
	"sync/atomic"

	"github.com/google/uuid"
	"github.com/leadkit/leads"
)

// ErrClosed is returned by operations on a closed store.
var ErrClosed = errors.New("leads/memory: store is closed")

// Store is an in-memory leads.Store. Writers take turns; readers never wait
// for a multi-record write, which applies all its changes at once
// (copy-on-write). The zero Store is not usable; call New.
type Store struct {
	index  *Index
	write  sync.Mutex // held by every write, for the whole of Atomic
	closed atomic.Bool
}

// New returns a new store: no records, and the default scoring criteria
// (leads.DefaultCriteria).
func New() *Store {
	s := &Store{index: NewIndex()}
	c := NewChanges()
	for _, cr := range leads.DefaultCriteria() {
		cr.Version = 1
		c.Criteria[cr.ID] = &cr
	}
	s.index.Apply(c)
	return s
}

// Index returns the store's index.
func (s *Store) Index() *Index { return s.index }

// Atomic runs fn with a transaction: its writes are applied together when
// fn returns nil and dropped when it returns an error.
func (s *Store) Atomic(ctx context.Context, fn func(tx leads.Tx) error) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	s.write.Lock()
	defer s.write.Unlock()
	if s.closed.Load() {
		return ErrClosed
	}
	c := NewChanges()
	if err := fn(s.index.Tx(c)); err != nil {
		return err
	}
	if err := ctx.Err(); err != nil {
		return err
	}
	s.index.Apply(c)
	return nil
}

// Close marks the store closed; later operations fail with ErrClosed.
func (s *Store) Close() error {
	s.write.Lock()
	defer s.write.Unlock()
	s.closed.Store(true)
	return nil
}

func (s *Store) isClosed() bool { return s.closed.Load() }

// Leads returns the lead repository.
func (s *Store) Leads() leads.LeadRepository { return leadRepo{s} }

// Accounts returns the account repository.
func (s *Store) Accounts() leads.AccountRepository { return storeRepo[leads.Account]{accountKind, s} }

// Criteria returns the repository of scoring criteria.
func (s *Store) Criteria() leads.CriterionRepository {
	return storeRepo[leads.Criterion]{criterionKind, s}
}

// FieldDefinitions returns the repository of user-defined field definitions.
func (s *Store) FieldDefinitions() leads.FieldDefinitionRepository {
	return storeRepo[leads.FieldDefinition]{fieldDefKind, s}
}

// Opportunities returns the opportunity repository.
func (s *Store) Opportunities() leads.OpportunityRepository {
	return storeOpportunityRepo{storeRepo[leads.Opportunity]{opportunityKind, s}}
}

// Reports returns the repository of saved reports.
func (s *Store) Reports() leads.ReportRepository { return storeRepo[leads.Report]{reportKind, s} }

type leadRepo struct{ s *Store }

func (r leadRepo) Create(ctx context.Context, l *leads.Lead) error {
	return r.s.Atomic(ctx, func(tx leads.Tx) error { return tx.Leads().Create(ctx, l) })
}

func (r leadRepo) Get(ctx context.Context, id uuid.UUID) (*leads.Lead, error) {
	if r.s.isClosed() {
		return nil, ErrClosed
	}
	return r.s.index.Tx(nil).Leads().Get(ctx, id)
}

func (r leadRepo) Update(ctx context.Context, id uuid.UUID, fn func(*leads.Lead) error) (*leads.Lead, error) {
	var out *leads.Lead
	err := r.s.Atomic(ctx, func(tx leads.Tx) error {
		var err error
		out, err = tx.Leads().Update(ctx, id, fn)
		return err
	})
	if err != nil {
		return nil, err
	}
	return out, nil
}

func (r leadRepo) Delete(ctx context.Context, id uuid.UUID) error {
	return r.s.Atomic(ctx, func(tx leads.Tx) error { return tx.Leads().Delete(ctx, id) })
}

func (r leadRepo) List(ctx context.Context, q leads.Query) iter.Seq2[*leads.Lead, error] {
	if r.s.isClosed() {
		return func(yield func(*leads.Lead, error) bool) { yield(nil, ErrClosed) }
	}
	return listLeads(ctx, r.s.index, q, nil)
}

func (r leadRepo) Count(ctx context.Context, q leads.Query) (int, error) {
	if r.s.isClosed() {
		return 0, ErrClosed
	}
	return r.s.index.Tx(nil).Leads().Count(ctx, q)
}

// Users returns the repository of users.
func (s *Store) Users() leads.UserRepository { return storeRepo[leads.User]{userKind, s} }

// History returns the repository of history items.
func (s *Store) History() leads.HistoryRepository {
	return historyRepo{storeRepo[leads.HistoryItem]{historyKind, s}}
}

func (r leadRepo) Lookup(ctx context.Context, key string, limit int) iter.Seq2[*leads.Lead, error] {
	if r.s.isClosed() {
		return func(yield func(*leads.Lead, error) bool) { yield(nil, ErrClosed) }
	}
	return lookupLeads(ctx, r.s.index, key, limit, nil)
}
