package importexport

import (
	"strings"
	"unicode"

	"github.com/google/uuid"
	"github.com/leadkit/leads"
)

// Match is a record found to be a duplicate, with the reason.
type Match struct {
	ID uuid.UUID
	By string // "id", "email" or "name and company"
}

// Matcher finds the record an imported lead duplicates: the same ID (a
// JSON export imported again), else a shared e-mail address (compared
// case-insensitively), else the same normalized full name and company.
//
// It is deliberately small and keyed by exact normalized values, so that
// an import of a million rows stays fast. The duplicate detection of the
// status-and-duplicates work (fuzzy names, phone numbers, reasons scored)
// extends it by adding keys in Add and checks in Find.
type Matcher struct {
	ids    map[uuid.UUID]bool
	emails map[string]uuid.UUID
	names  map[string]uuid.UUID
}

// NewMatcher returns an empty Matcher.
func NewMatcher() *Matcher {
	return &Matcher{ids: map[uuid.UUID]bool{}, emails: map[string]uuid.UUID{}, names: map[string]uuid.UUID{}}
}

// Add makes l findable. The first record added under a key keeps it.
func (m *Matcher) Add(l *leads.Lead) {
	m.ids[l.ID] = true
	for _, e := range l.Emails {
		if k := EmailKey(e.Address); k != "" {
			if _, ok := m.emails[k]; !ok {
				m.emails[k] = l.ID
			}
		}
	}
	if k := NameKey(l.FullName, l.Company); k != "" {
		if _, ok := m.names[k]; !ok {
			m.names[k] = l.ID
		}
	}
}

// Find returns the record l duplicates, if any.
func (m *Matcher) Find(l *leads.Lead) (Match, bool) {
	if l.ID != uuid.Nil && m.ids[l.ID] {
		return Match{ID: l.ID, By: "id"}, true
	}
	for _, e := range l.Emails {
		if id, ok := m.emails[EmailKey(e.Address)]; ok {
			return Match{ID: id, By: "email"}, true
		}
	}
	if id, ok := m.names[NameKey(l.FullName, l.Company)]; ok {
		return Match{ID: id, By: "name and company"}, true
	}
	return Match{}, false
}

// EmailKey is the form in which e-mail addresses are compared: trimmed and
// lower-cased.
func EmailKey(addr string) string { return strings.ToLower(strings.TrimSpace(addr)) }

// NameKey is the form in which a full name and a company are compared:
// lower-cased, punctuation dropped, runs of spaces made one ("Dr. Ada
// Lovelace" and "dr ada  lovelace" match). "" when the name is empty.
func NameKey(fullName, company string) string {
	n := normalizeWords(fullName)
	if n == "" {
		return ""
	}
	return n + "\x00" + normalizeWords(company)
}

func normalizeWords(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	space := false
	for _, r := range s {
		switch {
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			if space && b.Len() > 0 {
				b.WriteByte(' ')
			}
			space = false
			b.WriteRune(unicode.ToLower(r))
		case unicode.IsSpace(r):
			space = true
		}
	}
	return b.String()
}
