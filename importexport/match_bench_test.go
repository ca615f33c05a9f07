package importexport_test

import (
	"context"
	"fmt"
	"testing"

	"github.com/leadkit/leads"
	"github.com/leadkit/leads/importexport"
	"github.com/leadkit/leads/storage/memory"
	"github.com/leadkit/leads/storage/storagetest"
)

// BenchmarkImport1000Into200k imports 1,000 rows, half of them duplicates
// of stored leads by e-mail, into a memory store that holds 200,000 leads
// (a dry run, so that every iteration sees the same store). Matching
// looks rows up in the store's key index, built before the timing: the
// cost follows the rows, not the store.
func BenchmarkImport1000Into200k(b *testing.B) {
	s := memory.New()
	ctx := context.Background()
	stored := make([]*leads.Lead, 200_000)
	for i := range stored {
		stored[i] = storagetest.Sample(i)
	}
	if err := s.Atomic(ctx, func(tx leads.Tx) error {
		return tx.Leads().(leads.BulkAdopter).AdoptMany(ctx, stored)
	}); err != nil {
		b.Fatal(err)
	}
	book := leads.New(s)
	rows := make([]*leads.Lead, 1000)
	for i := range rows {
		rows[i] = &leads.Lead{FullName: fmt.Sprintf("Row Person %d", i), Company: "Imported",
			Emails: []leads.Email{{Address: fmt.Sprintf("row%d@imported.example", i)}}}
		if i%2 == 0 {
			rows[i].Emails[0].Address = fmt.Sprintf("USER%d@example%d.com", i*97, i*97%13)
		}
	}
	for range s.Leads().Lookup(ctx, "e:build@the.index", 1) { // once, outside the timing
	}
	b.ReportAllocs()
	for b.Loop() {
		fresh := make([]*leads.Lead, len(rows))
		for i, l := range rows {
			fresh[i] = l.Clone()
		}
		rep, err := (&importexport.Importer{Book: book, DryRun: true}).Import(ctx, source(fresh...))
		if err != nil {
			b.Fatal(err)
		}
		if len(rep.Skipped) != 500 || len(rep.Created) != 500 {
			b.Fatalf("%d skipped, %d created", len(rep.Skipped), len(rep.Created))
		}
	}
}
