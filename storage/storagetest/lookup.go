package storagetest

import (
	"errors"
	"testing"

	"github.com/google/uuid"
	"github.com/leadkit/leads"
)

// lookupIDs returns the IDs Lookup streams for key, in its order.
func lookupIDs(t *testing.T, r leads.LeadRepository, key string, limit int) []uuid.UUID {
	t.Helper()
	var ids []uuid.UUID
	for l, err := range r.Lookup(ctx, key, limit) {
		mustNoError(t, err)
		ids = append(ids, l.ID)
	}
	return ids
}

// testLookup checks LeadRepository.Lookup: records found by every match
// key, in ID order, bounded by the limit, following updates, deletes and
// the transaction's own writes.
func testLookup(t *testing.T, s leads.Store) {
	a, b, c := Sample(1), Sample(2), Sample(3)
	shared := leads.Email{Address: "Shared@Example.org"}
	a.Emails = append(a.Emails, shared)
	c.Emails = append(c.Emails, leads.Email{Address: " shared@example.ORG "})
	merged := uuid.MustParse("0190a000-0000-7000-8000-00000000abcd")
	b.MergedFrom = []uuid.UUID{merged}
	b.InitiatedBy, c.InitiatedBy = a.ID, a.ID
	create(t, s, c, b, a)

	sharedKey := leads.EmailMatchKey("shared@example.org")
	mustEqual(t, []uuid.UUID{a.ID, c.ID}, lookupIDs(t, s.Leads(), sharedKey, 0), "ID order, case and spaces ignored")
	mustEqual(t, []uuid.UUID{a.ID}, lookupIDs(t, s.Leads(), sharedKey, 1), "limit")
	for _, l := range []*leads.Lead{a, b, c} {
		for _, k := range leads.MatchKeys(l) {
			mustContain(t, lookupIDs(t, s.Leads(), k, 0), l.ID, "key %q of %s", k, l.FullName)
		}
	}
	mustEqual(t, []uuid.UUID{b.ID}, lookupIDs(t, s.Leads(), leads.MergedKey(merged), 0), "a merged ID resolves")
	mustEmpty(t, lookupIDs(t, s.Leads(), leads.EmailMatchKey("nobody@example.org"), 0))
	mustEqual(t, []uuid.UUID{b.ID, c.ID}, lookupIDs(t, s.Leads(), leads.InitiatedKey(a.ID), 0), "the records a initiated")

	got, err := s.Leads().Get(ctx, b.ID)
	mustNoError(t, err)
	mustEqual(t, []uuid.UUID{merged}, got.MergedFrom, "MergedFrom is stored")

	// An update moves the record from its old keys to its new ones.
	_, err = s.Leads().Update(ctx, a.ID, func(l *leads.Lead) error {
		l.Emails = []leads.Email{{Address: "moved@example.org"}}
		return nil
	})
	mustNoError(t, err)
	mustEqual(t, []uuid.UUID{c.ID}, lookupIDs(t, s.Leads(), sharedKey, 0))
	mustEqual(t, []uuid.UUID{a.ID}, lookupIDs(t, s.Leads(), leads.EmailMatchKey("MOVED@example.org"), 0))

	// A delete takes the record out of every key.
	mustNoError(t, s.Leads().Delete(ctx, c.ID))
	mustEmpty(t, lookupIDs(t, s.Leads(), sharedKey, 0))

	// Inside Atomic, Lookup sees the transaction's writes; a rollback
	// leaves the index as it was.
	d := Sample(4)
	d.Emails = []leads.Email{{Address: "moved@example.org"}}
	errRollback := errors.New("roll back")
	err = s.Atomic(ctx, func(tx leads.Tx) error {
		mustNoError(t, tx.Leads().Create(ctx, d))
		mustEqual(t, []uuid.UUID{a.ID, d.ID}, lookupIDs(t, tx.Leads(), leads.EmailMatchKey("moved@example.org"), 0))
		mustNoError(t, tx.Leads().Delete(ctx, a.ID))
		mustEqual(t, []uuid.UUID{d.ID}, lookupIDs(t, tx.Leads(), leads.EmailMatchKey("moved@example.org"), 0))
		return errRollback
	})
	mustErrorIs(t, err, errRollback)
	mustEqual(t, []uuid.UUID{a.ID}, lookupIDs(t, s.Leads(), leads.EmailMatchKey("moved@example.org"), 0))

	// Stopping early is allowed.
	for range s.Leads().Lookup(ctx, leads.MergedKey(merged), 0) {
		break
	}
}
