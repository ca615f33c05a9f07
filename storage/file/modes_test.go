package file

import (
	"os"
	"testing"
	"time"

	"github.com/leadkit/leads"
	"github.com/stretchr/testify/require"
	bolt "go.etcd.io/bbolt"
)

func TestOpenReadOnly(t *testing.T) {
	path := tempPath(t)
	buildStore(t, path, 50)
	past := time.Date(2020, 1, 1, 0, 0, 0, 0, time.UTC)
	require.NoError(t, os.Chtimes(path, past, past))
	before := hashFile(t, path)

	s := openT(t, path, &Options{ReadOnly: true})
	require.True(t, s.ReadOnly())
	got := allLeads(t, s)
	require.Len(t, got, 50)
	require.Equal(t, storedLead(7), got[7])

	// Every write fails with ErrReadOnly, naming the file.
	writes := map[string]error{
		"create":  s.Leads().Create(ctx, sampleLead(100)),
		"delete":  s.Leads().Delete(ctx, seqID(1)),
		"atomic":  s.Atomic(ctx, func(tx leads.Tx) error { return tx.Leads().Create(ctx, sampleLead(101)) }),
		"account": s.Accounts().Create(ctx, &leads.Account{ID: seqID(-5), Name: "Initech"}),
	}
	_, err := s.Leads().Update(ctx, seqID(2), func(l *leads.Lead) error { l.JobTitle = "CEO"; return nil })
	writes["update"] = err
	for name, err := range writes {
		require.ErrorIs(t, err, ErrReadOnly, name)
		require.Contains(t, err.Error(), path, name)
		require.Contains(t, err.Error(), "read-only", name)
	}
	// An Atomic call that only reads succeeds.
	require.NoError(t, s.Atomic(ctx, func(tx leads.Tx) error {
		_, err := tx.Leads().Get(ctx, seqID(3))
		return err
	}))
	require.Equal(t, got, allLeads(t, s), "the failed writes changed nothing")

	// Readers share the file; a writer waits for them.
	s2 := openT(t, path, &Options{ReadOnly: true, Timeout: time.Second})
	require.Len(t, allLeads(t, s2), 50)
	_, err = Open(path, &Options{Timeout: 100 * time.Millisecond})
	require.ErrorIs(t, err, ErrLocked)
	require.NoError(t, s.Close())
	require.NoError(t, s2.Close())

	info, err := os.Stat(path)
	require.NoError(t, err)
	require.Equal(t, before, hashFile(t, path), "reading wrote nothing")
	require.True(t, info.ModTime().Equal(past), "reading touched the file: %v", info.ModTime())

	// A writer keeps readers out until it closes.
	w := openT(t, path, nil)
	_, err = Open(path, &Options{ReadOnly: true, Timeout: 100 * time.Millisecond})
	require.ErrorIs(t, err, ErrLocked)
	require.NoError(t, w.Close())
}

func TestOpenReadOnlyNeverCreates(t *testing.T) {
	path := tempPath(t)
	_, err := Open(path, &Options{ReadOnly: true, Create: true})
	require.ErrorIs(t, err, os.ErrNotExist)
	_, err = os.Stat(path)
	require.ErrorIs(t, err, os.ErrNotExist, "a read-only open created the file")
}

func TestOpenReadOnlyOldStore(t *testing.T) {
	// A store written before the users bucket joined the layout reads as
	// one without users; Open for writing would add the bucket.
	path := tempPath(t)
	buildStore(t, path, 5)
	editBolt(t, path, func(tx *bolt.Tx) error {
		if err := tx.DeleteBucket(bucketUsers); err != nil {
			return err
		}
		return tx.Bucket(bucketMeta).Delete(bucketUsers)
	})
	before := hashFile(t, path)
	s := openT(t, path, &Options{ReadOnly: true})
	require.Len(t, allLeads(t, s), 5)
	for _, err := range s.Users().List(ctx) {
		require.NoError(t, err)
	}
	require.NoError(t, s.Close())
	require.Equal(t, before, hashFile(t, path))
}

func TestOpenReadOnlyRefusesDamage(t *testing.T) {
	path := tempPath(t)
	buildStore(t, path, 2000)
	b, err := os.ReadFile(path)
	require.NoError(t, err)
	pageSize := os.Getpagesize()
	page := usedSize(t, path) / 2 / pageSize
	copy(b[page*pageSize+pageSize/2:], "garbage")
	require.NoError(t, os.WriteFile(path, b, 0o600))
	_, err = Open(path, &Options{ReadOnly: true})
	require.ErrorIs(t, err, ErrDamaged)
}

func TestOpenWaitsForLock(t *testing.T) {
	// By default Open waits seconds for a store's lock, not a blink: a
	// command run while another writes waits its turn.
	require.GreaterOrEqual(t, DefaultTimeout, 5*time.Second)
	path := tempPath(t)
	s := openT(t, path, nil)
	time.AfterFunc(300*time.Millisecond, func() { s.Close() })
	start := time.Now()
	s2, err := Open(path, nil)
	require.NoError(t, err, "after %v", time.Since(start))
	require.GreaterOrEqual(t, time.Since(start), 250*time.Millisecond)
	require.NoError(t, s2.Close())
}
