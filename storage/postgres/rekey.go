package postgres

import (
	"context"
	"fmt"

	"github.com/google/uuid"
	"github.com/jackc/pgx/v5"
	"github.com/leadkit/leads"
)

// rekeyBatch is how many leads Open reads at a time when it recomputes
// the match keys of every lead.
const rekeyBatch = 5000

// syncMatchKeys makes the stored match keys those of this program's
// leads.MatchKeys. match_keys_version holds the leads.MatchKeysVersion the
// keys were computed with; when it is older, every lead's keys are
// recomputed, in batches of batch leads, and the version is updated. It
// runs in Open's migration transaction, under its advisory lock, so a
// second process opening the database waits and then finds the work done;
// the leads are locked against writes (SHARE) until the commit, so that no
// lead is written with keys of the old version meanwhile. A version newer
// than the program's gives ErrNewerSchema: recomputing would drop the keys
// that the newer program looks records up by.
func syncMatchKeys(ctx context.Context, tx pgx.Tx, batch int) error {
	var v int
	if err := tx.QueryRow(ctx, "SELECT version FROM match_keys_version").Scan(&v); err != nil {
		return fmt.Errorf("leads/postgres: read match keys version: %w", err)
	}
	switch {
	case v == leads.MatchKeysVersion:
		return nil
	case v > leads.MatchKeysVersion:
		return fmt.Errorf("%w: match keys version %d, this program computes version %d; upgrade the program",
			ErrNewerSchema, v, leads.MatchKeysVersion)
	}
	for _, sql := range []string{"LOCK TABLE leads IN SHARE MODE", "TRUNCATE lead_keys"} {
		if _, err := tx.Exec(ctx, sql); err != nil {
			return fmt.Errorf("leads/postgres: recompute match keys: %w", err)
		}
	}
	var after uuid.UUID // the nil UUID sorts first
	for {
		n, last, keys, err := readKeys(ctx, tx, after, batch)
		if err != nil {
			return fmt.Errorf("leads/postgres: recompute match keys: %w", err)
		}
		if n == 0 {
			break
		}
		if _, err := tx.CopyFrom(ctx, pgx.Identifier{"lead_keys"}, keyColumns, &keySource{rows: keys}); err != nil {
			return fmt.Errorf("leads/postgres: recompute match keys: copy: %w", err)
		}
		if n < batch {
			break
		}
		after = last
	}
	if _, err := tx.Exec(ctx, "UPDATE match_keys_version SET version = $1", leads.MatchKeysVersion); err != nil {
		return fmt.Errorf("leads/postgres: write match keys version: %w", err)
	}
	return nil
}

// readKeys computes the match keys of the (at most batch) leads that
// follow ID after, in ID order. It returns how many leads it read and the
// last one's ID.
func readKeys(ctx context.Context, tx pgx.Tx, after uuid.UUID, batch int) (int, uuid.UUID, []keyRow, error) {
	rows, err := tx.Query(ctx, "SELECT "+selectColumns+" FROM leads WHERE id > $1 ORDER BY id LIMIT $2", after, batch)
	if err != nil {
		return 0, after, nil, err
	}
	defer rows.Close()
	var (
		n    int
		keys []keyRow
	)
	for rows.Next() {
		l, err := scanLead(rows)
		if err != nil {
			return 0, after, nil, err
		}
		for _, k := range keysOf(l) {
			keys = append(keys, keyRow{k, l.ID})
		}
		n, after = n+1, l.ID
	}
	return n, after, keys, rows.Err()
}
