package importexport_test

import (
	"context"
	"errors"
	"iter"
	"testing"

	"github.com/google/uuid"
	"github.com/leadkit/leads"
	"github.com/leadkit/leads/importexport"
	"github.com/leadkit/leads/storage/memory"
	"github.com/stretchr/testify/require"
)

// noScan is a store whose List fails: an import must find stored
// duplicates through Lookup, never by reading every record.
type noScan struct{ leads.Store }

func (s noScan) Leads() leads.LeadRepository { return noScanLeads{s.Store.Leads()} }

type noScanLeads struct{ leads.LeadRepository }

func (noScanLeads) List(context.Context, leads.Query) iter.Seq2[*leads.Lead, error] {
	return func(yield func(*leads.Lead, error) bool) { yield(nil, errors.New("List called: a full scan")) }
}

func TestMatcherFindsStoredByLookup(t *testing.T) {
	ctx := context.Background()
	store := memory.New()
	book := leads.New(store)
	ada, err := book.Create(ctx, &leads.Lead{FullName: "José García", Company: "Acme Inc.", Emails: []leads.Email{{Address: "jose@acme.example"}}})
	require.NoError(t, err)
	merged := uuid.Must(uuid.NewV7())
	survivor, err := book.Create(ctx, &leads.Lead{FullName: "Grace Hopper", MergedFrom: []uuid.UUID{merged}})
	require.NoError(t, err)

	m := importexport.NewStoreMatcher(noScan{store}.Leads())
	for _, tt := range []struct {
		name  string
		id    uuid.UUID // read from the file
		row   *leads.Lead
		want  uuid.UUID
		by    string
		found bool
	}{
		{"same ID", ada.ID, &leads.Lead{FullName: "Someone"}, ada.ID, "id", true},
		{"a merged ID resolves to the survivor", merged, &leads.Lead{FullName: "Someone"}, survivor.ID, "id", true},
		{"e-mail, any case", uuid.Nil, &leads.Lead{FullName: "X", Emails: []leads.Email{{Address: " JOSE@acme.example"}}}, ada.ID, "email", true},
		{"the same name is not the same person", uuid.Nil, &leads.Lead{FullName: "GARCIA, Jose", Company: "ACME"}, uuid.Nil, "", false},
		{"another company", uuid.Nil, &leads.Lead{FullName: "Jose Garcia", Company: "Other"}, uuid.Nil, "", false},
		{"an unknown ID", uuid.Must(uuid.NewV7()), &leads.Lead{FullName: "Nobody"}, uuid.Nil, "", false},
	} {
		t.Run(tt.name, func(t *testing.T) {
			match, ok, err := m.FindID(ctx, tt.id)
			require.NoError(t, err)
			if !ok {
				match, ok, err = m.Find(ctx, tt.row)
				require.NoError(t, err)
			}
			require.Equal(t, tt.found, ok)
			require.Equal(t, importexport.Match{ID: tt.want, By: tt.by}, match)
		})
	}

	// The same name, normalized as duplicate detection does, at the same
	// company is a possible duplicate when one of the two has no address;
	// with addresses on both sides and none shared, two people.
	for _, tt := range []struct {
		name  string
		row   *leads.Lead
		found bool
	}{
		{"no address", &leads.Lead{FullName: "GARCIA, Jose", Company: "ACME"}, true},
		{"another address", &leads.Lead{FullName: "José García", Company: "Acme", Emails: []leads.Email{{Address: "jg@acme.example"}}}, false},
		{"another company", &leads.Lead{FullName: "Jose Garcia", Company: "Other"}, false},
	} {
		match, ok, err := m.FindPossible(ctx, tt.row)
		require.NoError(t, err, tt.name)
		require.Equal(t, tt.found, ok, tt.name)
		if ok {
			require.Equal(t, importexport.Match{ID: ada.ID, By: "name and company"}, match, tt.name)
		}
	}

	// Rows added are found too; a stored record wins over a row.
	row := &leads.Lead{ID: uuid.Must(uuid.NewV7()), FullName: "Dr. Ada Lovelace", Company: "Engines", Emails: []leads.Email{{Address: "jose@acme.example"}}}
	m.Add(row)
	match, ok, err := m.FindPossible(ctx, &leads.Lead{FullName: "Lovelace, Ada", Company: "Engines Ltd"})
	require.NoError(t, err)
	require.True(t, ok)
	require.Equal(t, importexport.Match{ID: row.ID, By: "name and company"}, match)
	_, ok, err = m.Find(ctx, &leads.Lead{FullName: "Lovelace, Ada", Company: "Engines Ltd"})
	require.NoError(t, err)
	require.False(t, ok, "the same name is not surely the same person")
	match, _, err = m.Find(ctx, &leads.Lead{FullName: "X", Emails: []leads.Email{{Address: "jose@acme.example"}}})
	require.NoError(t, err)
	require.Equal(t, ada.ID, match.ID)

	// The importer matches through Lookup: it works over a store that
	// cannot list.
	rep, err := (&importexport.Importer{Book: leads.New(noScan{store})}).Import(ctx,
		source(&leads.Lead{FullName: "Garcia, José", Company: "ACME"}, &leads.Lead{FullName: "X", Emails: []leads.Email{{Address: "JOSE@acme.example"}}},
			&leads.Lead{FullName: "Charles Babbage"}))
	require.NoError(t, err)
	require.Len(t, rep.Skipped, 1)
	require.Equal(t, ada.ID, rep.Skipped[0].ID)
	require.Len(t, rep.Created, 2)
	require.Len(t, rep.Possible, 1)
	require.Equal(t, ada.ID, rep.Possible[0].Like)
}
