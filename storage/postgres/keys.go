package postgres

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"iter"
	"slices"

	"github.com/google/uuid"
	"github.com/jackc/pgx/v5/pgtype"
	"github.com/leadkit/leads"
)

// Leads are indexed by match key (leads.MatchKeys) in the lead_keys table
// (migration 0005), one row per key of each lead, for
// LeadRepository.Lookup. The keys are computed by Go when a lead is
// written, in the statement or transaction that writes it: Create inserts
// them with the lead, CreateMany copies them after the leads, Update and
// UpdateEach write only the keys that changed (usually none), and deleting
// a lead deletes its keys (the trigger leads_delete_keys, migration 0005).

// maxKeyLen is the longest key stored as it is. A B-tree entry holds at
// most about 2,700 bytes, so a longer key (an e-mail address of a few
// kilobytes in an imported file) is stored, and looked up, as a digest.
const maxKeyLen = 1024

// storedKey is the form of match key k in lead_keys: k, or for a key
// longer than maxKeyLen "#sha256:" and the hex SHA-256 of k, which no key
// of leads.MatchKeys (a short prefix, a colon, a value) looks like.
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

// keyColumns are the columns of lead_keys in the order keySource gives
// them.
var keyColumns = []string{"key", "lead_id"}

// keyRow is one row of lead_keys.
type keyRow struct {
	key string
	id  uuid.UUID
}

// keySource feeds COPY the rows of lead_keys. IDs go as pgtype.UUID,
// which pgx encodes directly: a quarter faster than uuid.UUID over 300k
// rows.
type keySource struct {
	rows []keyRow
	i    int
	vals [2]any
}

func (s *keySource) Next() bool {
	if s.i >= len(s.rows) {
		return false
	}
	r := s.rows[s.i]
	s.vals = [2]any{r.key, pgtype.UUID{Bytes: r.id, Valid: true}}
	s.i++
	return true
}

// Values returns the current row; COPY encodes it before calling Next.
func (s *keySource) Values() ([]any, error) { return s.vals[:], nil }
func (s *keySource) Err() error             { return nil }

// rekeySQL deletes the keys a lead lost ($2) and adds those it gained
// ($3), in one statement.
const rekeySQL = `WITH gone AS (DELETE FROM lead_keys WHERE key = ANY($2::text[]) AND lead_id = $1)
INSERT INTO lead_keys (key, lead_id) SELECT k, $1 FROM unnest($3::text[]) AS k ON CONFLICT DO NOTHING`

// rekey moves lead id from its keys before an update (was) to its keys
// after it (now), in the update's transaction. It writes only the
// difference, so an update that changes no key costs no statement.
func rekey(ctx context.Context, d db, id uuid.UUID, was, now []string) error {
	gone, added := missingFrom(was, now), missingFrom(now, was)
	if len(gone) == 0 && len(added) == 0 {
		return nil
	}
	if _, err := d.q.Exec(ctx, rekeySQL, id, gone, added); err != nil {
		return wrap("update match keys of lead "+id.String(), err)
	}
	return nil
}

// missingFrom returns the keys of a that b lacks.
func missingFrom(a, b []string) []string {
	var out []string
	for _, k := range a {
		if !slices.Contains(b, k) {
			out = append(out, k)
		}
	}
	return out
}

// lookupSQL reads one range of lead_keys' primary key, (key, lead_id), and
// then each lead found by its primary key. OFFSET 0 keeps the planner from
// joining the two any other way (a hash or merge join would read the whole
// leads table), so a look-up costs what it finds. A NULL limit is no limit.
const lookupSQL = `SELECT l.* FROM
	(SELECT lead_id FROM lead_keys WHERE key = $1 ORDER BY lead_id LIMIT $2) AS k
	CROSS JOIN LATERAL (SELECT ` + selectColumns + ` FROM leads WHERE id = k.lead_id OFFSET 0) AS l
	ORDER BY k.lead_id`

// Lookup streams the leads having key among their match keys, in ID order,
// at most limit of them when limit > 0. Inside a transaction it sees the
// transaction's writes, since they wrote their keys too.
func (r leadRepo) Lookup(ctx context.Context, key string, limit int) iter.Seq2[*leads.Lead, error] {
	return func(yield func(*leads.Lead, error) bool) {
		if err := r.db.check(); err != nil {
			yield(nil, err)
			return
		}
		var lim any // NULL: LIMIT ALL
		if limit > 0 {
			lim = int64(limit)
		}
		streamLeads(ctx, r.db, "look up leads", lookupSQL, []any{storedKey(key), lim}, yield)
	}
}
