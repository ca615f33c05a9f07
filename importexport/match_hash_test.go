package importexport

import (
	"strings"
	"testing"

	"github.com/google/uuid"
	"github.com/stretchr/testify/require"
)

// TestMatcherKeysByHash checks the keys a Matcher holds by hash: two keys
// given one hash both find their own row, a key too long for a block of
// text is still found, and the text of many keys fills several blocks.
func TestMatcherKeysByHash(t *testing.T) {
	m := NewMatcher()
	a, b, c := uuid.Must(uuid.NewV7()), uuid.Must(uuid.NewV7()), uuid.Must(uuid.NewV7())
	long := "n:" + strings.Repeat("x", keyBlock)
	m.addKeys(a, []string{"e:a@x.example"}, []uint64{7})
	m.addKeys(b, []string{"e:b@x.example", long}, []uint64{7, 8}) // the same hash as a's key
	m.addKeys(c, []string{"e:b@x.example"}, []uint64{7})          // b keeps its key
	for _, tt := range []struct {
		key  string
		h    uint64
		want uuid.UUID
	}{
		{"e:a@x.example", 7, a},
		{"e:b@x.example", 7, b},
		{long, 8, b},
		{"e:c@x.example", 7, uuid.Nil},
		{"e:a@x.example", 9, uuid.Nil}, // another hash: not found
	} {
		id, ok := m.findKey(tt.key, tt.h)
		require.Equal(t, tt.want != uuid.Nil, ok, tt.key)
		require.Equal(t, tt.want, id, tt.key)
	}

	m = NewMatcher()
	ids := make([]uuid.UUID, 5000)
	keys := make([]string, len(ids))
	for i := range ids {
		ids[i] = uuid.Must(uuid.NewV7())
		keys[i] = "e:" + strings.Repeat("k", 20+i%30) + string(rune('a'+i%26)) + uuid.NewString()
		m.addKeys(ids[i], keys[i:i+1], m.hashes(keys[i:i+1], nil))
	}
	require.Greater(t, len(m.text), 1)
	for i, k := range keys {
		id, ok := m.findKey(k, m.hashes([]string{k}, nil)[0])
		require.True(t, ok, k)
		require.Equal(t, ids[i], id)
	}
}
