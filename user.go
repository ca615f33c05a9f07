package leads

import (
	"strings"

	"github.com/google/uuid"
)

// User is a person the database is shared with: a member of the team who
// can own leads. Leads name their owner by the user's name (Lead.AssignedTo),
// as the JSON export shows it, so names are unique, ignoring case.
//
// An inactive user keeps the leads assigned to them but receives no new
// ones: only active users are members (see ErrNotMember).
type User struct {
	ID     uuid.UUID `json:"id"`
	Name   string    `json:"name"`
	Email  string    `json:"email"`
	Active bool      `json:"active"`
	// LastTurn orders the users of a round-robin: it is raised past every
	// other user's when a round-robin hands this user a lead, so the user
	// whose turn lies furthest back is next (see Book.AssignRoundRobin).
	LastTurn int64 `json:"last_turn,omitempty"`
	// Version counts the writes of the user, as Lead.Version does.
	Version int64 `json:"version,omitempty"`
}

// Clone returns a copy of u.
func (u *User) Clone() *User {
	if u == nil {
		return nil
	}
	c := *u
	return &c
}

// Validate checks that the user has a name and, if given, a well-formed
// e-mail address.
func (u *User) Validate() error {
	var errs []error
	if strings.TrimSpace(u.Name) == "" {
		errs = append(errs, fieldErr("name", "is required"))
	} else if err := checkText("name", u.Name); err != nil {
		errs = append(errs, err)
	}
	if u.Email != "" {
		if err := checkEmail("email", u.Email); err != nil {
			errs = append(errs, err)
		}
	}
	return joinErrs(errs)
}

// SameUser reports whether two user names name the same user: names
// compare ignoring case and surrounding space.
func SameUser(a, b string) bool {
	return strings.EqualFold(strings.TrimSpace(a), strings.TrimSpace(b))
}
