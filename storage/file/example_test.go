package file_test

import (
	"context"
	"fmt"
	"log"
	"os"
	"path/filepath"

	"github.com/leadkit/leads"
	"github.com/leadkit/leads/storage/file"
)

func Example() {
	dir, err := os.MkdirTemp("", "leads-example-")
	if err != nil {
		log.Fatal(err)
	}
	defer os.RemoveAll(dir)
	path := filepath.Join(dir, "leads.db")
	ctx := context.Background()

	s, err := file.Open(path, nil)
	if err != nil {
		log.Fatal(err)
	}
	l, err := leads.New(s).Create(ctx, &leads.Lead{FullName: "Ada Lovelace", Company: "Analytical Engines"})
	if err != nil {
		log.Fatal(err)
	}
	if err := s.Close(); err != nil {
		log.Fatal(err)
	}

	// The lead is still there when the store is opened again.
	s, err = file.Open(path, nil)
	if err != nil {
		log.Fatal(err)
	}
	defer s.Close()
	got, err := leads.New(s).Get(ctx, l.ID)
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(got.FullName, "|", got.FileAs, "|", got.Company)
	// Output: Ada Lovelace | Lovelace, Ada | Analytical Engines
}
