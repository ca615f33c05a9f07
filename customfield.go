package leads

import (
	"fmt"
	"slices"
	"strings"

	"github.com/google/uuid"
)

// CustomType is the type of the values of a user-defined field. The zero
// CustomType is invalid, so a definition always states its type.
type CustomType uint8

// The types of user-defined fields, those of Business Contact Manager.
const (
	CustomText   CustomType = iota + 1 // any text
	CustomNumber                       // an exact decimal: "12", "-3.50"
	CustomDate                         // a date: "2026-11-27"
	CustomYesNo                        // "yes" or "no"
	CustomChoice                       // one of the definition's Choices
)

var customTypeNames = [...]string{CustomText: "text", CustomNumber: "number", CustomDate: "date",
	CustomYesNo: "yes/no", CustomChoice: "choice"}

// Valid reports whether t is one of the defined types.
func (t CustomType) Valid() bool { return t >= CustomText && t <= CustomChoice }

// String returns "text", "number", "date", "yes/no" or "choice".
func (t CustomType) String() string {
	if t.Valid() {
		return customTypeNames[t]
	}
	return fmt.Sprintf("CustomType(%d)", t)
}

// ParseCustomType reads a type name case-insensitively; "yesno", "yes-no",
// "boolean" and "list" are accepted too.
func ParseCustomType(s string) (CustomType, error) {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "text":
		return CustomText, nil
	case "number", "decimal":
		return CustomNumber, nil
	case "date":
		return CustomDate, nil
	case "yes/no", "yesno", "yes-no", "boolean", "bool":
		return CustomYesNo, nil
	case "choice", "list":
		return CustomChoice, nil
	}
	return 0, fieldErr("type", "%q is not a field type (text, number, date, yes/no or choice)", s)
}

// MarshalText implements encoding.TextMarshaler.
func (t CustomType) MarshalText() ([]byte, error) {
	if !t.Valid() {
		return nil, fieldErr("type", "unknown field type %d", t)
	}
	return []byte(t.String()), nil
}

// UnmarshalText implements encoding.TextUnmarshaler.
func (t *CustomType) UnmarshalText(b []byte) error {
	v, err := ParseCustomType(string(b))
	if err != nil {
		return err
	}
	*t = v
	return nil
}

// FieldDefinition defines a user-defined field of one record type: its
// name, which is the key of its values in Lead.Custom, and the type of
// those values. Keys of Lead.Custom that no definition names stay free-form
// text, as they were before definitions existed, so imports and scripts
// can keep any column.
type FieldDefinition struct {
	ID uuid.UUID `json:"id"`
	// RecordType is the type of record the field belongs to: lead fields
	// and contact fields are defined apart, as in BCM.
	RecordType RecordType `json:"record_type"`
	Name       string     `json:"name"`
	Type       CustomType `json:"type"`
	// Choices are the allowed values of a CustomChoice field, in display
	// order; other types have none.
	Choices []string `json:"choices,omitempty"`
	// Indexed asks the store for an index on the field's values as their
	// type, for a number, date or yes/no field that queries filter on
	// often: PostgreSQL then keeps an expression index, so that a range
	// of the field reads the index rather than every record. Stores that
	// answer queries in memory need none and only keep the flag.
	Indexed bool `json:"indexed,omitempty"`
	// Version counts the writes of the definition, as Lead.Version does.
	Version int64 `json:"version,omitempty"`
}

// Clone returns a deep copy of d.
func (d *FieldDefinition) Clone() *FieldDefinition {
	if d == nil {
		return nil
	}
	c := *d
	c.Choices = slices.Clone(d.Choices)
	return &c
}

// Validate checks that the definition has a name, a known record type and
// value type, and, for a choice field, distinct non-empty choices.
func (d *FieldDefinition) Validate() error {
	var errs []error
	if strings.TrimSpace(d.Name) == "" {
		errs = append(errs, fieldErr("name", "is required"))
	} else if err := checkText("name", d.Name); err != nil {
		errs = append(errs, err)
	}
	if d.RecordType > TypeContact {
		errs = append(errs, fieldErr("record_type", "unknown record type %d", d.RecordType))
	}
	if !d.Type.Valid() {
		errs = append(errs, fieldErr("type", "%d is not a field type (text, number, date, yes/no or choice)", d.Type))
	}
	switch {
	case d.Type == CustomChoice && len(d.Choices) == 0:
		errs = append(errs, fieldErr("choices", "a choice field needs at least one choice"))
	case d.Type != CustomChoice && len(d.Choices) > 0:
		errs = append(errs, fieldErr("choices", "only a choice field has choices, not a %s field", d.Type))
	}
	if d.Indexed && d.Type.Valid() && !d.Type.IsTyped() {
		errs = append(errs, fieldErr("indexed", "only a number, date or yes/no field is indexed, not a %s field", d.Type))
	}
	seen := map[string]int{}
	for i, c := range d.Choices {
		field := fmt.Sprintf("choices[%d]", i)
		if strings.TrimSpace(c) == "" {
			errs = append(errs, fieldErr(field, "is empty"))
			continue
		}
		if err := checkText(field, c); err != nil {
			errs = append(errs, err)
			continue
		}
		if j, dup := seen[strings.ToLower(c)]; dup {
			errs = append(errs, fieldErr(field, "%q repeats choices[%d]", c, j))
		}
		seen[strings.ToLower(c)] = i
	}
	return joinErrs(errs)
}

// CheckValue checks a value of the field and returns it in canonical form:
// numbers and dates trimmed, "yes" or "no" for any accepted spelling
// ("Y", "true", ...), a choice as the definition spells it. The empty
// value means "no value" and fits every type. A value that does not fit
// gives a *FieldError naming custom.NAME.
func (d *FieldDefinition) CheckValue(v string) (string, error) {
	field := "custom." + d.Name
	if err := checkText(field, v); err != nil {
		return "", err
	}
	t := strings.TrimSpace(v)
	if t == "" {
		return "", nil
	}
	switch d.Type {
	case CustomText:
		return v, nil
	case CustomNumber:
		if _, ok := customNumber(t); !ok {
			return "", fieldErr(field, "%q is not a number (digits, an optional sign and decimal point)", v)
		}
		return t, nil
	case CustomDate:
		if _, ok := customDate(t); !ok {
			return "", fieldErr(field, "%q is not a date (YYYY-MM-DD)", v)
		}
		return t, nil
	case CustomYesNo:
		yes, ok := customYesNo(t)
		switch {
		case !ok:
			return "", fieldErr(field, "%q is not yes or no", v)
		case yes:
			return "yes", nil
		}
		return "no", nil
	case CustomChoice:
		for _, c := range d.Choices {
			if strings.EqualFold(c, t) {
				return c, nil
			}
		}
		return "", fieldErr(field, "%q is not one of the choices (%s)", v, strings.Join(d.Choices, ", "))
	}
	return "", fieldErr(field, "the definition has an unknown type %d", d.Type)
}
