// Package doccheck holds a test of the module's doc comments: every
// exported name of every public package has one, and each reads on its
// own, as go doc shows it: no pointers to neighbouring text ("see above")
// and no names a reader of go doc cannot look up (unexported identifiers).
package doccheck

import (
	"go/ast"
	"go/parser"
	"go/token"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// pointers are phrases that send the reader to text go doc does not show.
var pointers = regexp.MustCompile(`(?i)\b(see|as) (above|below)\b|\bthis file\b|\bsee the file\b|\bthe file's (top|comment)\b`)

// codeName matches words written like an unexported Go identifier that no
// English word looks like: lower camel case (lockMembers) or with an
// underscore between letters.
var codeName = regexp.MustCompile(`\b[a-z][a-z0-9]*[A-Z][A-Za-z0-9]*\b|\b[a-z]+_[a-z_]+\b`)

func TestDocComments(t *testing.T) {
	root := filepath.Join("..", "..")
	dirs := map[string][]string{}
	err := filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() {
			name := d.Name()
			if path != root && (name == "testdata" || name == "internal" || name == "cmd" || name == "examples" || name == "bench" || strings.HasPrefix(name, ".")) {
				return filepath.SkipDir
			}
			return nil
		}
		if strings.HasSuffix(path, ".go") && !strings.HasSuffix(path, "_test.go") {
			dirs[filepath.Dir(path)] = append(dirs[filepath.Dir(path)], path)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	for dir, files := range dirs {
		checkPackage(t, dir, files)
	}
}

func checkPackage(t *testing.T, dir string, paths []string) {
	fset := token.NewFileSet()
	var files []*ast.File
	unexported := map[string]bool{}
	for _, p := range paths {
		src, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		f, err := parser.ParseFile(fset, p, src, parser.ParseComments)
		if err != nil {
			t.Fatal(err)
		}
		if f.Name.Name == "main" {
			return
		}
		files = append(files, f)
		for _, d := range f.Decls {
			for _, n := range declNames(d) {
				if !ast.IsExported(n) {
					unexported[n] = true
				}
			}
		}
	}
	hasPackageDoc := false
	for _, f := range files {
		hasPackageDoc = hasPackageDoc || f.Doc != nil
	}
	if !hasPackageDoc {
		t.Errorf("%s: the package has no doc comment", dir)
	}
	check := func(pos token.Pos, name string, doc *ast.CommentGroup) {
		where := fset.Position(pos)
		if doc == nil {
			t.Errorf("%s:%d: %s has no doc comment", where.Filename, where.Line, name)
			return
		}
		text := doc.Text()
		if m := pointers.FindString(text); m != "" {
			t.Errorf("%s:%d: the doc of %s points elsewhere (%q); say it here", where.Filename, where.Line, name, m)
		}
		for _, w := range codeName.FindAllString(text, -1) {
			if unexported[w] {
				t.Errorf("%s:%d: the doc of %s names %s, which go doc does not show", where.Filename, where.Line, name, w)
			}
		}
	}
	for _, f := range files {
		for _, d := range f.Decls {
			switch d := d.(type) {
			case *ast.FuncDecl:
				if !d.Name.IsExported() || (d.Recv != nil && !exportedRecv(d.Recv)) {
					continue
				}
				if d.Recv != nil && interfaceMethods[d.Name.Name] && d.Doc == nil {
					continue // as in the standard library: the interface's doc says it
				}
				check(d.Pos(), d.Name.Name, d.Doc)
			case *ast.GenDecl:
				for _, s := range d.Specs {
					switch s := s.(type) {
					case *ast.TypeSpec:
						if s.Name.IsExported() {
							check(s.Pos(), s.Name.Name, or(s.Doc, d.Doc))
						}
					case *ast.ValueSpec:
						for _, n := range s.Names {
							if n.IsExported() {
								check(n.Pos(), n.Name, or(s.Doc, d.Doc, s.Comment))
							}
						}
					}
				}
			}
		}
	}
}

func declNames(d ast.Decl) []string {
	switch d := d.(type) {
	case *ast.FuncDecl:
		if d.Recv == nil {
			return []string{d.Name.Name}
		}
	case *ast.GenDecl:
		var names []string
		for _, s := range d.Specs {
			switch s := s.(type) {
			case *ast.TypeSpec:
				names = append(names, s.Name.Name)
			case *ast.ValueSpec:
				for _, n := range s.Names {
					names = append(names, n.Name)
				}
			}
		}
		return names
	}
	return nil
}

func exportedRecv(fl *ast.FieldList) bool {
	if len(fl.List) == 0 {
		return false
	}
	x := fl.List[0].Type
	for {
		switch e := x.(type) {
		case *ast.StarExpr:
			x = e.X
		case *ast.IndexExpr:
			x = e.X
		case *ast.IndexListExpr:
			x = e.X
		case *ast.Ident:
			return e.IsExported()
		default:
			return false
		}
	}
}

func or(gs ...*ast.CommentGroup) *ast.CommentGroup {
	for _, g := range gs {
		if g != nil {
			return g
		}
	}
	return nil
}

// interfaceMethods are the methods that implement a standard interface
// (error, fmt.Stringer, errors.Is/As/Unwrap); the standard library leaves
// them without a doc comment of their own, and so may we.
var interfaceMethods = map[string]bool{"Error": true, "String": true, "Unwrap": true, "Is": true, "As": true}
