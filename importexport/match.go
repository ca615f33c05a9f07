package importexport

import (
	"context"
	"errors"
	"strings"

	"github.com/google/uuid"
	"github.com/leadkit/leads"
)

// Match is a record found to be a duplicate, with the reason.
type Match struct {
	ID uuid.UUID
	By string // "id", "email" or "name and company"
}

// Matcher finds the record an imported lead duplicates: the same ID (a
// JSON export imported again, or a record since merged into another),
// else a shared e-mail address (compared case-insensitively), else the
// same name at the same company, both normalized as duplicate detection
// does (leads.MatchKeys: case, accents, titles, "Last, First" order and
// the company's legal form ignored).
//
// It looks among the records added to it (the rows of the file so far)
// and, when made by NewStoreMatcher, among the stored records, through the
// store's index of match keys (LeadRepository.Lookup): an import never
// loads every stored record. A stored record wins over a row for the same
// key, and the first row added under a key keeps it. Only the exact keys
// decide; Book.Duplicates gives the weaker candidates (a shared phone
// number or company domain) to a person who can judge them.
type Matcher struct {
	ids    map[uuid.UUID]bool
	keys   map[string]uuid.UUID // e-mail and name keys of the rows added
	stored leads.LeadRepository
}

// NewMatcher returns a Matcher that finds only the records added to it.
func NewMatcher() *Matcher {
	return &Matcher{ids: map[uuid.UUID]bool{}, keys: map[string]uuid.UUID{}}
}

// NewStoreMatcher returns a Matcher that also finds the records of r,
// looking each key up as rows are matched.
func NewStoreMatcher(r leads.LeadRepository) *Matcher {
	m := NewMatcher()
	m.stored = r
	return m
}

// Add makes l findable. The first record added under a key keeps it.
func (m *Matcher) Add(l *leads.Lead) { m.add(l.ID, keysOf(l)) }

// rowKeys are the e-mail and name keys of a lead, computed once per row
// for both Find and Add.
type rowKeys []string

// keysOf returns the keys under which l is matched: its e-mail keys, then
// its name key.
func keysOf(l *leads.Lead) rowKeys {
	keys := make(rowKeys, 0, len(l.Emails)+1)
	for _, e := range l.Emails {
		if k := leads.EmailMatchKey(e.Address); k != "" {
			keys = append(keys, k)
		}
	}
	if k := leads.LeadNameMatchKey(l); k != "" {
		keys = append(keys, k)
	}
	return keys
}

func (m *Matcher) add(id uuid.UUID, keys rowKeys) {
	m.ids[id] = true
	for _, k := range keys {
		if _, ok := m.keys[k]; !ok {
			m.keys[k] = id
		}
	}
}

// FindID returns the record that has the ID id, or into which the record
// that had it was merged. Call it for IDs read from a file: a new ID
// cannot match, and looking it up in the store would cost a query.
func (m *Matcher) FindID(ctx context.Context, id uuid.UUID) (Match, bool, error) {
	if id == uuid.Nil {
		return Match{}, false, nil
	}
	if m.ids[id] {
		return Match{ID: id, By: "id"}, true, nil
	}
	if m.stored == nil {
		return Match{}, false, nil
	}
	if _, err := m.stored.Get(ctx, id); err == nil {
		return Match{ID: id, By: "id"}, true, nil
	} else if !isNotFound(err) {
		return Match{}, false, err
	}
	return m.lookup(ctx, leads.MergedKey(id), "id")
}

// Find returns the record l duplicates by e-mail address or by name and
// company, if any.
func (m *Matcher) Find(ctx context.Context, l *leads.Lead) (Match, bool, error) {
	return m.find(ctx, keysOf(l))
}

func (m *Matcher) find(ctx context.Context, keys rowKeys) (Match, bool, error) {
	for _, k := range keys {
		by := "email"
		if strings.HasPrefix(k, "n:") {
			by = "name and company"
		}
		if m.stored != nil {
			if match, ok, err := m.lookup(ctx, k, by); ok || err != nil {
				return match, ok, err
			}
		}
		if id, ok := m.keys[k]; ok {
			return Match{ID: id, By: by}, true, nil
		}
	}
	return Match{}, false, nil
}

// lookup returns the stored record with the lowest ID that has key k.
func (m *Matcher) lookup(ctx context.Context, k, by string) (Match, bool, error) {
	for l, err := range m.stored.Lookup(ctx, k, 1) {
		if err != nil {
			return Match{}, false, err
		}
		return Match{ID: l.ID, By: by}, true, nil
	}
	return Match{}, false, nil
}

func isNotFound(err error) bool { return errors.Is(err, leads.ErrNotFound) }

// EmailKey is the form in which e-mail addresses are compared: trimmed and
// lower-cased.
func EmailKey(addr string) string { return strings.ToLower(strings.TrimSpace(addr)) }

// NameKey is the form in which a full name and a company are compared, as
// duplicate detection compares them (leads.NameMatchKey): "Dr. Ada
// Lovelace" at "Engines, Ltd." and "lovelace, ada" at "engines" match. ""
// when the name is empty.
func NameKey(fullName, company string) string {
	return leads.NameMatchKey(fullName, "", "", company)
}
