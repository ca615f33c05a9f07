package file

import (
	"context"
	"fmt"
	"iter"

	"github.com/google/uuid"
	"github.com/leadkit/leads"
	"github.com/leadkit/leads/storage/internal/index"
	"github.com/leadkit/leads/storage/internal/version"
	bolt "go.etcd.io/bbolt"
)

// History items live in their own bucket; listings are answered by the
// index (index.Index.RecordHistory), which indexes items by record.

func historyKind() kind[leads.HistoryItem] {
	return kind[leads.HistoryItem]{
		name:       "history item",
		bucketName: bucketHistory,
		bucket:     func(b buckets) *bolt.Bucket { return b.history },
		changes:    func(c *index.Changes) map[uuid.UUID]*leads.HistoryItem { return c.History },
		encode:     encodeHistory,
		decode:     decodeHistory,
		clone:      (*leads.HistoryItem).Clone,
		id:         func(h *leads.HistoryItem) uuid.UUID { return h.ID },
		version:    func(h *leads.HistoryItem) *int64 { return &h.Version },
	}
}

type historyRepo struct{ s *Store }

func (r historyRepo) Create(ctx context.Context, h *leads.HistoryItem) error {
	return create(ctx, r.s, historyKind(), h)
}

func (r historyRepo) Get(ctx context.Context, id uuid.UUID) (*leads.HistoryItem, error) {
	tx, err := r.s.reader()
	if err != nil {
		return nil, err
	}
	return tx.History().Get(ctx, id)
}

func (r historyRepo) Update(ctx context.Context, id uuid.UUID, fn func(*leads.HistoryItem) error) (*leads.HistoryItem, error) {
	return update(ctx, r.s, historyKind(), id, fn)
}

func (r historyRepo) Delete(ctx context.Context, id uuid.UUID) error {
	return remove(ctx, r.s, historyKind(), id)
}

func (r historyRepo) ByRecord(ctx context.Context, record uuid.UUID, f leads.HistoryFilter) iter.Seq2[*leads.HistoryItem, error] {
	tx, err := r.s.reader()
	if err != nil {
		return func(yield func(*leads.HistoryItem, error) bool) { yield(nil, err) }
	}
	return tx.History().ByRecord(ctx, record, f)
}

var _ leads.LoggedUpdater = leadRepo{}

// UpdateLogged updates a lead and adds the history items fn returns in one
// group-committed write, so that a Book's Edit with its change log shares
// commits with concurrent writers as a plain update does, where Atomic
// would take the store for itself.
func (r leadRepo) UpdateLogged(ctx context.Context, id uuid.UUID, fn func(*leads.Lead) ([]*leads.HistoryItem, error)) (*leads.Lead, error) {
	var out *leads.Lead
	lk, hk := leadKind(), historyKind()
	err := r.s.write(ctx, func(b buckets, c *index.Changes) error {
		v := b.leads.Get(id[:])
		if v == nil {
			return &leads.NotFoundError{Kind: lk.name, ID: id.String()}
		}
		cur, err := decodeLead(v, nil)
		if err != nil {
			return fmt.Errorf("leads/file: %s: lead %s: %w", r.s.path, id, err)
		}
		stored := cur.Version
		items, err := fn(cur)
		if err != nil {
			return err
		}
		if err := version.Check(lk.name, id, stored, cur.ID, cur.Version); err != nil {
			return err
		}
		recs := make([]*leads.HistoryItem, len(items))
		vals := make([][]byte, len(items))
		seen := map[uuid.UUID]bool{}
		for i, h := range items {
			if h.ID == uuid.Nil {
				return &leads.FieldError{Field: "id", Reason: "is missing"}
			}
			if seen[h.ID] || b.history.Get(h.ID[:]) != nil {
				return &leads.ConflictError{Kind: hk.name, ID: h.ID.String(), Reason: "already exists"}
			}
			seen[h.ID] = true
			recs[i] = h.Clone()
			recs[i].Version = 1
			vals[i] = encodeHistory(recs[i])
		}
		// Everything is checked: from here on, only bbolt can refuse.
		cur.Version = stored + 1
		rec := cur.Clone()
		if err := b.leads.Put(id[:], encodeLead(rec)); err != nil {
			return &writeError{err}
		}
		for i, h := range recs {
			if err := b.history.Put(h.ID[:], vals[i]); err != nil {
				return &writeError{err}
			}
		}
		if err := addCount(b.meta, bucketHistory, len(recs)); err != nil {
			return &writeError{err}
		}
		c.Leads[id] = rec
		for i, h := range recs {
			c.History[h.ID] = h
			items[i].Version = 1
		}
		out = cur
		return nil
	})
	if err != nil {
		return nil, err
	}
	return out, nil
}
