package sqlite

import (
	"context"
	"database/sql"
	_ "embed"
	"errors"
	"fmt"
	"io/fs"
	"net/url"
	"os"
	"time"

	"github.com/leadkit/leads"
)

// The errors of Open and of writes; test them with errors.Is.
var (
	// ErrClosed is returned by operations on a closed store.
	ErrClosed = errors.New("leads/sqlite: store is closed")
	// ErrReadOnly is returned by writes to a store opened read-only.
	ErrReadOnly = errors.New("leads/sqlite: store is open read-only")
	// ErrNewerSchema means that the file was written by a newer version
	// of this package, whose schema this one does not know.
	ErrNewerSchema = errors.New("leads/sqlite: the file's schema is newer than this program's")
	// ErrNotStore means that the file is not a SQLite database.
	ErrNotStore = errors.New("leads/sqlite: not a SQLite store")
)

// schemaVersion is the PRAGMA user_version of a file holding schema.sql.
const schemaVersion = 1

//go:embed schema.sql
var schemaSQL string

// DefaultBusyTimeout is how long a write waits for another process's
// write transaction to end when Options.BusyTimeout is zero.
const DefaultBusyTimeout = 10 * time.Second

// Options configure Open. The zero Options (or nil) open the file for
// reading and writing, creating it when missing.
type Options struct {
	// ReadOnly opens an existing store for reading only: writes fail with
	// ErrReadOnly. A read-only store is never created.
	ReadOnly bool
	// BusyTimeout is how long a statement waits for another process
	// holding the file's write lock; zero means DefaultBusyTimeout.
	BusyTimeout time.Duration
}

// Open opens the SQLite store in the file at path, creating it (and its
// tables) when it is missing or empty. The file is in WAL mode: while it
// is open, path-wal and path-shm lie beside it. Several processes may
// open one file: their readers run side by side, their writes one at a
// time. A file whose schema is newer gives ErrNewerSchema.
func Open(ctx context.Context, path string, opts *Options) (*Store, error) {
	var o Options
	if opts != nil {
		o = *opts
	}
	if o.BusyTimeout == 0 {
		o.BusyTimeout = DefaultBusyTimeout
	}
	if o.ReadOnly {
		if _, err := os.Stat(path); errors.Is(err, fs.ErrNotExist) {
			return nil, fmt.Errorf("leads/sqlite: %w (a read-only store is never created)", err)
		}
	}
	s := &Store{readOnly: o.ReadOnly}
	var err error
	if !o.ReadOnly {
		// A page cache of 64 MB for the writer (SQLite's default is 2 MB):
		// an import changes pages all over the dozen indexes, and a small
		// cache writes them out and reads them back many times. It fills
		// only as pages are touched.
		if s.w, err = openDB(path, o, "&_txlock=immediate&_pragma=cache_size(-65536)"); err != nil {
			return nil, err
		}
		// One writer connection: writers of this process queue in the
		// pool, writers of other processes wait (busy_timeout).
		s.w.SetMaxOpenConns(1)
		if err := migrate(ctx, s.w); err != nil {
			s.w.Close()
			return nil, err
		}
	}
	ro := ""
	if o.ReadOnly {
		ro = "&_pragma=query_only(1)"
	}
	if s.r, err = openDB(path, o, ro); err != nil {
		if s.w != nil {
			s.w.Close()
		}
		return nil, err
	}
	if o.ReadOnly {
		if err := checkVersion(ctx, s.r); err != nil {
			s.r.Close()
			return nil, err
		}
	}
	return s, nil
}

// openDB opens a connection pool on path with the store's pragmas and the
// DSN parameters extra.
func openDB(path string, o Options, extra string) (*sql.DB, error) {
	dsn := "file:" + (&url.URL{Path: path}).EscapedPath() +
		"?_pragma=busy_timeout(" + fmt.Sprint(o.BusyTimeout.Milliseconds()) + ")" +
		"&_pragma=journal_mode(WAL)&_pragma=synchronous(FULL)&_pragma=foreign_keys(0)" + extra
	db, err := sql.Open("sqlite", dsn)
	if err != nil {
		return nil, fmt.Errorf("leads/sqlite: open %s: %w", path, err)
	}
	if err := db.Ping(); err != nil {
		db.Close()
		return nil, fmt.Errorf("leads/sqlite: open %s: %w: %w", path, ErrNotStore, err)
	}
	return db, nil
}

// checkVersion refuses a file whose schema is newer than this package's,
// or that holds no store.
func checkVersion(ctx context.Context, db *sql.DB) error {
	var v int
	if err := db.QueryRowContext(ctx, "PRAGMA user_version").Scan(&v); err != nil {
		return fmt.Errorf("leads/sqlite: %w: %w", ErrNotStore, err)
	}
	if v > schemaVersion {
		return fmt.Errorf("%w: version %d, this program knows %d", ErrNewerSchema, v, schemaVersion)
	}
	if v == 0 {
		return fmt.Errorf("%w: the file holds no tables of a store", ErrNotStore)
	}
	return nil
}

// migrate creates the tables of a new file and its default criteria
// (leads.DefaultCriteria), in one transaction, and refuses a file of a
// newer schema.
func migrate(ctx context.Context, db *sql.DB) error {
	tx, err := db.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("leads/sqlite: %w: %w", ErrNotStore, err)
	}
	defer tx.Rollback() //nolint:errcheck // after Commit it does nothing
	var v int
	if err := tx.QueryRowContext(ctx, "PRAGMA user_version").Scan(&v); err != nil {
		return fmt.Errorf("leads/sqlite: %w: %w", ErrNotStore, err)
	}
	switch {
	case v == schemaVersion:
		return nil
	case v > schemaVersion:
		return fmt.Errorf("%w: version %d, this program knows %d", ErrNewerSchema, v, schemaVersion)
	}
	var tables int
	if err := tx.QueryRowContext(ctx, "SELECT count(*) FROM sqlite_schema").Scan(&tables); err != nil {
		return fmt.Errorf("leads/sqlite: %w", err)
	}
	if tables > 0 {
		return fmt.Errorf("%w: the database has tables of another program", ErrNotStore)
	}
	if _, err := tx.ExecContext(ctx, schemaSQL); err != nil {
		return fmt.Errorf("leads/sqlite: create tables: %w", err)
	}
	for _, c := range leads.DefaultCriteria() {
		if _, err := tx.ExecContext(ctx, "INSERT INTO criteria (id, name, weight, version) VALUES (?, ?, ?, 1)",
			c.ID, c.Name, int64(c.Weight)); err != nil {
			return fmt.Errorf("leads/sqlite: add the default criteria: %w", err)
		}
	}
	if _, err := tx.ExecContext(ctx, fmt.Sprintf("PRAGMA user_version = %d", schemaVersion)); err != nil {
		return fmt.Errorf("leads/sqlite: create tables: %w", err)
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("leads/sqlite: create tables: %w", err)
	}
	return nil
}
