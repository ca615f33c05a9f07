package file

import (
	"errors"
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

func (e *openError) Is(target error) bool { return target == e.kind }

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
