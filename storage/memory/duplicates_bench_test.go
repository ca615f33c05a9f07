package memory_test

import (
	"context"
	"fmt"
	"testing"

	"github.com/leadkit/leads"
	"github.com/leadkit/leads/storage/internal/index"
	"github.com/leadkit/leads/storage/memory"
	"github.com/leadkit/leads/storage/storagetest"
)

// BenchmarkDuplicates1M finds the duplicates of one new lead among a
// million (storagetest.BenchDuplicates), then measures what the key index
// adds to writes: an update that changes no key (the index computes the
// record's keys before and after), and one that moves a record from one
// company domain shared by 77,000 leads to another (two copies of long
// ID lists). Run it with -benchtime 100x: the store takes a while to fill.
func BenchmarkDuplicates1M(b *testing.B) {
	s := memory.New()
	c := index.NewChanges()
	for i := range 1_000_000 {
		l := storagetest.Sample(i)
		l.Version = 1
		c.Leads[l.ID] = l
	}
	memory.Fill(s, c)
	c = nil
	storagetest.BenchDuplicates(b, s)

	ctx := context.Background()
	id := storagetest.Sample(500_000).ID
	b.Run("update-no-key-change", func(b *testing.B) {
		b.ReportAllocs()
		n := 0
		for b.Loop() {
			n++
			_, err := s.Leads().Update(ctx, id, func(l *leads.Lead) error { l.JobTitle = fmt.Sprint(n); return nil })
			if err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("update-domain-77k", func(b *testing.B) {
		b.ReportAllocs()
		n := 0
		for b.Loop() {
			n++
			_, err := s.Leads().Update(ctx, id, func(l *leads.Lead) error {
				l.Emails[0].Address = fmt.Sprintf("user500000@example%d.com", n%2)
				return nil
			})
			if err != nil {
				b.Fatal(err)
			}
		}
	})
}
