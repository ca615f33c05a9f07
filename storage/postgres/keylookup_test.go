package postgres

import (
	"fmt"
	"strings"
	"testing"

	"github.com/google/uuid"
	"github.com/leadkit/leads"
	"github.com/leadkit/leads/importexport"
	"github.com/stretchr/testify/require"
)

// TestLookupKeysLongKey looks up, among others, a key longer than
// maxKeyLen, which lead_keys holds as a digest.
func TestLookupKeysLongKey(t *testing.T) {
	s := newT(t)
	long := strings.Repeat("x", 2*maxKeyLen) + "@long.example"
	l := &leads.Lead{ID: uuid.Must(uuid.NewV7()), FullName: "Long Address", Emails: []leads.Email{{Address: long}}}
	require.NoError(t, s.Leads().Create(ctx, l))
	keys := []string{leads.EmailMatchKey(long), leads.EmailMatchKey("short@long.example"), leads.EmailMatchKey(long)}
	ids, err := s.Leads().(leads.KeyLookuper).LookupKeys(ctx, keys)
	require.NoError(t, err)
	require.Equal(t, []uuid.UUID{l.ID, uuid.Nil, l.ID}, ids)
}

// perKeyStore hides LookupKeys and LeadsExist: the import looks rows up
// one key, one ID at a time.
type perKeyStore struct{ leads.Store }

func (s perKeyStore) Leads() leads.LeadRepository {
	return struct{ leads.LeadRepository }{s.Store.Leads()}
}

// BenchmarkImportMatching5k matches 5,000 rows, half of them duplicates of
// stored leads by e-mail (or, IDs/..., by ID), against 5,000 stored leads
// (a dry run): with LookupKeys and LeadsExist, a query or two per batch of
// 256 rows; without, a Lookup per key of each row (e-mail, then name: two
// round trips for a new row), a Get per ID.
func BenchmarkImportMatching5k(b *testing.B) {
	s := newT(b)
	stored := importSet(0, 5000)
	require.NoError(b, s.Atomic(ctx, func(tx leads.Tx) error {
		return tx.Leads().(leads.BulkCreator).CreateMany(ctx, stored)
	}))
	// rows are new leads, half of them with a stored lead's e-mail; or,
	// withIDs, the rows of an export imported again: half of them stored
	// IDs, half new IDs.
	rows := func(withIDs bool) []*leads.Lead {
		ls := make([]*leads.Lead, 5000)
		for i := range ls {
			ls[i] = &leads.Lead{FullName: fmt.Sprintf("Row Person %d", i), Company: "Imported",
				Emails: []leads.Email{{Address: fmt.Sprintf("row%d@imported.example", i)}}}
			switch {
			case withIDs && i%2 == 0:
				ls[i].ID = stored[i].ID
			case withIDs:
				ls[i].ID = uuid.Must(uuid.NewV7())
			case i%2 == 0:
				ls[i].Emails[0].Address = stored[i].Emails[0].Address
			}
		}
		return ls
	}
	for _, bc := range []struct {
		name    string
		store   leads.Store
		withIDs bool
	}{{"LookupKeys", s, false}, {"Lookup per key", perKeyStore{s}, false},
		{"IDs/LeadsExist", s, true}, {"IDs/Get per row", perKeyStore{s}, true}} {
		b.Run(bc.name, func(b *testing.B) {
			for b.Loop() {
				rep, err := (&importexport.Importer{Book: leads.New(bc.store), DryRun: true}).Import(ctx, &rowSource{leads: rows(bc.withIDs)})
				require.NoError(b, err)
				require.Len(b, rep.Skipped, 2500)
			}
			b.ReportMetric(float64(b.Elapsed().Microseconds())/float64(b.N)/5000, "µs/row")
		})
	}
}
