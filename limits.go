package leads

import (
	"fmt"
	"strings"
	"unicode/utf8"
)

// The longest text each kind of field holds, counted in characters
// (Unicode code points, as utf8.RuneCountInString counts them), not bytes.
//
// Every store keeps the same values: validation refuses a longer one with
// a *FieldError naming the field ("company: 3000 characters, over the
// limit of 1000"), so a record that one store took can be moved to any
// other (an export of the file store restores into PostgreSQL). The limits
// are generous for real data and bound what a store must index: a
// PostgreSQL B-tree entry holds about 2,700 bytes, so the indexed fields
// are indexed by a bounded prefix (see storage/postgres migration 0006).
// MaxLength gives the limit of a field by its name.
const (
	// MaxNameLen bounds the full name, each name part (title, first,
	// middle and last name, suffix), the names of users (and so assigned
	// to, created by, updated by, a comment's author, a status step's
	// user), the people of the Details page (manager, assistant, nickname,
	// spouse), and the names of criteria, field definitions, reports and
	// the title of an opportunity.
	MaxNameLen = 256
	// MaxCompanyLen bounds a company and an account's name (an account
	// is made from a lead's company when it is converted).
	MaxCompanyLen = 1000
	// MaxFileAsLen bounds File As, which the default forms build from
	// the company and the name ("Company (Last, First)").
	MaxFileAsLen = 2 * (MaxCompanyLen)
	// MaxJobTitleLen bounds the job title and the department, office and
	// profession of the Details page.
	MaxJobTitleLen = 500
	// MaxSourceLen bounds the source of a lead.
	MaxSourceLen = 500
	// MaxEmailLen bounds an e-mail address: RFC 5321 allows 64 characters
	// before the "@" and 255 after it.
	MaxEmailLen = 320
	// MaxLabelLen bounds the label of an e-mail address ("work").
	MaxLabelLen = 100
	// MaxPhoneLen bounds a phone number as written, with its extension
	// and any words ("+49 30 1234567 Durchwahl 12").
	MaxPhoneLen = 100
	// MaxWebPageLen bounds a web page address.
	MaxWebPageLen = 4096
	// MaxAddressLen bounds each part of a postal address: the street
	// (which may hold several lines), city, state, postal code, country.
	MaxAddressLen = 1000
	// MaxCustomNameLen bounds the name of a custom field.
	MaxCustomNameLen = 256
	// MaxCustomTextLen bounds the value of a custom field and a choice
	// of a choice field.
	MaxCustomTextLen = 64 << 10
	// MaxCommentLen bounds one comment of a lead and the reason of a
	// status step.
	MaxCommentLen = 64 << 10
	// MaxSubjectLen bounds the subject of a history item, its location,
	// sender, recipients and message ID, and a product of an opportunity.
	MaxSubjectLen = 4096
	// MaxNoteLen bounds the text of a history item: a note, the log of a
	// call, the body of an e-mail message saved in the history.
	MaxNoteLen = 1 << 20
	// MaxTextLen bounds any other text field.
	MaxTextLen = 64 << 10
)

// MaxLength returns the longest value, in characters, the field with the
// given name holds; the names are those of *FieldError and the JSON export
// ("company", "emails[1].address", "custom.Budget", "details.office").
//
//	field                                               limit
//	full_name, title, first_name, middle_name,          MaxNameLen (256)
//	last_name, suffix, assigned_to, created_by,
//	updated_by, name, comments[i].author,
//	status_history[i].by, details.manager, .assistant,
//	.nickname, .spouse
//	company                                             MaxCompanyLen (1000)
//	file_as                                             MaxFileAsLen (2000)
//	job_title, details.department, .office, .profession MaxJobTitleLen (500)
//	source                                              MaxSourceLen (500)
//	emails[i].address, email                            MaxEmailLen (320)
//	emails[i].label                                     MaxLabelLen (100)
//	phones[i].number, phone, number                     MaxPhoneLen (100)
//	web_pages[i], web_page                              MaxWebPageLen (4096)
//	addresses[i].street, .city, .state, .postal_code,   MaxAddressLen (1000)
//	.country (and street, city, ... alone)
//	custom (a custom field's name)                      MaxCustomNameLen (256)
//	custom.NAME, choices[i]                             MaxCustomTextLen (64 Ki)
//	comments[i].text, status_history[i].reason          MaxCommentLen (64 Ki)
//	subject, location, from, to, message_id,            MaxSubjectLen (4096)
//	lines[i].product
//	text (of a history item)                            MaxNoteLen (1 Mi)
//	anything else                                       MaxTextLen (64 Ki)
//
// An account's name is a company: Account.Validate holds it to
// MaxCompanyLen, not to the MaxNameLen of "name".
func MaxLength(field string) int {
	if strings.HasPrefix(field, "custom.") {
		return MaxCustomTextLen
	}
	if s := specOf(Field(field)); s != nil && s.MaxLength > 0 && s.queryable() {
		return s.MaxLength // a field of FieldSpecs
	}
	head, tail := field, ""
	if i := strings.IndexAny(field, ".["); i >= 0 {
		head = field[:i]
	}
	if i := strings.LastIndexByte(field, '.'); i >= 0 {
		tail = field[i+1:]
	}
	switch head {
	case "emails":
		if tail == "label" {
			return MaxLabelLen
		}
		return MaxEmailLen
	case "phones":
		if tail == "label" {
			return MaxLabelLen
		}
		return MaxPhoneLen
	case "web_pages":
		return MaxWebPageLen
	case "addresses":
		return MaxAddressLen
	case "comments", "status_history":
		if tail == "author" || tail == "by" {
			return MaxNameLen
		}
		return MaxCommentLen
	case "choices":
		return MaxCustomTextLen
	case "lines":
		return MaxSubjectLen
	case "details":
		switch tail {
		case "department", "office", "profession":
			return MaxJobTitleLen
		}
		return MaxNameLen
	}
	switch field {
	case "name", "manager", "assistant", "nickname", "spouse":
		return MaxNameLen
	case "department", "office", "profession":
		return MaxJobTitleLen
	case "number":
		return MaxPhoneLen
	case "custom":
		return MaxCustomNameLen
	case "subject", "location", "from", "to", "message_id":
		return MaxSubjectLen
	case "text":
		return MaxNoteLen
	}
	return MaxTextLen
}

// lengthProblem says how far s is over max characters, or "". It counts
// only when s has more bytes than max: a character is at least one byte.
func lengthProblem(s string, max int) string {
	if len(s) <= max {
		return ""
	}
	if n := utf8.RuneCountInString(s); n > max {
		return fmt.Sprintf("%d characters, over the limit of %d", n, max)
	}
	return ""
}

// limitedText is textProblem, then lengthProblem with max.
func limitedText(s string, max int) string {
	if r := textProblem(s); r != "" {
		return r
	}
	return lengthProblem(s, max)
}

// controlProblem says which control character s holds, or "": C0
// controls, DEL and C1 controls. Line breaks and tabs are allowed when
// lines is true (a street has lines).
func controlProblem(s string, lines bool) string {
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case c < 0x20 || c == 0x7f:
			if lines && (c == '\n' || c == '\r' || c == '\t') {
				continue
			}
			return fmt.Sprintf("contains the control character %U", rune(c))
		case c == 0xc2 && i+1 < len(s) && s[i+1] >= 0x80 && s[i+1] <= 0x9f:
			// U+0080 to U+009F, encoded as C2 80 to C2 9F.
			return fmt.Sprintf("contains the control character %U", rune(s[i+1]))
		}
	}
	return ""
}

// textErrors checks the length of the text of a history item. (What no
// store can hold, NUL bytes and invalid UTF-8, is each store's concern
// for history: the items are kept as JSON documents.)
func (h *HistoryItem) textErrors() []error {
	var errs []error
	for _, f := range [...]struct {
		name, value string
		max         int
	}{
		{"subject", h.Subject, MaxSubjectLen}, {"text", h.Text, MaxNoteLen},
		{"number", h.Number, MaxPhoneLen}, {"location", h.Location, MaxSubjectLen},
		{"from", h.From, MaxSubjectLen}, {"to", h.To, MaxSubjectLen},
		{"message_id", h.MessageID, MaxSubjectLen},
	} {
		if r := lengthProblem(f.value, f.max); r != "" {
			errs = append(errs, &FieldError{Field: f.name, Reason: r})
		}
	}
	return errs
}
