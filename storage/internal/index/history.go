package index

import (
	"context"
	"iter"
	"slices"
	"sort"

	"github.com/google/uuid"
	"github.com/leadkit/leads"
)

// History is indexed by linked record: byRecord maps a record's ID to the
// items linked to it, kept sorted newest first (leads.CompareHistory). So
// listing one record's history costs a binary search and the items listed,
// whatever the size of that record's history or of all history; adding or
// removing an item costs a binary search and a copy within one record's
// slice. Apply keeps the index in step with the items.

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
	if len(changes) >= bulkHistory {
		x.applyHistoryBulk(changes)
		return
	}
	for id, h := range changes {
		if old, ok := x.history[id]; ok {
			for k, r := range old.Records {
				if slices.Contains(old.Records[:k], r) {
					continue
				}
				list := x.byRecord[r]
				if i, found := slices.BinarySearchFunc(list, old, leads.CompareHistory); found {
					list = slices.Delete(list, i, i+1)
				}
				if len(list) == 0 {
					delete(x.byRecord, r)
				} else {
					x.byRecord[r] = list
				}
			}
		}
		if h == nil {
			delete(x.history, id)
			continue
		}
		x.history[id] = h
		for k, r := range h.Records {
			if slices.Contains(h.Records[:k], r) {
				continue // a record listed twice is indexed once
			}
			list := x.byRecord[r]
			i, _ := slices.BinarySearchFunc(list, h, leads.CompareHistory)
			x.byRecord[r] = slices.Insert(list, i, h)
		}
	}
}

// bulkHistory is the number of changes from which applyHistory rebuilds
// the lists of the records they touch rather than insert and delete one
// item at a time, which would copy a long list once per item (loading a
// store, deleting a record with a long history).
const bulkHistory = 64

func (x *Index) applyHistoryBulk(changes map[uuid.UUID]*leads.HistoryItem) {
	touched := map[uuid.UUID]bool{}
	for id, h := range changes {
		if old, ok := x.history[id]; ok {
			for _, r := range old.Records {
				touched[r] = true
			}
		}
		if h != nil {
			for _, r := range h.Records {
				touched[r] = true
			}
		}
	}
	for r := range touched {
		x.byRecord[r] = slices.DeleteFunc(x.byRecord[r], func(h *leads.HistoryItem) bool {
			_, changed := changes[h.ID]
			return changed
		})
	}
	for id, h := range changes {
		if h == nil {
			delete(x.history, id)
			continue
		}
		x.history[id] = h
		for k, r := range h.Records {
			if !slices.Contains(h.Records[:k], r) {
				x.byRecord[r] = append(x.byRecord[r], h)
			}
		}
	}
	for r := range touched {
		if list := x.byRecord[r]; len(list) == 0 {
			delete(x.byRecord, r)
		} else {
			slices.SortFunc(list, leads.CompareHistory)
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
	// The overlay's items may sort anywhere: without one, the walk stops
	// at the limit; with one, it collects the whole range and merges.
	limit := f.Limit
	if overlay != nil && len(overlay.History) > 0 {
		limit = 0
	}
	var out []*leads.HistoryItem
	x.mu.RLock()
	list := x.byRecord[record]
	i := 0
	if !f.To.IsZero() {
		// Skip the items at or after To: they come first.
		i = sort.Search(len(list), func(k int) bool { return list[k].At.Before(f.To) })
	}
	for ; i < len(list); i++ {
		h := list[i]
		if !f.From.IsZero() && h.At.Before(f.From) {
			break
		}
		if overlay != nil {
			if _, changed := overlay.History[h.ID]; changed {
				continue
			}
		}
		if f.Match(h) {
			out = append(out, h)
			if limit > 0 && len(out) == limit {
				break
			}
		}
	}
	x.mu.RUnlock()
	if overlay != nil && len(overlay.History) > 0 {
		for _, h := range overlay.History {
			if h != nil && h.LinkedTo(record) && f.Match(h) {
				out = append(out, h)
			}
		}
		slices.SortFunc(out, leads.CompareHistory)
		if f.Limit > 0 && len(out) > f.Limit {
			out = out[:f.Limit]
		}
	}
	return out, nil
}

// historyTx is the history repository inside a transaction.
type historyTx struct{ repo[leads.HistoryItem] }

func (r historyTx) ByRecord(ctx context.Context, record uuid.UUID, f leads.HistoryFilter) iter.Seq2[*leads.HistoryItem, error] {
	return listHistory(ctx, r.t.x, record, f, r.t.c)
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
		for _, h := range cloneHistory(found) {
			if !yield(h, nil) {
				return
			}
		}
	}
}

// cloneHistory copies items as HistoryItem.Clone does, but in two
// allocations for all the items and their records rather than two per
// item: a long history is listed several times faster so, mostly for the
// garbage collector's sake.
func cloneHistory(items []*leads.HistoryItem) []*leads.HistoryItem {
	n := 0
	for _, h := range items {
		n += len(h.Records)
	}
	copies := make([]leads.HistoryItem, len(items))
	records := make([]uuid.UUID, 0, n)
	out := make([]*leads.HistoryItem, len(items))
	for i, h := range items {
		c := &copies[i]
		*c = *h
		if h.Records != nil {
			start := len(records)
			records = append(records, h.Records...)
			c.Records = records[start:len(records):len(records)]
		}
		if h.Changes != nil {
			c.Changes = h.Clone().Changes
		}
		out[i] = c
	}
	return out
}
