package file

import (
	"encoding/json"
	"testing"
	"time"

	"github.com/google/uuid"
	"github.com/leadkit/leads"
	"github.com/shopspring/decimal"
	"github.com/stretchr/testify/require"
)

func roundTrip(t *testing.T, l *leads.Lead) {
	t.Helper()
	got, err := decodeLead(encodeLead(l), nil)
	require.NoError(t, err)
	require.Equal(t, l, got)
}

func TestCodecLeadRoundTrip(t *testing.T) {
	t.Run("full", func(t *testing.T) { roundTrip(t, fullLead()) })
	t.Run("zero", func(t *testing.T) { roundTrip(t, &leads.Lead{}) })
	t.Run("samples", func(t *testing.T) {
		for n := range 200 {
			roundTrip(t, sampleLead(n))
		}
	})
	t.Run("empty is not nil", func(t *testing.T) {
		l := &leads.Lead{
			ID: uuid.New(), Photo: &leads.Photo{ContentType: "image/png", Data: []byte{}},
			Emails: []leads.Email{}, Phones: []leads.Phone{}, WebPages: []string{}, Addresses: []leads.Address{},
			Checks: map[uuid.UUID]bool{}, Comments: []leads.Comment{}, Custom: map[string]string{},
		}
		roundTrip(t, l)
		l.Photo.Data = nil
		roundTrip(t, l)
	})
	t.Run("decimals", func(t *testing.T) {
		for _, d := range []decimal.Decimal{
			{}, decimal.Zero, decimal.NewFromInt(5), decimal.New(50, -2), decimal.New(-7, 3),
			decimal.RequireFromString("123456789012345678901234567890.123456789"),
			decimal.RequireFromString("-0.000000000000000000000000001"),
		} {
			l := &leads.Lead{Score: leads.Score{Value: d}}
			got, err := decodeLead(encodeLead(l), nil)
			require.NoError(t, err)
			require.True(t, d.Equal(got.Score.Value), "%s came back as %s", d, got.Score.Value)
			require.Equal(t, d.Exponent(), got.Score.Value.Exponent(), "%s keeps its exponent", d)
			require.Equal(t, d.String(), got.Score.Value.String())
		}
	})
	t.Run("times", func(t *testing.T) {
		for _, at := range []time.Time{
			{}, time.Unix(0, 0).UTC(), time.Unix(-1, 999_999_999).UTC(),
			time.Date(9999, 12, 31, 23, 59, 59, 999_999_999, time.UTC),
			time.Date(1, 1, 1, 0, 0, 0, 1, time.UTC),
		} {
			roundTrip(t, &leads.Lead{CreatedAt: at, Comments: []leads.Comment{{At: at}}})
		}
		// Times in other zones come back as the same instant, in UTC.
		at := time.Date(2026, 3, 1, 12, 0, 0, 0, time.FixedZone("CET", 3600))
		got, err := decodeLead(encodeLead(&leads.Lead{UpdatedAt: at}), nil)
		require.NoError(t, err)
		require.True(t, got.UpdatedAt.Equal(at))
		require.Equal(t, time.UTC, got.UpdatedAt.Location())
	})
}

func TestCodecAccountRoundTrip(t *testing.T) {
	at := time.Date(2026, 11, 27, 9, 0, 0, 5, time.UTC)
	for _, a := range []*leads.Account{
		{},
		{
			ID: uuid.New(), Name: "Analytical Engines Ltd",
			Phones:    []leads.Phone{{Label: leads.PhoneBusiness, Number: "+44 20 7946 0000"}},
			WebPages:  []string{"https://example.com"},
			Addresses: []leads.Address{{Label: leads.AddressBusiness, City: "London", Mailing: true}},
			CreatedAt: at, UpdatedAt: at.Add(time.Second), Version: 3,
		},
		{ID: uuid.New(), Phones: []leads.Phone{}, WebPages: []string{}, Addresses: []leads.Address{}},
	} {
		got, err := decodeAccount(encodeAccount(a), nil)
		require.NoError(t, err)
		require.Equal(t, a, got)
	}
}

func TestCodecCriterionRoundTrip(t *testing.T) {
	for _, c := range leads.DefaultCriteria() {
		c.Version = 7
		got, err := decodeCriterion(encodeCriterion(&c), nil)
		require.NoError(t, err)
		require.Equal(t, &c, got)
	}
	bad := encodeCriterion(&leads.Criterion{ID: seqID(1), Name: "x", Weight: 9})
	_, err := decodeCriterion(bad, nil)
	require.ErrorIs(t, err, errCorrupt, "a weight other than low, normal or high")
}

func TestCodecDetailsRoundTrip(t *testing.T) {
	for _, d := range []leads.Details{
		{},
		{Department: "IT"},
		{Birthday: time.Date(1990, 2, 28, 0, 0, 0, 0, time.UTC)},
		fullLead().Details,
	} {
		roundTrip(t, &leads.Lead{ID: seqID(1), Details: d})
	}
	roundTrip(t, &leads.Lead{ID: seqID(2), ConvertedAt: time.Date(2026, 11, 27, 8, 0, 0, 1, time.UTC)})
}

func TestCodecFieldDefinitionRoundTrip(t *testing.T) {
	for _, d := range []*leads.FieldDefinition{
		{ID: seqID(1), RecordType: leads.TypeLead, Name: "Budget", Type: leads.CustomNumber, Version: 3},
		{ID: seqID(4), RecordType: leads.TypeLead, Name: "Founded", Type: leads.CustomDate, Indexed: true, Version: 2},
		{ID: seqID(2), RecordType: leads.TypeContact, Name: "Region ✓", Type: leads.CustomChoice,
			Choices: []string{"North", "South"}, Version: 1},
		{ID: seqID(3), RecordType: leads.TypeLead, Name: "x", Type: leads.CustomYesNo, Choices: []string{}},
	} {
		got, err := decodeFieldDefinition(encodeFieldDefinition(d), nil)
		require.NoError(t, err)
		require.Equal(t, d, got)
	}
	_, err := decodeFieldDefinition(encodeFieldDefinition(&leads.FieldDefinition{ID: seqID(1), Name: "x", Type: 9}), nil)
	require.ErrorIs(t, err, errCorrupt, "an unknown field type")
}

func TestCodecOpportunityRoundTrip(t *testing.T) {
	at := time.Date(2026, 11, 27, 9, 0, 0, 5, time.UTC)
	dec := decimal.RequireFromString
	for _, o := range []*leads.Opportunity{
		{},
		{ID: seqID(1), RecordID: seqID(2), Title: "Engines", Stage: leads.StageClosedWon, Probability: 100,
			CloseDate: time.Date(2027, 1, 1, 0, 0, 0, 0, time.UTC), Currency: "BHD",
			Lines: []leads.LineItem{
				{Product: "Engine", Quantity: dec("2"), UnitPrice: dec("1999.500"), Discount: dec("12.50")},
				{Product: "Hours", Quantity: dec("0.25"), UnitPrice: decimal.Zero},
			},
			CreatedAt: at, UpdatedAt: at.Add(time.Second), Version: 4},
		{ID: seqID(3), Lines: []leads.LineItem{}, Probability: -1},
	} {
		got, err := decodeOpportunity(encodeOpportunity(o), nil)
		require.NoError(t, err)
		require.Equal(t, o, got)
	}
}

func TestCodecEncodesMapsInOrder(t *testing.T) {
	// Equal records encode to equal bytes, whatever the order of map
	// iteration.
	want := encodeLead(fullLead())
	for range 20 {
		require.Equal(t, want, encodeLead(fullLead()))
	}
}

func TestCodecDetectsDamage(t *testing.T) {
	rec := encodeLead(fullLead())
	for i := range rec {
		for bit := range 8 {
			bad := append([]byte(nil), rec...)
			bad[i] ^= 1 << bit
			_, err := decodeLead(bad, nil)
			require.ErrorIs(t, err, errCorrupt, "byte %d bit %d flipped", i, bit)
		}
	}
	for n := range len(rec) {
		_, err := decodeLead(rec[:n], nil)
		require.ErrorIs(t, err, errCorrupt, "cut to %d bytes", n)
	}
	_, err := decodeAccount(rec, nil)
	require.ErrorIs(t, err, errCorrupt, "a lead is not an account")
}

func TestCodecRejectsBadBodies(t *testing.T) {
	for name, body := range map[string][]byte{
		"empty":         {},
		"huge count":    append(make([]byte, 16), 0, 0xff, 0xff, 0xff, 0xff, 0x0f),
		"long varint":   append(make([]byte, 16), 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x01),
		"overlong text": append(make([]byte, 16), 0, 0x7f, 'a'),
	} {
		_, err := decodeLeadBody(body, nil, nil)
		require.ErrorIs(t, err, errCorrupt, name)
	}
	body, blob, err := unframe(encodeLead(fullLead()))
	require.NoError(t, err)
	_, err = decodeLeadBody(append(body, 0), blob, nil)
	require.ErrorIs(t, err, errCorrupt, "a stray byte after the body")
	_, err = decodeLeadBody(body, nil, nil)
	require.NoError(t, err, "a photo may lose its bytes only through the blob")
	_, err = decodeLeadBody(body[:len(body)-1], blob, nil)
	require.ErrorIs(t, err, errCorrupt)
}

// FuzzDecodeLead checks that decoding never panics, whatever the bytes,
// and that whatever decodes encodes back to the same lead. It fuzzes the
// body, inside the frame: through the frame, nearly every input would
// fail the checksum and the fuzzer would learn nothing.
func FuzzDecodeLead(f *testing.F) {
	for _, l := range []*leads.Lead{fullLead(), {}, sampleLead(7), sampleLead(42)} {
		body, blob, err := unframe(encodeLead(l))
		require.NoError(f, err)
		f.Add(body, blob)
	}
	f.Add([]byte{}, []byte{})
	f.Fuzz(func(t *testing.T, body, blob []byte) {
		_, _ = decodeLead(body, nil) // the framed path must not panic either
		_, _ = decodeAccount(body, nil)
		_, _ = decodeAccountBody(body)
		if c, err := decodeCriterion(body, nil); err == nil {
			again, err := decodeCriterion(encodeCriterion(c), nil)
			require.NoError(t, err)
			require.Equal(t, c, again)
		}
		if d, err := decodeFieldDefinition(body, nil); err == nil {
			again, err := decodeFieldDefinition(encodeFieldDefinition(d), nil)
			require.NoError(t, err)
			require.Equal(t, d, again)
		}
		if o, err := decodeOpportunityBody(body); err == nil {
			again, err := decodeOpportunity(encodeOpportunity(o), nil)
			require.NoError(t, err)
			require.Equal(t, o, again)
		} else {
			require.ErrorIs(t, err, errCorrupt)
		}
		if r, err := decodeReportBody(body); err == nil {
			// JSON normalizes (an empty list comes back absent), so the
			// second round trip must change nothing.
			once, err := decodeReport(encodeReport(r), nil)
			require.NoError(t, err)
			twice, err := decodeReport(encodeReport(once), nil)
			require.NoError(t, err)
			require.Equal(t, once, twice)
		}
		l, err := decodeLeadBody(body, blob, nil)
		if err != nil {
			require.ErrorIs(t, err, errCorrupt)
			return
		}
		again, err := decodeLead(encodeLead(l), nil)
		require.NoError(t, err)
		require.Equal(t, l, again)
		// Decoding with shared decimals gives the same, twice over.
		shared := decimals{}
		for range 2 {
			again, err = decodeLeadBody(body, blob, shared)
			require.NoError(t, err)
			require.Equal(t, l, again)
		}
	})
}

// TestJSONEquivalent checks that the sample leads survive JSON too, so the
// JSON benchmark decodes what the store holds.
func TestJSONEquivalent(t *testing.T) {
	l := storedLead(7)
	b, err := json.Marshal(l)
	require.NoError(t, err)
	var got leads.Lead
	require.NoError(t, json.Unmarshal(b, &got))
	require.Equal(t, l.ID, got.ID)
	require.Equal(t, l.FullName, got.FullName)
}

// TestStatusHistoryTrailer checks that the status history trails the
// record only when there is one: a record without it encodes as before
// the field existed, so stores written then still open, and nil and empty
// histories stay apart.
func TestStatusHistoryTrailer(t *testing.T) {
	l := storedLead(3)
	l.StatusHistory = nil
	plain := encodeLead(l)
	got, err := decodeLead(plain, nil)
	require.NoError(t, err)
	require.Nil(t, got.StatusHistory)

	l.StatusHistory = []leads.StatusStep{}
	empty := encodeLead(l)
	require.Greater(t, len(empty), len(plain))
	got, err = decodeLead(empty, nil)
	require.NoError(t, err)
	require.NotNil(t, got.StatusHistory)
	require.Empty(t, got.StatusHistory)

	at := time.Date(2026, 11, 27, 9, 0, 0, 1, time.UTC)
	l.StatusHistory = []leads.StatusStep{{Status: leads.StatusDisqualified, At: at, By: "bob", Reason: "No budget"}}
	got, err = decodeLead(encodeLead(l), nil)
	require.NoError(t, err)
	require.Equal(t, l, got)

	// A trailer saying "nil" is never written, so it is damage.
	body, blob, err := unframe(plain)
	require.NoError(t, err)
	_, err = decodeLeadBody(append(body, 0), blob, nil)
	require.ErrorIs(t, err, errCorrupt)
}

// TestMergedFromTrailer checks that merged IDs trail the status history,
// with or without one, and that a record without them encodes as before.
func TestMergedFromTrailer(t *testing.T) {
	merged := []uuid.UUID{uuid.MustParse("0190a000-0000-7000-8000-000000000001"), uuid.MustParse("0190a000-0000-7000-8000-000000000002")}
	for _, history := range [][]leads.StatusStep{nil, {}, {{Status: leads.StatusContacted, At: time.Date(2026, 11, 27, 9, 0, 0, 0, time.UTC), By: "bob"}}} {
		l := storedLead(4)
		l.StatusHistory = history
		l.MergedFrom = merged
		got, err := decodeLead(encodeLead(l), nil)
		require.NoError(t, err)
		require.Equal(t, l, got)
	}
	l := storedLead(4)
	l.StatusHistory, l.MergedFrom = nil, nil
	plain := encodeLead(l)
	l.MergedFrom = []uuid.UUID{}
	got, err := decodeLead(encodeLead(l), nil)
	require.NoError(t, err)
	require.NotNil(t, got.MergedFrom)
	require.Empty(t, got.MergedFrom)
	l.MergedFrom = nil
	require.Equal(t, plain, encodeLead(l))

	// A trailer saying "nil" merged IDs is never written, so it is damage.
	body, blob, err := unframe(plain)
	require.NoError(t, err)
	_, err = decodeLeadBody(append(body, 0, 0), blob, nil)
	require.ErrorIs(t, err, errCorrupt)
}
