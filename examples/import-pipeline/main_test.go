package main

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/leadkit/leads"
	"github.com/leadkit/leads/leadstest"
)

// TestNightlyRunIsIdempotent imports the inbox twice: the first run creates
// the three people (the CSV's repeated row and the vCard's Ada are the same
// person) and rejects the row with no name, e-mail or phone; the second
// creates nobody.
func TestNightlyRunIsIdempotent(t *testing.T) {
	b := leadstest.NewBook(t)
	var first bytes.Buffer
	failed, err := run(b.Ctx, b.Book, filepath.Join("testdata", "inbox"), &first)
	if err != nil || failed != 0 {
		t.Fatalf("first run: %d failed, %v", failed, err)
	}
	out := first.String()
	for _, want := range []string{
		"2026-03-01-tradeshow.csv: 2 created, 1 already there, 1 rejected",
		"  rejected: row 4",
		"2026-03-02-phone.vcf: 1 created, 1 already there, 0 rejected",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("report lacks %q:\n%s", want, out)
		}
	}
	n, err := b.Count(b.Ctx, leads.Query{})
	if err != nil || n != 3 {
		t.Fatalf("%d records after the first run (%v), want 3", n, err)
	}

	var second bytes.Buffer
	if _, err := run(b.Ctx, b.Book, filepath.Join("testdata", "inbox"), &second); err != nil {
		t.Fatal(err)
	}
	if got := second.String(); !strings.Contains(got, "tradeshow.csv: 0 created, 3 already there") || !strings.Contains(got, "phone.vcf: 0 created, 2 already there") {
		t.Errorf("second run:\n%s", got)
	}
	if n, _ := b.Count(b.Ctx, leads.Query{}); n != 3 {
		t.Errorf("%d records after the second run, want 3", n)
	}
}

// TestUnreadableFileFailsAlone: a file that is not a CSV at all is
// reported as failed, and the other files are imported.
func TestUnreadableFileFailsAlone(t *testing.T) {
	dir := t.TempDir()
	for _, name := range []string{"2026-03-01-tradeshow.csv", "2026-03-02-phone.vcf"} {
		b, err := os.ReadFile(filepath.Join("testdata", "inbox", name))
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, name), b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if err := os.WriteFile(filepath.Join(dir, "0-broken.csv"), []byte("\x00\x01\x02 not a table"), 0o644); err != nil {
		t.Fatal(err)
	}
	b := leadstest.NewBook(t)
	var out bytes.Buffer
	failed, err := run(context.Background(), b.Book, dir, &out)
	if err != nil || failed != 1 {
		t.Fatalf("%d failed (%v), want 1:\n%s", failed, err, out.String())
	}
	if !strings.Contains(out.String(), "0-broken.csv: FAILED") {
		t.Errorf("report:\n%s", out.String())
	}
	if n, _ := b.Count(b.Ctx, leads.Query{}); n != 3 {
		t.Errorf("%d records, want 3 from the good files", n)
	}
}
