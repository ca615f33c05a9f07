package file

import (
	"encoding/binary"
	"encoding/json"
	"fmt"
	"io"
	"math/rand/v2"
	"os"
	"path/filepath"
	"runtime"
	"sync"
	"sync/atomic"
	"testing"

	"github.com/leadkit/leads"
	"github.com/stretchr/testify/require"
	bolt "go.etcd.io/bbolt"
)

// Benchmarks share large stores: building one of a million leads takes
// several seconds, so each size is built once per run, in a directory that
// TestMain removes at the end.
var shared struct {
	mu     sync.Mutex
	dir    string
	stores map[int]string
}

// sharedStore returns the path of a store holding leads 0 to n-1 of the
// sample set. Callers must not change it; see copyStore.
func sharedStore(b *testing.B, n int) string {
	b.Helper()
	shared.mu.Lock()
	defer shared.mu.Unlock()
	if path, ok := shared.stores[n]; ok {
		return path
	}
	if shared.dir == "" {
		dir, err := os.MkdirTemp("", "leads-file-bench-")
		require.NoError(b, err)
		shared.dir, shared.stores = dir, map[int]string{}
	}
	path := filepath.Join(shared.dir, fmt.Sprintf("leads-%d.db", n))
	bulkLoad(b, path, n)
	shared.stores[n] = path
	return path
}

func removeShared() {
	shared.mu.Lock()
	defer shared.mu.Unlock()
	if shared.dir != "" {
		os.RemoveAll(shared.dir)
	}
}

// bulkLoad writes leads 0 to n-1 straight into a new store's bbolt file,
// in big transactions without fsync: the way to build a big store fast.
func bulkLoad(b testing.TB, path string, n int) {
	s, err := Open(path, nil)
	require.NoError(b, err)
	require.NoError(b, s.Close())
	db, err := bolt.Open(path, 0o600, &bolt.Options{NoSync: true})
	require.NoError(b, err)
	defer db.Close()
	const chunk = 50_000
	for lo := 0; lo < n; lo += chunk {
		require.NoError(b, db.Update(func(tx *bolt.Tx) error {
			bs, _ := bucketsOf(tx)
			for i := lo; i < min(lo+chunk, n); i++ {
				id := seqID(i)
				if err := bs.leads.Put(id[:], encodeLead(storedLead(i))); err != nil {
					return err
				}
			}
			return bs.meta.Put(bucketLeads, binary.BigEndian.AppendUint64(nil, uint64(min(lo+chunk, n))))
		}))
	}
	require.NoError(b, db.Sync())
}

// copyStore copies a shared store into the benchmark's temporary
// directory, for benchmarks that write.
func copyStore(b *testing.B, src string) string {
	b.Helper()
	dst := filepath.Join(b.TempDir(), "leads.db")
	in, err := os.Open(src)
	require.NoError(b, err)
	defer in.Close()
	out, err := os.OpenFile(dst, os.O_CREATE|os.O_WRONLY, 0o600)
	require.NoError(b, err)
	_, err = io.Copy(out, in)
	require.NoError(b, err)
	require.NoError(b, out.Close())
	return dst
}

// reportRate reports how many records per second a benchmark handled.
func reportRate(b *testing.B, perOp int) {
	if s := b.Elapsed().Seconds(); s > 0 {
		b.ReportMetric(float64(perOp*b.N)/s, "records/s")
	}
}

const million = 1_000_000

// BenchmarkOpen1M opens a store of a million leads: reading the file,
// checking and decoding every record, and building the index.
func BenchmarkOpen1M(b *testing.B) {
	path := sharedStore(b, million)
	runtime.GC()
	b.ResetTimer()
	for b.Loop() {
		s, err := Open(path, nil)
		require.NoError(b, err)
		b.StopTimer()
		require.NoError(b, s.Close())
		s = nil
		runtime.GC()
		b.StartTimer()
	}
	reportRate(b, million)
	info, err := os.Stat(path)
	require.NoError(b, err)
	b.ReportMetric(float64(info.Size())/million, "file-bytes/lead")
}

// jsonLeads returns the million sample leads in JSON, one document each.
func jsonLeads(b *testing.B) [][]byte {
	docs := make([][]byte, million)
	for i := range docs {
		var err error
		docs[i], err = json.Marshal(storedLead(i))
		require.NoError(b, err)
	}
	return docs
}

// BenchmarkDecodeJSON1M decodes the same million leads from JSON with
// encoding/json, keeping them, as Open keeps what it decodes: the baseline
// that the stored encoding must beat by 3× (see BenchmarkOpen1M).
func BenchmarkDecodeJSON1M(b *testing.B) {
	docs := jsonLeads(b)
	runtime.GC()
	b.ResetTimer()
	for b.Loop() {
		out := make([]*leads.Lead, len(docs))
		for i, d := range docs {
			out[i] = new(leads.Lead)
			if err := json.Unmarshal(d, out[i]); err != nil {
				b.Fatal(err)
			}
		}
		b.StopTimer()
		out = nil
		runtime.GC()
		b.StartTimer()
	}
	reportRate(b, million)
}

// BenchmarkDecodeJSON1MParallel is BenchmarkDecodeJSON1M on every
// processor, as Open decodes.
func BenchmarkDecodeJSON1MParallel(b *testing.B) {
	docs := jsonLeads(b)
	runtime.GC()
	b.ResetTimer()
	for b.Loop() {
		out := make([]*leads.Lead, len(docs))
		var wg sync.WaitGroup
		workers := runtime.GOMAXPROCS(0)
		for w := range workers {
			wg.Go(func() {
				for i := w * len(docs) / workers; i < (w+1)*len(docs)/workers; i++ {
					out[i] = new(leads.Lead)
					if err := json.Unmarshal(docs[i], out[i]); err != nil {
						panic(err)
					}
				}
			})
		}
		wg.Wait()
		b.StopTimer()
		out = nil
		runtime.GC()
		b.StartTimer()
	}
	reportRate(b, million)
}

// BenchmarkDecodeBinary1M decodes the million leads from the stored
// encoding alone, on one processor, for comparison with the JSON decode.
func BenchmarkDecodeBinary1M(b *testing.B) {
	recs := make([][]byte, million)
	for i := range recs {
		recs[i] = encodeLead(storedLead(i))
	}
	runtime.GC()
	b.ResetTimer()
	for b.Loop() {
		out := make([]*leads.Lead, len(recs))
		shared := decimals{}
		for i, r := range recs {
			var err error
			if out[i], err = decodeLead(r, shared); err != nil {
				b.Fatal(err)
			}
		}
		b.StopTimer()
		out = nil
		runtime.GC()
		b.StartTimer()
	}
	reportRate(b, million)
	b.ReportMetric(float64(len(recs[million/2])), "record-bytes/lead")
}

// open100k opens a copy of a store of 100,000 leads.
func open100k(b *testing.B) *Store {
	s := openT(b, copyStore(b, sharedStore(b, 100_000)), nil)
	runtime.GC()
	return s
}

// BenchmarkCreate100k creates leads, one durable commit each, in a store
// of 100,000.
func BenchmarkCreate100k(b *testing.B) {
	s := open100k(b)
	n := 100_000
	b.ResetTimer()
	for b.Loop() {
		if err := s.Leads().Create(ctx, sampleLead(n)); err != nil {
			b.Fatal(err)
		}
		n++
	}
	reportRate(b, 1)
}

func BenchmarkGet100k(b *testing.B) {
	s := open100k(b)
	rng := rand.New(rand.NewPCG(1, 2))
	b.ResetTimer()
	for b.Loop() {
		if _, err := s.Leads().Get(ctx, seqID(rng.IntN(100_000))); err != nil {
			b.Fatal(err)
		}
	}
	reportRate(b, 1)
}

// BenchmarkUpdate100k updates random leads, one durable commit each.
func BenchmarkUpdate100k(b *testing.B) {
	s := open100k(b)
	rng := rand.New(rand.NewPCG(1, 2))
	b.ResetTimer()
	for b.Loop() {
		_, err := s.Leads().Update(ctx, seqID(rng.IntN(100_000)), func(l *leads.Lead) error {
			l.JobTitle = "Buyer"
			return nil
		})
		if err != nil {
			b.Fatal(err)
		}
	}
	reportRate(b, 1)
}

// BenchmarkList100k lists the first page of 50 of a filtered, sorted
// query over 100,000 leads.
func BenchmarkList100k(b *testing.B) {
	s := open100k(b)
	for name, q := range map[string]leads.Query{
		"all by file as": {Limit: 50},
		"filtered by company": {
			Where: leads.And(leads.Eq(leads.FieldAssignedTo, "alice"), leads.StarsBetween(3, 5)),
			Sort:  []leads.SortKey{leads.Asc(leads.FieldCompany)},
			Limit: 50,
		},
	} {
		b.Run(name, func(b *testing.B) {
			for b.Loop() {
				n := 0
				for _, err := range s.Leads().List(ctx, q) {
					if err != nil {
						b.Fatal(err)
					}
					n++
				}
				if n != 50 {
					b.Fatalf("listed %d leads", n)
				}
			}
		})
	}
}

// create1000 creates 1,000 leads, one durable commit each; benchmarks
// compare its time in an empty store and in one of a million leads.
func create1000(b *testing.B, s *Store) {
	n := 2 * million
	runtime.GC()
	b.ResetTimer()
	for b.Loop() {
		for range 1000 {
			if err := s.Leads().Create(ctx, sampleLead(n)); err != nil {
				b.Fatal(err)
			}
			n++
		}
	}
	reportRate(b, 1000)
}

func BenchmarkCreate1000IntoEmpty(b *testing.B) {
	create1000(b, openT(b, tempPath(b), nil))
}

func BenchmarkCreate1000Into1M(b *testing.B) {
	create1000(b, openT(b, copyStore(b, sharedStore(b, million)), nil))
}

// benchmarkWriters measures durable creates by concurrent writers.
func benchmarkWriters(b *testing.B, writers int) {
	s := openT(b, tempPath(b), nil)
	var next atomic.Int64
	b.SetParallelism((writers + runtime.GOMAXPROCS(0) - 1) / runtime.GOMAXPROCS(0))
	b.ResetTimer()
	b.RunParallel(func(pb *testing.PB) {
		for pb.Next() {
			if err := s.Leads().Create(ctx, sampleLead(int(next.Add(1)))); err != nil {
				b.Error(err)
				return
			}
		}
	})
	reportRate(b, 1)
}

func BenchmarkWriters1(b *testing.B) {
	s := openT(b, tempPath(b), nil)
	n := 0
	b.ResetTimer()
	for b.Loop() {
		if err := s.Leads().Create(ctx, sampleLead(n)); err != nil {
			b.Fatal(err)
		}
		n++
	}
	reportRate(b, 1)
}

func BenchmarkWriters16(b *testing.B) { benchmarkWriters(b, 16) }
