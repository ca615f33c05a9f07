package leads_test

import (
	"context"
	"errors"
	"testing"

	"github.com/google/uuid"
	"github.com/leadkit/leads"
	"github.com/leadkit/leads/storage/memory"
	"github.com/shopspring/decimal"
	"github.com/stretchr/testify/require"
)

// The default criteria: budget (high), decision maker (high), need
// (normal), timing (normal), size (low), campaign (low); 12 weights in all.
var (
	budget   = leads.DefaultCriteria()[0].ID
	decides  = leads.DefaultCriteria()[1].ID
	need     = leads.DefaultCriteria()[2].ID
	size     = leads.DefaultCriteria()[4].ID
	campaign = leads.DefaultCriteria()[5].ID
)

func requireScore(t *testing.T, l *leads.Lead, typ leads.ScoreType, stars leads.Stars, value string) {
	t.Helper()
	require.Equal(t, typ, l.Score.Type, "score type")
	require.Equal(t, stars, l.Score.Stars, "stars")
	require.Equal(t, value, l.Score.Value.String(), "value")
}

func get(t *testing.T, b *leads.Book, ctx context.Context, id uuid.UUID) *leads.Lead {
	t.Helper()
	l, err := b.Get(ctx, id)
	require.NoError(t, err)
	return l
}

func TestDefaultCriteria(t *testing.T) {
	b, _, ctx := newBook(t)
	cs, err := leads.Collect(b.Criteria().List(ctx))
	require.NoError(t, err)
	require.Len(t, cs, 6)
	var names []string
	for i, c := range cs {
		require.NoError(t, c.Validate())
		require.Equal(t, leads.DefaultCriteria()[i].ID, c.ID)
		names = append(names, c.Name+" "+c.Weight.String())
	}
	require.Equal(t, []string{"Has a budget high", "Is the decision maker high", "Needs what we sell normal",
		"Plans to buy within three months normal", "Company size fits low", "Answered a campaign low"}, names)
}

func TestCheckRaisesAndLowers(t *testing.T) {
	b, _, ctx := newBook(t)
	l := mustCreate(t, b, ctx, &leads.Lead{FullName: "Ada Lovelace"})
	requireScore(t, l, leads.ScoreAuto, 0, "0")

	steps := []struct {
		checks map[uuid.UUID]bool
		stars  leads.Stars
		value  string
	}{
		{map[uuid.UUID]bool{budget: true}, 1, "1.25"},                             // 3/12
		{map[uuid.UUID]bool{decides: true}, 3, "2.5"},                             // 6/12, half up
		{map[uuid.UUID]bool{need: true, size: true}, 4, "3.75"},                   // 9/12
		{map[uuid.UUID]bool{budget: false}, 3, "2.5"},                             // 6/12: unchecking lowers
		{map[uuid.UUID]bool{campaign: true, size: false}, 3, "2.5"},               // 6/12
		{map[uuid.UUID]bool{budget: true, decides: false}, 3, "2.5"},              // 6/12
		{map[uuid.UUID]bool{budget: false, need: false, campaign: false}, 0, "0"}, // none
	}
	for _, s := range steps {
		got, err := b.Check(ctx, l.ID, s.checks)
		require.NoError(t, err)
		requireScore(t, got, leads.ScoreAuto, s.stars, s.value)
		requireScore(t, get(t, b, ctx, l.ID), leads.ScoreAuto, s.stars, s.value)
	}
}

func TestCreateScoresItsChecks(t *testing.T) {
	b, _, ctx := newBook(t)
	l := mustCreate(t, b, ctx, &leads.Lead{FullName: "Grace Hopper",
		Checks: map[uuid.UUID]bool{budget: true, decides: true, need: true},
		Score:  leads.Score{Stars: 1}}) // stale stars are recomputed
	requireScore(t, l, leads.ScoreAuto, 3, "3.333333")

	m := mustCreate(t, b, ctx, &leads.Lead{FullName: "Alan Turing", Checks: map[uuid.UUID]bool{budget: true},
		Score: leads.ManualScore(5)})
	requireScore(t, m, leads.ScoreManual, 5, "5")
	require.True(t, m.Checks[budget], "a manual record keeps its checks")
}

func TestManualScore(t *testing.T) {
	b, _, ctx := newBook(t)
	l := mustCreate(t, b, ctx, &leads.Lead{FullName: "Ada Lovelace"})
	_, err := b.Check(ctx, l.ID, map[uuid.UUID]bool{budget: true})
	require.NoError(t, err)

	got, err := b.ScoreManually(ctx, l.ID, 4)
	require.NoError(t, err)
	requireScore(t, got, leads.ScoreManual, 4, "4")

	// Checks and criteria changes do not move a manual score.
	got, err = b.Check(ctx, l.ID, map[uuid.UUID]bool{decides: true, need: true})
	require.NoError(t, err)
	requireScore(t, got, leads.ScoreManual, 4, "4")
	_, err = b.Criteria().Create(ctx, &leads.Criterion{Name: "Met in person", Weight: leads.WeightHigh})
	require.NoError(t, err)
	requireScore(t, get(t, b, ctx, l.ID), leads.ScoreManual, 4, "4")
	n, err := b.Rescore(ctx, leads.Query{})
	require.NoError(t, err)
	require.Zero(t, n)
	requireScore(t, get(t, b, ctx, l.ID), leads.ScoreManual, 4, "4")

	// Back to automatic: recomputed from the checks, 8 of 15.
	got, err = b.ScoreAutomatically(ctx, l.ID)
	require.NoError(t, err)
	requireScore(t, got, leads.ScoreAuto, 3, "2.666667")

	_, err = b.ScoreManually(ctx, l.ID, 6)
	requireFieldErrors(t, err, "score.stars")
	_, err = b.ScoreManually(ctx, l.ID, -1)
	requireFieldErrors(t, err, "score.stars")
	requireScore(t, get(t, b, ctx, l.ID), leads.ScoreAuto, 3, "2.666667")
}

func TestCriterionChangesRescore(t *testing.T) {
	b, _, ctx := newBook(t)
	auto := mustCreate(t, b, ctx, &leads.Lead{FullName: "Auto Matic", Checks: map[uuid.UUID]bool{budget: true, decides: true}})
	manual := mustCreate(t, b, ctx, &leads.Lead{FullName: "Man Ual", Checks: map[uuid.UUID]bool{budget: true},
		Score: leads.ManualScore(2)})
	contact := mustCreate(t, b, ctx, &leads.Lead{FullName: "Con Tact", Type: leads.TypeContact,
		Checks: map[uuid.UUID]bool{size: true}})
	requireScore(t, auto, leads.ScoreAuto, 3, "2.5")         // 6/12
	requireScore(t, contact, leads.ScoreAuto, 0, "0.416667") // 1/12

	// Adding a criterion nobody meets lowers every automatic score.
	c, err := b.Criteria().Create(ctx, &leads.Criterion{Name: "  Met in person ", Weight: leads.WeightHigh})
	require.NoError(t, err)
	require.Equal(t, "Met in person", c.Name)
	require.EqualValues(t, 1, c.Version)
	requireScore(t, get(t, b, ctx, auto.ID), leads.ScoreAuto, 2, "2")           // 6/15
	requireScore(t, get(t, b, ctx, contact.ID), leads.ScoreAuto, 0, "0.333333") // 1/15
	requireScore(t, get(t, b, ctx, manual.ID), leads.ScoreManual, 2, "2")

	// Meeting it raises the score.
	got, err := b.Check(ctx, auto.ID, map[uuid.UUID]bool{c.ID: true})
	require.NoError(t, err)
	requireScore(t, got, leads.ScoreAuto, 3, "3") // 9/15

	// Editing its weight rescores; editing only its name changes no score.
	e, err := b.Criteria().Edit(ctx, c.ID, func(c *leads.Criterion) error { c.Weight = leads.WeightLow; return nil })
	require.NoError(t, err)
	require.Equal(t, leads.WeightLow, e.Weight)
	requireScore(t, get(t, b, ctx, auto.ID), leads.ScoreAuto, 3, "2.692308") // 7/13
	_, err = b.Criteria().Edit(ctx, c.ID, func(c *leads.Criterion) error { c.Name = "Shook hands"; return nil })
	require.NoError(t, err)
	requireScore(t, get(t, b, ctx, auto.ID), leads.ScoreAuto, 3, "2.692308")

	// Deleting a criterion removes its checks from every record, manual ones
	// too, and rescores.
	require.NoError(t, b.Criteria().Delete(ctx, budget))
	a := get(t, b, ctx, auto.ID)
	require.NotContains(t, a.Checks, budget)
	requireScore(t, a, leads.ScoreAuto, 2, "2") // decides 3 + shook hands 1 = 4 of 10
	m := get(t, b, ctx, manual.ID)
	require.NotContains(t, m.Checks, budget)
	requireScore(t, m, leads.ScoreManual, 2, "2")
	cs, err := leads.Collect(b.Criteria().List(ctx))
	require.NoError(t, err)
	require.Len(t, cs, 6)

	// With no criteria left every automatic score is 0.
	for _, c := range cs {
		require.NoError(t, b.Criteria().Delete(ctx, c.ID))
	}
	requireScore(t, get(t, b, ctx, auto.ID), leads.ScoreAuto, 0, "0")
	require.Empty(t, get(t, b, ctx, auto.ID).Checks)
}

func TestCriterionBadInput(t *testing.T) {
	b, _, ctx := newBook(t)
	l := mustCreate(t, b, ctx, &leads.Lead{FullName: "Ada Lovelace", Checks: map[uuid.UUID]bool{budget: true}})
	before := get(t, b, ctx, l.ID)
	criteria := func() []*leads.Criterion {
		cs, err := leads.Collect(b.Criteria().List(ctx))
		require.NoError(t, err)
		return cs
	}
	start := criteria()

	_, err := b.Criteria().Create(ctx, &leads.Criterion{Name: "  ", Weight: leads.WeightLow})
	requireFieldErrors(t, err, "name")
	_, err = b.Criteria().Create(ctx, &leads.Criterion{Name: "No weight"})
	requireFieldErrors(t, err, "weight")
	_, err = b.Criteria().Create(ctx, &leads.Criterion{Name: "Too heavy", Weight: 4})
	requireFieldErrors(t, err, "weight")
	_, err = leads.ParseWeight("medium")
	requireFieldErrors(t, err, "weight")

	_, err = b.Criteria().Edit(ctx, uuid.Must(uuid.NewV7()), func(*leads.Criterion) error { return nil })
	require.ErrorIs(t, err, leads.ErrNotFound)
	_, err = b.Criteria().Edit(ctx, budget, func(c *leads.Criterion) error { c.Weight = 0; return nil })
	requireFieldErrors(t, err, "weight")
	_, err = b.Criteria().Edit(ctx, budget, func(c *leads.Criterion) error { c.Name = ""; return nil })
	requireFieldErrors(t, err, "name")
	require.ErrorIs(t, b.Criteria().Delete(ctx, uuid.Must(uuid.NewV7())), leads.ErrNotFound)

	unknown := uuid.Must(uuid.NewV7())
	_, err = b.Check(ctx, l.ID, map[uuid.UUID]bool{decides: true, unknown: true})
	requireFieldErrors(t, err, "checks["+unknown.String()+"]")
	_, err = b.Create(ctx, &leads.Lead{FullName: "Bad Check", Checks: map[uuid.UUID]bool{unknown: false}})
	requireFieldErrors(t, err, "checks["+unknown.String()+"]")

	require.Equal(t, start, criteria(), "no criterion changed")
	require.Equal(t, before, get(t, b, ctx, l.ID), "no record changed")
	require.Equal(t, 1, count(t, b, ctx))
}

// failingStore fails the n-th lead update made inside a transaction, to
// show that rescoring is all-or-nothing.
type failingStore struct {
	*memory.Store
	n int
}

var errDisk = errors.New("disk on fire")

func (s *failingStore) Atomic(ctx context.Context, fn func(leads.Tx) error) error {
	return s.Store.Atomic(ctx, func(tx leads.Tx) error { return fn(failingTx{tx, s}) })
}

type failingTx struct {
	leads.Tx
	s *failingStore
}

func (t failingTx) Leads() leads.LeadRepository { return failingLeads{t.Tx.Leads(), t.s} }

type failingLeads struct {
	leads.LeadRepository
	s *failingStore
}

func (r failingLeads) Update(ctx context.Context, id uuid.UUID, fn func(*leads.Lead) error) (*leads.Lead, error) {
	r.s.n--
	if r.s.n == 0 {
		return nil, errDisk
	}
	return r.LeadRepository.Update(ctx, id, fn)
}

func TestRescoreIsAllOrNothing(t *testing.T) {
	store := &failingStore{Store: memory.New()}
	b := leads.New(store)
	ctx := context.Background()
	var ids []uuid.UUID
	for i := range 5 {
		l := mustCreate(t, b, ctx, &leads.Lead{FullName: "Lead " + string(rune('A'+i)), Checks: map[uuid.UUID]bool{budget: true}})
		ids = append(ids, l.ID)
	}
	store.n = 3 // the third rescored record fails
	_, err := b.Criteria().Create(ctx, &leads.Criterion{Name: "Met in person", Weight: leads.WeightHigh})
	require.ErrorIs(t, err, errDisk)
	cs, err := leads.Collect(b.Criteria().List(ctx))
	require.NoError(t, err)
	require.Len(t, cs, 6, "the criterion was not added")
	for _, id := range ids {
		requireScore(t, get(t, b, ctx, id), leads.ScoreAuto, 1, "1.25")
	}

	store.n = 2
	require.ErrorIs(t, b.Criteria().Delete(ctx, budget), errDisk)
	for _, id := range ids {
		l := get(t, b, ctx, id)
		require.True(t, l.Checks[budget], "no check was removed")
		requireScore(t, l, leads.ScoreAuto, 1, "1.25")
	}
}

func TestRescoreOnDemand(t *testing.T) {
	store := memory.New()
	b := leads.New(store)
	ctx := context.Background()
	// Records written straight to the store, bypassing the Book, carry
	// stale scores: as after an import of raw data.
	stale := func(name string, typ leads.RecordType, score leads.Score) uuid.UUID {
		l := &leads.Lead{ID: uuid.Must(uuid.NewV7()), FullName: name, Type: typ, Score: score,
			Checks: map[uuid.UUID]bool{budget: true, decides: true}}
		require.NoError(t, store.Leads().Create(ctx, l))
		return l.ID
	}
	lead1 := stale("Lead One", leads.TypeLead, leads.Score{Stars: 5, Value: decimal.NewFromInt(5)})
	lead2 := stale("Lead Two", leads.TypeLead, leads.Score{})
	contact := stale("Contact", leads.TypeContact, leads.Score{})
	manual := stale("Manual", leads.TypeLead, leads.ManualScore(1))

	n, err := b.Rescore(ctx, leads.Query{Types: []leads.RecordType{leads.TypeContact}})
	require.NoError(t, err)
	require.Equal(t, 1, n)
	requireScore(t, get(t, b, ctx, contact), leads.ScoreAuto, 3, "2.5")
	requireScore(t, get(t, b, ctx, lead1), leads.ScoreAuto, 5, "5") // untouched

	_, err = b.RescoreIDs(ctx, lead2, uuid.Must(uuid.NewV7()))
	require.ErrorIs(t, err, leads.ErrNotFound)
	requireScore(t, get(t, b, ctx, lead2), leads.ScoreAuto, 0, "0") // nothing changed
	n, err = b.RescoreIDs(ctx, lead2, manual)
	require.NoError(t, err)
	require.Equal(t, 1, n)
	requireScore(t, get(t, b, ctx, lead2), leads.ScoreAuto, 3, "2.5")

	n, err = b.Rescore(ctx, leads.Query{})
	require.NoError(t, err)
	require.Equal(t, 1, n, "only lead one was still stale")
	requireScore(t, get(t, b, ctx, lead1), leads.ScoreAuto, 3, "2.5")
	requireScore(t, get(t, b, ctx, manual), leads.ScoreManual, 1, "1")

	n, err = b.Rescore(ctx, leads.Query{})
	require.NoError(t, err)
	require.Zero(t, n, "rescoring again changes nothing")
}

func TestExplain(t *testing.T) {
	b, _, ctx := newBook(t)
	l := mustCreate(t, b, ctx, &leads.Lead{FullName: "Ada Lovelace", Checks: map[uuid.UUID]bool{budget: true, need: true, size: false}})
	e, err := b.Explain(ctx, l.ID)
	require.NoError(t, err)
	require.Equal(t, l.Score, e.Score)
	require.EqualValues(t, 12, e.Total)
	require.Len(t, e.Items, 6)
	total, met := decimal.Zero, decimal.Zero
	for _, it := range e.Items {
		total = total.Add(it.Share)
		if it.Met {
			met = met.Add(it.Share)
		}
		require.Equal(t, it.Criterion.ID == budget || it.Criterion.ID == need, it.Met)
	}
	require.Equal(t, "1.25", e.Items[0].Share.String(), "a high criterion is 3/12 of 5")
	require.Equal(t, "0.833333", e.Items[2].Share.String())
	require.True(t, total.Sub(decimal.NewFromInt(5)).Abs().LessThan(decimal.New(1, -5)), "shares add up to 5: %s", total)
	require.Equal(t, "2.083333", met.String(), "met shares add up to the value")
	require.Equal(t, "2.083333", l.Score.Value.String())

	_, err = b.Explain(ctx, uuid.Must(uuid.NewV7()))
	require.ErrorIs(t, err, leads.ErrNotFound)
}

func TestSortByScore(t *testing.T) {
	b, _, ctx := newBook(t)
	mk := func(name string, checks ...uuid.UUID) uuid.UUID {
		m := map[uuid.UUID]bool{}
		for _, c := range checks {
			m[c] = true
		}
		return mustCreate(t, b, ctx, &leads.Lead{FullName: name, Checks: m}).ID
	}
	low := mk("Zed Low", size)                            // 0.416667, 0 stars
	b3 := mk("Bea Three", budget, decides)                // 2.5, 3 stars
	a3 := mk("Abe Three", budget, decides)                // 2.5, 3 stars: same value, files first
	c3 := mk("Cy Three", budget, decides, size, campaign) // 3.333333, 3 stars
	var got []uuid.UUID
	for l, err := range b.List(ctx, leads.Query{Sort: []leads.SortKey{leads.Desc(leads.FieldScore)}}) {
		require.NoError(t, err)
		got = append(got, l.ID)
	}
	require.Equal(t, []uuid.UUID{c3, a3, b3, low}, got, "exact value first, then File As")
}
