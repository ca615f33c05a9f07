package importexport_test

import (
	"os/exec"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
)

// TestNoFileFormats guards the layering: the format-neutral package imports
// no file format library (those live in the sub-packages). x/text's
// character sets belong to file formats; its Unicode normalization and
// language tags come in through the root package (duplicate detection).
func TestNoFileFormats(t *testing.T) {
	goTool, err := exec.LookPath("go")
	if err != nil {
		t.Skip("go is not on PATH")
	}
	out, err := exec.Command(goTool, "list", "-deps", "-f", "{{if not .Standard}}{{.ImportPath}}{{end}}",
		"github.com/leadkit/leads/importexport").Output()
	require.NoError(t, err)
	for _, dep := range strings.Fields(string(out)) {
		for _, banned := range []string{"excelize", "go-vcard", "go-message", "golang.org/x/text/encoding", "/importexport/"} {
			require.NotContains(t, dep, banned, "importexport must not depend on a file format")
		}
	}
}
