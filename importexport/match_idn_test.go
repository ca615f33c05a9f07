package importexport_test

import (
	"context"
	"testing"

	"github.com/google/uuid"
	"github.com/stretchr/testify/require"

	"github.com/leadkit/leads"
	"github.com/leadkit/leads/importexport"
	"github.com/leadkit/leads/storage/memory"
)

// TestMatcherInternationalDomain checks that a row matches a stored record
// by an e-mail address at an internationalized domain written the other
// way (Punycode in the file, Unicode in the store, or the reverse): the
// Matcher's keys must be those of leads.MatchKeys, under which the store
// indexes the record.
func TestMatcherInternationalDomain(t *testing.T) {
	ctx := context.Background()
	store := memory.New()
	book := leads.New(store)
	a, err := book.Create(ctx, &leads.Lead{FullName: "Ada Lovelace", Emails: []leads.Email{{Address: "ada@bücher.de"}}})
	require.NoError(t, err)
	b, err := book.Create(ctx, &leads.Lead{FullName: "Charles Babbage", Emails: []leads.Email{{Address: "charles@xn--mnchen-3ya.de"}}})
	require.NoError(t, err)
	m := importexport.NewStoreMatcher(store.Leads())
	for _, tt := range []struct {
		addr string
		want uuid.UUID
	}{
		{"Ada@XN--BCHER-KVA.DE", a.ID},
		{"charles@münchen.de", b.ID},
	} {
		match, ok, err := m.Find(ctx, &leads.Lead{ID: uuid.Must(uuid.NewV7()), FullName: "Someone Else",
			Emails: []leads.Email{{Address: tt.addr}}})
		require.NoError(t, err)
		require.True(t, ok, tt.addr)
		require.Equal(t, importexport.Match{ID: tt.want, By: "email"}, match, tt.addr)
	}
}
