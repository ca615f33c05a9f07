// Import-pipeline is a nightly import: every CSV and vCard file in a
// directory is imported into the file store, each file all-or-nothing for
// its good rows (bad rows are reported, not imported), and a report says,
// per file, what was created, what was skipped as already there, which
// rows were rejected and why, and which values were adjusted (warnings).
// Running it again on the same files changes nothing: every person is
// found by e-mail address (or name and company) and skipped, so the job is
// safe to re-run after a failure.
//
//	go run ./examples/import-pipeline -dir ./inbox -store leads.db
package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/leadkit/leads"
	"github.com/leadkit/leads/importexport"
	"github.com/leadkit/leads/importexport/csvfile"
	"github.com/leadkit/leads/importexport/vcardfile"
	"github.com/leadkit/leads/storage/file"
)

func main() {
	dir := flag.String("dir", "inbox", "the directory of files to import")
	path := flag.String("store", "leads.db", "the file store")
	flag.Parse()
	store, err := file.Open(*path, nil)
	if err != nil {
		fmt.Fprintln(os.Stderr, "import-pipeline:", err)
		os.Exit(1)
	}
	defer store.Close()
	ctx := leads.WithActor(context.Background(), "nightly-import")
	failed, err := run(ctx, leads.New(store), *dir, os.Stdout)
	if err != nil || failed > 0 {
		fmt.Fprintf(os.Stderr, "import-pipeline: %d files failed %v\n", failed, err)
		store.Close()
		os.Exit(1)
	}
}

// run imports every .csv and .vcf file of dir, in name order, and writes
// the report to w. A file that cannot be read at all is reported and
// counted in failed; the others are imported all the same.
func run(ctx context.Context, book *leads.Book, dir string, w io.Writer) (failed int, err error) {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return 0, err
	}
	names := []string{}
	for _, e := range entries {
		switch strings.ToLower(filepath.Ext(e.Name())) {
		case ".csv", ".vcf":
			names = append(names, e.Name())
		}
	}
	slices.Sort(names)
	for _, name := range names {
		rep, err := importFile(ctx, book, filepath.Join(dir, name))
		if err != nil {
			failed++
			fmt.Fprintf(w, "%s: FAILED: %v\n", name, err)
			continue
		}
		fmt.Fprintf(w, "%s: %d created, %d already there, %d rejected, %d warnings\n",
			name, len(rep.Created), len(rep.Skipped), len(rep.Rejected), len(rep.Warnings))
		for _, r := range rep.Rejected {
			fmt.Fprintf(w, "  rejected: %s\n", strings.TrimPrefix(r.Error(), "leads: "))
		}
		for _, wn := range rep.Warnings {
			fmt.Fprintf(w, "  warning: %s\n", wn)
		}
	}
	return failed, nil
}

// importFile imports one file, skipping duplicates and bad rows.
func importFile(ctx context.Context, book *leads.Book, path string) (*importexport.Report, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	var src importexport.Source
	if strings.EqualFold(filepath.Ext(path), ".vcf") {
		src = vcardfile.NewSource(f)
	} else if src, err = csvfile.NewSource(f, csvfile.Options{}); err != nil {
		return nil, err
	}
	im := &importexport.Importer{Book: book, OnDuplicate: importexport.SkipDuplicates, SkipBadRows: true}
	return im.Import(ctx, src)
}
