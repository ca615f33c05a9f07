package file

import (
	"context"
	"syscall"
	"testing"
	"time"

	"github.com/google/uuid"
	"github.com/leadkit/leads"
	"github.com/stretchr/testify/require"
)

const teamBenchSize = 100_000

// teamBook opens a copy of the shared store of 100k leads with the users
// alice and bob, and returns a Book over it and every lead's ID.
func teamBook(b *testing.B) (*leads.Book, []uuid.UUID) {
	b.Helper()
	s := openT(b, copyStore(b, sharedStore(b, teamBenchSize)), nil)
	book := leads.New(s)
	ctx := context.Background()
	for _, name := range []string{"alice", "bob"} {
		_, err := book.Users().Create(ctx, &leads.User{Name: name, Email: ""})
		require.NoError(b, err)
	}
	ids := make([]uuid.UUID, teamBenchSize)
	for i := range ids {
		ids[i] = seqID(i)
	}
	return book, ids
}

// BenchmarkBulkEdit100k sets a custom field of 100k selected records,
// to a new value each time, in one durable transaction.
func BenchmarkBulkEdit100k(b *testing.B) {
	book, ids := teamBook(b)
	ctx := context.Background()
	values := []string{"gold", "silver"}
	i := 0
	start := cpuTime()
	for b.Loop() {
		n, err := book.BulkEdit(ctx, leads.Set("custom.tier", values[i%2]), ids...)
		require.NoError(b, err)
		require.Equal(b, len(ids), n)
		i++
	}
	reportCPU(b, start)
	reportRate(b, len(ids))
}

// BenchmarkAssign100k assigns 100k selected records to a member, to the
// other member each time.
func BenchmarkAssign100k(b *testing.B) {
	book, ids := teamBook(b)
	ctx := context.Background()
	members := []string{"alice", "bob"}
	i := 0
	start := cpuTime()
	for b.Loop() {
		_, err := book.Assign(ctx, members[i%2], ids...)
		require.NoError(b, err)
		i++
	}
	reportCPU(b, start)
	reportRate(b, len(ids))
}

// cpuTime returns the processor time the process has used, user and
// system. The machines the benchmarks run on are shared, so wall time
// per operation varies with the load; processor time much less.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// reportCPU reports the processor time per operation since start.
func reportCPU(b *testing.B, start time.Duration) {
	b.ReportMetric(float64(cpuTime()-start)/float64(b.N), "cpu-ns/op")
}
