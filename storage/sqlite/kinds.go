package sqlite

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"iter"
	"strconv"
	"strings"
	"time"

	"github.com/google/uuid"
	"github.com/leadkit/leads"
	"github.com/leadkit/leads/storage/internal/sqlq"
)

// kind describes one kind of record other than leads (accounts, criteria,
// ...), so that one generic repository serves them all. A new kind is a
// table in the schema and one kind value here.
type kind[T any] struct {
	name    string
	table   string
	columns []string // the first is id, the last version
	order   string   // ORDER BY of List
	id      func(*T) uuid.UUID
	version func(*T) *int64
	values  func(*T) ([]any, error)
	scan    func(scanner) (*T, error)
	// links, when set, writes what the record keeps outside its row (the
	// record links of a history item) after the row is inserted
	// (created) or updated.
	links func(ctx context.Context, q querier, v *T, created bool) error
}

// splitTime returns t as the file keeps it: microseconds since 1970 and
// the nanoseconds below the microsecond.
func splitTime(t time.Time) (int64, int64) {
	return t.UnixMicro(), int64(t.Nanosecond() % 1000)
}

// joinTime undoes splitTime.
func joinTime(us, ns int64) time.Time {
	return time.UnixMicro(us).Add(time.Duration(ns)).UTC()
}

var accountKind = kind[leads.Account]{
	name:  "account",
	table: "accounts",
	columns: []string{"id", "name", "phones", "web_pages", "addresses",
		"created_at", "created_ns", "updated_at", "updated_ns", "version"},
	order:   "name, id",
	id:      func(a *leads.Account) uuid.UUID { return a.ID },
	version: func(a *leads.Account) *int64 { return &a.Version },
	values: func(a *leads.Account) ([]any, error) {
		if err := sqlq.CheckText("name", a.Name); err != nil {
			return nil, err
		}
		if err := sqlq.CheckPhones(a.Phones); err != nil {
			return nil, err
		}
		for i, w := range a.WebPages {
			if err := sqlq.CheckText("web_pages["+strconv.Itoa(i)+"]", w); err != nil {
				return nil, err
			}
		}
		if err := sqlq.CheckAddresses(a.Addresses); err != nil {
			return nil, err
		}
		js := make([]string, 3)
		for i, v := range []any{a.Phones, a.WebPages, a.Addresses} {
			b, err := json.Marshal(v)
			if err != nil {
				return nil, err
			}
			js[i] = string(b)
		}
		c, cns := splitTime(a.CreatedAt)
		u, uns := splitTime(a.UpdatedAt)
		return []any{a.ID, a.Name, js[0], js[1], js[2], c, cns, u, uns, a.Version}, nil
	},
	scan: func(row scanner) (*leads.Account, error) {
		var (
			a        leads.Account
			js       [3]string
			c, u     int64
			cns, uns int64
		)
		if err := row.Scan(&a.ID, &a.Name, &js[0], &js[1], &js[2], &c, &cns, &u, &uns, &a.Version); err != nil {
			return nil, err
		}
		for i, dst := range []any{&a.Phones, &a.WebPages, &a.Addresses} {
			if err := json.Unmarshal([]byte(js[i]), dst); err != nil {
				return nil, err
			}
		}
		a.CreatedAt, a.UpdatedAt = joinTime(c, cns), joinTime(u, uns)
		return &a, nil
	},
}

var criterionKind = kind[leads.Criterion]{
	name:    "criterion",
	table:   "criteria",
	columns: []string{"id", "name", "weight", "version"},
	order:   "id",
	id:      func(c *leads.Criterion) uuid.UUID { return c.ID },
	version: func(c *leads.Criterion) *int64 { return &c.Version },
	values: func(c *leads.Criterion) ([]any, error) {
		if err := sqlq.CheckText("name", c.Name); err != nil {
			return nil, err
		}
		return []any{c.ID, c.Name, int64(c.Weight), c.Version}, nil
	},
	scan: func(row scanner) (*leads.Criterion, error) {
		var (
			c leads.Criterion
			w int64
		)
		if err := row.Scan(&c.ID, &c.Name, &w, &c.Version); err != nil {
			return nil, err
		}
		c.Weight = leads.Weight(w)
		return &c, nil
	},
}

var userKind = kind[leads.User]{
	name:    "user",
	table:   "users",
	columns: []string{"id", "name", "name_fold", "email", "active", "last_turn", "version"},
	order:   "name_fold, id",
	id:      func(u *leads.User) uuid.UUID { return u.ID },
	version: func(u *leads.User) *int64 { return &u.Version },
	values: func(u *leads.User) ([]any, error) {
		if err := sqlq.CheckTexts("name", u.Name, "email", u.Email); err != nil {
			return nil, err
		}
		return []any{u.ID, u.Name, strings.ToLower(u.Name), u.Email, u.Active, u.LastTurn, u.Version}, nil
	},
	scan: func(row scanner) (*leads.User, error) {
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

// kindRepo is the repository of one kind over the readers or a
// transaction.
type kindRepo[T any] struct {
	k  kind[T]
	db db
}

func (r kindRepo[T]) cols() string { return strings.Join(r.k.columns, ", ") }

func (r kindRepo[T]) Create(ctx context.Context, v *T) error {
	if err := r.db.check(); err != nil {
		return err
	}
	id := r.k.id(v)
	if id == uuid.Nil {
		return &leads.FieldError{Field: "id", Reason: "is missing"}
	}
	var c T = *v
	*r.k.version(&c) = 1
	vals, err := r.k.values(&c)
	if err != nil {
		return err
	}
	stmt := "INSERT INTO " + r.k.table + " (" + r.cols() + ") VALUES (" + placeholders(len(r.k.columns)) + ") ON CONFLICT (id) DO NOTHING"
	err = r.db.write(ctx, func(d db) error {
		res, err := d.q.ExecContext(ctx, stmt, vals...)
		if err != nil {
			return wrap("create "+r.k.name+" "+id.String(), err)
		}
		if n, err := res.RowsAffected(); err != nil || n == 0 {
			return &leads.ConflictError{Kind: r.k.name, ID: id.String(), Reason: "already exists"}
		}
		if r.k.links != nil {
			return r.k.links(ctx, d.q, &c, true)
		}
		return nil
	})
	if err != nil {
		return err
	}
	*r.k.version(v) = 1
	return nil
}

func (r kindRepo[T]) Get(ctx context.Context, id uuid.UUID) (*T, error) {
	if err := r.db.check(); err != nil {
		return nil, err
	}
	v, err := r.k.scan(r.db.q.QueryRowContext(ctx, "SELECT "+r.cols()+" FROM "+r.k.table+" WHERE id = ?", id))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, &leads.NotFoundError{Kind: r.k.name, ID: id.String()}
	}
	if err != nil {
		return nil, wrap("get "+r.k.name+" "+id.String(), err)
	}
	return v, nil
}

func (r kindRepo[T]) Update(ctx context.Context, id uuid.UUID, fn func(*T) error) (*T, error) {
	var out *T
	err := r.db.write(ctx, func(d db) error {
		cur, err := kindRepo[T]{r.k, d}.Get(ctx, id)
		if err != nil {
			return err
		}
		stored := *r.k.version(cur)
		if err := fn(cur); err != nil {
			return err
		}
		if err := checkUpdate(r.k.name, id.String(), stored, r.k.id(cur).String(), *r.k.version(cur)); err != nil {
			return err
		}
		*r.k.version(cur) = stored + 1
		vals, err := r.k.values(cur)
		if err != nil {
			return err
		}
		sets := make([]string, 0, len(r.k.columns)-1)
		for i, c := range r.k.columns[1:] {
			sets = append(sets, c+" = ?"+strconv.Itoa(i+2))
		}
		if _, err := d.q.ExecContext(ctx, "UPDATE "+r.k.table+" SET "+strings.Join(sets, ", ")+" WHERE id = ?1", vals...); err != nil {
			return wrap("update "+r.k.name+" "+id.String(), err)
		}
		if r.k.links != nil {
			if err := r.k.links(ctx, d.q, cur, false); err != nil {
				return err
			}
		}
		out = cur
		return nil
	})
	if err != nil {
		return nil, err
	}
	return out, nil
}

func (r kindRepo[T]) Delete(ctx context.Context, id uuid.UUID) error {
	return r.db.write(ctx, func(d db) error {
		res, err := d.q.ExecContext(ctx, "DELETE FROM "+r.k.table+" WHERE id = ?", id)
		if err != nil {
			return wrap("delete "+r.k.name+" "+id.String(), err)
		}
		if n, err := res.RowsAffected(); err != nil || n == 0 {
			return &leads.NotFoundError{Kind: r.k.name, ID: id.String()}
		}
		return nil
	})
}

// List reads every record first, then yields them, so the caller may write
// while iterating; these tables are small.
func (r kindRepo[T]) List(ctx context.Context) iter.Seq2[*T, error] {
	return r.list(ctx, "")
}

// list streams the records that where (a WHERE clause of placeholders,
// or "") selects, in the kind's order.
func (r kindRepo[T]) list(ctx context.Context, where string, args ...any) iter.Seq2[*T, error] {
	return func(yield func(*T, error) bool) {
		if err := r.db.check(); err != nil {
			yield(nil, err)
			return
		}
		all, err := readAll(ctx, r.db.q, r.k.scan, "SELECT "+r.cols()+" FROM "+r.k.table+where+" ORDER BY "+r.k.order, args...)
		if err != nil {
			yield(nil, wrap("list "+r.k.table, err))
			return
		}
		for _, v := range all {
			if !yield(v, nil) {
				return
			}
		}
	}
}

// readAll runs a query and reads every row with scan.
func readAll[T any](ctx context.Context, q querier, scan func(scanner) (*T, error), stmt string, args ...any) ([]*T, error) {
	rows, err := q.QueryContext(ctx, stmt, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var all []*T
	for rows.Next() {
		v, err := scan(rows)
		if err != nil {
			return nil, err
		}
		all = append(all, v)
	}
	return all, rows.Err()
}

// placeholders writes n numbered placeholders, ?1 to ?n.
func placeholders(n int) string {
	ps := make([]string, n)
	for i := range ps {
		ps[i] = "?" + strconv.Itoa(i+1)
	}
	return strings.Join(ps, ", ")
}
