package storagetest

import (
	"errors"
	"testing"
	"time"

	"github.com/google/uuid"
	"github.com/leadkit/leads"
	"github.com/shopspring/decimal"
)

func listFieldDefinitions(t *testing.T, tx leads.Tx) []leads.FieldDefinition {
	t.Helper()
	var out []leads.FieldDefinition
	for d, err := range tx.FieldDefinitions().List(ctx) {
		mustNoError(t, err)
		out = append(out, *d)
	}
	return out
}

// testFieldDefinitions checks the life cycle of user-defined field
// definitions: a new store has none; they list in the order they were
// added, come back as stored (choices too), update with versions, and
// deletes inside a rolled back transaction delete nothing.
func testFieldDefinitions(t *testing.T, s leads.Store) {
	mustEmpty(t, listFieldDefinitions(t, s), "a new store has no user-defined fields")
	region := &leads.FieldDefinition{ID: uuid.Must(uuid.NewV7()), RecordType: leads.TypeLead, Name: "Region",
		Type: leads.CustomChoice, Choices: []string{"North", "South", "Ωmega"}}
	budget := &leads.FieldDefinition{ID: uuid.Must(uuid.NewV7()), RecordType: leads.TypeContact, Name: "Budget",
		Type: leads.CustomNumber}
	mustNoError(t, s.FieldDefinitions().Create(ctx, region))
	mustNoError(t, s.FieldDefinitions().Create(ctx, budget))
	mustEqualValues(t, 1, region.Version)
	mustErrorIs(t, s.FieldDefinitions().Create(ctx, region), leads.ErrConflict)
	mustEqual(t, []leads.FieldDefinition{*region, *budget}, listFieldDefinitions(t, s))

	got, err := s.FieldDefinitions().Get(ctx, region.ID)
	mustNoError(t, err)
	mustEqual(t, region, got)
	got.Choices[0] = "scribble" // a copy
	upd, err := s.FieldDefinitions().Update(ctx, region.ID, func(d *leads.FieldDefinition) error {
		d.Name = "Sales region"
		d.Choices = append(d.Choices, "East")
		return nil
	})
	mustNoError(t, err)
	mustEqualValues(t, 2, upd.Version)
	got, err = s.FieldDefinitions().Get(ctx, region.ID)
	mustNoError(t, err)
	mustEqual(t, []string{"North", "South", "Ωmega", "East"}, got.Choices)
	mustEqual(t, "Sales region", got.Name)
	_, err = s.FieldDefinitions().Update(ctx, region.ID, func(d *leads.FieldDefinition) error { d.Version = 1; return nil })
	mustErrorIs(t, err, leads.ErrConflict)

	err = s.Atomic(ctx, func(tx leads.Tx) error {
		mustNoError(t, tx.FieldDefinitions().Delete(ctx, budget.ID))
		mustLen(t, listFieldDefinitions(t, tx), 1, "reads in the transaction see its deletes")
		return errors.New("roll back")
	})
	mustError(t, err)
	mustLen(t, listFieldDefinitions(t, s), 2)
	mustNoError(t, s.FieldDefinitions().Delete(ctx, budget.ID))
	_, err = s.FieldDefinitions().Get(ctx, budget.ID)
	mustErrorIs(t, err, leads.ErrNotFound)
	mustErrorIs(t, s.FieldDefinitions().Delete(ctx, budget.ID), leads.ErrNotFound)
}

func listOpportunities(t *testing.T, tx leads.Tx, record uuid.UUID) []*leads.Opportunity {
	t.Helper()
	var out []*leads.Opportunity
	for o, err := range tx.Opportunities().List(ctx, record) {
		mustNoError(t, err)
		out = append(out, canonOpportunity(o))
	}
	return out
}

// testOpportunities checks that opportunities come back exactly, decimals
// with their precision ("0.50" stays 0.50), that they list by record, and
// their updates, deletes and rollbacks.
func testOpportunities(t *testing.T, s leads.Store) {
	a, b := Sample(1), Sample(2)
	create(t, s, a, b)
	at := time.Date(2026, 11, 27, 10, 0, 0, 0, time.UTC)
	dec := decimal.RequireFromString
	o1 := &leads.Opportunity{ID: uuid.Must(uuid.NewV7()), RecordID: a.ID, Title: "Engines", Stage: leads.StageProposal,
		Probability: 60, CloseDate: time.Date(2027, 1, 31, 0, 0, 0, 0, time.UTC), Currency: "EUR",
		Lines: []leads.LineItem{
			{Product: "Analytical Engine", Quantity: dec("2"), UnitPrice: dec("1999.50"), Discount: dec("12.5")},
			{Product: "Service (hours)", Quantity: dec("1.25"), UnitPrice: dec("80.00"), Discount: decimal.Decimal{}},
		},
		CreatedAt: at, UpdatedAt: at}
	o2 := &leads.Opportunity{ID: uuid.Must(uuid.NewV7()), RecordID: b.ID, Title: "Punch cards", Stage: leads.StageProspecting,
		Currency: "JPY", Lines: []leads.LineItem{}, CreatedAt: at, UpdatedAt: at}
	o3 := &leads.Opportunity{ID: uuid.Must(uuid.NewV7()), RecordID: a.ID, Title: "Looms", Stage: leads.StageClosedLost,
		Currency: "BHD", CreatedAt: at, UpdatedAt: at}
	for _, o := range []*leads.Opportunity{o1, o2, o3} {
		mustNoError(t, s.Opportunities().Create(ctx, o))
		mustEqualValues(t, 1, o.Version)
	}
	mustErrorIs(t, s.Opportunities().Create(ctx, o1), leads.ErrConflict)
	lost := &leads.Opportunity{ID: uuid.Must(uuid.NewV7()), RecordID: a.ID, Title: "lost", Currency: "EUR"}
	err := s.Atomic(ctx, func(tx leads.Tx) error {
		mustNoError(t, tx.Opportunities().Create(ctx, lost))
		mustLen(t, listOpportunities(t, tx, a.ID), 3, "reads in the transaction see its creates")
		return errors.New("roll back")
	})
	mustError(t, err)
	_, err = s.Opportunities().Get(ctx, lost.ID)
	mustErrorIs(t, err, leads.ErrNotFound, "a rolled back create creates nothing")

	got, err := s.Opportunities().Get(ctx, o1.ID)
	mustNoError(t, err)
	mustEqual(t, canonOpportunity(o1), canonOpportunity(got))
	mustEqual(t, "1999.50", got.Lines[0].UnitPrice.StringFixed(2))
	mustEqual(t, int32(-2), got.Lines[0].UnitPrice.Exponent(), "a price keeps its precision")
	mustTrue(t, o1.Total().Equal(got.Total()))
	got.Lines[0].Product = "scribble" // a copy

	mustEqual(t, []*leads.Opportunity{canonOpportunity(o1), canonOpportunity(o3)}, listOpportunities(t, s, a.ID),
		"a record's opportunities, in the order they were added")
	mustLen(t, listOpportunities(t, s, b.ID), 1)
	mustLen(t, listOpportunities(t, s, uuid.Nil), 3, "uuid.Nil lists every opportunity")
	mustEmpty(t, listOpportunities(t, s, uuid.Must(uuid.NewV7())))

	upd, err := s.Opportunities().Update(ctx, o1.ID, func(o *leads.Opportunity) error {
		o.Stage = leads.StageNegotiation
		o.Lines = o.Lines[:1]
		return nil
	})
	mustNoError(t, err)
	mustEqualValues(t, 2, upd.Version)
	got, err = s.Opportunities().Get(ctx, o1.ID)
	mustNoError(t, err)
	mustEqual(t, leads.StageNegotiation, got.Stage)
	mustLen(t, got.Lines, 1)
	mustEqual(t, "Analytical Engine", got.Lines[0].Product)
	_, err = s.Opportunities().Update(ctx, o1.ID, func(o *leads.Opportunity) error { o.Version = 1; return nil })
	mustErrorIs(t, err, leads.ErrConflict)

	err = s.Atomic(ctx, func(tx leads.Tx) error {
		mustNoError(t, tx.Opportunities().Delete(ctx, o3.ID))
		mustLen(t, listOpportunities(t, tx, a.ID), 1, "reads in the transaction see its deletes")
		return errors.New("roll back")
	})
	mustError(t, err)
	mustLen(t, listOpportunities(t, s, a.ID), 2)
	mustNoError(t, s.Opportunities().Delete(ctx, o3.ID))
	_, err = s.Opportunities().Get(ctx, o3.ID)
	mustErrorIs(t, err, leads.ErrNotFound)
	mustErrorIs(t, s.Opportunities().Delete(ctx, o3.ID), leads.ErrNotFound)
}
