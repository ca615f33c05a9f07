package postgres

import (
	"context"
	"errors"

	"github.com/google/uuid"
	"github.com/leadkit/leads"
	"github.com/leadkit/leads/storage/internal/version"
)

// UpdateEach implements leads.LeadBatchUpdater. It locks every record of
// ids first, with one SELECT ... ORDER BY id FOR UPDATE: all writers that
// lock several leads so take the locks in one order (ID order; Book.Delete
// sorts its IDs too), so two of them never wait for each other in a cycle,
// which PostgreSQL would break by failing one with "deadlock detected".
// It then applies fn to each record in the order of ids.
func (r leadRepo) UpdateEach(ctx context.Context, ids []uuid.UUID, fn func(l *leads.Lead) (bool, error)) error {
	return r.db.write(ctx, func(d db) error {
		rows, err := d.q.Query(ctx, "SELECT "+selectColumns+" FROM leads WHERE id = ANY($1::uuid[]) ORDER BY id FOR UPDATE", ids)
		if err != nil {
			return wrap("lock leads", err)
		}
		stored := make(map[uuid.UUID]*leads.Lead, len(ids))
		for rows.Next() {
			l, err := scanLead(rows)
			if err != nil {
				rows.Close()
				return wrap("lock leads", err)
			}
			stored[l.ID] = l
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return wrap("lock leads", err)
		}
		var missing []error
		for _, id := range ids {
			l, ok := stored[id]
			if !ok {
				missing = append(missing, &leads.NotFoundError{Kind: "lead", ID: id.String()})
				continue
			}
			cur := l.Clone()
			write, err := fn(cur)
			if err != nil {
				return err
			}
			if !write {
				continue
			}
			if err := version.Check("lead", id, l.Version, cur.ID, cur.Version); err != nil {
				return err
			}
			cur.Version = l.Version + 1
			vals, err := leadValues(cur)
			if err != nil {
				return err
			}
			if _, err := d.q.Exec(ctx, updateLead, vals...); err != nil {
				return wrap("update lead "+id.String(), err)
			}
			if err := rekey(ctx, d, id, keysOf(l), keysOf(cur)); err != nil {
				return err
			}
			stored[id] = cur // an ID given twice sees its first write
		}
		return errors.Join(missing...)
	})
}

var _ leads.LeadBatchUpdater = leadRepo{}
