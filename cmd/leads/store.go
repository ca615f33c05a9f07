package main

import (
	"context"
	"strings"

	"github.com/leadkit/leads"
	"github.com/leadkit/leads/storage/file"
	"github.com/leadkit/leads/storage/postgres"
)

// openStore opens the store that spec names: a postgres:// (or
// postgresql://) URL, whose schema is migrated on open, or else the path
// of a file store, which is created when missing. The caller must Close
// the store to release its lock or connections.
func openStore(spec string) (leads.Store, error) {
	if isPostgres(spec) {
		// Connecting honours the URL's connect_timeout; a command has no
		// deadline of its own.
		s, err := postgres.Open(context.Background(), spec, nil)
		if err != nil {
			return nil, err
		}
		return s, nil
	}
	s, err := file.Open(spec, nil)
	if err != nil {
		return nil, err
	}
	return s, nil
}

func isPostgres(spec string) bool {
	s := strings.ToLower(spec)
	return strings.HasPrefix(s, "postgres://") || strings.HasPrefix(s, "postgresql://")
}
