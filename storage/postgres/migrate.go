package postgres

import (
	"context"
	"embed"
	"errors"
	"fmt"
	"io/fs"
	"path"
	"slices"
	"strconv"
	"strings"

	"github.com/jackc/pgx/v5"
	"github.com/leadkit/leads"
)

// ErrNewerSchema is returned by Open for a database whose schema was
// migrated, or whose match keys were computed, by a newer version of this
// package: running older code on it could lose what the newer code stores.
var ErrNewerSchema = errors.New("leads/postgres: the database schema is newer than this program")

//go:embed migrations/*.sql
var migrationFiles embed.FS

// migration is one numbered step of the schema.
type migration struct {
	version int
	name    string
	sql     string
}

// migrations returns the embedded migrations in order. Their files are
// named NNNN_what.sql and numbered from 1 without gaps; a later repository
// adds its tables in a new file with the next number.
func migrations() ([]migration, error) {
	names, err := fs.Glob(migrationFiles, "migrations/*.sql")
	if err != nil {
		return nil, err
	}
	var out []migration
	for _, name := range names {
		base := path.Base(name)
		num, _, ok := strings.Cut(base, "_")
		v, err := strconv.Atoi(num)
		if !ok || err != nil || v <= 0 {
			return nil, fmt.Errorf("leads/postgres: migration %s is not named NNNN_what.sql", base)
		}
		b, err := migrationFiles.ReadFile(name)
		if err != nil {
			return nil, err
		}
		out = append(out, migration{version: v, name: base, sql: string(b)})
	}
	slices.SortFunc(out, func(a, b migration) int { return a.version - b.version })
	for i, m := range out {
		if m.version != i+1 {
			return nil, fmt.Errorf("leads/postgres: migration %s: want number %d", m.name, i+1)
		}
	}
	return out, nil
}

// SchemaVersion is the schema version this package migrates databases to.
func SchemaVersion() int {
	ms, err := migrations()
	if err != nil || len(ms) == 0 {
		return 0
	}
	return ms[len(ms)-1].version
}

// migrate brings the schema up to date in one transaction, and the stored
// match keys with it (syncMatchKeys). The advisory
// lock, keyed by the schema's name, makes a second process that opens the
// database at the same time wait, then find the work done.
func migrate(ctx context.Context, conn *pgx.Conn, schema string) error {
	ms, err := migrations()
	if err != nil {
		return err
	}
	tx, err := conn.Begin(ctx)
	if err != nil {
		return fmt.Errorf("leads/postgres: migrate: %w", err)
	}
	defer tx.Rollback(ctx) //nolint:errcheck // after Commit it does nothing
	if _, err := tx.Exec(ctx, "SELECT pg_advisory_xact_lock(hashtextextended('leads/postgres migrate ' || $1::text, 0))", schema); err != nil {
		return fmt.Errorf("leads/postgres: migrate: lock: %w", err)
	}
	if schema != "" {
		// An identifier, quoted by pgx; no value is spliced.
		if _, err := tx.Exec(ctx, "CREATE SCHEMA IF NOT EXISTS "+pgx.Identifier{schema}.Sanitize()); err != nil {
			return fmt.Errorf("leads/postgres: create schema %q: %w", schema, err)
		}
	}
	if _, err := tx.Exec(ctx, `CREATE TABLE IF NOT EXISTS schema_migrations (
		version    integer PRIMARY KEY,
		name       text NOT NULL,
		applied_at timestamptz NOT NULL DEFAULT now())`); err != nil {
		return fmt.Errorf("leads/postgres: migrate: %w", err)
	}
	var current int
	if err := tx.QueryRow(ctx, "SELECT coalesce(max(version), 0) FROM schema_migrations").Scan(&current); err != nil {
		return fmt.Errorf("leads/postgres: migrate: read version: %w", err)
	}
	latest := len(ms)
	if current > latest {
		return fmt.Errorf("%w: schema version %d, this program knows up to %d; upgrade the program", ErrNewerSchema, current, latest)
	}
	for _, m := range ms[current:] {
		if _, err := tx.Exec(ctx, m.sql); err != nil {
			return fmt.Errorf("leads/postgres: migration %s: %w", m.name, err)
		}
		if _, err := tx.Exec(ctx, "INSERT INTO schema_migrations (version, name) VALUES ($1, $2)", m.version, m.name); err != nil {
			return fmt.Errorf("leads/postgres: migration %s: %w", m.name, err)
		}
	}
	if current == 0 {
		// A new database starts with the default scoring criteria, as
		// every store does.
		for _, c := range leads.DefaultCriteria() {
			if _, err := tx.Exec(ctx, "INSERT INTO criteria (id, name, weight, version) VALUES ($1, $2, $3, 1)",
				c.ID, c.Name, int16(c.Weight)); err != nil {
				return fmt.Errorf("leads/postgres: default criteria: %w", err)
			}
		}
	}
	if err := syncMatchKeys(ctx, tx, rekeyBatch); err != nil {
		return err
	}
	if err := tx.Commit(ctx); err != nil {
		return fmt.Errorf("leads/postgres: migrate: commit: %w", err)
	}
	return nil
}
