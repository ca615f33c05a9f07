package importexport

import (
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/leadkit/leads"
)

// An import keeps every person it can tell: a row is rejected only when it
// has no name, no e-mail address and no phone, or when the importer is
// strict. What it changes to keep one is reported as a Warning. Here are
// the two adjustments made to any source's rows (the table mapping makes
// its own, mapping.go): a name for a row without one, and values that
// validation refuses left out.

// completeFullName gives l, which has no full name, one made from what it
// has: its name parts, else its company, else the words of its first e-mail
// address (NameFromAddress), else its first phone number as written. It returns the
// warning saying so, and false when l has none of them.
func completeFullName(l *leads.Lead) (Warning, bool) {
	if n := (leads.Name{Title: l.Title, First: l.FirstName, Middle: l.MiddleName, Last: l.LastName, Suffix: l.Suffix}).String(); strings.TrimSpace(n) != "" {
		l.FullName = n
		return Warning{Value: clip(n), Reason: "no full name: made from the name parts"}, true
	}
	if c := strings.TrimSpace(l.Company); c != "" {
		l.FullName = c
		return Warning{Value: clip(c), Reason: "no name: the company is used as the full name"}, true
	}
	for _, e := range l.Emails {
		a := strings.TrimSpace(e.Address)
		at := strings.LastIndexByte(a, '@')
		if at <= 0 {
			continue
		}
		if !bareAddress(a) {
			continue // left out by validation: no name from it
		}
		l.FullName = NameFromAddress(a)
		return Warning{Value: clip(a), Reason: "no name: the full name is made from the e-mail address"}, true
	}
	for _, p := range l.Phones {
		if n := strings.TrimSpace(p.Number); leads.PhoneHasDigits(n) {
			l.FullName = n
			return Warning{Value: clip(n), Reason: "no name: the full name is the phone number"}, true
		}
	}
	return Warning{}, false
}

// leaveOutInvalid leaves out of l the values that err, the validation of
// l, refuses, when each can go without losing the person: an e-mail
// address, a phone number, a web page, a part of an address, a comment, a
// custom value, a status or another text field (a label is set to Other
// instead). It returns a warning per value, naming its column through
// locate (row's Locate) when it can, and false, leaving l as it is, when err
// names anything else (the full name, a reference), or when l would be left
// with no name.
func leaveOutInvalid(l *leads.Lead, err error, row int, locate func(string) string) ([]Warning, bool) {
	fes, ok := fieldErrors(err)
	if !ok {
		return nil, false
	}
	lo := &leaveOut{l: l, row: row, locate: locate}
	for _, fe := range fes {
		if !lo.add(fe) {
			return nil, false
		}
	}
	lo.apply()
	return lo.ws, strings.TrimSpace(l.FullName) != ""
}

// fieldErrors returns the field errors that err is or joins, and false
// when err holds anything else, or none.
func fieldErrors(err error) ([]*leads.FieldError, bool) {
	var fes []*leads.FieldError
	var walk func(error) bool
	walk = func(err error) bool {
		if j, ok := err.(interface{ Unwrap() []error }); ok {
			for _, e := range j.Unwrap() {
				if !walk(e) {
					return false
				}
			}
			return true
		}
		var fe *leads.FieldError
		if !errors.As(err, &fe) {
			return false
		}
		fes = append(fes, fe)
		return true
	}
	if !walk(err) || len(fes) == 0 {
		return nil, false
	}
	return fes, true
}

// leaveOut is what leaveOutInvalid changes in a lead, gathered before any
// of it is done, so that a value it cannot leave out leaves the lead as
// it was: values to clear, list entries to cut, and a warning for each.
type leaveOut struct {
	l      *leads.Lead
	row    int
	locate func(string) string
	sets   []func()
	cuts   []listCut
	ws     []Warning
}

// listCut is an entry of one of a lead's lists to cut, or, for a comment
// too long for one, to replace by parts.
type listCut struct {
	list  string // "emails", "phones", "web_pages", "comments"
	index int
	parts []leads.Comment
}

// add plans to leave out the value that fe refuses, with its warning,
// and reports false when the value cannot go without losing the person.
func (lo *leaveOut) add(fe *leads.FieldError) bool {
	list, index, sub, ok := splitFieldPath(fe.Field)
	if !ok {
		return false
	}
	if lo.splitLongComment(fe, list, index, sub) {
		return true
	}
	var value string
	if index >= 0 {
		value, ok = lo.entry(list, index, sub)
	} else {
		value, ok = lo.field(list)
	}
	if !ok {
		return false
	}
	reason := "left out"
	if sub == "label" {
		reason = "the label is Other"
	} else if list == "addresses" && index < 0 {
		reason = "only the first is the mailing address"
	}
	lo.ws = append(lo.ws, Warning{Row: lo.row, Column: columnOf(fe.Field, lo.locate), Value: clip(value), Reason: fe.Reason + ": " + reason})
	return true
}

// splitLongComment plans to keep a comment that fe refuses only for its
// length whole, as several comments, and reports whether fe is such.
func (lo *leaveOut) splitLongComment(fe *leads.FieldError, list string, index int, sub string) bool {
	if list != "comments" || index < 0 || index >= len(lo.l.Comments) || sub == "author" {
		return false
	}
	c := lo.l.Comments[index]
	max, n := leads.MaxLength(fe.Field), utf8.RuneCountInString(c.Text)
	if n <= max || !validText(c.Text) {
		return false
	}
	parts := splitComment(c, max)
	lo.cuts = append(lo.cuts, listCut{list, index, parts})
	lo.ws = append(lo.ws, Warning{Row: lo.row, Column: columnOf(fe.Field, lo.locate), Value: clip(c.Text),
		Reason: fmt.Sprintf("%d characters, over the limit of %d for one comment: kept as %d comments", n, max, len(parts))})
	return true
}

// entry plans to leave out entry index of list, or its part sub, and
// returns the value left out; false when there is no such entry.
func (lo *leaveOut) entry(list string, index int, sub string) (string, bool) {
	l := lo.l
	switch {
	case list == "emails" && index < len(l.Emails):
		e := &l.Emails[index]
		if sub == "label" {
			lo.sets = append(lo.sets, func() { e.Label = "" })
			return e.Label, true
		}
		lo.cut(list, index)
		return e.Address, true
	case list == "phones" && index < len(l.Phones):
		ph := &l.Phones[index]
		if sub == "label" {
			lo.sets = append(lo.sets, func() { ph.Label = leads.PhoneOther })
			return string(ph.Label), true
		}
		lo.cut(list, index)
		return ph.Number, true
	case list == "web_pages" && index < len(l.WebPages):
		lo.cut(list, index)
		return l.WebPages[index], true
	case list == "comments" && index < len(l.Comments):
		c := &l.Comments[index]
		if sub == "author" {
			lo.sets = append(lo.sets, func() { c.Author = "" })
			return c.Author, true
		}
		lo.cut(list, index)
		return c.Text, true
	case list == "addresses" && index < len(l.Addresses):
		return lo.address(&l.Addresses[index], sub)
	}
	return "", false
}

// address plans to leave out part sub of a (a label becomes Other), and
// returns the value left out; false for a part that cannot go.
func (lo *leaveOut) address(a *leads.Address, sub string) (string, bool) {
	if sub == "label" {
		lo.sets = append(lo.sets, func() { a.Label = leads.AddressOther })
		return string(a.Label), true
	}
	f := addressPart(a, sub)
	if f == nil {
		return "", false
	}
	lo.sets = append(lo.sets, func() { *f = "" })
	return *f, true
}

// field plans to leave out the field of the lead named by its JSON name,
// or to keep one mailing address among its addresses, and returns the
// value left out; false for a field that cannot go (the full name, a
// reference, a score).
func (lo *leaveOut) field(name string) (string, bool) {
	l := lo.l
	switch {
	case name == "addresses":
		lo.sets = append(lo.sets, func() { keepOneMailing(l) })
		return "", true
	case strings.HasPrefix(name, "custom."):
		key := strings.TrimPrefix(name, "custom.")
		v, ok := l.Custom[key]
		if !ok {
			return "", false
		}
		lo.sets = append(lo.sets, func() { delete(l.Custom, key) })
		return v, true
	case name == "status":
		lo.sets = append(lo.sets, func() { l.Status = "" })
		return string(l.Status), true
	}
	f := textField(l, name)
	if f == nil {
		return "", false
	}
	lo.sets = append(lo.sets, func() { *f = "" })
	return *f, true
}

// cut plans to cut entry index of list.
func (lo *leaveOut) cut(list string, index int) {
	lo.cuts = append(lo.cuts, listCut{list: list, index: index})
}

// apply makes the changes planned.
func (lo *leaveOut) apply() {
	for _, set := range lo.sets {
		set()
	}
	// Cut list entries from the last, so that the indices still hold.
	slices.SortFunc(lo.cuts, func(a, b listCut) int { return b.index - a.index })
	l := lo.l
	for _, c := range lo.cuts {
		switch c.list {
		case "emails":
			l.Emails = slices.Delete(l.Emails, c.index, c.index+1)
		case "phones":
			l.Phones = slices.Delete(l.Phones, c.index, c.index+1)
		case "web_pages":
			l.WebPages = slices.Delete(l.WebPages, c.index, c.index+1)
		case "comments":
			l.Comments = slices.Replace(l.Comments, c.index, c.index+1, c.parts...)
		}
	}
}

// columnOf names the column of a field through locate, else the field.
func columnOf(field string, locate func(string) string) string {
	if locate != nil {
		if c := locate(field); c != "" {
			return c
		}
	}
	return field
}

// validText reports text that validation refuses for its length alone:
// valid UTF-8 without NUL or control characters other than line breaks and
// tabs.
func validText(s string) bool {
	if !utf8.ValidString(s) {
		return false
	}
	for _, r := range s {
		if r < 0x20 && r != '\n' && r != '\r' && r != '\t' || r == 0x7f {
			return false
		}
	}
	return true
}

// splitComment cuts c's text into comments of at most max characters
// each, with c's time and author, at a line break or space near the end
// of each part where there is one, so that no word is cut in two.
func splitComment(c leads.Comment, max int) []leads.Comment {
	var parts []leads.Comment
	rs := []rune(c.Text)
	for len(rs) > 0 {
		n := min(len(rs), max)
		if n < len(rs) {
			for i := n; i > n-n/10 && i > 0; i-- {
				if rs[i-1] == '\n' || rs[i-1] == ' ' {
					n = i
					break
				}
			}
		}
		part := c
		part.Text = string(rs[:n])
		parts = append(parts, part)
		rs = rs[n:]
	}
	return parts
}

// splitFieldPath splits a field path of a FieldError: "emails[2].address"
// is ("emails", 2, "address"), "company" is ("company", -1, ""),
// "custom.Region" is ("custom.Region", -1, "").
func splitFieldPath(field string) (list string, index int, sub string, ok bool) {
	open := strings.IndexByte(field, '[')
	if open < 0 || strings.HasPrefix(field, "custom.") {
		return field, -1, "", field != ""
	}
	end := strings.IndexByte(field, ']')
	if end < open {
		return "", 0, "", false
	}
	i, err := strconv.Atoi(field[open+1 : end])
	if err != nil || i < 0 {
		return "", 0, "", false
	}
	return field[:open], i, strings.TrimPrefix(field[end+1:], "."), true
}

// textField returns the text field of l named by its JSON name, for the
// fields that can be left out without losing the person: not the full
// name.
func textField(l *leads.Lead, name string) *string {
	switch name {
	case "title":
		return &l.Title
	case "first_name":
		return &l.FirstName
	case "middle_name":
		return &l.MiddleName
	case "last_name":
		return &l.LastName
	case "suffix":
		return &l.Suffix
	case "job_title":
		return &l.JobTitle
	case "file_as":
		return &l.FileAs
	case "company":
		return &l.Company
	case "assigned_to":
		return &l.AssignedTo
	case "source":
		return &l.Source
	}
	return nil
}

// addressPart returns the part of a named by its JSON name, or nil.
func addressPart(a *leads.Address, name string) *string {
	switch name {
	case "street":
		return &a.Street
	case "city":
		return &a.City
	case "state":
		return &a.State
	case "postal_code":
		return &a.PostalCode
	case "country":
		return &a.Country
	}
	return nil
}

// keepOneMailing keeps the first mailing address of l as the only one.
func keepOneMailing(l *leads.Lead) {
	seen := false
	for i := range l.Addresses {
		if l.Addresses[i].Mailing {
			l.Addresses[i].Mailing = !seen
			seen = true
		}
	}
}

// strictError is the rejection of a row with warnings by a strict import:
// one *leads.RowError per warning, matching ErrStrict.
func strictError(row int, ws []Warning) error {
	errs := make([]error, 0, len(ws))
	for _, w := range ws {
		reason := w.Reason
		if w.Value != "" {
			reason += fmt.Sprintf(" (value %q)", w.Value)
		}
		errs = append(errs, &leads.RowError{Row: row, Column: w.Column, Err: fmt.Errorf("%w: %s", ErrStrict, reason)})
	}
	return errors.Join(errs...)
}
