// Package file is the embedded default leads.Store: one file, no server.
//
// Records live in a bbolt file (go.etcd.io/bbolt). Every write is a
// transaction, fsynced before it returns, so a write that returned nil
// survives a crash, kill -9 or power loss; an Atomic call writes all its
// records or none. Concurrent writers share commits, so many writers
// together write faster than one.
//
// Queries are answered from memory: Open reads every record into a
// memory.Index, the query engine of storage/memory, and every committed
// write updates it. Reads therefore never touch the disk, and Open takes
// time in proportion to the size of the store (a few seconds for a million
// leads); records are stored in a compact binary form to keep that short.
//
// While a Store has the file open, the file is locked: Open in another
// process, or a second Open in this one, fails with ErrLocked. Open refuses
// files that are not stores (a CSV file, another program's bbolt file) and
// stores that are damaged (each record carries a checksum, and the tree
// that files them is checked) with ErrNotStore, and stores written by a
// newer version of this package with ErrNewerFormat. It never writes to a
// file it refuses.
//
//	s, err := file.Open("leads.db", nil)
//	if err != nil {
//		return err
//	}
//	defer s.Close()
//	book := leads.New(s)
package file
