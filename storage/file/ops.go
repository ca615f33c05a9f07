package file

import (
	"context"
	"fmt"

	"github.com/google/uuid"
	"github.com/leadkit/leads"
	"github.com/leadkit/leads/storage/internal/index"
	"github.com/leadkit/leads/storage/internal/version"
	bolt "go.etcd.io/bbolt"
)

// kind describes one kind of record for the single-record writes, which
// work alike for leads and accounts.
type kind[T any] struct {
	name       string // "lead"
	bucketName []byte // also the key of the count in the meta bucket
	bucket     func(buckets) *bolt.Bucket
	changes    func(*index.Changes) map[uuid.UUID]*T
	encode     func(*T) []byte
	decode     func([]byte, decimals) (*T, error)
	clone      func(*T) *T
	id         func(*T) uuid.UUID
	version    func(*T) *int64
}

// leadKind and accountKind are functions rather than variables so that
// nothing at package level can change.
func leadKind() kind[leads.Lead] {
	return kind[leads.Lead]{
		name:       "lead",
		bucketName: bucketLeads,
		bucket:     func(b buckets) *bolt.Bucket { return b.leads },
		changes:    func(c *index.Changes) map[uuid.UUID]*leads.Lead { return c.Leads },
		encode:     encodeLead,
		decode:     decodeLead,
		clone:      (*leads.Lead).Clone,
		id:         func(l *leads.Lead) uuid.UUID { return l.ID },
		version:    func(l *leads.Lead) *int64 { return &l.Version },
	}
}

func accountKind() kind[leads.Account] {
	return kind[leads.Account]{
		name:       "account",
		bucketName: bucketAccounts,
		bucket:     func(b buckets) *bolt.Bucket { return b.accounts },
		changes:    func(c *index.Changes) map[uuid.UUID]*leads.Account { return c.Accounts },
		encode:     encodeAccount,
		decode:     decodeAccount,
		clone:      (*leads.Account).Clone,
		id:         func(a *leads.Account) uuid.UUID { return a.ID },
		version:    func(a *leads.Account) *int64 { return &a.Version },
	}
}

func criterionKind() kind[leads.Criterion] {
	return kind[leads.Criterion]{
		name:       "criterion",
		bucketName: bucketCriteria,
		bucket:     func(b buckets) *bolt.Bucket { return b.criteria },
		changes:    func(c *index.Changes) map[uuid.UUID]*leads.Criterion { return c.Criteria },
		encode:     encodeCriterion,
		decode:     decodeCriterion,
		clone:      (*leads.Criterion).Clone,
		id:         func(c *leads.Criterion) uuid.UUID { return c.ID },
		version:    func(c *leads.Criterion) *int64 { return &c.Version },
	}
}

func userKind() kind[leads.User] {
	return kind[leads.User]{
		name:       "user",
		bucketName: bucketUsers,
		bucket:     func(b buckets) *bolt.Bucket { return b.users },
		changes:    func(c *index.Changes) map[uuid.UUID]*leads.User { return c.Users },
		encode:     encodeUser,
		decode:     decodeUser,
		clone:      (*leads.User).Clone,
		id:         func(u *leads.User) uuid.UUID { return u.ID },
		version:    func(u *leads.User) *int64 { return &u.Version },
	}
}

func fieldDefKind() kind[leads.FieldDefinition] {
	return kind[leads.FieldDefinition]{
		name:       "field definition",
		bucketName: bucketFields,
		bucket:     func(b buckets) *bolt.Bucket { return b.fields },
		changes:    func(c *index.Changes) map[uuid.UUID]*leads.FieldDefinition { return c.FieldDefinitions },
		encode:     encodeFieldDefinition,
		decode:     decodeFieldDefinition,
		clone:      (*leads.FieldDefinition).Clone,
		id:         func(d *leads.FieldDefinition) uuid.UUID { return d.ID },
		version:    func(d *leads.FieldDefinition) *int64 { return &d.Version },
	}
}

func opportunityKind() kind[leads.Opportunity] {
	return kind[leads.Opportunity]{
		name:       "opportunity",
		bucketName: bucketOpps,
		bucket:     func(b buckets) *bolt.Bucket { return b.opportunities },
		changes:    func(c *index.Changes) map[uuid.UUID]*leads.Opportunity { return c.Opportunities },
		encode:     encodeOpportunity,
		decode:     decodeOpportunity,
		clone:      (*leads.Opportunity).Clone,
		id:         func(o *leads.Opportunity) uuid.UUID { return o.ID },
		version:    func(o *leads.Opportunity) *int64 { return &o.Version },
	}
}

func reportKind() kind[leads.Report] {
	return kind[leads.Report]{
		name:       "report",
		bucketName: bucketReports,
		bucket:     func(b buckets) *bolt.Bucket { return b.reports },
		changes:    func(c *index.Changes) map[uuid.UUID]*leads.Report { return c.Reports },
		encode:     encodeReport,
		decode:     decodeReport,
		clone:      (*leads.Report).Clone,
		id:         func(r *leads.Report) uuid.UUID { return r.ID },
		version:    func(r *leads.Report) *int64 { return &r.Version },
	}
}

// create stores a copy of r with version 1, and sets r's version to 1.
func create[T any](ctx context.Context, s *Store, k kind[T], r *T) error {
	id := k.id(r)
	if id == uuid.Nil {
		return &leads.FieldError{Field: "id", Reason: "is missing"}
	}
	rec := k.clone(r)
	*k.version(rec) = 1
	val := k.encode(rec) // before taking the writer lock
	err := s.write(ctx, func(b buckets, c *index.Changes) error {
		bucket := k.bucket(b)
		if bucket.Get(id[:]) != nil {
			return &leads.ConflictError{Kind: k.name, ID: id.String(), Reason: "already exists"}
		}
		if err := bucket.Put(id[:], val); err != nil {
			return &writeError{err}
		}
		if err := addCount(b.meta, k.bucketName, 1); err != nil {
			return &writeError{err}
		}
		k.changes(c)[id] = rec
		return nil
	})
	if err != nil {
		return err
	}
	*k.version(r) = 1
	return nil
}

// update applies fn to the stored record, read in the transaction, and
// stores the result with its version raised.
func update[T any](ctx context.Context, s *Store, k kind[T], id uuid.UUID, fn func(*T) error) (*T, error) {
	var out *T
	err := s.write(ctx, func(b buckets, c *index.Changes) error {
		bucket := k.bucket(b)
		v := bucket.Get(id[:])
		if v == nil {
			return &leads.NotFoundError{Kind: k.name, ID: id.String()}
		}
		cur, err := k.decode(v, nil)
		if err != nil {
			return fmt.Errorf("leads/file: %s: %s %s: %w", s.path, k.name, id, err)
		}
		stored := *k.version(cur)
		if err := fn(cur); err != nil {
			return err
		}
		if err := version.Check(k.name, id, stored, k.id(cur), *k.version(cur)); err != nil {
			return err
		}
		*k.version(cur) = stored + 1
		// The index gets its own copy: fn may have kept references into cur.
		rec := k.clone(cur)
		if err := bucket.Put(id[:], k.encode(rec)); err != nil {
			return &writeError{err}
		}
		k.changes(c)[id] = rec
		out = cur
		return nil
	})
	if err != nil {
		return nil, err
	}
	return out, nil
}

// remove deletes the record.
func remove[T any](ctx context.Context, s *Store, k kind[T], id uuid.UUID) error {
	return s.write(ctx, func(b buckets, c *index.Changes) error {
		bucket := k.bucket(b)
		if bucket.Get(id[:]) == nil {
			return &leads.NotFoundError{Kind: k.name, ID: id.String()}
		}
		if err := bucket.Delete(id[:]); err != nil {
			return &writeError{err}
		}
		if err := addCount(b.meta, k.bucketName, -1); err != nil {
			return &writeError{err}
		}
		k.changes(c)[id] = nil
		return nil
	})
}

func (r leadRepo) Create(ctx context.Context, l *leads.Lead) error {
	return create(ctx, r.s, leadKind(), l)
}

func (r leadRepo) Update(ctx context.Context, id uuid.UUID, fn func(*leads.Lead) error) (*leads.Lead, error) {
	return update(ctx, r.s, leadKind(), id, fn)
}

func (r leadRepo) Delete(ctx context.Context, id uuid.UUID) error {
	return remove(ctx, r.s, leadKind(), id)
}
