package leads

import (
	"strings"

	"github.com/google/uuid"
)

// MatchKeys returns the keys under which a store indexes l, so that
// LeadRepository.Lookup finds the records that share a key without
// scanning every record. Duplicate detection looks candidates up by the
// keys of the record it checks, and a merged record's old IDs resolve to
// the survivor through MergedKey.
//
// A key is a short prefix naming what it keys on, a colon and a
// normalized value. Keys are for finding candidates only: two records that
// share a key are not necessarily duplicates (Book.Duplicates decides). A
// store that persists keys must recompute them when this function changes,
// see MatchKeysVersion. The result holds each key once.
func MatchKeys(l *Lead) []string {
	keys := make([]string, 0, len(l.Emails)+len(l.MergedFrom))
	add := func(k string) {
		if k != "" && !containsString(keys, k) {
			keys = append(keys, k)
		}
	}
	for _, e := range l.Emails {
		add(EmailMatchKey(e.Address))
	}
	for _, id := range l.MergedFrom {
		add(MergedKey(id))
	}
	return keys
}

// MatchKeysVersion changes whenever MatchKeys computes different keys for
// the same record, so that a store that persists keys knows to rebuild
// them.
const MatchKeysVersion = 1

// EmailMatchKey is the key of an e-mail address: trimmed and lower-cased.
// It is "" for an empty address.
func EmailMatchKey(addr string) string {
	addr = strings.TrimSpace(addr)
	if addr == "" {
		return ""
	}
	return "e:" + strings.ToLower(addr)
}

// MergedKey is the key that a record merged into another one leaves on
// the survivor (Lead.MergedFrom), so that its old ID still finds it.
func MergedKey(id uuid.UUID) string { return "m:" + id.String() }

func containsString(s []string, v string) bool {
	for _, x := range s {
		if x == v {
			return true
		}
	}
	return false
}
