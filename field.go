package leads

import (
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/google/uuid"
	"github.com/shopspring/decimal"
)

// Field names a lead field in queries, sorts and bulk edits. Names are the
// JSON field names of the export; list fields are named in the singular
// ("email" matches any of a lead's e-mail addresses), and "custom.NAME"
// names a custom field.
type Field string

// The fields a Query can filter and sort on.
const (
	FieldID          Field = "id"
	FieldType        Field = "type"
	FieldFullName    Field = "full_name"
	FieldTitle       Field = "title"
	FieldFirstName   Field = "first_name"
	FieldMiddleName  Field = "middle_name"
	FieldLastName    Field = "last_name"
	FieldSuffix      Field = "suffix"
	FieldJobTitle    Field = "job_title"
	FieldFileAs      Field = "file_as"
	FieldCompany     Field = "company"
	FieldAccountID   Field = "account_id"
	FieldAssignedTo  Field = "assigned_to"
	FieldSource      Field = "source"
	FieldInitiatedBy Field = "initiated_by"
	FieldStatus      Field = "status"
	FieldEmail       Field = "email"
	FieldPhone       Field = "phone"
	FieldWebPage     Field = "web_page"
	FieldStreet      Field = "street"
	FieldCity        Field = "city"
	FieldState       Field = "state"
	FieldPostalCode  Field = "postal_code"
	FieldCountry     Field = "country"
	FieldScoreType   Field = "score_type"
	FieldStars       Field = "stars"
	FieldScore       Field = "score"
	FieldCreatedAt   Field = "created_at"
	FieldCreatedBy   Field = "created_by"
	FieldUpdatedAt   Field = "updated_at"
	FieldUpdatedBy   Field = "updated_by"
	FieldVersion     Field = "version"

	// The Details page of a business contact.
	FieldDepartment  Field = "details.department"
	FieldOffice      Field = "details.office"
	FieldProfession  Field = "details.profession"
	FieldManager     Field = "details.manager"
	FieldAssistant   Field = "details.assistant"
	FieldNickname    Field = "details.nickname"
	FieldSpouse      Field = "details.spouse"
	FieldBirthday    Field = "details.birthday"
	FieldAnniversary Field = "details.anniversary"
	// FieldConvertedAt is when the record was converted to a contact.
	FieldConvertedAt Field = "converted_at"
)

// CustomField returns the Field that names the custom field name.
func CustomField(name string) Field { return Field("custom." + name) }

// Kind is the type of a field's values, which decides how they compare.
type Kind uint8

// Field kinds.
const (
	KindText    Kind = iota // compared case-insensitively
	KindInt                 // whole numbers (stars, version)
	KindDecimal             // exact decimals (score)
	KindTime                // instants, written in RFC 3339
)

func (k Kind) String() string {
	names := [...]string{"text", "number", "decimal", "time"}
	if int(k) < len(names) {
		return names[k]
	}
	return "Kind(" + strconv.Itoa(int(k)) + ")"
}

// fieldSpec says how to read one field of a lead.
type fieldSpec struct {
	kind   Kind
	custom CustomType           // kindCustom: the type of the custom field
	list   bool                 // several values per lead
	text   func(*Lead) string   // KindText, single
	texts  func(*Lead) []string // KindText, list
	num    func(*Lead) int64
	dec    func(*Lead) decimal.Decimal
	time   func(*Lead) time.Time
}

func uuidText(id uuid.UUID) string {
	if id == uuid.Nil {
		return ""
	}
	return id.String()
}

func lookupField(f Field) (fieldSpec, bool) {
	if name, ok := strings.CutPrefix(string(f), "custom."); ok && name != "" {
		return fieldSpec{kind: KindText, text: func(l *Lead) string { return l.Custom[name] }}, true
	}
	text := func(get func(*Lead) string) fieldSpec { return fieldSpec{kind: KindText, text: get} }
	list := func(get func(*Lead) []string) fieldSpec { return fieldSpec{kind: KindText, list: true, texts: get} }
	addr := func(get func(Address) string) fieldSpec {
		return list(func(l *Lead) []string {
			out := make([]string, 0, len(l.Addresses))
			for _, a := range l.Addresses {
				out = append(out, get(a))
			}
			return out
		})
	}
	switch f {
	case FieldID:
		return text(func(l *Lead) string { return uuidText(l.ID) }), true
	case FieldType:
		return text(func(l *Lead) string { return l.Type.String() }), true
	case FieldFullName:
		return text(func(l *Lead) string { return l.FullName }), true
	case FieldTitle:
		return text(func(l *Lead) string { return l.Title }), true
	case FieldFirstName:
		return text(func(l *Lead) string { return l.FirstName }), true
	case FieldMiddleName:
		return text(func(l *Lead) string { return l.MiddleName }), true
	case FieldLastName:
		return text(func(l *Lead) string { return l.LastName }), true
	case FieldSuffix:
		return text(func(l *Lead) string { return l.Suffix }), true
	case FieldJobTitle:
		return text(func(l *Lead) string { return l.JobTitle }), true
	case FieldFileAs:
		return text(func(l *Lead) string { return l.FileAs }), true
	case FieldCompany:
		return text(func(l *Lead) string { return l.Company }), true
	case FieldAccountID:
		return text(func(l *Lead) string { return uuidText(l.AccountID) }), true
	case FieldAssignedTo:
		return text(func(l *Lead) string { return l.AssignedTo }), true
	case FieldSource:
		return text(func(l *Lead) string { return l.Source }), true
	case FieldInitiatedBy:
		return text(func(l *Lead) string { return uuidText(l.InitiatedBy) }), true
	case FieldStatus:
		return text(func(l *Lead) string { return string(l.Status) }), true
	case FieldCreatedBy:
		return text(func(l *Lead) string { return l.CreatedBy }), true
	case FieldUpdatedBy:
		return text(func(l *Lead) string { return l.UpdatedBy }), true
	case FieldScoreType:
		return text(func(l *Lead) string { return l.Score.Type.String() }), true
	case FieldEmail:
		return list(func(l *Lead) []string {
			out := make([]string, len(l.Emails))
			for i, e := range l.Emails {
				out[i] = e.Address
			}
			return out
		}), true
	case FieldPhone:
		return list(func(l *Lead) []string {
			out := make([]string, len(l.Phones))
			for i, p := range l.Phones {
				out[i] = p.Number
			}
			return out
		}), true
	case FieldWebPage:
		return list(func(l *Lead) []string { return l.WebPages }), true
	case FieldStreet:
		return addr(func(a Address) string { return a.Street }), true
	case FieldCity:
		return addr(func(a Address) string { return a.City }), true
	case FieldState:
		return addr(func(a Address) string { return a.State }), true
	case FieldPostalCode:
		return addr(func(a Address) string { return a.PostalCode }), true
	case FieldCountry:
		return addr(func(a Address) string { return a.Country }), true
	case FieldStars:
		return fieldSpec{kind: KindInt, num: func(l *Lead) int64 { return int64(l.Score.Stars) }}, true
	case FieldVersion:
		return fieldSpec{kind: KindInt, num: func(l *Lead) int64 { return l.Version }}, true
	case FieldScore:
		return fieldSpec{kind: KindDecimal, dec: func(l *Lead) decimal.Decimal { return l.Score.Value }}, true
	case FieldCreatedAt:
		return fieldSpec{kind: KindTime, time: func(l *Lead) time.Time { return l.CreatedAt }}, true
	case FieldUpdatedAt:
		return fieldSpec{kind: KindTime, time: func(l *Lead) time.Time { return l.UpdatedAt }}, true
	case FieldDepartment:
		return text(func(l *Lead) string { return l.Details.Department }), true
	case FieldOffice:
		return text(func(l *Lead) string { return l.Details.Office }), true
	case FieldProfession:
		return text(func(l *Lead) string { return l.Details.Profession }), true
	case FieldManager:
		return text(func(l *Lead) string { return l.Details.Manager }), true
	case FieldAssistant:
		return text(func(l *Lead) string { return l.Details.Assistant }), true
	case FieldNickname:
		return text(func(l *Lead) string { return l.Details.Nickname }), true
	case FieldSpouse:
		return text(func(l *Lead) string { return l.Details.Spouse }), true
	case FieldBirthday:
		return fieldSpec{kind: KindTime, time: func(l *Lead) time.Time { return l.Details.Birthday }}, true
	case FieldAnniversary:
		return fieldSpec{kind: KindTime, time: func(l *Lead) time.Time { return l.Details.Anniversary }}, true
	case FieldConvertedAt:
		return fieldSpec{kind: KindTime, time: func(l *Lead) time.Time { return l.ConvertedAt }}, true
	}
	return fieldSpec{}, false
}

// Fields lists the fields a Query can use (custom fields aside), sorted.
func Fields() []Field {
	fs := []Field{FieldID, FieldType, FieldFullName, FieldTitle, FieldFirstName, FieldMiddleName,
		FieldLastName, FieldSuffix, FieldJobTitle, FieldFileAs, FieldCompany, FieldAccountID,
		FieldAssignedTo, FieldSource, FieldInitiatedBy, FieldStatus, FieldEmail, FieldPhone,
		FieldWebPage, FieldStreet, FieldCity, FieldState, FieldPostalCode, FieldCountry,
		FieldScoreType, FieldStars, FieldScore, FieldCreatedAt, FieldCreatedBy, FieldUpdatedAt,
		FieldUpdatedBy, FieldVersion, FieldDepartment, FieldOffice, FieldProfession, FieldManager,
		FieldAssistant, FieldNickname, FieldSpouse, FieldBirthday, FieldAnniversary, FieldConvertedAt}
	slices.Sort(fs)
	return fs
}

// Kind returns the kind of f's values; ok is false for an unknown field.
func (f Field) Kind() (k Kind, ok bool) {
	s, ok := lookupField(f)
	return s.kind, ok
}

// IsList reports whether a lead can hold several values of f (e-mail
// addresses, phones, web pages, address parts).
func (f Field) IsList() bool {
	s, _ := lookupField(f)
	return s.list
}

// operand is a query value parsed for its field's kind.
type operand struct {
	text string // folded to lower case for KindText
	num  int64
	dec  decimal.Decimal
	time time.Time
}

func parseOperand(k Kind, s string) (operand, error) {
	switch k {
	case KindInt:
		n, err := strconv.ParseInt(strings.TrimSpace(s), 10, 64)
		return operand{num: n}, err
	case KindDecimal:
		d, err := decimal.NewFromString(strings.TrimSpace(s))
		return operand{dec: d}, err
	case KindTime:
		t, err := parseTimeOperand(s)
		return operand{time: t}, err
	}
	return operand{text: foldText(s)}, nil
}

// parseTimeOperand accepts RFC 3339 instants and plain dates (UTC midnight).
func parseTimeOperand(s string) (time.Time, error) {
	s = strings.TrimSpace(s)
	if t, err := time.Parse(time.RFC3339Nano, s); err == nil {
		return t, nil
	}
	return time.Parse(time.DateOnly, s)
}

// foldText is how text compares: case-insensitively, by Unicode lower case.
func foldText(s string) string {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c >= 0x80 || ('A' <= c && c <= 'Z') {
			return strings.ToLower(s)
		}
	}
	return s
}
