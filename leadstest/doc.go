// Package leadstest helps host applications test their sales workflows
// against the leads SDK, fast and deterministically, in the spirit of
// net/http/httptest and testing/fstest.
//
// NewBook gives a Book on a memory store with a clock the test moves
// (Advance, Set) and IDs that are the same in every run, so printed output,
// exports and golden files are stable:
//
//	b := leadstest.NewBook(t)
//	ada := leadstest.Lead(t, b, func(l *leads.Lead) { l.Source = "Web" })
//	b.Clock.Advance(49 * time.Hour)
//	reassignStale(ctx, b.Book) // the host's rule under test
//	leadstest.ExpectField(t, b, ada.ID, "assigned_to", "bob")
//
// # Builders
//
// Lead, Contact, Account, Opportunity, User, Criterion and History store a
// value with sensible defaults (a unique name and e-mail address, a title,
// a currency) and return what was stored. Each takes edit functions
// instead of one option per field: a plain func(*leads.Lead) reaches every
// field the SDK has, today and after a field is added, with nothing new to
// learn, and reads as ordinary Go at the call site. A builder fails the test
// at once (t.Fatal) when the store refuses the value.
//
// # Assertions
//
// ExpectField, ExpectStars, ExpectStatusPath and ExpectChange read a record
// and report a mismatch with t.Errorf, naming the record, the field, what
// was found and what was wanted; the test goes on, so one run shows every
// mismatch. Fields are named as in the JSON export ("job_title",
// "score.stars", "emails.0.address").
//
// # Golden files
//
// Golden compares output with a file under testdata/; run the tests with
// -update to write the files instead. GoldenReport and GoldenExport render a
// report or export the book first.
//
// The package depends on the standard library and the SDK only: a host
// project keeps its own assertion library.
package leadstest
