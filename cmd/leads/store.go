package main

import (
	"errors"
	"strings"

	"github.com/leadkit/leads"
	"github.com/leadkit/leads/storage/file"
)

// errPostgresUnavailable is returned for postgres:// stores until the
// PostgreSQL adapter is part of the build.
var errPostgresUnavailable = errors.New("postgres store is not available in this build yet")

// openStore opens the store that spec names: a postgres:// (or
// postgresql://) URL, or else the path of a file store, which is created
// when missing. The caller must Close the store to release its lock.
func openStore(spec string) (leads.Store, error) {
	if isPostgres(spec) {
		return nil, errPostgresUnavailable
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
