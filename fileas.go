package leads

import (
	"fmt"
	"strings"
)

// FileAsForm is one of the ways a record can be filed, as Outlook offers
// them in its "File as" list.
type FileAsForm uint8

// The five File As forms. FileAsLastFirst is the default.
const (
	FileAsLastFirst        FileAsForm = iota // "Lovelace, Ada"
	FileAsFirstLast                          // "Ada Lovelace"
	FileAsCompany                            // "Analytical Engines"
	FileAsLastFirstCompany                   // "Lovelace, Ada (Analytical Engines)"
	FileAsCompanyLastFirst                   // "Analytical Engines (Lovelace, Ada)"
)

// FileAsForms lists the forms in the order Outlook shows them.
func FileAsForms() []FileAsForm {
	return []FileAsForm{FileAsLastFirst, FileAsFirstLast, FileAsCompany, FileAsLastFirstCompany, FileAsCompanyLastFirst}
}

var fileAsFormNames = [...]string{
	FileAsLastFirst:        "last_first",
	FileAsFirstLast:        "first_last",
	FileAsCompany:          "company",
	FileAsLastFirstCompany: "last_first_company",
	FileAsCompanyLastFirst: "company_last_first",
}

// String returns the form's name, such as "last_first".
func (f FileAsForm) String() string {
	if int(f) < len(fileAsFormNames) {
		return fileAsFormNames[f]
	}
	return fmt.Sprintf("FileAsForm(%d)", f)
}

// ParseFileAsForm reads a form name as String writes it.
func ParseFileAsForm(s string) (FileAsForm, error) {
	for i, n := range fileAsFormNames {
		if strings.EqualFold(strings.TrimSpace(s), n) {
			return FileAsForm(i), nil
		}
	}
	return 0, fieldErr("file_as", "%q is not a File As form (last_first, first_last, company, last_first_company or company_last_first)", s)
}

// FileAsIn returns how l files in form f. Missing parts fall back sensibly:
// a lead without a last name files under its first name, one without any
// name part under its full name, and the company forms without a company
// file by name.
func (l *Lead) FileAsIn(f FileAsForm) string {
	person := l.lastFirst()
	switch f {
	case FileAsFirstLast:
		if s := joinNonEmpty(l.FirstName, l.LastName); s != "" {
			return s
		}
		return strings.TrimSpace(l.FullName)
	case FileAsCompany:
		if l.Company != "" {
			return l.Company
		}
		return person
	case FileAsLastFirstCompany:
		if l.Company == "" {
			return person
		}
		return person + " (" + l.Company + ")"
	case FileAsCompanyLastFirst:
		if l.Company == "" {
			return person
		}
		return l.Company + " (" + person + ")"
	}
	return person
}

// FileAsChoices returns the distinct strings l can file as, in form order,
// for a frontend's drop-down list.
func (l *Lead) FileAsChoices() []string {
	var out []string
	seen := map[string]bool{}
	for _, f := range FileAsForms() {
		s := l.FileAsIn(f)
		if s != "" && !seen[s] {
			seen[s] = true
			out = append(out, s)
		}
	}
	return out
}

// fileAsForm reports which form produced l.FileAs, if any; a FileAs that
// matches no form was typed by a person.
func (l *Lead) fileAsForm() (FileAsForm, bool) {
	for _, f := range FileAsForms() {
		if l.FileAs == l.FileAsIn(f) {
			return f, true
		}
	}
	return 0, false
}

func (l *Lead) lastFirst() string {
	switch {
	case l.LastName != "" && l.FirstName != "":
		return l.LastName + ", " + l.FirstName
	case l.LastName != "":
		return l.LastName
	case l.FirstName != "":
		return l.FirstName
	}
	return strings.TrimSpace(l.FullName)
}
