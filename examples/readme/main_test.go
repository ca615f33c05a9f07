package main

import (
	"io"
	"os"
	"strings"
	"testing"
)

// snippet returns the lines between the markers of main.go, one tab of
// indentation removed, and the first ```go block of the README.
func snippets(t *testing.T) (program, readme string) {
	src, err := os.ReadFile("main.go")
	if err != nil {
		t.Fatal(err)
	}
	_, body, ok := strings.Cut(string(src), "// README snippet begins.\n")
	body, _, ok2 := strings.Cut(body, "\t// README snippet ends.")
	if !ok || !ok2 {
		t.Fatal("main.go lost its snippet markers")
	}
	var lines []string
	for _, l := range strings.Split(strings.TrimRight(body, "\n"), "\n") {
		lines = append(lines, strings.TrimPrefix(l, "\t"))
	}
	doc, err := os.ReadFile("../../README.md")
	if err != nil {
		t.Fatal(err)
	}
	_, block, ok := strings.Cut(string(doc), "```go\n")
	block, _, ok2 = strings.Cut(block, "```")
	if !ok || !ok2 {
		t.Fatal("the README has no ```go block")
	}
	return strings.Join(lines, "\n"), strings.TrimRight(block, "\n")
}

// TestREADMESnippetIsTheProgram: the README's Go snippet is main's body,
// so it compiles as written.
func TestREADMESnippetIsTheProgram(t *testing.T) {
	program, readme := snippets(t)
	if program != readme {
		t.Errorf("the README's snippet and main.go differ; README:\n%s\n\nmain.go:\n%s", readme, program)
	}
}

// TestREADMESnippetRuns runs the snippet on a new store in a directory of
// its own and checks what it prints.
func TestREADMESnippetRuns(t *testing.T) {
	t.Chdir(t.TempDir())
	r, w, err := os.Pipe()
	if err != nil {
		t.Fatal(err)
	}
	stdout := os.Stdout
	os.Stdout = w
	main()
	os.Stdout = stdout
	w.Close()
	out, err := io.ReadAll(r)
	if err != nil {
		t.Fatal(err)
	}
	want := "Ada Lovelace filed as Lovelace, Ada\n0 stars: Lovelace, Ada ada@engines.example\n"
	if string(out) != want {
		t.Errorf("printed %q, want %q", out, want)
	}
}
