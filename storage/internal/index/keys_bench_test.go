package index

import (
	"fmt"
	"hash/maphash"
	"testing"

	"github.com/google/uuid"
	"github.com/leadkit/leads"
)

// keyBenchLeads returns n leads shaped like the rows of the import
// benchmark (importexport/csvfile): an e-mail address at one of 97
// domains, a phone number shared by one lead in 10,000, a name at one of
// 1,000 companies.
func keyBenchLeads(n int) map[uuid.UUID]*leads.Lead {
	m := make(map[uuid.UUID]*leads.Lead, n)
	for i := range n {
		l := &leads.Lead{ID: uuid.Must(uuid.NewV7()), FullName: fmt.Sprintf("Ada%d Lovelace%d", i, i),
			FirstName: fmt.Sprintf("Ada%d", i), LastName: fmt.Sprintf("Lovelace%d", i),
			Company: fmt.Sprintf("Engines %d, Ltd", i%1000),
			Emails:  []leads.Email{{Address: fmt.Sprintf("ada%d@engines%d.example", i, i%97)}},
			Phones:  []leads.Phone{{Number: fmt.Sprintf("+44 20 7946 %04d", i%10000)}}}
		m[l.ID] = l
	}
	return m
}

// BenchmarkKeyIndex1M compares, for a million new leads, the two ways of
// indexing their keys: one at a time into an index that exists (what
// Apply did for a bulk load before it dropped the index), and building
// the index in one pass (what the first lookup after such a load does).
func BenchmarkKeyIndex1M(b *testing.B) {
	ls := keyBenchLeads(1_000_000)
	b.Run("lead by lead", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			x := &Index{leads: ls, keySeed: maphash.MakeSeed(), byKey: map[uint64]uuid.UUID{},
				byKeyMore: map[uint64][]uuid.UUID{}}
			for id, l := range ls {
				for _, k := range leads.MatchKeys(l) {
					x.indexKey(x.keyHash(k), id)
				}
			}
		}
	})
	b.Run("one pass", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			x := &Index{leads: ls}
			x.buildKeys()
		}
	})
}
