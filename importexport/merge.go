package importexport

import (
	"strings"

	"github.com/leadkit/leads"
)

// Merge folds an imported record into a stored one, as an import that
// updates duplicates does: every text field the import fills replaces the
// stored value (a new full name brings its name parts); e-mail addresses
// (compared by leads.EmailMatchKey, the key the import matches rows by),
// phone numbers (by their digits), web pages and addresses that the record
// lacks are added; comments are appended; custom fields are set. Nothing
// stored is removed.
func Merge(dst, src *leads.Lead) {
	if src.FullName != "" && src.FullName != dst.FullName {
		dst.FullName = src.FullName
		dst.Title, dst.FirstName, dst.MiddleName, dst.LastName, dst.Suffix = src.Title, src.FirstName, src.MiddleName, src.LastName, src.Suffix
	}
	for _, f := range []struct{ d, s *string }{
		{&dst.JobTitle, &src.JobTitle}, {&dst.FileAs, &src.FileAs}, {&dst.Company, &src.Company},
		{&dst.AssignedTo, &src.AssignedTo}, {&dst.Source, &src.Source},
	} {
		if *f.s != "" {
			*f.d = *f.s
		}
	}
	if src.Status != "" {
		dst.Status = src.Status
	}
	if src.Photo != nil {
		dst.Photo = src.Photo
	}
	for _, e := range src.Emails {
		if !containsFunc(dst.Emails, func(x leads.Email) bool { return leads.EmailMatchKey(x.Address) == leads.EmailMatchKey(e.Address) }) {
			dst.Emails = append(dst.Emails, e)
		}
	}
	for _, p := range src.Phones {
		if !containsFunc(dst.Phones, func(x leads.Phone) bool { return phoneDigits(x.Number) == phoneDigits(p.Number) }) {
			dst.Phones = append(dst.Phones, p)
		}
	}
	for _, w := range src.WebPages {
		if !containsFunc(dst.WebPages, func(x string) bool { return strings.EqualFold(x, w) }) {
			dst.WebPages = append(dst.WebPages, w)
		}
	}
	for _, a := range src.Addresses {
		a.Mailing = false // the stored record keeps its mailing address
		if !containsFunc(dst.Addresses, func(x leads.Address) bool { x.Mailing = false; return x == a }) {
			dst.Addresses = append(dst.Addresses, a)
		}
	}
	dst.Comments = append(dst.Comments, src.Comments...)
	for k, v := range src.Custom {
		if dst.Custom == nil {
			dst.Custom = map[string]string{}
		}
		dst.Custom[k] = v
	}
}

func containsFunc[T any](s []T, f func(T) bool) bool {
	for _, x := range s {
		if f(x) {
			return true
		}
	}
	return false
}

// phoneDigits is the form in which Merge compares phone numbers: their
// ASCII digits, every one of them. It is not a match key
// (leads.PhoneMatchKey keeps the last eight digits, to find candidates):
// two numbers that share a key may be two lines, and a merge must not
// drop one.
func phoneDigits(s string) string {
	var b strings.Builder
	for _, r := range s {
		if r >= '0' && r <= '9' {
			b.WriteRune(r)
		}
	}
	return b.String()
}
