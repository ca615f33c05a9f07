package leads

import (
	"slices"
	"strings"
	"sync"

	"github.com/google/uuid"
)

// MergePolicy says, for one field of a merge (Book.Merge), which of the
// merged records the value is taken from.
type MergePolicy string

// Merge policies. The records of a merge are ordered: the survivor first,
// then the others in the order given.
const (
	// MergeSurvivor keeps the survivor's value, even an empty one.
	MergeSurvivor MergePolicy = "survivor"
	// MergeFirstNonEmpty takes the first value that is not empty, in the
	// order of the records: the survivor's when it has one. It is the
	// default, since it keeps the survivor's data and fills its gaps.
	MergeFirstNonEmpty MergePolicy = "first-non-empty"
	// MergeMostRecent takes the value of the record updated most recently
	// (UpdatedAt) among those that have one; ties go by record order.
	MergeMostRecent MergePolicy = "most-recent"
	// MergeUnion keeps every entry of every record, each once: the default
	// of the lists (emails, phones, web_pages, addresses), and valid for
	// them only.
	MergeUnion MergePolicy = "union"
)

// MergePolicies returns the policies in the order help texts list them.
func MergePolicies() []MergePolicy {
	return []MergePolicy{MergeSurvivor, MergeFirstNonEmpty, MergeMostRecent, MergeUnion}
}

// ParseMergePolicy reads a policy name case-insensitively; "first",
// "first_non_empty", "recent" and "latest" are accepted too.
func ParseMergePolicy(s string) (MergePolicy, error) {
	switch strings.NewReplacer("_", "-", " ", "-").Replace(strings.ToLower(strings.TrimSpace(s))) {
	case "survivor", "survivor-wins":
		return MergeSurvivor, nil
	case "first-non-empty", "first", "non-empty":
		return MergeFirstNonEmpty, nil
	case "most-recent", "recent", "latest", "newest":
		return MergeMostRecent, nil
	case "union", "all":
		return MergeUnion, nil
	}
	return "", fieldErr("policy", "%q is not a merge policy (survivor, first-non-empty, most-recent or union)", s)
}

// MergeOptions says how Book.Merge combines the records. The zero value
// loses nothing: single values are taken first-non-empty (the survivor's
// when it has one), lists are unioned, and comments, status steps and
// history are all kept.
type MergeOptions struct {
	// Default is the policy of single-valued fields and of the entries of
	// checks, custom and details; "" is MergeFirstNonEmpty. Lists are
	// unioned whatever the default, unless Fields names them.
	Default MergePolicy `json:"default,omitempty"`
	// Fields overrides the policy of single fields, by the JSON field names
	// that Diff uses ("company", "emails"); "custom.NAME" and
	// "details.NAME" name one entry of custom or details. See
	// MergeFieldNames for the names a policy applies to.
	Fields map[string]MergePolicy `json:"fields,omitempty"`
	// Versions, when set, are the versions of the records that the caller
	// saw, as MergeResult.Versions gives them after a preview: a record
	// stored at another version fails the merge with ErrConflict, so a
	// merge never does something other than what was previewed.
	Versions map[uuid.UUID]int64 `json:"versions,omitempty"`
	// Preview makes Merge return what it would do, without changing
	// anything: the merged record (with the version the merge would give
	// it), where each field would come from, the history and
	// opportunities that would move, and the change log entry. A preview
	// fails as the merge would.
	Preview bool `json:"preview,omitempty"`
}

// mergeKind is how a field of Lead is merged.
type mergeKind uint8

const (
	mergeSingle  mergeKind = iota // one value, by policy
	mergeList                     // a list, unioned unless a policy says otherwise
	mergeMap                      // entry by entry, by policy
	mergeName                     // full_name and the name parts with it
	mergeFollows                  // follows another field; no policy of its own
	mergeAll                      // every entry kept: comments, status steps
	mergeFixed                    // decided by the rules of a merge, not by policy
)

// mergeRule is how a merge combines one field of Lead, and, for a field
// without a policy of its own, why.
type mergeRule struct {
	kind mergeKind
	why  string
}

// mergeRules lists every member of Lead by its JSON name (as Diff names
// them) with its rule, from the table of fields; the bookkeeping stamps
// take no part in a merge. It is built once; no caller changes it.
var mergeRules = sync.OnceValue(func() map[string]mergeRule {
	m := make(map[string]mergeRule, len(fieldTable()))
	for _, s := range fieldTable() {
		if _, ok := m[s.Member]; !ok && !s.Bookkeeping {
			m[s.Member] = s.merge
		}
	}
	return m
})

// MergeFieldNames returns the field names that MergeOptions.Fields may
// name, sorted; "custom.NAME" and "details.NAME" may be named too.
func MergeFieldNames() []string {
	var out []string
	for name, r := range mergeRules() {
		switch r.kind {
		case mergeSingle, mergeList, mergeMap, mergeName:
			out = append(out, name)
		}
	}
	slices.Sort(out)
	return out
}

// mergePolicies are the checked policies of one merge.
type mergePolicies struct {
	def    MergePolicy
	fields map[string]MergePolicy
	rules  map[string]mergeRule
}

// checkMergeOptions checks the policies of opts: known policies, field
// names that a policy applies to, union for lists only. Every problem is
// a *FieldError naming the field ("default" for the default policy).
func checkMergeOptions(opts MergeOptions) (mergePolicies, error) {
	var errs []error
	p := mergePolicies{def: MergeFirstNonEmpty, fields: map[string]MergePolicy{}, rules: mergeRules()}
	if opts.Default != "" {
		def, err := ParseMergePolicy(string(opts.Default))
		switch {
		case err != nil:
			errs = append(errs, fieldErr("default", "%q is not a merge policy (survivor, first-non-empty or most-recent)", opts.Default))
		case def == MergeUnion:
			errs = append(errs, fieldErr("default", "union applies to lists only (emails, phones, web_pages, addresses); the default is for single values"))
		default:
			p.def = def
		}
	}
	for _, name := range sortedKeys(opts.Fields) {
		pol, err := ParseMergePolicy(string(opts.Fields[name]))
		if err != nil {
			errs = append(errs, fieldErr(name, "%q is not a merge policy (survivor, first-non-empty, most-recent or union)", opts.Fields[name]))
			continue
		}
		kind, ok := mergeKindOf(name)
		switch {
		case !ok:
			errs = append(errs, fieldErr(name, "is not a field of a lead that a merge policy applies to (%s, custom.NAME, details.NAME)",
				strings.Join(MergeFieldNames(), ", ")))
		case kind == mergeFollows || kind == mergeAll || kind == mergeFixed:
			errs = append(errs, fieldErr(name, "takes no merge policy: %s", mergeRules()[name].why))
		case pol == MergeUnion && kind != mergeList:
			errs = append(errs, fieldErr(name, "union applies to lists only (emails, phones, web_pages, addresses)"))
		default:
			p.fields[name] = pol
		}
	}
	return p, joinErrs(errs)
}

// mergeKindOf returns how the named field is merged; "custom.NAME" and
// "details.NAME" are single values.
func mergeKindOf(name string) (mergeKind, bool) {
	if r, ok := mergeRules()[name]; ok {
		return r.kind, true
	}
	if k, ok := strings.CutPrefix(name, "custom."); ok && k != "" {
		return mergeSingle, true
	}
	if k, ok := strings.CutPrefix(name, "details."); ok && slices.Contains(detailNames(), k) {
		return mergeSingle, true
	}
	return 0, false
}

// policy returns the policy of a field; entry, when not "", names an
// entry of a map field ("custom.Region"), whose own policy comes first.
func (p mergePolicies) policy(field, entry string) MergePolicy {
	if entry != "" {
		if pol, ok := p.fields[entry]; ok {
			return pol
		}
	}
	if pol, ok := p.fields[field]; ok {
		return pol
	}
	if p.rules[field].kind == mergeList {
		return MergeUnion
	}
	return p.def
}
