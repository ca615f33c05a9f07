package storagetest

import (
	"errors"
	"testing"

	"github.com/google/uuid"
	"github.com/leadkit/leads"
)

// testLookupKeys checks leads.KeyLookuper, for the stores that offer it:
// for a batch of keys (shared, unique, repeated, unknown), the lowest ID
// that has each, as Lookup with limit 1 gives it, outside a transaction
// and inside one, seeing its own writes; and leads.IDLookuper, where
// offered, against Get.
func testLookupKeys(t *testing.T, s leads.Store) {
	if _, ok := s.Leads().(leads.KeyLookuper); !ok {
		t.Skip("the store's lead repository is no leads.KeyLookuper")
	}
	a, b, c := Sample(11), Sample(12), Sample(13)
	shared := leads.Email{Address: "Batch@Example.org"}
	a.Emails = append(a.Emails, shared)
	c.Emails = append(c.Emails, leads.Email{Address: " batch@example.ORG"})
	create(t, s, c, b, a)
	keys := []string{leads.EmailMatchKey("batch@example.org"), leads.EmailMatchKey("nobody@example.org")}
	for _, l := range []*leads.Lead{a, b, c} {
		keys = append(keys, leads.MatchKeys(l)...)
	}
	keys = append(keys, keys[0])
	check := func(t *testing.T, r leads.LeadRepository, want map[string]uuid.UUID) {
		t.Helper()
		ids, err := r.(leads.KeyLookuper).LookupKeys(ctx, keys)
		mustNoError(t, err)
		mustLen(t, ids, len(keys))
		for i, k := range keys {
			first := uuid.Nil
			if got := lookupIDs(t, r, k, 1); len(got) > 0 {
				first = got[0]
			}
			mustEqual(t, first, ids[i], "key %q", k)
			if w, ok := want[k]; ok {
				mustEqual(t, w, ids[i], "key %q", k)
			}
		}
	}
	check(t, s.Leads(), map[string]uuid.UUID{keys[0]: a.ID, keys[1]: uuid.Nil})

	d := Sample(14)
	ids := []uuid.UUID{a.ID, d.ID, uuid.Must(uuid.NewV7()), c.ID, a.ID}
	exist := func(t *testing.T, r leads.LeadRepository, want []bool) {
		t.Helper()
		il, ok := r.(leads.IDLookuper)
		if !ok {
			return
		}
		found, err := il.LeadsExist(ctx, ids)
		mustNoError(t, err)
		mustEqual(t, want, found)
	}
	exist(t, s.Leads(), []bool{true, false, false, true, true})
	d.Emails = []leads.Email{{Address: "nobody@example.org"}}
	errRollback := errors.New("roll back")
	err := s.Atomic(ctx, func(tx leads.Tx) error {
		mustNoError(t, tx.Leads().Create(ctx, d))
		mustNoError(t, tx.Leads().Delete(ctx, a.ID))
		check(t, tx.Leads(), map[string]uuid.UUID{keys[0]: c.ID, keys[1]: d.ID})
		exist(t, tx.Leads(), []bool{false, true, false, true, false})
		return errRollback
	})
	mustErrorIs(t, err, errRollback)
	check(t, s.Leads(), map[string]uuid.UUID{keys[0]: a.ID, keys[1]: uuid.Nil})
	exist(t, s.Leads(), []bool{true, false, false, true, true})

	none, err := s.Leads().(leads.KeyLookuper).LookupKeys(ctx, nil)
	mustNoError(t, err)
	mustEmpty(t, none)
}
