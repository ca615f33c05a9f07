package leads

import (
	"context"
	"errors"
	"strings"

	"github.com/google/uuid"

	"github.com/leadkit/leads/internal/textkey"
)

// KeyLookuper is implemented by the lead repositories that look many match
// keys up in one call. An import matches every row of a file against the
// stored records by its e-mail and name keys: looked up a batch of rows at
// a time rather than key by key, a million rows cost a few thousand
// queries on PostgreSQL instead of millions. LookupKeys (the function)
// falls back to Lookup for the repositories without it.
type KeyLookuper interface {
	// LookupKeys returns, for each of keys, the ID of the record with the
	// lowest ID among those that have the key (MatchKeys), or uuid.Nil when
	// no record has it: ids[i] answers keys[i].
	LookupKeys(ctx context.Context, keys []string) (ids []uuid.UUID, err error)
}

// LookupKeys returns, for each of keys, the lowest ID of a record of r that
// has the key, or uuid.Nil: in one call when r is a KeyLookuper, else
// through one Lookup per key.
func LookupKeys(ctx context.Context, r LeadRepository, keys []string) ([]uuid.UUID, error) {
	if kl, ok := r.(KeyLookuper); ok {
		return kl.LookupKeys(ctx, keys)
	}
	ids := make([]uuid.UUID, len(keys))
	for i, k := range keys {
		for l, err := range r.Lookup(ctx, k, 1) {
			if err != nil {
				return nil, err
			}
			ids[i] = l.ID
			break
		}
	}
	return ids, nil
}

// IDLookuper is implemented by the lead repositories that check many IDs
// in one call: an import of records exported with their IDs (a JSON file
// imported again) asks whether each row's ID is stored, a batch of rows at
// a time. LeadsExist (the function) falls back to Get for the others.
type IDLookuper interface {
	// LeadsExist reports, for each of ids, whether a record has that ID:
	// found[i] answers ids[i].
	LeadsExist(ctx context.Context, ids []uuid.UUID) (found []bool, err error)
}

// LeadsExist reports, for each of ids, whether r holds a record with that
// ID: in one call when r is an IDLookuper, else through one Get per ID.
func LeadsExist(ctx context.Context, r LeadRepository, ids []uuid.UUID) ([]bool, error) {
	if il, ok := r.(IDLookuper); ok {
		return il.LeadsExist(ctx, ids)
	}
	found := make([]bool, len(ids))
	for i, id := range ids {
		_, err := r.Get(ctx, id)
		switch {
		case err == nil:
			found[i] = true
		case !errors.Is(err, ErrNotFound):
			return nil, err
		}
	}
	return found, nil
}

// AppendEmailMatchKey appends EmailMatchKey(addr) to dst, and nothing for
// an empty address: callers that compute many keys (an import, a row at a
// time) keep them in one buffer instead of a string each.
func AppendEmailMatchKey(dst []byte, addr string) []byte {
	start := len(dst)
	dst = textkey.AppendEmail(append(dst, "e:"...), strings.TrimSpace(addr))
	if len(dst) == start+2 {
		return dst[:start]
	}
	return dst
}

// AppendLeadNameMatchKey appends LeadNameMatchKey(l) to dst, and nothing
// when l's name folds to nothing; see AppendEmailMatchKey.
func AppendLeadNameMatchKey(dst []byte, l *Lead) []byte {
	start := len(dst)
	dst = appendNameKey(append(dst, "n:"...), l.FullName, l.FirstName, l.LastName, l.Company)
	if len(dst) == start+2 {
		return dst[:start]
	}
	return dst
}
