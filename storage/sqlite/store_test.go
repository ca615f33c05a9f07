package sqlite

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/leadkit/leads"
)

func TestReadOnly(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "leads.sqlite")
	if _, err := Open(ctx, path, &Options{ReadOnly: true}); err == nil {
		t.Fatal("a read-only open created a store")
	}
	s, err := Open(ctx, path, nil)
	if err != nil {
		t.Fatal(err)
	}
	l := benchLead(1)
	if err := s.Leads().Create(ctx, l); err != nil {
		t.Fatal(err)
	}
	ro, err := Open(ctx, path, &Options{ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	defer ro.Close()
	if _, err := ro.Leads().Get(ctx, l.ID); err != nil {
		t.Fatalf("read-only get: %v", err)
	}
	if err := ro.Leads().Create(ctx, benchLead(2)); !errors.Is(err, ErrReadOnly) {
		t.Fatalf("read-only create: %v, want ErrReadOnly", err)
	}
	if err := ro.Leads().Delete(ctx, l.ID); !errors.Is(err, ErrReadOnly) {
		t.Fatalf("read-only delete: %v, want ErrReadOnly", err)
	}
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	if _, err := ro.Leads().Get(ctx, l.ID); err != nil {
		t.Fatalf("read-only get after the writer closed: %v", err)
	}
}

// TestTwoStoresOneFile opens one file twice, as two processes would: a
// reader goes on while the other store holds a write transaction, and a
// second writer waits for it.
func TestTwoStoresOneFile(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "leads.sqlite")
	a, err := Open(ctx, path, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer a.Close()
	b, err := Open(ctx, path, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer b.Close()
	first := benchLead(1)
	if err := a.Leads().Create(ctx, first); err != nil {
		t.Fatal(err)
	}
	inside, release := make(chan struct{}), make(chan struct{})
	done := make(chan error, 1)
	go func() {
		done <- a.Atomic(ctx, func(tx leads.Tx) error {
			if err := tx.Leads().Create(ctx, benchLead(2)); err != nil {
				return err
			}
			close(inside)
			<-release
			return nil
		})
	}()
	<-inside
	if _, err := b.Leads().Get(ctx, first.ID); err != nil {
		t.Fatalf("read beside a write transaction: %v", err)
	}
	if _, err := b.Leads().Get(ctx, benchLead(2).ID); !errors.Is(err, leads.ErrNotFound) {
		t.Fatalf("read of an uncommitted lead: %v, want ErrNotFound", err)
	}
	wrote := make(chan error, 1)
	go func() { wrote <- b.Leads().Create(ctx, benchLead(3)) }()
	select {
	case err := <-wrote:
		t.Fatalf("second writer did not wait: %v", err)
	case <-time.After(200 * time.Millisecond):
	}
	close(release)
	if err := <-done; err != nil {
		t.Fatal(err)
	}
	if err := <-wrote; err != nil {
		t.Fatalf("second writer after the first: %v", err)
	}
	if n, err := b.Leads().Count(ctx, leads.Query{}); err != nil || n != 3 {
		t.Fatalf("count %d, %v; want 3", n, err)
	}
}

func TestNotStore(t *testing.T) {
	path := filepath.Join(t.TempDir(), "notes.txt")
	if err := os.WriteFile(path, []byte("not a database, just some text that is long enough to be a header........"), 0o600); err != nil {
		t.Fatal(err)
	}
	if _, err := Open(context.Background(), path, nil); !errors.Is(err, ErrNotStore) {
		t.Fatalf("open of a text file: %v, want ErrNotStore", err)
	}
}
