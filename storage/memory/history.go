package memory

import (
	"context"
	"iter"
	"slices"

	"github.com/google/uuid"
	"github.com/leadkit/leads"
)

// History is indexed by linked record: byRecord maps a record's ID to the
// IDs of the items linked to it, so that listing one record's history
// costs the size of that history, not of all history. Apply keeps the
// index in step with the items.

var historyKind = kind[leads.HistoryItem]{
	name:    "history item",
	id:      func(h *leads.HistoryItem) uuid.UUID { return h.ID },
	version: func(h *leads.HistoryItem) *int64 { return &h.Version },
	clone:   (*leads.HistoryItem).Clone,
	compare: leads.CompareHistory,
	table:   func(x *Index) map[uuid.UUID]*leads.HistoryItem { return x.history },
	changes: func(c *Changes) map[uuid.UUID]*leads.HistoryItem { return c.History },
}

// applyHistory applies changes of history items and their index. The
// caller holds x.mu.
func (x *Index) applyHistory(changes map[uuid.UUID]*leads.HistoryItem) {
	for id, h := range changes {
		if old, ok := x.history[id]; ok {
			for _, r := range old.Records {
				if set := x.byRecord[r]; set != nil {
					delete(set, id)
					if len(set) == 0 {
						delete(x.byRecord, r)
					}
				}
			}
		}
		if h == nil {
			delete(x.history, id)
			continue
		}
		x.history[id] = h
		for _, r := range h.Records {
			set := x.byRecord[r]
			if set == nil {
				set = map[uuid.UUID]struct{}{}
				x.byRecord[r] = set
			}
			set[id] = struct{}{}
		}
	}
}

// HistoryItem returns the history item with the given ID as stored, seen
// through overlay (which may be nil): do not change it.
func (x *Index) HistoryItem(id uuid.UUID, overlay *Changes) (*leads.HistoryItem, bool) {
	return lookup(x, historyKind, id, overlay)
}

// HistoryLen returns the number of history items.
func (x *Index) HistoryLen() int {
	x.mu.RLock()
	defer x.mu.RUnlock()
	return len(x.history)
}

// RecordHistory returns the history items linked to record that f selects,
// seen through overlay (which may be nil), newest first and at most
// f.Limit of them. The items returned are the stored ones: do not change
// them.
func (x *Index) RecordHistory(record uuid.UUID, f leads.HistoryFilter, overlay *Changes) ([]*leads.HistoryItem, error) {
	if err := f.Validate(); err != nil {
		return nil, err
	}
	var out []*leads.HistoryItem
	x.mu.RLock()
	for id := range x.byRecord[record] {
		if overlay != nil {
			if _, changed := overlay.History[id]; changed {
				continue
			}
		}
		if h := x.history[id]; f.Match(h) {
			out = append(out, h)
		}
	}
	x.mu.RUnlock()
	if overlay != nil {
		for _, h := range overlay.History {
			if h != nil && h.LinkedTo(record) && f.Match(h) {
				out = append(out, h)
			}
		}
	}
	slices.SortFunc(out, leads.CompareHistory)
	if f.Limit > 0 && len(out) > f.Limit {
		out = out[:f.Limit]
	}
	return out, nil
}

// historyTx is the history repository inside a transaction.
type historyTx struct{ repo[leads.HistoryItem] }

func (r historyTx) ByRecord(ctx context.Context, record uuid.UUID, f leads.HistoryFilter) iter.Seq2[*leads.HistoryItem, error] {
	return listHistory(ctx, r.t.x, record, f, r.t.c)
}

// historyRepo is the history repository of a Store.
type historyRepo struct{ storeRepo[leads.HistoryItem] }

func (r historyRepo) ByRecord(ctx context.Context, record uuid.UUID, f leads.HistoryFilter) iter.Seq2[*leads.HistoryItem, error] {
	if r.s.isClosed() {
		return func(yield func(*leads.HistoryItem, error) bool) { yield(nil, ErrClosed) }
	}
	return listHistory(ctx, r.s.index, record, f, nil)
}

// listHistory streams copies of a record's history.
func listHistory(ctx context.Context, x *Index, record uuid.UUID, f leads.HistoryFilter, c *Changes) iter.Seq2[*leads.HistoryItem, error] {
	return func(yield func(*leads.HistoryItem, error) bool) {
		if err := ctx.Err(); err != nil {
			yield(nil, err)
			return
		}
		found, err := x.RecordHistory(record, f, c)
		if err != nil {
			yield(nil, err)
			return
		}
		for _, h := range found {
			if !yield(h.Clone(), nil) {
				return
			}
		}
	}
}
