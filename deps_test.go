package leads_test

import (
	"os/exec"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
)

// TestImports guards the architecture: the root package imports only the
// standard library, the value libraries uuid and decimal, and its own
// internal packages, never a store, driver, file format or phone library
// (duplicate detection with E.164 lives in package dedupe).
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
	}
	var deps []string
	for _, dep := range strings.Fields(string(out)) {
		deps = append(deps, dep)
		if !allowed[dep] && !strings.HasPrefix(dep, "github.com/leadkit/leads/internal/") {
			t.Errorf("the root package depends on %s; only the standard library, uuid, decimal and the module's internal packages are allowed", dep)
		}
	}
	require.Contains(t, deps, "github.com/leadkit/leads", "go list saw the package")
}
