package leads_test

import (
	"context"
	"fmt"
	"testing"

	"github.com/google/uuid"
	"github.com/leadkit/leads"
	"github.com/leadkit/leads/storage/memory"
)

// benchBook returns a Book over a memory store holding n automatic leads,
// each meeting some of the default criteria.
func benchBook(b *testing.B, n int) *leads.Book {
	b.Helper()
	store := memory.New()
	ctx := context.Background()
	criteria := leads.DefaultCriteria()
	err := store.Atomic(ctx, func(tx leads.Tx) error {
		for i := range n {
			checks := map[uuid.UUID]bool{}
			for j, c := range criteria {
				checks[c.ID] = (i>>j)&1 == 1
			}
			l := &leads.Lead{ID: uuid.Must(uuid.NewV7()), FullName: fmt.Sprintf("Lead %d", i),
				FileAs: fmt.Sprintf("Lead %d", i), Checks: checks}
			if err := tx.Leads().Create(ctx, l); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		b.Fatal(err)
	}
	return leads.New(store)
}

// benchmarkRescore changes the weight of a criterion back and forth: each
// change rescores every automatic record, and about half of them change.
func benchmarkRescore(b *testing.B, n int) {
	book := benchBook(b, n)
	ctx := context.Background()
	id := leads.DefaultCriteria()[0].ID
	weights := []leads.Weight{leads.WeightLow, leads.WeightHigh}
	b.ReportAllocs()
	i := 0
	for b.Loop() {
		w := weights[i%2]
		if _, err := book.Criteria().Edit(ctx, id, func(c *leads.Criterion) error { c.Weight = w; return nil }); err != nil {
			b.Fatal(err)
		}
		i++
	}
	b.ReportMetric(float64(n)*float64(b.N)/b.Elapsed().Seconds(), "records/s")
}

func BenchmarkRescore100k(b *testing.B) { benchmarkRescore(b, 100_000) }
func BenchmarkRescore1M(b *testing.B)   { benchmarkRescore(b, 1_000_000) }
