package file

import (
	"encoding/binary"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/leadkit/leads"
	"github.com/stretchr/testify/require"
	bolt "go.etcd.io/bbolt"
	berrors "go.etcd.io/bbolt/errors"
)

func TestOpenCreatesAndReopens(t *testing.T) {
	path := tempPath(t)
	s, err := Open(path, nil)
	require.NoError(t, err)
	require.Equal(t, path, s.Path())
	for n := range 10 {
		require.NoError(t, s.Leads().Create(ctx, sampleLead(n)))
	}
	acct := &leads.Account{ID: seqID(1000), Name: "Acme"}
	require.NoError(t, s.Accounts().Create(ctx, acct))
	crit := &leads.Criterion{ID: seqID(2000), Name: "Visited the booth", Weight: leads.WeightLow}
	require.NoError(t, s.Criteria().Create(ctx, crit))
	require.NoError(t, s.Criteria().Delete(ctx, leads.DefaultCriteria()[0].ID))
	_, err = s.Criteria().Update(ctx, leads.DefaultCriteria()[1].ID, func(c *leads.Criterion) error {
		c.Weight = leads.WeightLow
		return nil
	})
	require.NoError(t, err)
	var wantCriteria []*leads.Criterion
	for c, err := range s.Criteria().List(ctx) {
		require.NoError(t, err)
		wantCriteria = append(wantCriteria, c)
	}
	require.Len(t, wantCriteria, 6)
	_, err = s.Leads().Update(ctx, seqID(3), func(l *leads.Lead) error { l.JobTitle = "CEO"; return nil })
	require.NoError(t, err)
	require.NoError(t, s.Leads().Delete(ctx, seqID(4)))
	want := allLeads(t, s)
	require.Len(t, want, 9)
	require.NoError(t, s.Close())

	info, err := os.Stat(path)
	require.NoError(t, err)
	require.Equal(t, os.FileMode(0o600), info.Mode().Perm(), "a store holds personal data")

	s = openT(t, path, nil)
	require.Equal(t, want, allLeads(t, s))
	got, err := s.Accounts().Get(ctx, acct.ID)
	require.NoError(t, err)
	require.Equal(t, acct, got)
	l, err := s.Leads().Get(ctx, seqID(3))
	require.NoError(t, err)
	require.Equal(t, "CEO", l.JobTitle)
	require.EqualValues(t, 2, l.Version)
	var gotCriteria []*leads.Criterion
	for c, err := range s.Criteria().List(ctx) {
		require.NoError(t, err)
		gotCriteria = append(gotCriteria, c)
	}
	require.Equal(t, wantCriteria, gotCriteria, "criteria survive a reopen")
}

func TestOpenRefusesEmptyFile(t *testing.T) {
	// A store cut to 0 bytes is not a new store.
	path := tempPath(t)
	require.NoError(t, os.WriteFile(path, nil, 0o600))
	for _, opts := range []*Options{nil, {ReadOnly: true}, {ReadOnly: true, Create: true}} {
		_, err := Open(path, opts)
		require.ErrorIs(t, err, ErrEmpty)
		require.ErrorIs(t, err, ErrNotStore)
		require.Contains(t, err.Error(), path)
		require.Contains(t, err.Error(), "empty")
		require.Contains(t, err.Error(), "backup")
		info, err := os.Stat(path)
		require.NoError(t, err)
		require.Zero(t, info.Size(), "a refused empty file stays empty")
	}

	// Options.Create lays out a store in it.
	s := openT(t, path, &Options{Create: true})
	require.NoError(t, s.Leads().Create(ctx, sampleLead(1)))
	require.NoError(t, s.Close())
	// Create never clears a store.
	s = openT(t, path, &Options{Create: true})
	require.Len(t, allLeads(t, s), 1)
}

// buildStore makes a store of n sample leads at path, quickly.
func buildStore(t testing.TB, path string, n int) {
	t.Helper()
	s, err := Open(path, &Options{NoSync: true})
	require.NoError(t, err)
	require.NoError(t, s.Atomic(ctx, func(tx leads.Tx) error {
		for i := range n {
			if err := tx.Leads().Create(ctx, sampleLead(i)); err != nil {
				return err
			}
		}
		return tx.Accounts().Create(ctx, &leads.Account{ID: seqID(-1), Name: "Acme"})
	}))
	require.NoError(t, s.Close())
}

// usedSize returns how much of a bbolt file is in use: bbolt grows files
// ahead of need.
func usedSize(t testing.TB, path string) int {
	t.Helper()
	db, err := bolt.Open(path, 0o600, &bolt.Options{ReadOnly: true})
	require.NoError(t, err)
	defer db.Close()
	var size int64
	require.NoError(t, db.View(func(tx *bolt.Tx) error { size = tx.Size(); return nil }))
	return int(size)
}

// editBolt changes a file with bbolt directly.
func editBolt(t *testing.T, path string, fn func(tx *bolt.Tx) error) {
	t.Helper()
	db, err := bolt.Open(path, 0o600, nil)
	require.NoError(t, err)
	require.NoError(t, db.Update(fn))
	require.NoError(t, db.Close())
}

func TestOpenRefusesForeignAndDamagedFiles(t *testing.T) {
	dir := t.TempDir()
	store := filepath.Join(dir, "store.db")
	buildStore(t, store, 3000)
	storeBytes, err := os.ReadFile(store)
	require.NoError(t, err)
	pageSize := os.Getpagesize()
	used := usedSize(t, store)
	middle := used / 2 / pageSize * pageSize

	damaged := func(off int, junk []byte) []byte {
		b := append([]byte(nil), storeBytes...)
		copy(b[off:], junk)
		return b
	}
	ff := []byte(strings.Repeat("\xff", 64))
	files := map[string][]byte{
		"csv":                []byte("Full Name,E-mail Address\nAda Lovelace,ada@example.com\n"),
		"zeros":              make([]byte, 64<<10),
		"one byte":           {0},
		"truncated store":    storeBytes[:used/2],
		"store without tail": storeBytes[:used-pageSize],
		"page header damage": damaged(middle, ff),
		"element damage":     damaged(middle+40, ff),
		"record damage":      damaged(middle+pageSize/2, []byte("garbage")),
		"zeroed page":        damaged(middle, make([]byte, pageSize)),
		"both meta pages":    damaged(0, make([]byte, 2*pageSize)),
	}
	for name, data := range files {
		path := filepath.Join(dir, strings.ReplaceAll(name, " ", "_"))
		require.NoError(t, os.WriteFile(path, data, 0o600))
	}

	// bbolt files that are not stores, or not readable ones.
	other := filepath.Join(dir, "other_bbolt")
	editBolt(t, other, func(tx *bolt.Tx) error {
		b, err := tx.CreateBucket([]byte("widgets"))
		if err != nil {
			return err
		}
		return b.Put([]byte("k"), []byte("v"))
	})
	emptyBolt := filepath.Join(dir, "empty_bbolt")
	editBolt(t, emptyBolt, func(tx *bolt.Tx) error { return nil })
	variant := func(name string, fn func(tx *bolt.Tx) error) {
		path := filepath.Join(dir, name)
		require.NoError(t, os.WriteFile(path, storeBytes, 0o600))
		editBolt(t, path, fn)
	}
	variant("wrong_magic", func(tx *bolt.Tx) error { return tx.Bucket(bucketMeta).Put(keyMagic, []byte("etcd")) })
	variant("no_format", func(tx *bolt.Tx) error { return tx.Bucket(bucketMeta).Delete(keyFormat) })
	variant("no_leads_bucket", func(tx *bolt.Tx) error { return tx.DeleteBucket(bucketLeads) })
	variant("lost_record", func(tx *bolt.Tx) error { return tx.Bucket(bucketLeads).Delete(key(seqID(10))) })
	variant("bad_key", func(tx *bolt.Tx) error { return tx.Bucket(bucketLeads).Put([]byte("short"), encodeLead(sampleLead(1))) })
	variant("swapped_record", func(tx *bolt.Tx) error {
		return tx.Bucket(bucketLeads).Put(key(seqID(10)), encodeLead(storedLead(11)))
	})

	// The files that were stores, and are damaged: the error says so, and
	// the way out.
	damage := map[string]bool{
		"truncated_store": true, "store_without_tail": true, "page_header_damage": true,
		"element_damage": true, "record_damage": true, "zeroed_page": true,
		"no_leads_bucket": true, "lost_record": true, "bad_key": true, "swapped_record": true,
	}
	entries, err := os.ReadDir(dir)
	require.NoError(t, err)
	for _, e := range entries {
		if e.Name() == "store.db" {
			continue
		}
		t.Run(e.Name(), func(t *testing.T) {
			path := filepath.Join(dir, e.Name())
			before := hashFile(t, path)
			s, err := Open(path, nil)
			if s != nil {
				s.Close()
			}
			require.ErrorIs(t, err, ErrNotStore)
			require.Contains(t, err.Error(), path, "the message names the file")
			require.True(t, strings.HasPrefix(err.Error(), "leads/file: "), err.Error())
			requireNoPanicText(t, err)
			if damage[e.Name()] {
				require.ErrorIs(t, err, ErrDamaged)
				require.Contains(t, err.Error(), "damaged file")
				require.Contains(t, err.Error(), "backup")
			} else {
				require.NotErrorIs(t, err, ErrDamaged)
			}
			t.Log(err)
			require.Equal(t, before, hashFile(t, path), "a refused file is left as it was")

			// The refused file is not left locked.
			db, err := bolt.Open(path, 0o600, &bolt.Options{ReadOnly: true, Timeout: 10 * time.Millisecond})
			if err == nil {
				db.Close()
			}
			require.False(t, errors.Is(err, berrors.ErrTimeout), "the file is still locked")
		})
	}

	// The store itself is fine.
	before := hashFile(t, store)
	s, err := Open(store, nil)
	require.NoError(t, err)
	require.Len(t, allLeads(t, s), 3000)
	require.NoError(t, s.Close())
	require.Equal(t, before, hashFile(t, store), "opening and closing writes nothing")
}

func TestOpenRefusesDamageAnywhere(t *testing.T) {
	// Damage in 60 places of the pages that hold records, at offsets of
	// all kinds within their pages: Open must refuse the file, never
	// panic, and leave it as it was. The pages hold 7 records in about
	// 3,900 bytes; damage in the slack at the end of a page would be
	// harmless and rightly go unnoticed, so it is not tried here.
	dir := t.TempDir()
	store := filepath.Join(dir, "store.db")
	buildStore(t, store, 2000)
	storeBytes, err := os.ReadFile(store)
	require.NoError(t, err)
	path := filepath.Join(dir, "damaged.db")
	pageSize := os.Getpagesize()
	pages := usedSize(t, store) / pageSize
	for i := range 60 {
		page := 2 + (pages-3)*i/60
		off := page*pageSize + i*397%3500
		b := append([]byte(nil), storeBytes...)
		copy(b[off:], []byte{0xde, 0xad, 0xbe, 0xef, 0xde, 0xad, 0xbe, 0xef})
		require.NoError(t, os.WriteFile(path, b, 0o600))
		before := hashFile(t, path)
		s, err := Open(path, nil)
		if err == nil {
			s.Close()
		}
		require.ErrorIs(t, err, ErrDamaged, "damage at page %d, byte %d", page, off%pageSize)
		requireNoPanicText(t, err)
		var de *DamageError
		require.ErrorAs(t, err, &de)
		require.GreaterOrEqual(t, de.Page, int64(2), "the damaged page is known: %v", err)
		require.Contains(t, err.Error(), fmt.Sprintf("damaged file at page %d", de.Page))
		require.Equal(t, before, hashFile(t, path))
	}
}

func TestOpenIgnoresDamageInSlack(t *testing.T) {
	// Bytes past the end of a page's records belong to nothing.
	path := tempPath(t)
	buildStore(t, path, 2000)
	b, err := os.ReadFile(path)
	require.NoError(t, err)
	pageSize := os.Getpagesize()
	off := usedSize(t, path)/2/pageSize*pageSize + pageSize - 8
	copy(b[off:], []byte{0xde, 0xad, 0xbe, 0xef, 0xde, 0xad, 0xbe, 0xef})
	require.NoError(t, os.WriteFile(path, b, 0o600))
	s := openT(t, path, nil)
	got := allLeads(t, s)
	require.Len(t, got, 2000)
	for n, l := range got {
		require.Equal(t, storedLead(n), l)
	}
}

func TestOpenRefusesNewerFormat(t *testing.T) {
	path := tempPath(t)
	buildStore(t, path, 3)
	editBolt(t, path, func(tx *bolt.Tx) error {
		return tx.Bucket(bucketMeta).Put(keyFormat, binary.AppendUvarint(nil, formatVersion+1))
	})
	before := hashFile(t, path)
	_, err := Open(path, nil)
	require.ErrorIs(t, err, ErrNewerFormat)
	require.NotErrorIs(t, err, ErrNotStore)
	require.Contains(t, err.Error(), path)
	require.Contains(t, err.Error(), "newer")
	require.Equal(t, before, hashFile(t, path))
}

func TestOpenDirectory(t *testing.T) {
	_, err := Open(t.TempDir(), nil)
	require.ErrorIs(t, err, ErrNotStore)
}

func TestOpenMissingDirectory(t *testing.T) {
	_, err := Open(filepath.Join(t.TempDir(), "no", "such", "dir", "leads.db"), nil)
	require.ErrorIs(t, err, os.ErrNotExist)
	require.True(t, strings.HasPrefix(err.Error(), "leads/file: "), err.Error())
}

func TestOpenLockedInProcess(t *testing.T) {
	path := tempPath(t)
	s := openT(t, path, nil)
	start := time.Now()
	_, err := Open(path, &Options{Timeout: 50 * time.Millisecond})
	require.ErrorIs(t, err, ErrLocked)
	require.Less(t, time.Since(start), 2*time.Second)
	require.Contains(t, err.Error(), path)
	require.Contains(t, err.Error(), "locked")

	_, err = Open(path, &Options{Timeout: -1})
	require.ErrorIs(t, err, ErrLocked, "a negative timeout fails at once")

	require.NoError(t, s.Close())
	s2 := openT(t, path, nil)
	require.NoError(t, s2.Leads().Create(ctx, sampleLead(1)))
}

func TestCloseFailsLaterOperations(t *testing.T) {
	s, err := Open(tempPath(t), nil)
	require.NoError(t, err)
	require.NoError(t, s.Leads().Create(ctx, sampleLead(1)))
	require.NoError(t, s.Close())
	require.NoError(t, s.Close(), "closing twice does nothing")

	require.ErrorIs(t, s.Leads().Create(ctx, sampleLead(2)), ErrClosed)
	_, err = s.Leads().Get(ctx, seqID(1))
	require.ErrorIs(t, err, ErrClosed)
	_, err = s.Leads().Update(ctx, seqID(1), func(*leads.Lead) error { return nil })
	require.ErrorIs(t, err, ErrClosed)
	require.ErrorIs(t, s.Leads().Delete(ctx, seqID(1)), ErrClosed)
	_, err = s.Leads().Count(ctx, leads.Query{})
	require.ErrorIs(t, err, ErrClosed)
	for _, err := range s.Leads().List(ctx, leads.Query{}) {
		require.ErrorIs(t, err, ErrClosed)
	}
	for _, err := range s.Accounts().List(ctx) {
		require.ErrorIs(t, err, ErrClosed)
	}
	_, err = s.Accounts().Get(ctx, seqID(1))
	require.ErrorIs(t, err, ErrClosed)
	require.ErrorIs(t, s.Atomic(ctx, func(leads.Tx) error { return nil }), ErrClosed)
}

// The index and the file must agree: what a store shows before it is
// closed is what it shows after it is opened again.
func requireReopenSame(t *testing.T, s *Store) {
	t.Helper()
	wantLeads := allLeads(t, s)
	var wantAccounts []*leads.Account
	for a, err := range s.Accounts().List(ctx) {
		require.NoError(t, err)
		wantAccounts = append(wantAccounts, a)
	}
	require.NoError(t, s.Close())
	s2, err := Open(s.Path(), nil)
	require.NoError(t, err)
	defer s2.Close()
	require.Equal(t, wantLeads, allLeads(t, s2))
	var gotAccounts []*leads.Account
	for a, err := range s2.Accounts().List(ctx) {
		require.NoError(t, err)
		gotAccounts = append(gotAccounts, a)
	}
	require.Equal(t, wantAccounts, gotAccounts)
}

func TestDurableByDefault(t *testing.T) {
	// A write that returned nil was fsynced: bbolt syncs on commit unless
	// told not to, and only Options.NoSync tells it.
	s := openT(t, tempPath(t), nil)
	require.False(t, s.db.NoSync)
	require.False(t, s.db.NoGrowSync)
	unsafe := openT(t, tempPath(t), &Options{NoSync: true})
	require.True(t, unsafe.db.NoSync)
}
