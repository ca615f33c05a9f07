package memory

import (
	"context"

	"github.com/leadkit/leads"
)

// The lead repositories implement leads.LeadScanner: stored records never
// change in place (writes replace them), so handing out the stored records
// themselves is safe as long as the reader neither changes nor keeps them.
var (
	_ leads.LeadScanner = leadRepo{}
	_ leads.LeadScanner = leadTx{}
)

// ScanLeads hands fn the stored leads that q selects, in q's order, without
// copying them.
func (r leadRepo) ScanLeads(ctx context.Context, q leads.Query, fn func(*leads.Lead) bool) error {
	if r.s.isClosed() {
		return ErrClosed
	}
	return scanLeads(ctx, r.s.index, q, nil, fn)
}

// ScanLeads hands fn the leads that q selects, seen through the
// transaction, in q's order, without copying them.
func (t leadTx) ScanLeads(ctx context.Context, q leads.Query, fn func(*leads.Lead) bool) error {
	return scanLeads(ctx, t.x, q, t.c, fn)
}

func scanLeads(ctx context.Context, x *Index, q leads.Query, c *Changes, fn func(*leads.Lead) bool) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	found, err := x.SelectLeads(q, c)
	if err != nil {
		return err
	}
	for i, l := range found {
		if i%4096 == 4095 {
			if err := ctx.Err(); err != nil {
				return err
			}
		}
		if !fn(l) {
			return nil
		}
	}
	return nil
}
