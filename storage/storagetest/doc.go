// Package storagetest is the conformance suite of leads.Store: the one set of
// tests that every storage adapter passes, so that a Book behaves the same
// on every store.
//
// It has two halves. TestStore checks the store contract itself (the
// repositories, Atomic, copies, queries and cursors, lookups, locks) with
// nothing but the standard testing package, as testing/fstest.TestFS
// checks a file system. TestBook runs the operations of a leads.Book over
// the store: merges, deletes and assignments that race other writes,
// duplicate detection, the change log.
//
// Adapters call both from a test of their own:
//
//	func TestConformance(t *testing.T) {
//		open := func(t *testing.T) leads.Store {
//			s := memory.New()
//			t.Cleanup(func() { s.Close() })
//			return s
//		}
//		storagetest.TestStore(t, open)
//		storagetest.TestBook(t, open)
//	}
//
// Host applications that write their own adapter certify it the same way.
package storagetest
