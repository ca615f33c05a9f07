package leads_test

import (
	"os/exec"
	"slices"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
)

// TestImports guards the architecture: the root package imports only the
// standard library, the value libraries uuid and decimal, and what
// duplicate detection needs to compare phone numbers and names
// (phonenumbers, with its protobuf metadata, and x/text), never a store,
// driver or file format.
func TestImports(t *testing.T) {
	goTool, err := exec.LookPath("go")
	if err != nil {
		t.Skip("go is not on PATH")
	}
	out, err := exec.Command(goTool, "list", "-deps",
		"-f", "{{if not .Standard}}{{.ImportPath}}{{end}}",
		"github.com/leadkit/leads").Output()
	if ee, ok := err.(*exec.ExitError); ok {
		t.Fatalf("go list: %v\n%s", err, ee.Stderr)
	}
	require.NoError(t, err)
	allowed := map[string]bool{
		"github.com/leadkit/leads":      true,
		"github.com/google/uuid":        true,
		"github.com/shopspring/decimal": true,
		// Duplicate detection (duplicate_phone.go, duplicate_name.go).
		"github.com/nyaruka/phonenumbers": true,
	}
	allowedTrees := []string{"golang.org/x/text/", "google.golang.org/protobuf/"}
	var deps []string
	for _, dep := range strings.Fields(string(out)) {
		deps = append(deps, dep)
		if !allowed[dep] && !slices.ContainsFunc(allowedTrees, func(p string) bool { return strings.HasPrefix(dep, p) }) {
			t.Errorf("the root package depends on %s; only the standard library, uuid, decimal, phonenumbers and x/text are allowed", dep)
		}
	}
	require.Contains(t, deps, "github.com/leadkit/leads", "go list saw the package")
}
