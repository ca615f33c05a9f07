// Package memory is a leads.Store that keeps records in maps: for tests,
// examples and small embeddings. Nothing survives the process.
package memory

import (
	"context"
	"errors"
	"sync"
	"sync/atomic"

	"github.com/leadkit/leads"
	"github.com/leadkit/leads/storage/internal/index"
)

// ErrClosed is returned by operations on a closed store.
var ErrClosed = errors.New("leads/memory: store is closed")

// Store is an in-memory leads.Store. Writers take turns; readers never wait
// for a multi-record write, which applies all its changes at once
// (copy-on-write). The zero Store is not usable; call New.
type Store struct {
	index  *index.Index
	write  sync.Mutex // held by every write, for the whole of Atomic
	closed atomic.Bool
}

// New returns a new store: no records, and the default scoring criteria
// (leads.DefaultCriteria).
func New() *Store {
	s := &Store{index: index.New()}
	c := index.NewChanges()
	for _, cr := range leads.DefaultCriteria() {
		cr.Version = 1
		c.Criteria[cr.ID] = &cr
	}
	s.index.Apply(c)
	return s
}

// Atomic runs fn with a transaction: its writes are applied together when
// fn returns nil and dropped when it returns an error.
func (s *Store) Atomic(ctx context.Context, fn func(tx leads.Tx) error) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	s.write.Lock()
	defer s.write.Unlock()
	if s.closed.Load() {
		return ErrClosed
	}
	c := index.NewChanges()
	if err := fn(s.index.Tx(c)); err != nil {
		return err
	}
	if err := ctx.Err(); err != nil {
		return err
	}
	s.index.Apply(c)
	return nil
}

// Close marks the store closed; later operations fail with ErrClosed.
func (s *Store) Close() error {
	s.write.Lock()
	defer s.write.Unlock()
	s.closed.Store(true)
	return nil
}
