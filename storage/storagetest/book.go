package storagetest

import (
	"testing"

	"github.com/leadkit/leads"
)

// TestBook tests that a leads.Book behaves the same on the stores open
// makes as on any other: team operations, the change log, merges and
// deletes that race other writes, duplicate detection, field limits,
// assignment races, reports and typed custom fields. It relies on the
// store contract that TestStore checks. Each subtest asks for a new,
// empty store; open should register its clean-up with t.Cleanup.
func TestBook(t *testing.T, open func(t *testing.T) leads.Store) {
	run(t, open, []subtest{
		{"ReportRuns", testReportRuns},
		{"TeamOperations", testTeamOperations},
		{"ConcurrentTeamLosesNothing", testConcurrentTeam},
		{"HistoryChangeLog", testChangeLog},
		{"HistoryCascade", testHistoryCascade},
		{"HistoryConcurrentChangeLog", testConcurrentChangeLog},
		{"Merge", testMerge},
		{"MergeRacingEdit", testMergeRacingEdit},
		{"MergeRacingHistoryLink", testMergeRacingHistoryLink},
		{"MergeRacingOpportunityMove", testMergeRacingOpportunityMove},
		{"MergeRacingInitiatorChange", testMergeRacingInitiatorChange},
		{"DeleteRacingHistory", testDeleteRacingHistory},
		{"DeleteRacingOpportunity", testDeleteRacingOpportunity},
		{"MergeRacingInitiatedCreate", testMergeRacingInitiatedCreate},
		{"MergeRacingInitiatorEdit", testMergeRacingInitiatorEdit},
		{"DeleteAccountRacingCreate", testDeleteAccountRacingCreate},
		{"Duplicates", testDuplicates},
		{"DuplicatesBlockConcurrent", testDuplicatesBlockConcurrent},
		{"FieldLimits", testFieldLimits},
		{"DeleteUnlinksInitiated", testDeleteUnlinksInitiated},
		{"DeleteRacingInitiatorEdit", testDeleteRacingInitiatorEdit},
		{"DeleteAccountUnlinksLogged", testDeleteAccountUnlinksLogged},
		{"DeleteTakesOpportunities", testDeleteTakesOpportunities},
		{"DeleteUnlinksHistory", testDeleteUnlinksHistory},
		{"ChangeLogPaths", testChangeLogPaths},
		{"MergedWrites", testMergedWrites},
		{"UpdateRetriesHold", testUpdateRetriesHold},
		{"RoundRobinRace", testRoundRobinRace},
		{"AssignCapRace", testAssignCapRace},
		{"RemoveUserRacingAssign", testRemoveUserRacingAssign},
		{"TypedCustomFields", testTypedCustomFields},
	})
}
