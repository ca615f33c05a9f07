package memory_test

import (
	"context"
	"runtime"
	"testing"

	"github.com/google/uuid"
	"github.com/leadkit/leads"
	"github.com/leadkit/leads/storage/memory"
	"github.com/leadkit/leads/storage/storagetest"
)

const benchSize = 100_000

// filled returns a store holding n sample leads.
func filled(b *testing.B, n int) *memory.Store {
	b.Helper()
	s := memory.New()
	ctx := context.Background()
	err := s.Atomic(ctx, func(tx leads.Tx) error {
		for i := range n {
			if err := tx.Leads().Create(ctx, storagetest.Sample(i)); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		b.Fatal(err)
	}
	return s
}

func BenchmarkCreate100k(b *testing.B) {
	s := filled(b, benchSize)
	ctx := context.Background()
	fresh := make([]*leads.Lead, 4096)
	for i := range fresh {
		fresh[i] = storagetest.Sample(benchSize + i)
	}
	b.ReportAllocs()
	i := 0
	for b.Loop() {
		if i == len(fresh) { // make room again, outside the timing
			b.StopTimer()
			for _, l := range fresh {
				if err := s.Leads().Delete(ctx, l.ID); err != nil {
					b.Fatal(err)
				}
			}
			i = 0
			b.StartTimer()
		}
		if err := s.Leads().Create(ctx, fresh[i]); err != nil {
			b.Fatal(err)
		}
		i++
	}
}

func BenchmarkGet100k(b *testing.B) {
	s := filled(b, benchSize)
	ctx := context.Background()
	ids := make([]uuid.UUID, 4096)
	for i := range ids {
		ids[i] = storagetest.Sample(i * 7919 % benchSize).ID
	}
	b.ReportAllocs()
	i := 0
	for b.Loop() {
		if _, err := s.Leads().Get(ctx, ids[i%len(ids)]); err != nil {
			b.Fatal(err)
		}
		i++
	}
}

func BenchmarkUpdate100k(b *testing.B) {
	s := filled(b, benchSize)
	ctx := context.Background()
	ids := make([]uuid.UUID, 1024)
	for i := range ids {
		ids[i] = storagetest.Sample(i * 97 % benchSize).ID
	}
	b.ReportAllocs()
	i := 0
	for b.Loop() {
		_, err := s.Leads().Update(ctx, ids[i%len(ids)], func(l *leads.Lead) error {
			l.JobTitle = "Buyer"
			return nil
		})
		if err != nil {
			b.Fatal(err)
		}
		i++
	}
}

// BenchmarkList100k lists one page of a filtered, sorted query.
func BenchmarkList100k(b *testing.B) {
	s := filled(b, benchSize)
	ctx := context.Background()
	q := leads.Query{
		Types: []leads.RecordType{leads.TypeLead},
		Where: leads.And(leads.StarsBetween(3, 5), leads.Contains(leads.FieldCompany, "company 01")),
		Sort:  []leads.SortKey{leads.Desc(leads.FieldScore)},
		Limit: 50,
	}
	b.ReportAllocs()
	for b.Loop() {
		n := 0
		for _, err := range s.Leads().List(ctx, q) {
			if err != nil {
				b.Fatal(err)
			}
			n++
		}
		if n != 50 {
			b.Fatalf("listed %d", n)
		}
	}
}

// BenchmarkListAll100k streams every record in File As order.
func BenchmarkListAll100k(b *testing.B) {
	s := filled(b, benchSize)
	ctx := context.Background()
	b.ReportAllocs()
	for b.Loop() {
		n := 0
		for _, err := range s.Leads().List(ctx, leads.Query{}) {
			if err != nil {
				b.Fatal(err)
			}
			n++
		}
		if n != benchSize {
			b.Fatalf("listed %d", n)
		}
	}
}

// BenchmarkHeapPerLead compares the heap a store of 100k leads holds with
// the heap of the same leads in a plain []leads.Lead.
func BenchmarkHeapPerLead(b *testing.B) {
	for b.Loop() {
		base := heapInUse()
		plain := make([]leads.Lead, benchSize)
		for i := range plain {
			plain[i] = *storagetest.Sample(i)
		}
		plainBytes := heapInUse() - base
		runtime.KeepAlive(plain)
		plain = nil

		base = heapInUse()
		s := filled(b, benchSize)
		storeBytes := heapInUse() - base
		runtime.KeepAlive(s)

		b.ReportMetric(float64(plainBytes)/benchSize, "plain-B/lead")
		b.ReportMetric(float64(storeBytes)/benchSize, "store-B/lead")
		b.ReportMetric(float64(storeBytes)/float64(plainBytes), "ratio")
	}
}

func heapInUse() int64 {
	var m runtime.MemStats
	runtime.GC()
	runtime.GC()
	runtime.ReadMemStats(&m)
	return int64(m.HeapAlloc)
}
