package dedupe_test

import (
	"context"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/leadkit/leads"
	"github.com/leadkit/leads/dedupe"
	"github.com/leadkit/leads/storage/memory"
)

// TestDuplicatesOfInternationalDomains checks that records whose e-mail
// domains are written in Unicode and in Punycode are found as duplicates
// of each other.
func TestDuplicatesOfInternationalDomains(t *testing.T) {
	ctx := context.Background()
	b := newBook(memory.New())
	s := stored(t, b, &leads.Lead{FullName: "Ada Lovelace", Emails: []leads.Email{{Address: "ada@bücher.de"}}})[0]
	dups, err := b.Duplicates(ctx, &leads.Lead{FullName: "A. King", Emails: []leads.Email{{Address: "ADA@xn--bcher-kva.de"}}}, leads.DuplicateOptions{})
	require.NoError(t, err)
	require.Len(t, dups, 1)
	require.Equal(t, s.ID, dups[0].Lead.ID)
	require.Equal(t, []leads.MatchReason{{Kind: leads.MatchEmail, Value: "ada@bücher.de"}}, dups[0].Reasons)
}

// TestPhoneDigitsOfAnyScript checks numbers typed with full-width or
// Arabic-Indic digits, which phonenumbers reads as their ASCII digits:
// they have the E.164 form of the number and are found as the same number.
func TestPhoneDigitsOfAnyScript(t *testing.T) {
	for _, n := range []string{"０２０ ７９４６ ００１８", "٠٢٠ ٧٩٤٦ ٠٠١٨", "+４４ ２０ ７９４６ ００１８"} {
		e, ok := dedupe.E164(n, "GB")
		require.True(t, ok, n)
		require.Equal(t, "+442079460018", e, n)
	}

	ctx := context.Background()
	b := newBook(memory.New(), leads.WithDuplicateOptions(leads.DuplicateOptions{Region: "GB"}))
	s := stored(t, b, &leads.Lead{FullName: "Ada Lovelace", Phones: []leads.Phone{{Number: "+44 20 7946 0018"}}})[0]
	dups, err := b.Duplicates(ctx, &leads.Lead{FullName: "Augusta King", Phones: []leads.Phone{{Number: "０２０ ７９４６ ００１８"}}}, leads.DuplicateOptions{})
	require.NoError(t, err)
	require.Len(t, dups, 1)
	require.Equal(t, s.ID, dups[0].Lead.ID)
	require.Equal(t, []leads.MatchReason{{Kind: leads.MatchPhone, Value: "+442079460018"}}, dups[0].Reasons)
}

func TestE164(t *testing.T) {
	for _, tt := range []struct {
		number, region, want string
		ok                   bool
	}{
		{"+1 (415) 555-0100", "", "+14155550100", true},
		{"415.555.0100", "US", "+14155550100", true},
		{"415.555.0100", "", "", false},
		{"020 7946 0018", "GB", "+442079460018", true},
		{"020 7946 0018", "gb", "+442079460018", true},
		{"+44 20 7946 0018", "US", "+442079460018", true},
		{"not a number", "US", "", false},
	} {
		got, ok := dedupe.E164(tt.number, tt.region)
		require.Equal(t, tt.ok, ok, "%s in %q", tt.number, tt.region)
		require.Equal(t, tt.want, got, "%s in %q", tt.number, tt.region)
	}
}
