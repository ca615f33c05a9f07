package importexport

import "github.com/leadkit/leads"

// rowText gathers the text of a lead read from a table row into one string,
// the name derived from its parts included, so that a kept lead holds two
// objects (its block and its text) rather than a string per derived value
// and the reader's record: an import keeps a million leads, and the garbage
// collector visits every object of them again at each cycle. Substrings of
// the one string are safe to hand out, since strings are immutable; the
// string holds only the row's mapped values, nothing of other rows. The
// scratch buffers are reused from row to row; a rowText belongs to one
// TableSource, read by one goroutine.
type rowText struct {
	buf    []byte
	fields []*string
	custom []customText
}

// customText is the place of a custom field's value in rowText.buf (map
// values cannot be pointed at).
type customText struct {
	name      string
	off, size int
}

// scalarRefs are the text fields a table row fills as written
// (scalarFields), in a slice: pack visits them for every row.
var scalarRefs = func() []func(*leads.Lead) *string {
	var out []func(*leads.Lead) *string
	for _, s := range scalarSpecs() {
		out = append(out, s.Ref)
	}
	return out
}()

// maxKeptScratch bounds the scratch buffer kept between rows: a rare huge
// row does not hold its size for the rest of the import.
const maxKeptScratch = 64 << 10

// pack moves the text of l into one new string. A lead without a full name
// gets the one its name parts give (leads.Name.String), written into the
// same string; completeName does the rest (a single part, or the company,
// needs no copy).
func (t *rowText) pack(l *leads.Lead) {
	fields := t.fields[:0]
	add := func(s *string) {
		if *s != "" {
			fields = append(fields, s)
		}
	}
	for _, ref := range scalarRefs {
		add(ref(l))
	}
	add((*string)(&l.Status))
	for i := range l.Emails {
		add(&l.Emails[i].Label)
		add(&l.Emails[i].Address)
	}
	for i := range l.Phones {
		add(&l.Phones[i].Number)
	}
	for i := range l.WebPages {
		add(&l.WebPages[i])
	}
	for i := range l.Addresses {
		a := &l.Addresses[i]
		add(&a.Street)
		add(&a.City)
		add(&a.State)
		add(&a.PostalCode)
		add(&a.Country)
	}
	for i := range l.Comments {
		add(&l.Comments[i].Text)
	}
	buf := t.buf[:0]
	for _, s := range fields {
		buf = append(buf, *s...)
	}
	custom := t.custom[:0]
	for name, v := range l.Custom {
		if v != "" {
			custom = append(custom, customText{name, len(buf), len(v)})
			buf = append(buf, v...)
		}
	}
	nameAt := -1
	if parts := [...]string{l.Title, l.FirstName, l.MiddleName, l.LastName, l.Suffix}; l.FullName == "" && countNonEmpty(parts) > 1 {
		// One part (or none: the company) completeName takes as it is.
		nameAt = len(buf)
		buf = appendName(buf, parts)
	}
	if len(buf) > 0 {
		text := string(buf)
		off := 0
		for _, s := range fields {
			n := len(*s)
			*s = text[off : off+n]
			off += n
		}
		for _, c := range custom {
			l.Custom[c.name] = text[c.off : c.off+c.size]
		}
		if nameAt >= 0 {
			l.FullName = text[nameAt:]
		}
	}
	clear(fields) // no pointers into the lead stay in the scratch
	clear(custom)
	t.fields, t.custom = fields[:0], custom[:0]
	if cap(buf) > maxKeptScratch {
		buf = nil
	}
	t.buf = buf[:0]
}

// appendName appends the name parts (title, first, middle, last, suffix)
// as leads.Name.String joins them: the non-empty ones, one space apart.
func appendName(buf []byte, parts [5]string) []byte {
	start := len(buf)
	for _, p := range parts {
		if p != "" {
			if len(buf) > start {
				buf = append(buf, ' ')
			}
			buf = append(buf, p...)
		}
	}
	return buf
}

func countNonEmpty(s [5]string) int {
	n := 0
	for _, x := range s {
		if x != "" {
			n++
		}
	}
	return n
}
