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
	type cut struct {
		list  string // "emails", "phones", ...
		index int
		parts []leads.Comment // for a comment too long for one: what replaces it
	}
	var cuts []cut
	var sets []func()
	var ws []Warning
	for _, fe := range fes {
		list, index, sub, ok := splitFieldPath(fe.Field)
		if !ok {
			return nil, false
		}
		value := ""
		switch {
		case list == "emails" && index >= 0 && index < len(l.Emails):
			e := &l.Emails[index]
			if sub == "label" {
				value = e.Label
				sets = append(sets, func() { e.Label = "" })
			} else {
				value = e.Address
				cuts = append(cuts, cut{list, index, nil})
			}
		case list == "phones" && index >= 0 && index < len(l.Phones):
			ph := &l.Phones[index]
			if sub == "label" {
				value = string(ph.Label)
				sets = append(sets, func() { ph.Label = leads.PhoneOther })
			} else {
				value = ph.Number
				cuts = append(cuts, cut{list, index, nil})
			}
		case list == "web_pages" && index >= 0 && index < len(l.WebPages):
			value = l.WebPages[index]
			cuts = append(cuts, cut{list, index, nil})
		case list == "comments" && index >= 0 && index < len(l.Comments):
			c := &l.Comments[index]
			if sub == "author" {
				value = c.Author
				sets = append(sets, func() { c.Author = "" })
			} else if max := leads.MaxLength(fe.Field); utf8.RuneCountInString(c.Text) > max && validText(c.Text) {
				// Too long for one comment, and nothing else wrong with
				// it: kept whole, as several comments.
				parts := splitComment(*c, max)
				cuts = append(cuts, cut{list, index, parts})
				ws = append(ws, Warning{Row: row, Column: columnOf(fe.Field, locate), Value: clip(c.Text),
					Reason: fmt.Sprintf("%d characters, over the limit of %d for one comment: kept as %d comments", utf8.RuneCountInString(c.Text), max, len(parts))})
				continue
			} else {
				value = c.Text
				cuts = append(cuts, cut{list, index, nil})
			}
		case list == "addresses" && index >= 0 && index < len(l.Addresses):
			a := &l.Addresses[index]
			f := addressPart(a, sub)
			switch {
			case sub == "label":
				value = string(a.Label)
				sets = append(sets, func() { a.Label = leads.AddressOther })
			case f != nil:
				value = *f
				sets = append(sets, func() { *f = "" })
			default:
				return nil, false
			}
		case list == "addresses" && index < 0:
			sets = append(sets, func() { keepOneMailing(l) })
		case strings.HasPrefix(list, "custom.") && index < 0:
			name := strings.TrimPrefix(list, "custom.")
			v, ok := l.Custom[name]
			if !ok {
				return nil, false
			}
			value = v
			sets = append(sets, func() { delete(l.Custom, name) })
		case list == "status" && index < 0:
			value = string(l.Status)
			sets = append(sets, func() { l.Status = "" })
		case index < 0:
			f := textField(l, list)
			if f == nil {
				return nil, false // the full name, a reference, a score: not left out
			}
			value = *f
			sets = append(sets, func() { *f = "" })
		default:
			return nil, false
		}
		col := columnOf(fe.Field, locate)
		reason := "left out"
		if sub == "label" {
			reason = "the label is Other"
		} else if list == "addresses" && index < 0 {
			reason = "only the first is the mailing address"
		}
		ws = append(ws, Warning{Row: row, Column: col, Value: clip(value), Reason: fe.Reason + ": " + reason})
	}
	for _, set := range sets {
		set()
	}
	// Cut list entries from the last, so that the indices still hold.
	slices.SortFunc(cuts, func(a, b cut) int { return b.index - a.index })
	for _, c := range cuts {
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
	return ws, strings.TrimSpace(l.FullName) != ""
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
