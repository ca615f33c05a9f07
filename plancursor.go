package leads

import "github.com/google/uuid"

// After returns the position that the query's cursor names, for stores that
// answer queries in SQL rather than with Match: the values of the sort keys
// (the query's keys, then File As), written as text in each key's kind (text
// keys folded to lower case as sorting compares them, times in RFC 3339),
// and the ID of the record. ok is false when the query has no cursor.
func (p *Plan) After() (keys []string, id uuid.UUID, ok bool) {
	if p.after == nil {
		return nil, uuid.Nil, false
	}
	keys = make([]string, len(p.keys))
	for i, k := range p.keys {
		keys[i] = k.spec.format(p.after[i])
	}
	return keys, p.afterID, true
}
