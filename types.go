package leads

import (
	"fmt"
	"strings"
)

// RecordType tells a lead from a business contact. The zero value is Lead.
type RecordType uint8

// Record types.
const (
	TypeLead    RecordType = iota // a lead: someone who might buy
	TypeContact                   // a business contact, usually a converted lead
)

var recordTypeNames = [...]string{TypeLead: "lead", TypeContact: "contact"}

// String returns "lead" or "contact".
func (t RecordType) String() string {
	if int(t) < len(recordTypeNames) {
		return recordTypeNames[t]
	}
	return fmt.Sprintf("RecordType(%d)", t)
}

// ParseRecordType reads "lead" or "contact" (case-insensitive; "business
// contact" is accepted too).
func ParseRecordType(s string) (RecordType, error) {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "lead":
		return TypeLead, nil
	case "contact", "business contact":
		return TypeContact, nil
	}
	return 0, fieldErr("type", "%q is not a record type (lead or contact)", s)
}

// MarshalText implements encoding.TextMarshaler.
func (t RecordType) MarshalText() ([]byte, error) {
	if int(t) >= len(recordTypeNames) {
		return nil, fieldErr("type", "unknown record type %d", t)
	}
	return []byte(t.String()), nil
}

// UnmarshalText implements encoding.TextUnmarshaler.
func (t *RecordType) UnmarshalText(b []byte) error {
	v, err := ParseRecordType(string(b))
	if err != nil {
		return err
	}
	*t = v
	return nil
}

// PhoneLabel says what kind of number a Phone holds.
type PhoneLabel string

// The phone labels of Business Contact Manager.
const (
	PhoneBusiness PhoneLabel = "Business"
	PhoneHome     PhoneLabel = "Home"
	PhoneMobile   PhoneLabel = "Mobile"
	PhoneFax      PhoneLabel = "Fax"
	PhoneOther    PhoneLabel = "Other"
)

// PhoneLabels lists the valid phone labels in display order.
func PhoneLabels() []PhoneLabel {
	return []PhoneLabel{PhoneBusiness, PhoneHome, PhoneMobile, PhoneFax, PhoneOther}
}

// ParsePhoneLabel reads a phone label case-insensitively; "" is Other, and
// "cell" and "work" are accepted as Mobile and Business.
func ParsePhoneLabel(s string) (PhoneLabel, error) {
	switch l := PhoneLabel(s); l {
	case PhoneBusiness, PhoneHome, PhoneMobile, PhoneFax, PhoneOther:
		return l, nil // already canonical: no lower-cased copy
	}
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "business", "work":
		return PhoneBusiness, nil
	case "home":
		return PhoneHome, nil
	case "mobile", "cell":
		return PhoneMobile, nil
	case "fax":
		return PhoneFax, nil
	case "other", "":
		return PhoneOther, nil
	}
	return "", fieldErr("phones.label", "%q is not a phone label (Business, Home, Mobile, Fax or Other)", s)
}

// AddressLabel says what kind of place an Address is.
type AddressLabel string

// The address labels of Business Contact Manager.
const (
	AddressBusiness AddressLabel = "Business"
	AddressHome     AddressLabel = "Home"
	AddressOther    AddressLabel = "Other"
)

// ParseAddressLabel reads an address label case-insensitively; "" is Other.
func ParseAddressLabel(s string) (AddressLabel, error) {
	switch l := AddressLabel(s); l {
	case AddressBusiness, AddressHome, AddressOther:
		return l, nil // already canonical: no lower-cased copy
	}
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "business", "work":
		return AddressBusiness, nil
	case "home":
		return AddressHome, nil
	case "other", "":
		return AddressOther, nil
	}
	return "", fieldErr("addresses.label", "%q is not an address label (Business, Home or Other)", s)
}

// Status is where a lead stands in the sales process.
type Status string

// Lead statuses. A new lead is StatusNew.
const (
	StatusNew          Status = "new"
	StatusContacted    Status = "contacted"
	StatusQualified    Status = "qualified"
	StatusDisqualified Status = "disqualified"
	StatusRecycled     Status = "recycled"
	StatusConverted    Status = "converted"
)

// ParseStatus reads a status name case-insensitively.
func ParseStatus(s string) (Status, error) {
	st := Status(strings.ToLower(strings.TrimSpace(s)))
	switch st {
	case StatusNew, StatusContacted, StatusQualified, StatusDisqualified, StatusRecycled, StatusConverted:
		return st, nil
	}
	return "", fieldErr("status", "%q is not a status (new, contacted, qualified, disqualified, recycled or converted)", s)
}

// Sources returns the customary lead sources of Business Contact Manager. A
// lead's Source may also hold any other text: the list is a suggestion, as
// BCM's was.
func Sources() []string {
	return []string{"Advertisement", "Cold call", "E-mail campaign", "Employee referral",
		"External referral", "Partner", "Public relations", "Seminar", "Trade show",
		"Web", "Word of mouth", "Other"}
}
