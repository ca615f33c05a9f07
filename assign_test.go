package leads_test

import (
	"context"
	"errors"
	"fmt"
	"testing"

	"github.com/google/uuid"
	"github.com/stretchr/testify/require"

	"github.com/leadkit/leads"
)

func addUsers(t *testing.T, b *leads.Book, ctx context.Context, names ...string) {
	t.Helper()
	for _, n := range names {
		_, err := b.Users().Create(ctx, &leads.User{Name: n, Email: ""})
		require.NoError(t, err)
	}
}

func owners(t *testing.T, b *leads.Book, ctx context.Context, ids []uuid.UUID) []string {
	t.Helper()
	var out []string
	for _, id := range ids {
		l, err := b.Get(ctx, id)
		require.NoError(t, err)
		out = append(out, l.AssignedTo)
	}
	return out
}

func TestAssign(t *testing.T) {
	bothPaths(t, func(t *testing.T, b *leads.Book, _ *fakeClock, ctx context.Context) {
		ls := bulkSet(t, b, ctx)
		ids := idsOf(ls)
		_, err := b.Assign(ctx, "bob", ids...)
		require.ErrorIs(t, err, leads.ErrNotMember, "no users at all: nobody is a member")
		addUsers(t, b, ctx, "bob", "carol")

		n, err := b.Assign(ctx, "Bob", ids[:2]...)
		require.NoError(t, err)
		require.Equal(t, 2, n)
		require.Equal(t, []string{"bob", "bob", ""}, owners(t, b, ctx, ids))

		missing := uuid.Must(uuid.NewV7())
		for name, call := range map[string]func() (int, error){
			"stranger":   func() (int, error) { return b.Assign(ctx, "mallory", ids...) },
			"unknown ID": func() (int, error) { return b.Assign(ctx, "carol", ids[2], missing) },
			"unassign unknown": func() (int, error) {
				return b.Assign(ctx, "", ids[0], missing)
			},
		} {
			_, err := call()
			require.Error(t, err, name)
			require.Equal(t, []string{"bob", "bob", ""}, owners(t, b, ctx, ids), "%s: nothing changed", name)
		}
		_, err = b.Assign(ctx, "carol", ids[2], missing)
		require.ErrorIs(t, err, leads.ErrNotFound)
		require.ErrorContains(t, err, missing.String())

		n, err = b.Assign(ctx, "carol", ids...)
		require.NoError(t, err)
		require.Equal(t, 3, n)
		n, err = b.Assign(ctx, "", ids[0], ids[0])
		require.NoError(t, err)
		require.Equal(t, 1, n)
		require.Equal(t, []string{"", "carol", "carol"}, owners(t, b, ctx, ids))
	})
}

func TestAssignRoundRobin(t *testing.T) {
	b, _, ctx := newBook(t)
	addUsers(t, b, ctx, "ann", "ben", "cat", "dan")
	var ids []uuid.UUID
	for i := range 7 {
		ids = append(ids, mustCreate(t, b, ctx, &leads.Lead{FullName: fmt.Sprintf("Lead %d", i)}).ID)
	}
	got, err := b.AssignRoundRobin(ctx, []string{"cat", "ann", "ben"}, ids[:4]...)
	require.NoError(t, err)
	require.Equal(t, []leads.Assignment{{ids[0], "cat"}, {ids[1], "ann"}, {ids[2], "ben"}, {ids[3], "cat"}}, got)
	require.Equal(t, []string{"cat", "ann", "ben", "cat"}, owners(t, b, ctx, ids[:4]))

	// The turn carries over to the next call, one lead at a time.
	for i, want := range []string{"ann", "ben", "cat"} {
		got, err := b.AssignRoundRobin(ctx, []string{"cat", "ann", "ben"}, ids[4+i])
		require.NoError(t, err)
		require.Equal(t, []leads.Assignment{{ids[4+i], want}}, got)
	}
	// A member new to the list goes first; then the rotation goes on.
	got, err = b.AssignRoundRobin(ctx, []string{"cat", "ann", "ben", "dan"}, ids[0], ids[1])
	require.NoError(t, err)
	require.Equal(t, []leads.Assignment{{ids[0], "dan"}, {ids[1], "ann"}}, got)

	before := owners(t, b, ctx, ids)
	for name, call := range map[string]func() error{
		"stranger": func() error { _, err := b.AssignRoundRobin(ctx, []string{"ann", "zed"}, ids...); return err },
		"no one":   func() error { _, err := b.AssignRoundRobin(ctx, nil, ids...); return err },
		"unknown ID": func() error {
			_, err := b.AssignRoundRobin(ctx, []string{"ben"}, ids[0], uuid.Must(uuid.NewV7()))
			return err
		},
	} {
		require.Error(t, call(), name)
		require.Equal(t, before, owners(t, b, ctx, ids), "%s: nothing changed", name)
	}
	// A failed call does not move the turn either: ben's last turn (6)
	// is still older than cat's (7).
	got, err = b.AssignRoundRobin(ctx, []string{"cat", "ben"}, ids[6])
	require.NoError(t, err)
	require.Equal(t, "ben", got[0].To)
}

func TestAssignByRules(t *testing.T) {
	b, _, ctx := newBook(t)
	addUsers(t, b, ctx, "ann", "ben", "cat")
	mk := func(name, company, source string, st leads.Status, owner string) uuid.UUID {
		return mustCreate(t, b, ctx, &leads.Lead{FullName: name, Company: company, Source: source,
			Status: st, AssignedTo: owner}).ID
	}
	// ann already holds one open lead and one converted one.
	mk("Old Open", "X", "", leads.StatusNew, "ann")
	mk("Old Won", "X", "", leads.StatusConverted, "ann")
	web1 := mk("Web One", "Acme", "Web", leads.StatusNew, "")
	web2 := mk("Web Two", "Acme", "Web", leads.StatusNew, "")
	web3 := mk("Web Three", "Beta", "Web", leads.StatusNew, "")
	lost := mk("Web Lost", "Beta", "Web", leads.StatusDisqualified, "")
	fair := mk("Fair One", "Gamma", "Trade show", leads.StatusNew, "")
	other := mk("Other", "Delta", "", leads.StatusNew, "")

	rules := []leads.Rule{
		{Query: leads.Query{Where: leads.Eq(leads.FieldSource, "Web")}, To: "ann", MaxOpen: 2},
		{Query: leads.Query{Where: leads.Eq(leads.FieldSource, "Web")}, To: "ben"},
		{Query: leads.Query{Where: leads.Eq(leads.FieldSource, "Trade show")}, To: "cat", MaxOpen: 5},
	}
	got, err := b.AssignByRules(ctx, rules, web1, web2, web3, lost, fair, other)
	require.NoError(t, err)
	require.Equal(t, []leads.Assignment{
		{web1, "ann"}, // ann: 2 open now, at the cap
		{web2, "ben"}, // passed on to the next rule
		{web3, "ben"},
		{lost, "ann"}, // not open: the cap does not apply
		{fair, "cat"},
		{other, ""}, // no rule: left alone
	}, got)
	require.Equal(t, []string{"ann", "ben", "ben", "ann", "cat", ""},
		owners(t, b, ctx, []uuid.UUID{web1, web2, web3, lost, fair, other}))

	// Deterministic: the same rules give the same result again, with no
	// record changed (each already has its rule's owner).
	again, err := b.AssignByRules(ctx, rules, web1, web2, web3, lost, fair, other)
	require.NoError(t, err)
	require.Equal(t, got, again)

	before := owners(t, b, ctx, []uuid.UUID{web1, web2, web3})
	for name, rs := range map[string][]leads.Rule{
		"stranger":      {{Query: leads.Query{}, To: "zed"}},
		"bad query":     {{Query: leads.Query{Where: leads.Eq("colour", "red")}, To: "ann"}},
		"negative cap":  {{Query: leads.Query{}, To: "ann", MaxOpen: -1}},
		"inactive user": nil,
	} {
		if rs == nil {
			_, err := b.Users().Edit(ctx, "cat", func(u *leads.User) error { u.Active = false; return nil })
			require.NoError(t, err)
			rs = []leads.Rule{{Query: leads.Query{}, To: "cat"}}
		}
		_, err := b.AssignByRules(ctx, rs, web1, web2, web3)
		require.Error(t, err, name)
		require.Equal(t, before, owners(t, b, ctx, []uuid.UUID{web1, web2, web3}), "%s: nothing changed", name)
	}
	_, err = b.AssignByRules(ctx, []leads.Rule{{To: "ben"}}, web1, uuid.Must(uuid.NewV7()))
	require.ErrorIs(t, err, leads.ErrNotFound)
	require.Equal(t, before, owners(t, b, ctx, []uuid.UUID{web1, web2, web3}))
}

func TestBookUpdateRetries(t *testing.T) {
	b, _, ctx := newBook(t)
	l := mustCreate(t, b, ctx, &leads.Lead{FullName: "Ada Lovelace"})
	calls := 0
	got, err := b.EditRetrying(ctx, l.ID, func(cur *leads.Lead) error {
		calls++
		if calls <= 2 {
			// Somebody else writes between our read and our save.
			_, err := b.Edit(ctx, l.ID, func(o *leads.Lead) error { o.Company += "x"; return nil })
			require.NoError(t, err)
		}
		cur.JobTitle = "Countess"
		return nil
	})
	require.NoError(t, err)
	require.Equal(t, 3, calls, "two conflicts, then saved")
	require.Equal(t, "Countess", got.JobTitle)
	require.Equal(t, "xx", got.Company, "the other writes are kept")
	require.EqualValues(t, 4, got.Version)

	// Bounded: a record that always changes makes Update give up, reporting
	// a conflict, and its change is not written.
	b2 := leads.New(b.Store(), leads.WithRetryAttempts(3))
	calls = 0
	_, err = b2.EditRetrying(ctx, l.ID, func(cur *leads.Lead) error {
		calls++
		_, err := b.Edit(ctx, l.ID, func(o *leads.Lead) error { o.Company += "y"; return nil })
		require.NoError(t, err)
		cur.JobTitle = "never"
		return nil
	})
	require.ErrorIs(t, err, leads.ErrConflict)
	require.ErrorContains(t, err, "3 attempts")
	require.Equal(t, 3, calls)
	cur, err := b.Get(ctx, l.ID)
	require.NoError(t, err)
	require.Equal(t, "Countess", cur.JobTitle)

	stop := errors.New("stop")
	_, err = b.EditRetrying(ctx, l.ID, func(*leads.Lead) error { return stop })
	require.ErrorIs(t, err, stop)
	_, err = b.EditRetrying(ctx, uuid.Must(uuid.NewV7()), func(*leads.Lead) error { return nil })
	require.ErrorIs(t, err, leads.ErrNotFound)

	cancelled, cancel := context.WithCancel(ctx)
	calls = 0
	_, err = b.EditRetrying(cancelled, l.ID, func(cur *leads.Lead) error {
		calls++
		_, err := b.Edit(ctx, l.ID, func(o *leads.Lead) error { o.Company += "z"; return nil })
		require.NoError(t, err)
		cancel()
		return nil
	})
	require.ErrorIs(t, err, context.Canceled)
	require.Equal(t, 1, calls, "a cancelled context stops the retries")
}
