package memory

import (
	"context"
	"hash/maphash"
	"iter"
	"slices"

	"github.com/google/uuid"
	"github.com/leadkit/leads"
)

// Leads are indexed by match key (leads.MatchKeys) for
// LeadRepository.Lookup: byKey maps the hash of a key to the IDs of the
// leads that have it, sorted. Most keys (an e-mail address, a merged ID)
// belong to one record, so a lookup costs a map access and the records
// found.
//
// The map holds 64-bit hashes (maphash, with a seed of its own) rather than
// the keys, and a key's first ID in place rather than in a slice of its
// own: at a million leads with two e-mail addresses each this keeps the
// index near 100 MB of heap instead of over 400 (BENCHMARKS.md), and gives
// the garbage collector few objects to scan. A lookup checks each record
// found with leads.HasMatchKey, so a collision of hashes can cost a check,
// never a wrong record.
//
// The IDs of a key are kept sorted, so Lookup streams them in ID order. A
// key shared by many records (a company's e-mail domain) makes inserting
// or deleting a record in the middle of its list cost a copy of the list,
// 1.2 MB for 77,000 records: tens of microseconds, paid only when a record
// gains or loses that key, and new records (UUID v7) are appended at the
// end. Free-mail domains, which would be the largest lists, have no key.
//
// The index is built on the first lookup rather than on open, so that a
// store that never looks up pays nothing for it; from then on Apply keeps
// it in step with the leads.

// keyIDs are the IDs that have one key: first, and the others in more,
// all in ID order.
type keyIDs struct {
	first uuid.UUID
	more  []uuid.UUID
}

func (k *keyIDs) len() int { return 1 + len(k.more) }

func (k *keyIDs) at(i int) uuid.UUID {
	if i == 0 {
		return k.first
	}
	return k.more[i-1]
}

// keyHash is the hash under which byKey holds key.
func (x *Index) keyHash(key string) uint64 { return maphash.String(x.keySeed, key) }

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
				x.unindexKey(x.keyHash(k), id)
			}
		}
		for _, k := range newKeys {
			if !slices.Contains(oldKeys, k) {
				x.indexKey(x.keyHash(k), id)
			}
		}
	}
}

func (x *Index) indexKey(h uint64, id uuid.UUID) {
	ids, ok := x.byKey[h]
	if !ok {
		x.byKey[h] = keyIDs{first: id}
		return
	}
	switch c := compareID(id, ids.first); {
	case c == 0:
		return
	case c < 0:
		ids.more = slices.Insert(ids.more, 0, ids.first)
		ids.first = id
	default:
		i, found := slices.BinarySearchFunc(ids.more, id, compareID)
		if found {
			return
		}
		ids.more = slices.Insert(ids.more, i, id)
	}
	x.byKey[h] = ids
}

func (x *Index) unindexKey(h uint64, id uuid.UUID) {
	ids, ok := x.byKey[h]
	if !ok {
		return
	}
	if ids.first == id {
		if len(ids.more) == 0 {
			delete(x.byKey, h)
			return
		}
		ids.first = ids.more[0]
		ids.more = slices.Delete(ids.more, 0, 1)
	} else {
		i, found := slices.BinarySearchFunc(ids.more, id, compareID)
		if !found {
			return
		}
		ids.more = slices.Delete(ids.more, i, i+1)
	}
	if len(ids.more) == 0 {
		ids.more = nil
	}
	x.byKey[h] = ids
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
	x.keySeed = maphash.MakeSeed()
	x.byKey = make(map[uint64]keyIDs, len(x.leads))
	for id, l := range x.leads {
		for _, k := range leads.MatchKeys(l) {
			h := x.keyHash(k)
			if ids, ok := x.byKey[h]; ok {
				ids.more = append(ids.more, id)
				x.byKey[h] = ids
			} else {
				x.byKey[h] = keyIDs{first: id}
			}
		}
	}
	for h, ids := range x.byKey {
		if len(ids.more) == 0 {
			continue
		}
		all := append(ids.more, ids.first)
		slices.SortFunc(all, compareID)
		x.byKey[h] = keyIDs{first: all[0], more: slices.Clip(all[1:])}
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
	if ids, ok := x.byKey[x.keyHash(key)]; ok {
		for i := range ids.len() {
			id := ids.at(i)
			if overlay != nil {
				if _, ok := overlay.Leads[id]; ok {
					continue // seen below, as the transaction left it
				}
			}
			l := x.leads[id]
			if !leads.HasMatchKey(l, key) {
				continue // another key with the same hash
			}
			found = append(found, l)
			if limit > 0 && len(found) == limit && overlay == nil {
				break
			}
		}
	}
	x.mu.RUnlock()
	if overlay != nil && len(overlay.Leads) > 0 {
		for _, l := range overlay.Leads {
			if l != nil && leads.HasMatchKey(l, key) {
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
