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

// Matcher finds the record an imported lead duplicates, and the records
// it may duplicate. Two records are the same person when they have the
// same ID (a JSON export imported again, or a record since merged into
// another) or share an e-mail address (by leads.EmailMatchKey: case and
// surrounding spaces ignored, a Punycode domain read in Unicode). The
// same name at the same company, both normalized as duplicate detection
// normalizes them (leads.MatchKeys: case, accents, titles, "Last, First"
// order and the company's legal form ignored), makes them only possibly
// one person, and only when no e-mail address tells them apart: when both
// have addresses and share none, they are namesakes, two people (a large
// company has several John Smiths). An address on one side only tells
// nothing apart. Two records without a company count as at the same
// company. Book.Duplicates, which also weighs phone numbers and company
// domains, gives a person every candidate to judge.
//
// It looks among the records added to it (the rows of the file so far)
// and, when made by NewStoreMatcher, among the stored records, through the
// store's index of match keys (leads.LookupKeys, a batch of rows' keys at
// a time on an import): an import never loads every stored record. A
// stored record wins over a row for the same key, and the first row added
// under a key keeps it.
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
	// noEmail holds, for a name key whose first row has an e-mail address,
	// the first row added under it without one: the row a later row with
	// an address may duplicate (rare: namesakes, one without an address).
	noEmail map[uint64]uuid.UUID
	// stored, when set, is looked up for the keys of each row. The
	// import does it as it reads rows ahead, in a goroutine of its own:
	// stored and seed are not changed after NewStoreMatcher.
	stored leads.LeadRepository
}

// keyBlock is the size of the blocks that hold the text of the keys added:
// the text of a million rows' keys grows block by block, never copied.
const keyBlock = 64 << 10

// addedKey is a key of a row added: text[block&blockMask][at:at+n] and the
// row's ID. The top bits of block tell, for a name key, whether its first
// row had an e-mail address and whether any row added under it had none:
// what findPossible needs, kept in the entry's padding-free 24 bytes.
type addedKey struct {
	id    uuid.UUID
	block uint32
	at, n uint16
}

const (
	firstHasEmail    = 1 << 31 // the first row under the (name) key has an e-mail address
	someHasNoEmail   = 1 << 30 // a row without an e-mail address was added under the key
	blockMask        = 1<<30 - 1
	nameKeyPrefix    = "n:"
	emailKeyPrefix   = "e:"
	byEmail          = "email"
	byNameAndCompany = "name and company"
)

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
// A row whose first key is not an e-mail key has no address.
func (m *Matcher) addKeys(id uuid.UUID, keys []string, hs []uint64) {
	hasEmail := len(keys) > 0 && strings.HasPrefix(keys[0], emailKeyPrefix)
	for i, k := range keys {
		h := hs[i]
		a, ok := m.keys[h]
		switch {
		case !ok && len(k) < keyBlock:
			a = m.keep(id, k)
			if strings.HasPrefix(k, nameKeyPrefix) {
				if hasEmail {
					a.block |= firstHasEmail
				} else {
					a.block |= someHasNoEmail
				}
			}
			m.keys[h] = a
		case !ok || string(m.keyText(a)) != k:
			if m.clash == nil {
				m.clash = map[string]uuid.UUID{}
			}
			if _, ok := m.clash[k]; !ok {
				m.clash[k] = id
			}
		case !hasEmail && a.block&someHasNoEmail == 0 && strings.HasPrefix(k, nameKeyPrefix):
			// The first row without an address under a name whose first
			// row has one.
			a.block |= someHasNoEmail
			m.keys[h] = a
			if m.noEmail == nil {
				m.noEmail = map[uint64]uuid.UUID{}
			}
			m.noEmail[h] = id
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
	return m.text[a.block&blockMask][a.at : int(a.at)+int(a.n)]
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

// Find returns the record that is the same person as l: one with an
// e-mail address of l. See FindPossible for the same name at the same
// company.
func (m *Matcher) Find(ctx context.Context, l *leads.Lead) (Match, bool, error) {
	keys := keysOf(l)
	stored, err := m.lookupStored(ctx, keys)
	if err != nil {
		return Match{}, false, err
	}
	match, ok := m.find(keys, m.hashes(keys, nil), stored)
	return match, ok, nil
}

// FindPossible returns a record that may be the same person as l, which
// Find did not match: the same name at the same company, and no e-mail
// address to tell the two apart (see Matcher). Match.By is "name and
// company".
func (m *Matcher) FindPossible(ctx context.Context, l *leads.Lead) (Match, bool, error) {
	keys := keysOf(l)
	stored, err := m.lookupStored(ctx, keys)
	if err != nil {
		return Match{}, false, err
	}
	like, err := m.storedLike(ctx, keys, stored)
	if err != nil {
		return Match{}, false, err
	}
	match, ok := m.findPossible(keys, m.hashes(keys, nil), like)
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
// duplicates by e-mail address, given the stored records found for its
// keys (nil when none were looked up): for each e-mail key in turn, a
// stored record, else a row added. The name key (the last) is left to
// findPossible.
func (m *Matcher) find(keys []string, hs []uint64, stored []uuid.UUID) (Match, bool) {
	for i, k := range keys {
		if strings.HasPrefix(k, nameKeyPrefix) {
			break
		}
		if stored != nil && stored[i] != uuid.Nil {
			return Match{ID: stored[i], By: byEmail}, true
		}
		if id, ok := m.findKey(k, hs[i]); ok {
			return Match{ID: id, By: byEmail}, true
		}
	}
	return Match{}, false
}

// storedLike returns the stored record that a row with keys may
// duplicate, given the stored records found for its keys: the one with
// its name key, when one of the two has no e-mail address. A row with
// addresses costs a Get of that record, to see its addresses; rows matched
// by an address never get here.
func (m *Matcher) storedLike(ctx context.Context, keys []string, stored []uuid.UUID) (uuid.UUID, error) {
	n := len(keys) - 1
	if stored == nil || n < 0 || stored[n] == uuid.Nil || !strings.HasPrefix(keys[n], nameKeyPrefix) {
		return uuid.Nil, nil
	}
	for _, id := range stored[:n] {
		if id != uuid.Nil {
			return uuid.Nil, nil // the same person by e-mail address
		}
	}
	if n == 0 {
		return stored[n], nil // the row has no address
	}
	l, err := m.stored.Get(ctx, stored[n])
	switch {
	case isNotFound(err):
		return uuid.Nil, nil // deleted meanwhile
	case err != nil:
		return uuid.Nil, err
	case len(l.Emails) == 0:
		return stored[n], nil
	}
	return uuid.Nil, nil
}

// findPossible returns the record that a row with keys (whose hashes are
// hs), not found by find, may duplicate: like, the stored record
// storedLike found, else the first row added under its name key when one
// of the two has no e-mail address (for a row with addresses, the first
// row without).
func (m *Matcher) findPossible(keys []string, hs []uint64, like uuid.UUID) (Match, bool) {
	if like != uuid.Nil {
		return Match{ID: like, By: byNameAndCompany}, true
	}
	n := len(keys) - 1
	if n < 0 || !strings.HasPrefix(keys[n], nameKeyPrefix) {
		return Match{}, false
	}
	hasEmail := n > 0
	k, h := keys[n], hs[n]
	if a, ok := m.keys[h]; ok && string(m.keyText(a)) == k {
		switch {
		case !hasEmail || a.block&firstHasEmail == 0:
			return Match{ID: a.id, By: byNameAndCompany}, true
		case a.block&someHasNoEmail != 0:
			return Match{ID: m.noEmail[h], By: byNameAndCompany}, true
		}
		return Match{}, false
	}
	if id, ok := m.clash[k]; ok && !hasEmail {
		// A key held by its text (a hash clash, or too long): whether its
		// rows have addresses is not kept.
		return Match{ID: id, By: byNameAndCompany}, true
	}
	return Match{}, false
}

func isNotFound(err error) bool { return errors.Is(err, leads.ErrNotFound) }

// NameKey is the form in which a full name and a company are compared, as
// duplicate detection compares them (leads.NameMatchKey): "Dr. Ada
// Lovelace" at "Engines, Ltd." and "lovelace, ada" at "engines" match. ""
// when the name is empty.
func NameKey(fullName, company string) string {
	return leads.NameMatchKey(fullName, "", "", company)
}
