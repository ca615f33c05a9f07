package file

import (
	"bytes"
	"encoding/binary"
	"fmt"
	"hash/fnv"
	"io"
	"os"
)

// Open reads the file itself, page by page, without bbolt, twice over:
// before bbolt reads the tree, a walk down to the headers of the record
// pages (checkPages), since bbolt trusts its file and damage can make it
// panic, allocate gigabytes or loop forever; and, when a store proves
// damaged, a full walk that says where (findDamage), since bbolt reports
// damage by panicking, with no message for a user. The walk checks every
// bound before it reads and never trusts a number from the file to size
// anything, so any bytes give an answer. It reads bbolt's file format
// (version 2), which bbolt keeps stable across releases:
//
//	page      id uint64, flags uint16, count uint16, overflow uint32, then data
//	meta      magic uint32, version uint32, pageSize uint32, flags uint32,
//	          root uint64, sequence uint64, freelist uint64, pgid uint64,
//	          txid uint64, checksum uint64 (FNV-64a of what precedes it)
//	branch    count elements of pos uint32, ksize uint32, pgid uint64
//	leaf      count elements of flags uint32, pos uint32, ksize uint32,
//	          vsize uint32; key and value lie pos bytes after the element
//	bucket    a leaf value flagged 1: root uint64, sequence uint64, and, if
//	          root is 0, an inline page
//	freelist  count page IDs (count 0xFFFF: the first uint64 is the count)
//
// bbolt writes integers in the machine's byte order: the walk reads them
// little-endian, the order of the machines this package is built for.
const (
	pageHeaderSize = 16
	elementSize    = 16
	metaSize       = 64
	boltMagic      = 0xED0CDAED
	boltVersion    = 2
	flagBranch     = 0x01
	flagLeaf       = 0x02
	flagMeta       = 0x04
	flagFreelist   = 0x10
	leafBucket     = 0x01
	noFreelist     = ^uint64(0)
	maxDepth       = 64
)

// boltMeta is the part of a meta page that the walk needs.
type boltMeta struct {
	pageSize                  int
	root, freelist, pgid, txn uint64
}

// damage is where a walk found the file damaged: a page (-1 if none) and
// what is wrong with it.
type damage struct {
	page int64
	why  string
}

// walker reads a bbolt file page by page.
type walker struct {
	r    io.ReaderAt
	size int64
	meta boltMeta
	seen map[uint64]bool // pages reached, to catch loops and shared pages
	// metaPage is the meta page in use, 0 or 1: the one that refers to
	// the root and the free list.
	metaPage int64

	// shallow walks skip the bodies of the leaves of record buckets.
	shallow bool

	// The record sought: its bucket and key. found is the page it is on.
	bucket, key []byte
	found       int64
}

// where is the place in the file of the page a walk reads: whether it
// holds the store's top-level buckets (the root bucket) or the records of
// the bucket sought.
type where struct{ root, sought bool }

// findDamage walks the store at path and returns the first damage it
// finds. If bucket and key are given and the walk finds no damage, the
// page that holds that record is returned instead, with why empty; page
// is -1 when there is nothing to tell.
func findDamage(path string, bucket, key []byte) damage {
	w, done := openWalker(path)
	if w == nil {
		return damage{page: -1}
	}
	defer done()
	w.bucket, w.key = bucket, key
	if d, ok := w.walk(); ok {
		return d
	}
	return damage{page: w.found}
}

// openWalker returns a walker over the file at path and the function that
// closes it, or nil if the file cannot be read.
func openWalker(path string) (*walker, func()) {
	f, err := os.Open(path)
	if err != nil {
		return nil, nil
	}
	info, err := f.Stat()
	if err != nil {
		f.Close()
		return nil, nil
	}
	return &walker{r: f, size: info.Size(), seen: map[uint64]bool{}, found: -1}, func() { f.Close() }
}

// checkPages walks the store at path before bbolt reads its tree: the
// pages of the tree, the buckets and the free list, down to the leaves of
// the record buckets, of which it reads only the headers (the loading of
// the records checks the rest). bbolt trusts the file: a branch page that
// refers to itself sends its cursor round forever, and a free list's count
// sizes its allocations, so these are checked first. It costs one small
// read per page, about a twentieth of the time of Open. why is empty if
// the pages are sound.
func checkPages(path string) damage {
	w, done := openWalker(path)
	if w == nil {
		return damage{page: -1}
	}
	defer done()
	w.shallow = true
	if d, ok := w.walk(); ok {
		return d
	}
	return damage{page: -1}
}

// walk checks the meta pages, the tree and the free list.
func (w *walker) walk() (damage, bool) {
	m, d, ok := w.readMeta()
	if !ok {
		return d, true
	}
	w.meta = m
	if end := int64(m.pgid) * int64(m.pageSize); end > w.size || end/int64(m.pageSize) != int64(m.pgid) {
		return damage{page: w.size / int64(m.pageSize), why: fmt.Sprintf("the file is truncated (%d bytes of %d)", w.size, end)}, true
	}
	w.seen[0], w.seen[1] = true, true
	if d, ok := w.tree(m.root, w.metaPage, nil, nil, 0, where{root: true}); ok {
		return d, true
	}
	return w.freelist()
}

// readMeta returns the meta page bbolt would use: the valid one with the
// higher transaction ID, the first if they are equal.
func (w *walker) readMeta() (boltMeta, damage, bool) {
	var best boltMeta
	found := false
	for _, pageSize := range []int{os.Getpagesize(), 4096, 8192, 16384, 32768, 65536} {
		for id := range 2 {
			buf := make([]byte, pageHeaderSize+metaSize)
			if _, err := w.r.ReadAt(buf, int64(id*pageSize)); err != nil {
				continue
			}
			m, ok := parseMeta(buf)
			if !ok || m.pageSize != pageSize {
				continue
			}
			if !found || m.txn > best.txn {
				best, found, w.metaPage = m, true, int64(id)
			}
		}
		if found {
			return best, damage{}, true
		}
	}
	return best, damage{page: 0, why: "no valid meta page"}, false
}

// parseMeta checks and decodes a meta page.
func parseMeta(p []byte) (boltMeta, bool) {
	// As bbolt does, the page header is not checked: the checksum covers
	// only the meta data, and the walk must see the meta page bbolt uses.
	le := binary.LittleEndian
	m := p[pageHeaderSize:]
	h := fnv.New64a()
	h.Write(m[:56])
	if le.Uint32(m[0:]) != boltMagic || le.Uint32(m[4:]) != boltVersion || h.Sum64() != le.Uint64(m[56:]) {
		return boltMeta{}, false
	}
	ps := le.Uint32(m[8:])
	if ps < 1024 || ps > 1<<20 || ps&(ps-1) != 0 {
		return boltMeta{}, false
	}
	return boltMeta{pageSize: int(ps), root: le.Uint64(m[16:]), freelist: le.Uint64(m[32:]),
		pgid: le.Uint64(m[40:]), txn: le.Uint64(m[48:])}, true
}

// page reads page id, which page from refers to, with its overflow
// pages, checking its header. Each page may be reached once.
//
// If leafHeader is set, a leaf page's header is returned alone.
func (w *walker) page(id uint64, flags uint16, from int64, leafHeader bool) ([]byte, damage, bool) {
	switch {
	case id < 2 || id >= w.meta.pgid:
		return nil, damage{page: from, why: fmt.Sprintf("a reference to page %d, outside the file's %d pages", id, w.meta.pgid)}, false
	case w.seen[id]:
		return nil, damage{page: from, why: fmt.Sprintf("a second reference to page %d", id)}, false
	}
	ps := int64(w.meta.pageSize)
	head := make([]byte, pageHeaderSize)
	if _, err := w.r.ReadAt(head, int64(id)*ps); err != nil {
		return nil, damage{page: int64(id), why: "the page cannot be read"}, false
	}
	le := binary.LittleEndian
	overflow := uint64(le.Uint32(head[12:]))
	switch {
	case le.Uint64(head) != id:
		return nil, damage{page: int64(id), why: "the page's header names another page"}, false
	case !typeOK(le.Uint16(head[8:]), flags) && typeOK(le.Uint16(head[8:]), flagBranch|flagLeaf|flagMeta|flagFreelist):
		// A sound page of another kind: the reference is wrong.
		return nil, damage{page: from, why: fmt.Sprintf("a reference to page %d, a page of another kind", id)}, false
	case !typeOK(le.Uint16(head[8:]), flags):
		return nil, damage{page: int64(id), why: fmt.Sprintf("the page has the wrong type (%#x)", le.Uint16(head[8:]))}, false
	case overflow >= w.meta.pgid-id:
		return nil, damage{page: int64(id), why: "the page overruns the file"}, false
	}
	for i := range overflow + 1 {
		if w.seen[id+i] {
			return nil, damage{page: int64(id), why: "the page overlaps another"}, false
		}
		w.seen[id+i] = true
	}
	if leafHeader && le.Uint16(head[8:]) == flagLeaf {
		return head, damage{}, true
	}
	buf := make([]byte, int64(overflow+1)*ps)
	if _, err := w.r.ReadAt(buf, int64(id)*ps); err != nil {
		return nil, damage{page: int64(id), why: "the page cannot be read"}, false
	}
	return buf, damage{}, true
}

// typeOK reports whether a page's flags are exactly one of the types in
// want.
func typeOK(flags, want uint16) bool {
	return flags != 0 && flags&want == flags && flags&(flags-1) == 0
}

// tree checks the tree of pages from id, whose keys must lie in [lo, hi)
// (nil: unbounded), and the buckets it holds.
func (w *walker) tree(id uint64, from int64, lo, hi []byte, depth int, at where) (damage, bool) {
	if depth > maxDepth {
		return damage{page: from, why: "the tree is too deep"}, true
	}
	p, d, ok := w.page(id, flagBranch|flagLeaf, from, w.shallow && !at.root)
	if !ok {
		return d, true
	}
	if len(p) == pageHeaderSize {
		return damage{}, false // a leaf of records, in a shallow walk
	}
	return w.node(p, int64(id), from, lo, hi, depth, at)
}

// node checks a branch or leaf page p (pgid is the page it lies in, for
// an inline bucket the page of its parent; from the page that refers to
// it).
func (w *walker) node(p []byte, pgid, from int64, lo, hi []byte, depth int, at where) (damage, bool) {
	bad := func(format string, args ...any) (damage, bool) {
		return damage{page: pgid, why: fmt.Sprintf(format, args...)}, true
	}
	if len(p) < pageHeaderSize {
		return bad("an inline bucket too short for its header")
	}
	le := binary.LittleEndian
	flags, count := le.Uint16(p[8:]), int(le.Uint16(p[10:]))
	if pageHeaderSize+count*elementSize > len(p) {
		return bad("%d elements overrun the page", count)
	}
	// bbolt tells a page's type by equality: 0x32 is no leaf to it.
	if !typeOK(flags, flagBranch|flagLeaf) {
		return bad("the page has the wrong type (%#x)", flags)
	}
	branch := flags == flagBranch
	if branch && count == 0 {
		return bad("an empty branch page")
	}
	keys := make([][]byte, count)
	for i := range count {
		e := pageHeaderSize + i*elementSize
		var pos, ksize, vsize uint64
		if branch {
			pos, ksize = uint64(le.Uint32(p[e:])), uint64(le.Uint32(p[e+4:]))
		} else {
			pos, ksize, vsize = uint64(le.Uint32(p[e+4:])), uint64(le.Uint32(p[e+8:])), uint64(le.Uint32(p[e+12:]))
		}
		start := uint64(e) + pos
		if start+ksize+vsize > uint64(len(p)) {
			return bad("element %d overruns the page", i)
		}
		key := p[start : start+ksize]
		switch {
		case len(key) == 0:
			return bad("element %d has an empty key", i)
		case i > 0 && bytes.Compare(keys[i-1], key) >= 0:
			return bad("the keys are out of order at element %d", i)
		}
		keys[i] = key
	}
	outside := 0
	for _, key := range keys {
		if lo != nil && bytes.Compare(key, lo) < 0 || hi != nil && bytes.Compare(key, hi) >= 0 {
			outside++
		}
	}
	switch {
	case outside > 0 && outside == count:
		// The page is sound, the reference to it is not.
		return damage{page: from, why: fmt.Sprintf("a reference to page %d, whose keys belong elsewhere", pgid)}, true
	case outside > 0:
		return bad("a key outside the range of its branch")
	}
	for i, key := range keys {
		e := pageHeaderSize + i*elementSize
		if branch {
			child := le.Uint64(p[e+8:])
			next := hi
			if i+1 < count {
				next = keys[i+1]
			}
			// The first key of a branch bounds nothing below: deletes may
			// have removed the keys it was copied from.
			from := key
			if i == 0 {
				from = lo
			}
			if d, ok := w.tree(child, pgid, from, next, depth+1, at); ok {
				return d, true
			}
			continue
		}
		eflags := le.Uint32(p[e:])
		value := p[uint64(e)+uint64(le.Uint32(p[e+4:]))+uint64(len(key)):][:le.Uint32(p[e+12:])]
		switch eflags {
		case 0:
			if at.sought && w.found < 0 && bytes.Equal(key, w.key) {
				w.found = pgid
			}
		case leafBucket:
			if d, ok := w.bucketValue(key, value, pgid, depth, at); ok {
				return d, true
			}
		default:
			return bad("element %d has unknown flags %#x", i, eflags)
		}
	}
	return damage{}, false
}

// bucketValue checks a bucket stored under key in a leaf of page pgid.
func (w *walker) bucketValue(key, value []byte, pgid int64, depth int, at where) (damage, bool) {
	if len(value) < 16 {
		return damage{page: pgid, why: fmt.Sprintf("bucket %q has a short header", key)}, true
	}
	// Only the store's top-level buckets can be the one sought.
	in := where{sought: at.root && w.bucket != nil && bytes.Equal(key, w.bucket)}
	root := binary.LittleEndian.Uint64(value)
	if root == 0 {
		return w.node(value[16:], pgid, pgid, nil, nil, depth+1, in)
	}
	return w.tree(root, pgid, nil, nil, depth+1, in)
}

// freelistPage reads the free list page and returns the IDs it lists, 8
// bytes each.
func (w *walker) freelistPage() ([]byte, damage, bool) {
	id := w.meta.freelist
	p, d, ok := w.page(id, flagFreelist, w.metaPage, false)
	if !ok {
		return nil, d, false
	}
	le := binary.LittleEndian
	count, ids := uint64(le.Uint16(p[10:])), p[pageHeaderSize:]
	if count == 0xFFFF {
		if len(ids) < 8 {
			return nil, damage{page: int64(id), why: "the free list overruns its page"}, false
		}
		count, ids = le.Uint64(ids), ids[8:]
	}
	if count > uint64(len(ids)/8) {
		return nil, damage{page: int64(id), why: "the free list overruns its page"}, false
	}
	return ids[:count*8], damage{}, true
}

// freelist checks the free list: its page, and that it lists no page the
// tree uses.
func (w *walker) freelist() (damage, bool) {
	if w.meta.freelist == noFreelist {
		return damage{}, false
	}
	ids, d, ok := w.freelistPage()
	if !ok {
		return d, true
	}
	id, le := w.meta.freelist, binary.LittleEndian
	for i := range uint64(len(ids) / 8) {
		free := le.Uint64(ids[i*8:])
		if free < 2 || free >= w.meta.pgid || w.seen[free] {
			return damage{page: int64(id), why: fmt.Sprintf("the free list holds page %d, which is in use", free)}, true
		}
	}
	return damage{}, false
}
