package file

import (
	"context"
	"testing"

	"github.com/stretchr/testify/require"
	bolt "go.etcd.io/bbolt"

	"github.com/leadkit/leads"
	"github.com/leadkit/leads/query"
)

// TestReportsPersist checks that a saved report survives closing and
// reopening the file, exactly as saved.
func TestReportsPersist(t *testing.T) {
	ctx := context.Background()
	path := tempPath(t)
	s, err := Open(path, nil)
	require.NoError(t, err)
	r, _ := leads.BuiltinReport(leads.ReportLeadsByAssignedToAndScore)
	r.Name = "Hot leads by user"
	r.Where, err = query.ParseCond(`stars >= 4 and (source in (Web, "Trade show") or email is not empty)`)
	require.NoError(t, err)
	saved, err := leads.New(s).Reports().Create(ctx, &r)
	require.NoError(t, err)
	require.NoError(t, s.Close())

	s = openT(t, path, nil)
	got, err := leads.New(s).Reports().Get(ctx, "hot leads by user")
	require.NoError(t, err)
	require.Equal(t, saved, got)
}

// TestReportsBucketAdded checks that a store made before reports were
// saved (no reports bucket) opens, gets the bucket, and saves reports.
func TestReportsBucketAdded(t *testing.T) {
	ctx := context.Background()
	path := tempPath(t)
	s, err := Open(path, nil)
	require.NoError(t, err)
	require.NoError(t, s.Close())
	db, err := bolt.Open(path, 0o600, nil)
	require.NoError(t, err)
	require.NoError(t, db.Update(func(tx *bolt.Tx) error {
		if err := tx.DeleteBucket(bucketReports); err != nil {
			return err
		}
		return tx.Bucket(bucketMeta).Delete(bucketReports)
	}))
	require.NoError(t, db.Close())

	s = openT(t, path, nil)
	r, _ := leads.BuiltinReport(leads.ReportLeadsByScore)
	r.Name = "Mine"
	_, err = leads.New(s).Reports().Create(ctx, &r)
	require.NoError(t, err)
	all, err := leads.Collect(leads.New(s).Reports().List(ctx))
	require.NoError(t, err)
	require.Len(t, all, 4)
}

func TestCodecReportRoundTrip(t *testing.T) {
	r, _ := leads.BuiltinReport(leads.ReportLeadsByAssignedTo)
	r.Version = 3
	r.Where = leads.Not(leads.Eq(leads.FieldCompany, "Acme"))
	got, err := decodeReport(encodeReport(&r), nil)
	require.NoError(t, err)
	require.Equal(t, &r, got)

	other := r
	other.ID = leads.ReportID("someone else")
	rec := encodeReport(&other)
	body, _, err := unframe(rec)
	require.NoError(t, err)
	copy(body[:16], r.ID[:]) // filed under another ID than its definition's
	_, err = decodeReportBody(body)
	require.ErrorIs(t, err, errCorrupt)
}
