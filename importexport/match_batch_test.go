package importexport_test

import (
	"context"
	"fmt"
	"iter"
	"testing"

	"github.com/google/uuid"
	"github.com/leadkit/leads"
	"github.com/leadkit/leads/importexport"
	"github.com/leadkit/leads/storage/memory"
	"github.com/stretchr/testify/require"
)

// countedStore counts the lookups of its lead repository.
type countedStore struct {
	leads.Store
	lookups, batches *int
}

func (s countedStore) Leads() leads.LeadRepository {
	return countedLeads{s.Store.Leads(), s.lookups, s.batches}
}

type countedLeads struct {
	leads.LeadRepository
	lookups, batches *int
}

func (r countedLeads) Get(ctx context.Context, id uuid.UUID) (*leads.Lead, error) {
	*r.lookups++
	return r.LeadRepository.Get(ctx, id)
}

func (r countedLeads) LeadsExist(ctx context.Context, ids []uuid.UUID) ([]bool, error) {
	*r.batches++
	return r.LeadRepository.(leads.IDLookuper).LeadsExist(ctx, ids)
}

func (r countedLeads) Lookup(ctx context.Context, key string, limit int) iter.Seq2[*leads.Lead, error] {
	*r.lookups++
	return r.LeadRepository.Lookup(ctx, key, limit)
}

func (r countedLeads) LookupKeys(ctx context.Context, keys []string) ([]uuid.UUID, error) {
	*r.batches++
	return r.LeadRepository.(leads.KeyLookuper).LookupKeys(ctx, keys)
}

// TestImportLooksUpKeysInBatches imports 700 rows (three read-ahead
// batches): every third duplicates a stored record by e-mail, every fifth
// an earlier row by name at the same company (across batches too). The
// store is asked once per batch, never key by key, and each row is matched
// as one by one lookups would match it: the stored record first, then the
// first row with the key.
func TestImportLooksUpKeysInBatches(t *testing.T) {
	ctx := context.Background()
	store := memory.New()
	book := leads.New(store)
	var stored []uuid.UUID
	for i := range 10 {
		l, err := book.Create(ctx, &leads.Lead{FullName: fmt.Sprintf("Stored %d", i), Company: "Old",
			Emails: []leads.Email{{Address: fmt.Sprintf("stored%d@old.example", i)}}})
		require.NoError(t, err)
		stored = append(stored, l.ID)
	}
	var rowsIn []*leads.Lead
	for i := range 700 {
		l := &leads.Lead{FullName: fmt.Sprintf("Row %d", i), Company: "New",
			Emails: []leads.Email{{Address: fmt.Sprintf("row%d@new.example", i)}}}
		switch {
		case i%3 == 0:
			l.Emails[0].Address = fmt.Sprintf("STORED%d@old.example", i%10)
		case i%5 == 0 && i >= 300:
			// An earlier row's name, often of an earlier batch, and no
			// address: possibly that person.
			l.FullName, l.Emails = fmt.Sprintf("Row %d", i-299), nil
		}
		rowsIn = append(rowsIn, l)
	}
	// What one-by-one matching gives: the stored record by e-mail; else,
	// as a possible duplicate, the first earlier row created with the same
	// name.
	wantSkipped := map[int]uuid.UUID{} // row number → ID
	wantPossible := map[int]int{}      // row number → the row it looks like
	firstByName := map[string]int{}
	for i, l := range rowsIn {
		row := i + 2
		if i%3 == 0 {
			wantSkipped[row] = stored[i%10]
			continue
		}
		if first, ok := firstByName[l.FullName]; ok {
			wantPossible[row] = first
			continue
		}
		firstByName[l.FullName] = row
	}
	require.Greater(t, len(wantPossible), 20)

	var lookups, batches int
	rep, err := (&importexport.Importer{Book: leads.New(countedStore{store, &lookups, &batches})}).Import(ctx, source(rowsIn...))
	require.NoError(t, err)
	require.Equal(t, 0, lookups, "no key looked up one by one")
	require.Equal(t, 3, batches, "one LookupKeys per batch of rows")
	require.Len(t, rep.Skipped, len(wantSkipped))
	createdByRow := map[int]uuid.UUID{}
	for _, o := range rep.Created {
		createdByRow[o.Row] = o.ID
	}
	require.Len(t, rep.Created, 700-len(wantSkipped))
	for _, o := range rep.Skipped {
		want, ok := wantSkipped[o.Row]
		require.True(t, ok, "row %d skipped", o.Row)
		require.Equal(t, "email", o.Match, "row %d", o.Row)
		require.Equal(t, want, o.ID, "row %d", o.Row)
	}
	require.Len(t, rep.Possible, len(wantPossible))
	for _, o := range rep.Possible {
		first, ok := wantPossible[o.Row]
		require.True(t, ok, "row %d possible", o.Row)
		require.Equal(t, "name and company", o.Match, "row %d", o.Row)
		require.Equal(t, createdByRow[o.Row], o.ID, "row %d", o.Row)
		require.Equal(t, createdByRow[first], o.Like, "row %d", o.Row)
	}
}

// TestImportLooksUpIDsInBatches imports 600 rows that carry IDs (a JSON
// export imported again): stored IDs, IDs of records since merged into
// another, IDs of earlier rows and new IDs. Each batch asks the store
// twice (which IDs exist, then the survivors of the others), never once per
// row, and each row matches as FindID matches it.
func TestImportLooksUpIDsInBatches(t *testing.T) {
	ctx := context.Background()
	store := memory.New()
	book := leads.New(store)
	var stored []uuid.UUID
	for i := range 5 {
		l, err := book.Create(ctx, &leads.Lead{FullName: fmt.Sprintf("Stored %d", i), Company: "Old"})
		require.NoError(t, err)
		stored = append(stored, l.ID)
	}
	merged := uuid.Must(uuid.NewV7())
	survivor, err := book.Create(ctx, &leads.Lead{FullName: "Survivor", MergedFrom: []uuid.UUID{merged}})
	require.NoError(t, err)

	var rowsIn []*leads.Lead
	want := map[int]uuid.UUID{} // row number → the record it duplicates
	for i := range 600 {
		l := &leads.Lead{ID: uuid.Must(uuid.NewV7()), FullName: fmt.Sprintf("Row %d", i), Company: "New"}
		switch {
		case i%7 == 0:
			l.ID = stored[i%5]
			want[i+2] = l.ID
		case i%11 == 0:
			l.ID = merged
			want[i+2] = survivor.ID
		case i%13 == 0 && i > 300:
			l.ID = rowsIn[i-300].ID // an earlier row, in an earlier batch
			if w, ok := want[i-300+2]; ok {
				want[i+2] = w // that row was itself a duplicate
			} else {
				want[i+2] = l.ID
			}
		}
		rowsIn = append(rowsIn, l)
	}
	var lookups, batches int
	rep, err := (&importexport.Importer{Book: leads.New(countedStore{store, &lookups, &batches})}).Import(ctx, source(rowsIn...))
	require.NoError(t, err)
	require.Equal(t, 0, lookups, "no Get or Lookup per row")
	require.LessOrEqual(t, batches, 3*3, "per batch: LookupKeys of the rows' keys, LeadsExist, LookupKeys of merged IDs")
	require.Len(t, rep.Skipped, len(want))
	for _, o := range rep.Skipped {
		require.Equal(t, want[o.Row], o.ID, "row %d", o.Row)
		require.Equal(t, "id", o.Match, "row %d", o.Row)
	}
	require.Len(t, rep.Created, 600-len(want))
}
