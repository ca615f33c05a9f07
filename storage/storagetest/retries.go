package storagetest

import (
	"strconv"
	"sync"
	"testing"

	"github.com/leadkit/leads"
	"github.com/stretchr/testify/require"
)

// testUpdateRetriesHold has 16 goroutines increment one counter of one
// record 20 times each through Book.EditRetrying: every increment is saved
// (none lost, none given up on). The attempts are many more than the
// default, so that the outcome does not depend on how fast the machine
// writes: on a loaded machine a store that syncs every commit (SQLite with
// synchronous=FULL) can see a writer lose 24 races in a row, which is the
// default budget doing its job, not an update lost.
func testUpdateRetriesHold(t *testing.T, s leads.Store) {
	b := leads.New(s, leads.WithRetryAttempts(1000))
	l, err := b.Create(ctx, &leads.Lead{FullName: "Counter", Custom: map[string]string{"n": "0"}})
	require.NoError(t, err)
	const workers, each = 16, 20
	var wg sync.WaitGroup
	errs := make(chan error, workers*each)
	for range workers {
		wg.Go(func() {
			for range each {
				_, err := b.EditRetrying(ctx, l.ID, func(cur *leads.Lead) error {
					n, err := strconv.Atoi(cur.Custom["n"])
					if err != nil {
						return err
					}
					cur.Custom["n"] = strconv.Itoa(n + 1)
					return nil
				})
				if err != nil {
					errs <- err
				}
			}
		})
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Errorf("update: %v", err)
	}
	got, err := b.Get(ctx, l.ID)
	require.NoError(t, err)
	require.Equal(t, strconv.Itoa(workers*each), got.Custom["n"], "no increment lost")
}
