// Package sqlite is a leads.Store in one SQLite file, through the pure-Go
// driver modernc.org/sqlite (no cgo).
//
// A lead is a row of columns (schema.sql): every field that queries read
// has a column, text fields also a folded twin (*_fold, lower case, folded
// by Go), list fields JSON arrays of their values, times integer
// microseconds since 1970 plus the nanoseconds below; the rest of the
// record is JSON beside them. Indexes serve the list screens and the
// built-in reports (File As, stars, score, assignee, company, created,
// updated, each ending with the ID), and a table of match keys
// (lead_keys, leads.MatchKeys) serves Lookup. Opening a file therefore
// costs the same whatever the number of leads, and a first page or a
// look-up reads a few pages of the file.
//
// Queries are translated into SQL by the package that storage/postgres
// uses too (storage/internal/sqlq, SQLite dialect), so both stores select,
// sort and page alike; the conformance suite (storage/storagetest) holds
// them to the memory store's answers.
//
// The file is in WAL mode with synchronous=FULL: a write that returned nil
// survives a crash of the program or the machine. While the store is open,
// the files NAME-wal and NAME-shm lie beside it; Close removes them (a
// copy of a store taken while it is open must include them). Several
// processes may open one file: readers run side by side and never wait,
// writes (Store.Atomic, and each write outside it) run one at a time,
// each in a BEGIN IMMEDIATE transaction, waiting up to
// Options.BusyTimeout for another process's. WAL needs shared memory, so
// the file must not be on a network file system.
//
// Scores and the values of number custom fields are compared and sorted
// as 64-bit floating point numbers (SQLite has no decimal type); the
// decimal itself is kept as written.
package sqlite
