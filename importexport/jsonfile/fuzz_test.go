package jsonfile_test

import (
	"bytes"
	"context"
	"testing"

	"github.com/leadkit/leads"
	"github.com/leadkit/leads/importexport"
	"github.com/leadkit/leads/importexport/jsonfile"
	"github.com/leadkit/leads/storage/memory"
)

// FuzzRead: arbitrary documents never panic the reader or a real import,
// and what an import accepts exports again.
func FuzzRead(f *testing.F) {
	f.Add([]byte(`{"format":"leads","version":1,"accounts":[],"criteria":[],"leads":[{"full_name":"Ada","emails":[{"address":"a@b.example"}],"checks":{"00000000-0000-7000-8000-000000000001":true}}]}`))
	f.Add([]byte(`{"format":"leads","leads":[null,{"full_name":"x","initiated_by":"00000000-0000-7000-8000-000000000001"}]}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		src, err := jsonfile.Read(bytes.NewReader(data), 1<<20)
		if err != nil {
			return
		}
		ctx := context.Background()
		book := leads.New(memory.New())
		if _, err := (&importexport.Importer{Book: book, SkipBadRows: true}).Import(ctx, src); err != nil {
			return
		}
		var buf bytes.Buffer
		if _, err := jsonfile.Export(ctx, &buf, book.Store(), nil); err != nil {
			t.Fatalf("an imported book does not export: %v", err)
		}
	})
}
