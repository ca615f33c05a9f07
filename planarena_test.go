package leads

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
)

// TestArenaFold checks that the arena folds text exactly as foldText (and
// so strings.ToLower) does, invalid UTF-8 included, and joins as
// strings.Join does.
func TestArenaFold(t *testing.T) {
	a := &textArena{}
	for _, s := range []string{"", "abc", "ABC", "Lovelace, Ada 5", "Zoë ÅNGSTRÖM", "Пётр Чайковский", "İstanbul",
		"\xff\xfeAB", "a\x00B", "ǅ ß ẞ Σ", strings.Repeat("Wide ", 300000)} {
		require.Equal(t, foldText(s), a.fold(s), "%q", s)
		require.Equal(t, foldText(s), string(appendFolded([]byte("x"), s)[1:]), "%q", s)
	}
}

func FuzzArenaFold(f *testing.F) {
	f.Add("Lovelace, Ada")
	f.Add("\xffÅ")
	f.Fuzz(func(t *testing.T, s string) {
		a := &textArena{}
		require.Equal(t, foldText(s), a.fold(s))
	})
}
