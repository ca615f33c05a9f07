package leads

import "context"

// Duplicate is a record that may be the same person as the one checked:
// a lead or a business contact, how strongly it matches (0–100) and why,
// the strongest reason first.
type Duplicate struct {
	Lead     *Lead         `json:"lead"`
	Strength int           `json:"strength"`
	Reasons  []MatchReason `json:"reasons"`
}

// MatchReason is one thing two records have in common: its kind and the
// value they share, normalized ("ada@example.org", "+14155550100"), so a
// frontend can say why a record was proposed.
type MatchReason struct {
	Kind  MatchKind `json:"kind"`
	Value string    `json:"value"`
}

// String says the reason in words: "same e-mail address ada@example.org".
func (r MatchReason) String() string {
	switch r.Kind {
	case MatchEmail:
		return "same e-mail address " + r.Value
	case MatchNameCompany:
		return "same name at the same company: " + r.Value
	case MatchPhone:
		return "same phone number " + r.Value
	case MatchName:
		return "same name: " + r.Value
	case MatchDomain:
		return "same e-mail domain " + r.Value
	}
	return string(r.Kind) + " " + r.Value
}

// MatchKind names what two records share.
type MatchKind string

// Kinds of match, strongest first. Their weights (MatchKind.Weight) make
// the strength of a Duplicate.
const (
	// MatchEmail: the same e-mail address, ignoring case.
	MatchEmail MatchKind = "email"
	// MatchNameCompany: the same normalized name at the same company
	// (NameMatchKey).
	MatchNameCompany MatchKind = "name_company"
	// MatchPhone: the same phone number in E.164 form ("+14155550100").
	MatchPhone MatchKind = "phone"
	// MatchName: the same normalized name, neither record naming a
	// company.
	MatchName MatchKind = "name"
	// MatchDomain: an e-mail address at the same domain, which is not a
	// free-mail provider (DomainMatchKey), without the same address.
	MatchDomain MatchKind = "email_domain"
)

// Weight is how strongly one reason of kind k alone makes two records
// duplicates, 0–100: e-mail 90, name at company 70, phone 60 (phones are
// shared by colleagues and switchboards), name alone 35 (common names
// repeat), domain 15 (colleagues share it). An unknown kind weighs 0.
func (k MatchKind) Weight() int {
	switch k {
	case MatchEmail:
		return 90
	case MatchNameCompany:
		return 70
	case MatchPhone:
		return 60
	case MatchName:
		return 35
	case MatchDomain:
		return 15
	}
	return 0
}

// Defaults of DuplicateOptions.
const (
	// DefaultDuplicateThreshold reports a record that shares an e-mail
	// address, a phone number or the name at the company, and not one that
	// shares only a name or a domain (or both: 45).
	DefaultDuplicateThreshold = 50
	// DefaultDuplicateLimit bounds the candidates examined.
	DefaultDuplicateLimit = 50
)

// DuplicateOptions tune duplicate detection. Zero fields take the Book's
// defaults (WithDuplicateOptions), whose zero fields take the package's.
type DuplicateOptions struct {
	// Threshold is the least strength reported, 1–100; default
	// DefaultDuplicateThreshold. Reasons combine to at most 99 (all five
	// at once), so 100 reports nothing.
	Threshold int
	// Limit bounds the work: each key of the record is looked up for at
	// most Limit records, and no more than Limit candidates are examined
	// in all (keys are looked up strongest first). Default
	// DefaultDuplicateLimit.
	Limit int
	// Region is the CLDR region ("US", "GB", "DE") of phone numbers
	// written without a country code. Without it such numbers are
	// compared by their digits.
	Region string
}

func (o DuplicateOptions) or(d DuplicateOptions) DuplicateOptions {
	if o.Threshold <= 0 {
		o.Threshold = d.Threshold
	}
	if o.Limit <= 0 {
		o.Limit = d.Limit
	}
	if o.Region == "" {
		o.Region = d.Region
	}
	return o
}

// A DuplicateFinder finds the likely duplicates of l among the records tx
// holds. opts is complete: its zero fields have taken the Book's and the
// package's defaults. A Book runs its finder (WithDuplicateFinder) for
// Duplicates and, under DuplicateWarn and DuplicateBlock, inside the
// transaction that creates a record. Package
// github.com/leadkit/leads/dedupe provides one that compares phone numbers
// in E.164 form.
type DuplicateFinder interface {
	FindDuplicates(ctx context.Context, tx Tx, l *Lead, opts DuplicateOptions) ([]Duplicate, error)
}

// Duplicates returns the records, leads and business contacts, that may be
// the same person as l, as the Book's DuplicateFinder (WithDuplicateFinder)
// finds them: strongest first. l may be new (unsaved) or stored. opts'
// zero fields take the Book's defaults (WithDuplicateOptions), whose zero
// fields take the package's. A Book without a finder fails with
// ErrNoDuplicateFinder.
func (b *Book) Duplicates(ctx context.Context, l *Lead, opts DuplicateOptions) ([]Duplicate, error) {
	if l == nil {
		return nil, fieldErr("lead", "no record to find duplicates of")
	}
	if b.dup.finder == nil {
		return nil, ErrNoDuplicateFinder
	}
	return b.dup.finder.FindDuplicates(ctx, b.store, l, b.duplicateOptions(opts))
}

// duplicateOptions completes opts with the Book's and the package's
// defaults.
func (b *Book) duplicateOptions(opts DuplicateOptions) DuplicateOptions {
	return opts.or(b.dup.opts).or(DuplicateOptions{Threshold: DefaultDuplicateThreshold, Limit: DefaultDuplicateLimit})
}
