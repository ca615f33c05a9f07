package sqlite

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"iter"
	"slices"

	"github.com/google/uuid"
	"github.com/leadkit/leads"
)

// Leads are indexed by match key (leads.MatchKeys) in the lead_keys table,
// one row per key of each lead, for LeadRepository.Lookup. The keys are
// computed by Go when a lead is written, in the transaction that writes
// it: Create and CreateMany insert them with the lead, Update writes only
// the keys that changed, and deleting a lead deletes its keys (the trigger
// leads_delete_keys).

// maxKeyLen is the longest key stored as it is; a longer key is stored,
// and looked up, as a digest, as storage/postgres does.
const maxKeyLen = 1024

// storedKey is the form of match key k in lead_keys: k, or for a key
// longer than maxKeyLen "#sha256:" and the hex SHA-256 of k.
func storedKey(k string) string {
	if len(k) <= maxKeyLen {
		return k
	}
	sum := sha256.Sum256([]byte(k))
	return "#sha256:" + hex.EncodeToString(sum[:])
}

// keysOf returns the keys of l as lead_keys stores them.
func keysOf(l *leads.Lead) []string {
	keys := leads.MatchKeys(l)
	for i, k := range keys {
		keys[i] = storedKey(k)
	}
	return keys
}

// addKeys inserts the keys of lead id.
func addKeys(ctx context.Context, q querier, id uuid.UUID, keys []string) error {
	for _, k := range keys {
		if _, err := q.ExecContext(ctx, "INSERT OR IGNORE INTO lead_keys (key, lead_id) VALUES (?, ?)", k, id); err != nil {
			return wrap("add match keys of lead "+id.String(), err)
		}
	}
	return nil
}

// rekey moves lead id from its keys before an update (was) to its keys
// after it (now). It writes only the difference.
func rekey(ctx context.Context, q querier, id uuid.UUID, was, now []string) error {
	for _, k := range was {
		if !slices.Contains(now, k) {
			if _, err := q.ExecContext(ctx, "DELETE FROM lead_keys WHERE key = ? AND lead_id = ?", k, id); err != nil {
				return wrap("update match keys of lead "+id.String(), err)
			}
		}
	}
	var added []string
	for _, k := range now {
		if !slices.Contains(was, k) {
			added = append(added, k)
		}
	}
	return addKeys(ctx, q, id, added)
}

// lookupSQL reads one range of lead_keys' primary key, then each lead by
// its primary key. A limit of -1 is no limit.
const lookupSQL = `SELECT ` + selectColumns + ` FROM leads WHERE id IN
	(SELECT lead_id FROM lead_keys WHERE key = ? ORDER BY lead_id LIMIT ?) ORDER BY id`

// Lookup streams the leads having key among their match keys, in ID order,
// at most limit of them when limit > 0. Inside a transaction it sees the
// transaction's writes, since they wrote their keys too.
func (r leadRepo) Lookup(ctx context.Context, key string, limit int) iter.Seq2[*leads.Lead, error] {
	return func(yield func(*leads.Lead, error) bool) {
		if err := r.db.check(); err != nil {
			yield(nil, err)
			return
		}
		lim := int64(-1)
		if limit > 0 {
			lim = int64(limit)
		}
		streamLeads(ctx, r.db, "look up leads", lookupSQL, []any{storedKey(key), lim}, yield)
	}
}

// LookupKeys implements leads.KeyLookuper: the lowest ID of a lead having
// each of keys, or uuid.Nil; one probe of lead_keys' primary key per key.
func (r leadRepo) LookupKeys(ctx context.Context, keys []string) ([]uuid.UUID, error) {
	if err := r.db.check(); err != nil {
		return nil, err
	}
	ids := make([]uuid.UUID, len(keys))
	for i, k := range keys {
		var id uuid.NullUUID
		err := r.db.q.QueryRowContext(ctx, "SELECT min(lead_id) FROM lead_keys WHERE key = ?", storedKey(k)).Scan(&id)
		if err != nil {
			return nil, wrap("look up match keys", err)
		}
		ids[i] = id.UUID
	}
	return ids, nil
}

// LeadsExist implements leads.IDLookuper: whether each of ids is stored.
func (r leadRepo) LeadsExist(ctx context.Context, ids []uuid.UUID) ([]bool, error) {
	if err := r.db.check(); err != nil {
		return nil, err
	}
	found := make([]bool, len(ids))
	for i, id := range ids {
		var n int
		if err := r.db.q.QueryRowContext(ctx, "SELECT count(*) FROM leads WHERE id = ?", id).Scan(&n); err != nil {
			return nil, wrap("check lead IDs", err)
		}
		found[i] = n > 0
	}
	return found, nil
}

var (
	_ leads.KeyLookuper = leadRepo{}
	_ leads.IDLookuper  = leadRepo{}
)
