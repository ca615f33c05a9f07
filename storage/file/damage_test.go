package file

import (
	"bytes"
	"encoding/binary"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/leadkit/leads"
	"github.com/stretchr/testify/require"
	bolt "go.etcd.io/bbolt"
)

// requireNoPanicText checks that err says nothing of a recovered panic.
func requireNoPanicText(t testing.TB, err error) {
	t.Helper()
	for _, s := range []string{"panic", "runtime error", "out of range", "nil pointer", "assertion failed"} {
		require.NotContains(t, err.Error(), s)
	}
}

// rootPage returns the root page of bucket name in the store at path.
func rootPage(t testing.TB, path string, name []byte) int64 {
	t.Helper()
	db, err := bolt.Open(path, 0o600, &bolt.Options{ReadOnly: true})
	require.NoError(t, err)
	defer db.Close()
	var root int64
	require.NoError(t, db.View(func(tx *bolt.Tx) error {
		root = int64(tx.Bucket(name).RootPage())
		return nil
	}))
	return root
}

func TestOpenDamagedNamesPage(t *testing.T) {
	// Damage that makes bbolt panic: a branch page whose first child is a
	// page far past the end of the file. bbolt's own message would be
	// "index out of range [...]"; the error names the branch page instead.
	path := tempPath(t)
	buildStore(t, path, 2000)
	root := rootPage(t, path, bucketLeads)
	b, err := os.ReadFile(path)
	require.NoError(t, err)
	pageSize := int64(os.Getpagesize())
	require.Equal(t, uint16(flagBranch), binary.LittleEndian.Uint16(b[root*pageSize+8:]), "the leads bucket has a branch root")
	binary.LittleEndian.PutUint64(b[root*pageSize+pageHeaderSize+8:], 1<<50)
	require.NoError(t, os.WriteFile(path, b, 0o600))

	for _, opts := range []*Options{nil, {ReadOnly: true}} {
		_, err = Open(path, opts)
		require.ErrorIs(t, err, ErrDamaged)
		require.ErrorIs(t, err, ErrNotStore)
		requireNoPanicText(t, err)
		var de *DamageError
		require.ErrorAs(t, err, &de)
		require.Equal(t, root, de.Page)
		require.Equal(t, path, de.Path)
		require.Contains(t, err.Error(), "damaged file at page ")
		require.Contains(t, err.Error(), "import backup.json")
		t.Log(err)
	}
	require.Equal(t, b, must2(os.ReadFile(path)))
}

func TestOpenRefusesCyclicTree(t *testing.T) {
	// A branch page that refers back to itself sends bbolt's cursor round
	// forever; Open must find it first. The same for a free list whose
	// count overruns its page, which bbolt would trust to size a copy.
	path := tempPath(t)
	buildStore(t, path, 2000)
	root := rootPage(t, path, bucketLeads)
	orig, err := os.ReadFile(path)
	require.NoError(t, err)
	pageSize := int64(os.Getpagesize())

	b := append([]byte(nil), orig...)
	binary.LittleEndian.PutUint64(b[root*pageSize+pageHeaderSize+elementSize+8:], uint64(root))
	require.NoError(t, os.WriteFile(path, b, 0o600))
	for _, opts := range []*Options{nil, {ReadOnly: true}} {
		_, err = Open(path, opts)
		var de *DamageError
		require.ErrorAs(t, err, &de)
		require.Equal(t, root, de.Page, err.Error())
		require.Contains(t, err.Error(), "a second reference to page")
	}

	var m boltMeta
	for id := range int64(2) {
		if cand, ok := parseMeta(orig[id*pageSize:]); ok && cand.txn >= m.txn {
			m = cand
		}
	}
	b = append([]byte(nil), orig...)
	binary.LittleEndian.PutUint16(b[int64(m.freelist)*pageSize+10:], 0xFFFF)
	binary.LittleEndian.PutUint64(b[int64(m.freelist)*pageSize+pageHeaderSize:], 1<<40)
	require.NoError(t, os.WriteFile(path, b, 0o600))
	_, err = Open(path, nil)
	var de *DamageError
	require.ErrorAs(t, err, &de)
	require.Equal(t, int64(m.freelist), de.Page, err.Error())
	require.Contains(t, err.Error(), "free list overruns")
}

func must2[T any](v T, err error) T {
	if err != nil {
		panic(err)
	}
	return v
}

func TestFindDamageLocatesRecord(t *testing.T) {
	// A record whose bytes are damaged lies on a sound page: the walk
	// finds the page that holds it.
	path := tempPath(t)
	buildStore(t, path, 2000)
	id := seqID(1234)
	d := findDamage(path, bucketLeads, id[:])
	require.Empty(t, d.why, "a sound store")
	require.Greater(t, d.page, int64(1))
	b, err := os.ReadFile(path)
	require.NoError(t, err)
	pageSize := int64(os.Getpagesize())
	page := b[d.page*pageSize : (d.page+1)*pageSize]
	require.True(t, bytes.Contains(page, id[:]), "page %d holds the record", d.page)

	// Damage the record's checksum: Open names that page.
	at := bytes.Index(page, id[:]) + 100
	page[at] ^= 0x40
	require.NoError(t, os.WriteFile(path, b, 0o600))
	_, err = Open(path, nil)
	var de *DamageError
	require.ErrorAs(t, err, &de)
	require.Equal(t, d.page, de.Page)
	require.Contains(t, err.Error(), "checksum")
}

func TestFindDamageNeverPanics(t *testing.T) {
	// Short and odd files: the walk reads nothing it has not checked.
	dir := t.TempDir()
	for name, data := range map[string][]byte{
		"empty": nil, "one byte": {1}, "header only": make([]byte, 16),
		"meta only": bytes.Repeat([]byte{0xff}, 4096),
	} {
		path := filepath.Join(dir, strings.ReplaceAll(name, " ", "_"))
		require.NoError(t, os.WriteFile(path, data, 0o600))
		id := seqID(1)
		d := findDamage(path, bucketLeads, id[:])
		require.Equal(t, int64(0), d.page, name)
	}
}

// damagedSeed makes the store that FuzzOpenDamaged damages and returns
// its bytes and what it holds.
func damagedSeed(f *testing.F) ([]byte, []*leads.Lead) {
	path := filepath.Join(f.TempDir(), "seed.db")
	buildStore(f, path, 150)
	// Two empty commits make both meta pages describe the same state: a
	// damaged newest meta page makes bbolt fall back to the other one, by
	// design (it is how a torn commit is survived), and then the store
	// would rightly read as of the commit before.
	for range 2 {
		db, err := bolt.Open(path, 0o600, nil)
		require.NoError(f, err)
		require.NoError(f, db.Update(func(*bolt.Tx) error { return nil }))
		require.NoError(f, db.Close())
	}
	want := make([]*leads.Lead, 150)
	for n := range want {
		want[n] = storedLead(n)
	}
	b, err := os.ReadFile(path)
	require.NoError(f, err)
	return b, want
}

// FuzzOpenDamaged damages a store at offsets the fuzzer picks, flipping
// the bits of a mask there, and may cut the file short. Open, for writing
// and read-only, must give an error that matches ErrNotStore (or
// ErrNewerFormat, when the flip raised the format version), with no panic
// and no panic text, or else the store's own records; it must never hang,
// and never write to the file.
//
// flips holds 4 bytes a flip: a 3-byte little-endian offset (modulo the
// file's size) and the mask. cut, if not 0, cuts the file to cut-1 bytes
// (modulo its size plus one).
func FuzzOpenDamaged(f *testing.F) {
	seed, want := damagedSeed(f)
	size := len(seed)
	ps := os.Getpagesize()
	flip := func(off int, mask byte) []byte { return []byte{byte(off), byte(off >> 8), byte(off >> 16), mask} }
	f.Add([]byte{}, uint32(0))
	f.Add([]byte{}, uint32(1))          // 0 bytes
	f.Add([]byte{}, uint32(size/2+1))   // half
	f.Add([]byte{}, uint32(size-ps+1))  // the last page lost
	f.Add(flip(0, 0x01), uint32(0))     // meta page 0
	f.Add(flip(ps+20, 0x80), uint32(0)) // meta page 1
	for page := 2; page*ps < size; page += 3 {
		f.Add(flip(page*ps, 0x04), uint32(0))      // a page's ID
		f.Add(flip(page*ps+8, 0x03), uint32(0))    // its flags
		f.Add(flip(page*ps+10, 0x40), uint32(0))   // its count
		f.Add(flip(page*ps+24, 0x10), uint32(0))   // an element
		f.Add(flip(page*ps+ps/2, 0xff), uint32(0)) // a record
		f.Add(append(flip(page*ps+16, 0x20), flip(page*ps+1000, 0x01)...), uint32(page*ps+ps/3))
	}
	dir := f.TempDir()
	path := filepath.Join(dir, "damaged.db")
	past := time.Date(2020, 1, 1, 0, 0, 0, 0, time.UTC)

	f.Fuzz(func(t *testing.T, flips []byte, cut uint32) {
		b := append([]byte(nil), seed...)
		for i := 0; i+4 <= len(flips); i += 4 {
			off := int(flips[i]) | int(flips[i+1])<<8 | int(flips[i+2])<<16
			b[off%len(b)] ^= flips[i+3]
		}
		if cut > 0 {
			b = b[:int(cut-1)%(len(b)+1)]
		}
		require.NoError(t, os.WriteFile(path, b, 0o600))
		require.NoError(t, os.Chtimes(path, past, past))

		for _, opts := range []*Options{{Timeout: -1}, {Timeout: -1, ReadOnly: true}} {
			s, err := Open(path, opts)
			if err != nil {
				// A damaged format version may read as a newer one: the
				// file is refused all the same.
				if !errors.Is(err, ErrNewerFormat) {
					require.ErrorIs(t, err, ErrNotStore, "read-only: %v", opts.ReadOnly)
				}
				require.False(t, errors.Is(err, ErrLocked), "a refused file is left locked")
				requireNoPanicText(t, err)
			} else {
				require.Equal(t, want, allLeads(t, s), "read-only: %v", opts.ReadOnly)
				require.NoError(t, s.Close())
			}
			info, err := os.Stat(path)
			require.NoError(t, err)
			require.True(t, info.ModTime().Equal(past), "the file was written")
			require.Equal(t, b, must2(os.ReadFile(path)), "the file was written")
		}
	})
}

// BenchmarkCheckPages1M walks the pages of a store of a million leads as
// Open does before bbolt reads them: compare with BenchmarkOpen1M.
func BenchmarkCheckPages1M(b *testing.B) {
	path := sharedStore(b, million)
	b.ResetTimer()
	for b.Loop() {
		if d := checkPages(path); d.why != "" {
			b.Fatal(d.why)
		}
	}
}
