package storagetest

import (
	"strconv"
	"sync"
	"testing"

	"github.com/leadkit/leads"
	"github.com/stretchr/testify/require"
)

// testUpdateRetriesHold has 16 goroutines increment one counter of one
// record 20 times each through Book.EditRetrying with its default options: every
// increment is saved (none lost, none given up on), since the retries back
// off with jitter long enough for the writers to spread out.
func testUpdateRetriesHold(t *testing.T, s leads.Store) {
	b := leads.New(s)
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
