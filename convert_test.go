package leads_test

import (
	"context"
	"testing"
	"time"

	"github.com/google/uuid"
	"github.com/shopspring/decimal"
	"github.com/stretchr/testify/require"

	"github.com/leadkit/leads"
	"github.com/leadkit/leads/storage/memory"
)

// convertible creates a lead with something in every page that conversion
// must carry over.
func convertible(t *testing.T, b *leads.Book, ctx context.Context) *leads.Lead {
	t.Helper()
	l := mustCreate(t, b, ctx, &leads.Lead{FullName: "Ada Lovelace", Company: "Analytical Engines",
		Emails: []leads.Email{{Address: "ada@example.com"}}, Source: "Web",
		Checks:   map[uuid.UUID]bool{budget: true},
		Comments: []leads.Comment{{Text: "Wants two engines"}},
		Custom:   map[string]string{"region": "north"},
		Details:  leads.Details{Department: "R&D"}})
	requireScore(t, l, leads.ScoreAuto, 1, "1.25")
	return l
}

func kinds(t *testing.T, b *leads.Book, ctx context.Context, typ leads.RecordType) []uuid.UUID {
	t.Helper()
	var out []uuid.UUID
	for l, err := range b.List(ctx, leads.Query{Types: []leads.RecordType{typ}}) {
		require.NoError(t, err)
		out = append(out, l.ID)
	}
	return out
}

func TestConvert(t *testing.T) {
	b, clock, ctx := newBook(t)
	l := convertible(t, b, ctx)
	at := clock.Advance(time.Hour).UTC()
	conv, err := b.Convert(leads.WithActor(ctx, "bob"), l.ID, leads.ConvertOptions{})
	require.NoError(t, err)
	c := conv.Contact

	want := l.Clone()
	want.Type, want.Status, want.ConvertedAt = leads.TypeContact, leads.StatusConverted, at
	want.UpdatedAt, want.UpdatedBy, want.Version = at, "bob", 2
	want.StatusHistory = []leads.StatusStep{{Status: leads.StatusConverted, At: at, By: "bob"}}
	require.Equal(t, want, c, "same ID, every field kept; type, status and times changed")
	require.Equal(t, c, get(t, b, ctx, l.ID))
	require.Nil(t, conv.Account)
	require.Nil(t, conv.Opportunity)

	// The change log says what the conversion changed, and who did it.
	log, err := leads.Collect(b.History().Changes(ctx, l.ID))
	require.NoError(t, err)
	require.Len(t, log, 1)
	var fields []string
	for _, fc := range log[0].Changes {
		fields = append(fields, fc.Field)
	}
	require.Subset(t, fields, []string{"type", "status", "converted_at"})
	require.Equal(t, "bob", log[0].CreatedBy)

	require.Empty(t, kinds(t, b, ctx, leads.TypeLead), "no longer among leads")
	require.Equal(t, []uuid.UUID{l.ID}, kinds(t, b, ctx, leads.TypeContact), "among contacts")

	_, err = b.Convert(ctx, l.ID, leads.ConvertOptions{})
	require.ErrorIs(t, err, leads.ErrAlreadyConverted)
	_, err = b.Convert(ctx, uuid.Must(uuid.NewV7()), leads.ConvertOptions{})
	require.ErrorIs(t, err, leads.ErrNotFound)
	direct := mustCreate(t, b, ctx, &leads.Lead{FullName: "Born Contact", Type: leads.TypeContact})
	_, err = b.Convert(ctx, direct.ID, leads.ConvertOptions{})
	require.ErrorIs(t, err, leads.ErrAlreadyConverted, "a contact created as one")
	require.Equal(t, c, get(t, b, ctx, l.ID), "failures changed nothing")

	// Edit keeps the type and the time of conversion.
	edited, err := b.Edit(ctx, l.ID, func(l *leads.Lead) error {
		l.Type, l.ConvertedAt, l.JobTitle = leads.TypeLead, time.Time{}, "Countess"
		return nil
	})
	require.NoError(t, err)
	require.Equal(t, leads.TypeContact, edited.Type)
	require.Equal(t, at, edited.ConvertedAt)
	require.Equal(t, "Countess", edited.JobTitle)
}

func TestConvertWithAccountAndOpportunity(t *testing.T) {
	b, _, ctx := newBook(t)

	// An account made from the company name, and an opportunity.
	l := convertible(t, b, ctx)
	conv, err := b.Convert(ctx, l.ID, leads.ConvertOptions{CreateAccount: true,
		Opportunity: &leads.Opportunity{Title: "Two engines", Currency: "eur",
			Lines: []leads.LineItem{{Product: "Engine", Quantity: decimal.NewFromInt(2), UnitPrice: decimal.RequireFromString("999.99")}}}})
	require.NoError(t, err)
	require.True(t, conv.AccountCreated)
	require.Equal(t, "Analytical Engines", conv.Account.Name)
	require.Equal(t, conv.Account.ID, conv.Contact.AccountID)
	acct, err := b.Accounts().Get(ctx, conv.Account.ID)
	require.NoError(t, err)
	require.Equal(t, conv.Account, acct)
	opps, err := leads.Collect(b.Opportunities().List(ctx, l.ID))
	require.NoError(t, err)
	require.Len(t, opps, 1)
	require.Equal(t, conv.Opportunity, opps[0])
	require.Equal(t, leads.StageProspecting, opps[0].Stage)
	require.Equal(t, "EUR", opps[0].Currency)
	require.Equal(t, "1999.98", opps[0].Total().StringFixed(2))

	// Linking an existing account.
	other := mustCreate(t, b, ctx, &leads.Lead{FullName: "Grace Hopper"})
	conv2, err := b.Convert(ctx, other.ID, leads.ConvertOptions{AccountID: acct.ID})
	require.NoError(t, err)
	require.False(t, conv2.AccountCreated)
	require.Equal(t, acct.ID, conv2.Contact.AccountID)

	// A named account, and a lead that links one already keeps it.
	third := mustCreate(t, b, ctx, &leads.Lead{FullName: "Alan Turing", AccountID: acct.ID})
	conv3, err := b.Convert(ctx, third.ID, leads.ConvertOptions{})
	require.NoError(t, err)
	require.Equal(t, acct.ID, conv3.Account.ID)
	fourth := mustCreate(t, b, ctx, &leads.Lead{FullName: "Edsger Dijkstra"})
	conv4, err := b.Convert(ctx, fourth.ID, leads.ConvertOptions{CreateAccount: true, AccountName: " Mathematical Centre "})
	require.NoError(t, err)
	require.Equal(t, "Mathematical Centre", conv4.Account.Name)
	accts, err := leads.Collect(b.Accounts().List(ctx))
	require.NoError(t, err)
	require.Len(t, accts, 2)
}

func TestConvertBadInputChangesNothing(t *testing.T) {
	b, _, ctx := newBook(t)
	l := mustCreate(t, b, ctx, &leads.Lead{FullName: "No Company", Custom: map[string]string{"Tier": "Gold"}})
	_, err := b.Fields().Create(ctx, &leads.FieldDefinition{RecordType: leads.TypeContact, Name: "Tier",
		Type: leads.CustomChoice, Choices: []string{"Silver"}})

	require.NoError(t, err)
	for name, tt := range map[string]struct {
		opts   leads.ConvertOptions
		fields []string
	}{
		"no company to name the account": {leads.ConvertOptions{CreateAccount: true}, []string{"account"}},
		"both account options":           {leads.ConvertOptions{CreateAccount: true, AccountID: uuid.Must(uuid.NewV7())}, []string{"account"}},
		"unknown account":                {leads.ConvertOptions{AccountID: uuid.Must(uuid.NewV7())}, []string{"account_id"}},
		"bad opportunity": {leads.ConvertOptions{Opportunity: &leads.Opportunity{Title: "x", Currency: "EUR",
			Lines: []leads.LineItem{{Product: "p", Quantity: decimal.NewFromInt(-1)}}}}, []string{"lines[0].quantity"}},
		"custom value unfit for contacts": {leads.ConvertOptions{CreateAccount: true, AccountName: "Acme"}, []string{"custom.Tier"}},
	} {
		t.Run(name, func(t *testing.T) {
			_, err := b.Convert(ctx, l.ID, tt.opts)
			requireFieldErrors(t, err, tt.fields...)
			require.Equal(t, l, get(t, b, ctx, l.ID))
			accts, err := leads.Collect(b.Accounts().List(ctx))
			require.NoError(t, err)
			require.Empty(t, accts)
			opps, err := leads.Collect(b.Opportunities().List(ctx, uuid.Nil))
			require.NoError(t, err)
			require.Empty(t, opps)
		})
	}
}

// failingOpportunities fails every opportunity created inside a
// transaction: the last step of a conversion.
type failingOpportunities struct{ *memory.Store }

func (s failingOpportunities) Atomic(ctx context.Context, fn func(leads.Tx) error) error {
	return s.Store.Atomic(ctx, func(tx leads.Tx) error { return fn(failingOppTx{tx}) })
}

type failingOppTx struct{ leads.Tx }

func (t failingOppTx) Opportunities() leads.OpportunityRepository {
	return failingOppRepo{t.Tx.Opportunities()}
}

type failingOppRepo struct{ leads.OpportunityRepository }

func (failingOppRepo) Create(context.Context, *leads.Opportunity) error { return errDisk }

func TestConvertIsAllOrNothing(t *testing.T) {
	opts := leads.ConvertOptions{CreateAccount: true, Opportunity: &leads.Opportunity{Title: "x", Currency: "USD"}}
	check := func(t *testing.T, b *leads.Book, l *leads.Lead) {
		t.Helper()
		_, err := b.Convert(t.Context(), l.ID, opts)
		require.ErrorIs(t, err, errDisk)
		require.Equal(t, l, get(t, b, t.Context(), l.ID), "the record is still a lead")
		accts, err := leads.Collect(b.Accounts().List(t.Context()))
		require.NoError(t, err)
		require.Empty(t, accts, "the account was not created")
		opps, err := leads.Collect(b.Opportunities().List(t.Context(), uuid.Nil))
		require.NoError(t, err)
		require.Empty(t, opps)
	}
	t.Run("record update fails", func(t *testing.T) {
		store := &failingStore{Store: memory.New()}
		b := leads.New(store)
		l := convertible(t, b, t.Context())
		store.n = 1
		check(t, b, l)
	})
	t.Run("opportunity fails", func(t *testing.T) {
		b := leads.New(failingOpportunities{memory.New()})
		check(t, b, convertible(t, b, t.Context()))
	})
}

func TestAccountsBook(t *testing.T) {
	b, clock, ctx := newBook(t)
	acme, err := b.Accounts().Create(ctx, &leads.Account{Name: "Acme"})
	require.NoError(t, err)
	beta, err := b.Accounts().Create(ctx, &leads.Account{Name: "Beta"})
	require.NoError(t, err)

	at := clock.Advance(time.Minute).UTC()
	edited, err := b.Accounts().Edit(ctx, acme.ID, func(a *leads.Account) error {
		a.Name = " Acme Corp "
		a.WebPages = []string{"https://acme.example"}
		a.ID = uuid.Nil // ignored
		return nil
	})
	require.NoError(t, err)
	require.Equal(t, "Acme Corp", edited.Name)
	require.Equal(t, acme.ID, edited.ID)
	require.Equal(t, at, edited.UpdatedAt)
	require.Equal(t, acme.CreatedAt, edited.CreatedAt)
	_, err = b.Accounts().Edit(ctx, acme.ID, func(a *leads.Account) error { a.Name = ""; return nil })
	requireFieldErrors(t, err, "name")
	_, err = b.Accounts().Edit(ctx, acme.ID, func(a *leads.Account) error { return errDisk })
	require.ErrorIs(t, err, errDisk)
	_, err = b.Accounts().Edit(ctx, uuid.Must(uuid.NewV7()), func(a *leads.Account) error { return nil })
	require.ErrorIs(t, err, leads.ErrNotFound)

	accts, err := leads.Collect(b.Accounts().List(ctx))
	require.NoError(t, err)
	require.Equal(t, []string{"Acme Corp", "Beta"}, []string{accts[0].Name, accts[1].Name})

	l1 := mustCreate(t, b, ctx, &leads.Lead{FullName: "One", AccountID: acme.ID})
	l2 := mustCreate(t, b, ctx, &leads.Lead{FullName: "Two", AccountID: acme.ID, Type: leads.TypeContact})
	err = b.Accounts().Delete(ctx, acme.ID, leads.DeleteAccountOptions{})
	require.ErrorIs(t, err, leads.ErrInUse)
	var inUse *leads.InUseError
	require.ErrorAs(t, err, &inUse)
	require.Equal(t, 2, inUse.Count)
	require.ErrorContains(t, err, "linked to 2 leads and contacts")
	_, err = b.Accounts().Get(ctx, acme.ID)
	require.NoError(t, err, "not deleted")

	require.NoError(t, b.Accounts().Delete(ctx, beta.ID, leads.DeleteAccountOptions{}), "nothing links to it")
	require.NoError(t, b.Accounts().Delete(ctx, acme.ID, leads.DeleteAccountOptions{Unlink: true}))
	_, err = b.Accounts().Get(ctx, acme.ID)
	require.ErrorIs(t, err, leads.ErrNotFound)
	for _, id := range []uuid.UUID{l1.ID, l2.ID} {
		l := get(t, b, ctx, id)
		require.Equal(t, uuid.Nil, l.AccountID, "unlinked")
		require.EqualValues(t, 2, l.Version)
	}
	require.ErrorIs(t, b.Accounts().Delete(ctx, acme.ID, leads.DeleteAccountOptions{}), leads.ErrNotFound)

	// Unlinking is part of the delete: a failure keeps the links and the account.
	store := &failingStore{Store: memory.New()}
	fb := leads.New(store)
	a, err := fb.Accounts().Create(ctx, &leads.Account{Name: "Gamma"})
	require.NoError(t, err)
	var linked []uuid.UUID
	for _, n := range []string{"A", "B", "C"} {
		linked = append(linked, mustCreate(t, fb, ctx, &leads.Lead{FullName: n, AccountID: a.ID}).ID)
	}
	store.n = 3
	require.ErrorIs(t, fb.Accounts().Delete(ctx, a.ID, leads.DeleteAccountOptions{Unlink: true}), errDisk)
	_, err = fb.Accounts().Get(ctx, a.ID)
	require.NoError(t, err)
	for _, id := range linked {
		require.Equal(t, a.ID, get(t, fb, ctx, id).AccountID)
	}
}
