package leadstest

import (
	"bytes"
	"context"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/leadkit/leads"
	"github.com/leadkit/leads/importexport"
	"github.com/leadkit/leads/importexport/csvfile"
	"github.com/leadkit/leads/importexport/jsonfile"
	"github.com/leadkit/leads/importexport/vcardfile"
	"github.com/leadkit/leads/report"
	"github.com/leadkit/leads/report/render"
)

// Updating tells whether golden files are being rewritten: the test binary
// has a true boolean flag named "update" (go test -update, where the test
// package declares the usual var update = flag.Bool("update", false, ...))
// or LEADSTEST_UPDATE=1 is set. The package declares no flag of its own, so
// it never collides with the host's.
func Updating() bool {
	if os.Getenv("LEADSTEST_UPDATE") == "1" {
		return true
	}
	f := flag.Lookup("update")
	if f == nil {
		return false
	}
	g, ok := f.Value.(flag.Getter)
	if !ok {
		return false
	}
	v, _ := g.Get().(bool)
	return v
}

// Golden compares got with the file at path (usually under testdata/) and
// reports the first line that differs; when Updating, it writes got to the
// file instead, creating its directory.
func Golden(t testing.TB, path string, got []byte) {
	t.Helper()
	if Updating() {
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatalf("leadstest: %v", err)
		}
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatalf("leadstest: %v", err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("leadstest: %v (run the test with -update or LEADSTEST_UPDATE=1 to write it)", err)
	}
	if bytes.Equal(got, want) {
		return
	}
	t.Errorf("leadstest: %s differs from the output:\n%s", path, firstDiff(want, got))
}

// firstDiff describes the first line where want and got part.
func firstDiff(want, got []byte) string {
	wl := strings.Split(string(want), "\n")
	gl := strings.Split(string(got), "\n")
	for i := 0; i < max(len(wl), len(gl)); i++ {
		var w, g string
		if i < len(wl) {
			w = wl[i]
		}
		if i < len(gl) {
			g = gl[i]
		}
		if w != g || i >= len(wl) || i >= len(gl) {
			return fmt.Sprintf("line %d:\n  file:   %q\n  output: %q\n(%d lines in the file, %d in the output)", i+1, w, g, len(wl), len(gl))
		}
	}
	return "the same lines, other line endings"
}

// GoldenReport runs the report named name (built in or saved) and compares
// it, rendered in format ("text", "csv", "html"; XLSX files hold a time
// stamp and are not compared), with the golden file at path.
func GoldenReport(t testing.TB, b *Book, name, format, path string) {
	t.Helper()
	r, ok := leads.BuiltinReport(name)
	if !ok {
		saved, err := b.Reports().Get(b.Ctx, name)
		if err != nil {
			t.Fatalf("leadstest: report %q: %v", name, err)
		}
		r = *saved
	}
	res, err := report.Run(b.Ctx, b.Store(), r)
	if err != nil {
		t.Fatalf("leadstest: run report %q: %v", name, err)
	}
	f, err := render.ParseFormat(format)
	if err != nil {
		t.Fatalf("leadstest: %v", err)
	}
	var buf bytes.Buffer
	if err := render.Write(&buf, f, res); err != nil {
		t.Fatalf("leadstest: render report %q: %v", name, err)
	}
	Golden(t, path, buf.Bytes())
}

// GoldenExport exports every record of the book in format ("json", "csv",
// "vcard") and compares the file with the golden file at path. With the
// book's deterministic IDs and clock, the export is the same in every run.
func GoldenExport(t testing.TB, b *Book, format, path string) {
	t.Helper()
	var buf bytes.Buffer
	ctx := context.WithoutCancel(b.Ctx)
	var err error
	switch format {
	case "json":
		_, err = jsonfile.Export(ctx, &buf, b.Store(), nil)
	case "csv":
		_, err = csvfile.Export(ctx, &buf, importexport.Records(ctx, b.Store(), nil), csvfile.ExportOptions{})
	case "vcard":
		_, err = vcardfile.Export(ctx, &buf, importexport.Records(ctx, b.Store(), nil))
	default:
		t.Fatalf("leadstest: export format %q: want json, csv or vcard", format)
	}
	if err != nil {
		t.Fatalf("leadstest: export %s: %v", format, err)
	}
	Golden(t, path, buf.Bytes())
}
