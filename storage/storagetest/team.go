package storagetest

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"testing"
	"time"

	"github.com/google/uuid"
	"github.com/leadkit/leads"
	"github.com/stretchr/testify/require"
)

// testTeamOperations runs the Book's team operations on the store: they
// are built from Atomic, so every adapter must give them the same,
// all-or-nothing result.
func testTeamOperations(t *testing.T, s leads.Store) {
	b := leads.New(s)
	for _, name := range []string{"alice", "bob", "carol"} {
		_, err := b.Users().Create(ctx, &leads.User{Name: name, Email: ""})
		require.NoError(t, err)
	}
	var all []uuid.UUID
	for i := range 12 {
		create(t, s, Sample(i))
		all = append(all, Sample(i).ID)
	}
	n, err := b.Assign(ctx, "Bob", all...)
	require.NoError(t, err)
	require.Equal(t, 9, n, "three of twelve were bob's already")
	missing := uuid.Must(uuid.NewV7())
	_, err = b.BulkEdit(ctx, leads.Set("custom.tier", "gold"), append(all, missing)...)
	require.ErrorIs(t, err, leads.ErrNotFound)
	require.ErrorContains(t, err, missing.String())
	for l, err := range s.Leads().List(ctx, leads.Query{}) {
		require.NoError(t, err)
		require.Equal(t, "bob", l.AssignedTo)
		require.NotContains(t, l.Custom, "tier", "a failed bulk edit changes nothing")
	}
	_, err = b.Users().Delete(ctx, "bob", leads.Handover{})
	require.ErrorIs(t, err, leads.ErrHasLeads)
	n, err = b.Users().Delete(ctx, "bob", leads.Handover{To: "carol"})
	require.NoError(t, err)
	require.Equal(t, 12, n)
	c, err := s.Leads().Count(ctx, leads.Query{Where: leads.Eq(leads.FieldAssignedTo, "carol")})
	require.NoError(t, err)
	require.Equal(t, 12, c)
	require.Len(t, listUsers(t, s), 2)
	require.NoError(t, b.Delete(ctx, all[:3]...))
	require.ErrorIs(t, b.Delete(ctx, all[3], all[0]), leads.ErrNotFound)
	_, err = s.Leads().Get(ctx, all[3])
	require.NoError(t, err, "a failed delete deletes nothing")
}

// testConcurrentTeam has many goroutines assign and edit overlapping
// records at once, through every write path of the Book (Assign over
// several records, BulkEdit, Edit, and Update with its retries): each
// write is either applied or reported, and none is lost.
func testConcurrentTeam(t *testing.T, s leads.Store) {
	b := leads.New(s, leads.WithRetryAttempts(1000))
	members := []string{"alice", "bob", "carol"}
	for _, name := range members {
		_, err := b.Users().Create(ctx, &leads.User{Name: name, Email: ""})
		require.NoError(t, err)
	}
	const records, workers, each = 6, 8, 24
	var ids []uuid.UUID
	for i := range records {
		l := Sample(i)
		l.Custom = map[string]string{}
		create(t, s, l)
		ids = append(ids, l.ID)
	}
	deadline, cancel := context.WithTimeout(ctx, 20*time.Second)
	defer cancel()
	var (
		wg       sync.WaitGroup
		mu       sync.Mutex
		marks    = map[string]uuid.UUID{} // applied custom marks
		versions int                      // record versions the applied writes reported
		failed   int
		gaveUp   = map[string]bool{} // Update calls that reported losing every race
	)
	for w := range workers {
		wg.Go(func() {
			for i := range each {
				id := ids[(w+i)%records]
				mark := fmt.Sprintf("w%d-%d", w, i)
				var err error
				changed := 0
				switch i % 4 {
				case 0: // assign three overlapping records
					sel := []uuid.UUID{id, ids[(w+i+1)%records], ids[(w+i+2)%records]}
					changed, err = b.Assign(deadline, members[(w+i)%3], sel...)
				case 1:
					changed, err = b.BulkEdit(deadline, leads.Set(leads.CustomField(mark), "1"), id)
				case 2:
					_, err = b.Edit(deadline, id, func(l *leads.Lead) error {
						if l.Custom == nil {
							l.Custom = map[string]string{}
						}
						l.Custom[mark] = "1"
						return nil
					})
					changed = 1
				case 3:
					_, err = b.EditRetrying(deadline, id, func(l *leads.Lead) error {
						if l.Custom == nil {
							l.Custom = map[string]string{}
						}
						l.Custom[mark] = "1"
						return nil
					})
					changed = 1
				}
				mu.Lock()
				switch {
				case err != nil && i%4 == 3 && errors.Is(err, leads.ErrConflict):
					gaveUp[mark] = true // reported, so not lost
				case err != nil:
					failed++
					t.Errorf("%s on %s: %v", mark, id, err)
				default:
					versions += changed
					if i%4 != 0 {
						marks[mark] = id
					}
				}
				mu.Unlock()
			}
		})
	}
	wg.Wait()
	total := 0
	for _, id := range ids {
		l, err := s.Leads().Get(ctx, id)
		require.NoError(t, err)
		total += int(l.Version - 1)
		require.Contains(t, members, l.AssignedTo)
		for mark := range l.Custom {
			require.False(t, gaveUp[mark], "mark %s was reported as failed but stored", mark)
			require.Equal(t, id, marks[mark], "mark %s was stored but not reported as applied", mark)
			delete(marks, mark)
		}
	}
	require.Empty(t, marks, "every write reported as applied is stored")
	require.Equal(t, versions, total, "one version per record each applied write changed")
	require.Zero(t, failed)
	t.Logf("%d updates gave up after their retries", len(gaveUp))
}
