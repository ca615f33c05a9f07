package report

import (
	"strings"

	"github.com/leadkit/leads"
)

// textArena hands out strings carved from large shared buffers, so that a
// report over a million records does not make a million small strings for
// its list cells, and the garbage collector has a few large objects to
// look at instead. A string from the arena stays valid for as long as it
// is referenced: the buffers only ever grow at the end.
type textArena struct {
	b strings.Builder
}

const arenaBlock = 1 << 20

// reserve makes room for n more bytes without moving the current buffer:
// a buffer that would have to grow is left to the strings already cut
// from it, and a new one starts.
func (a *textArena) reserve(n int) {
	if a.b.Cap()-a.b.Len() < n {
		a.b = strings.Builder{}
		a.b.Grow(max(arenaBlock, n))
	}
}

// join returns the values joined by ", " as strings.Join does.
func (a *textArena) join(n int, value func(i int) string) string {
	switch n {
	case 0:
		return ""
	case 1:
		return value(0)
	}
	size := 2 * (n - 1)
	for i := range n {
		size += len(value(i))
	}
	a.reserve(size)
	start := a.b.Len()
	for i := range n {
		if i > 0 {
			a.b.WriteString(", ")
		}
		a.b.WriteString(value(i))
	}
	return a.b.String()[start:]
}

// listCell returns a cell function for list fields that joins their values
// into the arena without an intermediate slice; ok is false for other
// fields.
func (a *textArena) listCell(f leads.Field) (cell func(*leads.Lead) string, ok bool) {
	switch f {
	case leads.FieldEmail:
		return func(l *leads.Lead) string {
			return a.join(len(l.Emails), func(i int) string { return l.Emails[i].Address })
		}, true
	case leads.FieldPhone:
		return func(l *leads.Lead) string {
			return a.join(len(l.Phones), func(i int) string { return l.Phones[i].Number })
		}, true
	case leads.FieldWebPage:
		return func(l *leads.Lead) string {
			return a.join(len(l.WebPages), func(i int) string { return l.WebPages[i] })
		}, true
	case leads.FieldStreet, leads.FieldCity, leads.FieldState, leads.FieldPostalCode, leads.FieldCountry:
		part := map[leads.Field]func(leads.Address) string{
			leads.FieldStreet:     func(x leads.Address) string { return x.Street },
			leads.FieldCity:       func(x leads.Address) string { return x.City },
			leads.FieldState:      func(x leads.Address) string { return x.State },
			leads.FieldPostalCode: func(x leads.Address) string { return x.PostalCode },
			leads.FieldCountry:    func(x leads.Address) string { return x.Country }}[f]
		return func(l *leads.Lead) string {
			return a.join(len(l.Addresses), func(i int) string { return part(l.Addresses[i]) })
		}, true
	}
	return nil, false
}
