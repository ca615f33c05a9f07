package file

import (
	"context"
	"errors"
	"fmt"
	"strconv"
	"sync"
	"sync/atomic"
	"testing"

	"github.com/google/uuid"
	"github.com/leadkit/leads"
	"github.com/stretchr/testify/require"
	bolt "go.etcd.io/bbolt"
)

func TestCreateGet(t *testing.T) {
	s := openT(t, tempPath(t), nil)
	l := fullLead()
	l.Version = 0
	require.NoError(t, s.Leads().Create(ctx, l))
	require.EqualValues(t, 1, l.Version)
	got, err := s.Leads().Get(ctx, l.ID)
	require.NoError(t, err)
	require.Equal(t, l, got)

	err = s.Leads().Create(ctx, fullLead())
	require.ErrorIs(t, err, leads.ErrConflict)
	require.ErrorIs(t, s.Leads().Create(ctx, &leads.Lead{FullName: "No ID"}), leads.ErrInvalid)
	_, err = s.Leads().Get(ctx, uuid.New())
	require.ErrorIs(t, err, leads.ErrNotFound)
}

func TestUpdate(t *testing.T) {
	path := tempPath(t)
	s := openT(t, path, nil)
	require.NoError(t, s.Leads().Create(ctx, sampleLead(1)))

	var kept *leads.Lead
	got, err := s.Leads().Update(ctx, seqID(1), func(l *leads.Lead) error {
		l.JobTitle = "CEO"
		l.Emails = append(l.Emails, leads.Email{Address: "new@example.com"})
		kept = l
		return nil
	})
	require.NoError(t, err)
	require.EqualValues(t, 2, got.Version)
	require.Equal(t, "CEO", got.JobTitle)

	// Neither the result nor what fn kept is the stored record.
	got.JobTitle = "changed"
	kept.Emails[0].Address = "changed"
	stored, err := s.Leads().Get(ctx, seqID(1))
	require.NoError(t, err)
	require.Equal(t, "CEO", stored.JobTitle)
	require.Equal(t, sampleLead(1).Emails[0], stored.Emails[0])

	// An error from fn comes back unchanged and writes nothing.
	errMine := errors.New("mine")
	_, err = s.Leads().Update(ctx, seqID(1), func(l *leads.Lead) error { l.JobTitle = "lost"; return errMine })
	require.Same(t, errMine, err)
	_, err = s.Leads().Update(ctx, seqID(1), func(l *leads.Lead) error { l.Version--; return nil })
	require.ErrorIs(t, err, leads.ErrConflict)
	_, err = s.Leads().Update(ctx, seqID(1), func(l *leads.Lead) error { l.ID = seqID(2); return nil })
	require.ErrorIs(t, err, leads.ErrInvalid)
	_, err = s.Leads().Update(ctx, seqID(2), func(l *leads.Lead) error { return nil })
	require.ErrorIs(t, err, leads.ErrNotFound)

	stored2, err := s.Leads().Get(ctx, seqID(1))
	require.NoError(t, err)
	require.Equal(t, stored, stored2)
	requireReopenSame(t, s)
}

func TestDelete(t *testing.T) {
	s := openT(t, tempPath(t), nil)
	require.NoError(t, s.Leads().Create(ctx, sampleLead(1)))
	require.NoError(t, s.Leads().Delete(ctx, seqID(1)))
	require.ErrorIs(t, s.Leads().Delete(ctx, seqID(1)), leads.ErrNotFound)
	_, err := s.Leads().Get(ctx, seqID(1))
	require.ErrorIs(t, err, leads.ErrNotFound)
	require.NoError(t, s.Leads().Create(ctx, sampleLead(1)), "a deleted ID can be used again")
	requireReopenSame(t, s)
}

func TestAccounts(t *testing.T) {
	s := openT(t, tempPath(t), nil)
	a := &leads.Account{ID: seqID(1), Name: "Acme", WebPages: []string{"https://acme.example"}}
	require.NoError(t, s.Accounts().Create(ctx, a))
	require.EqualValues(t, 1, a.Version)
	require.ErrorIs(t, s.Accounts().Create(ctx, a), leads.ErrConflict)
	got, err := s.Accounts().Update(ctx, a.ID, func(a *leads.Account) error { a.Name = "Acme Inc"; return nil })
	require.NoError(t, err)
	require.EqualValues(t, 2, got.Version)
	require.NoError(t, s.Accounts().Create(ctx, &leads.Account{ID: seqID(2), Name: "Beta"}))
	require.NoError(t, s.Accounts().Create(ctx, &leads.Account{ID: seqID(3), Name: "Gamma"}))
	require.NoError(t, s.Accounts().Delete(ctx, seqID(3)))
	require.ErrorIs(t, s.Accounts().Delete(ctx, seqID(3)), leads.ErrNotFound)
	var names []string
	for a, err := range s.Accounts().List(ctx) {
		require.NoError(t, err)
		names = append(names, a.Name)
	}
	require.Equal(t, []string{"Acme Inc", "Beta"}, names)
	requireReopenSame(t, s)
}

func TestAtomic(t *testing.T) {
	path := tempPath(t)
	s := openT(t, path, nil)
	require.NoError(t, s.Leads().Create(ctx, sampleLead(1)))
	require.NoError(t, s.Leads().Create(ctx, sampleLead(2)))

	err := s.Atomic(ctx, func(tx leads.Tx) error {
		if err := tx.Leads().Create(ctx, sampleLead(3)); err != nil {
			return err
		}
		if _, err := tx.Leads().Update(ctx, seqID(1), func(l *leads.Lead) error { l.JobTitle = "in tx"; return nil }); err != nil {
			return err
		}
		if err := tx.Leads().Delete(ctx, seqID(2)); err != nil {
			return err
		}
		n, err := tx.Leads().Count(ctx, leads.Query{})
		require.NoError(t, err)
		require.Equal(t, 2, n, "reads inside see the transaction's writes")
		return tx.Accounts().Create(ctx, &leads.Account{ID: seqID(9), Name: "Acme"})
	})
	require.NoError(t, err)
	n, err := s.Leads().Count(ctx, leads.Query{})
	require.NoError(t, err)
	require.Equal(t, 2, n)

	// A failing function writes nothing, and its error comes back as is.
	errMine := errors.New("mine")
	before := allLeads(t, s)
	err = s.Atomic(ctx, func(tx leads.Tx) error {
		require.NoError(t, tx.Leads().Create(ctx, sampleLead(4)))
		require.NoError(t, tx.Leads().Delete(ctx, seqID(1)))
		return errMine
	})
	require.Same(t, errMine, err)
	require.Equal(t, before, allLeads(t, s))
	requireReopenSame(t, s)

	s = openT(t, path, nil)
	l, err := s.Leads().Get(ctx, seqID(1))
	require.NoError(t, err)
	require.Equal(t, "in tx", l.JobTitle)
	require.EqualValues(t, 2, l.Version)
	_, err = s.Accounts().Get(ctx, seqID(9))
	require.NoError(t, err)
}

func TestCanceledContext(t *testing.T) {
	s := openT(t, tempPath(t), nil)
	c, cancel := context.WithCancel(ctx)
	cancel()
	require.ErrorIs(t, s.Leads().Create(c, sampleLead(1)), context.Canceled)
	require.ErrorIs(t, s.Atomic(c, func(leads.Tx) error { return nil }), context.Canceled)
	n, err := s.Leads().Count(ctx, leads.Query{})
	require.NoError(t, err)
	require.Zero(t, n)
}

// TestConcurrentWrites runs single-record writes and Atomic calls from many
// goroutines, many of them on the same records, so that writes share
// commits and some fail inside shared commits. No acknowledged update may
// be lost, and the index must agree with the file.
func TestConcurrentWrites(t *testing.T) {
	s := openT(t, tempPath(t), nil)
	const hot = 3 // leads that every goroutine updates
	for n := range hot {
		require.NoError(t, s.Leads().Create(ctx, sampleLead(n)))
	}
	const workers, rounds = 16, 40
	var updates atomic.Int64 // acknowledged increments of the hot counters
	errOdd := errors.New("odd")
	var wg sync.WaitGroup
	for w := range workers {
		wg.Go(func() {
			for r := range rounds {
				n := 1000 + w*rounds + r
				require.NoError(t, s.Leads().Create(ctx, sampleLead(n)))
				// Updates of hot records, some failing on purpose inside a
				// commit that others share.
				_, err := s.Leads().Update(ctx, seqID(r%hot), func(l *leads.Lead) error {
					if (w+r)%7 == 0 {
						l.JobTitle = "never stored"
						return errOdd
					}
					c, _ := strconv.Atoi(l.Custom["counter"])
					l.Custom["counter"] = strconv.Itoa(c + 1)
					return nil
				})
				if (w+r)%7 == 0 {
					require.ErrorIs(t, err, errOdd)
				} else {
					require.NoError(t, err)
					updates.Add(1)
				}
				switch r % 10 {
				case 3:
					require.NoError(t, s.Leads().Delete(ctx, seqID(n)))
				case 6:
					// Move a unit between two hot counters, atomically.
					require.NoError(t, s.Atomic(ctx, func(tx leads.Tx) error {
						for i, delta := range []int{-1, +1} {
							_, err := tx.Leads().Update(ctx, seqID((r+i)%hot), func(l *leads.Lead) error {
								c, _ := strconv.Atoi(l.Custom["counter"])
								l.Custom["counter"] = strconv.Itoa(c + delta)
								return nil
							})
							if err != nil {
								return err
							}
						}
						return nil
					}))
				}
			}
		})
	}
	wg.Wait()

	total, versions := 0, 0
	for n := range hot {
		l, err := s.Leads().Get(ctx, seqID(n))
		require.NoError(t, err)
		c, _ := strconv.Atoi(l.Custom["counter"])
		total += c
		versions += int(l.Version) - 1
		require.NotEqual(t, "never stored", l.JobTitle)
	}
	atomics := workers * rounds / 10 * 2 // two updates each
	require.EqualValues(t, updates.Load(), total, "every acknowledged increment is there")
	require.EqualValues(t, updates.Load()+int64(atomics), versions, "one version per update")
	count, err := s.Leads().Count(ctx, leads.Query{})
	require.NoError(t, err)
	require.Equal(t, hot+workers*rounds*9/10, count)
	requireReopenSame(t, s)
}

// TestWriteThenRead checks that a write that returned is visible to the
// writer at once, also when it shared its commit.
func TestWriteThenRead(t *testing.T) {
	s := openT(t, tempPath(t), nil)
	var wg sync.WaitGroup
	for w := range 8 {
		wg.Go(func() {
			for r := range 30 {
				n := w*100 + r
				require.NoError(t, s.Leads().Create(ctx, sampleLead(n)))
				got, err := s.Leads().Get(ctx, seqID(n))
				require.NoError(t, err, "lead %d", n)
				require.Equal(t, storedLead(n), got)
				up, err := s.Leads().Update(ctx, seqID(n), func(l *leads.Lead) error {
					l.JobTitle = fmt.Sprint("v2 of ", n)
					return nil
				})
				require.NoError(t, err)
				got, err = s.Leads().Get(ctx, seqID(n))
				require.NoError(t, err)
				require.Equal(t, up, got)
			}
		})
	}
	wg.Wait()
}

// txID returns the ID of the last committed bbolt transaction.
func txID(t *testing.T, s *Store) int {
	t.Helper()
	var id int
	require.NoError(t, s.db.View(func(tx *bolt.Tx) error { id = tx.ID(); return nil }))
	return id
}

func TestConcurrentWritersShareCommits(t *testing.T) {
	s := openT(t, tempPath(t), nil)
	before := txID(t, s)
	const writers, each = 16, 50
	var wg sync.WaitGroup
	for w := range writers {
		wg.Go(func() {
			for i := range each {
				require.NoError(t, s.Leads().Create(ctx, sampleLead(w*each+i)))
			}
		})
	}
	wg.Wait()
	commits := txID(t, s) - before
	t.Logf("%d writes in %d commits", writers*each, commits)
	require.Less(t, commits, writers*each/2)

	// A lone writer commits at once, alone.
	before = txID(t, s)
	require.NoError(t, s.Leads().Create(ctx, sampleLead(10_000)))
	require.Equal(t, before+1, txID(t, s))
}

func TestUpdateFunctionPanics(t *testing.T) {
	// A panic in an update function panics in its caller, writes nothing,
	// and does not disturb the writes that share its commit.
	s := openT(t, tempPath(t), nil)
	require.NoError(t, s.Leads().Create(ctx, sampleLead(0)))
	var wg sync.WaitGroup
	for w := range 8 {
		wg.Go(func() {
			for i := range 20 {
				if (w+i)%5 == 0 {
					require.PanicsWithValue(t, "boom", func() {
						s.Leads().Update(ctx, seqID(0), func(l *leads.Lead) error {
							l.JobTitle = "never stored"
							panic("boom")
						})
					})
					continue
				}
				require.NoError(t, s.Leads().Create(ctx, sampleLead(1+w*20+i)))
			}
		})
	}
	wg.Wait()
	l, err := s.Leads().Get(ctx, seqID(0))
	require.NoError(t, err)
	require.Equal(t, storedLead(0), l)
	n, err := s.Leads().Count(ctx, leads.Query{})
	require.NoError(t, err)
	require.Equal(t, 1+8*20*4/5, n)
	requireReopenSame(t, s)
}
