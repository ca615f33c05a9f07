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

// FieldSpec describes one field of a lead: its names, the kind of its
// values, and how to read and write them. FieldSpecs lists every field
// once. Queries, the length limits of validation, bulk edits, merges, the
// change log's bookkeeping, the text fields of imports and exports and
// the command line's edit flags derive from that list; the stores keep
// their own layouts, and their tests check those against it.
type FieldSpec struct {
	// Field names the field in queries, sorts, bulk edits, errors and the
	// JSON export: "job_title", "city", "details.birthday".
	Field Field
	// Label is the name people read: "Job Title".
	Label string
	// Kind is the type of the values, which decides how they compare.
	Kind Kind
	// List is true when a lead holds several values of the field (e-mail
	// addresses, phones, web pages, address parts).
	List bool
	// Member is the JSON name of the member of Lead that holds the
	// values, as Diff and MergeField name it: "addresses" for "city",
	// "score" for "stars", "details" for "details.office".
	Member string
	// MaxLength is the longest text the field holds, in characters (as
	// the function MaxLength gives it); 0 for a field without free text.
	MaxLength int
	// Bookkeeping is true for the stamps that every write changes
	// (updated_at, updated_by, version): a merge takes them from no
	// record, and the change log leaves them out.
	Bookkeeping bool

	// The readers of the values. The one of Kind is set (Texts for a
	// list) for a field a query can read; none is set for a member that is
	// only read whole (photo, status_history, checks, comments, custom,
	// merged_from). They do not allocate, but for lists.
	Text    func(l *Lead) string
	Texts   func(l *Lead) []string
	Int     func(l *Lead) int64
	Decimal func(l *Lead) decimal.Decimal
	Time    func(l *Lead) time.Time

	// Ref returns the string of l that holds a text field, for writers
	// that fill it in place; nil for a field not held in a string of its
	// own.
	Ref func(l *Lead) *string
	// Set sets the field of l from text as a person types it: the text
	// itself, a record ID, a status name, a date as YYYY-MM-DD; empty text
	// clears a text, an ID or a date. It returns a *FieldError for text
	// that is not a value of the field. Set is nil for the fields that are
	// not edited by hand (IDs and stamps, the score, the lists).
	Set func(l *Lead, s string) error
	// Parse reads text as a person types it into the value that a Change
	// of the field takes (a string, a Status, Stars, a ScoreType, a
	// uuid.UUID, a Phone), or returns a *FieldError. It is nil for the
	// fields a bulk edit cannot change.
	Parse func(s string) (any, error)

	merge   mergeRule       // how a merge combines the member
	combine func(*combiner) // merges the member; set on its first field only
}

// queryable reports whether a query can read s.
func (s *FieldSpec) queryable() bool {
	return s.Text != nil || s.Texts != nil || s.Int != nil || s.Decimal != nil || s.Time != nil
}

// fieldSpec is a FieldSpec as queries read it: the kind and the reader.
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
	s := specOf(f)
	if s == nil || !s.queryable() {
		return fieldSpec{}, false
	}
	return fieldSpec{kind: s.Kind, list: s.List, text: s.Text, texts: s.Texts, num: s.Int, dec: s.Decimal, time: s.Time}, true
}

// Fields lists the fields a Query can use (custom fields aside), sorted.
func Fields() []Field {
	var fs []Field
	for i := range fieldTable() {
		if s := &fieldTable()[i]; s.queryable() {
			fs = append(fs, s.Field)
		}
	}
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
