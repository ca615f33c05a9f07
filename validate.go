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
	text := map[string]string{
		"full_name": l.FullName, "title": l.Title, "first_name": l.FirstName,
		"middle_name": l.MiddleName, "last_name": l.LastName, "suffix": l.Suffix,
		"job_title": l.JobTitle, "file_as": l.FileAs, "company": l.Company,
		"assigned_to": l.AssignedTo, "source": l.Source,
		"created_by": l.CreatedBy, "updated_by": l.UpdatedBy,
	}
	for _, f := range sortedKeys(text) {
		if err := checkText(f, text[f]); err != nil {
			add(err)
		}
	}
	for i, e := range l.Emails {
		field := fmt.Sprintf("emails[%d]", i)
		if err := checkText(field+".label", e.Label); err != nil {
			add(err)
		}
		if err := checkEmail(field+".address", e.Address); err != nil {
			add(err)
		}
	}
	for i, p := range l.Phones {
		field := fmt.Sprintf("phones[%d]", i)
		if _, err := ParsePhoneLabel(string(p.Label)); err != nil || p.Label == "" {
			add(fieldErr(field+".label", "%q is not a phone label (Business, Home, Mobile, Fax or Other)", p.Label))
		}
		if err := checkPhone(field+".number", p.Number); err != nil {
			add(err)
		}
	}
	for i, w := range l.WebPages {
		field := fmt.Sprintf("web_pages[%d]", i)
		if err := checkText(field, w); err != nil {
			add(err)
		} else if strings.TrimSpace(w) == "" || strings.ContainsAny(w, " \t\r\n") {
			add(fieldErr(field, "%q is not a web address", w))
		}
	}
	mailing := 0
	for i, a := range l.Addresses {
		field := fmt.Sprintf("addresses[%d]", i)
		if _, err := ParseAddressLabel(string(a.Label)); err != nil || a.Label == "" {
			add(fieldErr(field+".label", "%q is not an address label (Business, Home or Other)", a.Label))
		}
		for _, pv := range [...][2]string{{"street", a.Street}, {"city", a.City}, {"state", a.State},
			{"postal_code", a.PostalCode}, {"country", a.Country}} {
			if err := checkText(field+"."+pv[0], pv[1]); err != nil {
				add(err)
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
		field := fmt.Sprintf("comments[%d]", i)
		if strings.TrimSpace(c.Text) == "" {
			add(fieldErr(field+".text", "is empty"))
		} else if err := checkText(field+".text", c.Text); err != nil {
			add(err)
		}
		if err := checkText(field+".author", c.Author); err != nil {
			add(err)
		}
	}
	for _, k := range sortedKeys(l.Custom) {
		field := "custom." + k
		if strings.TrimSpace(k) == "" {
			add(fieldErr("custom", "a custom field has an empty name"))
			continue
		}
		if err := checkText("custom", k); err != nil {
			add(fieldErr("custom", "field name %q: %s", k, err.Reason))
		}
		if err := checkText(field, l.Custom[k]); err != nil {
			add(err)
		}
	}
	errs = append(errs, l.Details.validate()...)
	if len(errs) == 0 {
		return nil
	}
	return errors.Join(errs...)
}

// checkText refuses what no store can hold alike: invalid UTF-8 and NUL
// bytes (PostgreSQL text cannot store NUL).
func checkText(field, s string) *FieldError {
	if !utf8.ValidString(s) {
		return fieldErr(field, "is not valid UTF-8")
	}
	if strings.IndexByte(s, 0) >= 0 {
		return fieldErr(field, "contains a NUL byte")
	}
	return nil
}

func checkEmail(field, s string) *FieldError {
	if err := checkText(field, s); err != nil {
		return err
	}
	addr, err := mail.ParseAddress(s)
	if err != nil {
		return fieldErr(field, "%q is not an e-mail address", s)
	}
	if addr.Address != s {
		return fieldErr(field, "%q is not a bare e-mail address (want %q)", s, addr.Address)
	}
	return nil
}

func checkPhone(field, s string) *FieldError {
	if err := checkText(field, s); err != nil {
		return err
	}
	digits := 0
	for _, r := range s {
		switch {
		case r >= '0' && r <= '9':
			digits++
		case strings.ContainsRune(" +-().,/#*xX", r), r >= 'A' && r <= 'Z', r >= 'a' && r <= 'z':
			// Separators, extensions ("x42") and vanity numbers ("1-800-FLOWERS").
		default:
			return fieldErr(field, "%q contains %q, which a phone number cannot", s, r)
		}
	}
	if digits == 0 {
		return fieldErr(field, "%q has no digits", s)
	}
	return nil
}
