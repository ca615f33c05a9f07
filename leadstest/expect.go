package leadstest

import (
	"bytes"
	"encoding/json"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/google/uuid"
	"github.com/leadkit/leads"
)

// record reads the record, failing the test at once when it cannot.
func record(t testing.TB, b *Book, id uuid.UUID) *leads.Lead {
	t.Helper()
	l, err := b.Get(b.Ctx, id)
	if err != nil {
		t.Fatalf("leadstest: record %s: %v", id, err)
	}
	return l
}

// ExpectField reports an error when the record's field, named as in the
// JSON export ("job_title", "score.stars", "emails.0.address",
// "custom.Region"), does not hold want. want is compared by its JSON form,
// so a string, a number, a bool or a leads value all work:
//
//	leadstest.ExpectField(t, b, id, "assigned_to", "bob")
//	leadstest.ExpectField(t, b, id, "score.stars", 4)
func ExpectField(t testing.TB, b *Book, id uuid.UUID, field string, want any) {
	t.Helper()
	got, err := fieldJSON(record(t, b, id), field)
	if err != nil {
		t.Errorf("leadstest: record %s: %v", id, err)
		return
	}
	w, err := json.Marshal(want)
	if err != nil {
		t.Errorf("leadstest: want value of %s: %v", field, err)
		return
	}
	if !jsonEqual(got, w) {
		t.Errorf("leadstest: record %s: %s = %s, want %s", id, field, got, w)
	}
}

// fieldJSON returns the JSON value at the dotted path of the record's JSON
// form; a missing member is null.
func fieldJSON(l *leads.Lead, path string) (json.RawMessage, error) {
	doc, err := json.Marshal(l)
	if err != nil {
		return nil, err
	}
	cur := json.RawMessage(doc)
	parts := strings.Split(path, ".")
	for i := 0; i < len(parts); i++ {
		p := parts[i]
		if p == "custom" && i+1 < len(parts) {
			// Custom field names may hold dots: the rest is the name.
			p, parts = "custom", append(parts[:i+1], strings.Join(parts[i+1:], "."))
		}
		var obj map[string]json.RawMessage
		if json.Unmarshal(cur, &obj) == nil {
			v, ok := obj[p]
			if !ok {
				if i == 0 {
					return nil, fmt.Errorf("no field %q in the JSON export", p)
				}
				return json.RawMessage("null"), nil
			}
			cur = v
			continue
		}
		var arr []json.RawMessage
		if json.Unmarshal(cur, &arr) == nil {
			n, err := strconv.Atoi(p)
			if err != nil || n < 0 {
				return nil, fmt.Errorf("%s: %q is not an index", path, p)
			}
			if n >= len(arr) {
				return json.RawMessage("null"), nil
			}
			cur = arr[n]
			continue
		}
		return nil, fmt.Errorf("%s: %s is not an object or a list", path, strings.Join(parts[:i], "."))
	}
	return cur, nil
}

// jsonEqual compares two JSON values ignoring spacing and member order.
func jsonEqual(a, b []byte) bool {
	var x, y any
	if json.Unmarshal(a, &x) != nil || json.Unmarshal(b, &y) != nil {
		return bytes.Equal(a, b)
	}
	ca, _ := json.Marshal(x)
	cb, _ := json.Marshal(y)
	return bytes.Equal(ca, cb)
}

// ExpectStars reports an error when the record's score has other stars.
func ExpectStars(t testing.TB, b *Book, id uuid.UUID, want leads.Stars) {
	t.Helper()
	l := record(t, b, id)
	if l.Score.Stars != want {
		t.Errorf("leadstest: record %s (%s): %d stars (%s score %s), want %d", id, l.FullName, l.Score.Stars, l.Score.Type, l.Score.Value, want)
	}
}

// ExpectStatusPath reports an error when the statuses the record was moved
// to (its status_history, oldest first; a new record's own "new" is not a
// step) are not want.
func ExpectStatusPath(t testing.TB, b *Book, id uuid.UUID, want ...leads.Status) {
	t.Helper()
	l := record(t, b, id)
	var got []leads.Status
	for _, s := range l.StatusHistory {
		got = append(got, s.Status)
	}
	if !slices.Equal(got, want) {
		t.Errorf("leadstest: record %s (%s): status path %v, want %v", id, l.FullName, got, want)
	}
}

// ExpectChange reports an error unless the record's change log holds a
// change of field from "from" to "to", compared by their JSON form as
// ExpectField does (nil stands for any value).
func ExpectChange(t testing.TB, b *Book, id uuid.UUID, field string, from, to any) {
	t.Helper()
	items, err := leads.Collect(b.History().Changes(b.Ctx, id))
	if err != nil {
		t.Fatalf("leadstest: change log of %s: %v", id, err)
	}
	matches := func(raw json.RawMessage, v any) bool {
		if v == nil {
			return true
		}
		w, err := json.Marshal(v)
		return err == nil && jsonEqual(raw, w)
	}
	var seen []string
	for _, h := range items {
		for _, c := range h.Changes {
			if c.Field != field {
				continue
			}
			if matches(c.From, from) && matches(c.To, to) {
				return
			}
			seen = append(seen, fmt.Sprintf("%s → %s", c.From, c.To))
		}
	}
	if len(seen) == 0 {
		t.Errorf("leadstest: record %s: the change log has no change of %s", id, field)
		return
	}
	t.Errorf("leadstest: record %s: no change of %s from %v to %v; found %s", id, field, from, to, strings.Join(seen, "; "))
}
