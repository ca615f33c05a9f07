package leads

import (
	"slices"
	"testing"
)

// TestMergeRulesCoverLead fails when Lead gains a field that the merge does
// not know how to combine: describe it in the table of fields
// (fieldtable.go), with its merge rule and its combine function.
func TestMergeRulesCoverLead(t *testing.T) {
	rules := mergeRules()
	var names []string
	for _, f := range leadFields() {
		names = append(names, f.name)
		if _, ok := rules[f.name]; !ok {
			t.Errorf("merge has no rule for the field %q of Lead", f.name)
		}
	}
	for name := range rules {
		if !slices.Contains(names, name) {
			t.Errorf("merge has a rule for %q, which is not a field of Lead", name)
		}
	}
}

// TestMergeRulesOfTable checks that the fields of the table that share a
// member of Lead share its merge rule, and that every member is combined
// once.
func TestMergeRulesOfTable(t *testing.T) {
	combined := map[string]int{}
	for _, s := range fieldTable() {
		if s.combine != nil {
			combined[s.Member]++
		}
		if r := mergeRules()[s.Member]; !s.Bookkeeping && r != s.merge {
			t.Errorf("%s: merge rule %v, but the member %s has %v", s.Field, s.merge, s.Member, r)
		}
	}
	for name, r := range mergeRules() {
		fixedElsewhere := r.kind == mergeFollows || name == "id" || name == "converted_at" || name == "created_by"
		if n := combined[name]; n > 1 || n == 0 && !fixedElsewhere {
			t.Errorf("member %s is combined %d times", name, n)
		}
	}
}
