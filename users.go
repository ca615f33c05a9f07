package leads

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"iter"
	"slices"
	"strings"

	"github.com/google/uuid"
)

// Users are the members a Book's database is shared with, each known by
// a name that is unique ignoring case. Records are assigned to them
// (Lead.AssignedTo). Get them from Book.Users.
type Users struct{ b *Book }

// Users returns the users of the Book.
func (b *Book) Users() Users { return Users{b} }

// List streams the users the database is shared with, ordered by name.
func (s Users) List(ctx context.Context) iter.Seq2[*User, error] {
	return s.b.store.Users().List(ctx)
}

func usersIn(ctx context.Context, tx Tx) ([]User, error) {
	var out []User
	for u, err := range tx.Users().List(ctx) {
		if err != nil {
			return nil, err
		}
		out = append(out, *u)
	}
	return out, nil
}

// userNamed returns the user with the given name, ignoring case, or a
// *NotFoundError naming it.
func userNamed(ctx context.Context, tx Tx, name string) (*User, error) {
	users, err := usersIn(ctx, tx)
	if err != nil {
		return nil, err
	}
	for _, u := range users {
		if SameUser(u.Name, name) {
			return &u, nil
		}
	}
	return nil, &NotFoundError{Kind: "user", ID: fmt.Sprintf("%q", strings.TrimSpace(name))}
}

// Get returns the user with the given name (ignoring case), or an error
// matching ErrNotFound.
func (s Users) Get(ctx context.Context, name string) (*User, error) {
	return userNamed(ctx, s.b.store, name)
}

// Create adds a member to the database, named u.Name with the e-mail
// address u.Email, and returns what was stored. The name is required and
// must be unique, ignoring case; the e-mail address is optional. A new
// user is active, and gets a new ID unless u has one. u itself is not
// changed.
func (s Users) Create(ctx context.Context, u *User) (*User, error) {
	b := s.b
	u = &User{ID: u.ID, Name: strings.TrimSpace(u.Name), Email: strings.TrimSpace(u.Email), Active: true}
	if u.ID == uuid.Nil {
		id, err := b.newID()
		if err != nil {
			return nil, fmt.Errorf("leads: new ID: %w", err)
		}
		u.ID = id
	}
	if err := u.Validate(); err != nil {
		return nil, err
	}
	err := b.store.Atomic(ctx, func(tx Tx) error {
		if err := checkUniqueName(ctx, tx, u.Name, uuid.Nil); err != nil {
			return err
		}
		return tx.Users().Create(ctx, u)
	})
	if err != nil {
		return nil, err
	}
	return u, nil
}

// checkUniqueName fails with a *FieldError when a user other than self
// has the name.
func checkUniqueName(ctx context.Context, tx Tx, name string, self uuid.UUID) error {
	users, err := usersIn(ctx, tx)
	if err != nil {
		return err
	}
	for _, u := range users {
		if u.ID != self && SameUser(u.Name, name) {
			return fieldErr("name", "user %q already exists", u.Name)
		}
	}
	return nil
}

// Edit changes the user with the given name through fn: the name, the
// e-mail address, whether the user is active. A new name must be unique,
// ignoring case, and the leads assigned to the user follow it to the new
// name in the same write. On error nothing changed.
func (s Users) Edit(ctx context.Context, name string, fn func(*User) error) (*User, error) {
	b := s.b
	var out *User
	err := b.store.Atomic(ctx, func(tx Tx) error {
		u, err := userNamed(ctx, tx, name)
		if err != nil {
			return err
		}
		old := u.Name
		out, err = tx.Users().Update(ctx, u.ID, func(cur *User) error {
			if err := fn(cur); err != nil {
				return err
			}
			cur.ID = u.ID
			cur.Name, cur.Email = strings.TrimSpace(cur.Name), strings.TrimSpace(cur.Email)
			return cur.Validate()
		})
		if err != nil {
			return err
		}
		if out.Name == old {
			return nil
		}
		if err := checkUniqueName(ctx, tx, out.Name, u.ID); err != nil {
			return err
		}
		_, err = b.handOver(ctx, tx, old, out.Name)
		return err
	})
	if err != nil {
		return nil, err
	}
	return out, nil
}

// Rename renames a user; their leads follow, as Edit says.
func (s Users) Rename(ctx context.Context, name, newName string) (*User, error) {
	return s.Edit(ctx, name, func(u *User) error {
		u.Name = newName
		return nil
	})
}

// Handover says what becomes of a removed user's leads: they go to the
// member To, or, with Unassign, to nobody. The zero Handover keeps them,
// and so refuses to remove a user who has leads.
type Handover struct {
	To       string
	Unassign bool
}

// Delete removes a user from the database. A user who still has leads
// is refused with a *HasLeadsError (ErrHasLeads) naming how many, unless
// h hands the leads over: to another member, or to nobody. The handover and
// the removal are one write. Delete returns how many leads were handed
// over.
func (s Users) Delete(ctx context.Context, name string, h Handover) (int, error) {
	b := s.b
	if h.To != "" && h.Unassign {
		return 0, fieldErr("handover", "reassign or unassign, not both")
	}
	n := 0
	err := b.store.Atomic(ctx, func(tx Tx) error {
		u, err := userNamed(ctx, tx, name)
		if err != nil {
			return err
		}
		to := ""
		if h.To != "" {
			if SameUser(h.To, u.Name) {
				return &NotMemberError{Name: h.To, Reason: "the user is being removed"}
			}
			if to, err = memberIn(ctx, tx, h.To); err != nil {
				return err
			}
		}
		// Lock the users before their records, in ID order, as the
		// assignments do (lockMembers): two writes that take the same locks
		// in another order could each wait for the other, and an
		// assignment to the user cannot slip in after the check below.
		ids := []uuid.UUID{u.ID}
		if to != "" {
			t, err := userNamed(ctx, tx, to)
			if err != nil {
				return err
			}
			ids = append(ids, t.ID)
		}
		slices.SortFunc(ids, func(a, b uuid.UUID) int { return bytes.Compare(a[:], b[:]) })
		for _, id := range ids {
			if _, err := lockUser(ctx, tx, id); err != nil {
				return err
			}
		}
		if h.To == "" && !h.Unassign {
			owned, err := leadsOf(ctx, tx, u.Name)
			if err != nil {
				return err
			}
			if len(owned) > 0 {
				return &HasLeadsError{Name: u.Name, Count: len(owned)}
			}
		}
		if n, err = b.handOver(ctx, tx, u.Name, to); err != nil {
			return err
		}
		return tx.Users().Delete(ctx, u.ID)
	})
	if err != nil {
		return 0, err
	}
	return n, nil
}

// memberIn returns the stored name of the active user called name, or a
// *NotMemberError.
func memberIn(ctx context.Context, tx Tx, name string) (string, error) {
	u, err := userNamed(ctx, tx, name)
	switch {
	case err == nil && !u.Active:
		return "", &NotMemberError{Name: strings.TrimSpace(name), Reason: "the user is inactive"}
	case err == nil:
		return u.Name, nil
	case errors.Is(err, ErrNotFound):
		return "", &NotMemberError{Name: strings.TrimSpace(name), Reason: "no user has this name"}
	}
	return "", err
}

// checkMember enforces membership on a lead's AssignedTo when it is
// written through Create, Edit or Save: once the database has users, a
// lead can only be assigned to an active one. A database without users
// takes any name, as BCM's single-user databases did, so that data from
// before the team was set up keeps working.
func checkMember(ctx context.Context, tx Tx, name string) error {
	if name == "" {
		return nil
	}
	for _, err := range tx.Users().List(ctx) {
		if err != nil {
			return err
		}
		_, err := memberIn(ctx, tx, name)
		return err
	}
	return nil // no users: free text
}

// leadsOf returns the IDs of the leads assigned to name, ignoring case.
func leadsOf(ctx context.Context, tx Tx, name string) ([]uuid.UUID, error) {
	var ids []uuid.UUID
	q := Query{Where: Prefix(FieldAssignedTo, strings.TrimSpace(name)), Unordered: true}
	for l, err := range tx.Leads().List(ctx, q) {
		if err != nil {
			return nil, err
		}
		if SameUser(l.AssignedTo, name) {
			ids = append(ids, l.ID)
		}
	}
	return ids, nil
}

// handOver assigns every lead of from to to ("" unassigns), stamping and
// logging the change, and returns how many leads it changed.
func (b *Book) handOver(ctx context.Context, tx Tx, from, to string) (int, error) {
	ids, err := leadsOf(ctx, tx, from)
	if err != nil {
		return 0, err
	}
	now, actor := b.clock.Now().UTC(), Actor(ctx)
	for _, id := range ids {
		if _, err := b.updateIn(ctx, tx, id, func(l *Lead) error {
			l.AssignedTo = to
			l.UpdatedAt, l.UpdatedBy = now, actor
			return nil
		}); err != nil {
			return 0, err
		}
	}
	return len(ids), nil
}

// lockMembers resolves names to active members, as memberIn does, and
// locks their users until tx ends (Tx.LockUsers, a row lock on
// PostgreSQL). It
// returns the users as they are once locked, in the order of names, each
// once. Decisions that read a member's state and write on it (the turn of
// AssignRoundRobin, the open records AssignByRules counts against a cap)
// take these locks first: two such calls for the same member then take
// turns, and the second reads what the first wrote. The locks are taken
// in ID order, so that calls naming the same members in other orders
// queue up rather than deadlock; they come before any record is written,
// as in every Book write that locks users.
func lockMembers(ctx context.Context, tx Tx, names []string) ([]*User, error) {
	var ids []uuid.UUID
	for _, name := range names {
		// One read per name: on a store whose transactions run side by
		// side, a second read could already miss a user removed meanwhile.
		u, err := userNamed(ctx, tx, name)
		switch {
		case errors.Is(err, ErrNotFound):
			return nil, &NotMemberError{Name: strings.TrimSpace(name), Reason: "no user has this name"}
		case err != nil:
			return nil, err
		case !u.Active:
			return nil, &NotMemberError{Name: u.Name, Reason: "the user is inactive"}
		}
		if !slices.Contains(ids, u.ID) {
			ids = append(ids, u.ID)
		}
	}
	locked := make(map[uuid.UUID]*User, len(ids))
	for _, id := range slices.SortedFunc(slices.Values(ids), func(a, b uuid.UUID) int { return bytes.Compare(a[:], b[:]) }) {
		u, err := lockUser(ctx, tx, id)
		if err != nil {
			return nil, err
		}
		if !u.Active {
			return nil, &NotMemberError{Name: u.Name, Reason: "the user is inactive"}
		}
		locked[id] = u
	}
	out := make([]*User, len(ids))
	for i, id := range ids {
		out[i] = locked[id]
	}
	return out, nil
}

// lockUser locks the user id until tx ends and returns it as locked.
// Given a Store rather than a transaction, it only reads.
func lockUser(ctx context.Context, tx Tx, id uuid.UUID) (*User, error) {
	err := tx.LockUsers(ctx, id)
	if err == nil {
		var got *User
		if got, err = tx.Users().Get(ctx, id); err == nil {
			return got, nil
		}
	}
	if errors.Is(err, ErrNotFound) {
		return nil, &NotMemberError{Name: id.String(), Reason: "the user was removed"}
	}
	return nil, err
}
