package main

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"strings"
	"testing"

	"github.com/google/uuid"
	"github.com/stretchr/testify/require"
)

// runStdin runs the program with --store set and stdin as its standard
// input.
func (h *harness) runStdin(stdin io.Reader, args ...string) result {
	h.t.Helper()
	var stdout, stderr bytes.Buffer
	env := func(k string) string { return h.env[k] }
	code := run(context.Background(), append([]string{"--store", h.store}, args...), env, stdin, &stdout, &stderr)
	return result{code: code, stdout: stdout.String(), stderr: stderr.String()}
}

func TestIDsFromStdin(t *testing.T) {
	h := newHarness(t)
	a := h.add("--name", "Ada Lovelace")
	b := h.add("--name", "Grace Hopper")
	c := h.add("--name", "Alan Turing")
	d := h.add("--name", "Edsger Dijkstra")
	h.ok("users", "add", "bob")

	// Blank lines, spaces, CRLF and a byte order mark are ignored.
	in := "\uFEFF  " + a + "  \r\n\n\t" + b + "\n\n"
	r := h.runStdin(strings.NewReader(in), "assign", "bob", "-")
	require.Equal(t, 0, r.code, r.stderr)
	require.Equal(t, "assigned 2 records to bob\n", r.stdout)

	r = h.runStdin(strings.NewReader(b+"\n"+c+"\n"), "bulk-edit", "--field", "company", "--value", "Acme", "-")
	require.Equal(t, 0, r.code, r.stderr)
	require.Equal(t, "changed 2 records\n", r.stdout)
	require.Equal(t, "Acme", h.jsonObject("show", c)["company"])

	// "-" mixes with IDs on the command line, in place.
	r = h.runStdin(strings.NewReader(b+"\n"), "merge", a, "-", "--preview")
	require.Equal(t, 0, r.code, r.stderr)
	r = h.runStdin(strings.NewReader(" "+d+"\n"), "convert", "-")
	require.Equal(t, 0, r.code, r.stderr)
	require.Contains(t, r.stdout, "converted "+d)

	r = h.runStdin(strings.NewReader(c+"\n"+a+"\n"+c+"\n"), "delete", b, "-")
	require.Equal(t, 0, r.code, r.stderr)
	require.Equal(t, "deleted "+b+"\ndeleted "+c+"\ndeleted "+a+"\n", r.stdout)
	require.Len(t, h.jsonList("list", "--type", "all"), 1)
}

func TestIDsFromStdinErrors(t *testing.T) {
	h := newHarness(t)
	a := h.add("--name", "Ada Lovelace")
	h.ok("users", "add", "bob")

	// A bad line: one message naming the line, nothing changed.
	r := h.runStdin(strings.NewReader(a+"\n\n  not-an-id \n"+a+"\n"), "delete", "-")
	require.Equal(t, 1, r.code)
	require.Equal(t, "leads: stdin:3: \"not-an-id\" is not a record ID\n", r.stderr)
	require.Len(t, h.jsonList("list"), 1)

	// Unknown records are named by their line; of many, ten are listed.
	var in strings.Builder
	var missing []string
	fmt.Fprintln(&in, a)
	for range 25 {
		id := uuid.Must(uuid.NewV7()).String()
		missing = append(missing, id)
		fmt.Fprintln(&in, id)
	}
	r = h.runStdin(strings.NewReader(in.String()), "assign", "bob", "-")
	require.Equal(t, 1, r.code)
	lines := strings.Split(strings.TrimSpace(r.stderr), "\n")
	require.Len(t, lines, 12, r.stderr)
	require.Equal(t, "leads: stdin:2: lead "+missing[0]+" not found", lines[0])
	require.Equal(t, "leads: stdin:11: lead "+missing[9]+" not found", lines[9])
	require.Contains(t, lines[10], "and 15 more")
	require.Equal(t, "leads: nothing was changed", lines[11])
	require.Equal(t, "", h.jsonObject("show", a)["assigned_to"])

	r = h.runStdin(strings.NewReader(missing[3]+"\n"), "delete", "-")
	require.Equal(t, 1, r.code)
	require.Equal(t, "leads: stdin:1: lead "+missing[3]+" not found\n", r.stderr)

	// An ID on the command line has no line to name.
	r = h.runStdin(strings.NewReader(a+"\n"), "delete", missing[4], "-")
	require.Equal(t, 1, r.code)
	require.Equal(t, "leads: lead "+missing[4]+" not found\nleads: nothing was deleted\n", r.stderr)

	for _, tt := range []struct {
		name  string
		stdin string
		args  []string
		want  string
	}{
		{"empty", "\n \n", []string{"delete", "-"}, "standard input (-) holds none"},
		{"twice", a + "\n", []string{"delete", "-", "-"}, "given twice"},
		{"convert takes one", a + "\n" + a + "\n", []string{"convert", "-"}, "convert takes one ID"},
		{"merge takes five", strings.Repeat(a+"\n", 6), []string{"merge", "-"}, "2 to 5 records"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			r := h.runStdin(strings.NewReader(tt.stdin), tt.args...)
			require.NotEqual(t, 0, r.code)
			require.Contains(t, r.stderr, tt.want)
			require.Equal(t, 1, strings.Count(r.stderr, tt.want), "printed once")
		})
	}

	// A line too long to be an ID.
	r = h.runStdin(strings.NewReader(a+"\n"+strings.Repeat("x", 100<<10)+"\n"), "delete", "-")
	require.Equal(t, 1, r.code)
	require.Contains(t, r.stderr, "stdin:2: a line longer than 64 KiB")
}

func TestMillionIDsFromStdin(t *testing.T) {
	if testing.Short() {
		t.Skip("reads a million IDs")
	}
	h := newHarness(t)
	a := h.add("--name", "Ada Lovelace")
	b := h.add("--name", "Grace Hopper")

	// A million lines, the same two IDs over and over: read as a stream,
	// each deleted once.
	var in bytes.Buffer
	for i := range 1_000_000 {
		if i%2 == 0 {
			in.WriteString(a + "\n")
		} else {
			in.WriteString(b + "\n")
		}
	}
	r := h.runStdin(&in, "delete", "-")
	require.Equal(t, 0, r.code, r.stderr)
	require.Equal(t, "deleted "+a+"\ndeleted "+b+"\n", r.stdout)

	// A million unknown IDs: the error is printed once, with its line.
	c := h.add("--name", "Alan Turing")
	in.Reset()
	ids := make([]uuid.UUID, 1_000_000)
	for i := range ids {
		ids[i] = uuid.Must(uuid.NewRandom())
		in.WriteString(ids[i].String() + "\n")
	}
	in.WriteString(c + "\n")
	r = h.runStdin(&in, "delete", "-")
	require.Equal(t, 1, r.code)
	lines := strings.Split(strings.TrimSpace(r.stderr), "\n")
	require.Len(t, lines, 2, r.stderr)
	require.Regexp(t, `^leads: stdin:\d+: lead [0-9a-f-]{36} not found$`, lines[0])
	require.Equal(t, "leads: nothing was deleted", lines[1])
	require.Len(t, h.jsonList("list"), 1)
}

func TestHelpOfIDCommands(t *testing.T) {
	h := newHarness(t)
	for _, cmd := range []string{"delete", "assign", "bulk-edit", "convert", "merge"} {
		require.Contains(t, h.ok("help", cmd), `An ID of "-"`, cmd)
	}
	require.Contains(t, h.ok("help"), "--lock-timeout")
	require.Contains(t, h.ok("help"), "--create")
}
