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
// at most DefaultMaxPhotoSize bytes, and text that every store keeps
// alike: valid UTF-8 without NUL bytes, no longer than the limit of its
// field (MaxLength, in characters). It returns nil or one error joining a
// *FieldError for every problem found.
//
// Phone numbers, web pages and addresses are free text, kept as written:
// only what cannot be stored is refused, control characters too (line
// breaks and tabs are allowed in an address). A phone number need not
// hold digits ("1-800-FLOWERS", a label such as "pager" written in its
// place: see PhoneHasDigits), nor a web page a scheme.
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
	for _, f := range leadTexts() {
		if r := limitedText(*f.Ref(l), f.MaxLength); r != "" {
			add(&FieldError{Field: string(f.Field), Reason: r})
		}
	}
	// Field names are built only for the problems found: validation runs
	// for every row of an import.
	for i, e := range l.Emails {
		if r := limitedText(e.Label, MaxLabelLen); r != "" {
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
		if r := webPageProblem(w); r != "" {
			add(&FieldError{Field: fmt.Sprintf("web_pages[%d]", i), Reason: r})
		}
	}
	mailing := 0
	for i, a := range l.Addresses {
		if _, err := ParseAddressLabel(string(a.Label)); err != nil || a.Label == "" {
			add(fieldErr(fmt.Sprintf("addresses[%d].label", i), "%q is not an address label (Business, Home or Other)", a.Label))
		}
		errs = append(errs, addressErrors(i, a)...)
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
		} else if r := limitedText(c.Text, MaxCommentLen); r != "" {
			add(&FieldError{Field: fmt.Sprintf("comments[%d].text", i), Reason: r})
		}
		if r := limitedText(c.Author, MaxNameLen); r != "" {
			add(&FieldError{Field: fmt.Sprintf("comments[%d].author", i), Reason: r})
		}
	}
	errs = append(errs, validateSteps(l.StatusHistory)...)
	for i, st := range l.StatusHistory {
		// validateSteps checks what no store can hold; these, the lengths.
		if r := lengthProblem(st.By, MaxNameLen); r != "" {
			add(&FieldError{Field: fmt.Sprintf("status_history[%d].by", i), Reason: r})
		}
		if r := lengthProblem(st.Reason, MaxCommentLen); r != "" {
			add(&FieldError{Field: fmt.Sprintf("status_history[%d].reason", i), Reason: r})
		}
	}
	if customProblem(l.Custom) {
		errs = append(errs, customErrors(l.Custom)...)
	}
	errs = append(errs, l.validateDetails()...)
	if len(errs) == 0 {
		return nil
	}
	return errors.Join(errs...)
}

// customProblem reports quickly whether any custom field is bad; the
// errors, in the order of the names, come from customErrors.
func customProblem(m map[string]string) bool {
	for k, v := range m {
		if strings.TrimSpace(k) == "" || limitedText(k, MaxCustomNameLen) != "" || limitedText(v, MaxCustomTextLen) != "" {
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

// checkText returns textProblem, or a length over MaxLength(field), as a
// *FieldError naming field.
func checkText(field, s string) *FieldError {
	return checkTextMax(field, s, MaxLength(field))
}

// checkTextMax is checkText with the limit max.
func checkTextMax(field, s string, max int) *FieldError {
	if r := limitedText(s, max); r != "" {
		return &FieldError{Field: field, Reason: r}
	}
	return nil
}

// webPageProblem says why s cannot be kept as a web page, or "". A web
// page is kept as written, without a scheme or with spaces; only a blank
// one, text no store can hold and control characters are refused.
func webPageProblem(s string) string {
	if r := limitedText(s, MaxWebPageLen); r != "" {
		return r
	}
	if strings.TrimSpace(s) == "" {
		return "is empty"
	}
	return controlProblem(s, false)
}

func checkWebPage(field, s string) *FieldError {
	if r := webPageProblem(s); r != "" {
		return &FieldError{Field: field, Reason: r}
	}
	return nil
}

// addressErrors checks the parts of the i-th address: text no store can
// hold, a length over MaxAddressLen, control characters other than line
// breaks and tabs (a street may have several lines).
func addressErrors(i int, a Address) []error {
	var errs []error
	for _, pv := range [...][2]string{{"street", a.Street}, {"city", a.City}, {"state", a.State},
		{"postal_code", a.PostalCode}, {"country", a.Country}} {
		r := limitedText(pv[1], MaxAddressLen)
		if r == "" {
			r = controlProblem(pv[1], true)
		}
		if r != "" {
			errs = append(errs, &FieldError{Field: fmt.Sprintf("addresses[%d].%s", i, pv[0]), Reason: r})
		}
	}
	return errs
}

// emailProblem says why s is not a bare e-mail address, or "". Case is
// kept as written.
func emailProblem(s string) string {
	if r := lengthProblem(s, MaxEmailLen); r != "" {
		return r
	}
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

// phoneProblem says why s cannot be kept as a phone number, or "". A
// number is free text, kept as written (see SplitPhone): only a blank one,
// text no store can hold, control characters and more than MaxPhoneLen
// characters are refused.
func phoneProblem(s string) string {
	if r := limitedText(s, MaxPhoneLen); r != "" {
		return r
	}
	if strings.TrimSpace(s) == "" {
		return "is empty"
	}
	return controlProblem(s, false)
}

func checkPhone(field, s string) *FieldError {
	if r := phoneProblem(s); r != "" {
		return &FieldError{Field: field, Reason: r}
	}
	return nil
}
