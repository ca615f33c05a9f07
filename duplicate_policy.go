package leads

import (
	"context"
	"errors"
	"fmt"
	"strings"
)

// DuplicatePolicy says what creating a record that looks like a duplicate
// does (Book.Create). It is a setting of the Book, so that an
// administrator decides it once for every form and tool, as CRMs'
// duplicate rules do.
type DuplicatePolicy int

// Duplicate policies.
const (
	// DuplicateAllow creates records without looking for duplicates. The
	// default.
	DuplicateAllow DuplicatePolicy = iota
	// DuplicateWarn creates the record and reports the duplicates found
	// to callers of Create that ask for them (DuplicatesInto). Otherwise
	// Create does not look for them, since nobody would see them.
	DuplicateWarn
	// DuplicateBlock refuses to create a record that has duplicates, with
	// a *DuplicateError, writing nothing.
	DuplicateBlock
)

// String returns "allow", "warn" or "block".
func (p DuplicatePolicy) String() string {
	switch p {
	case DuplicateAllow:
		return "allow"
	case DuplicateWarn:
		return "warn"
	case DuplicateBlock:
		return "block"
	}
	return fmt.Sprintf("DuplicatePolicy(%d)", int(p))
}

// ParseDuplicatePolicy reads "allow", "warn" or "block" (any case).
func ParseDuplicatePolicy(s string) (DuplicatePolicy, error) {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "allow", "":
		return DuplicateAllow, nil
	case "warn":
		return DuplicateWarn, nil
	case "block":
		return DuplicateBlock, nil
	}
	return 0, fieldErr("duplicate_policy", "%q is not allow, warn or block", s)
}

// duplicateConfig is the duplicate detection setting of a Book.
type duplicateConfig struct {
	policy DuplicatePolicy
	opts   DuplicateOptions
	finder DuplicateFinder
}

// WithDuplicatePolicy sets what Create does with a record that looks like
// a duplicate (OnDuplicate overrides it for one call); the default is
// DuplicateAllow. Checking needs a DuplicateFinder (WithDuplicateFinder):
// without one, a Create that must check (under DuplicateBlock, or under
// DuplicateWarn with DuplicatesInto) fails with ErrNoDuplicateFinder.
func WithDuplicatePolicy(p DuplicatePolicy) Option { return func(b *Book) { b.dup.policy = p } }

// WithDuplicateFinder sets how the Book finds duplicates, for Duplicates
// and for its duplicate policy (WithDuplicatePolicy). A Book has no finder
// by default; package github.com/leadkit/leads/dedupe provides one:
//
//	book := leads.New(store, leads.WithDuplicateFinder(dedupe.Finder{}))
func WithDuplicateFinder(f DuplicateFinder) Option { return func(b *Book) { b.dup.finder = f } }

// ErrNoDuplicateFinder is the error of Duplicates, and of a create that
// must check for duplicates under the Book's policy, on a Book without a
// DuplicateFinder (WithDuplicateFinder). Nothing is written.
var ErrNoDuplicateFinder = errors.New("leads: no duplicate finder (WithDuplicateFinder)")

// WithDuplicateOptions sets the Book's defaults for duplicate detection
// (the threshold, the bound on candidates, the phone region), used on
// create and by Duplicates for the fields its caller leaves zero.
func WithDuplicateOptions(o DuplicateOptions) Option { return func(b *Book) { b.dup.opts = o } }

// ErrDuplicate is matched (errors.Is) by the error of a create refused
// under DuplicateBlock; the error is a *DuplicateError.
var ErrDuplicate = errors.New("leads: duplicate")

// DuplicateError reports a record refused because it looks like records
// already stored: Candidates says which and why, strongest first.
type DuplicateError struct {
	Lead       *Lead
	Candidates []Duplicate
}

func (e *DuplicateError) Error() string {
	var b strings.Builder
	fmt.Fprintf(&b, "leads: %q looks like %d stored record(s)", e.Lead.FullName, len(e.Candidates))
	for i, d := range e.Candidates {
		if i == 3 {
			fmt.Fprintf(&b, "; and %d more", len(e.Candidates)-3)
			break
		}
		fmt.Fprintf(&b, "; %s %q (strength %d", d.Lead.ID, d.Lead.FullName, d.Strength)
		for _, r := range d.Reasons {
			fmt.Fprintf(&b, ", %s", r)
		}
		b.WriteString(")")
	}
	return b.String()
}

// Is reports that a DuplicateError is an ErrDuplicate.
func (e *DuplicateError) Is(target error) bool { return target == ErrDuplicate }

// duplicatesIn looks inside tx for the likely duplicates of l, a record
// about to be created, with the Book's DuplicateFinder and options. Under
// DuplicateBlock it first locks l's match keys, so that two writers cannot
// create the same person at once, and fails with a *DuplicateError holding
// the duplicates when there are any.
func (b *Book) duplicatesIn(ctx context.Context, tx Tx, l *Lead, policy DuplicatePolicy) ([]Duplicate, error) {
	if b.dup.finder == nil {
		return nil, ErrNoDuplicateFinder
	}
	if policy == DuplicateBlock {
		if err := tx.LockKeys(ctx, MatchKeys(l)); err != nil {
			return nil, err
		}
	}
	dups, err := b.dup.finder.FindDuplicates(ctx, tx, l, b.duplicateOptions(DuplicateOptions{}))
	if err != nil {
		return nil, err
	}
	if len(dups) > 0 && policy == DuplicateBlock {
		return dups, &DuplicateError{Lead: l, Candidates: dups}
	}
	return dups, nil
}
