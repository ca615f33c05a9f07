package importexport

// leadSlabSize is the number of lead blocks allocated at a time.
const leadSlabSize = 256

// leadSlab hands out the lead blocks of a table's rows from slabs of
// leadSlabSize: one allocation per few hundred rows instead of one per row.
// A block is handed out once; a used slab is never reused, only dropped, so
// that every lead handed out stays the caller's. A kept lead keeps its slab
// alive (256 KB), which for an import that stores its rows is no loss; rows
// an import skips (duplicates, rejected rows) keep theirs in memory while
// a lead of the same slab is kept, at most 255 blocks per lead kept.
type leadSlab struct {
	free []leadBlock
}

// next returns a zero block of the slab, starting a new slab when it is used up.
func (s *leadSlab) next() *leadBlock {
	if len(s.free) == 0 {
		s.free = make([]leadBlock, leadSlabSize)
	}
	b := &s.free[0]
	s.free = s.free[1:]
	return b
}
