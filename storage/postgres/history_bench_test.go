package postgres

import (
	"testing"

	"github.com/google/uuid"
	"github.com/leadkit/leads"
	"github.com/leadkit/leads/storage/storagetest"
	"github.com/stretchr/testify/require"
)

// BenchmarkHistoryByRecord lists one record's history among 100,000 items:
// 500 records with 180 items each and one record with 10,000. The cost
// should follow what is listed (the limit), not the size of the history
// table or of the record's history.
func BenchmarkHistoryByRecord(b *testing.B) {
	const records, each, big = 500, 180, 10_000
	s := newT(b)
	ids := make([]uuid.UUID, records+1)
	for r := range ids {
		l := storagetest.Sample(r)
		require.NoError(b, s.Leads().Create(ctx, l))
		ids[r] = l.ID
	}
	i := 0
	add := func(record uuid.UUID, n int) {
		require.NoError(b, s.Atomic(ctx, func(tx leads.Tx) error {
			for range n {
				if err := tx.History().Create(ctx, storagetest.SampleHistory(i, record)); err != nil {
					return err
				}
				i++
			}
			return nil
		}))
	}
	for r := range records {
		add(ids[r], each)
	}
	add(ids[records], big)
	_, err := s.Pool().Exec(ctx, "VACUUM ANALYZE history, history_records")
	require.NoError(b, err)

	list := func(b *testing.B, record uuid.UUID, f leads.HistoryFilter, want int) {
		for b.Loop() {
			n := 0
			for _, err := range s.History().ByRecord(ctx, record, f) {
				if err != nil {
					b.Fatal(err)
				}
				n++
			}
			if n != want {
				b.Fatalf("listed %d items, want %d", n, want)
			}
		}
	}
	b.Run("Limit20", func(b *testing.B) { list(b, ids[7], leads.HistoryFilter{Limit: 20}, 20) })
	b.Run("Limit20/LongHistory", func(b *testing.B) { list(b, ids[records], leads.HistoryFilter{Limit: 20}, 20) })
	b.Run("All180", func(b *testing.B) { list(b, ids[7], leads.HistoryFilter{}, each) })
	b.Run("Kind/LongHistory", func(b *testing.B) {
		list(b, ids[records], leads.HistoryFilter{Kinds: []leads.HistoryKind{leads.KindTask}, Limit: 20}, 20)
	})
}
