package leads

import (
	"encoding/json"

	"github.com/google/uuid"
)

// MarshalJSON writes the lead with the field names of the JSON export.
// Empty lists and maps are written as [] and {}, never null, so scripts can
// iterate them without a check.
func (l Lead) MarshalJSON() ([]byte, error) {
	type plain Lead // without this method
	p := plain(l)
	if p.Emails == nil {
		p.Emails = []Email{}
	}
	if p.Phones == nil {
		p.Phones = []Phone{}
	}
	if p.WebPages == nil {
		p.WebPages = []string{}
	}
	if p.Addresses == nil {
		p.Addresses = []Address{}
	}
	if p.Comments == nil {
		p.Comments = []Comment{}
	}
	if p.Checks == nil {
		p.Checks = map[uuid.UUID]bool{}
	}
	if p.Custom == nil {
		p.Custom = map[string]string{}
	}
	return json.Marshal(p)
}
