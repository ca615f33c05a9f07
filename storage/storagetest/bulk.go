package storagetest

import (
	"testing"

	"github.com/google/uuid"
	"github.com/leadkit/leads"
)

// testBulkCreate checks the optional bulk writes of a transaction's lead
// repository, leads.BulkCreator and leads.BulkAdopter, whichever the store
// offers: every lead stored with Version 1, or, for a batch with a taken,
// repeated or missing ID, none.
func testBulkCreate(t *testing.T, s leads.Store) {
	type write struct {
		name string
		fn   func(tx leads.Tx, ls []*leads.Lead) (offered bool, err error)
	}
	writes := []write{
		{"CreateMany", func(tx leads.Tx, ls []*leads.Lead) (bool, error) {
			bc, ok := tx.Leads().(leads.BulkCreator)
			if !ok {
				return false, nil
			}
			return true, bc.CreateMany(ctx, ls)
		}},
		{"AdoptMany", func(tx leads.Tx, ls []*leads.Lead) (bool, error) {
			ba, ok := tx.Leads().(leads.BulkAdopter)
			if !ok {
				return false, nil
			}
			return true, ba.AdoptMany(ctx, ls)
		}},
	}
	taken := Sample(100)
	create(t, s, taken)
	next := 200 // each batch has leads of its own
	batch := func(n int) []*leads.Lead {
		var ls []*leads.Lead
		for range n {
			ls = append(ls, Sample(next))
			next++
		}
		return ls
	}
	for _, w := range writes {
		t.Run(w.name, func(t *testing.T) {
			ls := batch(5)
			want := make([]*leads.Lead, len(ls))
			for i, l := range ls {
				want[i] = l.Clone()
			}
			var offered bool
			err := s.Atomic(ctx, func(tx leads.Tx) error {
				var err error
				offered, err = w.fn(tx, ls)
				return err
			})
			if !offered {
				t.Skipf("the store offers no %s", w.name)
			}
			mustNoError(t, err)
			for i, l := range ls {
				mustEqualValues(t, 1, l.Version, "the caller's Version is set to 1")
				got, err := s.Leads().Get(ctx, l.ID)
				mustNoError(t, err)
				want[i].Version = 1
				requireSame(t, want[i], got)
			}

			bad := []struct {
				name    string
				ls      []*leads.Lead
				wantErr error
			}{
				{"an ID taken", append(batch(2), taken.Clone()), leads.ErrConflict},
				{"an ID repeated", func() []*leads.Lead { ls := batch(2); return append(ls, ls[0].Clone()) }(), leads.ErrConflict},
				{"no ID", append(batch(2), &leads.Lead{FullName: "No ID"}), leads.ErrInvalid},
			}
			for _, b := range bad {
				err := s.Atomic(ctx, func(tx leads.Tx) error {
					_, err := w.fn(tx, b.ls)
					return err
				})
				mustErrorIs(t, err, b.wantErr, b.name)
				for _, l := range b.ls {
					if l.ID == uuid.Nil || l.ID == taken.ID {
						continue
					}
					_, err := s.Leads().Get(ctx, l.ID)
					mustErrorIs(t, err, leads.ErrNotFound, "%s: nothing of the batch stored", b.name)
				}
			}
		})
	}
}
