package file

import (
	"context"
	"testing"

	"github.com/leadkit/leads"
	"github.com/stretchr/testify/require"
	bolt "go.etcd.io/bbolt"
)

func TestCodecUserRoundTrip(t *testing.T) {
	for _, u := range []*leads.User{
		{ID: seqID(1), Name: "Ada", Email: "ada@example.com", Active: true, LastTurn: 42, Version: 3},
		{ID: seqID(2), Name: "Zoë Ångström"},
		{ID: seqID(3), Name: "x", LastTurn: -1},
	} {
		got, err := decodeUser(encodeUser(u), nil)
		require.NoError(t, err)
		require.Equal(t, u, got)
	}
	rec := encodeUser(&leads.User{ID: seqID(1), Name: "Ada"})
	for i := range rec {
		bad := append([]byte(nil), rec...)
		bad[i] ^= 0x10
		_, err := decodeUser(bad, nil)
		require.ErrorIs(t, err, errCorrupt, "byte %d flipped", i)
	}
	_, err := decodeUser(encodeLead(fullLead()), nil)
	require.ErrorIs(t, err, errCorrupt, "a lead is not a user")
}

// FuzzDecodeUser checks that decoding a user never panics and that what
// decodes encodes back the same.
func FuzzDecodeUser(f *testing.F) {
	f.Add(encodeUser(&leads.User{ID: seqID(1), Name: "Ada", Email: "a@b.c", Active: true, LastTurn: 7}))
	f.Add([]byte{})
	f.Fuzz(func(t *testing.T, rec []byte) {
		u, err := decodeUser(rec, nil)
		if err != nil {
			require.ErrorIs(t, err, errCorrupt)
			return
		}
		again, err := decodeUser(encodeUser(u), nil)
		require.NoError(t, err)
		require.Equal(t, u, again)
	})
}

// TestUsersSurviveReopen checks that users are written to the file and
// read back on open, with their count.
func TestUsersSurviveReopen(t *testing.T) {
	path := tempPath(t)
	s, err := Open(path, nil)
	require.NoError(t, err)
	b := leads.New(s)
	ctx := context.Background()
	_, err = b.Users().Create(ctx, &leads.User{Name: "Ada", Email: "ada@example.com"})
	require.NoError(t, err)
	_, err = b.Users().Create(ctx, &leads.User{Name: "Bob", Email: ""})
	require.NoError(t, err)
	_, err = b.Users().Rename(ctx, "bob", "Robert")
	require.NoError(t, err)
	_, err = b.Users().Delete(ctx, "ada", leads.Handover{})
	require.NoError(t, err)
	want, err := leads.Collect(b.Users().List(ctx))
	require.NoError(t, err)
	require.NoError(t, s.Close())

	s = openT(t, path, nil)
	got, err := leads.Collect(leads.New(s).Users().List(ctx))
	require.NoError(t, err)
	require.Equal(t, want, got)
	require.Equal(t, "Robert", got[0].Name)
}

// TestOpenAddsUsersBucket checks that a file written before users existed
// opens, gains an empty users bucket, and then keeps users.
func TestOpenAddsUsersBucket(t *testing.T) {
	path := tempPath(t)
	buildStore(t, path, 5)
	editBolt(t, path, func(tx *bolt.Tx) error {
		if err := tx.DeleteBucket(bucketUsers); err != nil {
			return err
		}
		return tx.Bucket(bucketMeta).Delete(bucketUsers)
	})
	s := openT(t, path, nil)
	require.Len(t, allLeads(t, s), 5)
	_, err := leads.New(s).Users().Create(context.Background(), &leads.User{Name: "Ada", Email: ""})
	require.NoError(t, err)
	require.NoError(t, s.Close())
	s = openT(t, path, nil)
	users, err := leads.Collect(leads.New(s).Users().List(context.Background()))
	require.NoError(t, err)
	require.Len(t, users, 1)
}

// TestOpenRefusesUserCountMismatch checks that a lost user record is
// noticed, as lost leads are.
func TestOpenRefusesUserCountMismatch(t *testing.T) {
	path := tempPath(t)
	s, err := Open(path, nil)
	require.NoError(t, err)
	_, err = leads.New(s).Users().Create(context.Background(), &leads.User{Name: "Ada", Email: ""})
	require.NoError(t, err)
	require.NoError(t, s.Close())
	editBolt(t, path, func(tx *bolt.Tx) error {
		c := tx.Bucket(bucketUsers).Cursor()
		k, _ := c.First()
		return tx.Bucket(bucketUsers).Delete(k)
	})
	_, err = Open(path, nil)
	require.ErrorIs(t, err, ErrNotStore)
}
