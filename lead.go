package leads

import (
	"slices"
	"time"

	"github.com/google/uuid"
)

// Lead is the record of a person or company that might buy: a lead, or, after
// conversion, a business contact. Only FullName is required; every other field
// keeps whatever is known, however fragmentary.
//
// Leads are plain values. Stores hand out copies, so changing a returned
// lead's slices or maps never changes what is stored.
type Lead struct {
	ID   uuid.UUID  `json:"id"`
	Type RecordType `json:"type"`

	// FullName is the name as typed ("Dr. Ada M. Lovelace Jr."). The name
	// parts are derived from it (see ParseName) and stay editable.
	FullName   string `json:"full_name"`
	Title      string `json:"title"`
	FirstName  string `json:"first_name"`
	MiddleName string `json:"middle_name"`
	LastName   string `json:"last_name"`
	Suffix     string `json:"suffix"`

	JobTitle string `json:"job_title"`
	// FileAs is how the record sorts and files. When empty it is derived in
	// the default form, "Last, First" (see FileAsForm).
	FileAs string `json:"file_as"`

	Company string `json:"company"`
	// AccountID links the lead to an Account, which must exist.
	AccountID uuid.UUID `json:"account_id,omitzero"`
	// AssignedTo names the user of the shared database who owns the lead.
	AssignedTo string `json:"assigned_to"`
	Photo      *Photo `json:"photo,omitempty"`

	Emails    []Email   `json:"emails"`
	Phones    []Phone   `json:"phones"`
	WebPages  []string  `json:"web_pages"`
	Addresses []Address `json:"addresses"`

	// Source tells where the lead came from ("Web", "Trade show", ...); any
	// text is allowed, see Sources for the customary list.
	Source string `json:"source"`
	// InitiatedBy is the lead or business contact who brought this one in.
	InitiatedBy uuid.UUID `json:"initiated_by,omitzero"`
	Status      Status    `json:"status"`
	// StatusHistory is every status the lead reached through SetStatus or
	// Convert, oldest first, with its time (see TimeToFirstContact).
	StatusHistory []StatusStep `json:"status_history,omitempty"`

	Score Score `json:"score"`
	// Checks records, per scoring criterion, whether the lead meets it.
	Checks map[uuid.UUID]bool `json:"checks"`

	Comments []Comment         `json:"comments"`
	Custom   map[string]string `json:"custom"`

	// Details is the Details page of a business contact (department,
	// manager, birthday, ...); it is left out of JSON when empty.
	Details Details `json:"details,omitzero"`
	// ConvertedAt is when Book.Convert made the lead a business contact;
	// zero for a record never converted.
	ConvertedAt time.Time `json:"converted_at,omitzero"`

	// MergedFrom lists the IDs of the records merged into this one
	// (Book.Merge); they resolve to it (see MergedKey).
	MergedFrom []uuid.UUID `json:"merged_from,omitempty"`

	CreatedAt time.Time `json:"created_at"`
	CreatedBy string    `json:"created_by,omitempty"`
	UpdatedAt time.Time `json:"updated_at"`
	UpdatedBy string    `json:"updated_by,omitempty"`
	// Version counts the writes of the record: 1 after creation, one more
	// after each update. An update that carries a stale version fails with
	// ErrConflict.
	Version int64 `json:"version"`
}

// Email is one e-mail address of a lead, with an optional label ("work").
type Email struct {
	Label   string `json:"label"`
	Address string `json:"address"`
}

// Phone is one telephone number with its label.
type Phone struct {
	Label  PhoneLabel `json:"label"`
	Number string     `json:"number"`
}

// Address is one postal address. At most one address of a lead is its
// mailing address.
type Address struct {
	Label      AddressLabel `json:"label"`
	Street     string       `json:"street"`
	City       string       `json:"city"`
	State      string       `json:"state"`
	PostalCode string       `json:"postal_code"`
	Country    string       `json:"country"`
	Mailing    bool         `json:"mailing"`
}

// Comment is one entry of a lead's comments. At and Author are set when the
// entry was added with a time stamp.
type Comment struct {
	At     time.Time `json:"at"`
	Author string    `json:"author"`
	Text   string    `json:"text"`
}

// Photo is a picture of the lead: the image bytes and their content type.
type Photo struct {
	ContentType string `json:"content_type"`
	Data        []byte `json:"data"`
}

// Clone returns a deep copy of l: no slice, map or photo is shared.
func (l *Lead) Clone() *Lead {
	if l == nil {
		return nil
	}
	c := *l
	if l.Photo != nil {
		p := *l.Photo
		p.Data = slices.Clone(l.Photo.Data)
		c.Photo = &p
	}
	c.Emails = slices.Clone(l.Emails)
	c.Phones = slices.Clone(l.Phones)
	c.WebPages = slices.Clone(l.WebPages)
	c.Addresses = slices.Clone(l.Addresses)
	c.Comments = slices.Clone(l.Comments)
	c.StatusHistory = slices.Clone(l.StatusHistory)
	c.MergedFrom = slices.Clone(l.MergedFrom)
	c.Checks = cloneMap(l.Checks)
	c.Custom = cloneMap(l.Custom)
	return &c
}

// cloneMap copies a map; unlike maps.Clone it sizes the copy to the
// entries, which is cheaper for the few entries a lead's maps hold.
func cloneMap[K comparable, V any](m map[K]V) map[K]V {
	if m == nil {
		return nil
	}
	c := make(map[K]V, len(m))
	for k, v := range m {
		c[k] = v
	}
	return c
}

// MailingAddress returns the address flagged as the mailing address, or, when
// none is flagged, the first address. ok is false for a lead with no address.
func (l *Lead) MailingAddress() (a Address, ok bool) {
	for _, a := range l.Addresses {
		if a.Mailing {
			return a, true
		}
	}
	if len(l.Addresses) > 0 {
		return l.Addresses[0], true
	}
	return Address{}, false
}

// PrimaryEmail returns the first e-mail address, or "".
func (l *Lead) PrimaryEmail() string {
	if len(l.Emails) == 0 {
		return ""
	}
	return l.Emails[0].Address
}
