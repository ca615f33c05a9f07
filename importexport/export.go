package importexport

import (
	"context"
	"fmt"
	"iter"
	"strings"
	"unicode"

	"github.com/leadkit/leads"
)

// ParseTypes reads the --type option of export: "lead", "contact" or
// "all" (also ""). The result is a Query's Types.
func ParseTypes(s string) ([]leads.RecordType, error) {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "", "all":
		return nil, nil
	}
	t, err := leads.ParseRecordType(s)
	if err != nil {
		return nil, fmt.Errorf("importexport: %q is not a record type (lead, contact or all)", s)
	}
	return []leads.RecordType{t}, nil
}

// Records streams the records of the given types (all when empty) in File
// As order, as the exports write them.
func Records(ctx context.Context, tx leads.Tx, types []leads.RecordType) iter.Seq2[*leads.Lead, error] {
	return tx.Leads().List(ctx, leads.Query{Types: types, Sort: []leads.SortKey{leads.Asc(leads.FieldFileAs)}})
}

// Neutralize defuses a cell against formula injection (CSV injection): a
// cell that begins with =, +, -, @, a tab or a carriage return is what Excel
// and LibreOffice may run as a formula ("=HYPERLINK(...)"), so it gets a
// leading single quote, which spreadsheets show as text and hide. This is
// the OWASP recommendation. It affects phone numbers too ("+44 ..." is
// written "'+44 ..."), which Excel shows without the quote.
//
// Spreadsheets are more liberal than that list: they skip leading
// whitespace of any kind (a vertical tab, a no-break space, an ideographic
// space, a zero-width space) and read the full-width signs ＝ ＋ － ＠ as
// their ASCII twins. So a cell is quoted when its first character is a
// trigger or a whitespace control character (tab, line feed, vertical tab,
// form feed, carriage return), or when the first character after its
// leading whitespace is a trigger, full-width ones included. A cell that
// already begins with single quotes in front of such a cell gets one more,
// so that Unneutralize gives back exactly what was written.
//
// The CSV and XLSX imports of this package undo it (see Unneutralize), so
// an export imports back unchanged.
func Neutralize(s string) string {
	if quoted(s) {
		return "'" + s
	}
	return s
}

// Unneutralize undoes Neutralize: a leading single quote in front of what
// Neutralize quotes is dropped. Any other quote stays ("'Tis Ltd"), so
// Unneutralize(Neutralize(s)) == s for every s.
func Unneutralize(s string) string {
	if len(s) >= 2 && s[0] == '\'' && quoted(s[1:]) {
		return s[1:]
	}
	return s
}

// quoted reports whether Neutralize quotes s: s is dangerous, or it is
// single quotes in front of a dangerous value (which Unneutralize would
// otherwise take for a quoted one).
func quoted(s string) bool {
	return dangerous(strings.TrimLeft(s, "'"))
}

// dangerous reports whether a spreadsheet may take s for a formula.
func dangerous(s string) bool {
	if s == "" {
		return false
	}
	switch s[0] {
	case '=', '+', '-', '@', '\t', '\n', '\v', '\f', '\r':
		return true
	}
	for _, r := range s {
		switch {
		case formulaTrigger(r):
			return true
		case !leadingBlank(r):
			return false
		}
	}
	return false
}

// formulaTrigger reports whether r starts a formula when it comes first,
// after any whitespace: = + - @ and their full-width forms, tab, CR.
func formulaTrigger(r rune) bool {
	switch r {
	case '=', '+', '-', '@', '\t', '\r', '＝', '＋', '－', '＠':
		return true
	}
	return false
}

// leadingBlank reports whether a spreadsheet may skip r in front of a
// formula: Unicode whitespace, and the invisible zero-width characters.
func leadingBlank(r rune) bool {
	switch r {
	case '\u200B', '\u200C', '\u200D', '\u2060', '\uFEFF':
		return true
	}
	return unicode.IsSpace(r)
}

// OutlookRecord fills rec, which must have len(OutlookColumns()) cells, with
// l in Outlook's layout; cells that Outlook has and the lead lacks stay
// empty. Addresses go to Business, Home and Other by label (the first of
// each); e-mail addresses to E-mail, E-mail 2, E-mail 3; phones to their
// Outlook columns by label, a second business or home number to "... Phone
// 2", others to Other Phone; custom fields whose names are Outlook columns
// (Department, Birthday, ...) to those columns. Cells are not neutralized:
// the writer does that.
func OutlookRecord(l *leads.Lead, rec []string) {
	clear(rec)
	set := func(col int, v string) {
		if rec[col] == "" {
			rec[col] = v
		}
	}
	for _, t := range outlookTexts {
		set(t.col, *t.ref(l))
	}
	if l.FirstName == "" && l.LastName == "" {
		set(colFirst, l.FullName) // a name that did not split keeps its words
	}
	for i, e := range l.Emails {
		if i < 3 {
			set(outlookEmail[i], e.Address)
			set(outlookEmail[i]+2, e.Address) // "E-mail Display Name"
			set(outlookEmail[i]+1, "SMTP")
		}
	}
	for _, p := range l.Phones {
		cols := outlookPhone[p.Label]
		if len(cols) == 0 {
			cols = outlookPhone[leads.PhoneOther]
		}
		for _, c := range cols {
			if rec[c] == "" {
				rec[c] = p.Number
				break
			}
		}
	}
	for _, a := range l.Addresses {
		base, ok := outlookAddress[a.Label]
		if !ok {
			base = outlookAddress[leads.AddressOther]
		}
		if rec[base] != "" || rec[base+3] != "" {
			continue
		}
		lines := strings.SplitN(a.Street, "\n", 3)
		for i, ln := range lines {
			rec[base+i] = strings.TrimSpace(ln)
		}
		rec[base+3], rec[base+4], rec[base+5], rec[base+6] = a.City, a.State, a.PostalCode, a.Country
	}
	if len(l.WebPages) > 0 {
		rec[colWebPage] = l.WebPages[0]
	}
	var notes []string
	for _, c := range l.Comments {
		notes = append(notes, c.Text)
	}
	rec[colNotes] = strings.Join(notes, "\n")
	for k, v := range l.Custom {
		if i, ok := outlookIndex[columnKey(k)]; ok && customColumns[i] {
			set(i, v)
		}
	}
}

// outlookText is a text field of a lead and its Outlook column.
type outlookText struct {
	col int
	ref func(*leads.Lead) *string
}

var (
	outlookIndex = func() map[string]int {
		m := make(map[string]int, len(outlookColumns))
		for i, c := range outlookColumns {
			m[columnKey(c)] = i
		}
		return m
	}()
	col = func(name string) int {
		i, ok := outlookIndex[columnKey(name)]
		if !ok {
			panic("importexport: no Outlook column " + name) // a typo below, caught by any test
		}
		return i
	}
	colFirst, colWebPage, colNotes = col("First Name"), col("Web Page"), col("Notes")
	// outlookTexts are the text fields written as they are, each to the
	// Outlook column of its label (Title, First Name, ..., Company, Job
	// Title); the Details page is written from custom fields only.
	outlookTexts = func() []outlookText {
		var out []outlookText
		for _, s := range scalarSpecs() {
			if i, ok := outlookIndex[columnKey(s.Label)]; ok {
				out = append(out, outlookText{i, s.Ref})
			}
		}
		return out
	}()
	outlookEmail = [3]int{col("E-mail Address"), col("E-mail 2 Address"), col("E-mail 3 Address")}
	outlookPhone = map[leads.PhoneLabel][]int{
		leads.PhoneBusiness: {col("Business Phone"), col("Business Phone 2")},
		leads.PhoneHome:     {col("Home Phone"), col("Home Phone 2")},
		leads.PhoneMobile:   {col("Mobile Phone")},
		leads.PhoneFax:      {col("Business Fax"), col("Home Fax"), col("Other Fax")},
		leads.PhoneOther:    {col("Other Phone")},
	}
	outlookAddress = map[leads.AddressLabel]int{
		leads.AddressBusiness: col("Business Street"), leads.AddressHome: col("Home Street"), leads.AddressOther: col("Other Street"),
	}
	customColumns = map[int]bool{col("Department"): true, col("Birthday"): true, col("Anniversary"): true,
		col("Categories"): true, col("Manager's Name"): true, col("Assistant's Name"): true,
		col("Office Location"): true, col("Profession"): true, col("Referred By"): true}
)
