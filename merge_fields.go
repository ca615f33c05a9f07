package leads

import (
	"bytes"
	"fmt"
	"reflect"
	"slices"
	"strings"
	"time"
	"unicode"

	"github.com/google/uuid"
)

// MergeField says where one field of a merged record came from, or one
// entry of a list or map ("emails[1]", "custom.Region"), so that a
// frontend can show, before and after a merge, what came from where.
type MergeField struct {
	// Field is the JSON field name, as Diff and FieldError use them:
	// "company", "emails[1]", "comments[0]", "custom.Region",
	// "details.birthday", "checks.<criterion ID>".
	Field string `json:"field"`
	// Rule is how the value was chosen: a MergePolicy ("survivor",
	// "first-non-empty", "most-recent", "union"), or "all" (every comment
	// and status step is kept), "contact" (the type and status of a
	// business contact among the records), "earliest" (created_at,
	// converted_at) or "rescored" (an automatic score, recomputed from
	// the merged checks).
	Rule string `json:"rule"`
	// From is the record the value came from; zero when no record had one.
	From uuid.UUID `json:"from,omitzero"`
	// Also lists the other records that had the same value (an e-mail
	// address in two records is kept once).
	Also []uuid.UUID `json:"also,omitempty"`
	// Dropped lists the records whose different value was not kept. The
	// merge's change log entry keeps those records as they were.
	Dropped []uuid.UUID `json:"dropped,omitempty"`
}

// Rules of MergeField that are not policies.
const (
	mergeRuleAll      = "all"
	mergeRuleContact  = "contact"
	mergeRuleEarliest = "earliest"
	mergeRuleRescored = "rescored"
)

// combiner combines the records of one merge into one record.
type combiner struct {
	recs   []*Lead // the survivor first, then the others in the given order
	recent []*Lead // the same, most recently updated first; ties in record order
	ids    map[uuid.UUID]bool
	p      mergePolicies
	out    *Lead
	fields []MergeField
}

// combine returns the record that merging recs (the survivor first) by
// the policies p gives, and where each field came from. It reads recs
// only. The result has the survivor's ID and version; the caller stamps
// the update and validates.
func combine(recs []*Lead, p mergePolicies) (*Lead, []MergeField) {
	c := &combiner{recs: recs, recent: slices.Clone(recs), ids: map[uuid.UUID]bool{}, p: p,
		out: &Lead{ID: recs[0].ID, Version: recs[0].Version}}
	slices.SortStableFunc(c.recent, func(a, b *Lead) int { return b.UpdatedAt.Compare(a.UpdatedAt) })
	for _, r := range recs {
		c.ids[r.ID] = true
	}
	for i := range fieldTable() {
		if fn := fieldTable()[i].combine; fn != nil {
			fn(c)
		}
	}
	return c.out, c.fields
}

// text merges a text field held in the string at gives.
func (c *combiner) text(field string, at func(*Lead) *string) {
	single(c, field, field, func(r *Lead) (string, bool) { return *at(r), *at(r) != "" },
		func(a, b string) bool { return a == b }, func(v string) { *at(c.out) = v })
}

// link merges a link to another record; an initiator among the merged
// records would be the record itself, so it counts as none.
func (c *combiner) link(field string, at func(*Lead) *uuid.UUID) {
	initiator := field == string(FieldInitiatedBy)
	single(c, field, field, func(r *Lead) (uuid.UUID, bool) {
		id := *at(r)
		return id, id != uuid.Nil && !(initiator && c.ids[id])
	}, func(a, b uuid.UUID) bool { return a == b }, func(v uuid.UUID) { *at(c.out) = v })
}

func (c *combiner) photo() {
	single(c, "photo", "photo", func(r *Lead) (*Photo, bool) { return r.Photo, r.Photo != nil },
		func(a, b *Photo) bool { return a.ContentType == b.ContentType && bytes.Equal(a.Data, b.Data) },
		func(v *Photo) { p := *v; p.Data = slices.Clone(v.Data); c.out.Photo = &p })
}

func (c *combiner) emails() {
	list(c, "emails", func(l *Lead) []Email { return l.Emails },
		func(e Email) string { return EmailMatchKey(e.Address) }, func(v []Email) { c.out.Emails = v })
}

func (c *combiner) phones() {
	list(c, "phones", func(l *Lead) []Phone { return l.Phones },
		func(p Phone) string { return phoneKey(p.Number) }, func(v []Phone) { c.out.Phones = v })
}

func (c *combiner) webPages() {
	list(c, "web_pages", func(l *Lead) []string { return l.WebPages }, webKey, func(v []string) { c.out.WebPages = v })
}

func (c *combiner) addresses() {
	list(c, "addresses", func(l *Lead) []Address { return l.Addresses }, addressKey, func(v []Address) { c.out.Addresses = v })
	oneMailing(c.out.Addresses)
}

func (c *combiner) statusHistory() {
	all(c, "status_history", func(l *Lead) []StatusStep { return l.StatusHistory },
		func(s StatusStep) time.Time { return s.At }, func(v []StatusStep) { c.out.StatusHistory = v })
}

func (c *combiner) comments() {
	all(c, "comments", func(l *Lead) []Comment { return l.Comments },
		func(cm Comment) time.Time { return cm.At }, func(v []Comment) { c.out.Comments = v })
}

// single takes one value by the policy of field (or of the entry name,
// when a policy names it): get returns a record's value and whether it
// has one, same compares values, set stores the value taken.
func single[V any](c *combiner, field, name string, get func(*Lead) (V, bool), same func(a, b V) bool, set func(V)) {
	pol := c.p.policy(field, name)
	src := c.pick(pol, func(r *Lead) bool { _, ok := get(r); return ok })
	row := MergeField{Field: name, Rule: string(pol)}
	var kept V
	if src != nil {
		kept, _ = get(src)
		set(kept)
		row.From = src.ID
	}
	for _, r := range c.recs {
		v, ok := get(r)
		if r == src || !ok {
			continue
		}
		if src != nil && same(kept, v) {
			row.Also = append(row.Also, r.ID)
		} else {
			row.Dropped = append(row.Dropped, r.ID)
		}
	}
	if src != nil || len(row.Dropped) > 0 {
		c.fields = append(c.fields, row)
	}
}

// pick returns the record whose value pol takes, or nil when none has a
// value (for MergeSurvivor: when the survivor has none).
func (c *combiner) pick(pol MergePolicy, has func(*Lead) bool) *Lead {
	order := c.recs
	switch pol {
	case MergeSurvivor:
		order = c.recs[:1]
	case MergeMostRecent:
		order = c.recent
	}
	for _, r := range order {
		if has(r) {
			return r
		}
	}
	return nil
}

// list merges a list field: under MergeUnion every entry of every record,
// once by key, the survivor's first; under another policy the whole list
// of one record.
func list[E any](c *combiner, field string, get func(*Lead) []E, key func(E) string, set func([]E)) {
	pol := c.p.policy(field, "")
	if pol != MergeUnion {
		single(c, field, field, func(r *Lead) ([]E, bool) { return get(r), len(get(r)) > 0 },
			func(a, b []E) bool { return sameKeys(a, b, key) }, func(v []E) { set(slices.Clone(v)) })
		return
	}
	var out []E
	at := map[string]int{} // key → index in out
	for _, r := range c.recs {
		for _, e := range get(r) {
			k := key(e)
			if i, ok := at[k]; ok {
				row := &c.fields[len(c.fields)-len(out)+i]
				if row.From != r.ID && !slices.Contains(row.Also, r.ID) {
					row.Also = append(row.Also, r.ID)
				}
				continue
			}
			at[k] = len(out)
			c.fields = append(c.fields, MergeField{Field: fmt.Sprintf("%s[%d]", field, len(out)), Rule: string(MergeUnion), From: r.ID})
			out = append(out, e)
		}
	}
	set(out)
}

// sameKeys reports whether two lists hold the same entries by key.
func sameKeys[E any](a, b []E, key func(E) string) bool {
	ka, kb := make([]string, len(a)), make([]string, len(b))
	for i, e := range a {
		ka[i] = key(e)
	}
	for i, e := range b {
		kb[i] = key(e)
	}
	slices.Sort(ka)
	slices.Sort(kb)
	return slices.Equal(slices.Compact(ka), slices.Compact(kb))
}

// all keeps every entry of every record, in time order (a stable sort, so
// entries without a time come first and ties keep record order); an entry
// found in several records, exactly equal, is kept once, and an entry one
// record holds n times is kept n times (each copy in another record
// matches one of them).
func all[E comparable](c *combiner, field string, get func(*Lead) []E, at func(E) time.Time, set func([]E)) {
	type entry struct {
		e    E
		from uuid.UUID
		also []uuid.UUID
	}
	var es []entry
	for _, r := range c.recs {
		kept := len(es) // the entries of the records before r
	next:
		for _, e := range get(r) {
			for i := range es[:kept] {
				if es[i].e == e && !slices.Contains(es[i].also, r.ID) {
					es[i].also = append(es[i].also, r.ID)
					continue next
				}
			}
			es = append(es, entry{e: e, from: r.ID})
		}
	}
	slices.SortStableFunc(es, func(a, b entry) int { return at(a.e).Compare(at(b.e)) })
	var out []E
	for i, e := range es {
		out = append(out, e.e)
		c.fields = append(c.fields, MergeField{Field: fmt.Sprintf("%s[%d]", field, i), Rule: mergeRuleAll, From: e.from, Also: e.also})
	}
	set(out)
}

// identity sets the type (a business contact when any record is one) and
// the earliest conversion.
func (c *combiner) identity() {
	c.out.Type = c.recs[0].Type
	var contact, converted *Lead
	for _, r := range c.recs {
		if r.Type != TypeContact {
			continue
		}
		if contact == nil {
			contact = r
		}
		if !r.ConvertedAt.IsZero() && (converted == nil || r.ConvertedAt.Before(converted.ConvertedAt)) {
			converted = r
		}
	}
	if contact != nil {
		c.out.Type = TypeContact
		c.fields = append(c.fields, MergeField{Field: "type", Rule: mergeRuleContact, From: contact.ID})
	}
	if converted != nil {
		c.out.ConvertedAt = converted.ConvertedAt
		c.fields = append(c.fields, MergeField{Field: "converted_at", Rule: mergeRuleEarliest, From: converted.ID})
	}
}

// created keeps the earliest creation of the records: the person became a
// lead then, and the time to first contact counts from it.
func (c *combiner) created() {
	first := c.recs[0]
	for _, r := range c.recs[1:] {
		if r.CreatedAt.Before(first.CreatedAt) {
			first = r
		}
	}
	c.out.CreatedAt, c.out.CreatedBy = first.CreatedAt, first.CreatedBy
	c.fields = append(c.fields, MergeField{Field: "created_at", Rule: mergeRuleEarliest, From: first.ID})
}

// name takes the full name, and with it the name parts and File As, from
// one record, so that they agree.
func (c *combiner) name() {
	single(c, "full_name", "full_name", func(r *Lead) (*Lead, bool) { return r, r.FullName != "" },
		func(a, b *Lead) bool { return a.FullName == b.FullName }, func(r *Lead) {
			c.out.FullName, c.out.Title, c.out.FirstName, c.out.MiddleName = r.FullName, r.Title, r.FirstName, r.MiddleName
			c.out.LastName, c.out.Suffix, c.out.FileAs = r.LastName, r.Suffix, r.FileAs
		})
}

// status takes the status by policy; when the result is a business
// contact, from the contacts only, since a contact's status says how it
// became one.
func (c *combiner) status() {
	if c.out.Type != TypeContact {
		single(c, "status", "status", func(r *Lead) (Status, bool) { return r.Status, r.Status != "" },
			func(a, b Status) bool { return a == b }, func(v Status) { c.out.Status = v })
		return
	}
	pol := c.p.policy("status", "")
	src := c.pick(pol, func(r *Lead) bool { return r.Type == TypeContact && r.Status != "" })
	if src == nil {
		src = c.pick(MergeFirstNonEmpty, func(r *Lead) bool { return r.Type == TypeContact })
	}
	c.out.Status = src.Status
	row := MergeField{Field: "status", Rule: mergeRuleContact, From: src.ID}
	for _, r := range c.recs {
		switch {
		case r == src || r.Status == "":
		case r.Status == src.Status:
			row.Also = append(row.Also, r.ID)
		default:
			row.Dropped = append(row.Dropped, r.ID)
		}
	}
	c.fields = append(c.fields, row)
}

// score keeps a manual score by policy (an automatic score is derived, so
// it counts as empty); without one the score is automatic, and the caller
// recomputes it from the merged checks.
func (c *combiner) score() {
	single(c, "score", "score", func(r *Lead) (Score, bool) { return r.Score, r.Score.Type == ScoreManual },
		func(a, b Score) bool { return a.Stars == b.Stars }, func(v Score) { c.out.Score = v })
	if c.out.Score.Type == ScoreManual {
		return
	}
	c.out.Score = Score{Type: ScoreAuto}
	if c.recs[0].Score.Type == ScoreAuto {
		c.out.Score = c.recs[0].Score
	}
	if n := len(c.fields); n > 0 && c.fields[n-1].Field == "score" {
		c.fields[n-1].Rule = mergeRuleRescored // manual scores dropped by policy
		return
	}
	c.fields = append(c.fields, MergeField{Field: "score", Rule: mergeRuleRescored})
}

// checks merges the checks criterion by criterion, by the policy of
// "checks": a record has a value for the criteria it checked either way.
func (c *combiner) checks() {
	keys := map[uuid.UUID]bool{}
	for _, r := range c.recs {
		for id := range r.Checks {
			keys[id] = true
		}
	}
	for _, id := range sortedIDs(keys) {
		single(c, "checks", "checks."+id.String(), func(r *Lead) (bool, bool) { v, ok := r.Checks[id]; return v, ok },
			func(a, b bool) bool { return a == b }, func(v bool) {
				if c.out.Checks == nil {
					c.out.Checks = map[uuid.UUID]bool{}
				}
				c.out.Checks[id] = v
			})
	}
}

// custom merges the custom values field by field, by the policy of
// "custom.NAME", else of "custom".
func (c *combiner) custom() {
	keys := map[string]bool{}
	for _, r := range c.recs {
		for k := range r.Custom {
			keys[k] = true
		}
	}
	for _, k := range sortedKeys(keys) {
		single(c, "custom", "custom."+k, func(r *Lead) (string, bool) { return r.Custom[k], r.Custom[k] != "" },
			func(a, b string) bool { return a == b }, func(v string) {
				if c.out.Custom == nil {
					c.out.Custom = map[string]string{}
				}
				c.out.Custom[k] = v
			})
	}
}

// details merges the Details page field by field, by the policy of
// "details.NAME", else of "details".
func (c *combiner) details() {
	t := reflect.TypeFor[Details]()
	out := reflect.ValueOf(&c.out.Details).Elem()
	for i := range t.NumField() {
		name := detailName(t.Field(i))
		single(c, "details", "details."+name, func(r *Lead) (reflect.Value, bool) {
			v := reflect.ValueOf(r.Details).Field(i)
			return v, !v.IsZero()
		}, sameDetail, func(v reflect.Value) { out.Field(i).Set(v) })
	}
}

// sameDetail compares two values of one field of Details; dates by the
// instant, whatever their zone.
func sameDetail(a, b reflect.Value) bool {
	if t, ok := a.Interface().(time.Time); ok {
		return t.Equal(b.Interface().(time.Time))
	}
	return a.Equal(b)
}

// detailName is the JSON name of a field of Details.
func detailName(f reflect.StructField) string {
	name, _, _ := strings.Cut(f.Tag.Get("json"), ",")
	return name
}

// detailNames returns the JSON names of the fields of Details.
func detailNames() []string {
	t := reflect.TypeFor[Details]()
	out := make([]string, t.NumField())
	for i := range out {
		out[i] = detailName(t.Field(i))
	}
	return out
}

// mergedFrom keeps every ID merged before and the IDs of the others, so
// that each resolves to the survivor (MergedKey).
func (c *combiner) mergedFrom() {
	var out []uuid.UUID
	add := func(id uuid.UUID) {
		if id != c.out.ID && !slices.Contains(out, id) {
			out = append(out, id)
		}
	}
	for i, r := range c.recs {
		if i > 0 {
			add(r.ID)
		}
		for _, id := range r.MergedFrom {
			add(id)
		}
	}
	c.out.MergedFrom = out
}

// phoneKey compares phone numbers by their digits ("+1 (555) 010-0100"
// and "+1 555 010 0100" are one number).
func phoneKey(n string) string {
	var b strings.Builder
	for _, r := range n {
		if unicode.IsDigit(r) {
			b.WriteRune(r)
		}
	}
	if b.Len() == 0 {
		return strings.ToLower(strings.TrimSpace(n))
	}
	return b.String()
}

// webKey compares web addresses ignoring case, the scheme, "www." and a
// trailing slash.
func webKey(u string) string {
	u = strings.ToLower(strings.TrimSpace(u))
	for _, p := range []string{"https://", "http://", "www."} {
		u = strings.TrimPrefix(u, p)
	}
	return strings.TrimRight(u, "/")
}

// addressKey compares addresses by their parts, ignoring case, spaces,
// the label and the mailing flag.
func addressKey(a Address) string {
	parts := []string{a.Street, a.City, a.State, a.PostalCode, a.Country}
	for i, p := range parts {
		parts[i] = strings.Join(strings.Fields(strings.ToLower(p)), " ")
	}
	return strings.Join(parts, "\x00")
}

// oneMailing keeps the first mailing flag of a merged address list: a
// lead has at most one mailing address.
func oneMailing(as []Address) {
	seen := false
	for i := range as {
		if as[i].Mailing && seen {
			as[i].Mailing = false
		}
		seen = seen || as[i].Mailing
	}
}
