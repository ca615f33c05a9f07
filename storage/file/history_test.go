package file

import (
	"encoding/json"
	"testing"
	"time"

	"github.com/google/uuid"
	"github.com/leadkit/leads"
	"github.com/leadkit/leads/storage/storagetest"
	"github.com/stretchr/testify/require"
	bolt "go.etcd.io/bbolt"
)

// fullHistory returns history items of every kind with every field of
// their kind set.
func fullHistory() []*leads.HistoryItem {
	at := time.Date(2026, 11, 27, 9, 30, 15, 123456789, time.UTC)
	var out []*leads.HistoryItem
	for i := range 5 {
		h := storagetest.SampleHistory(i, seqID(1), seqID(2))
		h.Version = int64(i + 1)
		out = append(out, h)
	}
	out = append(out, &leads.HistoryItem{
		ID: seqID(77), Kind: leads.KindChange, Subject: "Changed full_name, photo", At: at,
		Records: []uuid.UUID{seqID(1)},
		Changes: []leads.FieldChange{
			{Field: "full_name", From: json.RawMessage(`"Ada"`), To: json.RawMessage(`"Ada L"`)},
			{Field: "empty", From: json.RawMessage{}, To: nil},
		},
		Duration:  -time.Second, // kept as written: the store does not validate
		CreatedAt: at, CreatedBy: "ann", UpdatedAt: at.Add(time.Hour), UpdatedBy: "bo", Version: 3,
	}, &leads.HistoryItem{ID: seqID(78)})
	return out
}

func TestCodecHistoryRoundTrip(t *testing.T) {
	for _, h := range fullHistory() {
		got, err := decodeHistory(encodeHistory(h), nil)
		require.NoError(t, err)
		require.Equal(t, h, got, "%s", h.Kind)
	}
	rec := encodeHistory(fullHistory()[0])
	for n := range len(rec) {
		_, err := decodeHistory(rec[:n], nil)
		require.ErrorIs(t, err, errCorrupt, "cut to %d bytes", n)
	}
	_, err := decodeLead(rec, nil)
	require.ErrorIs(t, err, errCorrupt, "a history item is not a lead")
}

// FuzzDecodeHistory checks that decoding a history item never panics and
// that whatever decodes encodes back to the same item.
func FuzzDecodeHistory(f *testing.F) {
	for _, h := range fullHistory() {
		body, _, err := unframe(encodeHistory(h))
		require.NoError(f, err)
		f.Add(body)
	}
	f.Fuzz(func(t *testing.T, body []byte) {
		_, _ = decodeHistory(body, nil)
		h, err := decodeHistoryBody(body)
		if err != nil {
			require.ErrorIs(t, err, errCorrupt)
			return
		}
		again, err := decodeHistory(encodeHistory(h), nil)
		require.NoError(t, err)
		require.Equal(t, h, again)
	})
}

func TestHistorySurvivesReopen(t *testing.T) {
	path := tempPath(t)
	s, err := Open(path, nil)
	require.NoError(t, err)
	require.NoError(t, s.Leads().Create(ctx, sampleLead(1)))
	require.NoError(t, s.Leads().Create(ctx, sampleLead(2)))
	items := fullHistory()[:6]
	for _, h := range items[:3] {
		require.NoError(t, s.History().Create(ctx, h.Clone()))
	}
	require.NoError(t, s.Atomic(ctx, func(tx leads.Tx) error {
		for _, h := range items[3:] {
			if err := tx.History().Create(ctx, h.Clone()); err != nil {
				return err
			}
		}
		return tx.History().Delete(ctx, items[0].ID)
	}))
	_, err = s.History().Update(ctx, items[1].ID, func(h *leads.HistoryItem) error {
		h.Records = []uuid.UUID{seqID(2)}
		return nil
	})
	require.NoError(t, err)
	_, err = s.Leads().(leads.LoggedUpdater).UpdateLogged(ctx, seqID(2), func(l *leads.Lead) ([]*leads.HistoryItem, error) {
		l.JobTitle = "Logged"
		return []*leads.HistoryItem{storagetest.SampleHistory(50, seqID(2))}, nil
	})
	require.NoError(t, err)
	list := func(s *Store, id uuid.UUID) []*leads.HistoryItem {
		var out []*leads.HistoryItem
		for h, err := range s.History().ByRecord(ctx, id, leads.HistoryFilter{}) {
			require.NoError(t, err)
			out = append(out, h)
		}
		return out
	}
	want1, want2 := list(s, seqID(1)), list(s, seqID(2))
	require.Len(t, want1, 4)
	require.Len(t, want2, 5)
	require.NoError(t, s.Close())

	s = openT(t, path, nil)
	require.Equal(t, want1, list(s, seqID(1)))
	require.Equal(t, want2, list(s, seqID(2)))
	require.Equal(t, 6, s.index.HistoryLen())
}

func TestOpenAddsHistoryToOlderStore(t *testing.T) {
	path := tempPath(t)
	s, err := Open(path, nil)
	require.NoError(t, err)
	require.NoError(t, s.Leads().Create(ctx, sampleLead(1)))
	require.NoError(t, s.Close())
	// Make it a store of before history: no bucket, no count.
	db, err := bolt.Open(path, 0o600, nil)
	require.NoError(t, err)
	require.NoError(t, db.Update(func(tx *bolt.Tx) error {
		if err := tx.DeleteBucket(bucketHistory); err != nil {
			return err
		}
		return tx.Bucket(bucketMeta).Delete(bucketHistory)
	}))
	require.NoError(t, db.Close())

	s = openT(t, path, nil)
	require.NoError(t, s.History().Create(ctx, storagetest.SampleHistory(0, seqID(1))))
	require.NoError(t, s.Close())
	s = openT(t, path, nil)
	_, err = s.History().Get(ctx, storagetest.SampleHistory(0).ID)
	require.NoError(t, err)
}
