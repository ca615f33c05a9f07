package file

import (
	"encoding/binary"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"runtime/debug"
	"syscall"
	"time"

	bolt "go.etcd.io/bbolt"
	berrors "go.etcd.io/bbolt/errors"
)

// DefaultTimeout is how long Open waits for another process to release a
// store unless Options say otherwise: long enough that a command run while
// another one writes (a script adding leads in a loop beside a user) waits
// its turn instead of failing.
const DefaultTimeout = 10 * time.Second

// Options configure Open. The zero value, like a nil *Options, gives the
// defaults.
type Options struct {
	// Timeout is how long Open waits for another process (or Store) that
	// has the file open to close it before failing with ErrLocked. Zero
	// means DefaultTimeout; a negative Timeout fails at once.
	Timeout time.Duration

	// NoSync skips the fsync after each commit. A crash or power loss can
	// then lose writes that returned nil, or damage the file beyond
	// repair. It is unsafe and meant only for benchmarks and for loading
	// data that can be loaded again.
	NoSync bool

	// Create lets Open lay out a new store in an existing empty file (one
	// made by mktemp, say). Without it Open creates a store only where no
	// file exists and refuses an empty file with ErrEmpty: a store cut to
	// zero bytes (a failed copy, a full disk) must not silently become a
	// new, empty store.
	Create bool

	// ReadOnly opens the store for reading only: writes fail with
	// ErrReadOnly, and the file is neither created nor changed. A
	// read-only Store takes a shared lock, so several may read a file at
	// once, in this process and others; a writer waits until they close,
	// and they wait while a writer has it open. A store the process may
	// not write (mode 0444, a read-only directory or file system) can be
	// opened only this way.
	ReadOnly bool
}

// Open opens the store at path, or creates it if no file exists there (or
// the file is empty and Options.Create is set). It reads every record into
// memory, so that queries need no disk access.
//
// Open refuses a file that is not a store with an error matching
// ErrNotStore, an empty file with ErrEmpty, a damaged store with a
// *DamageError (ErrDamaged), and a store of a newer format with
// ErrNewerFormat; it never writes to a file it refuses. If another process
// (or another Store in this process) has the file open for writing, or,
// when this Store is to write, open at all, Open waits for
// Options.Timeout and then fails with ErrLocked.
func Open(path string, opts *Options) (*Store, error) {
	var o Options
	if opts != nil {
		o = *opts
	}
	if o.Timeout == 0 {
		o.Timeout = DefaultTimeout
	}

	var fresh bool
	switch info, err := os.Stat(path); {
	case errors.Is(err, fs.ErrNotExist) && o.ReadOnly:
		return nil, fmt.Errorf("leads/file: %w (a read-only store is never created)", err)
	case errors.Is(err, fs.ErrNotExist):
		fresh = true
	case err != nil:
		return nil, fmt.Errorf("leads/file: %w", err)
	case info.IsDir():
		return nil, notStore(path, "it is a directory", nil)
	case info.Size() == 0 && (o.ReadOnly || !o.Create):
		return nil, &openError{path: path, kind: ErrEmpty,
			reason: "the file is empty (0 bytes), not a store: if it held one, restore that from a backup; to make a new store in it, open it with Options.Create (leads --create)"}
	case info.Size() == 0:
		fresh = true
	case !o.ReadOnly:
		// Look at the file read-only first. Opening a bbolt file for
		// writing may write to it (bbolt rewrites a missing free page list
		// at once), and a file that is not ours must stay untouched.
		if err := precheck(path, o); err != nil {
			return nil, err
		}
	}

	db, err := openBolt(path, o, o.ReadOnly)
	if err != nil {
		return nil, err
	}
	if o.ReadOnly {
		// Under bbolt's lock, which keeps writers out. (A read-only store
		// is never fresh.)
		if err := checkTree(path); err != nil {
			db.Close()
			return nil, err
		}
	}
	s, err := load(db, path, fresh, o.ReadOnly)
	if err != nil {
		db.Close()
		return nil, err
	}
	return s, nil
}

// errPanic marks a panic that guard recovered.
var errPanic = errors.New("panic")

// guard runs fn and turns a panic into an error. bbolt panics on damaged
// pages, and reading a page past the end of a truncated file faults; the
// fault becomes a panic too (debug.SetPanicOnFault), so a bad file gives an
// error and never crashes the program.
func guard(fn func() error) (err error) {
	defer debug.SetPanicOnFault(debug.SetPanicOnFault(true))
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("%w: %v", errPanic, r)
		}
	}()
	return fn()
}

// openBolt opens the bbolt file, translating its errors.
func openBolt(path string, o Options, readOnly bool) (*bolt.DB, error) {
	var (
		db   *bolt.DB
		file *os.File
	)
	err := guard(func() error {
		var err error
		db, err = bolt.Open(path, 0o600, &bolt.Options{
			Timeout:  o.Timeout,
			ReadOnly: readOnly,
			NoSync:   o.NoSync,
			// The hash map free list allocates in constant time where the
			// default array scans, which matters in large, aged files.
			FreelistType: bolt.FreelistMapType,
			OpenFile: func(name string, flag int, perm os.FileMode) (*os.File, error) {
				f, err := os.OpenFile(name, flag, perm)
				file = f
				return f, err
			},
		})
		return err
	})
	var (
		pathErr *fs.PathError
		errno   syscall.Errno
	)
	switch {
	case err == nil:
		return db, nil
	case errors.Is(err, errPanic):
		// bbolt panicked half way through Open, holding the file, its
		// lock and perhaps a mapping of it. The mapping keeps the lock
		// alive after the file is closed, so the lock is released first
		// (the mapping is lost until the process ends).
		if file != nil {
			unlock(file)
			file.Close()
		}
		return nil, damaged(path, "", nil, nil)
	case errors.Is(err, berrors.ErrTimeout):
		return nil, &openError{path: path, kind: ErrLocked, err: err,
			reason: fmt.Sprintf("store is locked by another process (waited %v)", max(o.Timeout, 0))}
	case !readOnly && (errors.Is(err, fs.ErrPermission) || errors.Is(err, syscall.EROFS)):
		return nil, fmt.Errorf("leads/file: %w; the store can only be read (Options.ReadOnly)", err)
	case errors.As(err, &pathErr):
		return nil, fmt.Errorf("leads/file: %w", err)
	case errors.As(err, &errno):
		return nil, fmt.Errorf("leads/file: open %s: %w", path, err)
	default:
		// bbolt found no valid meta page: ErrInvalid, ErrChecksum,
		// ErrVersionMismatch, or a file too small to hold one.
		return nil, notStore(path, "not a bbolt database", err)
	}
}

// precheck opens an existing file read-only and checks that it is a store
// this code can read.
func precheck(path string, o Options) error {
	db, err := openBolt(path, o, true)
	if err != nil {
		return err
	}
	defer db.Close()
	if err := checkTree(path); err != nil {
		return err
	}
	return guardedView(db, path, func(tx *bolt.Tx) error {
		_, err := checkLayout(tx, path)
		return err
	})
}

// checkTree checks the pages of the store at path (checkPages) before
// bbolt reads them: the tree, and the free list that opening for writing
// reads.
func checkTree(path string) error {
	if d := checkPages(path); d.why != "" {
		return &DamageError{Path: path, Page: d.page, Reason: d.why}
	}
	return nil
}

// guardedView runs fn in a read transaction, turning panics into
// *DamageError.
func guardedView(db *bolt.DB, path string, fn func(tx *bolt.Tx) error) error {
	err := guard(func() error { return db.View(fn) })
	if errors.Is(err, errPanic) {
		return damaged(path, "", nil, nil)
	}
	return err
}

// checkLayout checks that tx sees a store of a format this code reads and
// returns its buckets.
func checkLayout(tx *bolt.Tx, path string) (buckets, error) {
	// A truncated file still has valid meta pages, but reading the pages
	// it lost would fault: compare sizes before reading any page.
	info, err := os.Stat(tx.DB().Path())
	if err != nil {
		return buckets{}, fmt.Errorf("leads/file: %w", err)
	}
	if info.Size() < tx.Size() {
		return buckets{}, damaged(path, fmt.Sprintf("the file is truncated (%d bytes of %d)", info.Size(), tx.Size()), nil, nil)
	}
	b, ok := bucketsOf(tx)
	if b.meta == nil {
		return b, notStore(path, "a bbolt file without leads meta data", nil)
	}
	if v := b.meta.Get(keyMagic); string(v) != string(magic) {
		return b, notStore(path, "a bbolt file with the wrong magic value", nil)
	}
	format, n := binary.Uvarint(b.meta.Get(keyFormat))
	switch {
	case n <= 0 || format == 0:
		return b, notStore(path, "no valid format version", nil)
	case format > formatVersion:
		return b, &openError{path: path, kind: ErrNewerFormat,
			reason: fmt.Sprintf("store format %d is newer than this program reads (%d); upgrade the program", format, formatVersion)}
	case !ok:
		// The magic value is there, so the file was a store.
		return b, damaged(path, "a record bucket is missing", nil, nil)
	}
	// Nothing else lies at the top, and a bucket of laterBuckets is
	// missing only with its count, from a store older than the bucket:
	// otherwise Open would add the bucket to a damaged store, and lose the
	// records of the bucket it replaced.
	known := map[string]bool{}
	for _, name := range append([][]byte{bucketMeta, bucketLeads, bucketAccounts, bucketCriteria}, laterBuckets()...) {
		known[string(name)] = true
	}
	c := tx.Cursor()
	for k, v := c.First(); k != nil; k, v = c.Next() {
		switch {
		case v != nil:
			return b, damaged(path, fmt.Sprintf("the top-level key %q is not a bucket", k), nil, nil)
		case !known[string(k)]:
			return b, damaged(path, fmt.Sprintf("an unknown bucket %q", k), nil, nil)
		}
	}
	for _, name := range laterBuckets() {
		if tx.Bucket(name) == nil && b.meta.Get(name) != nil {
			return b, damaged(path, fmt.Sprintf("the %s bucket is missing", name), nil, nil)
		}
	}
	return b, nil
}
