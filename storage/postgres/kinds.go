package postgres

import (
	"context"
	"encoding/json"
	"errors"
	"iter"
	"strconv"
	"strings"
	"time"

	"github.com/google/uuid"
	"github.com/jackc/pgx/v5"
	"github.com/leadkit/leads"
	"github.com/leadkit/leads/storage/internal/version"
)

// kind describes one kind of record other than leads (accounts, criteria,
// ...), so that one generic repository serves them all. A new kind is a
// table in a new migration and one kind value here.
type kind[T any] struct {
	name    string
	table   string
	columns []string // the first is id, the last version
	order   string   // ORDER BY of List
	id      func(*T) uuid.UUID
	version func(*T) *int64
	values  func(*T) ([]any, error)
	scan    func(pgx.Row) (*T, error)
	// links, when set, writes what the record keeps outside its row (the
	// record links of a history item) after the row is inserted
	// (created) or updated; Create and Update then run in a transaction.
	links func(ctx context.Context, q querier, v *T, created bool) error
}

var accountKind = kind[leads.Account]{
	name:  "account",
	table: "accounts",
	columns: []string{"id", "name", "phones", "web_pages", "addresses",
		"created_at", "created_ns", "updated_at", "updated_ns", "version"},
	// left(name, 200) first: the index holds it (migration 0006). In
	// byte order it sorts as name does, up to ties that name breaks.
	order:   "left(name, 200), name, id",
	id:      func(a *leads.Account) uuid.UUID { return a.ID },
	version: func(a *leads.Account) *int64 { return &a.Version },
	values: func(a *leads.Account) ([]any, error) {
		if err := checkText("name", a.Name); err != nil {
			return nil, err
		}
		if err := checkPhones(a.Phones); err != nil {
			return nil, err
		}
		for i, w := range a.WebPages {
			if err := checkText("web_pages["+strconv.Itoa(i)+"]", w); err != nil {
				return nil, err
			}
		}
		if err := checkAddresses(a.Addresses); err != nil {
			return nil, err
		}
		js := make([][]byte, 3)
		for i, v := range []any{a.Phones, a.WebPages, a.Addresses} {
			b, err := json.Marshal(v)
			if err != nil {
				return nil, err
			}
			js[i] = b
		}
		c, cns := splitTime(a.CreatedAt)
		u, uns := splitTime(a.UpdatedAt)
		return []any{a.ID, a.Name, js[0], js[1], js[2], c, cns, u, uns, a.Version}, nil
	},
	scan: func(row pgx.Row) (*leads.Account, error) {
		var (
			a      leads.Account
			js     [3][]byte
			c, u   time.Time
			cn, un int16
		)
		if err := row.Scan(&a.ID, &a.Name, &js[0], &js[1], &js[2], &c, &cn, &u, &un, &a.Version); err != nil {
			return nil, err
		}
		for i, dst := range []any{&a.Phones, &a.WebPages, &a.Addresses} {
			if err := json.Unmarshal(js[i], dst); err != nil {
				return nil, err
			}
		}
		a.CreatedAt, a.UpdatedAt = joinTime(c, cn), joinTime(u, un)
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
		if err := checkText("name", c.Name); err != nil {
			return nil, err
		}
		return []any{c.ID, c.Name, int16(c.Weight), c.Version}, nil
	},
	scan: func(row pgx.Row) (*leads.Criterion, error) {
		var (
			c leads.Criterion
			w int16
		)
		if err := row.Scan(&c.ID, &c.Name, &w, &c.Version); err != nil {
			return nil, err
		}
		c.Weight = leads.Weight(w)
		return &c, nil
	},
}

// kindRepo is the repository of one kind over the pool or a transaction.
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
	sql := "INSERT INTO " + r.k.table + " (" + r.cols() + ") VALUES (" + placeholders(1, len(r.k.columns)) + ") ON CONFLICT (id) DO NOTHING"
	insert := func(d db) error {
		tag, err := d.q.Exec(ctx, sql, vals...)
		if err != nil {
			return wrap("create "+r.k.name+" "+id.String(), err)
		}
		if tag.RowsAffected() == 0 {
			return &leads.ConflictError{Kind: r.k.name, ID: id.String(), Reason: "already exists"}
		}
		if r.k.links != nil {
			return r.k.links(ctx, d.q, &c, true)
		}
		return nil
	}
	if r.k.links != nil {
		err = r.db.write(ctx, insert)
	} else {
		err = insert(r.db)
	}
	if err != nil {
		return err
	}
	*r.k.version(v) = 1
	return nil
}

func (r kindRepo[T]) get(ctx context.Context, id uuid.UUID, lock string) (*T, error) {
	if err := r.db.check(); err != nil {
		return nil, err
	}
	v, err := r.k.scan(r.db.q.QueryRow(ctx, "SELECT "+r.cols()+" FROM "+r.k.table+" WHERE id = $1"+lock, id))
	if errors.Is(err, pgx.ErrNoRows) {
		return nil, &leads.NotFoundError{Kind: r.k.name, ID: id.String()}
	}
	if err != nil {
		return nil, wrap("get "+r.k.name+" "+id.String(), err)
	}
	return v, nil
}

func (r kindRepo[T]) Get(ctx context.Context, id uuid.UUID) (*T, error) { return r.get(ctx, id, "") }

func (r kindRepo[T]) Update(ctx context.Context, id uuid.UUID, fn func(*T) error) (*T, error) {
	var out *T
	err := r.db.write(ctx, func(d db) error {
		w := kindRepo[T]{r.k, d}
		cur, err := w.get(ctx, id, " FOR UPDATE")
		if err != nil {
			return err
		}
		stored := *r.k.version(cur)
		if err := fn(cur); err != nil {
			return err
		}
		if err := version.Check(r.k.name, id, stored, r.k.id(cur), *r.k.version(cur)); err != nil {
			return err
		}
		*r.k.version(cur) = stored + 1
		vals, err := r.k.values(cur)
		if err != nil {
			return err
		}
		sets := make([]string, 0, len(r.k.columns)-1)
		for i, c := range r.k.columns[1:] {
			sets = append(sets, c+" = $"+strconv.Itoa(i+2))
		}
		if _, err := d.q.Exec(ctx, "UPDATE "+r.k.table+" SET "+strings.Join(sets, ", ")+" WHERE id = $1", vals...); err != nil {
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
	if err := r.db.check(); err != nil {
		return err
	}
	tag, err := r.db.q.Exec(ctx, "DELETE FROM "+r.k.table+" WHERE id = $1", id)
	if err != nil {
		return wrap("delete "+r.k.name+" "+id.String(), err)
	}
	if tag.RowsAffected() == 0 {
		return &leads.NotFoundError{Kind: r.k.name, ID: id.String()}
	}
	return nil
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
		rows, err := r.db.q.Query(ctx, "SELECT "+r.cols()+" FROM "+r.k.table+where+" ORDER BY "+r.k.order, args...)
		if err != nil {
			yield(nil, wrap("list "+r.k.table, err))
			return
		}
		var all []*T
		for rows.Next() {
			v, err := r.k.scan(rows)
			if err != nil {
				rows.Close()
				yield(nil, wrap("list "+r.k.table, err))
				return
			}
			all = append(all, v)
		}
		rows.Close()
		if err := rows.Err(); err != nil {
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
