package memory_test

import (
	"context"
	"testing"
	"time"

	"github.com/google/uuid"
	"github.com/leadkit/leads"
	"github.com/leadkit/leads/storage/memory"
	"github.com/leadkit/leads/storage/storagetest"
)

// plainStore hides the store's native batch update (LeadBatchUpdater),
// so that benchmarks measure the core's generic fallback too.
type plainStore struct{ *memory.Store }

func (s plainStore) Atomic(ctx context.Context, fn func(leads.Tx) error) error {
	return s.Store.Atomic(ctx, func(tx leads.Tx) error { return fn(plainTx{tx}) })
}

type plainTx struct{ leads.Tx }

func (t plainTx) Leads() leads.LeadRepository { return plainLeads{t.Tx.Leads()} }

type plainLeads struct{ leads.LeadRepository }

// teamBook returns a Book over a store of 100k sample leads with the users
// alice and bob, and every lead's ID.
func teamBook(b *testing.B, generic bool) (*leads.Book, []uuid.UUID) {
	b.Helper()
	var s leads.Store = filled(b, benchSize)
	if generic {
		s = plainStore{s.(*memory.Store)}
	}
	book := leads.New(s)
	for _, name := range []string{"alice", "bob"} {
		if _, err := book.Users().Create(context.Background(), &leads.User{Name: name, Email: ""}); err != nil {
			b.Fatal(err)
		}
	}
	ids := make([]uuid.UUID, benchSize)
	for i := range ids {
		ids[i] = storagetest.Sample(i).ID
	}
	return book, ids
}

func reportRate(b *testing.B, perOp int) {
	if s := b.Elapsed().Seconds(); s > 0 {
		b.ReportMetric(float64(perOp*b.N)/s, "records/s")
	}
}

func benchBulkEdit(b *testing.B, generic bool) {
	book, ids := teamBook(b, generic)
	ctx := context.Background()
	values := []string{"gold", "silver"}
	b.ReportAllocs()
	i := 0
	start := cpuTime()
	for b.Loop() {
		n, err := book.BulkEdit(ctx, leads.Set("custom.tier", values[i%2]), ids...)
		if err != nil || n != len(ids) {
			b.Fatal(n, err)
		}
		i++
	}
	reportCPU(b, start)
	reportRate(b, len(ids))
}

func benchAssign(b *testing.B, generic bool) {
	book, ids := teamBook(b, generic)
	ctx := context.Background()
	members := []string{"alice", "bob"}
	b.ReportAllocs()
	i := 0
	start := cpuTime()
	for b.Loop() {
		if _, err := book.Assign(ctx, members[i%2], ids...); err != nil {
			b.Fatal(err)
		}
		i++
	}
	reportCPU(b, start)
	reportRate(b, len(ids))
}

// BenchmarkBulkEdit100k sets a custom field of 100k selected records, to
// a new value each time, through the store's native batch update.
func BenchmarkBulkEdit100k(b *testing.B) { benchBulkEdit(b, false) }

// BenchmarkBulkEdit100kGeneric does the same through one Update per record.
func BenchmarkBulkEdit100kGeneric(b *testing.B) { benchBulkEdit(b, true) }

// BenchmarkAssign100k assigns 100k selected records to the other member
// each time.
func BenchmarkAssign100k(b *testing.B) { benchAssign(b, false) }

// BenchmarkAssign100kGeneric does the same through one Update per record.
func BenchmarkAssign100kGeneric(b *testing.B) { benchAssign(b, true) }

// reportCPU reports the processor time per operation since start (see
// cpuTime in report_ratio_test.go): the machines the benchmarks run on are
// shared, so wall time per operation varies with the load, processor time
// much less.
func reportCPU(b *testing.B, start time.Duration) {
	b.ReportMetric(float64(cpuTime()-start)/float64(b.N), "cpu-ns/op")
}
