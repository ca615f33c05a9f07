package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"

	"github.com/leadkit/leads"
	"github.com/leadkit/leads/importexport/jsonfile"
	"github.com/leadkit/leads/storage/sqlite"
)

const migrateSynopsis = `Usage: leads migrate OLD NEW
`

const migrateHelp = migrateSynopsis + `
Copy the store OLD (a file store, or a postgres:// URL) into a new SQLite
store in the file NEW: users, criteria, field definitions, accounts, saved
reports, records, opportunities and history, with their IDs and stamps
(versions start again at 1). OLD is only read. NEW must not exist; on any
error it is removed again, so that it is written whole or not at all. With
--json, print what was copied as {"file": NEW, "migrated": {...}}.
`

// migrate runs "leads migrate": a backup of OLD (jsonfile.Export) streamed
// into a restore of NEW (jsonfile.Restore) through a pipe, so memory does
// not grow with the book.
func (a *app) migrate(args []string) error {
	flags := newFlagSet("migrate")
	a.globalFlags(flags)
	pos, err := parseArgs(flags, args)
	if err != nil {
		return err
	}
	if len(pos) != 2 {
		return usagef("want OLD and NEW")
	}
	from, to := pos[0], pos[1]
	if _, err := os.Stat(to); !errors.Is(err, fs.ErrNotExist) {
		return fmt.Errorf("%s: the new store's file exists already: give a path that does not", to)
	}
	old, err := openStore(from, storeOptions{lockTimeout: a.lockTimeout, readOnly: true})
	if err != nil {
		return err
	}
	defer old.Close()
	ctx := a.ctx
	dst, err := sqlite.Open(ctx, to, nil)
	if err != nil {
		return err
	}
	n, err := copyStore(ctx, old, dst)
	if cerr := dst.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		for _, suffix := range []string{"", "-wal", "-shm"} {
			os.Remove(to + suffix)
		}
		return fmt.Errorf("migrate %s to %s (nothing was written): %w", from, to, err)
	}
	for _, w := range n.Warnings {
		fmt.Fprintf(a.stderr, "warning: %s\n", w)
	}
	if a.json {
		return a.printJSON(map[string]any{"file": to, "migrated": map[string]int{
			"users": n.Users, "criteria": n.Criteria, "field_definitions": n.FieldDefinitions,
			"accounts": n.Accounts, "reports": n.Reports, "records": n.Leads,
			"opportunities": n.Opportunities, "history": n.History}, "warnings": nonNilStrings(n.Warnings)})
	}
	_, err = fmt.Fprintf(a.stdout, "migrated %d records, %d accounts, %d opportunities, %d history items, %d users, %d criteria, %d field definitions and %d reports into %s\n",
		n.Leads, n.Accounts, n.Opportunities, n.History, n.Users, n.Criteria, n.FieldDefinitions, n.Reports, to)
	return err
}

// copyStore writes the backup of old into the new store dst as it reads it.
func copyStore(ctx context.Context, old leads.Tx, dst *sqlite.Store) (jsonfile.Restored, error) {
	pr, pw := io.Pipe()
	go func() {
		_, err := jsonfile.Export(ctx, pw, old, nil)
		pw.CloseWithError(err)
	}()
	n, err := jsonfile.Restore(ctx, dst, pr)
	pr.CloseWithError(errors.New("the restore stopped"))
	return n, err
}
