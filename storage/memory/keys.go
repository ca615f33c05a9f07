package memory

import (
	"context"
	"iter"
	"slices"

	"github.com/google/uuid"
	"github.com/leadkit/leads"
)

// Leads are indexed by match key (leads.MatchKeys) for
// LeadRepository.Lookup: byKey maps a key to the IDs of the leads that
// have it, sorted. Most keys (an e-mail address, a merged ID) belong to one
// record, so a lookup costs a map access and the records found.
//
// The index is built on the first lookup rather than on open, so that a
// store that never looks up pays nothing for it; from then on Apply keeps
// it in step with the leads.

// applyKeys updates byKey for the lead changes about to be applied. The
// caller holds x.mu and calls it before the leads themselves change.
func (x *Index) applyKeys(changes map[uuid.UUID]*leads.Lead) {
	if x.byKey == nil {
		return
	}
	for id, l := range changes {
		var oldKeys, newKeys []string
		if old, ok := x.leads[id]; ok {
			oldKeys = leads.MatchKeys(old)
		}
		if l != nil {
			newKeys = leads.MatchKeys(l)
		}
		for _, k := range oldKeys {
			if !slices.Contains(newKeys, k) {
				x.unindexKey(k, id)
			}
		}
		for _, k := range newKeys {
			if !slices.Contains(oldKeys, k) {
				x.indexKey(k, id)
			}
		}
	}
}

func (x *Index) indexKey(k string, id uuid.UUID) {
	ids := x.byKey[k]
	i, found := slices.BinarySearchFunc(ids, id, compareID)
	if !found {
		x.byKey[k] = slices.Insert(ids, i, id)
	}
}

func (x *Index) unindexKey(k string, id uuid.UUID) {
	ids := x.byKey[k]
	i, found := slices.BinarySearchFunc(ids, id, compareID)
	if !found {
		return
	}
	if len(ids) == 1 {
		delete(x.byKey, k)
		return
	}
	x.byKey[k] = slices.Delete(ids, i, i+1)
}

func compareID(a, b uuid.UUID) int {
	for i := range a {
		if a[i] != b[i] {
			return int(a[i]) - int(b[i])
		}
	}
	return 0
}

// buildKeys indexes every lead. The caller holds x.mu for writing.
func (x *Index) buildKeys() {
	x.byKey = make(map[string][]uuid.UUID, len(x.leads))
	for id, l := range x.leads {
		for _, k := range leads.MatchKeys(l) {
			x.byKey[k] = append(x.byKey[k], id)
		}
	}
	for _, ids := range x.byKey {
		if len(ids) > 1 {
			slices.SortFunc(ids, compareID)
		}
	}
}

// LookupLeads returns the leads that have key among their match keys, as
// stored and seen through overlay (which may be nil), in ID order and at
// most limit of them when limit > 0: do not change them.
func (x *Index) LookupLeads(key string, limit int, overlay *Changes) []*leads.Lead {
	x.mu.RLock()
	if x.byKey == nil {
		x.mu.RUnlock()
		x.mu.Lock()
		if x.byKey == nil {
			x.buildKeys()
		}
		x.mu.Unlock()
		x.mu.RLock()
	}
	var found []*leads.Lead
	for _, id := range x.byKey[key] {
		if overlay != nil {
			if _, ok := overlay.Leads[id]; ok {
				continue // seen below, as the transaction left it
			}
		}
		found = append(found, x.leads[id])
		if limit > 0 && len(found) == limit && overlay == nil {
			break
		}
	}
	x.mu.RUnlock()
	if overlay != nil && len(overlay.Leads) > 0 {
		for _, l := range overlay.Leads {
			if l != nil && slices.Contains(leads.MatchKeys(l), key) {
				found = append(found, l)
			}
		}
		slices.SortFunc(found, func(a, b *leads.Lead) int { return compareID(a.ID, b.ID) })
	}
	if limit > 0 && len(found) > limit {
		found = found[:limit]
	}
	return found
}

// lookupLeads streams copies of the leads that have key.
func lookupLeads(ctx context.Context, x *Index, key string, limit int, c *Changes) iter.Seq2[*leads.Lead, error] {
	return func(yield func(*leads.Lead, error) bool) {
		if err := ctx.Err(); err != nil {
			yield(nil, err)
			return
		}
		for _, l := range x.LookupLeads(key, limit, c) {
			if !yield(l.Clone(), nil) {
				return
			}
		}
	}
}

func (t leadTx) Lookup(ctx context.Context, key string, limit int) iter.Seq2[*leads.Lead, error] {
	return lookupLeads(ctx, t.x, key, limit, t.c)
}
