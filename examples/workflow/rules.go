package main

import (
	"context"
	"fmt"
	"slices"
	"time"

	"github.com/google/uuid"
	"github.com/leadkit/leads"
)

// ContactWithin is how long a web lead may wait for its first contact
// before it goes to the next sales rep.
const ContactWithin = 48 * time.Hour

// ReassignStale is the first rule: a lead from the web site that is still
// "new" ContactWithin after it came in goes to the next rep of the rota
// (the one after its current rep; the first when it had none). It returns
// the leads it moved, all in one all-or-nothing write per rep.
func ReassignStale(ctx context.Context, book *leads.Book, rota []string, now time.Time) ([]uuid.UUID, error) {
	q := leads.Query{
		Types: []leads.RecordType{leads.TypeLead},
		Where: leads.And(
			leads.Eq(leads.FieldSource, "Web"),
			leads.Eq(leads.FieldStatus, string(leads.StatusNew)),
			leads.TimeBetween(leads.FieldCreatedAt, time.Time{}, now.Add(-ContactWithin)),
		),
		Sort: []leads.SortKey{leads.Asc(leads.FieldCreatedAt)},
	}
	next := map[string][]uuid.UUID{}
	var moved []uuid.UUID
	for l, err := range book.List(ctx, q) {
		if err != nil {
			return nil, err
		}
		to := rota[(slices.Index(rota, l.AssignedTo)+1)%len(rota)]
		next[to] = append(next[to], l.ID)
		moved = append(moved, l.ID)
	}
	for _, rep := range rota {
		if len(next[rep]) == 0 {
			continue
		}
		if _, err := book.Assign(ctx, rep, next[rep]...); err != nil {
			return nil, fmt.Errorf("reassign to %s: %w", rep, err)
		}
	}
	return moved, nil
}

// QualifyAndConvert is the second rule: a lead whose "Budget" and
// "Authority" criteria are both checked is qualified and converted to a
// business contact with an opportunity for the deal. It returns the
// conversion, or nil when the lead does not meet the rule yet.
func QualifyAndConvert(ctx context.Context, book *leads.Book, id uuid.UUID, budget, authority uuid.UUID, deal leads.Opportunity) (*leads.Conversion, error) {
	l, err := book.Get(ctx, id)
	if err != nil {
		return nil, err
	}
	if l.Type != leads.TypeLead || !l.Checks[budget] || !l.Checks[authority] {
		return nil, nil
	}
	if l.Status != leads.StatusQualified {
		if _, err := book.SetStatus(ctx, id, leads.StatusQualified, leads.StatusChange{Note: "budget and authority confirmed"}); err != nil {
			return nil, err
		}
	}
	return book.Convert(ctx, id, leads.ConvertOptions{CreateAccount: l.Company != "", Opportunity: &deal})
}
