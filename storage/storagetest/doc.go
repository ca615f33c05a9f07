// Package storagetest is the conformance suite of leads.Store: the one set of
// tests that every storage adapter passes, so that a Book behaves the same
// on every store.
//
// Adapters call Run from a test of their own:
//
//	func TestConformance(t *testing.T) {
//		storagetest.Run(t, func(t *testing.T) leads.Store {
//			s := memory.New()
//			t.Cleanup(func() { s.Close() })
//			return s
//		})
//	}
//
// Host applications that write their own adapter certify it the same way,
// as testing/fstest.TestFS certifies a file system.
package storagetest
