package leads

import (
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/google/uuid"
	"github.com/shopspring/decimal"
)

// fieldTable lists every field of a lead once, in the order of the members
// of Lead (a merge combines them in this order). It is built once and never
// changed after: FieldSpecs hands out copies.
var fieldTable = sync.OnceValue(func() []FieldSpec {
	name := func(f Field, label string, ref func(*Lead) *string, text func(*Lead) string) FieldSpec {
		return textSpec(f, label, MaxNameLen, ref, text).editable().followsName()
	}
	textOne := func(f Field, label string, max int, ref func(*Lead) *string, text func(*Lead) string) FieldSpec {
		s := textSpec(f, label, max, ref, text).editable().bulk()
		s.combine = func(c *combiner) { c.text(string(f), ref) }
		return s
	}
	return []FieldSpec{
		{Field: FieldID, Label: "ID", Kind: KindText, Member: "id", Text: func(l *Lead) string { return uuidText(l.ID) },
			merge: mergeRule{mergeFixed, "the survivor keeps its ID"}},
		{Field: FieldType, Label: "Type", Kind: KindText, Member: "type", Text: func(l *Lead) string { return l.Type.String() },
			merge: mergeRule{mergeFixed, "the result is a business contact when any record is one"}, combine: (*combiner).identity},
		fullNameSpec(),
		name(FieldTitle, "Title", func(l *Lead) *string { return &l.Title },
			func(l *Lead) string { return l.Title }),
		name(FieldFirstName, "First Name", func(l *Lead) *string { return &l.FirstName },
			func(l *Lead) string { return l.FirstName }),
		name(FieldMiddleName, "Middle Name", func(l *Lead) *string { return &l.MiddleName },
			func(l *Lead) string { return l.MiddleName }),
		name(FieldLastName, "Last Name", func(l *Lead) *string { return &l.LastName },
			func(l *Lead) string { return l.LastName }),
		name(FieldSuffix, "Suffix", func(l *Lead) *string { return &l.Suffix },
			func(l *Lead) string { return l.Suffix }),
		textOne(FieldJobTitle, "Job Title", MaxJobTitleLen, func(l *Lead) *string { return &l.JobTitle },
			func(l *Lead) string { return l.JobTitle }),
		textSpec(FieldFileAs, "File As", MaxFileAsLen, func(l *Lead) *string { return &l.FileAs },
			func(l *Lead) string { return l.FileAs }).editable().bulk().
			fixed(mergeFollows, "File As comes with full_name"),
		textOne(FieldCompany, "Company", MaxCompanyLen, func(l *Lead) *string { return &l.Company },
			func(l *Lead) string { return l.Company }),
		idSpec(FieldAccountID, "Account", func(l *Lead) *uuid.UUID { return &l.AccountID },
			func(l *Lead) string { return uuidText(l.AccountID) }),
		textOne(FieldAssignedTo, "Assigned To", MaxNameLen, func(l *Lead) *string { return &l.AssignedTo },
			func(l *Lead) string { return l.AssignedTo }),
		{Field: "photo", Label: "Photo", Member: "photo", combine: (*combiner).photo},
		listSpec(FieldEmail, "E-mail", "emails", MaxEmailLen, emailTexts, (*combiner).emails, parseText),
		listSpec(FieldPhone, "Phone", "phones", MaxPhoneLen, phoneTexts, (*combiner).phones, parsePhone),
		listSpec(FieldWebPage, "Web Page", "web_pages", MaxWebPageLen, func(l *Lead) []string { return l.WebPages },
			(*combiner).webPages, parseText),
		addressSpec(FieldStreet, "Street", func(a *Address) string { return a.Street }, (*combiner).addresses),
		addressSpec(FieldCity, "City", func(a *Address) string { return a.City }, nil),
		addressSpec(FieldState, "State", func(a *Address) string { return a.State }, nil),
		addressSpec(FieldPostalCode, "Postal Code", func(a *Address) string { return a.PostalCode }, nil),
		addressSpec(FieldCountry, "Country", func(a *Address) string { return a.Country }, nil),
		textOne(FieldSource, "Source", MaxSourceLen, func(l *Lead) *string { return &l.Source },
			func(l *Lead) string { return l.Source }),
		idSpec(FieldInitiatedBy, "Initiated By", func(l *Lead) *uuid.UUID { return &l.InitiatedBy },
			func(l *Lead) string { return uuidText(l.InitiatedBy) }),
		statusSpec(),
		{Field: "status_history", Label: "Status History", Member: "status_history",
			merge: mergeRule{mergeAll, "every status step is kept"}, combine: (*combiner).statusHistory},
		{Field: FieldStars, Label: "Stars", Kind: KindInt, Member: "score", Int: func(l *Lead) int64 { return int64(l.Score.Stars) },
			Parse: parseStars, combine: (*combiner).score},
		{Field: FieldScore, Label: "Score", Kind: KindDecimal, Member: "score", Decimal: func(l *Lead) decimal.Decimal { return l.Score.Value }},
		{Field: FieldScoreType, Label: "Score Type", Kind: KindText, Member: "score", Text: func(l *Lead) string { return l.Score.Type.String() },
			Parse: parseScoreType},
		{Field: "checks", Label: "Checks", Member: "checks", merge: mergeRule{kind: mergeMap}, combine: (*combiner).checks},
		{Field: "comments", Label: "Comments", Member: "comments", MaxLength: MaxCommentLen,
			merge: mergeRule{mergeAll, "every comment is kept"}, combine: (*combiner).comments},
		{Field: "custom", Label: "Custom Fields", Member: "custom", MaxLength: MaxCustomTextLen, merge: mergeRule{kind: mergeMap},
			combine: (*combiner).custom},
		detailSpec(FieldDepartment, "Department", MaxJobTitleLen, func(l *Lead) *string { return &l.Details.Department },
			func(l *Lead) string { return l.Details.Department }),
		detailSpec(FieldOffice, "Office", MaxJobTitleLen, func(l *Lead) *string { return &l.Details.Office },
			func(l *Lead) string { return l.Details.Office }),
		detailSpec(FieldProfession, "Profession", MaxJobTitleLen, func(l *Lead) *string { return &l.Details.Profession },
			func(l *Lead) string { return l.Details.Profession }),
		detailSpec(FieldManager, "Manager", MaxNameLen, func(l *Lead) *string { return &l.Details.Manager },
			func(l *Lead) string { return l.Details.Manager }),
		detailSpec(FieldAssistant, "Assistant", MaxNameLen, func(l *Lead) *string { return &l.Details.Assistant },
			func(l *Lead) string { return l.Details.Assistant }),
		detailSpec(FieldNickname, "Nickname", MaxNameLen, func(l *Lead) *string { return &l.Details.Nickname },
			func(l *Lead) string { return l.Details.Nickname }),
		detailSpec(FieldSpouse, "Spouse", MaxNameLen, func(l *Lead) *string { return &l.Details.Spouse },
			func(l *Lead) string { return l.Details.Spouse }),
		dateSpec(FieldBirthday, "Birthday", func(l *Lead) *time.Time { return &l.Details.Birthday },
			func(l *Lead) time.Time { return l.Details.Birthday }),
		dateSpec(FieldAnniversary, "Anniversary", func(l *Lead) *time.Time { return &l.Details.Anniversary },
			func(l *Lead) time.Time { return l.Details.Anniversary }),
		timeSpec(FieldConvertedAt, "Converted At", func(l *Lead) time.Time { return l.ConvertedAt }).
			fixed(mergeFixed, "the earliest conversion of the records is kept"),
		{Field: "merged_from", Label: "Merged From", Member: "merged_from",
			merge: mergeRule{mergeFixed, "every merged ID is kept"}, combine: (*combiner).mergedFrom},
		timeSpec(FieldCreatedAt, "Created At", func(l *Lead) time.Time { return l.CreatedAt }).
			fixed(mergeFixed, "the earliest creation of the records is kept").withCombine((*combiner).created),
		textSpec(FieldCreatedBy, "Created By", MaxNameLen, func(l *Lead) *string { return &l.CreatedBy },
			func(l *Lead) string { return l.CreatedBy }).
			fixed(mergeFixed, "comes with created_at"),
		timeSpec(FieldUpdatedAt, "Updated At", func(l *Lead) time.Time { return l.UpdatedAt }).stamp(),
		textSpec(FieldUpdatedBy, "Updated By", MaxNameLen, func(l *Lead) *string { return &l.UpdatedBy },
			func(l *Lead) string { return l.UpdatedBy }).stamp(),
		{Field: FieldVersion, Label: "Version", Kind: KindInt, Member: "version", Int: func(l *Lead) int64 { return l.Version },
			Bookkeeping: true},
	}
})

// textSpec is a text field held in a string of Lead: ref points to the
// string, text reads it (a query calls text for every record, so it reads
// the string itself rather than calling ref).
func textSpec(f Field, label string, max int, ref func(*Lead) *string, text func(*Lead) string) FieldSpec {
	return FieldSpec{Field: f, Label: label, Kind: KindText, Member: string(f), MaxLength: max, Ref: ref, Text: text}
}

// editable lets people set s from text: the text is the value.
func (s FieldSpec) editable() FieldSpec {
	ref := s.Ref
	s.Set = func(l *Lead, v string) error { *ref(l) = v; return nil }
	return s
}

// bulk lets a bulk edit set s to a string.
func (s FieldSpec) bulk() FieldSpec {
	s.Parse = parseText
	return s
}

// followsName marks a name part: merged with full_name.
func (s FieldSpec) followsName() FieldSpec {
	return s.bulk().fixed(mergeFollows, "the name parts come with full_name")
}

// fixed gives s a merge rule that takes no policy, and why.
func (s FieldSpec) fixed(k mergeKind, why string) FieldSpec {
	s.merge = mergeRule{k, why}
	return s
}

// stamp marks the update stamps: bookkeeping, left out of merges and of
// the change log.
func (s FieldSpec) stamp() FieldSpec {
	s.Bookkeeping = true
	return s
}

func (s FieldSpec) withCombine(fn func(*combiner)) FieldSpec {
	s.combine = fn
	return s
}

func fullNameSpec() FieldSpec {
	s := textSpec(FieldFullName, "Full Name", MaxNameLen, func(l *Lead) *string { return &l.FullName },
		func(l *Lead) string { return l.FullName }).editable().bulk()
	s.merge.kind, s.combine = mergeName, (*combiner).name
	return s
}

// idSpec is a link to another record, written as its ID.
func idSpec(f Field, label string, ref func(*Lead) *uuid.UUID, text func(*Lead) string) FieldSpec {
	return FieldSpec{Field: f, Label: label, Kind: KindText, Member: string(f), Text: text,
		Set: func(l *Lead, s string) error {
			id, err := parseID(f, s)
			*ref(l) = id
			return err
		},
		Parse:   func(s string) (any, error) { return parseID(f, s) },
		combine: func(c *combiner) { c.link(string(f), ref) },
	}
}

// parseID reads a record ID; empty text is no ID.
func parseID(f Field, s string) (uuid.UUID, error) {
	if s = strings.TrimSpace(s); s == "" {
		return uuid.Nil, nil
	}
	id, err := uuid.Parse(s)
	if err != nil {
		return uuid.Nil, fieldErr(string(f), "%q is not a record ID", s)
	}
	return id, nil
}

func statusSpec() FieldSpec {
	return FieldSpec{Field: FieldStatus, Label: "Status", Kind: KindText, Member: "status",
		Text: func(l *Lead) string { return string(l.Status) },
		Set: func(l *Lead, s string) error {
			st, err := ParseStatus(s)
			if err == nil {
				l.Status = st
			}
			return err
		},
		Parse:   func(s string) (any, error) { return ParseStatus(s) },
		combine: (*combiner).status,
	}
}

// listSpec is a list member read in queries as its texts.
func listSpec(f Field, label, member string, max int, texts func(*Lead) []string, combine func(*combiner),
	parse func(string) (any, error)) FieldSpec {
	return FieldSpec{Field: f, Label: label, Kind: KindText, List: true, Member: member, MaxLength: max,
		Texts: texts, Parse: parse, merge: mergeRule{kind: mergeList}, combine: combine}
}

func emailTexts(l *Lead) []string {
	out := make([]string, len(l.Emails))
	for i, e := range l.Emails {
		out[i] = e.Address
	}
	return out
}

func phoneTexts(l *Lead) []string {
	out := make([]string, len(l.Phones))
	for i, p := range l.Phones {
		out[i] = p.Number
	}
	return out
}

// addressSpec is one part of the addresses, read in queries as the part of
// each address.
func addressSpec(f Field, label string, part func(*Address) string, combine func(*combiner)) FieldSpec {
	texts := func(l *Lead) []string {
		out := make([]string, 0, len(l.Addresses))
		for i := range l.Addresses {
			out = append(out, part(&l.Addresses[i]))
		}
		return out
	}
	return listSpec(f, label, "addresses", MaxAddressLen, texts, combine, nil)
}

// detailSpec is a text field of the Details page.
func detailSpec(f Field, label string, max int, ref func(*Lead) *string, text func(*Lead) string) FieldSpec {
	s := textSpec(f, label, max, ref, text).editable()
	s.Member, s.merge.kind = "details", mergeMap
	if f == FieldDepartment {
		s.combine = (*combiner).details
	}
	return s
}

// dateSpec is a date of the Details page.
func dateSpec(f Field, label string, ref func(*Lead) *time.Time, get func(*Lead) time.Time) FieldSpec {
	s := timeSpec(f, label, get)
	s.Member, s.merge.kind = "details", mergeMap
	s.Set = func(l *Lead, v string) error {
		if v = strings.TrimSpace(v); v == "" {
			*ref(l) = time.Time{}
			return nil
		}
		d, err := time.Parse(time.DateOnly, v)
		if err != nil {
			return fieldErr(string(f), "%q is not a date (YYYY-MM-DD)", v)
		}
		*ref(l) = d
		return nil
	}
	return s
}

func timeSpec(f Field, label string, get func(*Lead) time.Time) FieldSpec {
	return FieldSpec{Field: f, Label: label, Kind: KindTime, Member: string(f), Time: get}
}

func parseText(s string) (any, error) { return s, nil }

func parsePhone(s string) (any, error) { return parsePhoneValue(s) }

func parseStars(s string) (any, error) {
	n, err := ParseStars(s)
	if err != nil {
		return nil, fieldErr(string(FieldStars), "%q is not a number of stars from 0 to 5", s)
	}
	return n, nil
}

func parseScoreType(s string) (any, error) {
	t, err := ParseScoreType(s)
	if err != nil {
		return nil, fieldErr(string(FieldScoreType), "%q is not a score type (auto or manual)", s)
	}
	return t, nil
}

// fieldIndex finds the entries of fieldTable by name.
var fieldIndex = sync.OnceValue(func() map[Field]int {
	m := make(map[Field]int, len(fieldTable()))
	for i, s := range fieldTable() {
		m[s.Field] = i
	}
	return m
})

// specOf returns the entry of f in fieldTable, or nil.
func specOf(f Field) *FieldSpec {
	if i, ok := fieldIndex()[f]; ok {
		return &fieldTable()[i]
	}
	return nil
}

// FieldSpecs returns the description of every field of a lead, in the
// order of the members of Lead: the fields a Query can name (Fields) and
// the members a query cannot read as values (photo, status_history,
// checks, comments, custom, merged_from).
func FieldSpecs() []FieldSpec { return slices.Clone(fieldTable()) }

// Spec returns the description of f; ok is false for a name that is no
// field of the table (custom fields are not in it).
func (f Field) Spec() (s FieldSpec, ok bool) {
	if p := specOf(f); p != nil {
		return *p, true
	}
	return FieldSpec{}, false
}

// textSpecs returns the text fields held in a string of Lead, of the
// Details page or of every other member, in the order of their names:
// validation reports problems in that order.
func textSpecs(details bool) []*FieldSpec {
	var out []*FieldSpec
	for i := range fieldTable() {
		s := &fieldTable()[i]
		if s.Ref != nil && (s.Member == "details") == details {
			out = append(out, s)
		}
	}
	slices.SortFunc(out, func(a, b *FieldSpec) int { return strings.Compare(string(a.Field), string(b.Field)) })
	return out
}

var (
	leadTexts   = sync.OnceValue(func() []*FieldSpec { return textSpecs(false) })
	detailTexts = sync.OnceValue(func() []*FieldSpec { return textSpecs(true) })
	// detailDates are the dates of the Details page, in table order.
	detailDates = sync.OnceValue(func() []*FieldSpec {
		var out []*FieldSpec
		for i := range fieldTable() {
			if s := &fieldTable()[i]; s.Member == "details" && s.Time != nil {
				out = append(out, s)
			}
		}
		return out
	})
)
