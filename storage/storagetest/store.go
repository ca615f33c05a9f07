package storagetest

import (
	"context"
	"testing"

	"github.com/leadkit/leads"
)

// TestStore tests the store contract of leads.Store against the stores
// open makes: the repositories of every kind (create, get, update,
// delete, list, with ErrNotFound, ErrConflict and ErrInvalid where the
// contract says), Store.Atomic writing all or nothing, copies handed out
// rather than aliases, queries with their cursors, match-key lookups, and
// the locks of leads.Locker. Each subtest asks for a new, empty store;
// open should register its clean-up with t.Cleanup.
func TestStore(t *testing.T, open func(t *testing.T) leads.Store) {
	run(t, open, []subtest{
		{"CreateGet", testCreateGet},
		{"CreateRejects", testCreateRejects},
		{"Update", testUpdate},
		{"UpdateFailsWritesNothing", testUpdateFails},
		{"StaleVersion", testStaleVersion},
		{"Delete", testDelete},
		{"Aliasing", testAliasing},
		{"Query", testQuery},
		{"QueryInvalid", testQueryInvalid},
		{"CursorPaging", testCursorPaging},
		{"ListStopsEarly", testListStopsEarly},
		{"AtomicCommits", testAtomicCommits},
		{"AtomicRollsBack", testAtomicRollsBack},
		{"Accounts", testAccounts},
		{"Criteria", testCriteria},
		{"FieldDefinitions", testFieldDefinitions},
		{"Opportunities", testOpportunities},
		{"Reports", testReports},
		{"Text", testText},
		{"ConcurrentCreate", testConcurrentCreate},
		{"ConcurrentUpdateLosesNothing", testConcurrentUpdate},
		{"ConcurrentReadWrite", testConcurrentReadWrite},
		{"Users", testUsers},
		{"BatchUpdate", testBatchUpdate},
		{"HistoryCRUD", testHistoryCRUD},
		{"HistoryByRecord", testHistoryByRecord},
		{"HistoryManyAtOnce", testHistoryManyAtOnce},
		{"HistoryAliasing", testHistoryAliasing},
		{"HistoryAtomicRollsBack", testHistoryAtomicRollsBack},
		{"HistoryLoggedUpdate", testLoggedUpdate},
		{"HistoryRecordTwice", testHistoryRecordTwice},
		{"Lookup", testLookup},
		{"LookupFollowsEveryWrite", testLookupFollowsEveryWrite},
		{"BulkCreate", testBulkCreate},
		{"LookupKeys", testLookupKeys},
		{"Locks", testLocks},
		{"LocksSerialise", testLocksSerialise},
	})
}

// subtest is one test of the suite, run on a new store.
type subtest struct {
	name string
	fn   func(t *testing.T, s leads.Store)
}

// run runs each of tests as a subtest of t, on a store of its own.
func run(t *testing.T, open func(t *testing.T) leads.Store, tests []subtest) {
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tt.fn(t, open(t))
		})
	}
}

var ctx = context.Background()

func create(t *testing.T, s leads.Store, ls ...*leads.Lead) {
	t.Helper()
	for _, l := range ls {
		mustNoError(t, s.Leads().Create(ctx, l), "create %s", l.FullName)
	}
}

func requireSame(t *testing.T, want, got *leads.Lead, msg ...any) {
	t.Helper()
	mustEqual(t, canonical(want), canonical(got), msg...)
}
