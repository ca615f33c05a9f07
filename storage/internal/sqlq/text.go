package sqlq

import (
	"fmt"
	"strings"
	"unicode/utf8"

	"github.com/leadkit/leads"
)

// CheckText refuses text that the SQL stores do not keep: NUL bytes
// (PostgreSQL text cannot hold them) and invalid UTF-8. The Book's
// validation refuses them first; this check keeps a record that reaches a
// repository directly from getting a driver error, or a changed value, in
// place of an error that names the field.
func CheckText(field, s string) error {
	if strings.IndexByte(s, 0) >= 0 {
		return &leads.FieldError{Field: field, Reason: "contains a NUL byte, which PostgreSQL text cannot hold"}
	}
	if !utf8.ValidString(s) {
		return &leads.FieldError{Field: field, Reason: "is not valid UTF-8"}
	}
	return nil
}

// CheckTexts checks name/value pairs and returns the first problem.
func CheckTexts(pairs ...string) error {
	for i := 0; i+1 < len(pairs); i += 2 {
		if err := CheckText(pairs[i], pairs[i+1]); err != nil {
			return err
		}
	}
	return nil
}

// CheckLead checks every text of l with CheckText.
func CheckLead(l *leads.Lead) error {
	err := CheckTexts("full_name", l.FullName, "title", l.Title, "first_name", l.FirstName,
		"middle_name", l.MiddleName, "last_name", l.LastName, "suffix", l.Suffix,
		"job_title", l.JobTitle, "file_as", l.FileAs, "company", l.Company,
		"assigned_to", l.AssignedTo, "source", l.Source, "status", string(l.Status),
		"created_by", l.CreatedBy, "updated_by", l.UpdatedBy,
		"details.department", l.Details.Department, "details.office", l.Details.Office,
		"details.profession", l.Details.Profession, "details.manager", l.Details.Manager,
		"details.assistant", l.Details.Assistant, "details.nickname", l.Details.Nickname,
		"details.spouse", l.Details.Spouse)
	if err != nil {
		return err
	}
	if l.Photo != nil {
		if err := CheckText("photo.content_type", l.Photo.ContentType); err != nil {
			return err
		}
	}
	for i, e := range l.Emails {
		if err := CheckTexts(fmt.Sprintf("emails[%d].label", i), e.Label, fmt.Sprintf("emails[%d].address", i), e.Address); err != nil {
			return err
		}
	}
	for i, p := range l.Phones {
		if err := CheckTexts(fmt.Sprintf("phones[%d].label", i), string(p.Label), fmt.Sprintf("phones[%d].number", i), p.Number); err != nil {
			return err
		}
	}
	for i, w := range l.WebPages {
		if err := CheckText(fmt.Sprintf("web_pages[%d]", i), w); err != nil {
			return err
		}
	}
	if err := CheckAddresses(l.Addresses); err != nil {
		return err
	}
	for i, c := range l.Comments {
		if err := CheckTexts(fmt.Sprintf("comments[%d].author", i), c.Author, fmt.Sprintf("comments[%d].text", i), c.Text); err != nil {
			return err
		}
	}
	for k, v := range l.Custom {
		if err := CheckTexts("custom", k, "custom."+k, v); err != nil {
			return err
		}
	}
	return nil
}

// CheckAddresses checks the texts of as with CheckText.
func CheckAddresses(as []leads.Address) error {
	for i, a := range as {
		p := fmt.Sprintf("addresses[%d].", i)
		if err := CheckTexts(p+"label", string(a.Label), p+"street", a.Street, p+"city", a.City,
			p+"state", a.State, p+"postal_code", a.PostalCode, p+"country", a.Country); err != nil {
			return err
		}
	}
	return nil
}

// CheckPhones checks the texts of ps with CheckText.
func CheckPhones(ps []leads.Phone) error {
	for i, p := range ps {
		if err := CheckTexts(fmt.Sprintf("phones[%d].label", i), string(p.Label), fmt.Sprintf("phones[%d].number", i), p.Number); err != nil {
			return err
		}
	}
	return nil
}
