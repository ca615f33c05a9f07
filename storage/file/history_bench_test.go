package file

import (
	"encoding/binary"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"runtime"
	"sync/atomic"
	"testing"
	"time"

	"github.com/google/uuid"
	"github.com/leadkit/leads"
	"github.com/leadkit/leads/storage/storagetest"
	"github.com/stretchr/testify/require"
	bolt "go.etcd.io/bbolt"
)

// The history benchmarks use a store of a million history items: ten
// records have 10,000 items each, and 90,000 other records 10 each.
const (
	historyItems  = million
	hotRecords    = 10
	hotItems      = 10_000
	coldPerRecord = 10
)

// historyRecord returns the record that sample history item i links to.
func historyRecord(i int) uuid.UUID {
	if i < hotRecords*hotItems {
		return seqID(i % hotRecords)
	}
	return seqID(hotRecords + (i-hotRecords*hotItems)/coldPerRecord)
}

// sharedHistoryStore returns the path of a store holding a million history
// items, built once per run straight into the bbolt file, in big
// transactions without fsync.
func sharedHistoryStore(b *testing.B) string {
	b.Helper()
	const key = -1 // not a number of leads
	shared.mu.Lock()
	defer shared.mu.Unlock()
	if path, ok := shared.stores[key]; ok {
		return path
	}
	if shared.dir == "" {
		dir, err := os.MkdirTemp("", "leads-file-bench-")
		require.NoError(b, err)
		shared.dir, shared.stores = dir, map[int]string{}
	}
	path := filepath.Join(shared.dir, "history-1M.db")
	s, err := Open(path, nil)
	require.NoError(b, err)
	require.NoError(b, s.Close())
	db, err := bolt.Open(path, 0o600, &bolt.Options{NoSync: true})
	require.NoError(b, err)
	defer db.Close()
	const chunk = 100_000
	for lo := 0; lo < historyItems; lo += chunk {
		require.NoError(b, db.Update(func(tx *bolt.Tx) error {
			bs, _ := bucketsOf(tx)
			for i := lo; i < min(lo+chunk, historyItems); i++ {
				h := storagetest.SampleHistory(i, historyRecord(i))
				h.Version = 1
				if err := bs.history.Put(h.ID[:], encodeHistory(h)); err != nil {
					return err
				}
			}
			return bs.meta.Put(bucketHistory, binary.BigEndian.AppendUint64(nil, uint64(min(lo+chunk, historyItems))))
		}))
	}
	require.NoError(b, db.Sync())
	shared.stores[key] = path
	return path
}

// BenchmarkHistoryByRecord1M lists the history of a record that has 10,000
// items, in a store of a million: all of it, the first page of 50, and one
// kind in a month.
func BenchmarkHistoryByRecord1M(b *testing.B) {
	path := sharedHistoryStore(b)
	start := time.Now()
	s := openT(b, path, &Options{NoSync: true})
	b.Logf("opened a store of %d history items in %s", s.index.HistoryLen(), time.Since(start))
	benchmarkByRecord(b, s)
}

func benchmarkByRecord(b *testing.B, s leads.Store) {
	from := storagetest.SampleHistory(0).At.Add(24 * 30 * time.Hour)
	for _, tc := range []struct {
		name string
		f    leads.HistoryFilter
		want int
	}{
		{"all 10k", leads.HistoryFilter{}, hotItems},
		{"first 50", leads.HistoryFilter{Limit: 50}, 50},
		{"tasks in a month", leads.HistoryFilter{Kinds: []leads.HistoryKind{leads.KindTask},
			From: from, To: from.Add(24 * 30 * time.Hour)}, -1},
		{"cold record", leads.HistoryFilter{}, coldPerRecord},
	} {
		b.Run(tc.name, func(b *testing.B) {
			record := seqID(3)
			if tc.name == "cold record" {
				record = seqID(hotRecords + 4242)
			}
			for b.Loop() {
				n := 0
				for _, err := range s.History().ByRecord(ctx, record, tc.f) {
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

// atomicOnly hides the file store's LoggedUpdater, so that a Book writes
// each edit and its change log entry in Store.Atomic.
type atomicOnly struct{ *Store }

func (s atomicOnly) Leads() leads.LeadRepository {
	return struct{ leads.LeadRepository }{s.Store.Leads()}
}

// BenchmarkEdit measures durable single-record edits through a Book, with
// their change log, by 1 and 16 writers: through the store's group-commit
// UpdateLogged, through Atomic, and, as the baseline, plain updates
// without a change log.
func BenchmarkEdit(b *testing.B) {
	const n = 10_000
	src := sharedStore(b, n)
	for _, writers := range []int{1, 16} {
		for _, way := range []string{"logged", "atomic", "update without log"} {
			b.Run(fmt.Sprintf("%s/writers=%d", way, writers), func(b *testing.B) {
				s := openT(b, copyStore(b, src), nil)
				var store leads.Store = s
				if way == "atomic" {
					store = atomicOnly{s}
				}
				book := leads.New(store)
				var seed atomic.Uint64
				b.SetParallelism((writers + runtime.GOMAXPROCS(0) - 1) / runtime.GOMAXPROCS(0))
				b.ResetTimer()
				b.RunParallel(func(pb *testing.PB) {
					rng := rand.New(rand.NewPCG(seed.Add(1), 2))
					for pb.Next() {
						id := seqID(rng.IntN(n))
						title := fmt.Sprint("Buyer ", rng.IntN(1000))
						var err error
						if way == "update without log" {
							_, err = s.Leads().Update(ctx, id, func(l *leads.Lead) error { l.JobTitle = title; return nil })
						} else {
							_, err = book.Edit(ctx, id, func(l *leads.Lead) error { l.JobTitle = title; return nil })
						}
						if err != nil {
							b.Error(err)
							return
						}
					}
				})
				reportRate(b, 1)
			})
		}
	}
}
