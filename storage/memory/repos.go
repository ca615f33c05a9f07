package memory

import (
	"context"
	"iter"

	"github.com/google/uuid"
	"github.com/leadkit/leads"
)

// reader returns a transaction that reads the index as committed, or
// ErrClosed.
func (s *Store) reader() (leads.Tx, error) {
	if s.closed.Load() {
		return nil, ErrClosed
	}
	return s.index.Tx(nil), nil
}

// Leads returns the lead repository.
func (s *Store) Leads() leads.LeadRepository { return leadRepo{s} }

// Accounts returns the account repository.
func (s *Store) Accounts() leads.AccountRepository {
	return listOf(s, leads.Tx.Accounts)
}

// Criteria returns the repository of scoring criteria.
func (s *Store) Criteria() leads.CriterionRepository {
	return listOf(s, leads.Tx.Criteria)
}

// Users returns the repository of users.
func (s *Store) Users() leads.UserRepository {
	return listOf(s, leads.Tx.Users)
}

// FieldDefinitions returns the repository of user-defined field definitions.
func (s *Store) FieldDefinitions() leads.FieldDefinitionRepository {
	return listOf(s, leads.Tx.FieldDefinitions)
}

// Opportunities returns the opportunity repository.
func (s *Store) Opportunities() leads.OpportunityRepository {
	return opportunityRepo{storeRepo[leads.Opportunity, leads.OpportunityRepository]{s, leads.Tx.Opportunities}}
}

// History returns the repository of history items.
func (s *Store) History() leads.HistoryRepository {
	return historyRepo{storeRepo[leads.HistoryItem, leads.HistoryRepository]{s, leads.Tx.History}}
}

// Reports returns the repository of saved reports.
func (s *Store) Reports() leads.ReportRepository {
	return listOf(s, leads.Tx.Reports)
}

// crud is what the repositories of every kind offer, in a transaction as
// outside one.
type crud[T any] interface {
	Create(ctx context.Context, v *T) error
	Get(ctx context.Context, id uuid.UUID) (*T, error)
	Update(ctx context.Context, id uuid.UUID, fn func(*T) error) (*T, error)
	Delete(ctx context.Context, id uuid.UUID) error
}

// storeRepo is the repository of one kind outside a transaction: reads
// go to the index, each write is a transaction of its own. of picks the
// kind's repository out of a transaction.
type storeRepo[T any, R crud[T]] struct {
	s  *Store
	of func(leads.Tx) R
}

// read returns the kind's repository over the committed index.
func (r storeRepo[T, R]) read() (R, error) {
	tx, err := r.s.reader()
	if err != nil {
		var none R
		return none, err
	}
	return r.of(tx), nil
}

func (r storeRepo[T, R]) Create(ctx context.Context, v *T) error {
	return r.s.Atomic(ctx, func(tx leads.Tx) error { return r.of(tx).Create(ctx, v) })
}

func (r storeRepo[T, R]) Get(ctx context.Context, id uuid.UUID) (*T, error) {
	x, err := r.read()
	if err != nil {
		return nil, err
	}
	return x.Get(ctx, id)
}

func (r storeRepo[T, R]) Update(ctx context.Context, id uuid.UUID, fn func(*T) error) (*T, error) {
	var out *T
	err := r.s.Atomic(ctx, func(tx leads.Tx) error {
		var err error
		out, err = r.of(tx).Update(ctx, id, fn)
		return err
	})
	if err != nil {
		return nil, err
	}
	return out, nil
}

func (r storeRepo[T, R]) Delete(ctx context.Context, id uuid.UUID) error {
	return r.s.Atomic(ctx, func(tx leads.Tx) error { return r.of(tx).Delete(ctx, id) })
}

// lister is a repository that lists every record of its kind.
type lister[T any] interface {
	crud[T]
	List(ctx context.Context) iter.Seq2[*T, error]
}

func listOf[T any, R lister[T]](s *Store, of func(leads.Tx) R) listRepo[T, R] {
	return listRepo[T, R]{storeRepo[T, R]{s, of}}
}

// listRepo is a storeRepo whose List takes no argument (all kinds but
// opportunities and history).
type listRepo[T any, R lister[T]] struct{ storeRepo[T, R] }

func (r listRepo[T, R]) List(ctx context.Context) iter.Seq2[*T, error] {
	x, err := r.read()
	if err != nil {
		return failed[T](err)
	}
	return x.List(ctx)
}

// failed yields err alone.
func failed[T any](err error) iter.Seq2[*T, error] {
	return func(yield func(*T, error) bool) { yield(nil, err) }
}

// opportunityRepo lists the opportunities of one record.
type opportunityRepo struct {
	storeRepo[leads.Opportunity, leads.OpportunityRepository]
}

func (r opportunityRepo) List(ctx context.Context, record uuid.UUID) iter.Seq2[*leads.Opportunity, error] {
	x, err := r.read()
	if err != nil {
		return failed[leads.Opportunity](err)
	}
	return x.List(ctx, record)
}

// historyRepo lists the history of one record.
type historyRepo struct {
	storeRepo[leads.HistoryItem, leads.HistoryRepository]
}

func (r historyRepo) ByRecord(ctx context.Context, record uuid.UUID, f leads.HistoryFilter) iter.Seq2[*leads.HistoryItem, error] {
	x, err := r.read()
	if err != nil {
		return failed[leads.HistoryItem](err)
	}
	return x.ByRecord(ctx, record, f)
}

// LockLeads checks that the leads ids exist: outside Atomic there is no
// transaction to hold a lock in (leads.Locker).
func (s *Store) LockLeads(ctx context.Context, ids ...uuid.UUID) error {
	tx, err := s.reader()
	if err != nil {
		return err
	}
	return tx.LockLeads(ctx, ids...)
}

// LockAccounts checks that the accounts ids exist (leads.Locker).
func (s *Store) LockAccounts(ctx context.Context, ids ...uuid.UUID) error {
	tx, err := s.reader()
	if err != nil {
		return err
	}
	return tx.LockAccounts(ctx, ids...)
}

// LockUsers checks that the users ids exist (leads.Locker).
func (s *Store) LockUsers(ctx context.Context, ids ...uuid.UUID) error {
	tx, err := s.reader()
	if err != nil {
		return err
	}
	return tx.LockUsers(ctx, ids...)
}

// LockKeys does nothing outside Atomic (leads.KeyLocker).
func (s *Store) LockKeys(ctx context.Context, keys []string) error {
	_, err := s.reader()
	return err
}
