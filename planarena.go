package leads

import (
	"bytes"
	"cmp"
	"strings"
	"unicode"
	"unicode/utf8"
)

// textArena hands out strings carved from large shared buffers, so that a
// sort of a million records does not make a million small folded keys, and
// the garbage collector has a few large objects to look at instead. A string from the arena stays valid
// for as long as it is referenced: the buffers only ever grow at the end.
type textArena struct {
	b strings.Builder
}

const arenaBlock = 1 << 20

// reserve makes room for n more bytes without moving the current buffer:
// a buffer that would have to grow is left to the strings already cut
// from it, and a new one starts.
func (a *textArena) reserve(n int) {
	if a.b.Cap()-a.b.Len() < n {
		a.b = strings.Builder{}
		a.b.Grow(max(arenaBlock, n))
	}
}

// cut returns the bytes written since start as a string.
func (a *textArena) cut(start int) string { return a.b.String()[start:] }

// fold returns s as foldText does, carving the result from the arena.
func (a *textArena) fold(s string) string {
	if !needsFold(s) {
		return s
	}
	a.reserve(len(s) * utf8.UTFMax)
	start := a.b.Len()
	writeFolded(&a.b, s)
	return a.cut(start)
}

// needsFold reports whether foldText would change s.
func needsFold(s string) bool {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c >= utf8.RuneSelf || ('A' <= c && c <= 'Z') {
			return true
		}
	}
	return false
}

// byteWriter is what writeFolded writes to.
type byteWriter interface {
	WriteByte(c byte) error
	WriteRune(r rune) (int, error)
}

// writeFolded writes s folded exactly as strings.ToLower folds it: ASCII
// bytes lowered, other runes through unicode.ToLower, invalid bytes as
// U+FFFD.
func writeFolded(w byteWriter, s string) {
	ascii := true
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			ascii = false
			break
		}
	}
	if ascii {
		for i := 0; i < len(s); i++ {
			c := s[i]
			if 'A' <= c && c <= 'Z' {
				c += 'a' - 'A'
			}
			w.WriteByte(c)
		}
		return
	}
	for _, r := range s {
		w.WriteRune(unicode.ToLower(r))
	}
}

// appendFolded appends s folded to dst.
func appendFolded(dst []byte, s string) []byte {
	if !needsFold(s) {
		return append(dst, s...)
	}
	b := bytes.NewBuffer(dst)
	writeFolded(b, s)
	return b.Bytes()
}

// keyIn returns the sort key of l for spec, as spec.key does, with folded
// text carved from the arena.
func (a *textArena) keyIn(spec fieldSpec, l *Lead) keyVal {
	if spec.kind != KindText {
		return spec.key(l)
	}
	if spec.list {
		if vs := spec.texts(l); len(vs) > 0 {
			return keyVal{text: a.fold(vs[0])}
		}
		return keyVal{}
	}
	return keyVal{text: a.fold(spec.text(l))}
}

// rowComparer returns the order of p (its keys, then the ID) over rows, as
// Plan.compareRows gives it, comparing keys in place rather than by value.
func rowComparer(p *Plan) func(a, b row) int {
	kinds := make([]Kind, len(p.keys))
	types := make([]CustomType, len(p.keys))
	desc := make([]bool, len(p.keys))
	for i, k := range p.keys {
		kinds[i], types[i], desc[i] = k.spec.kind, k.spec.custom, k.desc
	}
	return func(a, b row) int {
		for i, kind := range kinds {
			x, y := &a.keys[i], &b.keys[i]
			var c int
			switch kind {
			case KindText:
				c = strings.Compare(x.text, y.text)
			case KindInt:
				c = cmp.Compare(x.num, y.num)
			case KindDecimal:
				c = x.dec.Cmp(y.dec)
			case KindTime:
				c = x.time.Compare(y.time)
			case kindCustom:
				c = compareCustom(types[i], *x, *y)
			}
			if c != 0 {
				if desc[i] {
					return -c
				}
				return c
			}
		}
		return bytes.Compare(a.l.ID[:], b.l.ID[:])
	}
}
