package leads

import (
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/google/uuid"
)

// Account is a company record that leads and business contacts link to.
type Account struct {
	ID        uuid.UUID `json:"id"`
	Name      string    `json:"name"`
	Phones    []Phone   `json:"phones"`
	WebPages  []string  `json:"web_pages"`
	Addresses []Address `json:"addresses"`
	CreatedAt time.Time `json:"created_at"`
	UpdatedAt time.Time `json:"updated_at"`
	Version   int64     `json:"version"`
}

// Clone returns a deep copy of a.
func (a *Account) Clone() *Account {
	if a == nil {
		return nil
	}
	c := *a
	c.Phones = slices.Clone(a.Phones)
	c.WebPages = slices.Clone(a.WebPages)
	c.Addresses = slices.Clone(a.Addresses)
	return &c
}

// Validate checks that the account has a name (no longer than a company,
// MaxCompanyLen) and phones, web pages and addresses that every store
// keeps alike (see Lead.Validate).
func (a *Account) Validate() error {
	var errs []error
	if strings.TrimSpace(a.Name) == "" {
		errs = append(errs, fieldErr("name", "is required"))
	} else if err := checkTextMax("name", a.Name, MaxCompanyLen); err != nil {
		errs = append(errs, err)
	}
	for i, p := range a.Phones {
		if err := checkPhone(fmt.Sprintf("phones[%d].number", i), p.Number); err != nil {
			errs = append(errs, err)
		}
	}
	for i, w := range a.WebPages {
		if err := checkWebPage(fmt.Sprintf("web_pages[%d]", i), w); err != nil {
			errs = append(errs, err)
		}
	}
	for i, ad := range a.Addresses {
		errs = append(errs, addressErrors(i, ad)...)
	}
	return joinErrs(errs)
}
