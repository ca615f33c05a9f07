package sqlite

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"sync/atomic"

	"github.com/leadkit/leads"
)

// Store is a leads.Store in one SQLite file. It is safe for concurrent
// use, also by several processes sharing the file.
type Store struct {
	w        *sql.DB // the one writer connection; nil when read-only
	r        *sql.DB // readers
	readOnly bool
	closed   atomic.Bool
}

// Close closes the store's connections; later operations fail with
// ErrClosed. Closing the last connection to the file checkpoints its WAL
// and removes the -wal and -shm files.
func (s *Store) Close() error {
	if s.closed.Swap(true) {
		return nil
	}
	err := s.r.Close()
	if s.w != nil {
		err = errors.Join(err, s.w.Close())
	}
	return err
}

// DB returns the pool of reading connections, for host applications that
// read the tables directly.
func (s *Store) DB() *sql.DB { return s.r }

func (s *Store) direct() db { return db{s: s, q: s.r} }

// Leads returns the lead repository.
func (s *Store) Leads() leads.LeadRepository { return leadRepo{s.direct()} }

// Accounts returns the account repository.
func (s *Store) Accounts() leads.AccountRepository {
	return kindRepo[leads.Account]{accountKind, s.direct()}
}

// Criteria returns the repository of scoring criteria.
func (s *Store) Criteria() leads.CriterionRepository {
	return kindRepo[leads.Criterion]{criterionKind, s.direct()}
}

// Users returns the repository of the users the database is shared with.
func (s *Store) Users() leads.UserRepository { return kindRepo[leads.User]{userKind, s.direct()} }

// FieldDefinitions returns the repository of user-defined field definitions.
func (s *Store) FieldDefinitions() leads.FieldDefinitionRepository {
	return kindRepo[leads.FieldDefinition]{fieldDefinitionKind, s.direct()}
}

// Opportunities returns the opportunity repository.
func (s *Store) Opportunities() leads.OpportunityRepository {
	return opportunityRepo{kindRepo[leads.Opportunity]{opportunityKind, s.direct()}}
}

// History returns the repository of history items.
func (s *Store) History() leads.HistoryRepository {
	return historyRepo{kindRepo[leads.HistoryItem]{historyKind, s.direct()}}
}

// Reports returns the repository of saved reports.
func (s *Store) Reports() leads.ReportRepository {
	return kindRepo[leads.Report]{reportKind, s.direct()}
}

// Atomic runs fn in one write transaction (BEGIN IMMEDIATE): it commits
// when fn returns nil and rolls back when fn returns an error, which
// Atomic returns unchanged. Write transactions run one at a time, in this
// process and across processes, so fn's reads see the latest commit and
// nothing changes them until fn returns; readers outside the transaction
// go on meanwhile and see the records as they were before it.
func (s *Store) Atomic(ctx context.Context, fn func(tx leads.Tx) error) error {
	if s.closed.Load() {
		return ErrClosed
	}
	if s.readOnly {
		return ErrReadOnly
	}
	tx, err := s.w.BeginTx(ctx, nil)
	if err != nil {
		return wrap("begin transaction", err)
	}
	defer tx.Rollback() //nolint:errcheck // after Commit it does nothing
	if err := fn(&txRepos{db{s: s, q: tx, tx: tx}}); err != nil {
		return err
	}
	if err := tx.Commit(); err != nil {
		return wrap("commit", err)
	}
	return nil
}

// txRepos is the leads.Tx that Atomic hands to its function.
type txRepos struct{ db db }

func (t *txRepos) Leads() leads.LeadRepository { return leadRepo{t.db} }
func (t *txRepos) Accounts() leads.AccountRepository {
	return kindRepo[leads.Account]{accountKind, t.db}
}
func (t *txRepos) Criteria() leads.CriterionRepository {
	return kindRepo[leads.Criterion]{criterionKind, t.db}
}
func (t *txRepos) Users() leads.UserRepository { return kindRepo[leads.User]{userKind, t.db} }
func (t *txRepos) FieldDefinitions() leads.FieldDefinitionRepository {
	return kindRepo[leads.FieldDefinition]{fieldDefinitionKind, t.db}
}
func (t *txRepos) Opportunities() leads.OpportunityRepository {
	return opportunityRepo{kindRepo[leads.Opportunity]{opportunityKind, t.db}}
}
func (t *txRepos) History() leads.HistoryRepository {
	return historyRepo{kindRepo[leads.HistoryItem]{historyKind, t.db}}
}
func (t *txRepos) Reports() leads.ReportRepository { return kindRepo[leads.Report]{reportKind, t.db} }

// querier is what a pool and a transaction have in common.
type querier interface {
	ExecContext(ctx context.Context, query string, args ...any) (sql.Result, error)
	QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error)
	QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row
}

// scanner is a row to read: *sql.Row or *sql.Rows.
type scanner interface {
	Scan(dest ...any) error
}

// db is where a repository runs its statements: the reading pool, or the
// transaction of an Atomic call (tx set).
type db struct {
	s  *Store
	q  querier
	tx *sql.Tx
}

func (d db) check() error {
	if d.s.closed.Load() {
		return ErrClosed
	}
	return nil
}

// write runs fn in the enclosing transaction, or in one of its own.
func (d db) write(ctx context.Context, fn func(d db) error) error {
	if err := d.check(); err != nil {
		return err
	}
	if d.tx != nil {
		return fn(d)
	}
	return d.s.Atomic(ctx, func(tx leads.Tx) error { return fn(tx.(*txRepos).db) })
}

// wrap names the package and what failed; context errors stay testable
// with errors.Is.
func wrap(what string, err error) error {
	if err == nil {
		return nil
	}
	return fmt.Errorf("leads/sqlite: %s: %w", what, err)
}

// checkUpdate checks what an update function left: the same ID and the
// stored version.
func checkUpdate(kind, id string, stored int64, gotID string, gotVersion int64) error {
	if gotID != id {
		return &leads.FieldError{Field: "id", Reason: fmt.Sprintf("an update cannot change the ID of %s %s", kind, id)}
	}
	if gotVersion != stored {
		return &leads.ConflictError{Kind: kind, ID: id, Reason: fmt.Sprintf("stale version %d, stored %d", gotVersion, stored)}
	}
	return nil
}
