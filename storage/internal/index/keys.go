package index

import (
	"context"
	"hash/maphash"
	"iter"
	"slices"

	"github.com/google/uuid"
	"github.com/leadkit/leads"
)

// Leads are indexed by match key (leads.MatchKeys) for
// LeadRepository.Lookup: the index maps the hash of a key to the IDs of
// the leads that have it, sorted. Most keys (an e-mail address, a merged ID)
// belong to one record, so a lookup costs a map access and the records
// found.
//
// The maps hold 64-bit hashes (maphash, with a seed of its own) rather
// than the keys. byKey holds the lowest ID of each key, and byKeyMore the
// others of the few keys that several records share: most keys have one
// record, and byKey, holding no pointers, costs 24 bytes a slot and
// nothing to the garbage collector's scans. At a million leads with two
// e-mail addresses each the index takes a fraction of the heap it took
// with string keys and a slice per key (BENCHMARKS.md). A lookup checks
// each record found with leads.HasMatchKey, so a collision of hashes costs
// a check, never a wrong record.
//
// The IDs of a key are kept sorted, so Lookup streams them in ID order. A
// key shared by many records (a company's e-mail domain) makes inserting
// or deleting a record in the middle of its list cost a copy of the list,
// 1.2 MB for 77,000 records: tens of microseconds, paid only when a record
// gains or loses that key, and new records (UUID v7) go at the end.
// Free-mail domains, which would make the longest lists, have no key.
//
// The index is built on the first lookup rather than on open, so that a
// store that never looks up pays nothing for it; from then on Apply keeps
// it in step with the leads.

// keyHash is the hash under which the index holds key.
func (x *Index) keyHash(key string) uint64 { return maphash.String(x.keySeed, key) }

// keyIDs returns the IDs of the key with hash h, in ID order, as the two
// parts the index keeps: the lowest and the rest.
func (x *Index) keyIDs(h uint64) (first uuid.UUID, more []uuid.UUID, ok bool) {
	first, ok = x.byKey[h]
	if !ok {
		return uuid.Nil, nil, false
	}
	return first, x.byKeyMore[h], true
}

// applyKeys updates the key index for the lead changes about to be
// applied. The caller holds x.mu and calls it before the leads themselves
// change.
//
// A write of more leads than the index holds (a bulk load into a new or
// small store) drops the index instead: building it again in one pass
// (buildKeys) costs about what updating it lead by lead would, without
// inserting IDs one by one into the sorted lists of shared keys (a
// million IDs in random order into a list of 10,000 cost a copy of the
// list each). The cost is not saved but moved to the next lookup, if
// any: a store written in bulk and never looked up pays nothing.
func (x *Index) applyKeys(changes map[uuid.UUID]*leads.Lead) {
	if x.byKey == nil {
		return
	}
	if len(changes) > len(x.leads) {
		x.byKey, x.byKeyMore = nil, nil
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
	first, more, ok := x.keyIDs(h)
	if !ok {
		x.byKey[h] = id
		return
	}
	switch c := compareID(id, first); {
	case c == 0:
	case c < 0:
		x.byKey[h] = id
		x.byKeyMore[h] = slices.Insert(more, 0, first)
	default:
		i, found := slices.BinarySearchFunc(more, id, compareID)
		if !found {
			x.byKeyMore[h] = slices.Insert(more, i, id)
		}
	}
}

func (x *Index) unindexKey(h uint64, id uuid.UUID) {
	first, more, ok := x.keyIDs(h)
	if !ok {
		return
	}
	if first == id {
		if len(more) == 0 {
			delete(x.byKey, h)
			return
		}
		x.byKey[h] = more[0]
		more = slices.Delete(more, 0, 1)
	} else {
		i, found := slices.BinarySearchFunc(more, id, compareID)
		if !found {
			return
		}
		more = slices.Delete(more, i, i+1)
	}
	if len(more) == 0 {
		delete(x.byKeyMore, h)
	} else {
		x.byKeyMore[h] = more
	}
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
	x.byKey = make(map[uint64]uuid.UUID, 2*len(x.leads))
	x.byKeyMore = map[uint64][]uuid.UUID{}
	// One buffer for the keys of every lead: no allocation per lead.
	var buf []byte
	var ends []int
	for id, l := range x.leads {
		buf, ends = leads.AppendMatchKeys(buf[:0], ends[:0], l)
		from := 0
		for _, end := range ends {
			h := maphash.Bytes(x.keySeed, buf[from:end]) // = x.keyHash of the key
			from = end
			if _, ok := x.byKey[h]; ok {
				x.byKeyMore[h] = append(x.byKeyMore[h], id)
			} else {
				x.byKey[h] = id
			}
		}
	}
	for h, more := range x.byKeyMore {
		all := append(more, x.byKey[h])
		slices.SortFunc(all, compareID)
		x.byKey[h] = all[0]
		x.byKeyMore[h] = slices.Clone(all[1:]) // without the slack of append
	}
}

// LookupLeads returns the leads that have key among their match keys, as
// stored and seen through overlay (which may be nil), in ID order and at
// most limit of them when limit > 0: do not change them.
func (x *Index) LookupLeads(key string, limit int, overlay *Changes) []*leads.Lead {
	x.rlockKeys()
	var found []*leads.Lead
	if first, more, ok := x.keyIDs(x.keyHash(key)); ok {
		for i := range 1 + len(more) {
			id := first
			if i > 0 {
				id = more[i-1]
			}
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
			if limit > 0 && len(found) == limit {
				// Enough even with a transaction's records merged in below:
				// the stored records not taken come after these in ID order.
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

// rlockKeys takes x.mu for reading, once the key index is built. A write
// between building it and taking the read lock may drop it again
// (applyKeys), hence the loop.
func (x *Index) rlockKeys() {
	x.mu.RLock()
	for x.byKey == nil {
		x.mu.RUnlock()
		x.mu.Lock()
		if x.byKey == nil {
			x.buildKeys()
		}
		x.mu.Unlock()
		x.mu.RLock()
	}
}

// FirstIDs returns, for each of keys, the lowest ID of a lead that has the
// key as seen through overlay (which may be nil), or uuid.Nil: one lock
// and no copy of a lead for a whole batch of keys (leads.KeyLookuper). An
// empty index answers without building the key index, so that the first
// import into a new store leaves it to be built once, after the import.
func (x *Index) FirstIDs(keys []string, overlay *Changes) []uuid.UUID {
	ids := make([]uuid.UUID, len(keys))
	if overlay != nil && len(overlay.Leads) > 0 {
		for i, k := range keys {
			if found := x.LookupLeads(k, 1, overlay); len(found) > 0 {
				ids[i] = found[0].ID
			}
		}
		return ids
	}
	x.mu.RLock()
	empty := len(x.leads) == 0
	x.mu.RUnlock()
	if empty {
		return ids
	}
	x.rlockKeys()
	defer x.mu.RUnlock()
	for i, k := range keys {
		first, more, ok := x.keyIDs(x.keyHash(k))
		if !ok {
			continue
		}
		for j := range 1 + len(more) {
			id := first
			if j > 0 {
				id = more[j-1]
			}
			if leads.HasMatchKey(x.leads[id], k) {
				ids[i] = id
				break
			}
		}
	}
	return ids
}

// LookupKeys implements leads.KeyLookuper.
func (t leadTx) LookupKeys(ctx context.Context, keys []string) ([]uuid.UUID, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	return t.x.FirstIDs(keys, t.c), nil
}

// leadsExist reports, for each of ids, whether a lead has it, as seen
// through overlay (which may be nil), under one lock.
func (x *Index) leadsExist(ids []uuid.UUID, overlay *Changes) []bool {
	found := make([]bool, len(ids))
	x.mu.RLock()
	defer x.mu.RUnlock()
	for i, id := range ids {
		if overlay != nil {
			if l, ok := overlay.Leads[id]; ok {
				found[i] = l != nil
				continue
			}
		}
		_, found[i] = x.leads[id]
	}
	return found
}

// LeadsExist implements leads.IDLookuper.
func (t leadTx) LeadsExist(ctx context.Context, ids []uuid.UUID) ([]bool, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	return t.x.leadsExist(ids, t.c), nil
}

// The transactions' lead repositories look up batches.
var (
	_ leads.KeyLookuper = leadTx{}
	_ leads.IDLookuper  = leadTx{}
)
