package memory_test

import (
	"testing"

	"github.com/leadkit/leads"
	"github.com/leadkit/leads/storage/memory"
	"github.com/leadkit/leads/storage/storagetest"
)

func TestConformance(t *testing.T) {
	open := func(t *testing.T) leads.Store {
		s := memory.New()
		t.Cleanup(func() { s.Close() })
		return s
	}
	storagetest.TestStore(t, open)
	storagetest.TestBook(t, open)
}
