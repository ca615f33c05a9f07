// Package postgres is a leads.Store in a PostgreSQL database, for teams that
// share one database as Business Contact Manager users shared theirs.
//
// Open connects (a pgx pool) and brings the schema up to date: the
// migrations embedded in the package run in one transaction under an
// advisory lock, so two processes opening the same database at once do not
// race, and a database whose schema is newer than the code is refused with
// ErrNewerSchema.
//
// Queries (leads.Query) become SQL with parameters only: no value is ever
// spliced into SQL text. They give exactly what leads.Select gives over the
// same records. To that end every text field is kept twice, as written and
// folded to lower case by Go, and folded text compares byte by byte
// (COLLATE "C"), as Go compares strings; times keep their nanoseconds in a
// column beside the timestamptz, which holds microseconds.
//
// Every multi-record write is one transaction (Store.Atomic). Update locks
// the row (SELECT ... FOR UPDATE) for its function, so two processes
// updating one record take turns, and one that carries a stale version gets
// leads.ErrConflict. The lead repository is a leads.BulkCreator: CreateMany
// loads leads with COPY.
package postgres
