package file

import (
	"testing"
	"time"

	"github.com/google/uuid"
	"github.com/leadkit/leads"
	"github.com/shopspring/decimal"
	"github.com/stretchr/testify/require"
)

// TestReopenKeepsConversionRecords checks that field definitions,
// opportunities and a contact's Details survive closing and reopening the
// file: Open loads them from their buckets and checks their counts.
func TestReopenKeepsConversionRecords(t *testing.T) {
	path := tempPath(t)
	s, err := Open(path, nil)
	require.NoError(t, err)
	book := leads.New(s)
	def, err := book.Fields().Create(ctx, &leads.FieldDefinition{RecordType: leads.TypeContact, Name: "Tier",
		Type: leads.CustomChoice, Choices: []string{"Gold", "Silver"}})

	require.NoError(t, err)
	l, err := book.Create(ctx, &leads.Lead{FullName: "Ada Lovelace", Company: "Engines Ltd",
		Details: leads.Details{Department: "R&D", Birthday: time.Date(1815, 12, 10, 0, 0, 0, 0, time.UTC)}})
	require.NoError(t, err)
	conv, err := book.Convert(ctx, l.ID, leads.ConvertOptions{CreateAccount: true,
		Opportunity: &leads.Opportunity{Title: "Engine", Currency: "EUR",
			Lines: []leads.LineItem{{Product: "Engine", Quantity: decimal.NewFromInt(1), UnitPrice: decimal.RequireFromString("10.50")}}}})
	require.NoError(t, err)
	require.NoError(t, s.Close())

	s = openT(t, path, nil)
	book = leads.New(s)
	defs, err := leads.Collect(book.Fields().List(ctx))
	require.NoError(t, err)
	require.Equal(t, []*leads.FieldDefinition{def}, defs)
	got, err := book.Get(ctx, l.ID)
	require.NoError(t, err)
	require.Equal(t, leads.TypeContact, got.Type)
	require.Equal(t, "R&D", got.Details.Department)
	require.Equal(t, conv.Contact.ConvertedAt, got.ConvertedAt)
	opps, err := leads.Collect(book.Opportunities().List(ctx, l.ID))
	require.NoError(t, err)
	require.Len(t, opps, 1)
	require.Equal(t, "10.50", opps[0].Total().StringFixed(2))
	_, err = book.Accounts().Get(ctx, conv.Account.ID)
	require.NoError(t, err)
	require.NotEqual(t, uuid.Nil, got.AccountID)
}

// BenchmarkConvert converts leads of a file store, each with a new account
// and an opportunity: one bbolt commit (and fsync) per conversion.
func BenchmarkConvert(b *testing.B) {
	s := openT(b, tempPath(b), nil)
	book := leads.New(s)
	opts := leads.ConvertOptions{CreateAccount: true, AccountName: "Acme",
		Opportunity: &leads.Opportunity{Title: "Engines", Currency: "EUR",
			Lines: []leads.LineItem{{Product: "Engine", Quantity: decimal.NewFromInt(2), UnitPrice: decimal.RequireFromString("1999.50")}}}}
	b.ReportAllocs()
	for b.Loop() {
		b.StopTimer()
		l, err := book.Create(ctx, &leads.Lead{FullName: "Ada Lovelace"})
		if err != nil {
			b.Fatal(err)
		}
		b.StartTimer()
		if _, err := book.Convert(ctx, l.ID, opts); err != nil {
			b.Fatal(err)
		}
	}
}
