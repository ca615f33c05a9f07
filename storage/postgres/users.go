package postgres

import (
	"github.com/google/uuid"
	"github.com/jackc/pgx/v5"
	"github.com/leadkit/leads"
)

// userKind keeps users in a table of their own columns (migration 0003).
var userKind = kind[leads.User]{
	name:    "user",
	table:   "users",
	columns: []string{"id", "name", "name_fold", "email", "active", "last_turn", "version"},
	order:   "name_fold, id",
	id:      func(u *leads.User) uuid.UUID { return u.ID },
	version: func(u *leads.User) *int64 { return &u.Version },
	values: func(u *leads.User) ([]any, error) {
		if err := checkTexts("name", u.Name, "email", u.Email); err != nil {
			return nil, err
		}
		return []any{u.ID, u.Name, fold(u.Name), u.Email, u.Active, u.LastTurn, u.Version}, nil
	},
	scan: func(row pgx.Row) (*leads.User, error) {
		var (
			u    leads.User
			fold string
		)
		if err := row.Scan(&u.ID, &u.Name, &fold, &u.Email, &u.Active, &u.LastTurn, &u.Version); err != nil {
			return nil, err
		}
		return &u, nil
	},
}

// Users returns the repository of the users the database is shared with.
func (s *Store) Users() leads.UserRepository {
	return kindRepo[leads.User]{userKind, db{s: s, q: s.pool}}
}

func (t *txRepos) Users() leads.UserRepository { return kindRepo[leads.User]{userKind, t.db} }
