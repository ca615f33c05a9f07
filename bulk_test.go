package leads_test

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/google/uuid"
	"github.com/shopspring/decimal"
	"github.com/stretchr/testify/require"

	"github.com/leadkit/leads"
	"github.com/leadkit/leads/storage/memory"
)

// plainStore hides the memory store's LeadBatchUpdater, so that tests
// run the core's generic fallback too.
type plainStore struct{ *memory.Store }

func (s plainStore) Atomic(ctx context.Context, fn func(leads.Tx) error) error {
	return s.Store.Atomic(ctx, func(tx leads.Tx) error { return fn(plainTx{tx}) })
}

type plainTx struct{ leads.Tx }

func (t plainTx) Leads() leads.LeadRepository { return plainLeads{t.Tx.Leads()} }

type plainLeads struct{ leads.LeadRepository }

// bothPaths runs fn with a Book over a store with the native batch update
// and over one without.
func bothPaths(t *testing.T, fn func(t *testing.T, b *leads.Book, clock *fakeClock, ctx context.Context)) {
	t.Run("native", func(t *testing.T) {
		b, clock, ctx := newBook(t)
		_, native := any(struct{ leads.Tx }{}).(leads.LeadBatchUpdater)
		require.False(t, native)
		fn(t, b, clock, ctx)
	})
	t.Run("generic", func(t *testing.T) {
		clock := &fakeClock{t: t0}
		store := plainStore{memory.New()}
		err := store.Atomic(context.Background(), func(tx leads.Tx) error {
			_, native := tx.Leads().(leads.LeadBatchUpdater)
			require.False(t, native, "the plain store hides the native path")
			return nil
		})
		require.NoError(t, err)
		b := leads.New(store, leads.WithClock(leads.ClockFunc(clock.Now)))
		fn(t, b, clock, leads.WithActor(context.Background(), "alice"))
	})
}

// bulkSet creates three leads for bulk edits.
func bulkSet(t *testing.T, b *leads.Book, ctx context.Context) []*leads.Lead {
	t.Helper()
	return []*leads.Lead{
		mustCreate(t, b, ctx, &leads.Lead{FullName: "Ada Lovelace", Company: "Engines", Source: "Web",
			Custom: map[string]string{"region": "north"}, Emails: []leads.Email{{Address: "ada@example.com"}}}),
		mustCreate(t, b, ctx, &leads.Lead{FullName: "Alan Turing", Company: "Bletchley", Score: leads.ManualScore(2)}),
		mustCreate(t, b, ctx, &leads.Lead{FullName: "Grace Hopper", Company: "Engines"}),
	}
}

func idsOf(ls []*leads.Lead) []uuid.UUID {
	var out []uuid.UUID
	for _, l := range ls {
		out = append(out, l.ID)
	}
	return out
}

func TestBulkEdit(t *testing.T) {
	bothPaths(t, func(t *testing.T, b *leads.Book, clock *fakeClock, ctx context.Context) {
		_, err := b.Users().Create(ctx, &leads.User{Name: "bob", Email: ""})
		require.NoError(t, err)
		acct, err := b.Accounts().Create(ctx, &leads.Account{Name: "Engines Ltd"})
		require.NoError(t, err)
		for _, tc := range []struct {
			change  leads.Change
			changed int
			check   func(t *testing.T, l *leads.Lead)
			pre     leads.Change // made first, when set
		}{
			{parsed(t, leads.FieldCompany, "Acme"), 3, func(t *testing.T, l *leads.Lead) { require.Equal(t, "Acme", l.Company) }, leads.Change{}},
			{parsed(t, leads.FieldCompany, "Acme"), 0, nil, parsed(t, leads.FieldCompany, "Acme")}, // already so
			{leads.Clear(leads.FieldCompany), 3, func(t *testing.T, l *leads.Lead) { require.Empty(t, l.Company) }, leads.Change{}},
			{parsed(t, leads.FieldSource, "Trade show"), 3, func(t *testing.T, l *leads.Lead) { require.Equal(t, "Trade show", l.Source) }, leads.Change{}},
			{leads.Clear(leads.FieldSource), 1, func(t *testing.T, l *leads.Lead) { require.Empty(t, l.Source) }, leads.Change{}},
			{parsed(t, leads.FieldAssignedTo, "BOB"), 3, func(t *testing.T, l *leads.Lead) { require.Equal(t, "bob", l.AssignedTo) }, leads.Change{}},
			{leads.Clear(leads.FieldAssignedTo), 3, func(t *testing.T, l *leads.Lead) { require.Empty(t, l.AssignedTo) },
				parsed(t, leads.FieldAssignedTo, "bob")},
			{parsed(t, leads.CustomField("region"), "south"), 3, func(t *testing.T, l *leads.Lead) { require.Equal(t, "south", l.Custom["region"]) }, leads.Change{}},
			{leads.Clear(leads.CustomField("region")), 1, func(t *testing.T, l *leads.Lead) { require.NotContains(t, l.Custom, "region") }, leads.Change{}},
			{leads.Clear(leads.CustomField("region")), 0, nil, leads.Clear(leads.CustomField("region"))},
			{parsed(t, leads.FieldStars, "4"), 3, func(t *testing.T, l *leads.Lead) { require.Equal(t, leads.ManualScore(4), l.Score) }, leads.Change{}},
			{leads.Clear(leads.FieldStars), 1, func(t *testing.T, l *leads.Lead) {
				require.Equal(t, leads.ScoreAuto, l.Score.Type)
				require.Zero(t, l.Score.Stars, "rescored: no checks, no stars")
				require.True(t, l.Score.Value.Equal(decimal.Zero))
			}, leads.Change{}},
			{parsed(t, leads.FieldScoreType, "manual"), 2, func(t *testing.T, l *leads.Lead) { require.Equal(t, leads.ScoreManual, l.Score.Type) }, leads.Change{}},
			{parsed(t, leads.FieldStatus, "Qualified"), 3, func(t *testing.T, l *leads.Lead) { require.Equal(t, leads.StatusQualified, l.Status) }, leads.Change{}},
			{parsed(t, leads.FieldJobTitle, "CTO"), 3, func(t *testing.T, l *leads.Lead) { require.Equal(t, "CTO", l.JobTitle) }, leads.Change{}},
			{parsed(t, leads.FieldAccountID, acct.ID.String()), 3, func(t *testing.T, l *leads.Lead) { require.Equal(t, acct.ID, l.AccountID) }, leads.Change{}},
			{leads.Clear(leads.FieldAccountID), 3, func(t *testing.T, l *leads.Lead) { require.Equal(t, uuid.Nil, l.AccountID) },
				parsed(t, leads.FieldAccountID, acct.ID.String())},
			{parsed(t, leads.FieldEmail, " team@example.com "), 3, func(t *testing.T, l *leads.Lead) {
				require.Equal(t, []leads.Email{{Address: "team@example.com"}}, l.Emails)
			}, leads.Change{}},
			{leads.Clear(leads.FieldEmail), 1, func(t *testing.T, l *leads.Lead) { require.Empty(t, l.Emails) }, leads.Change{}},
			{parsed(t, leads.FieldPhone, "Mobile=555 0100"), 3, func(t *testing.T, l *leads.Lead) {
				require.Equal(t, []leads.Phone{{Label: leads.PhoneMobile, Number: "555 0100"}}, l.Phones)
			}, leads.Change{}},
			// An "=" inside a number is not a label's: RFC 3966.
			{parsed(t, leads.FieldPhone, "tel:+1-201-555-0123;ext=12"), 3, func(t *testing.T, l *leads.Lead) {
				require.Equal(t, []leads.Phone{{Label: leads.PhoneBusiness, Number: "tel:+1-201-555-0123;ext=12"}}, l.Phones)
			}, leads.Change{}},
			{parsed(t, leads.FieldWebPage, "example.com/our team"), 3, func(t *testing.T, l *leads.Lead) {
				require.Equal(t, []string{"example.com/our team"}, l.WebPages, "kept as written")
			}, leads.Change{}},
			{parsed(t, leads.FieldWebPage, "https://example.com"), 3, func(t *testing.T, l *leads.Lead) { require.Equal(t, []string{"https://example.com"}, l.WebPages) }, leads.Change{}},
			{parsed(t, leads.FieldLastName, "Smith"), 3, func(t *testing.T, l *leads.Lead) {
				require.Equal(t, "Smith", l.LastName)
				require.Contains(t, l.FileAs, "Smith", "a derived File As follows the name parts")
			}, leads.Change{}},
		} {
			ls := bulkSet(t, b, ctx)
			if tc.pre.Field != "" {
				_, err := b.BulkEdit(ctx, tc.pre, idsOf(ls)...)
				require.NoError(t, err)
				for i, l := range ls {
					ls[i], err = b.Get(ctx, l.ID)
					require.NoError(t, err)
				}
			}
			at := clock.Advance(1e9)
			n, err := b.BulkEdit(leads.WithActor(ctx, "bob"), tc.change, append(idsOf(ls), ls[0].ID)...)
			require.NoError(t, err, tc.change.String())
			require.Equal(t, tc.changed, n, tc.change.String())
			written := 0
			for _, l := range ls {
				got, err := b.Get(ctx, l.ID)
				require.NoError(t, err)
				if got.Version == l.Version {
					require.Equal(t, l, got, "%s: an unchanged record is not written", tc.change)
				} else {
					written++
					require.Equal(t, l.Version+1, got.Version, tc.change.String())
					require.Equal(t, at.UTC(), got.UpdatedAt)
					require.Equal(t, "bob", got.UpdatedBy)
				}
				if tc.check != nil {
					tc.check(t, got)
				}
				require.NoError(t, got.Validate())
			}
			require.Equal(t, tc.changed, written, "%s: the count is of records written", tc.change)
		}
	})
}

// TestBulkEditRefuses checks bad input: the error names the field or the
// record, and nothing changes.
func TestBulkEditRefuses(t *testing.T) {
	bothPaths(t, func(t *testing.T, b *leads.Book, _ *fakeClock, ctx context.Context) {
		_, err := b.Users().Create(ctx, &leads.User{Name: "bob", Email: ""})
		require.NoError(t, err)
		ls := bulkSet(t, b, ctx)
		ids := idsOf(ls)
		missing := []uuid.UUID{uuid.Must(uuid.NewV7()), uuid.Must(uuid.NewV7())}
		before := snapshot(t, b, ctx)
		for _, tc := range []struct {
			name   string
			change leads.Change // when text is "": the typed change
			text   string       // the change as a person types it (ParseChange)
			ids    []uuid.UUID
			is     error
			says   []string
		}{
			{"unknown field", leads.Change{Field: "colour"}, "red", ids, leads.ErrInvalid, []string{"colour", "unknown field"}},
			{"clear full name", leads.Clear(leads.FieldFullName), "", ids, leads.ErrInvalid, []string{"full_name", "cannot be cleared"}},
			{"empty full name", leads.Change{Field: leads.FieldFullName}, " ", ids, leads.ErrInvalid, []string{"full_name"}},
			{"stars not a number", leads.Change{Field: leads.FieldStars}, "abc", ids, leads.ErrInvalid, []string{"stars", `"abc"`}},
			{"stars out of range", leads.Change{Field: leads.FieldStars}, "6", ids, leads.ErrInvalid, []string{"stars"}},
			{"bad status", leads.Change{Field: leads.FieldStatus}, "hot", ids, leads.ErrInvalid, []string{"status"}},
			{"clear status", leads.Clear(leads.FieldStatus), "", ids, leads.ErrInvalid, []string{"status"}},
			{"bad e-mail", leads.Change{Field: leads.FieldEmail}, "nope", ids, leads.ErrInvalid, []string{"email"}},
			{"bad phone", leads.Change{Field: leads.FieldPhone}, "555\x07 0100", ids, leads.ErrInvalid, []string{"phone", "control character"}},
			{"long company", leads.Change{Field: leads.FieldCompany}, strings.Repeat("é", leads.MaxCompanyLen+1), ids, leads.ErrInvalid,
				[]string{"company: 1001 characters, over the limit of 1000"}},
			{"bad phone label", leads.Change{Field: leads.FieldPhone}, "Pager=555", ids, leads.ErrInvalid, []string{"Pager"}},
			{"account not an ID", leads.Change{Field: leads.FieldAccountID}, "acme", ids, leads.ErrInvalid, []string{"account_id", `"acme"`}},
			{"unknown account", leads.Change{Field: leads.FieldAccountID}, missing[0].String(), ids, leads.ErrInvalid, []string{"account_id", missing[0].String()}},
			{"self initiator", leads.Change{Field: leads.FieldInitiatedBy}, ids[1].String(), ids, leads.ErrInvalid, []string{"initiated_by", ids[1].String()}},
			{"derived field", leads.Change{Field: leads.FieldScore}, "2.5", ids, leads.ErrInvalid, []string{"score", "cannot be edited in bulk"}},
			{"version", leads.Change{Field: leads.FieldVersion}, "9", ids, leads.ErrInvalid, []string{"version"}},
			{"empty custom name", leads.Change{Field: "custom."}, "x", ids, leads.ErrInvalid, []string{"custom"}},
			{"NUL byte", leads.Change{Field: leads.FieldCompany}, "a\x00b", ids, leads.ErrInvalid, []string{"company"}},
			{"not a member", leads.Change{Field: leads.FieldAssignedTo}, "mallory", ids, leads.ErrNotMember, []string{"mallory"}},
			{"unknown IDs", parsed(t, leads.FieldCompany, "Acme"), "", append(ids, missing...), leads.ErrNotFound,
				[]string{missing[0].String(), missing[1].String()}},
			// Typed values: the wrong type, out of range.
			{"stars as text", leads.Set(leads.FieldStars, "4"), "", ids, leads.ErrInvalid, []string{"stars", "leads.Stars", "string"}},
			{"typed stars out of range", leads.Set(leads.FieldStars, leads.Stars(6)), "", ids, leads.ErrInvalid, []string{"stars"}},
			{"typed bad status", leads.Set(leads.FieldStatus, leads.Status("hot")), "", ids, leads.ErrInvalid, []string{"status", `"hot"`}},
			{"nil account", leads.Set(leads.FieldAccountID, uuid.Nil), "", ids, leads.ErrInvalid, []string{"account_id"}},
			{"status as text", leads.Change{Field: leads.FieldStatus, Value: "new"}, "", ids, leads.ErrInvalid, []string{"status", "leads.Status"}},
		} {
			c, err := tc.change, error(nil)
			if tc.text != "" || (tc.change.Value == nil && !tc.change.Clear) {
				c, err = leads.ParseChange(tc.change.Field, tc.text)
			}
			if err == nil {
				_, err = b.BulkEdit(ctx, c, tc.ids...)
			}
			require.ErrorIs(t, err, tc.is, tc.name)
			for _, s := range tc.says {
				require.ErrorContains(t, err, s, tc.name)
			}
			require.Equal(t, before, snapshot(t, b, ctx), "%s: nothing changed", tc.name)
		}
		n, err := b.BulkEdit(ctx, parsed(t, leads.FieldCompany, "x"))
		require.NoError(t, err)
		require.Zero(t, n, "no records, nothing to do")
	})
}

// TestBulkEditNamesRecords checks that a change valid in itself but not
// for some records names those records and their fields.
func TestBulkEditNamesRecords(t *testing.T) {
	b, _, ctx := newBook(t)
	ls := bulkSet(t, b, ctx)
	// The first lead is initiated by the second; making every lead
	// initiated by the first fails for the first only.
	_, err := b.BulkEdit(ctx, parsed(t, leads.FieldInitiatedBy, ls[0].ID.String()), idsOf(ls)...)
	var re *leads.RecordError
	require.ErrorAs(t, err, &re)
	require.Equal(t, ls[0].ID, re.ID)
	require.ErrorContains(t, err, "record "+ls[0].ID.String()+": initiated_by")
	requireFieldErrors(t, err, "initiated_by")
	_, err = b.Get(ctx, ls[1].ID)
	require.NoError(t, err)
}

// TestBulkEditLimitsErrors checks that an error over many unknown IDs
// names the first few and counts the rest.
func TestBulkEditLimitsErrors(t *testing.T) {
	b, _, ctx := newBook(t)
	var ids []uuid.UUID
	for range 25 {
		ids = append(ids, uuid.Must(uuid.NewV7()))
	}
	_, err := b.BulkEdit(ctx, parsed(t, leads.FieldCompany, "x"), ids...)
	require.ErrorIs(t, err, leads.ErrNotFound)
	require.ErrorContains(t, err, ids[0].String())
	require.NotContains(t, err.Error(), ids[24].String())
	require.ErrorContains(t, err, "and 15 more unknown IDs")
}

// snapshot returns every record, for checks that nothing changed.
func snapshot(t *testing.T, b *leads.Book, ctx context.Context) []string {
	t.Helper()
	var out []string
	for l, err := range b.List(ctx, leads.Query{}) {
		require.NoError(t, err)
		out = append(out, fmt.Sprintf("%+v", *l))
	}
	return out
}

func TestDeleteMany(t *testing.T) {
	b, _, ctx := newBook(t)
	ls := bulkSet(t, b, ctx)
	missing := uuid.Must(uuid.NewV7())
	err := b.Delete(ctx, ls[0].ID, missing, ls[1].ID)
	require.ErrorIs(t, err, leads.ErrNotFound)
	require.ErrorContains(t, err, missing.String())
	require.Equal(t, 3, count(t, b, ctx), "all or nothing")
	require.NoError(t, b.Delete(ctx, ls[0].ID, ls[1].ID, ls[0].ID))
	require.Equal(t, 1, count(t, b, ctx))
	_, err = b.Get(ctx, ls[2].ID)
	require.NoError(t, err)
}

// TestBulkEditUserDefinedFields checks that values of user-defined fields
// must fit their definitions, as in Edit, and are stored canonical.
func TestBulkEditUserDefinedFields(t *testing.T) {
	bothPaths(t, func(t *testing.T, b *leads.Book, _ *fakeClock, ctx context.Context) {
		_, err := b.Fields().Create(ctx, &leads.FieldDefinition{RecordType: leads.TypeLead, Name: "Budget", Type: leads.CustomNumber})
		require.NoError(t, err)
		ls := bulkSet(t, b, ctx)
		before := snapshot(t, b, ctx)
		_, err = b.BulkEdit(ctx, parsed(t, leads.CustomField("Budget"), "lots"), idsOf(ls)...)
		require.ErrorIs(t, err, leads.ErrInvalid)
		require.ErrorContains(t, err, "custom.Budget")
		require.ErrorContains(t, err, ls[0].ID.String())
		require.Equal(t, before, snapshot(t, b, ctx), "nothing changed")

		n, err := b.BulkEdit(ctx, parsed(t, leads.CustomField("Budget"), "1200.50"), idsOf(ls)...)
		require.NoError(t, err)
		require.Equal(t, 3, n)
		n, err = b.BulkEdit(ctx, leads.Clear(leads.CustomField("Budget")), idsOf(ls)...)
		require.NoError(t, err)
		require.Equal(t, 3, n)
	})
}

// TestBulkEditLogsChanges checks that every record a bulk edit, an assign
// or a rename changes gets a change log entry in the same write, and that
// a failed bulk edit logs nothing.
func TestBulkEditLogsChanges(t *testing.T) {
	bothPaths(t, func(t *testing.T, b *leads.Book, _ *fakeClock, ctx context.Context) {
		addUsers(t, b, ctx, "bob")
		ls := bulkSet(t, b, ctx)
		changes := func(id uuid.UUID) []*leads.HistoryItem {
			h, err := leads.Collect(b.History().List(ctx, id, leads.HistoryFilter{Kinds: []leads.HistoryKind{leads.KindChange}}))
			require.NoError(t, err)
			return h
		}
		base := len(changes(ls[0].ID))

		_, err := b.BulkEdit(ctx, leads.Set(leads.FieldStars, leads.Stars(9)), idsOf(ls)...)
		require.Error(t, err)
		require.Len(t, changes(ls[0].ID), base, "a failed bulk edit logs nothing")

		n, err := b.BulkEdit(ctx, leads.Clear(leads.FieldSource), idsOf(ls)...)
		require.NoError(t, err)
		require.Equal(t, 1, n)
		got := changes(ls[0].ID)
		require.Len(t, got, base+1)
		require.Equal(t, "source", got[0].Changes[0].Field)
		require.Equal(t, `"Web"`, string(got[0].Changes[0].From))
		require.Len(t, changes(ls[1].ID), base, "an unchanged record gets no entry")

		_, err = b.Assign(ctx, "bob", idsOf(ls)...)
		require.NoError(t, err)
		_, err = b.Users().Rename(ctx, "bob", "Robert")
		require.NoError(t, err)
		for _, l := range ls {
			got := changes(l.ID)
			require.Equal(t, "assigned_to", got[0].Changes[0].Field, "the rename is logged")
			require.Equal(t, `"Robert"`, string(got[0].Changes[0].To))
			require.Equal(t, "assigned_to", got[1].Changes[0].Field, "the assign is logged")
		}
	})
}

// parsed returns the Change that ParseChange reads from text as a person
// types it.
func parsed(t *testing.T, f leads.Field, s string) leads.Change {
	t.Helper()
	c, err := leads.ParseChange(f, s)
	require.NoError(t, err)
	return c
}
