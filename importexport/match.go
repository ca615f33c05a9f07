package importexport

import (
	"context"
	"errors"
	"hash/maphash"
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
// the company's legal form ignored). Two records without a company count
// as at the same company, so that a file of private persons imported
// twice is matched row by row; Book.Duplicates, which judges weaker
// evidence for a person to confirm, weighs a name alone less.
//
// It looks among the records added to it (the rows of the file so far)
// and, when made by NewStoreMatcher, among the stored records, through the
// store's index of match keys (leads.LookupKeys, a batch of rows' keys at
// a time on an import): an import never loads every stored record. A
// stored record wins over a row for the same key, and the first row added
// under a key keeps it. Only the exact keys decide; Book.Duplicates gives
// the weaker candidates (a shared phone number or company domain) to a
// person who can judge them.
//
// The keys of the rows added are held by a 64-bit hash, their text in one
// growing buffer: a million rows cost two maps without pointers, which
// the garbage collector does not scan, rather than two million strings.
// A hit is checked against the text, so two keys with one hash never
// match each other.
type Matcher struct {
	ids   map[uuid.UUID]bool
	seed  maphash.Seed
	keys  map[uint64]addedKey  // by hash of the key: the first row added under it
	text  [][]byte             // the text of the keys in keys, in blocks of keyBlock bytes
	clash map[string]uuid.UUID // keys whose hash another key took first, or too long for a block
	// stored, when set, is looked up for the keys of each row. The
	// import does it as it reads rows ahead, in a goroutine of its own:
	// stored and seed are not changed after NewStoreMatcher.
	stored leads.LeadRepository
}

// keyBlock is the size of the blocks that hold the text of the keys added:
// the text of a million rows' keys grows block by block, never copied.
const keyBlock = 64 << 10

// addedKey is a key of a row added: text[block][at:at+n] and the row's
// ID.
type addedKey struct {
	id    uuid.UUID
	block uint32
	at, n uint16
}

// NewMatcher returns a Matcher that finds only the records added to it.
func NewMatcher() *Matcher {
	return &Matcher{ids: map[uuid.UUID]bool{}, seed: maphash.MakeSeed(), keys: map[uint64]addedKey{}}
}

// NewStoreMatcher returns a Matcher that also finds the records of r,
// looking keys up in r's index (leads.LookupKeys; an import looks up a
// batch of rows at a time).
func NewStoreMatcher(r leads.LeadRepository) *Matcher {
	m := NewMatcher()
	m.stored = r
	return m
}

// Add makes l findable. The first record added under a key keeps it.
func (m *Matcher) Add(l *leads.Lead) {
	m.ids[l.ID] = true
	keys := keysOf(l)
	m.addKeys(l.ID, keys, m.hashes(keys, nil))
}

// hashes appends the hashes of keys to hs.
func (m *Matcher) hashes(keys []string, hs []uint64) []uint64 {
	for _, k := range keys {
		hs = append(hs, maphash.String(m.seed, k))
	}
	return hs
}

// keysOf returns the keys under which l is matched: its e-mail keys, then
// its name key.
func keysOf(l *leads.Lead) []string {
	buf, ends := appendRowKeys(nil, nil, l)
	return splitKeys(string(buf), ends, nil)
}

// appendRowKeys appends the keys of l (see keysOf) to buf, one after the
// other, and the end of each to ends.
func appendRowKeys(buf []byte, ends []int, l *leads.Lead) ([]byte, []int) {
	for _, e := range l.Emails {
		n := len(buf)
		if buf = leads.AppendEmailMatchKey(buf, e.Address); len(buf) > n {
			ends = append(ends, len(buf))
		}
	}
	n := len(buf)
	if buf = leads.AppendLeadNameMatchKey(buf, l); len(buf) > n {
		ends = append(ends, len(buf))
	}
	return buf, ends
}

// splitKeys appends to keys the keys that all holds one after the other,
// each ending at one of ends.
func splitKeys(all string, ends []int, keys []string) []string {
	from := 0
	for _, e := range ends {
		keys = append(keys, all[from:e])
		from = e
	}
	return keys
}

// addKeys makes the row with ID id findable by keys, whose hashes are hs.
func (m *Matcher) addKeys(id uuid.UUID, keys []string, hs []uint64) {
	for i, k := range keys {
		a, ok := m.keys[hs[i]]
		switch {
		case !ok && len(k) < keyBlock:
			m.keys[hs[i]] = m.keep(id, k)
		case !ok || string(m.keyText(a)) != k:
			if m.clash == nil {
				m.clash = map[string]uuid.UUID{}
			}
			if _, ok := m.clash[k]; !ok {
				m.clash[k] = id
			}
		}
	}
}

// keep copies the text of k into the blocks.
func (m *Matcher) keep(id uuid.UUID, k string) addedKey {
	if len(m.text) == 0 || len(m.text[len(m.text)-1])+len(k) > keyBlock {
		m.text = append(m.text, make([]byte, 0, keyBlock))
	}
	b := len(m.text) - 1
	a := addedKey{id: id, block: uint32(b), at: uint16(len(m.text[b])), n: uint16(len(k))}
	m.text[b] = append(m.text[b], k...)
	return a
}

func (m *Matcher) keyText(a addedKey) []byte {
	return m.text[a.block][a.at : int(a.at)+int(a.n)]
}

// findKey returns the first row added under key k, whose hash is h.
func (m *Matcher) findKey(k string, h uint64) (uuid.UUID, bool) {
	if a, ok := m.keys[h]; ok && string(m.keyText(a)) == k {
		return a.id, true
	}
	if m.clash == nil {
		return uuid.Nil, false
	}
	id, ok := m.clash[k]
	return id, ok
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
	return m.findStoredID(ctx, id)
}

// findStoredID returns the stored record that has the ID id or into which
// the record that had it was merged.
func (m *Matcher) findStoredID(ctx context.Context, id uuid.UUID) (Match, bool, error) {
	if m.stored == nil || id == uuid.Nil {
		return Match{}, false, nil
	}
	if _, err := m.stored.Get(ctx, id); err == nil {
		return Match{ID: id, By: "id"}, true, nil
	} else if !isNotFound(err) {
		return Match{}, false, err
	}
	for l, err := range m.stored.Lookup(ctx, leads.MergedKey(id), 1) {
		if err != nil {
			return Match{}, false, err
		}
		return Match{ID: l.ID, By: "id"}, true, nil
	}
	return Match{}, false, nil
}

// Find returns the record l duplicates by e-mail address or by name and
// company, if any.
func (m *Matcher) Find(ctx context.Context, l *leads.Lead) (Match, bool, error) {
	keys := keysOf(l)
	stored, err := m.lookupStored(ctx, keys)
	if err != nil {
		return Match{}, false, err
	}
	match, ok := m.find(keys, m.hashes(keys, nil), stored)
	return match, ok, nil
}

// lookupStored returns for each of keys the stored record with the lowest
// ID that has it, or uuid.Nil; nil when the Matcher has no store.
func (m *Matcher) lookupStored(ctx context.Context, keys []string) ([]uuid.UUID, error) {
	if m.stored == nil || len(keys) == 0 {
		return nil, nil
	}
	return leads.LookupKeys(ctx, m.stored, keys)
}

// find returns the record that a row with keys (whose hashes are hs)
// duplicates, given the stored records found for its keys (nil when none
// were looked up): for each key in turn, a stored record, else a row
// added.
func (m *Matcher) find(keys []string, hs []uint64, stored []uuid.UUID) (Match, bool) {
	for i, k := range keys {
		by := "email"
		if strings.HasPrefix(k, "n:") {
			by = "name and company"
		}
		if stored != nil && stored[i] != uuid.Nil {
			return Match{ID: stored[i], By: by}, true
		}
		if id, ok := m.findKey(k, hs[i]); ok {
			return Match{ID: id, By: by}, true
		}
	}
	return Match{}, false
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
