package jsonfile_test

import (
	"bytes"
	"context"
	"io"
	"runtime"
	"strings"
	"testing"

	"github.com/google/uuid"
	"github.com/leadkit/leads"
	"github.com/leadkit/leads/importexport/jsonfile"
	"github.com/leadkit/leads/storage/memory"
	"github.com/stretchr/testify/require"
)

// bigStore is a memory store of n records of about 1 KB each, one history
// item each.
func bigStore(t testing.TB, n int) leads.Store {
	ctx := context.Background()
	s := memory.New()
	note := strings.Repeat("a long note about the lead ", 36)
	ls := make([]*leads.Lead, n)
	for i := range ls {
		ls[i] = &leads.Lead{ID: uuid.Must(uuid.NewV7()), FullName: "Lead " + uuid.NewString()[:8], Type: leads.TypeLead,
			Comments: []leads.Comment{{Text: note}}}
	}
	require.NoError(t, leads.CreateMany(ctx, s, ls))
	require.NoError(t, s.Atomic(ctx, func(tx leads.Tx) error {
		for _, l := range ls {
			h := &leads.HistoryItem{ID: uuid.Must(uuid.NewV7()), Kind: leads.KindNote, Subject: "note", Records: []uuid.UUID{l.ID}}
			if err := tx.History().Create(ctx, h); err != nil {
				return err
			}
		}
		return nil
	}))
	return s
}

// peakWriter samples the live heap (after a collection, so garbage is not
// counted) every so many writes.
type peakWriter struct {
	w      io.Writer
	writes int
	peak   uint64
}

func (p *peakWriter) Write(b []byte) (int, error) {
	p.writes++
	if p.writes%64 == 0 {
		p.peak = max(p.peak, heapNow())
	}
	return p.w.Write(b)
}

func heapNow() uint64 {
	runtime.GC()
	var m runtime.MemStats
	runtime.ReadMemStats(&m)
	return m.HeapAlloc
}

// TestBackupInBoundedMemory: exporting and restoring 10,000 records (about
// 12 MB of JSON) holds a few MB more than the stores themselves, not the
// document.
func TestBackupInBoundedMemory(t *testing.T) {
	if testing.Short() {
		t.Skip("builds 10,000 records")
	}
	const n = 10_000
	src := bigStore(t, n)
	var doc bytes.Buffer
	base := heapNow()
	pw := &peakWriter{w: io.Discard}
	_, err := jsonfile.Export(context.Background(), pw, src, nil)
	require.NoError(t, err)
	grew := int64(pw.peak) - int64(base)
	t.Logf("export of %d records: peak heap %.1f MB over the store", n, float64(grew)/1e6)
	require.Less(t, grew, int64(12<<20), "export holds records, not the document")

	_, err = jsonfile.Export(context.Background(), &doc, src, nil)
	require.NoError(t, err)
	require.Greater(t, doc.Len(), 10<<20)

	// Restore: the peak over the restored store's own size is the same
	// bounded amount, sampled as the document is read.
	dst := memory.New()
	r := &peakReader{r: bytes.NewReader(doc.Bytes())}
	base = heapNow()
	_, err = jsonfile.Restore(context.Background(), dst, r)
	require.NoError(t, err)
	after := heapNow()
	runtime.KeepAlive(dst)
	stored := int64(after) - int64(base) // what the new store keeps
	extra := int64(r.peak) - int64(base) - stored
	t.Logf("restore of %d records: store %.1f MB, peak %.1f MB over it", n, float64(stored)/1e6, float64(extra)/1e6)
	require.Less(t, extra, int64(doc.Len()/2), "restore does not hold the document")
}

type peakReader struct {
	r     io.Reader
	reads int
	peak  uint64
}

func (p *peakReader) Read(b []byte) (int, error) {
	p.reads++
	if p.reads%16 == 0 {
		p.peak = max(p.peak, heapNow())
	}
	return p.r.Read(b)
}

func BenchmarkExport(b *testing.B) {
	src := bigStore(b, 5000)
	b.ReportAllocs()
	for b.Loop() {
		if _, err := jsonfile.Export(context.Background(), io.Discard, src, nil); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/5000, "ns/record")
}

func BenchmarkRestore(b *testing.B) {
	var doc bytes.Buffer
	if _, err := jsonfile.Export(context.Background(), &doc, bigStore(b, 5000), nil); err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		if _, err := jsonfile.Restore(context.Background(), memory.New(), bytes.NewReader(doc.Bytes())); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/5000, "ns/record")
}
