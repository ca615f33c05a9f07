package leads

import (
	"encoding/hex"
	"strings"

	"github.com/google/uuid"

	"github.com/leadkit/leads/internal/textkey"
)

// MatchKeys returns the keys under which a store indexes l, so that
// LeadRepository.Lookup finds the records that share a key without
// scanning every record. Duplicate detection looks candidates up by the
// keys of the record it checks, and a merged record's old IDs resolve to
// the survivor through MergedKey.
//
// A key is a short prefix naming what it keys on, a colon and a
// normalized value:
//
//   - "e:" an e-mail address, trimmed and lower-cased, an
//     internationalized domain in Unicode (EmailMatchKey);
//   - "d:" the domain of an e-mail address, as in "e:", unless it is a
//     free-mail provider (gmail.com, yahoo.co.uk, web.de and the like):
//     colleagues share it;
//   - "p:" the last eight digits of a phone number, which do not depend on
//     how the country and trunk prefixes were written (numbers with fewer
//     than seven digits have no key);
//   - "n:" the name and company (NameMatchKey): case, accents, titles,
//     middle names and word order ignored, the company's legal form too;
//   - "m:" the ID of a record merged into l (MergedKey);
//   - "i:" the ID of the record that initiated l (InitiatedKey), so that
//     the records someone brought in are found without a scan.
//
// The last two are links, not likenesses: duplicate detection ignores
// them.
//
// Keys are for finding candidates only: two records that share a key are
// not necessarily duplicates (Book.Duplicates decides). A store that
// persists keys must recompute them when this function changes, see
// MatchKeysVersion. The result holds each key once.
//
// Stores compute the keys of every record they write once the index
// exists, so MatchKeys is kept cheap: the keys share one allocation. A nil
// record has no keys.
func MatchKeys(l *Lead) []string {
	if l == nil {
		return nil
	}
	var arr [512]byte
	var endArr [16]int
	buf, ends := AppendMatchKeys(arr[:0], endArr[:0], l)
	if len(ends) == 0 {
		return nil
	}
	all := string(buf)
	keys := make([]string, len(ends))
	from := 0
	for i, end := range ends {
		keys[i] = all[from:end]
		from = end
	}
	return keys
}

// AppendMatchKeys appends the keys of l, those MatchKeys gives and in the
// same order, to buf, and the end of each in buf to ends: the first key of
// l runs from len(buf) on entry to the first end appended, each next key
// from the end before it. It does not allocate when buf and ends have
// room, so a store indexing every record (the memory store's one-pass
// index build) reuses one buffer for all of them. A nil record has no keys.
func AppendMatchKeys(buf []byte, ends []int, l *Lead) ([]byte, []int) {
	if l == nil {
		return buf, ends
	}
	base, firstEnd := len(buf), len(ends)
	// add ends the key that starts at start, or drops it when it is empty
	// or repeats an earlier key of l.
	add := func(start, prefix int) {
		if len(buf)-start == prefix {
			buf = buf[:start]
			return
		}
		k := buf[start:]
		from := base
		for _, end := range ends[firstEnd:] {
			if string(buf[from:end]) == string(k) {
				buf = buf[:start]
				return
			}
			from = end
		}
		ends = append(ends, len(buf))
	}
	for _, e := range l.Emails {
		addr := strings.TrimSpace(e.Address)
		if addr == "" {
			continue
		}
		start := len(buf)
		buf = append(buf, "e:"...)
		buf = textkey.AppendEmail(buf, addr)
		add(start, 2)
	}
	for _, e := range l.Emails {
		if d := textkey.EmailDomain(e.Address); d != "" && !textkey.IsFreeMail(d) {
			start := len(buf)
			buf = append(buf, "d:"...)
			buf = textkey.AppendDomain(buf, d)
			add(start, 2)
		}
	}
	for _, p := range l.Phones {
		start := len(buf)
		buf = append(buf, "p:"...)
		buf = appendPhoneKey(buf, p.Number)
		add(start, 2)
	}
	start := len(buf)
	buf = append(buf, "n:"...)
	buf = appendNameKey(buf, l.FullName, l.FirstName, l.LastName, l.Company)
	add(start, 2)
	for _, id := range l.MergedFrom {
		start := len(buf)
		buf = append(buf, "m:"...)
		buf = appendID(buf, id)
		add(start, 2)
	}
	if l.InitiatedBy != uuid.Nil {
		start := len(buf)
		buf = append(buf, "i:"...)
		buf = appendID(buf, l.InitiatedBy)
		add(start, 2)
	}
	return buf, ends
}

// appendID appends id in its canonical text form (uuid.UUID.String)
// without allocating.
func appendID(buf []byte, id uuid.UUID) []byte {
	buf = hex.AppendEncode(buf, id[0:4])
	buf = hex.AppendEncode(append(buf, '-'), id[4:6])
	buf = hex.AppendEncode(append(buf, '-'), id[6:8])
	buf = hex.AppendEncode(append(buf, '-'), id[8:10])
	return hex.AppendEncode(append(buf, '-'), id[10:16])
}

// HasMatchKey reports whether key is among MatchKeys(l), without
// computing the others and without allocating: a store that indexes keys
// by a hash checks with it the records a hash finds.
func HasMatchKey(l *Lead, key string) bool {
	if l == nil || len(key) < 3 {
		return false
	}
	v := key[2:]
	var arr [256]byte
	switch key[:2] {
	case "e:":
		for _, e := range l.Emails {
			if string(textkey.AppendEmail(arr[:0], strings.TrimSpace(e.Address))) == v {
				return true
			}
		}
	case "d:":
		for _, e := range l.Emails {
			if d := textkey.EmailDomain(e.Address); d != "" && string(textkey.AppendDomain(arr[:0], d)) == v {
				return !textkey.IsFreeMail(d)
			}
		}
	case "p:":
		for _, p := range l.Phones {
			if string(appendPhoneKey(arr[:0], p.Number)) == v {
				return true
			}
		}
	case "n:":
		return string(appendNameKey(arr[:0], l.FullName, l.FirstName, l.LastName, l.Company)) == v
	case "m:":
		for _, id := range l.MergedFrom {
			if id.String() == v {
				return true
			}
		}
	case "i:":
		return l.InitiatedBy != uuid.Nil && l.InitiatedBy.String() == v
	}
	return false
}

// MatchKeysVersion changes whenever MatchKeys computes different keys for
// the same record, so that a store that persists keys knows to rebuild
// them. Version 2 added the domain, phone and name keys, version 3 the
// initiator; version 4 folds names' full-width letters and final sigma,
// reads phone digits of any script and Punycode domains in Unicode;
// version 5 leaves out a phone's extension written in any language
// (SplitPhone: "доб. 12", "内線12", "Durchwahl 12").
const MatchKeysVersion = 5

// EmailMatchKey is the key of an e-mail address: trimmed and lower-cased,
// an internationalized domain written in Punycode ("xn--bcher-kva.de") in
// Unicode ("bücher.de"), as people type it. It is "" for an empty address.
func EmailMatchKey(addr string) string {
	addr = strings.TrimSpace(addr)
	if addr == "" {
		return ""
	}
	var arr [128]byte
	return string(textkey.AppendEmail(append(arr[:0], "e:"...), addr))
}

// LeadNameMatchKey is the "n:" key of l, as MatchKeys gives it (see
// NameMatchKey), or "" when its name folds to nothing or l is nil.
func LeadNameMatchKey(l *Lead) string {
	if l == nil {
		return ""
	}
	var arr [128]byte
	b := appendNameKey(append(arr[:0], "n:"...), l.FullName, l.FirstName, l.LastName, l.Company)
	if len(b) == 2 {
		return ""
	}
	return string(b)
}

// DomainMatchKey is the key of the domain of an e-mail address, or "" when
// the address has no domain or the domain is a free or consumer e-mail
// provider (gmail.com, yahoo.co.uk, web.de and the like): two people with
// addresses at gmail.com have nothing in common, while two at acme.com
// probably work for the same company.
func DomainMatchKey(addr string) string {
	d := textkey.EmailDomain(addr)
	if d == "" || textkey.IsFreeMail(d) {
		return ""
	}
	var arr [64]byte
	return string(textkey.AppendDomain(append(arr[:0], "d:"...), d))
}

// PhoneMatchKey is the key of a phone number (its last eight digits), or
// "" when it has fewer than seven digits.
func PhoneMatchKey(number string) string {
	var arr [32]byte
	b := appendPhoneKey(append(arr[:0], "p:"...), number)
	if len(b) == 2 {
		return ""
	}
	return string(b)
}

// MergedKey is the key that a record merged into another one leaves on
// the survivor (Lead.MergedFrom), so that its old ID still finds it.
func MergedKey(id uuid.UUID) string { return "m:" + id.String() }

// InitiatedKey is the key of the records that the record with ID id
// initiated (Lead.InitiatedBy).
func InitiatedKey(id uuid.UUID) string { return "i:" + id.String() }

// NameMatchKey is the form in which a name and company are compared for
// duplicates: the folded, sorted first and last names, "|", and the
// folded company. full is the name as typed; first and last, when either
// is set, are used instead of parsing it (they may have been corrected by
// hand). It is "" when the name folds to nothing.
//
// Folding ignores case and accents ("José García" and "JOSE GARCIA"
// agree), replaces compatibility forms such as full-width letters with the
// plain ones (NFKD) and drops punctuation. Titles, suffixes and middle
// names are left out and the order of the names does not matter, so
// "Lovelace, Ada", "Dr. Ada Lovelace", "Ada M. Lovelace" and "Lovelace
// Ada" all agree. A company loses its legal form at the end ("Acme Inc."
// and "ACME" agree).
func NameMatchKey(full, first, last, company string) string {
	var arr [128]byte
	b := appendNameKey(arr[:0], full, first, last, company)
	if len(b) == 0 {
		return ""
	}
	return string(b)
}

// appendNameKey appends the name key (without its "n:" prefix) to dst, or
// nothing when the name folds to nothing.
func appendNameKey(dst []byte, full, first, last, company string) []byte {
	if first == "" && last == "" {
		n := ParseName(full)
		first, last = n.First, n.Last
		if first == "" && last == "" {
			return dst
		}
	}
	return textkey.AppendName(dst, first, last, company)
}

// appendPhoneKey appends the key value of number (the last eight digits of
// the number without its extension, SplitPhone) to dst, or nothing when it
// has fewer than seven digits.
func appendPhoneKey(dst []byte, number string) []byte {
	number, _ = SplitPhone(number)
	return textkey.AppendPhoneKey(dst, number)
}
