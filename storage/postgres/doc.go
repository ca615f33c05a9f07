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
// leads.ErrConflict. Atomic's transaction takes the same row locks for
// leads.Locker (LockLeads, LockAccounts, LockUsers), and the Book relies on
// them where transactions run side by side: a write that links to a record
// (a history item, an opportunity, an initiator, an account) locks it
// first, so a concurrent Delete or Merge cannot leave the link behind, and
// its LockKeys takes advisory locks on match keys
// so that concurrent creates under DuplicateBlock take turns. The
// assignments that read a member's state (Book.AssignRoundRobin, the turns;
// Book.AssignByRules, the open records a cap compares against) lock the
// members' user rows first, in ID order, so that concurrent calls over the
// same members take turns and each reads what the previous one wrote. Two writes
// that lock the same records in opposite orders are cancelled by
// PostgreSQL's deadlock detector: one of them fails and writes nothing.
// The lead repository is a leads.BulkCreator: CreateMany loads leads with
// COPY.
//
// Leads have a column per queryable field. Field definitions,
// opportunities, history items and saved reports are JSON documents (type
// json, which keeps their text exactly; decimals keep their exponent)
// beside the columns their listings read: an opportunity's record, a
// report's name, a history item's kind and time. A history item's links
// to records are rows of history_records, indexed by record and time, so
// that listing a record's history newest first (HistoryRepository.ByRecord)
// costs what is listed, not what all history holds; deleting an item
// deletes its links.
//
// Leads are indexed by match key (leads.MatchKeys) in the lead_keys table,
// one row per key of each lead, written by Go in the statement or
// transaction that writes the lead (only the keys that changed, on
// update; with a second COPY, in CreateMany). LeadRepository.Lookup reads
// one range of its primary key and then each lead by ID, never the whole
// leads table. When leads.MatchKeysVersion changes, the next Open
// recomputes every lead's keys, under the migration lock; a database whose
// keys a newer program computed is refused with ErrNewerSchema.
//
// The optional leads.LoggedUpdater and leads.LeadScanner are not
// implemented: Store.Atomic is one database transaction, which is what
// LoggedUpdater would save elsewhere, and LeadScanner is for stores that
// hold their records in memory.
package postgres
