// Package index holds records in memory and answers queries over them:
// the query engine that storage/memory and storage/file share. An Index
// holds the committed records; a Changes holds the writes of one
// transaction, seen through Index.Tx and applied at commit with
// Index.Apply.
package index

import (
	"hash/maphash"
	"sync"

	"github.com/google/uuid"
	"github.com/leadkit/leads"
)

// Index holds records in memory and answers queries over them. It is the
// query engine of storage/memory and of storage/file, which loads its
// records into an Index on open.
//
// An Index owns the records it holds: callers must not change a record
// after putting it in, nor one it hands out; clone first. It is safe for
// concurrent use.
type Index struct {
	mu       sync.RWMutex
	leads    map[uuid.UUID]*leads.Lead
	accounts map[uuid.UUID]*leads.Account
	criteria map[uuid.UUID]*leads.Criterion
	users    map[uuid.UUID]*leads.User

	// conversion
	fieldDefs     map[uuid.UUID]*leads.FieldDefinition
	opportunities map[uuid.UUID]*leads.Opportunity

	// history
	history map[uuid.UUID]*leads.HistoryItem
	// byRecord indexes history by linked record, newest first (history.go).
	byRecord map[uuid.UUID][]*leads.HistoryItem

	// reports
	reports map[uuid.UUID]*leads.Report

	// byKey and byKeyMore index leads by the hash of their match keys
	// (keys.go); nil until first used.
	byKey     map[uint64]uuid.UUID
	byKeyMore map[uint64][]uuid.UUID
	keySeed   maphash.Seed
}

// New returns an empty Index: no records, and no criteria either (a
// new store installs leads.DefaultCriteria itself).
func New() *Index {
	return &Index{leads: map[uuid.UUID]*leads.Lead{}, accounts: map[uuid.UUID]*leads.Account{},
		users:    map[uuid.UUID]*leads.User{},
		criteria: map[uuid.UUID]*leads.Criterion{}, fieldDefs: map[uuid.UUID]*leads.FieldDefinition{},
		opportunities: map[uuid.UUID]*leads.Opportunity{}, history: map[uuid.UUID]*leads.HistoryItem{},
		byRecord: map[uuid.UUID][]*leads.HistoryItem{}, reports: map[uuid.UUID]*leads.Report{}}
}

// NewFrom returns an Index that holds the records of c, taking over
// its map of leads rather than copying it: loading a large store costs no
// second copy of the largest map. The other kinds are applied as usual. c
// must hold no deletions (nil values) and must not be used again.
func NewFrom(c *Changes) *Index {
	x := New()
	if c.Leads != nil {
		x.leads = c.Leads
	}
	rest := *c
	rest.Leads = nil
	x.Apply(&rest)
	return x
}

// Changes is a set of writes to apply to an Index at once. A nil value
// deletes the record with that ID.
type Changes struct {
	Leads    map[uuid.UUID]*leads.Lead
	Accounts map[uuid.UUID]*leads.Account
	Criteria map[uuid.UUID]*leads.Criterion
	Users    map[uuid.UUID]*leads.User

	// conversion
	FieldDefinitions map[uuid.UUID]*leads.FieldDefinition
	Opportunities    map[uuid.UUID]*leads.Opportunity

	// history
	History map[uuid.UUID]*leads.HistoryItem

	// reports
	Reports map[uuid.UUID]*leads.Report
}

// NewChanges returns an empty, ready to fill Changes.
func NewChanges() *Changes {
	return &Changes{Leads: map[uuid.UUID]*leads.Lead{}, Accounts: map[uuid.UUID]*leads.Account{},
		Users:    map[uuid.UUID]*leads.User{},
		Criteria: map[uuid.UUID]*leads.Criterion{}, FieldDefinitions: map[uuid.UUID]*leads.FieldDefinition{},
		Opportunities: map[uuid.UUID]*leads.Opportunity{}, History: map[uuid.UUID]*leads.HistoryItem{},
		Reports: map[uuid.UUID]*leads.Report{}}
}

// Empty reports whether c changes nothing.
func (c *Changes) Empty() bool {
	return len(c.Leads) == 0 && len(c.Accounts) == 0 && len(c.Criteria) == 0 && len(c.Users) == 0 &&
		len(c.FieldDefinitions) == 0 && len(c.Opportunities) == 0 && len(c.History) == 0 &&
		len(c.Reports) == 0
}

// Apply makes every change of c at once: readers see all of them or none.
// It may keep c's maps: c must not be used afterwards.
func (x *Index) Apply(c *Changes) {
	x.mu.Lock()
	defer x.mu.Unlock()
	x.applyKeys(c.Leads)
	if len(x.leads) == 0 && len(c.Leads) > 0 && !hasNil(c.Leads) {
		// The first import into an empty store: its map of changes
		// becomes the index's, rather than being copied entry by entry.
		x.leads, c.Leads = c.Leads, nil
	} else {
		applyTo(x.leads, c.Leads)
	}
	applyTo(x.accounts, c.Accounts)
	applyTo(x.criteria, c.Criteria)
	applyTo(x.users, c.Users)
	applyTo(x.fieldDefs, c.FieldDefinitions)
	applyTo(x.opportunities, c.Opportunities)
	x.applyHistory(c.History)
	applyTo(x.reports, c.Reports)
}

func hasNil[T any](m map[uuid.UUID]*T) bool {
	for _, v := range m {
		if v == nil {
			return true
		}
	}
	return false
}

func applyTo[T any](m map[uuid.UUID]*T, changes map[uuid.UUID]*T) {
	for id, v := range changes {
		if v == nil {
			delete(m, id)
		} else {
			m[id] = v
		}
	}
}

// Lead returns the lead with the given ID as stored, seen through overlay
// (which may be nil): do not change it.
func (x *Index) Lead(id uuid.UUID, overlay *Changes) (*leads.Lead, bool) {
	if overlay != nil {
		if l, ok := overlay.Leads[id]; ok {
			return l, l != nil
		}
	}
	x.mu.RLock()
	defer x.mu.RUnlock()
	l, ok := x.leads[id]
	return l, ok
}

// Account returns the account with the given ID as stored, seen through
// overlay (which may be nil): do not change it.
func (x *Index) Account(id uuid.UUID, overlay *Changes) (*leads.Account, bool) {
	return lookup(x, accountKind, id, overlay)
}

// Criterion returns the criterion with the given ID as stored, seen through
// overlay (which may be nil): do not change it.
func (x *Index) Criterion(id uuid.UUID, overlay *Changes) (*leads.Criterion, bool) {
	return lookup(x, criterionKind, id, overlay)
}

// Len returns the number of leads.
func (x *Index) Len() int {
	x.mu.RLock()
	defer x.mu.RUnlock()
	return len(x.leads)
}

// SelectLeads answers q over the leads seen through overlay (which may be
// nil). The leads returned are the stored ones: do not change them.
func (x *Index) SelectLeads(q leads.Query, overlay *Changes) ([]*leads.Lead, error) {
	q = x.typed(q, overlay)
	x.mu.RLock()
	defer x.mu.RUnlock()
	return leads.Select(q, func(yield func(*leads.Lead) bool) {
		for id, l := range x.leads {
			if overlay != nil {
				if _, changed := overlay.Leads[id]; changed {
					continue
				}
			}
			if !yield(l) {
				return
			}
		}
		if overlay != nil {
			for _, l := range overlay.Leads {
				if l != nil && !yield(l) {
					return
				}
			}
		}
	})
}

// CountLeads counts the leads that q's types and condition select; its
// sort, cursor and paging do not matter.
func (x *Index) CountLeads(q leads.Query, overlay *Changes) (int, error) {
	if err := q.Validate(); err != nil {
		return 0, err
	}
	q.Sort, q.After, q.Offset, q.Limit = nil, "", 0, 0
	p, err := x.typed(q, overlay).Plan()
	if err != nil {
		return 0, err
	}
	x.mu.RLock()
	defer x.mu.RUnlock()
	n := 0
	for id, l := range x.leads {
		if overlay != nil {
			if _, changed := overlay.Leads[id]; changed {
				continue
			}
		}
		if p.Match(l) {
			n++
		}
	}
	if overlay != nil {
		for _, l := range overlay.Leads {
			if l != nil && p.Match(l) {
				n++
			}
		}
	}
	return n, nil
}

// Accounts returns every account seen through overlay, ordered by name
// and ID. The accounts returned are the stored ones: do not change them.
func (x *Index) Accounts(overlay *Changes) []*leads.Account {
	return all(x, accountKind, overlay)
}

// Criteria returns every criterion seen through overlay, ordered by ID. The
// criteria returned are the stored ones: do not change them.
func (x *Index) Criteria(overlay *Changes) []*leads.Criterion {
	return all(x, criterionKind, overlay)
}

// Users returns every user seen through overlay, ordered by name (ignoring
// case) and ID. The users returned are the stored ones: do not change them.
func (x *Index) Users(overlay *Changes) []*leads.User {
	return all(x, userKind, overlay)
}

// FieldDefinitions returns every definition of a user-defined field seen
// through overlay, ordered by ID. Do not change them.
func (x *Index) FieldDefinitions(overlay *Changes) []*leads.FieldDefinition {
	return all(x, fieldDefKind, overlay)
}

// Opportunities returns every opportunity seen through overlay, ordered by
// ID. Do not change them.
func (x *Index) Opportunities(overlay *Changes) []*leads.Opportunity {
	return all(x, opportunityKind, overlay)
}

// Reports returns every saved report seen through overlay, ordered by name
// and ID. The reports returned are the stored ones: do not change them.
func (x *Index) Reports(overlay *Changes) []*leads.Report {
	return all(x, reportKind, overlay)
}

// typed returns q with the types of the custom fields it names, from the
// field definitions seen through overlay (leads.Query.WithCustomTypes):
// a number field then compares as a number, in every store that answers
// queries with this index.
func (x *Index) typed(q leads.Query, overlay *Changes) leads.Query {
	if !q.NeedsCustomTypes() {
		return q
	}
	defs := x.FieldDefinitions(overlay)
	all := make([]leads.FieldDefinition, len(defs))
	for i, d := range defs {
		all[i] = *d
	}
	return q.WithCustomTypes(all)
}
