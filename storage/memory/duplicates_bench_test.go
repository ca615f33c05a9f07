package memory_test

import (
	"testing"

	"github.com/leadkit/leads/storage/memory"
	"github.com/leadkit/leads/storage/storagetest"
)

// BenchmarkDuplicates1M finds the duplicates of one new lead among a
// million (storagetest.BenchDuplicates). Run it with -benchtime 100x: the
// store takes a while to fill.
func BenchmarkDuplicates1M(b *testing.B) {
	s := memory.New()
	c := memory.NewChanges()
	for i := range 1_000_000 {
		l := storagetest.Sample(i)
		l.Version = 1
		c.Leads[l.ID] = l
	}
	s.Index().Apply(c)
	c = nil
	storagetest.BenchDuplicates(b, s)
}
