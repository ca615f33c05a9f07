package memory

import (
	"testing"

	"github.com/leadkit/leads/storage/storagetest"
)

// BenchmarkKeyBuild200k builds the key index of 200,000 sample leads (each
// with an e-mail address, its company domain shared by ~2,000 leads, a
// phone number and a name key): the cost a lookup pays after a bulk load
// dropped the index (applyKeys).
func BenchmarkKeyBuild200k(b *testing.B) {
	x := NewIndex()
	c := NewChanges()
	for i := range 200_000 {
		l := storagetest.Sample(i)
		c.Leads[l.ID] = l
	}
	x.Apply(c)
	b.ReportAllocs()
	for b.Loop() {
		x.mu.Lock()
		x.byKey, x.byKeyMore = nil, nil
		x.buildKeys()
		x.mu.Unlock()
	}
}
