// Package dedupe finds the records that may be the same person as a lead:
// the same e-mail address, the same phone number in E.164 form (parsed
// with github.com/nyaruka/phonenumbers), the same name at the same
// company, the same name, an e-mail address at the same company domain.
//
// A Book runs duplicate detection through the Finder it is given, for
// Book.Duplicates and for its duplicate policy, inside the transaction
// that creates a record:
//
//	book := leads.New(store,
//		leads.WithDuplicateFinder(dedupe.Finder{}),
//		leads.WithDuplicatePolicy(leads.DuplicateBlock),
//		leads.WithDuplicateOptions(leads.DuplicateOptions{Region: "US"}))
//
// Candidates are found through the store's index of match keys
// (leads.MatchKeys, LeadRepository.Lookup), never by scanning every
// record, and compared with the lead one by one.
package dedupe
