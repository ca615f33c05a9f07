package postgres

import (
	"context"
	"errors"
	"fmt"
	"sync/atomic"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"
	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/leadkit/leads"
)

// ErrClosed is returned by operations on a closed store.
var ErrClosed = errors.New("leads/postgres: store is closed")

// Options configure Open. The zero Options (or nil) use the DSN as given.
type Options struct {
	// Schema is the PostgreSQL schema that holds the tables, created when
	// missing; it becomes the connections' search_path. Empty uses the
	// server's default search path (usually "public"). Tests give each run
	// a schema of its own.
	Schema string
	// MaxConns caps the pool's connections; 0 keeps pgx's default.
	MaxConns int32
}

// Store is a leads.Store in a PostgreSQL database. It is safe for
// concurrent use, also by several processes sharing the database.
type Store struct {
	pool   *pgxpool.Pool
	closed atomic.Bool
}

// Open connects to the database that dsn names (a postgres:// URL or a
// key=value string), migrates its schema to this package's version and
// returns the store. A database whose schema is newer gives ErrNewerSchema.
func Open(ctx context.Context, dsn string, opts *Options) (*Store, error) {
	if opts == nil {
		opts = &Options{}
	}
	cfg, err := pgxpool.ParseConfig(dsn)
	if err != nil {
		return nil, fmt.Errorf("leads/postgres: %w", err)
	}
	if opts.Schema != "" {
		cfg.ConnConfig.RuntimeParams["search_path"] = pgx.Identifier{opts.Schema}.Sanitize()
	}
	if opts.MaxConns > 0 {
		cfg.MaxConns = opts.MaxConns
	}
	conn, err := pgx.ConnectConfig(ctx, cfg.ConnConfig)
	if err != nil {
		return nil, fmt.Errorf("leads/postgres: connect: %w", err)
	}
	err = migrate(ctx, conn, opts.Schema)
	conn.Close(context.WithoutCancel(ctx))
	if err != nil {
		return nil, err
	}
	pool, err := pgxpool.NewWithConfig(ctx, cfg)
	if err != nil {
		return nil, fmt.Errorf("leads/postgres: %w", err)
	}
	return &Store{pool: pool}, nil
}

// Close closes the pool; later operations fail with ErrClosed.
func (s *Store) Close() error {
	if s.closed.Swap(true) {
		return nil
	}
	s.pool.Close()
	return nil
}

// Pool returns the store's connection pool, for host applications that
// keep tables of their own beside it.
func (s *Store) Pool() *pgxpool.Pool { return s.pool }

// Leads returns the lead repository.
func (s *Store) Leads() leads.LeadRepository { return leadRepo{db{s: s, q: s.pool}} }

// Accounts returns the account repository.
func (s *Store) Accounts() leads.AccountRepository {
	return kindRepo[leads.Account]{accountKind, db{s: s, q: s.pool}}
}

// Criteria returns the repository of scoring criteria.
func (s *Store) Criteria() leads.CriterionRepository {
	return kindRepo[leads.Criterion]{criterionKind, db{s: s, q: s.pool}}
}

// FieldDefinitions returns the repository of user-defined field definitions.
func (s *Store) FieldDefinitions() leads.FieldDefinitionRepository {
	return fieldDefRepo{kindRepo[leads.FieldDefinition]{fieldDefinitionKind, db{s: s, q: s.pool}}}
}

// Opportunities returns the opportunity repository.
func (s *Store) Opportunities() leads.OpportunityRepository {
	return opportunityRepo{kindRepo[leads.Opportunity]{opportunityKind, db{s: s, q: s.pool}}}
}

// History returns the repository of history items.
func (s *Store) History() leads.HistoryRepository {
	return historyRepo{kindRepo[leads.HistoryItem]{historyKind, db{s: s, q: s.pool}}}
}

// Reports returns the repository of saved reports.
func (s *Store) Reports() leads.ReportRepository {
	return kindRepo[leads.Report]{reportKind, db{s: s, q: s.pool}}
}

// Atomic runs fn in one database transaction (read committed): it commits
// when fn returns nil and rolls back when fn returns an error, which
// Atomic returns unchanged. If the server goes away before the commit,
// nothing of fn's writes is kept; if the connection breaks during the
// commit itself, PostgreSQL alone knows whether it happened, and the error
// says that the commit failed.
func (s *Store) Atomic(ctx context.Context, fn func(tx leads.Tx) error) error {
	if s.closed.Load() {
		return ErrClosed
	}
	tx, err := s.pool.Begin(ctx)
	if err != nil {
		return wrap("begin transaction", err)
	}
	defer tx.Rollback(context.WithoutCancel(ctx)) //nolint:errcheck // after Commit it does nothing
	if err := fn(&txRepos{db{s: s, q: tx, tx: tx}}); err != nil {
		return err
	}
	if err := tx.Commit(ctx); err != nil {
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

func (t *txRepos) FieldDefinitions() leads.FieldDefinitionRepository {
	return fieldDefRepo{kindRepo[leads.FieldDefinition]{fieldDefinitionKind, t.db}}
}
func (t *txRepos) Opportunities() leads.OpportunityRepository {
	return opportunityRepo{kindRepo[leads.Opportunity]{opportunityKind, t.db}}
}
func (t *txRepos) History() leads.HistoryRepository {
	return historyRepo{kindRepo[leads.HistoryItem]{historyKind, t.db}}
}
func (t *txRepos) Reports() leads.ReportRepository {
	return kindRepo[leads.Report]{reportKind, t.db}
}

// querier is what a pool and a transaction have in common.
type querier interface {
	Exec(ctx context.Context, sql string, args ...any) (pgconn.CommandTag, error)
	Query(ctx context.Context, sql string, args ...any) (pgx.Rows, error)
	QueryRow(ctx context.Context, sql string, args ...any) pgx.Row
	CopyFrom(ctx context.Context, table pgx.Identifier, columns []string, src pgx.CopyFromSource) (int64, error)
}

// db is where a repository runs its statements: the pool, or the
// transaction of an Atomic call (tx set).
type db struct {
	s  *Store
	q  querier
	tx pgx.Tx
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
	return fmt.Errorf("leads/postgres: %s: %w", what, err)
}
