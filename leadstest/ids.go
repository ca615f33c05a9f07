package leadstest

import (
	"encoding/binary"
	"sync"

	"github.com/google/uuid"
)

// IDs makes UUID v7 identifiers that are the same in every run with the
// same seed and clock: the time part comes from the clock, the rest from a
// sequence number and a seeded generator (SplitMix64, written out here so
// that no change of a Go release can alter it). IDs made one after another
// sort in the order they were made while the clock does not go back, as
// real UUID v7 do. It is safe for concurrent use.
type IDs struct {
	mu    sync.Mutex
	clock *Clock
	state uint64
	seq   uint32
}

// NewIDs returns an ID source reading time from clock, seeded with seed.
func NewIDs(clock *Clock, seed uint64) *IDs { return &IDs{clock: clock, state: seed} }

// NewID returns the next ID; its signature fits leads.WithNewID.
func (g *IDs) NewID() (uuid.UUID, error) {
	g.mu.Lock()
	defer g.mu.Unlock()
	g.seq++
	ms := uint64(g.clock.Now().UnixMilli())
	var id uuid.UUID
	// 48 bits of milliseconds, then the version, then 12 bits and 20 bits
	// of the sequence around the variant, then 42 random bits.
	binary.BigEndian.PutUint64(id[0:8], ms<<16|0x7000|uint64(g.seq>>20)&0x0fff)
	binary.BigEndian.PutUint64(id[8:16], 0x8000_0000_0000_0000|uint64(g.seq&0xfffff)<<42|g.next()>>22)
	return id, nil
}

// next is SplitMix64.
func (g *IDs) next() uint64 {
	g.state += 0x9e3779b97f4a7c15
	z := g.state
	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9
	z = (z ^ (z >> 27)) * 0x94d049bb133111eb
	return z ^ (z >> 31)
}

// count returns how many IDs were made so far: builders number their
// defaults with it, so the numbers are as stable as the IDs.
func (g *IDs) count() int {
	g.mu.Lock()
	defer g.mu.Unlock()
	return int(g.seq)
}
