package postgres

import (
	"context"

	"github.com/google/uuid"
	"github.com/jackc/pgx/v5/pgtype"
	"github.com/leadkit/leads"
)

// lookupKeysSQL finds, for each key of $1 (numbered from 1 by ORDINALITY),
// the lowest lead_id having it: one probe of lead_keys' primary key,
// (key, lead_id), per key, all in one statement. A key shared by thousands
// of leads (a company's domain) still costs one probe, which
// "key = ANY($1) ... GROUP BY key" with min(lead_id) would not; a key
// repeated in $1 is answered at each of its places.
const lookupKeysSQL = `SELECT k.i, (SELECT lead_id FROM lead_keys WHERE key = k.key ORDER BY lead_id LIMIT 1)
	FROM unnest($1::text[]) WITH ORDINALITY AS k(key, i)`

// LookupKeys implements leads.KeyLookuper: the lowest ID of a lead having
// each of keys, or uuid.Nil, in one round trip for the whole batch. An
// import of a million rows asks it once per few hundred rows instead of
// running a Lookup per key of each row. Inside a transaction it sees the
// transaction's writes.
func (r leadRepo) LookupKeys(ctx context.Context, keys []string) ([]uuid.UUID, error) {
	if err := r.db.check(); err != nil {
		return nil, err
	}
	ids := make([]uuid.UUID, len(keys))
	if len(keys) == 0 {
		return ids, nil
	}
	stored := make([]string, len(keys))
	for i, k := range keys {
		stored[i] = storedKey(k)
	}
	rows, err := r.db.q.Query(ctx, lookupKeysSQL, stored)
	if err != nil {
		return nil, wrap("look up match keys", err)
	}
	defer rows.Close()
	for rows.Next() {
		var i int64
		var id pgtype.UUID
		if err := rows.Scan(&i, &id); err != nil {
			return nil, wrap("look up match keys", err)
		}
		if id.Valid && i >= 1 && int(i) <= len(ids) {
			ids[i-1] = id.Bytes
		}
	}
	if err := rows.Err(); err != nil {
		return nil, wrap("look up match keys", err)
	}
	return ids, nil
}

// leadsExistSQL returns the places (numbered from 1) of the IDs of $1 that
// a lead has: one probe of the primary key of leads per ID.
const leadsExistSQL = `SELECT k.i FROM unnest($1::uuid[]) WITH ORDINALITY AS k(id, i)
	WHERE EXISTS (SELECT 1 FROM leads WHERE id = k.id)`

// LeadsExist implements leads.IDLookuper: whether each of ids is stored,
// in one round trip for the whole batch.
func (r leadRepo) LeadsExist(ctx context.Context, ids []uuid.UUID) ([]bool, error) {
	if err := r.db.check(); err != nil {
		return nil, err
	}
	found := make([]bool, len(ids))
	if len(ids) == 0 {
		return found, nil
	}
	args := make([]pgtype.UUID, len(ids))
	for i, id := range ids {
		args[i] = pgtype.UUID{Bytes: id, Valid: true}
	}
	rows, err := r.db.q.Query(ctx, leadsExistSQL, args)
	if err != nil {
		return nil, wrap("check lead IDs", err)
	}
	defer rows.Close()
	for rows.Next() {
		var i int64
		if err := rows.Scan(&i); err != nil {
			return nil, wrap("check lead IDs", err)
		}
		if i >= 1 && int(i) <= len(found) {
			found[i-1] = true
		}
	}
	if err := rows.Err(); err != nil {
		return nil, wrap("check lead IDs", err)
	}
	return found, nil
}

var (
	_ leads.KeyLookuper = leadRepo{}
	_ leads.IDLookuper  = leadRepo{}
)
