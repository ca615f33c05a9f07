package leads_test

import (
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/leadkit/leads"
)

// TestPhoneDigitsOfAnyScript checks numbers typed with full-width or
// Arabic-Indic digits, which phonenumbers reads as their ASCII digits:
// they have the same match key and are found as the same number.
func TestPhoneDigitsOfAnyScript(t *testing.T) {
	for _, n := range []string{"０２０ ７９４６ ００１８", "٠٢٠ ٧٩٤٦ ٠٠١٨", "+４４ ２０ ７９４６ ００１８"} {
		require.Equal(t, leads.PhoneMatchKey("020 7946 0018"), leads.PhoneMatchKey(n), n)
		e, ok := leads.PhoneE164(n, "GB")
		require.True(t, ok, n)
		require.Equal(t, "+442079460018", e, n)
	}

	b, _, ctx := newBook(t, leads.WithDuplicateOptions(leads.DuplicateOptions{Region: "GB"}))
	s := mustCreate(t, b, ctx, &leads.Lead{FullName: "Ada Lovelace", Phones: []leads.Phone{{Number: "+44 20 7946 0018"}}})
	dups, err := b.Duplicates(ctx, &leads.Lead{FullName: "Augusta King", Phones: []leads.Phone{{Number: "０２０ ７９４６ ００１８"}}}, leads.DuplicateOptions{})
	require.NoError(t, err)
	require.Len(t, dups, 1)
	require.Equal(t, s.ID, dups[0].Lead.ID)
	require.Equal(t, []leads.MatchReason{{Kind: leads.MatchPhone, Value: "+442079460018"}}, dups[0].Reasons)
}
