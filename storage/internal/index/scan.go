package index

import (
	"context"

	"github.com/leadkit/leads"
)

// The lead repositories implement leads.LeadScanner: stored records never
// change in place (writes replace them), so handing out the stored records
// themselves is safe as long as the reader neither changes nor keeps them.
var (
	_ leads.LeadScanner = leadTx{}
)

// ScanLeads hands fn the leads of q's types that meet q's condition, seen
// through the transaction, in no particular order, without copying them.
func (t leadTx) ScanLeads(ctx context.Context, q leads.Query, fn func(*leads.Lead) bool) error {
	return scanLeads(ctx, t.x, q, t.c, fn)
}

func scanLeads(ctx context.Context, x *Index, q leads.Query, c *Changes, fn func(*leads.Lead) bool) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	found, err := x.MatchLeads(q, c)
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

// MatchLeads returns the leads seen through overlay (which may be nil) of
// q's types that meet q's condition, in no particular order; q's sort,
// cursor and paging do not matter. The leads returned are the stored ones:
// do not change them. The caller gets them after the index is unlocked, so
// it may use the store while it goes through them.
func (x *Index) MatchLeads(q leads.Query, overlay *Changes) ([]*leads.Lead, error) {
	q.Sort, q.After, q.Offset, q.Limit = nil, "", 0, 0
	p, err := x.typed(q, overlay).Plan()
	if err != nil {
		return nil, err
	}
	x.mu.RLock()
	defer x.mu.RUnlock()
	found := make([]*leads.Lead, 0, len(x.leads)/4)
	for id, l := range x.leads {
		if overlay != nil {
			if _, changed := overlay.Leads[id]; changed {
				continue
			}
		}
		if p.Match(l) {
			found = append(found, l)
		}
	}
	if overlay != nil {
		for _, l := range overlay.Leads {
			if l != nil && p.Match(l) {
				found = append(found, l)
			}
		}
	}
	return found, nil
}
