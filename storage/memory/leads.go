package memory

import (
	"context"
	"iter"

	"github.com/google/uuid"
	"github.com/leadkit/leads"
)

// leadRepo is the lead repository outside a transaction: reads go to the
// index, each write is a transaction of its own.
type leadRepo struct{ s *Store }

// The store's lead repository writes many leads at once, scans without
// copying and looks up batches.
var (
	_ leads.BulkCreator = leadRepo{}
	_ leads.LeadScanner = leadRepo{}
	_ leads.KeyLookuper = leadRepo{}
	_ leads.IDLookuper  = leadRepo{}
)

// read returns the lead repository over the committed index.
func (r leadRepo) read() (leads.LeadRepository, error) {
	tx, err := r.s.reader()
	if err != nil {
		return nil, err
	}
	return tx.Leads(), nil
}

func (r leadRepo) Create(ctx context.Context, l *leads.Lead) error {
	return r.s.Atomic(ctx, func(tx leads.Tx) error { return tx.Leads().Create(ctx, l) })
}

func (r leadRepo) Get(ctx context.Context, id uuid.UUID) (*leads.Lead, error) {
	x, err := r.read()
	if err != nil {
		return nil, err
	}
	return x.Get(ctx, id)
}

func (r leadRepo) Update(ctx context.Context, id uuid.UUID, fn func(*leads.Lead) error) (*leads.Lead, error) {
	var out *leads.Lead
	err := r.s.Atomic(ctx, func(tx leads.Tx) error {
		var err error
		out, err = tx.Leads().Update(ctx, id, fn)
		return err
	})
	if err != nil {
		return nil, err
	}
	return out, nil
}

func (r leadRepo) Delete(ctx context.Context, id uuid.UUID) error {
	return r.s.Atomic(ctx, func(tx leads.Tx) error { return tx.Leads().Delete(ctx, id) })
}

func (r leadRepo) List(ctx context.Context, q leads.Query) iter.Seq2[*leads.Lead, error] {
	x, err := r.read()
	if err != nil {
		return failed[leads.Lead](err)
	}
	return x.List(ctx, q)
}

func (r leadRepo) Count(ctx context.Context, q leads.Query) (int, error) {
	x, err := r.read()
	if err != nil {
		return 0, err
	}
	return x.Count(ctx, q)
}

func (r leadRepo) Lookup(ctx context.Context, key string, limit int) iter.Seq2[*leads.Lead, error] {
	x, err := r.read()
	if err != nil {
		return failed[leads.Lead](err)
	}
	return x.Lookup(ctx, key, limit)
}

// CreateMany implements leads.BulkCreator: the leads are written in one
// Atomic.
func (r leadRepo) CreateMany(ctx context.Context, ls []*leads.Lead) error {
	return r.s.Atomic(ctx, func(tx leads.Tx) error {
		return tx.Leads().(leads.BulkCreator).CreateMany(ctx, ls)
	})
}

// ScanLeads implements leads.LeadScanner: it hands fn the stored leads of
// q's types that meet q's condition, in no particular order, without
// copying them.
func (r leadRepo) ScanLeads(ctx context.Context, q leads.Query, fn func(*leads.Lead) bool) error {
	x, err := r.read()
	if err != nil {
		return err
	}
	return x.(leads.LeadScanner).ScanLeads(ctx, q, fn)
}

// LookupKeys implements leads.KeyLookuper.
func (r leadRepo) LookupKeys(ctx context.Context, keys []string) ([]uuid.UUID, error) {
	x, err := r.read()
	if err != nil {
		return nil, err
	}
	return x.(leads.KeyLookuper).LookupKeys(ctx, keys)
}

// LeadsExist implements leads.IDLookuper.
func (r leadRepo) LeadsExist(ctx context.Context, ids []uuid.UUID) ([]bool, error) {
	x, err := r.read()
	if err != nil {
		return nil, err
	}
	return x.(leads.IDLookuper).LeadsExist(ctx, ids)
}
