package leads_test

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/leadkit/leads"
	"github.com/leadkit/leads/storage/memory"
	"github.com/stretchr/testify/require"
)

// TestUpdateBackoffRespectsContext: a context that ends while Update
// waits to retry stops it at once, with the context's error, and the
// change is not written.
func TestUpdateBackoffRespectsContext(t *testing.T) {
	ctx := context.Background()
	b := leads.New(memory.New(), leads.WithRetryBackoff(time.Hour, time.Hour))
	l, err := b.Create(ctx, &leads.Lead{FullName: "Ada Lovelace"})
	require.NoError(t, err)
	deadline, cancel := context.WithTimeout(ctx, 50*time.Millisecond)
	defer cancel()
	start := time.Now()
	_, err = b.EditRetrying(deadline, l.ID, func(cur *leads.Lead) error {
		_, err := b.Edit(ctx, l.ID, func(o *leads.Lead) error { o.Company += "x"; return nil })
		require.NoError(t, err)
		cur.JobTitle = "never"
		return nil
	})
	require.True(t, errors.Is(err, context.DeadlineExceeded), "got %v", err)
	require.Less(t, time.Since(start), 10*time.Second, "the hour of backoff was cut short")
	got, err := b.Get(ctx, l.ID)
	require.NoError(t, err)
	require.Empty(t, got.JobTitle)
}
