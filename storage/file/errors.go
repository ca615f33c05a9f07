package file

import (
	"errors"
	"fmt"
)

// Sentinel errors. Open wraps the first three with the file's path and the
// reason, so test for them with errors.Is.
var (
	// ErrLocked means that another process, or another Store in this one,
	// has the file open. Only one may write a store at a time.
	ErrLocked = errors.New("leads/file: store is locked by another process")

	// ErrNotStore means that the file is not a leads store: another kind of
	// file, another program's bbolt file, or a store damaged beyond use.
	// Open leaves such a file as it found it.
	ErrNotStore = errors.New("leads/file: not a leads store")

	// ErrEmpty means that the file is empty: a new store is made in an
	// existing empty file only with Options.Create. It also matches
	// ErrNotStore.
	ErrEmpty = errors.New("leads/file: empty file")

	// ErrDamaged means that the file is a store, or was one, but its pages
	// or records are damaged (a disk error, a bad copy, a file cut short).
	// Open refuses it with a *DamageError, which also matches ErrNotStore,
	// and leaves it as it found it. The way out is the last backup: export
	// regularly, and import the export into a new store.
	ErrDamaged = errors.New("leads/file: damaged file")

	// ErrReadOnly means that the store was opened read-only
	// (Options.ReadOnly), so it cannot be written.
	ErrReadOnly = errors.New("leads/file: store is open read-only")

	// ErrNewerFormat means that the store was written by a newer version of
	// this package, in a format that this one cannot read.
	ErrNewerFormat = errors.New("leads/file: store format is newer than this program")

	// ErrClosed is returned by operations on a closed store.
	ErrClosed = errors.New("leads/file: store is closed")
)

// openError is a failure of Open on one file: it names the path and the
// reason, matches its kind (ErrLocked, ErrNotStore, ...) with errors.Is,
// and unwraps to the underlying error, if any.
type openError struct {
	path   string
	reason string // "not a leads store: no leads meta bucket"
	kind   error
	err    error
}

func (e *openError) Error() string { return "leads/file: " + e.path + ": " + e.reason }

func (e *openError) Is(target error) bool {
	return target == e.kind || target == ErrNotStore && e.kind == ErrEmpty
}

func (e *openError) Unwrap() error { return e.err }

// notStore returns the error for a file that is not a usable store; cause,
// if not nil, is the error of bbolt or the decoder that told.
func notStore(path, why string, cause error) error {
	reason := "not a leads store: " + why
	if cause != nil {
		reason += " (" + cause.Error() + ")"
	}
	return &openError{path: path, reason: reason, kind: ErrNotStore, err: cause}
}

// DamageError is Open's refusal of a damaged store. It matches ErrDamaged
// and ErrNotStore with errors.Is. Its message names the file, the damaged
// page when known, what is wrong in words (never the panic of a library
// that read the page), and the way out.
type DamageError struct {
	Path string
	// Page is the number of the damaged page of the bbolt file (each page
	// is Options' page size, usually 4 KiB, from the start of the file),
	// or -1 when not known.
	Page int64
	// Reason says what is wrong: "the page's header names another page",
	// "lead 0190…: corrupt record: checksum mismatch".
	Reason string
}

func (e *DamageError) Error() string {
	where := "damaged file"
	if e.Page >= 0 {
		where = fmt.Sprintf("damaged file at page %d", e.Page)
	}
	if e.Reason != "" {
		where += " (" + e.Reason + ")"
	}
	return "leads/file: " + e.Path + ": " + where +
		"; restore the store from a backup: import the last export into a new store (leads --store new.db import backup.json)"
}

// Is matches ErrDamaged and ErrNotStore.
func (e *DamageError) Is(target error) bool { return target == ErrDamaged || target == ErrNotStore }

// damaged returns the error for a damaged store. why, if not empty, says
// what the reader found. The file is walked to find the damaged page; if
// the walk finds its pages sound, the error names the page of the record
// with key in bucket, if given, and why.
func damaged(path, why string, bucket, key []byte) error {
	d := findDamage(path, bucket, key)
	if d.why != "" {
		return &DamageError{Path: path, Page: d.page, Reason: d.why}
	}
	return &DamageError{Path: path, Page: d.page, Reason: why}
}
