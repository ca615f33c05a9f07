package leads

import (
	"slices"
	"testing"
)

// TestMergeRulesCoverLead fails when Lead gains a field that the merge does
// not know how to combine: add it to mergeRules and to combine.
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
