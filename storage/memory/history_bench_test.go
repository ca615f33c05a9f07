package memory_test

import (
	"context"
	"encoding/binary"
	"testing"
	"time"

	"github.com/google/uuid"
	"github.com/leadkit/leads"
	"github.com/leadkit/leads/storage/internal/index"
	"github.com/leadkit/leads/storage/memory"
	"github.com/leadkit/leads/storage/storagetest"
)

// The history benchmarks hold total items: ten records have 10,000 items
// each, and the others 10 each.
const (
	hotRecords    = 10
	hotItems      = 10_000
	coldPerRecord = 10
)

func recordID(n int) uuid.UUID {
	var id uuid.UUID
	binary.BigEndian.PutUint64(id[8:], uint64(n)+1)
	id[6], id[8] = 0x70, 0x80
	return id
}

func historyRecord(i int) uuid.UUID {
	if i < hotRecords*hotItems {
		return recordID(i % hotRecords)
	}
	return recordID(hotRecords + (i-hotRecords*hotItems)/coldPerRecord)
}

// withHistory returns a store holding total sample history items.
func withHistory(b *testing.B, total int) *memory.Store {
	b.Helper()
	s := memory.New()
	c := index.NewChanges()
	for i := range total {
		h := storagetest.SampleHistory(i, historyRecord(i))
		h.Version = 1
		c.History[h.ID] = h
	}
	start := time.Now()
	memory.Fill(s, c)
	b.Logf("indexed %d history items in %s", total, time.Since(start))
	return s
}

// BenchmarkHistoryByRecord lists the history of a record that has 10,000
// items, in stores of 200,000 and a million items in all: the cost follows
// the record's history, not the store's.
func BenchmarkHistoryByRecord(b *testing.B) {
	ctx := context.Background()
	for _, total := range []int{200_000, 1_000_000} {
		s := withHistory(b, total)
		from := storagetest.SampleHistory(0).At.Add(24 * 30 * time.Hour)
		for _, tc := range []struct {
			name   string
			record uuid.UUID
			f      leads.HistoryFilter
			want   int
		}{
			{"all 10k", recordID(3), leads.HistoryFilter{}, hotItems},
			{"first 50", recordID(3), leads.HistoryFilter{Limit: 50}, 50},
			{"tasks in a month", recordID(3), leads.HistoryFilter{Kinds: []leads.HistoryKind{leads.KindTask},
				From: from, To: from.Add(24 * 30 * time.Hour)}, -1},
			{"cold record", recordID(hotRecords + 4242), leads.HistoryFilter{}, coldPerRecord},
		} {
			b.Run(tc.name+"/total="+map[int]string{200_000: "200k", 1_000_000: "1M"}[total], func(b *testing.B) {
				for b.Loop() {
					n := 0
					for _, err := range s.History().ByRecord(ctx, tc.record, tc.f) {
						if err != nil {
							b.Fatal(err)
						}
						n++
					}
					if tc.want >= 0 && n != tc.want || n == 0 {
						b.Fatalf("listed %d items, want %d", n, tc.want)
					}
				}
			})
		}
	}
}
