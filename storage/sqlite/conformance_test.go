package sqlite

import (
	"context"
	"path/filepath"
	"testing"

	"github.com/leadkit/leads"
	"github.com/leadkit/leads/storage/storagetest"
)

// newT opens a new store in a file of the test's temporary directory.
func newT(t testing.TB) *Store {
	s, err := Open(context.Background(), filepath.Join(t.TempDir(), "leads.sqlite"), nil)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

func TestConformance(t *testing.T) {
	open := func(t *testing.T) leads.Store { return newT(t) }
	storagetest.TestStore(t, open)
	storagetest.TestBook(t, open)
}
