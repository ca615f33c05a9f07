package importexport_test

import (
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/leadkit/leads"
	"github.com/leadkit/leads/importexport"
)

// TestMergeComparesByMatchKeys: Merge adds the e-mail addresses the
// record lacks by the key the import matches rows by (case, spaces and a
// Punycode domain ignored), and phone numbers by every digit, so that two
// lines sharing their last digits are both kept.
func TestMergeComparesByMatchKeys(t *testing.T) {
	dst := &leads.Lead{FullName: "Ada", Emails: []leads.Email{{Address: "ada@bücher.example"}},
		Phones: []leads.Phone{{Number: "+49 30 1234 5678"}}}
	importexport.Merge(dst, &leads.Lead{
		Emails: []leads.Email{{Address: " ADA@xn--bcher-kva.example "}, {Address: "ada@work.example"}},
		Phones: []leads.Phone{{Number: "+49 (30) 1234-5678"}, {Number: "+49 40 1234 5678"}}})
	require.Equal(t, []leads.Email{{Address: "ada@bücher.example"}, {Address: "ada@work.example"}}, dst.Emails)
	require.Equal(t, []leads.Phone{{Number: "+49 30 1234 5678"}, {Number: "+49 40 1234 5678"}}, dst.Phones)
}
