package main

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"strings"
	"syscall"
	"time"

	"github.com/leadkit/leads"
	"github.com/leadkit/leads/storage/file"
	"github.com/leadkit/leads/storage/postgres"
)

// storeOptions are the global flags that say how to open a file store.
type storeOptions struct {
	lockTimeout *time.Duration // nil: the file store's default; 0: do not wait
	create      bool           // lay out a new store in an existing empty file
	readOnly    bool           // the command only reads
}

// openStore opens the store that spec names: a postgres:// (or
// postgresql://) URL, whose schema is migrated on open, or else the path
// of a file store, which is created when missing. The caller must Close
// the store to release its lock or connections.
//
// A file store is opened read-only for a command that only reads (shared
// lock: readers do not wait for each other, and a store the user may not
// write serves them), unless it does not exist yet: then it is created, as
// for any command. A command that writes a store the user may not write
// fails at once, saying which commands still work.
func openStore(spec string, o storeOptions) (leads.Store, error) {
	if isPostgres(spec) {
		// Connecting honours the URL's connect_timeout; a command has no
		// deadline of its own.
		s, err := postgres.Open(context.Background(), spec, nil)
		if err != nil {
			return nil, err
		}
		return s, nil
	}
	fo := &file.Options{Create: o.create}
	if o.lockTimeout != nil {
		fo.Timeout = *o.lockTimeout
		if fo.Timeout == 0 {
			fo.Timeout = -1 // file.Options: negative fails at once
		}
	}
	_, err := os.Stat(spec)
	exists := err == nil
	switch {
	case o.readOnly && exists:
		fo.ReadOnly = true
	case exists && !writable(spec):
		return nil, fmt.Errorf("store %s: the file is read-only here: show, list, report and export can read it, nothing can change it", spec)
	}
	s, err := file.Open(spec, fo)
	if err != nil {
		return nil, err
	}
	return s, nil
}

// writable reports whether this process may write the file at path. It
// opens the file for writing, which changes nothing (not even its times),
// and says no only for a refusal of permission or a read-only file system:
// other failures are left for the open of the store to report.
func writable(path string) bool {
	f, err := os.OpenFile(path, os.O_RDWR, 0)
	if err == nil {
		f.Close()
		return true
	}
	return !errors.Is(err, fs.ErrPermission) && !errors.Is(err, syscall.EROFS)
}

func isPostgres(spec string) bool {
	s := strings.ToLower(spec)
	return strings.HasPrefix(s, "postgres://") || strings.HasPrefix(s, "postgresql://")
}
