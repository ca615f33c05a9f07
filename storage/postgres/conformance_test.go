package postgres

import (
	"testing"

	"github.com/leadkit/leads"
	"github.com/leadkit/leads/storage/storagetest"
	"github.com/stretchr/testify/require"
)

func TestConformance(t *testing.T) {
	testDSN(t)
	open := func(t *testing.T) leads.Store { return newT(t) }
	storagetest.TestStore(t, open)
	storagetest.TestBook(t, open)
}

// TestConformanceOneConnection runs the suite over a pool of one
// connection: a store function or Book operation that, inside a
// transaction, read through the store rather than the transaction would
// wait for ever for a second connection.
func TestConformanceOneConnection(t *testing.T) {
	open := func(t *testing.T) leads.Store {
		s, err := Open(ctx, testDSN(t), &Options{Schema: testSchema(t), MaxConns: 1})
		require.NoError(t, err)
		t.Cleanup(func() { s.Close() })
		return s
	}
	storagetest.TestStore(t, open)
	storagetest.TestBook(t, open)
}
