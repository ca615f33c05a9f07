package leads

import (
	"errors"
	"fmt"
	"net/mail"
	"strings"
	"unicode/utf8"
)

// Validate checks the rules a lead must meet on its own, without looking at
// other records: a full name, parseable e-mail addresses, known labels, at
// most one mailing address, stars from 0 to 5, a JPEG, PNG or GIF photo of
// at most DefaultMaxPhotoSize bytes, and text that is valid UTF-8 without
// NUL bytes (no store can keep those alike). It returns nil or one error
// joining a *FieldError for every problem found.
//
// A Book validates every lead it writes, and also checks what needs other
// records: that the linked account and the initiator exist.
func (l *Lead) Validate() error {
	return l.validate(DefaultMaxPhotoSize)
}

func (l *Lead) validate(maxPhoto int) error {
	var errs []error
	add := func(err *FieldError) { errs = append(errs, err) }
	if strings.TrimSpace(l.FullName) == "" {
		add(fieldErr("full_name", "is required"))
	}
	if l.Type > TypeContact {
		add(fieldErr("type", "unknown record type %d", l.Type))
	}
	// In the order of their names, so that errors come in a stable order.
	for _, f := range [...]struct{ name, value string }{
		{"assigned_to", l.AssignedTo}, {"company", l.Company}, {"created_by", l.CreatedBy},
		{"file_as", l.FileAs}, {"first_name", l.FirstName}, {"full_name", l.FullName},
		{"job_title", l.JobTitle}, {"last_name", l.LastName}, {"middle_name", l.MiddleName},
		{"source", l.Source}, {"suffix", l.Suffix}, {"title", l.Title}, {"updated_by", l.UpdatedBy},
	} {
		if r := textProblem(f.value); r != "" {
			add(&FieldError{Field: f.name, Reason: r})
		}
	}
	// Field names are built only for the problems found: validation runs
	// for every row of an import.
	for i, e := range l.Emails {
		if r := textProblem(e.Label); r != "" {
			add(&FieldError{Field: fmt.Sprintf("emails[%d].label", i), Reason: r})
		}
		if r := emailProblem(e.Address); r != "" {
			add(&FieldError{Field: fmt.Sprintf("emails[%d].address", i), Reason: r})
		}
	}
	for i, p := range l.Phones {
		if _, err := ParsePhoneLabel(string(p.Label)); err != nil || p.Label == "" {
			add(fieldErr(fmt.Sprintf("phones[%d].label", i), "%q is not a phone label (Business, Home, Mobile, Fax or Other)", p.Label))
		}
		if r := phoneProblem(p.Number); r != "" {
			add(&FieldError{Field: fmt.Sprintf("phones[%d].number", i), Reason: r})
		}
	}
	for i, w := range l.WebPages {
		if r := textProblem(w); r != "" {
			add(&FieldError{Field: fmt.Sprintf("web_pages[%d]", i), Reason: r})
		} else if strings.TrimSpace(w) == "" || strings.ContainsAny(w, " \t\r\n") {
			add(fieldErr(fmt.Sprintf("web_pages[%d]", i), "%q is not a web address", w))
		}
	}
	mailing := 0
	for i, a := range l.Addresses {
		if _, err := ParseAddressLabel(string(a.Label)); err != nil || a.Label == "" {
			add(fieldErr(fmt.Sprintf("addresses[%d].label", i), "%q is not an address label (Business, Home or Other)", a.Label))
		}
		for _, pv := range [...][2]string{{"street", a.Street}, {"city", a.City}, {"state", a.State},
			{"postal_code", a.PostalCode}, {"country", a.Country}} {
			if r := textProblem(pv[1]); r != "" {
				add(&FieldError{Field: fmt.Sprintf("addresses[%d].%s", i, pv[0]), Reason: r})
			}
		}
		if a.Mailing {
			mailing++
		}
	}
	if mailing > 1 {
		add(fieldErr("addresses", "%d addresses are flagged as the mailing address; at most one may be", mailing))
	}
	if _, err := ParseStatus(string(l.Status)); err != nil && l.Status != "" {
		add(err.(*FieldError))
	}
	if l.Score.Type > ScoreManual {
		add(fieldErr("score.type", "unknown score type %d", l.Score.Type))
	}
	if !l.Score.Stars.Valid() {
		add(fieldErr("score.stars", "%d is outside 0 to 5", l.Score.Stars))
	}
	if l.Score.Value.IsNegative() || l.Score.Value.GreaterThan(fiveDecimal) {
		add(fieldErr("score.value", "%s is outside 0 to 5", l.Score.Value))
	}
	if l.Photo != nil {
		errs = append(errs, l.Photo.validate(maxPhoto)...)
	}
	for i, c := range l.Comments {
		if strings.TrimSpace(c.Text) == "" {
			add(fieldErr(fmt.Sprintf("comments[%d].text", i), "is empty"))
		} else if r := textProblem(c.Text); r != "" {
			add(&FieldError{Field: fmt.Sprintf("comments[%d].text", i), Reason: r})
		}
		if r := textProblem(c.Author); r != "" {
			add(&FieldError{Field: fmt.Sprintf("comments[%d].author", i), Reason: r})
		}
	}
	errs = append(errs, validateSteps(l.StatusHistory)...)
	if customProblem(l.Custom) {
		errs = append(errs, customErrors(l.Custom)...)
	}
	errs = append(errs, l.Details.validate()...)
	if len(errs) == 0 {
		return nil
	}
	return errors.Join(errs...)
}

// customProblem reports quickly whether any custom field is bad; the
// errors, in the order of the names, come from customErrors.
func customProblem(m map[string]string) bool {
	for k, v := range m {
		if strings.TrimSpace(k) == "" || textProblem(k) != "" || textProblem(v) != "" {
			return true
		}
	}
	return false
}

func customErrors(m map[string]string) []error {
	var errs []error
	add := func(err *FieldError) { errs = append(errs, err) }
	for _, k := range sortedKeys(m) {
		field := "custom." + k
		if strings.TrimSpace(k) == "" {
			add(fieldErr("custom", "a custom field has an empty name"))
			continue
		}
		if err := checkText("custom", k); err != nil {
			add(fieldErr("custom", "field name %q: %s", k, err.Reason))
		}
		if err := checkText(field, m[k]); err != nil {
			add(err)
		}
	}
	return errs
}

// textProblem says what no store can hold alike in s, or "": invalid UTF-8
// and NUL bytes (PostgreSQL text cannot store NUL).
func textProblem(s string) string {
	if !utf8.ValidString(s) {
		return "is not valid UTF-8"
	}
	if strings.IndexByte(s, 0) >= 0 {
		return "contains a NUL byte"
	}
	return ""
}

// checkText returns textProblem as a *FieldError naming field.
func checkText(field, s string) *FieldError {
	if r := textProblem(s); r != "" {
		return &FieldError{Field: field, Reason: r}
	}
	return nil
}

// emailProblem says why s is not a bare e-mail address, or "".
func emailProblem(s string) string {
	if plainAddress(s) {
		return "" // what net/mail accepts as is, checked without it
	}
	if r := textProblem(s); r != "" {
		return r
	}
	addr, err := mail.ParseAddress(s)
	if err != nil {
		return fmt.Sprintf("%q is not an e-mail address", s)
	}
	if addr.Address != s {
		return fmt.Sprintf("%q is not a bare e-mail address (want %q)", s, addr.Address)
	}
	return ""
}

// plainAddress reports whether s is an address of the common form that
// net/mail.ParseAddress accepts and returns unchanged: ASCII local part and
// domain, each a dot-atom (RFC 5322 atext characters, dots between
// non-empty runs), joined by one "@". Validation runs for every row of an
// import; other forms go through net/mail, so what is accepted and
// rejected does not change (FuzzPlainAddress checks it against net/mail).
func plainAddress(s string) bool {
	at := strings.IndexByte(s, '@')
	return at > 0 && dotAtom(s[:at]) && dotAtom(s[at+1:])
}

// dotAtom reports whether s is an ASCII RFC 5322 dot-atom.
func dotAtom(s string) bool {
	if s == "" || s[0] == '.' || s[len(s)-1] == '.' {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c == '.':
			if s[i-1] == '.' {
				return false
			}
		case c < '!' || c > '~':
			return false // space, control or not ASCII
		default:
			switch c {
			case '(', ')', '<', '>', '[', ']', ':', ';', '@', '\\', ',', '"':
				return false // RFC 5322 specials
			}
		}
	}
	return true
}

func checkEmail(field, s string) *FieldError {
	if r := emailProblem(s); r != "" {
		return &FieldError{Field: field, Reason: r}
	}
	return nil
}

// phoneProblem says why s is not a phone number, or "".
func phoneProblem(s string) string {
	if r := textProblem(s); r != "" {
		return r
	}
	digits := 0
	for _, r := range s {
		switch {
		case r >= '0' && r <= '9':
			digits++
		case strings.ContainsRune(" +-().,/#*xX", r), r >= 'A' && r <= 'Z', r >= 'a' && r <= 'z':
			// Separators, extensions ("x42") and vanity numbers ("1-800-FLOWERS").
		default:
			return fmt.Sprintf("%q contains %q, which a phone number cannot", s, r)
		}
	}
	if digits == 0 {
		return fmt.Sprintf("%q has no digits", s)
	}
	return ""
}

func checkPhone(field, s string) *FieldError {
	if r := phoneProblem(s); r != "" {
		return &FieldError{Field: field, Reason: r}
	}
	return nil
}
