package file

import (
	"testing"

	"github.com/leadkit/leads/storage/storagetest"
	"github.com/stretchr/testify/require"
)

// BenchmarkDuplicates1M finds the duplicates of one new lead in a store of
// a million leads (storagetest.BenchDuplicates); the store is opened
// first, outside the measurement.
func BenchmarkDuplicates1M(b *testing.B) {
	s, err := Open(sharedStore(b, million), nil)
	require.NoError(b, err)
	defer s.Close()
	storagetest.BenchDuplicates(b, s)
}
