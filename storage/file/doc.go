// Package file is the embedded default leads.Store: one file, no server.
//
// Records live in a bbolt file (go.etcd.io/bbolt). Every write is a
// transaction, fsynced before it returns, so a write that returned nil
// survives a crash, kill -9 or power loss; an Atomic call writes all its
// records or none. Concurrent writers share commits, so many writers
// together write faster than one.
//
// Queries are answered from memory: Open reads every record into an
// in-memory index, the query engine it shares with storage/memory, and
// every committed write updates it. Reads therefore never touch the disk, and Open takes
// time in proportion to the size of the store (a few seconds for a million
// leads); records are stored in a compact binary form to keep that short.
//
// While a Store has the file open for writing, the file is locked: Open
// in another process, or a second Open in this one, waits for it to close
// (Options.Timeout, 10 s by default) and then fails with ErrLocked. A
// Store opened with Options.ReadOnly takes a shared lock instead: readers
// run side by side, a writer waits for them, and writes to a read-only
// Store fail with ErrReadOnly. A store the process may not write (mode
// 0444, a read-only file system) opens only read-only.
//
// Open creates a store where no file exists; an existing empty file is
// refused with ErrEmpty unless Options.Create asks for a new store in it,
// so that a store cut to zero bytes never silently becomes an empty one.
// Open refuses files that are not stores (a CSV file, another program's
// bbolt file) with ErrNotStore, stores written by a newer version of this
// package with ErrNewerFormat, and damaged stores with a *DamageError
// (ErrDamaged), which names the damaged page when it can be found and the
// way out: the last backup. Each record carries a checksum, and the pages
// of the file are walked, every bound checked, before bbolt reads them:
// bbolt trusts its file, and a damaged page could otherwise make it panic,
// allocate gigabytes or loop forever. Open never writes to a file it
// refuses.
//
//	s, err := file.Open("leads.db", nil)
//	if err != nil {
//		return err
//	}
//	defer s.Close()
//	book := leads.New(s)
package file
