package leads_test

import (
	"context"
	"fmt"
	"os"
	"testing"

	"github.com/google/uuid"

	"github.com/leadkit/leads"
	"github.com/leadkit/leads/storage/memory"
)

// BenchmarkMerge merges two records in a memory store of n records. What a
// merge reads is found by ID or through the store's key index (merged IDs,
// the records the merged ones initiated), so its cost follows the size of
// the merged records and their history, not n. The index is built before
// the timer starts: building it is a one-off cost of the store's first
// lookup, measured with duplicate detection.
func BenchmarkMerge(b *testing.B) {
	for _, n := range benchSizes() {
		b.Run(fmt.Sprint(n), func(b *testing.B) {
			ctx := context.Background()
			store := memory.New()
			defer store.Close()
			book := leads.New(store)
			ls := make([]*leads.Lead, n)
			for i := range ls {
				ls[i] = &leads.Lead{ID: uuid.Must(uuid.NewV7()), FullName: fmt.Sprintf("Lead %d", i), Status: leads.StatusNew,
					Emails: []leads.Email{{Address: fmt.Sprintf("lead%d@example.org", i)}}}
			}
			if err := leads.CreateMany(ctx, store, ls); err != nil {
				b.Fatal(err)
			}
			for range store.Leads().Lookup(ctx, leads.MergedKey(uuid.Nil), 1) {
			} // builds the key index
			b.ResetTimer()
			for i := range b.N {
				// Merge pairs of records not merged yet.
				s, o := ls[(2*i)%n], ls[(2*i+1)%n]
				if _, err := book.Merge(ctx, s.ID, []uuid.UUID{o.ID}, leads.MergeOptions{}); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// benchSizes are the store sizes of BenchmarkMerge; LEADS_BENCH_1M=1 adds
// a million records (slow to set up: run with -benchtime 5x).
func benchSizes() []int {
	if os.Getenv("LEADS_BENCH_1M") != "" {
		return []int{1_000, 100_000, 1_000_000}
	}
	return []int{1_000, 100_000}
}
