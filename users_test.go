package leads_test

import (
	"context"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/leadkit/leads"
)

func userNames(t *testing.T, b *leads.Book) []string {
	t.Helper()
	users, err := leads.Collect(b.Users().List(context.Background()))
	require.NoError(t, err)
	var names []string
	for _, u := range users {
		names = append(names, u.Name)
	}
	return names
}

func TestUsersAddList(t *testing.T) {
	b, _, ctx := newBook(t)
	require.Empty(t, userNames(t, b))
	u, err := b.Users().Create(ctx, &leads.User{Name: "  bob ", Email: "bob@example.com"})
	require.NoError(t, err)
	require.Equal(t, "bob", u.Name)
	require.True(t, u.Active, "a new user is active")
	_, err = b.Users().Create(ctx, &leads.User{Name: "Ada", Email: ""})
	require.NoError(t, err)
	require.Equal(t, []string{"Ada", "bob"}, userNames(t, b), "ordered by name, ignoring case")

	for name, tc := range map[string]struct {
		name, email string
		fields      []string
	}{
		"duplicate, other case": {"BOB", "", []string{"name"}},
		"empty name":            {"  ", "", []string{"name"}},
		"bad e-mail":            {"Carol", "carol at example", []string{"email"}},
	} {
		_, err := b.Users().Create(ctx, &leads.User{Name: tc.name, Email: tc.email})
		requireFieldErrors(t, err, tc.fields...)
		require.Equal(t, []string{"Ada", "bob"}, userNames(t, b), name)
	}
	got, err := b.Users().Get(ctx, "ADA")
	require.NoError(t, err)
	require.Equal(t, "Ada", got.Name)
	_, err = b.Users().Get(ctx, "nobody")
	require.ErrorIs(t, err, leads.ErrNotFound)
	require.ErrorContains(t, err, `"nobody"`)
}

func TestUsersRenameMovesLeads(t *testing.T) {
	b, _, ctx := newBook(t)
	_, err := b.Users().Create(ctx, &leads.User{Name: "bob", Email: ""})
	require.NoError(t, err)
	_, err = b.Users().Create(ctx, &leads.User{Name: "carol", Email: ""})
	require.NoError(t, err)
	mine := mustCreate(t, b, ctx, &leads.Lead{FullName: "Ada Lovelace", AssignedTo: "bob"})
	other := mustCreate(t, b, ctx, &leads.Lead{FullName: "Alan Turing", AssignedTo: "carol"})

	_, err = b.Users().Rename(ctx, "bob", "Carol")
	requireFieldErrors(t, err, "name")
	l, err := b.Get(ctx, mine.ID)
	require.NoError(t, err)
	require.Equal(t, "bob", l.AssignedTo, "a refused rename changes no lead")

	u, err := b.Users().Rename(ctx, "BOB", "Robert")
	require.NoError(t, err)
	require.Equal(t, "Robert", u.Name)
	require.EqualValues(t, 2, u.Version)
	l, err = b.Get(ctx, mine.ID)
	require.NoError(t, err)
	require.Equal(t, "Robert", l.AssignedTo)
	require.EqualValues(t, 2, l.Version)
	o, err := b.Get(ctx, other.ID)
	require.NoError(t, err)
	require.Equal(t, other.Version, o.Version, "other users' leads are untouched")

	_, err = b.Users().Rename(ctx, "robert", "ROBERT") // a change of case is no clash
	require.NoError(t, err)
	_, err = b.Users().Rename(ctx, "nobody", "x")
	require.ErrorIs(t, err, leads.ErrNotFound)

	_, err = b.Users().Edit(ctx, "carol", func(u *leads.User) error { u.Active = false; return nil })
	require.NoError(t, err)
	_, err = b.Assign(ctx, "carol", mine.ID)
	require.ErrorIs(t, err, leads.ErrNotMember, "an inactive user receives no leads")
	require.ErrorContains(t, err, "inactive")
}

func TestUsersRemove(t *testing.T) {
	b, _, ctx := newBook(t)
	for _, n := range []string{"bob", "carol", "dan"} {
		_, err := b.Users().Create(ctx, &leads.User{Name: n, Email: ""})
		require.NoError(t, err)
	}
	var bobs []*leads.Lead
	for _, n := range []string{"A One", "B Two", "C Three"} {
		bobs = append(bobs, mustCreate(t, b, ctx, &leads.Lead{FullName: n, AssignedTo: "bob"}))
	}
	assigned := func(name string) int {
		n, err := b.Count(ctx, leads.Query{Where: leads.Eq(leads.FieldAssignedTo, name)})
		require.NoError(t, err)
		return n
	}

	_, err := b.Users().Delete(ctx, "bob", leads.Handover{})
	require.ErrorIs(t, err, leads.ErrHasLeads)
	var hl *leads.HasLeadsError
	require.ErrorAs(t, err, &hl)
	require.Equal(t, 3, hl.Count)
	require.ErrorContains(t, err, "3 leads")

	for name, h := range map[string]leads.Handover{
		"to a stranger": {To: "nobody"},
		"to themselves": {To: "Bob"},
	} {
		_, err := b.Users().Delete(ctx, "bob", h)
		require.ErrorIs(t, err, leads.ErrNotMember, name)
	}
	_, err = b.Users().Delete(ctx, "bob", leads.Handover{To: "carol", Unassign: true})
	requireFieldErrors(t, err, "handover")
	require.Equal(t, 3, assigned("bob"), "refused removals hand nothing over")
	require.Contains(t, userNames(t, b), "bob")

	n, err := b.Users().Delete(ctx, "bob", leads.Handover{To: "CAROL"})
	require.NoError(t, err)
	require.Equal(t, 3, n)
	require.Equal(t, 3, assigned("carol"), "handed over under the stored name")
	require.Equal(t, []string{"carol", "dan"}, userNames(t, b))

	n, err = b.Users().Delete(ctx, "carol", leads.Handover{Unassign: true})
	require.NoError(t, err)
	require.Equal(t, 3, n)
	for _, l := range bobs {
		got, err := b.Get(ctx, l.ID)
		require.NoError(t, err)
		require.Empty(t, got.AssignedTo)
		require.Equal(t, "alice", got.UpdatedBy)
	}
	n, err = b.Users().Delete(ctx, "dan", leads.Handover{})
	require.NoError(t, err, "a user without leads goes without a handover")
	require.Zero(t, n)
	require.Empty(t, userNames(t, b))
}

// TestMembershipOnCreateAndEdit checks the rule for AssignedTo written
// through Create and Edit: free text while the database has no users, an
// active member once it has.
func TestMembershipOnCreateAndEdit(t *testing.T) {
	b, _, ctx := newBook(t)
	free := mustCreate(t, b, ctx, &leads.Lead{FullName: "Ada Lovelace", AssignedTo: "someone"})
	require.Equal(t, "someone", free.AssignedTo, "no users yet: any name")

	_, err := b.Users().Create(ctx, &leads.User{Name: "bob", Email: ""})
	require.NoError(t, err)
	_, err = b.Create(ctx, &leads.Lead{FullName: "Alan Turing", AssignedTo: "stranger"})
	require.ErrorIs(t, err, leads.ErrNotMember)
	require.ErrorContains(t, err, `"stranger"`)
	require.Equal(t, 1, count(t, b, ctx))
	mustCreate(t, b, ctx, &leads.Lead{FullName: "Alan Turing", AssignedTo: "Bob"})

	_, err = b.Edit(ctx, free.ID, func(l *leads.Lead) error { l.AssignedTo = "stranger"; return nil })
	require.ErrorIs(t, err, leads.ErrNotMember)
	l, err := b.Edit(ctx, free.ID, func(l *leads.Lead) error { l.JobTitle = "Countess"; return nil })
	require.NoError(t, err, "an edit that leaves an old free-text owner alone is fine")
	require.Equal(t, "someone", l.AssignedTo)
	l, err = b.Edit(ctx, free.ID, func(l *leads.Lead) error { l.AssignedTo = "bob"; return nil })
	require.NoError(t, err)
	require.Equal(t, "bob", l.AssignedTo)
}
