package leads_test

import (
	"encoding/json"
	"testing"
	"time"

	"github.com/google/uuid"
	"github.com/shopspring/decimal"
	"github.com/stretchr/testify/require"

	"github.com/leadkit/leads"
)

func line(product, qty, price, discount string) leads.LineItem {
	li := leads.LineItem{Product: product, Quantity: decimal.RequireFromString(qty), UnitPrice: decimal.RequireFromString(price)}
	if discount != "" {
		li.Discount = decimal.RequireFromString(discount)
	}
	return li
}

func TestOpportunityTotals(t *testing.T) {
	for name, tt := range map[string]struct {
		currency   string
		lines      []leads.LineItem
		lineTotals []string
		total      string
	}{
		"none":                    {"EUR", nil, nil, "0.00"},
		"plain":                   {"EUR", []leads.LineItem{line("a", "3", "19.99", "")}, []string{"59.97"}, "59.97"},
		"discount":                {"EUR", []leads.LineItem{line("a", "2", "100.00", "12.5")}, []string{"175.00"}, "175.00"},
		"half rounds up":          {"EUR", []leads.LineItem{line("a", "0.5", "0.05", "")}, []string{"0.03"}, "0.03"},
		"just under half":         {"EUR", []leads.LineItem{line("a", "0.4999", "0.05", "")}, []string{"0.02"}, "0.02"},
		"third off":               {"EUR", []leads.LineItem{line("a", "1", "10.00", "33.333")}, []string{"6.67"}, "6.67"},
		"sum of rounded lines":    {"EUR", []leads.LineItem{line("a", "0.5", "0.05", ""), line("b", "0.5", "0.05", "")}, []string{"0.03", "0.03"}, "0.06"},
		"yen has no cents":        {"JPY", []leads.LineItem{line("a", "1", "100", "12.5")}, []string{"88"}, "88"},
		"yen rounds down":         {"JPY", []leads.LineItem{line("a", "1", "101", "50.5")}, []string{"50"}, "50"},
		"dinar has three places":  {"BHD", []leads.LineItem{line("a", "1.5", "0.335", "")}, []string{"0.503"}, "0.503"},
		"dinar with discount":     {"BHD", []leads.LineItem{line("a", "3", "1.001", "10"), line("b", "1", "2", "")}, []string{"2.703", "2.000"}, "4.703"},
		"full discount":           {"USD", []leads.LineItem{line("a", "5", "9.99", "100")}, []string{"0.00"}, "0.00"},
		"zero quantity":           {"USD", []leads.LineItem{line("a", "0", "9.99", "")}, []string{"0.00"}, "0.00"},
		"large exact":             {"USD", []leads.LineItem{line("a", "1000000", "12345678.91", "0.5")}, []string{"12283950515450.00"}, "12283950515450.00"},
		"price precision trailed": {"JPY", []leads.LineItem{line("a", "2", "10.00", "")}, []string{"20"}, "20"},
	} {
		t.Run(name, func(t *testing.T) {
			o := leads.Opportunity{Title: "t", RecordID: uuid.Must(uuid.NewV7()), Stage: leads.StageProposal, Currency: tt.currency, Lines: tt.lines}
			require.NoError(t, o.Validate())
			places := o.Places()
			for i, li := range o.Lines {
				require.Equal(t, tt.lineTotals[i], li.Total(places).StringFixed(places), "line %d", i)
			}
			require.Equal(t, tt.total, o.Total().StringFixed(places))
		})
	}
}

func TestOpportunityValidate(t *testing.T) {
	rec := uuid.Must(uuid.NewV7())
	good := func() leads.Opportunity {
		return leads.Opportunity{Title: "Engines", RecordID: rec, Stage: leads.StageProspecting, Currency: "EUR", Probability: 50,
			Lines: []leads.LineItem{line("a", "1", "1.00", ""), line("b", "2", "2.50", "10")}}
	}
	for name, tt := range map[string]struct {
		change func(o *leads.Opportunity)
		fields []string
	}{
		"good":                   {func(o *leads.Opportunity) {}, nil},
		"no title":               {func(o *leads.Opportunity) { o.Title = " " }, []string{"title"}},
		"no record":              {func(o *leads.Opportunity) { o.RecordID = uuid.Nil }, []string{"record_id"}},
		"bad stage":              {func(o *leads.Opportunity) { o.Stage = "won-ish" }, []string{"stage"}},
		"probability over 100":   {func(o *leads.Opportunity) { o.Probability = 101 }, []string{"probability"}},
		"probability negative":   {func(o *leads.Opportunity) { o.Probability = -1 }, []string{"probability"}},
		"close date with a time": {func(o *leads.Opportunity) { o.CloseDate = time.Date(2027, 1, 1, 9, 0, 0, 0, time.UTC) }, []string{"close_date"}},
		"no currency":            {func(o *leads.Opportunity) { o.Currency = "" }, []string{"currency"}},
		"unknown currency":       {func(o *leads.Opportunity) { o.Currency = "XYZ" }, []string{"currency"}},
		"negative quantity":      {func(o *leads.Opportunity) { o.Lines[1].Quantity = decimal.NewFromInt(-2) }, []string{"lines[1].quantity"}},
		"negative price":         {func(o *leads.Opportunity) { o.Lines[0].UnitPrice = decimal.RequireFromString("-1") }, []string{"lines[0].unit_price"}},
		"cents of a cent":        {func(o *leads.Opportunity) { o.Lines[1].UnitPrice = decimal.RequireFromString("2.505") }, []string{"lines[1].unit_price"}},
		"yen with cents": {func(o *leads.Opportunity) { o.Currency = "JPY"; o.Lines[0].UnitPrice = decimal.RequireFromString("1") },
			[]string{"lines[1].unit_price"}},
		"discount over 100":   {func(o *leads.Opportunity) { o.Lines[1].Discount = decimal.RequireFromString("100.01") }, []string{"lines[1].discount"}},
		"discount negative":   {func(o *leads.Opportunity) { o.Lines[0].Discount = decimal.RequireFromString("-5") }, []string{"lines[0].discount"}},
		"no product":          {func(o *leads.Opportunity) { o.Lines[0].Product = "" }, []string{"lines[0].product"}},
		"several on one line": {func(o *leads.Opportunity) { o.Lines[1] = line("", "-1", "0.001", "101") }, []string{"lines[1].discount", "lines[1].product", "lines[1].quantity", "lines[1].unit_price"}},
		"dinar allows millimes": {func(o *leads.Opportunity) {
			o.Currency = "BHD"
			o.Lines[1].UnitPrice = decimal.RequireFromString("2.505")
		}, nil},
	} {
		t.Run(name, func(t *testing.T) {
			o := good()
			tt.change(&o)
			err := o.Validate()
			if tt.fields == nil {
				require.NoError(t, err)
				return
			}
			requireFieldErrors(t, err, tt.fields...)
		})
	}
	for _, s := range []string{"Closed Won", "closed-lost", "won", "NEGOTIATION"} {
		_, err := leads.ParseStage(s)
		require.NoError(t, err, s)
	}
	for code, places := range map[string]int32{"EUR": 2, "usd": 2, "JPY": 0, "BHD": 3, "KWD": 3, "KRW": 0} {
		p, ok := leads.CurrencyMinorUnits(code)
		require.True(t, ok, code)
		require.Equal(t, places, p, code)
	}
	_, ok := leads.CurrencyMinorUnits("EURO")
	require.False(t, ok)
}

func TestOpportunitiesBook(t *testing.T) {
	b, clock, ctx := newBook(t)
	ada := mustCreate(t, b, ctx, &leads.Lead{FullName: "Ada"})
	bob := mustCreate(t, b, ctx, &leads.Lead{FullName: "Bob"})

	o, err := b.Opportunities().Create(ctx, &leads.Opportunity{RecordID: ada.ID, Title: " Engines ", Currency: "eur", Stage: "Closed won",
		Probability: 90, CloseDate: time.Date(2027, 3, 31, 18, 0, 0, 0, time.UTC),
		Lines: []leads.LineItem{line("Engine", "2", "1999.50", "10")}})

	require.NoError(t, err)
	require.Equal(t, "Engines", o.Title)
	require.Equal(t, "EUR", o.Currency)
	require.Equal(t, leads.StageClosedWon, o.Stage)
	require.Equal(t, time.Date(2027, 3, 31, 0, 0, 0, 0, time.UTC), o.CloseDate)
	require.EqualValues(t, 1, o.Version)
	got, err := b.Opportunities().Get(ctx, o.ID)
	require.NoError(t, err)
	require.Equal(t, o, got)

	js, err := json.Marshal(o)
	require.NoError(t, err)
	var m map[string]any
	require.NoError(t, json.Unmarshal(js, &m))
	require.Equal(t, "3599.10", m["total"], "decimals are JSON strings, amounts in minor units")
	require.Equal(t, ada.ID.String(), m["record_id"])
	lines := m["lines"].([]any)
	require.Equal(t, "1999.5", lines[0].(map[string]any)["unit_price"])
	require.Equal(t, "3599.10", lines[0].(map[string]any)["total"])

	second, err := b.Opportunities().Create(ctx, &leads.Opportunity{RecordID: bob.ID, Title: "Cards", Currency: "JPY"})
	require.NoError(t, err)
	third, err := b.Opportunities().Create(ctx, &leads.Opportunity{RecordID: ada.ID, Title: "Looms", Currency: "USD"})
	require.NoError(t, err)
	list, err := leads.Collect(b.Opportunities().List(ctx, ada.ID))
	require.NoError(t, err)
	require.Equal(t, []uuid.UUID{o.ID, third.ID}, []uuid.UUID{list[0].ID, list[1].ID})

	// Bad input: nothing is stored, the fields are named.
	_, err = b.Opportunities().Create(ctx, &leads.Opportunity{RecordID: uuid.Must(uuid.NewV7()), Title: "x", Currency: "EUR"})
	requireFieldErrors(t, err, "record_id")
	_, err = b.Opportunities().Create(ctx, &leads.Opportunity{RecordID: ada.ID, Title: "x", Currency: "EUR",
		Lines: []leads.LineItem{line("a", "1", "1", ""), line("b", "1", "1", ""), line("c", "1", "0.001", "")}})

	requireFieldErrors(t, err, "lines[2].unit_price")
	all, err := leads.Collect(b.Opportunities().List(ctx, uuid.Nil))
	require.NoError(t, err)
	require.Len(t, all, 3)

	at := clock.Advance(time.Hour).UTC()
	edited, err := b.Opportunities().Edit(ctx, o.ID, func(o *leads.Opportunity) error {
		o.Lines = append(o.Lines, line("Service", "1.5", "80.00", ""))
		o.Stage = leads.StageNegotiation
		return nil
	})
	require.NoError(t, err)
	require.Equal(t, "3719.10", edited.Total().StringFixed(2))
	require.Equal(t, at, edited.UpdatedAt)
	require.EqualValues(t, 2, edited.Version)
	_, err = b.Opportunities().Edit(ctx, o.ID, func(o *leads.Opportunity) error { o.Lines[0].Discount = decimal.NewFromInt(150); return nil })
	requireFieldErrors(t, err, "lines[0].discount")
	_, err = b.Opportunities().Edit(ctx, o.ID, func(o *leads.Opportunity) error { o.RecordID = uuid.Must(uuid.NewV7()); return nil })
	requireFieldErrors(t, err, "record_id")
	moved, err := b.Opportunities().Edit(ctx, o.ID, func(o *leads.Opportunity) error { o.RecordID = bob.ID; return nil })
	require.NoError(t, err)
	require.Equal(t, bob.ID, moved.RecordID)
	got, err = b.Opportunities().Get(ctx, o.ID)
	require.NoError(t, err)
	require.Equal(t, moved, got, "the failed edits changed nothing")

	require.NoError(t, b.Opportunities().Delete(ctx, third.ID))
	require.ErrorIs(t, b.Opportunities().Delete(ctx, third.ID), leads.ErrNotFound)

	// Deleting a record deletes its opportunities with it.
	require.NoError(t, b.Delete(ctx, bob.ID))
	all, err = leads.Collect(b.Opportunities().List(ctx, uuid.Nil))
	require.NoError(t, err)
	require.Empty(t, all, "both of Bob's went: %v", second.ID)
}
