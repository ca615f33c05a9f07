package file

import (
	"context"
	"iter"
	"sync"
	"sync/atomic"

	"github.com/google/uuid"
	"github.com/leadkit/leads"
	"github.com/leadkit/leads/storage/internal/index"
	bolt "go.etcd.io/bbolt"
)

// Store is a leads.Store kept in one bbolt file. It is safe for concurrent
// use. Create one with Open and release it with Close.
type Store struct {
	path  string
	db    *bolt.DB
	index *index.Index

	// writers is held shared by every single-record write, from before it
	// queues until its change is in the index, and exclusively by Atomic
	// and Close (see commit.go).
	writers  sync.RWMutex
	group    group
	closed   atomic.Bool
	readOnly bool // Options.ReadOnly: writes fail with ErrReadOnly
}

var _ leads.Store = (*Store)(nil)

// ReadOnly reports whether the store was opened read-only.
func (s *Store) ReadOnly() bool { return s.readOnly }

// Path returns the file the store lives in.
func (s *Store) Path() string { return s.path }

// Close closes the file and releases its lock, after the writes in progress
// have finished. Operations on a closed store fail with ErrClosed. Closing
// a closed store does nothing.
func (s *Store) Close() error {
	s.writers.Lock()
	defer s.writers.Unlock()
	if s.closed.Swap(true) {
		return nil
	}
	return s.db.Close()
}

// Leads returns the lead repository.
func (s *Store) Leads() leads.LeadRepository { return leadRepo{s} }

// Accounts returns the account repository.
func (s *Store) Accounts() leads.AccountRepository {
	return listRepo[leads.Account, leads.AccountRepository]{repoOf(s, accountKind(), leads.Tx.Accounts)}
}

// Criteria returns the repository of scoring criteria.
func (s *Store) Criteria() leads.CriterionRepository {
	return listRepo[leads.Criterion, leads.CriterionRepository]{repoOf(s, criterionKind(), leads.Tx.Criteria)}
}

// Users returns the repository of users.
func (s *Store) Users() leads.UserRepository {
	return listRepo[leads.User, leads.UserRepository]{repoOf(s, userKind(), leads.Tx.Users)}
}

// FieldDefinitions returns the repository of user-defined field definitions.
func (s *Store) FieldDefinitions() leads.FieldDefinitionRepository {
	return listRepo[leads.FieldDefinition, leads.FieldDefinitionRepository]{repoOf(s, fieldDefKind(), leads.Tx.FieldDefinitions)}
}

// Opportunities returns the opportunity repository.
func (s *Store) Opportunities() leads.OpportunityRepository {
	return opportunityRepo{repoOf(s, opportunityKind(), leads.Tx.Opportunities)}
}

// History returns the repository of history items.
func (s *Store) History() leads.HistoryRepository { return historyRepo{s} }

// Reports returns the repository of saved reports.
func (s *Store) Reports() leads.ReportRepository {
	return listRepo[leads.Report, leads.ReportRepository]{repoOf(s, reportKind(), leads.Tx.Reports)}
}

// reader returns a transaction that reads the index, or ErrClosed.
func (s *Store) reader() (leads.Tx, error) {
	if s.closed.Load() {
		return nil, ErrClosed
	}
	return s.index.Tx(nil), nil
}

type leadRepo struct{ s *Store }

func (r leadRepo) Get(ctx context.Context, id uuid.UUID) (*leads.Lead, error) {
	tx, err := r.s.reader()
	if err != nil {
		return nil, err
	}
	return tx.Leads().Get(ctx, id)
}

func (r leadRepo) List(ctx context.Context, q leads.Query) iter.Seq2[*leads.Lead, error] {
	tx, err := r.s.reader()
	if err != nil {
		return func(yield func(*leads.Lead, error) bool) { yield(nil, err) }
	}
	return tx.Leads().List(ctx, q)
}

func (r leadRepo) Lookup(ctx context.Context, key string, limit int) iter.Seq2[*leads.Lead, error] {
	tx, err := r.s.reader()
	if err != nil {
		return func(yield func(*leads.Lead, error) bool) { yield(nil, err) }
	}
	return tx.Leads().Lookup(ctx, key, limit)
}

var (
	_ leads.KeyLookuper = leadRepo{}
	_ leads.IDLookuper  = leadRepo{}
)

// LookupKeys implements leads.KeyLookuper, through the memory index.
func (r leadRepo) LookupKeys(ctx context.Context, keys []string) ([]uuid.UUID, error) {
	tx, err := r.s.reader()
	if err != nil {
		return nil, err
	}
	return leads.LookupKeys(ctx, tx.Leads(), keys)
}

// LeadsExist implements leads.IDLookuper, through the memory index.
func (r leadRepo) LeadsExist(ctx context.Context, ids []uuid.UUID) ([]bool, error) {
	tx, err := r.s.reader()
	if err != nil {
		return nil, err
	}
	return leads.LeadsExist(ctx, tx.Leads(), ids)
}

func (r leadRepo) Count(ctx context.Context, q leads.Query) (int, error) {
	tx, err := r.s.reader()
	if err != nil {
		return 0, err
	}
	return tx.Leads().Count(ctx, q)
}
