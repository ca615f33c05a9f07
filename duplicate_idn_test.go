package leads_test

import (
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/leadkit/leads"
)

// TestEmailKeysOfInternationalDomains checks an internationalized domain
// written in Unicode and in Punycode, in any case: one e-mail key, one
// domain key, and the records found as duplicates of each other.
func TestEmailKeysOfInternationalDomains(t *testing.T) {
	for _, tt := range []struct{ a, b string }{
		{"ada@bücher.de", "ada@xn--bcher-kva.de"},
		{"ada@BÜCHER.DE", "Ada@XN--BCHER-KVA.DE"},
		{"ada@mail.bücher.de", "ada@mail.xn--bcher-kva.de"},
	} {
		require.Equal(t, leads.EmailMatchKey(tt.a), leads.EmailMatchKey(tt.b), "%s and %s", tt.a, tt.b)
		require.NotEmpty(t, leads.DomainMatchKey(tt.a))
		require.Equal(t, leads.DomainMatchKey(tt.a), leads.DomainMatchKey(tt.b), "%s and %s", tt.a, tt.b)
	}

	b, _, ctx := newBook(t)
	s := mustCreate(t, b, ctx, &leads.Lead{FullName: "Ada Lovelace", Emails: []leads.Email{{Address: "ada@bücher.de"}}})
	dups, err := b.Duplicates(ctx, &leads.Lead{FullName: "A. King", Emails: []leads.Email{{Address: "ADA@xn--bcher-kva.de"}}}, leads.DuplicateOptions{})
	require.NoError(t, err)
	require.Len(t, dups, 1)
	require.Equal(t, s.ID, dups[0].Lead.ID)
	require.Equal(t, []leads.MatchReason{{Kind: leads.MatchEmail, Value: "ada@bücher.de"}}, dups[0].Reasons)
}
