package leads

import "strings"

// normalize fills in what a lead derives from its other fields, and puts
// labels in canonical form. old is the record before an edit, nil on
// creation.
func normalize(l, old *Lead) {
	l.FullName = strings.TrimSpace(l.FullName)
	parts := [5]string{l.Title, l.FirstName, l.MiddleName, l.LastName, l.Suffix}
	derive := parts == [5]string{}
	if old != nil && l.FullName != old.FullName {
		oldParts := [5]string{old.Title, old.FirstName, old.MiddleName, old.LastName, old.Suffix}
		// Parts untouched by the edit follow the new name, unless a person
		// had typed them differently from what the old name gave.
		if parts == oldParts && nameParts(ParseName(old.FullName)) == oldParts {
			derive = true
		}
	}
	if derive {
		n := ParseName(l.FullName)
		l.Title, l.FirstName, l.MiddleName, l.LastName, l.Suffix = n.Title, n.First, n.Middle, n.Last, n.Suffix
	}
	switch {
	case l.FileAs == "":
		l.FileAs = l.FileAsIn(FileAsLastFirst)
	case old != nil && l.FileAs == old.FileAs:
		if f, ok := old.fileAsForm(); ok {
			l.FileAs = l.FileAsIn(f)
		}
	}
	if st, err := ParseStatus(string(l.Status)); err == nil {
		l.Status = st // "Qualified" is stored as "qualified", so queries find it
	}
	for i := range l.Emails {
		l.Emails[i].Address = strings.TrimSpace(l.Emails[i].Address)
	}
	for i := range l.Phones {
		if lb, err := ParsePhoneLabel(string(l.Phones[i].Label)); err == nil {
			l.Phones[i].Label = lb
		}
		l.Phones[i].Number = strings.TrimSpace(l.Phones[i].Number)
	}
	for i := range l.Addresses {
		if lb, err := ParseAddressLabel(string(l.Addresses[i].Label)); err == nil {
			l.Addresses[i].Label = lb
		}
	}
	for i := range l.WebPages {
		l.WebPages[i] = strings.TrimSpace(l.WebPages[i])
	}
	if l.Photo != nil && l.Photo.ContentType == "" {
		l.Photo.ContentType = SniffImage(l.Photo.Data)
	}
	l.Details.Birthday = toDate(l.Details.Birthday)
	l.Details.Anniversary = toDate(l.Details.Anniversary)
	if l.Score.Type == ScoreManual {
		l.Score = ManualScore(l.Score.Stars)
	}
}

func nameParts(n Name) [5]string { return [5]string{n.Title, n.First, n.Middle, n.Last, n.Suffix} }
