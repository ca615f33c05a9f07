package storagetest

import (
	"context"
	"runtime"
	"testing"
	"time"

	"github.com/google/uuid"
	"github.com/leadkit/leads"
	"github.com/leadkit/leads/dedupe"
)

// BenchDuplicates measures Book.Duplicates for one new lead in s, which
// holds a large sample (Sample, or leads like it: one in 13 shares each
// of 13 company domains, one in 10,000 each phone number, about one in
// 10,000 each name at each company). It first builds the store's key
// index with one Lookup, reporting the time it took (index-build-s) and
// the live heap it added (index-heap-MB), then runs:
//
//   - "match": a new lead sharing an e-mail address, a phone number and a
//     name at a company with stored leads; the phone number and the name
//     are shared by about a hundred leads each, so the bound on candidates
//     (DefaultDuplicateLimit) is reached;
//   - "fresh": a new lead that matches nothing, the common case on create.
func BenchDuplicates(b *testing.B, s leads.Store) {
	ctx := context.Background()
	runtime.GC()
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	start := time.Now()
	for range s.Leads().Lookup(ctx, "e:nobody@example.invalid", 1) {
	}
	build := time.Since(start)
	runtime.GC()
	runtime.ReadMemStats(&after)
	heap := float64(int64(after.HeapAlloc)-int64(before.HeapAlloc)) / 1e6
	b.Logf("key index: built in %s, %.0f MB of heap", build, heap)

	book := leads.New(s, leads.WithDuplicateFinder(dedupe.Finder{}))
	probes := []struct {
		name string
		lead *leads.Lead
		min  int // duplicates expected at least
	}{
		{"match", &leads.Lead{FullName: "Lovelace, Ada", Company: "Company 005",
			Emails: []leads.Email{{Address: "User5@Example5.com"}}, Phones: []leads.Phone{{Number: "+1 555 0005"}}}, 2},
		{"fresh", &leads.Lead{FullName: "Nobody Newcomer", Company: "Fresh Co",
			Emails: []leads.Email{{Address: "nobody@fresh.example"}}, Phones: []leads.Phone{{Number: "+1 212 555 0100"}}}, 0},
	}
	for _, p := range probes {
		p.lead.ID = uuid.Must(uuid.NewV7())
		b.Run(p.name, func(b *testing.B) {
			b.ReportAllocs()
			var found int
			for b.Loop() {
				dups, err := book.Duplicates(ctx, p.lead, leads.DuplicateOptions{})
				if err != nil {
					b.Fatal(err)
				}
				found = len(dups)
			}
			if found < p.min {
				b.Fatalf("%d duplicates, want at least %d", found, p.min)
			}
			b.ReportMetric(float64(found), "duplicates")
			b.ReportMetric(build.Seconds(), "index-build-s")
			b.ReportMetric(heap, "index-heap-MB")
		})
	}
}
