package importexport

import (
	"errors"
	"fmt"
	"strings"

	"github.com/leadkit/leads"
)

// Target says what a column of a table fills in a lead. Field is a name of
// the JSON export (full_name, first_name, job_title, company, source, ...),
// or one of the list fields, each value of which adds one entry:
//
//	email, phone, web_page                       one entry per column
//	street, city, state, postal_code, country    parts of one address per Group
//	comments                                     one comment with the text
//	custom                                       the custom field named Custom
type Target struct {
	Field string
	// Label labels the entry: a phone label (Business, Home, Mobile, Fax,
	// Other), an address label (Business, Home, Other) or an e-mail label.
	Label string
	// LabelColumn names a column whose value gives the label instead (as
	// Google's "Phone 1 - Type" does for "Phone 1 - Value"); alternatives
	// are separated by "|", the first present in the header wins.
	LabelColumn string
	// Group gathers address parts into one address: parts with the same
	// Group (by default their Label) form one entry. Several street columns
	// of one group are joined with line breaks (Outlook's Street 2, 3).
	Group string
	// Custom is the name of the custom field when Field is "custom".
	Custom string
}

// Errors of mappings.
var (
	// ErrUnknownField means that a mapping names no field of a lead.
	ErrUnknownField = errors.New("importexport: unknown field")
	// ErrUnknownPreset means that no preset has the name given.
	ErrUnknownPreset = errors.New("importexport: unknown preset")
)

// scalarFields are the text fields that a column fills as written, by
// JSON name: the text fields of a lead that people edit by hand (those of
// leads.FieldSpecs with a Ref and a Set), but for the Details page.
var scalarFields = func() map[string]func(l *leads.Lead) *string {
	m := map[string]func(*leads.Lead) *string{}
	for _, s := range scalarSpecs() {
		m[string(s.Field)] = s.Ref
	}
	return m
}()

// scalarSpecs returns the fields of scalarFields, in the order of
// leads.FieldSpecs.
func scalarSpecs() []leads.FieldSpec {
	var out []leads.FieldSpec
	for _, s := range leads.FieldSpecs() {
		if s.Ref != nil && s.Set != nil && s.Member != "details" {
			out = append(out, s)
		}
	}
	return out
}

var listFields = map[string]bool{
	"email": true, "phone": true, "web_page": true, "comments": true, "status": true, "type": true,
	"street": true, "city": true, "state": true, "postal_code": true, "country": true,
}

// ParseTarget reads the FIELD of a "--map COLUMN=FIELD" option: a field name
// of the JSON export, optionally followed by ":LABEL" for the list fields
// ("phone:Mobile", "street:Home"), or "custom.NAME" for a custom field.
// The plural names (emails, phones, web_pages) are accepted too.
func ParseTarget(s string) (Target, error) {
	s = strings.TrimSpace(s)
	if name, ok := strings.CutPrefix(s, "custom."); ok && strings.TrimSpace(name) != "" {
		return Target{Field: "custom", Custom: strings.TrimSpace(name)}, nil
	}
	field, label, _ := strings.Cut(s, ":")
	field = strings.ToLower(strings.TrimSpace(field))
	switch field {
	case "emails":
		field = "email"
	case "phones":
		field = "phone"
	case "web_pages", "web", "website":
		field = "web_page"
	case "notes", "note", "comment":
		field = "comments"
	case "name":
		field = "full_name"
	}
	if scalarFields[field] == nil && !listFields[field] {
		return Target{}, fmt.Errorf("%w %q (want a field of the JSON export, such as full_name, company, email, phone:Mobile, street:Home or custom.NAME)", ErrUnknownField, s)
	}
	return Target{Field: field, Label: strings.TrimSpace(label)}, nil
}

// Unmapped says what becomes of a column that no mapping names.
type Unmapped int

// Policies for unmapped columns.
const (
	// IgnoreUnmapped drops their values.
	IgnoreUnmapped Unmapped = iota
	// KeepUnmapped keeps each non-empty value as a custom field named
	// after the column, so nothing the file held is lost.
	KeepUnmapped
)

// Mapping maps the columns of a table to the fields of a lead. Column
// names match case-insensitively and ignoring surrounding spaces.
type Mapping struct {
	Columns  map[string]Target
	Unmapped Unmapped
}

// With returns a copy of m with more column targets; they win over m's.
func (m Mapping) With(extra map[string]Target) Mapping {
	c := Mapping{Columns: make(map[string]Target, len(m.Columns)+len(extra)), Unmapped: m.Unmapped}
	for k, v := range m.Columns {
		c.Columns[columnKey(k)] = v
	}
	for k, v := range extra {
		c.Columns[columnKey(k)] = v
	}
	return c
}

func columnKey(s string) string { return strings.ToLower(strings.TrimSpace(s)) }

// plan is a Mapping compiled against the header of one table.
type plan struct {
	header  []string
	cols    []planCol
	columns []Column // each column of header and how it was matched (ColumnMapper)
}

type planCol struct {
	index      int
	target     Target
	labelIndex int                         // -1 when the label is fixed
	scalar     func(l *leads.Lead) *string // the field of a scalar target, looked up once
}

// fieldRef ties a field path of a lead to the column that filled it.
type fieldRef struct{ field, column string }

// lead converts one record (already padded to the header's length) into a
// lead. trace, when not nil, collects which column filled which field;
// text, when not nil, gathers the lead's text into one string; slab, when
// not nil, gives the lead's block; warns, when not nil, collects the values
// adjusted to keep the person (values.go): several addresses in one
// e-mail field, a name with the address, a phone field without digits, an
// unknown record type. Nothing of a row is refused here: validation, then
// the importer, decide.
func (p *plan) lead(rec []string, trace *[]fieldRef, text *rowText, slab *leadSlab, warns *[]Warning) (*leads.Lead, error) {
	var blk *leadBlock
	if slab != nil {
		blk = slab.next()
	} else {
		blk = &leadBlock{}
	}
	l := &blk.lead
	var groups []string // address group of each address in l.Addresses
	displayName := ""   // a name written beside an e-mail address
	warn := func(c planCol, value, format string, args ...any) {
		if warns != nil {
			*warns = append(*warns, warningf(p.header[c.index], value, format, args...))
		}
	}
	// Field paths are formatted only when traced (to name the column of a
	// problem), not for every row.
	note := func(field string, c planCol) {
		if trace != nil {
			*trace = append(*trace, fieldRef{field, p.header[c.index]})
		}
	}
	for _, c := range p.cols {
		v := Unneutralize(strings.TrimSpace(rec[c.index]))
		if v == "" {
			continue
		}
		t := c.target
		label := t.Label
		if c.labelIndex >= 0 {
			if lv := strings.TrimSpace(strings.TrimPrefix(strings.TrimSpace(rec[c.labelIndex]), "*")); lv != "" {
				label = lv
			}
		}
		if f := c.scalar; f != nil {
			note(t.Field, c)
			*f(l) = v
			continue
		}
		switch t.Field {
		case "email":
			if l.Emails == nil {
				l.Emails = blk.email[:0]
			}
			if bareEmailValue(v) {
				if trace != nil {
					note(fmt.Sprintf("emails[%d].address", len(l.Emails)), c)
				}
				l.Emails = append(l.Emails, leads.Email{Label: label, Address: v})
				continue
			}
			addrs := parseEmailField(v)
			switch {
			case len(addrs) == 0:
				warn(c, v, "no e-mail address in the value: left out")
			case len(addrs) > 1:
				warn(c, v, "%d e-mail addresses in one field: kept as %d e-mails", len(addrs), len(addrs))
			case addrs[0].address != v:
				warn(c, v, "kept the address %q only", addrs[0].address)
			}
			for _, a := range addrs {
				if trace != nil {
					note(fmt.Sprintf("emails[%d].address", len(l.Emails)), c)
				}
				l.Emails = append(l.Emails, leads.Email{Label: label, Address: a.address})
				if displayName == "" && len(addrs) == 1 {
					displayName = a.name
				}
			}
		case "phone":
			if !leads.PhoneHasDigits(v) {
				warn(c, v, "no digits: not a phone number, left out")
				continue
			}
			pl, err := leads.ParsePhoneLabel(label)
			if err != nil {
				pl = leads.PhoneOther // Google's "Main", "Work Fax", ...: keep the number
				if strings.Contains(strings.ToLower(label), "fax") {
					pl = leads.PhoneFax
				}
			}
			if l.Phones == nil {
				l.Phones = blk.phone[:0]
			}
			numbers := splitPhones(v)
			if numbers == nil {
				if trace != nil {
					note(fmt.Sprintf("phones[%d].number", len(l.Phones)), c)
				}
				l.Phones = append(l.Phones, leads.Phone{Label: pl, Number: v})
				continue
			}
			warn(c, v, "%d phone numbers in one field: kept as %d phones", len(numbers), len(numbers))
			for _, n := range numbers {
				if !leads.PhoneHasDigits(n) {
					continue
				}
				if trace != nil {
					note(fmt.Sprintf("phones[%d].number", len(l.Phones)), c)
				}
				l.Phones = append(l.Phones, leads.Phone{Label: pl, Number: n})
			}
		case "web_page":
			pages := splitWebPages(v)
			if pages == nil {
				if trace != nil {
					note(fmt.Sprintf("web_pages[%d]", len(l.WebPages)), c)
				}
				l.WebPages = append(l.WebPages, v)
				continue
			}
			warn(c, v, "%d web addresses in one field: kept as %d web pages", len(pages), len(pages))
			for _, w := range pages {
				if trace != nil {
					note(fmt.Sprintf("web_pages[%d]", len(l.WebPages)), c)
				}
				l.WebPages = append(l.WebPages, w)
			}
		case "comments":
			if trace != nil {
				note(fmt.Sprintf("comments[%d].text", len(l.Comments)), c)
			}
			l.Comments = append(l.Comments, leads.Comment{Text: v})
		case "status":
			note("status", c)
			l.Status = leads.Status(v)
		case "type":
			note("type", c)
			rt, err := leads.ParseRecordType(v)
			if err != nil {
				warn(c, v, "not a record type (lead or contact): left out, the record is a lead")
				continue
			}
			l.Type = rt
		case "custom":
			if trace != nil {
				note("custom."+t.Custom, c)
			}
			if l.Custom == nil {
				l.Custom = map[string]string{}
			}
			l.Custom[t.Custom] = v
		case "street", "city", "state", "postal_code", "country":
			group := t.Group
			if group == "" {
				group = label
			}
			i := indexOf(groups, group)
			if i < 0 {
				al, err := leads.ParseAddressLabel(label)
				if err != nil {
					al = leads.AddressOther
				}
				if l.Addresses == nil {
					l.Addresses = blk.address[:0]
				}
				l.Addresses = append(l.Addresses, leads.Address{Label: al})
				groups = append(groups, group)
				i = len(groups) - 1
			}
			if trace != nil {
				note(fmt.Sprintf("addresses[%d].%s", i, t.Field), c)
			}
			a := &l.Addresses[i]
			switch t.Field {
			case "street":
				if a.Street != "" {
					v = a.Street + "\n" + v
				}
				a.Street = v
			case "city":
				a.City = v
			case "state":
				a.State = v
			case "postal_code":
				a.PostalCode = v
			case "country":
				a.Country = v
			}
		}
	}
	if displayName != "" && l.FullName == "" && l.Company == "" &&
		countNonEmpty([5]string{l.Title, l.FirstName, l.MiddleName, l.LastName, l.Suffix}) == 0 {
		// Before pack, so that the name is packed with the rest.
		l.FullName = displayName
		if warns != nil {
			*warns = append(*warns, warningf("", displayName, "no name: the full name is the one written with the e-mail address"))
		}
	}
	if text != nil {
		text.pack(l)
	}
	completeName(l)
	return l, nil
}

// leadBlock is a lead with room for its first e-mail address, phone and
// address: a row costs one allocation instead of four, and the garbage
// collector, which scans every lead of a large import again and again, has
// a quarter of the objects to visit.
type leadBlock struct {
	lead    leads.Lead
	email   [1]leads.Email
	phone   [1]leads.Phone
	address [1]leads.Address
}

// completeName gives a lead without a full name one: from the name parts,
// else from the company (Outlook exports company-only contacts). A row with
// neither is rejected by validation ("full_name is required").
func completeName(l *leads.Lead) {
	if l.FullName != "" {
		return
	}
	l.FullName = leads.Name{Title: l.Title, First: l.FirstName, Middle: l.MiddleName, Last: l.LastName, Suffix: l.Suffix}.String()
	if l.FullName == "" {
		l.FullName = l.Company
	}
}

func indexOf(s []string, v string) int {
	for i, x := range s {
		if x == v {
			return i
		}
	}
	return -1
}

// locate returns the column that filled field of the lead read from rec.
func (p *plan) locate(rec []string, field string) string {
	var trace []fieldRef
	if _, err := p.lead(rec, &trace, nil, nil, nil); err != nil {
		return ""
	}
	best := ""
	for _, r := range trace {
		switch {
		case r.field == field:
			return r.column
		case strings.HasPrefix(field, r.field), strings.HasPrefix(r.field, field+"."), strings.HasPrefix(r.field, field+"["):
			best = r.column
		case strings.HasPrefix(r.field, "addresses[") && strings.HasPrefix(field, r.field[:strings.IndexByte(r.field, ']')+1]):
			if best == "" {
				best = r.column
			}
		}
	}
	if best != "" {
		return best
	}
	// The field is empty (a missing full name): name the column meant to
	// fill it, or else one of the name parts.
	for _, want := range []string{field, "first_name", "last_name"} {
		if field != "full_name" && want != field {
			break
		}
		for _, c := range p.cols {
			if c.target.Field == want {
				return p.header[c.index]
			}
		}
	}
	return ""
}
