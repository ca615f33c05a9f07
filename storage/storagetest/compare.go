package storagetest

import (
	"time"

	"github.com/leadkit/leads"
	"github.com/shopspring/decimal"
)

// canonical returns a copy of l in a form that compares equal across
// stores: times in UTC without monotonic readings, decimals in their
// shortest form, and empty slices and maps as nil.
func canonical(l *leads.Lead) *leads.Lead {
	if l == nil {
		return nil
	}
	c := l.Clone()
	c.CreatedAt, c.UpdatedAt = canonTime(c.CreatedAt), canonTime(c.UpdatedAt)
	c.Score.Value = canonDecimal(c.Score.Value)
	for i := range c.Comments {
		c.Comments[i].At = canonTime(c.Comments[i].At)
	}
	c.Emails, c.Phones, c.WebPages = nilIfEmpty(c.Emails), nilIfEmpty(c.Phones), nilIfEmpty(c.WebPages)
	c.Addresses, c.Comments = nilIfEmpty(c.Addresses), nilIfEmpty(c.Comments)
	if len(c.Checks) == 0 {
		c.Checks = nil
	}
	if len(c.Custom) == 0 {
		c.Custom = nil
	}
	if c.Photo != nil && len(c.Photo.Data) == 0 {
		c.Photo.Data = nil
	}
	return c
}

func canonAccount(a *leads.Account) *leads.Account {
	if a == nil {
		return nil
	}
	c := a.Clone()
	c.CreatedAt, c.UpdatedAt = canonTime(c.CreatedAt), canonTime(c.UpdatedAt)
	c.Phones, c.WebPages, c.Addresses = nilIfEmpty(c.Phones), nilIfEmpty(c.WebPages), nilIfEmpty(c.Addresses)
	return c
}

func canonTime(t time.Time) time.Time {
	if t.IsZero() {
		return time.Time{}
	}
	return t.UTC().Round(0)
}

func canonDecimal(d decimal.Decimal) decimal.Decimal {
	return decimal.RequireFromString(d.String())
}

// nilIfEmpty makes an empty slice nil: stores may give back either.
func nilIfEmpty[S ~[]E, E any](s S) S {
	if len(s) == 0 {
		return nil
	}
	return s
}
