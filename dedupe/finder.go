package dedupe

import (
	"bytes"
	"cmp"
	"context"
	"math"
	"slices"
	"strings"

	"github.com/google/uuid"

	"github.com/leadkit/leads"
	"github.com/leadkit/leads/internal/textkey"
)

// Finder finds duplicates by match keys and compares phone numbers in
// E.164 form. It implements leads.DuplicateFinder; the zero Finder is
// ready to use.
type Finder struct{}

// FindDuplicates returns the records, leads and business contacts, of tx
// that may be the same person as l, strongest first and then by ID. l may
// be new (unsaved) or stored: the record itself and the records merged
// into it (l.MergedFrom) are never its duplicates.
//
// Candidates are found through the store's index of match keys
// (LeadRepository.Lookup with the keys of leads.MatchKeys), never by
// scanning every record, and at most opts.Limit of them are examined.
// Each candidate is then compared with l and gets one reason per value
// they share (leads.MatchKind). Its strength combines the weights of the
// kinds of its reasons, each kind counted once, as independent evidence:
//
//	strength = 100 × (1 − Π (1 − weight/100)), rounded
//
// so one e-mail address gives 90, a phone number 60, a phone number and
// the name at the company 88, and strength never exceeds 100. Records
// below opts.Threshold are left out. Zero fields of opts take the
// package leads defaults (DefaultDuplicateThreshold,
// DefaultDuplicateLimit).
func (Finder) FindDuplicates(ctx context.Context, tx leads.Tx, l *leads.Lead, opts leads.DuplicateOptions) ([]leads.Duplicate, error) {
	if opts.Threshold <= 0 {
		opts.Threshold = leads.DefaultDuplicateThreshold
	}
	if opts.Limit <= 0 {
		opts.Limit = leads.DefaultDuplicateLimit
	}
	probe := newProbe(l, opts.Region)
	keys := probe.lookupKeys(opts.Threshold)
	excluded := 1 + len(l.MergedFrom)
	seen := make(map[uuid.UUID]bool, opts.Limit)
	var out []leads.Duplicate
	candidates := 0
lookup:
	for _, key := range keys {
		for c, err := range tx.Leads().Lookup(ctx, key, opts.Limit+excluded) {
			if err != nil {
				return nil, err
			}
			if c.ID == l.ID || seen[c.ID] || slices.Contains(l.MergedFrom, c.ID) {
				continue
			}
			seen[c.ID] = true
			if d := probe.compare(c); d.Strength >= opts.Threshold {
				out = append(out, d)
			}
			if candidates++; candidates == opts.Limit {
				break lookup
			}
		}
	}
	slices.SortFunc(out, func(a, b leads.Duplicate) int {
		if c := cmp.Compare(b.Strength, a.Strength); c != 0 {
			return c
		}
		return bytes.Compare(a.Lead.ID[:], b.Lead.ID[:])
	})
	return out, nil
}

// probe is a record prepared for comparison with candidates.
type probe struct {
	keys    []string      // MatchKeys, without links
	numbers []leads.Phone // not yet parsed into phones
	phones  []comparablePhone
	region  string
}

func newProbe(l *leads.Lead, region string) *probe {
	p := &probe{region: region}
	for _, k := range leads.MatchKeys(l) {
		if !isLinkKey(k) {
			p.keys = append(p.keys, k)
		}
	}
	p.numbers = l.Phones
	return p
}

// isLinkKey reports whether k is a link (merged ID, initiator) rather than
// a likeness that duplicate detection weighs.
func isLinkKey(k string) bool { return strings.HasPrefix(k, "m:") || strings.HasPrefix(k, "i:") }

// comparablePhones parses the probe's numbers the first time a candidate
// shares a phone key: parsing is the costly part of a probe that matches
// nothing.
func (p *probe) comparablePhones() []comparablePhone {
	if p.numbers != nil {
		for _, ph := range p.numbers {
			if c, ok := newComparablePhone(ph.Number, p.region); ok {
				p.phones = append(p.phones, c)
			}
		}
		p.numbers = nil
	}
	return p.phones
}

// keyKind is the kind of match a shared key stands for.
func keyKind(k string) leads.MatchKind {
	switch k[:2] {
	case "e:":
		return leads.MatchEmail
	case "d:":
		return leads.MatchDomain
	case "p:":
		return leads.MatchPhone
	case "n:":
		if strings.HasSuffix(k, "|") {
			return leads.MatchName
		}
		return leads.MatchNameCompany
	}
	return ""
}

// lookupKeys returns the keys worth looking up, strongest kind first.
// Keys of the weakest kinds are skipped while a candidate sharing only
// keys of those kinds could not reach threshold: such a candidate cannot
// be reported, and one that shares a stronger key too is found through
// that key. So a big company's domain is looked up only when a domain
// alone may make a duplicate.
func (p *probe) lookupKeys(threshold int) []string {
	kinds := []leads.MatchKind{leads.MatchDomain, leads.MatchName, leads.MatchPhone, leads.MatchNameCompany, leads.MatchEmail} // weakest first
	skip := map[leads.MatchKind]bool{}
	var skipped []leads.MatchKind
	for _, k := range kinds {
		if strength(append(skipped, k)) >= threshold {
			break
		}
		skipped = append(skipped, k)
		skip[k] = true
	}
	keys := make([]string, 0, len(p.keys))
	for _, k := range p.keys {
		if !skip[keyKind(k)] {
			keys = append(keys, k)
		}
	}
	slices.SortStableFunc(keys, func(a, b string) int { return cmp.Compare(keyKind(b).Weight(), keyKind(a).Weight()) })
	return keys
}

// compare scores candidate c against the probe.
func (p *probe) compare(c *leads.Lead) leads.Duplicate {
	d := leads.Duplicate{Lead: c}
	theirs := leads.MatchKeys(c)
	var emailDomains []string
	for _, k := range p.keys {
		if !slices.Contains(theirs, k) {
			continue
		}
		switch kind := keyKind(k); kind {
		case leads.MatchEmail:
			v := k[2:]
			d.Reasons = append(d.Reasons, leads.MatchReason{Kind: kind, Value: v})
			emailDomains = append(emailDomains, textkey.EmailDomain(v))
		case leads.MatchNameCompany, leads.MatchName:
			d.Reasons = append(d.Reasons, leads.MatchReason{Kind: kind, Value: strings.TrimSuffix(strings.Replace(k[2:], "|", " @ ", 1), " @ ")})
		case leads.MatchDomain:
			// Reported below, unless an address at it matched.
		case leads.MatchPhone:
			d.Reasons = p.appendPhoneReasons(d.Reasons, c, k)
		}
	}
	for _, k := range p.keys {
		if keyKind(k) == leads.MatchDomain && slices.Contains(theirs, k) && !slices.Contains(emailDomains, k[2:]) {
			d.Reasons = append(d.Reasons, leads.MatchReason{Kind: leads.MatchDomain, Value: k[2:]})
		}
	}
	slices.SortStableFunc(d.Reasons, func(a, b leads.MatchReason) int { return cmp.Compare(b.Kind.Weight(), a.Kind.Weight()) })
	kinds := make([]leads.MatchKind, 0, len(d.Reasons))
	for _, r := range d.Reasons {
		if !slices.Contains(kinds, r.Kind) {
			kinds = append(kinds, r.Kind)
		}
	}
	d.Strength = strength(kinds)
	return d
}

// appendPhoneReasons compares the probe's numbers with the candidate's
// numbers that share phone key k, which is only a blocking key: the
// numbers must also be the same in E.164 form.
func (p *probe) appendPhoneReasons(rs []leads.MatchReason, c *leads.Lead, k string) []leads.MatchReason {
	for _, theirs := range c.Phones {
		if leads.PhoneMatchKey(theirs.Number) != k {
			continue
		}
		tp, ok := newComparablePhone(theirs.Number, p.region)
		if !ok {
			continue
		}
		for _, mine := range p.comparablePhones() {
			if v, same := samePhone(mine, tp); same && !slices.Contains(rs, leads.MatchReason{Kind: leads.MatchPhone, Value: v}) {
				rs = append(rs, leads.MatchReason{Kind: leads.MatchPhone, Value: v})
			}
		}
	}
	return rs
}

// strength combines the weights of distinct kinds, see
// Finder.FindDuplicates.
func strength(kinds []leads.MatchKind) int {
	miss := 1.0
	for _, k := range kinds {
		miss *= 1 - float64(k.Weight())/100
	}
	return int(math.Round(100 * (1 - miss)))
}
