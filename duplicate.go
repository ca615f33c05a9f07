package leads

import (
	"bytes"
	"cmp"
	"context"
	"math"
	"slices"
	"strings"

	"github.com/google/uuid"
)

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
	// MatchPhone: the same phone number in E.164 form (PhoneE164).
	MatchPhone MatchKind = "phone"
	// MatchName: the same normalized name, neither record naming a
	// company.
	MatchName MatchKind = "name"
	// MatchDomain: an e-mail address at the same domain, which is not a
	// free-mail provider (IsFreeMail), without the same address.
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

// Duplicates returns the records, leads and business contacts, that may be
// the same person as l, strongest first and then by ID. l may be new
// (unsaved) or stored: the record itself and the records merged into it
// (l.MergedFrom) are never its duplicates.
//
// Candidates are found through the store's index of match keys
// (LeadRepository.Lookup with the keys of MatchKeys), never by scanning
// every record, and at most opts.Limit of them are examined. Each
// candidate is then compared with l and gets one reason per value they
// share (see MatchKind). Its strength combines the weights of the kinds of
// its reasons, each kind counted once, as independent evidence:
//
//	strength = 100 × (1 − Π (1 − weight/100)), rounded
//
// so one e-mail address gives 90, a phone number 60, a phone number and
// the name at the company 88, and strength never exceeds 100. Records
// below opts.Threshold are left out.
func (b *Book) Duplicates(ctx context.Context, l *Lead, opts DuplicateOptions) ([]Duplicate, error) {
	if l == nil {
		return nil, fieldErr("lead", "no record to find duplicates of")
	}
	return findDuplicates(ctx, b.store, l, b.duplicateOptions(opts))
}

// duplicateOptions completes opts with the Book's and the package's
// defaults.
func (b *Book) duplicateOptions(opts DuplicateOptions) DuplicateOptions {
	return opts.or(b.dup.opts).or(DuplicateOptions{Threshold: DefaultDuplicateThreshold, Limit: DefaultDuplicateLimit})
}

// findDuplicates does the work of Duplicates within tx; o is complete.
func findDuplicates(ctx context.Context, tx Tx, l *Lead, o DuplicateOptions) ([]Duplicate, error) {
	probe := newDuplicateProbe(l, o.Region)
	keys := probe.lookupKeys(o.Threshold)
	excluded := 1 + len(l.MergedFrom)
	seen := make(map[uuid.UUID]bool, o.Limit)
	var out []Duplicate
	candidates := 0
lookup:
	for _, key := range keys {
		for c, err := range tx.Leads().Lookup(ctx, key, o.Limit+excluded) {
			if err != nil {
				return nil, err
			}
			if c.ID == l.ID || seen[c.ID] || slices.Contains(l.MergedFrom, c.ID) {
				continue
			}
			seen[c.ID] = true
			if d := probe.compare(c); d.Strength >= o.Threshold {
				out = append(out, d)
			}
			if candidates++; candidates == o.Limit {
				break lookup
			}
		}
	}
	slices.SortFunc(out, func(a, b Duplicate) int {
		if c := cmp.Compare(b.Strength, a.Strength); c != 0 {
			return c
		}
		return bytes.Compare(a.Lead.ID[:], b.Lead.ID[:])
	})
	return out, nil
}

// duplicateProbe is a record prepared for comparison with candidates.
type duplicateProbe struct {
	keys    []string // MatchKeys, without links
	numbers []Phone  // not yet parsed into phones
	phones  []comparablePhone
	region  string
}

func newDuplicateProbe(l *Lead, region string) *duplicateProbe {
	p := &duplicateProbe{region: region}
	for _, k := range MatchKeys(l) {
		if !isLinkKey(k) {
			p.keys = append(p.keys, k)
		}
	}
	p.numbers = l.Phones
	return p
}

// comparablePhones parses the probe's numbers the first time a candidate
// shares a phone key: parsing is the costly part of a probe that matches
// nothing.
func (p *duplicateProbe) comparablePhones() []comparablePhone {
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
func keyKind(k string) MatchKind {
	switch k[:2] {
	case "e:":
		return MatchEmail
	case "d:":
		return MatchDomain
	case "p:":
		return MatchPhone
	case "n:":
		if strings.HasSuffix(k, "|") {
			return MatchName
		}
		return MatchNameCompany
	}
	return ""
}

// lookupKeys returns the keys worth looking up, strongest kind first.
// Keys of the weakest kinds are skipped while a candidate sharing only
// keys of those kinds could not reach threshold: such a candidate cannot
// be reported, and one that shares a stronger key too is found through
// that key. So a big company's domain is looked up only when a domain
// alone may make a duplicate.
func (p *duplicateProbe) lookupKeys(threshold int) []string {
	kinds := []MatchKind{MatchDomain, MatchName, MatchPhone, MatchNameCompany, MatchEmail} // weakest first
	skip := map[MatchKind]bool{}
	var skipped []MatchKind
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
func (p *duplicateProbe) compare(c *Lead) Duplicate {
	d := Duplicate{Lead: c}
	theirs := MatchKeys(c)
	var emailDomains []string
	for _, k := range p.keys {
		if !slices.Contains(theirs, k) {
			continue
		}
		switch kind := keyKind(k); kind {
		case MatchEmail:
			v := k[2:]
			d.Reasons = append(d.Reasons, MatchReason{Kind: kind, Value: v})
			emailDomains = append(emailDomains, emailDomain(v))
		case MatchNameCompany, MatchName:
			d.Reasons = append(d.Reasons, MatchReason{Kind: kind, Value: strings.TrimSuffix(strings.Replace(k[2:], "|", " @ ", 1), " @ ")})
		case MatchDomain:
			// Reported below, unless an address at it matched.
		case MatchPhone:
			d.Reasons = p.appendPhoneReasons(d.Reasons, c, k)
		}
	}
	for _, k := range p.keys {
		if keyKind(k) == MatchDomain && slices.Contains(theirs, k) && !slices.Contains(emailDomains, k[2:]) {
			d.Reasons = append(d.Reasons, MatchReason{Kind: MatchDomain, Value: k[2:]})
		}
	}
	slices.SortStableFunc(d.Reasons, func(a, b MatchReason) int { return cmp.Compare(b.Kind.Weight(), a.Kind.Weight()) })
	kinds := make([]MatchKind, 0, len(d.Reasons))
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
func (p *duplicateProbe) appendPhoneReasons(rs []MatchReason, c *Lead, k string) []MatchReason {
	for _, theirs := range c.Phones {
		if PhoneMatchKey(theirs.Number) != k {
			continue
		}
		tp, ok := newComparablePhone(theirs.Number, p.region)
		if !ok {
			continue
		}
		for _, mine := range p.comparablePhones() {
			if v, same := samePhone(mine, tp); same && !slices.Contains(rs, MatchReason{Kind: MatchPhone, Value: v}) {
				rs = append(rs, MatchReason{Kind: MatchPhone, Value: v})
			}
		}
	}
	return rs
}

// strength combines the weights of distinct kinds, see Book.Duplicates.
func strength(kinds []MatchKind) int {
	miss := 1.0
	for _, k := range kinds {
		miss *= 1 - float64(k.Weight())/100
	}
	return int(math.Round(100 * (1 - miss)))
}
