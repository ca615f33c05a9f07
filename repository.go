package leads

import (
	"context"
	"iter"

	"github.com/google/uuid"
)

// Store is a place where records live: memory, a bbolt file, a PostgreSQL
// database. It holds one repository per kind of record and runs several
// writes as one all-or-nothing unit.
//
// Stores are safe for concurrent use. They hand out copies: changing a
// returned record never changes what is stored. Adapters translate their
// own errors into ErrNotFound, ErrConflict and ErrInvalid, so callers test
// the kind of a failure with errors.Is whatever the store.
//
// The package storage/storagetest holds the conformance suite that every
// Store must pass.
type Store interface {
	Tx
	// Atomic runs fn with a Tx whose writes all happen or, if fn returns an
	// error (or the store fails), none do. Reads inside fn see fn's own
	// writes. Atomic returns fn's error unchanged.
	Atomic(ctx context.Context, fn func(tx Tx) error) error
	// Close releases the store. Operations on a closed store fail.
	Close() error
}

// Tx gives access to the repositories, either directly through a Store or
// inside Store.Atomic. A Tx handed to an Atomic function must not be used
// after the function returns.
//
// A Tx also locks records and match keys, for a transaction that reads
// something and then writes what depends on it (see Locker).
type Tx interface {
	Leads() LeadRepository
	Accounts() AccountRepository
	Criteria() CriterionRepository
	Users() UserRepository
	FieldDefinitions() FieldDefinitionRepository
	Opportunities() OpportunityRepository
	History() HistoryRepository
	Reports() ReportRepository
	Locker
}

// Locker locks records and match keys until the transaction that took the
// locks ends (commits or rolls back); there is no unlock. While a
// transaction holds a record's lock, no other transaction can write or
// delete that record or lock it: they wait. A transaction links to a
// record (a history item, an opportunity, an assignment to a user) after
// locking it, so that a Delete or Merge cannot commit between its read
// and its write and leave the link pointing nowhere; a write that waited
// for a Delete finds the record gone.
//
// Every lock method checks that each record exists and returns an error
// matching ErrNotFound for the first missing one; it writes nothing. It
// takes its locks in ID order (the bytes of the UUIDs), whatever the order
// of ids. Two transactions that lock the same records in other orders
// could each wait for the other: callers that lock in several calls keep
// one order, by ID within a kind, and the Book locks users before the
// records assigned to them. A lock that the transaction already holds
// returns at once.
//
// On a Store, outside Atomic, there is no transaction to hold a lock in:
// the lock methods only check that the records exist. Stores whose Atomic
// runs one transaction at a time (storage/memory, storage/file) hold
// nothing either: their transactions cannot interleave. A store that runs
// transactions side by side (storage/postgres) holds row locks.
type Locker interface {
	// LockLeads locks the leads and contacts ids.
	LockLeads(ctx context.Context, ids ...uuid.UUID) error
	// LockAccounts locks the accounts ids.
	LockAccounts(ctx context.Context, ids ...uuid.UUID) error
	// LockUsers locks the users ids.
	LockUsers(ctx context.Context, ids ...uuid.UUID) error
	KeyLocker
}

// LeadRepository keeps leads and business contacts.
type LeadRepository interface {
	// Create stores a copy of l with Version 1 and sets l.Version to 1.
	// l.ID must be set; an ID already in use gives ErrConflict.
	Create(ctx context.Context, l *Lead) error
	// Get returns a copy of the record, or ErrNotFound.
	Get(ctx context.Context, id uuid.UUID) (*Lead, error)
	// Update applies fn to a copy of the stored record and stores the
	// result with its version raised by one, returning a copy of what was
	// stored. If fn returns an error, nothing is written and Update returns
	// that error. If the record fn leaves has another ID, or a Version other
	// than the stored one (fn copied in a stale record), Update writes
	// nothing and fails with ErrInvalid or ErrConflict. A store may call fn
	// more than once, so fn must not have side effects beyond the lead.
	Update(ctx context.Context, id uuid.UUID, fn func(l *Lead) error) (*Lead, error)
	// Delete removes the record, or returns ErrNotFound.
	Delete(ctx context.Context, id uuid.UUID) error
	// List streams the records q selects, in its order. An invalid query
	// yields one error. Stopping the iteration early is allowed.
	List(ctx context.Context, q Query) iter.Seq2[*Lead, error]
	// Count returns how many records q's types and condition select,
	// ignoring its sort, cursor, offset and limit.
	Count(ctx context.Context, q Query) (int, error)
	// Lookup streams the records that have key among their MatchKeys, in
	// ID order, at most limit of them (all of them when limit <= 0). Stores
	// index the keys, so the cost follows the number of records found, not
	// the number stored. Inside Store.Atomic it sees the transaction's own
	// writes. A KeyLookuper looks many keys up in one call.
	Lookup(ctx context.Context, key string, limit int) iter.Seq2[*Lead, error]
}

// AccountRepository keeps accounts: the companies that leads link to.
type AccountRepository interface {
	// Create stores a copy of a with Version 1 and sets a.Version to 1.
	Create(ctx context.Context, a *Account) error
	// Get returns a copy of the account, or ErrNotFound.
	Get(ctx context.Context, id uuid.UUID) (*Account, error)
	// Update works as LeadRepository.Update does.
	Update(ctx context.Context, id uuid.UUID, fn func(a *Account) error) (*Account, error)
	// Delete removes the account, or returns ErrNotFound.
	Delete(ctx context.Context, id uuid.UUID) error
	// List streams every account, ordered by name and then ID.
	List(ctx context.Context) iter.Seq2[*Account, error]
}

// CriterionRepository keeps the scoring criteria of the database. A new
// store starts with DefaultCriteria.
type CriterionRepository interface {
	// Create stores a copy of c with Version 1 and sets c.Version to 1.
	Create(ctx context.Context, c *Criterion) error
	// Get returns a copy of the criterion, or ErrNotFound.
	Get(ctx context.Context, id uuid.UUID) (*Criterion, error)
	// Update works as LeadRepository.Update does.
	Update(ctx context.Context, id uuid.UUID, fn func(c *Criterion) error) (*Criterion, error)
	// Delete removes the criterion, or returns ErrNotFound. It does not
	// touch the checks of records; Criteria.Delete does.
	Delete(ctx context.Context, id uuid.UUID) error
	// List streams every criterion ordered by ID, which for UUID v7 IDs is
	// the order they were added in.
	List(ctx context.Context) iter.Seq2[*Criterion, error]
}

// UserRepository keeps the users the database is shared with. It does not
// enforce that names are unique; Book does, inside Store.Atomic.
type UserRepository interface {
	// Create stores a copy of u with Version 1 and sets u.Version to 1.
	Create(ctx context.Context, u *User) error
	// Get returns a copy of the user, or ErrNotFound.
	Get(ctx context.Context, id uuid.UUID) (*User, error)
	// Update works as LeadRepository.Update does.
	Update(ctx context.Context, id uuid.UUID, fn func(u *User) error) (*User, error)
	// Delete removes the user, or returns ErrNotFound. It does not touch
	// the leads assigned to the user; Users.Delete does.
	Delete(ctx context.Context, id uuid.UUID) error
	// List streams every user ordered by name, ignoring case, and then ID.
	List(ctx context.Context) iter.Seq2[*User, error]
}

// FieldDefinitionRepository keeps the definitions of user-defined fields.
type FieldDefinitionRepository interface {
	// Create stores a copy of d with Version 1 and sets d.Version to 1.
	Create(ctx context.Context, d *FieldDefinition) error
	// Get returns a copy of the definition, or ErrNotFound.
	Get(ctx context.Context, id uuid.UUID) (*FieldDefinition, error)
	// Update works as LeadRepository.Update does.
	Update(ctx context.Context, id uuid.UUID, fn func(d *FieldDefinition) error) (*FieldDefinition, error)
	// Delete removes the definition, or returns ErrNotFound. It does not
	// touch the values of records; FieldDefinitions.Delete does.
	Delete(ctx context.Context, id uuid.UUID) error
	// List streams every definition ordered by ID, which for UUID v7 IDs
	// is the order they were added in.
	List(ctx context.Context) iter.Seq2[*FieldDefinition, error]
}

// OpportunityRepository keeps opportunities.
type OpportunityRepository interface {
	// Create stores a copy of o with Version 1 and sets o.Version to 1.
	Create(ctx context.Context, o *Opportunity) error
	// Get returns a copy of the opportunity, or ErrNotFound.
	Get(ctx context.Context, id uuid.UUID) (*Opportunity, error)
	// Update works as LeadRepository.Update does.
	Update(ctx context.Context, id uuid.UUID, fn func(o *Opportunity) error) (*Opportunity, error)
	// Delete removes the opportunity, or returns ErrNotFound.
	Delete(ctx context.Context, id uuid.UUID) error
	// List streams the opportunities of the record with ID record, or of
	// every record when record is uuid.Nil, ordered by ID (the order they
	// were added in).
	List(ctx context.Context, record uuid.UUID) iter.Seq2[*Opportunity, error]
}

// HistoryRepository keeps history items: the communication history of
// records and their change log. It does not check that linked records
// exist; Book does, inside Store.Atomic.
type HistoryRepository interface {
	// Create stores a copy of h with Version 1 and sets h.Version to 1.
	// h.ID must be set; an ID already in use gives ErrConflict.
	Create(ctx context.Context, h *HistoryItem) error
	// Get returns a copy of the item, or ErrNotFound.
	Get(ctx context.Context, id uuid.UUID) (*HistoryItem, error)
	// Update works as LeadRepository.Update does.
	Update(ctx context.Context, id uuid.UUID, fn func(h *HistoryItem) error) (*HistoryItem, error)
	// Delete removes the item, or returns ErrNotFound.
	Delete(ctx context.Context, id uuid.UUID) error
	// ByRecord streams the items linked to the record that f selects,
	// newest first (CompareHistory), at most f.Limit of them when it is set.
	// Stores index items by record, so the cost follows the size of that
	// record's history, not of all history. An invalid filter yields one
	// error.
	ByRecord(ctx context.Context, record uuid.UUID, f HistoryFilter) iter.Seq2[*HistoryItem, error]
}

// LoggedUpdater is an optional interface of a LeadRepository that updates
// a record and adds history items in one write, as Store.Atomic would, but
// without what Atomic costs in a store that shares commits among
// concurrent writers (storage/file). fn receives a copy of the stored
// record to change, as Update's function does, and returns the items to
// add; an error from fn, or an item whose ID is in use (ErrConflict),
// writes nothing. fn may run more than once. A Book uses this interface,
// when the store's lead repository has it, to write the change log of
// Edit; otherwise it uses Atomic.
type LoggedUpdater interface {
	UpdateLogged(ctx context.Context, id uuid.UUID, fn func(l *Lead) ([]*HistoryItem, error)) (*Lead, error)
}

// KeyLocker locks match keys (see MatchKeys), a part of every Tx (see
// Locker). LockKeys waits until no other transaction holds any of keys and
// holds them until the transaction ends; it takes them in an order of its
// own, so that two transactions locking overlapping keys queue up rather
// than deadlock. A Book locks a new record's keys before it looks for
// duplicates under DuplicateBlock, so that two transactions creating the
// same person cannot both find no duplicate: any two records that
// duplicate each other share a key. Stores whose Atomic runs one writer
// at a time (storage/memory, storage/file), and a Store outside Atomic,
// have nothing to lock and return nil; a store that runs transactions side
// by side (storage/postgres) must lock.
type KeyLocker interface {
	LockKeys(ctx context.Context, keys []string) error
}

// ReportRepository keeps the saved (custom) reports of the database. A
// report's ID derives from its name (ReportID), so a name is taken at most
// once.
type ReportRepository interface {
	// Create stores a copy of r with Version 1 and sets r.Version to 1. An
	// ID already in use gives ErrConflict.
	Create(ctx context.Context, r *Report) error
	// Get returns a copy of the report, or ErrNotFound.
	Get(ctx context.Context, id uuid.UUID) (*Report, error)
	// Update works as LeadRepository.Update does.
	Update(ctx context.Context, id uuid.UUID, fn func(r *Report) error) (*Report, error)
	// Delete removes the report, or returns ErrNotFound.
	Delete(ctx context.Context, id uuid.UUID) error
	// List streams every saved report, ordered by name and then ID.
	List(ctx context.Context) iter.Seq2[*Report, error]
}

// BulkCreator is a LeadRepository that can store many new leads in one fast
// write, such as PostgreSQL's COPY. It is optional: callers find it by type
// assertion, and CreateMany falls back to Create inside Store.Atomic.
type BulkCreator interface {
	// CreateMany stores copies of ls, all or none, each with Version 1, and
	// sets their Version to 1. An ID that is missing gives ErrInvalid; one
	// already in use (or repeated in ls) gives ErrConflict.
	CreateMany(ctx context.Context, ls []*Lead) error
}

// BulkAdopter is a lead repository that can store many new leads by
// keeping them rather than copying them (the memory and file stores, whose
// records live in memory). It is optional, found by type assertion, for a
// caller that built the leads for this one write and drops them after it,
// such as an import: a million rows are then not copied once more.
type BulkAdopter interface {
	// AdoptMany works as BulkCreator.CreateMany, but the store keeps the
	// leads of ls themselves: the caller must not change them afterwards.
	AdoptMany(ctx context.Context, ls []*Lead) error
}

// CreateMany stores the leads ls as new records, all or none: with the
// store's BulkCreator when its lead repository has one, else with Create
// inside one Store.Atomic. The leads are stored as given; validating them
// is the caller's part (see Lead.Validate).
func CreateMany(ctx context.Context, s Store, ls []*Lead) error {
	if bc, ok := s.Leads().(BulkCreator); ok {
		return bc.CreateMany(ctx, ls)
	}
	return s.Atomic(ctx, func(tx Tx) error {
		for _, l := range ls {
			if err := tx.Leads().Create(ctx, l); err != nil {
				return err
			}
		}
		return nil
	})
}
