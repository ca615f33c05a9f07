// Package leads is a software development kit for managing sales leads: the
// people and companies that might buy from a business, from first capture to
// the day they become customers.
//
// A [Lead] is the record: a full name (the only required field) and whatever
// else is known — name parts, job title, company, e-mail addresses, phones,
// postal addresses, source, score, comments and custom fields. A [Book] is a
// salesperson's book of business: it holds the operations (create, edit,
// list, delete) and enforces the rules (validation, derived name parts and
// File As, optimistic concurrency) over a [Store].
//
// [Book.Convert] makes a lead a business contact: the same record, with the
// same ID, now of [TypeContact], with a [Details] page, linked to an
// [Account] and carrying [Opportunity] values whose money is exact decimal.
// User-defined fields are typed by a [FieldDefinition] per record type.
//
// Each record has a history ([HistoryItem]): business notes, phone logs,
// appointments, tasks and e-mails linked to one or more records, and a
// change log that the Book writes with every update ([Diff],
// [History.Changes]).
//
// A lead moves through declared statuses ([Book.SetStatus], [Transitions]),
// each step kept with its time. [Book.Duplicates] finds the records that
// may be the same person, each with a strength and the reasons (the same
// e-mail address, phone number in E.164, name at the company, company
// domain), through the stores' index of match keys ([MatchKeys],
// [LeadRepository.Lookup]) rather than a scan; a Book can warn of them or
// refuse them on create ([WithDuplicatePolicy], [OnDuplicate],
// [DuplicatesInto]). It does so through its [DuplicateFinder]
// ([WithDuplicateFinder]): package github.com/leadkit/leads/dedupe provides
// the one that compares phone numbers in E.164, so that this package needs
// no phone library.
//
// [Book.Merge] combines 2 to 5 records of one person into the one the
// caller picks, losing nothing by default; a preview ([MergeOptions]
// Preview) shows the result first, and the old IDs keep finding the
// survivor ([Book.Resolve]): reads and writes by an old ID (Edit,
// Comment, SetStatus, History.Create, Delete, ...) follow it to the
// survivor. Deleting a record leaves no link to it: the records it initiated lose the link, logged in
// their change log, in the same write ([Book.Delete]).
//
// The package imports no storage, driver or file format. Stores live in
// sub-packages and depend on this one:
//
//   - storage/memory keeps records in maps, for tests and small embeddings;
//   - storage/file keeps them in one bbolt file, the embedded default;
//   - storage/postgres keeps them in PostgreSQL, for a team;
//   - storage/storagetest is the conformance suite every store passes.
//
// The users who share the database are [User] records; [Book.Assign],
// [Book.AssignRoundRobin], [Book.AssignByRules] and [Book.BulkEdit] change
// many records at once, all or nothing, and [Book.EditRetrying] retries a change
// that lost a race.
//
// Every operation that touches storage takes a [context.Context] first and
// returns errors that [errors.Is] and [errors.As] can test: [ErrNotFound],
// [ErrConflict], [ErrInvalid] and [*FieldError] among them. The acting user
// travels in the context ([WithActor]) and time comes from an injectable
// [Clock], so sales workflows are testable.
package leads
