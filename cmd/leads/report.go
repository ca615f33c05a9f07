package main

import (
	"context"
	"errors"
	"fmt"
	"os"
	"strings"

	"github.com/leadkit/leads"
	"github.com/leadkit/leads/query"
	"github.com/leadkit/leads/report"
	"github.com/leadkit/leads/report/render"
)

// report runs "leads report": run a report, or list, save and delete
// saved ones.
func (a *app) report(args []string) error {
	if len(args) > 0 {
		switch args[0] {
		case "list":
			return a.reportList(args[1:])
		case "save":
			return a.reportSave(args[1:])
		case "delete":
			return a.reportDelete(args[1:])
		}
	}
	fs := newFlagSet("report")
	a.globalFlags(fs)
	var format, out string
	fs.StringVar(&format, "format", "text", "")
	fs.StringVar(&out, "out", "", "")
	pos, err := parseArgs(fs, args)
	if err != nil {
		return err
	}
	name, err := reportName(pos)
	if err != nil {
		return err
	}
	f, err := render.ParseFormat(format)
	if err != nil {
		return usagef("--format %q is not text, csv, html or xlsx", format)
	}
	if flagGiven(fs, "out") && strings.TrimSpace(out) == "" {
		return usagef("--out needs a file name")
	}

	return a.withBook(func(ctx context.Context, book *leads.Book) error {
		r, err := book.Reports().Get(ctx, name)
		if err != nil {
			return err
		}
		res, err := report.Run(ctx, book.Store(), *r)
		if err != nil {
			return err
		}
		if a.json && out == "" {
			return a.printJSON(res)
		}
		if out == "" {
			return render.Write(a.stdout, f, res)
		}
		return writeFile(out, func(w *os.File) error { return render.Write(w, f, res) })
	})
}

// writeFile writes a new file through fn; if fn fails, the file is
// removed, so a failed report leaves no half-written file behind.
func writeFile(path string, fn func(w *os.File) error) error {
	w, err := os.Create(path)
	if err != nil {
		return err
	}
	err = fn(w)
	if cerr := w.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		os.Remove(path)
		return fmt.Errorf("write %s: %w", path, err)
	}
	return nil
}

// reportName joins the positional arguments into a report name, so that
// "leads report Leads by Score" works without quotes.
func reportName(pos []string) (string, error) {
	name := strings.TrimSpace(strings.Join(pos, " "))
	if name == "" {
		return "", usagef("missing report name (run 'leads report list' to see them)")
	}
	return name, nil
}

// reportList runs "leads report list".
func (a *app) reportList(args []string) error {
	fs := newFlagSet("report")
	a.globalFlags(fs)
	pos, err := parseArgs(fs, args)
	if err != nil {
		return err
	}
	if len(pos) > 0 {
		return usagef("report list: unexpected argument %q", pos[0])
	}
	return a.withBook(func(ctx context.Context, book *leads.Book) error {
		all, err := leads.Collect(book.Reports().List(ctx))
		if err != nil {
			return err
		}
		if a.json {
			return a.printJSON(all)
		}
		rows := [][]string{}
		for _, r := range all {
			kind := "saved"
			if leads.IsBuiltinReport(r.Name) {
				kind = "built-in"
			}
			rows = append(rows, []string{r.Name, kind, describeReport(r)})
		}
		widths := columnWidths(rows)
		var b strings.Builder
		b.WriteString("Reports in the category " + leads.CategoryLeads + ":\n")
		for _, r := range rows {
			b.WriteString("  " + padRow(r, widths) + "\n")
		}
		_, err = fmt.Fprint(a.stdout, b.String())
		return err
	})
}

// describeReport sums a definition up on one line, in the syntax of the
// save flags.
func describeReport(r *leads.Report) string {
	parts := []string{"columns " + joinFields(r.Columns)}
	if !r.Where.IsZero() {
		parts = append(parts, "where "+query.FormatCond(r.Where))
	}
	if len(r.Sort) > 0 {
		parts = append(parts, "sort "+query.FormatSort(r.Sort))
	}
	if len(r.GroupBy) > 0 {
		parts = append(parts, "group "+joinFields(r.GroupBy))
	}
	return strings.Join(parts, "; ")
}

func joinFields(fs []leads.Field) string {
	s := make([]string, len(fs))
	for i, f := range fs {
		s[i] = string(f)
	}
	return strings.Join(s, ",")
}

// defaultReportColumns are the columns of a report saved without --from
// or --columns.
func defaultReportColumns() []leads.Field {
	return []leads.Field{leads.FieldFileAs, leads.FieldCompany, leads.FieldAssignedTo, leads.FieldStars, leads.FieldSource}
}

// reportSave runs "leads report save NAME".
func (a *app) reportSave(args []string) error {
	fs := newFlagSet("report")
	a.globalFlags(fs)
	var from, columns, where, sortSpec, group, typ string
	fs.StringVar(&from, "from", "", "")
	fs.StringVar(&columns, "columns", "", "")
	fs.StringVar(&where, "where", "", "")
	fs.StringVar(&sortSpec, "sort", "", "")
	fs.StringVar(&group, "group", "", "")
	fs.StringVar(&typ, "type", "", "")
	pos, err := parseArgs(fs, args)
	if err != nil {
		return err
	}
	name, err := reportName(pos)
	if err != nil {
		return err
	}
	switch strings.ToLower(name) {
	case "list", "save", "delete":
		return usagef("%q cannot be a report name: 'leads report %s' means the subcommand", name, name)
	}
	// Read every flag before opening the store: a mistake costs nothing.
	var def leads.Report
	if flagGiven(fs, "columns") {
		if def.Columns, err = parseFieldList("--columns", columns); err != nil {
			return err
		}
		if len(def.Columns) == 0 {
			return usagef("--columns needs at least one field")
		}
	}
	if flagGiven(fs, "where") {
		if def.Where, err = query.ParseCond(where); err != nil {
			return syntaxUsage("--where", where, err)
		}
	}
	if flagGiven(fs, "sort") {
		if def.Sort, err = query.ParseSort(sortSpec); err != nil {
			return syntaxUsage("--sort", sortSpec, err)
		}
	}
	if flagGiven(fs, "group") {
		if def.GroupBy, err = parseFieldList("--group", group); err != nil {
			return err
		}
	}
	var types []leads.RecordType
	if flagGiven(fs, "type") {
		switch strings.ToLower(strings.TrimSpace(typ)) {
		case "all":
			types = []leads.RecordType{}
		case "lead", "leads":
			types = []leads.RecordType{leads.TypeLead}
		case "contact", "contacts":
			types = []leads.RecordType{leads.TypeContact}
		default:
			return usagef("--type %q is not lead, contact or all", typ)
		}
	}

	return a.withBook(func(ctx context.Context, book *leads.Book) error {
		r := leads.Report{Types: []leads.RecordType{leads.TypeLead}, Columns: defaultReportColumns()}
		if from != "" {
			base, err := book.Reports().Get(ctx, from)
			if err != nil {
				return err
			}
			r = *base
		}
		r.Name, r.Category = name, leads.CategoryLeads
		if def.Columns != nil {
			r.Columns = def.Columns
		}
		if flagGiven(fs, "where") {
			r.Where = def.Where
		}
		if flagGiven(fs, "sort") {
			r.Sort = def.Sort
		}
		if flagGiven(fs, "group") {
			r.GroupBy = def.GroupBy
		}
		if types != nil {
			r.Types = types
		}
		saved, err := book.Reports().Create(ctx, &r)
		if err != nil {
			return err
		}
		if a.json {
			return a.printJSON(saved)
		}
		_, err = fmt.Fprintf(a.stdout, "Saved report %q in the category %s.\n", saved.Name, saved.Category)
		return err
	})
}

// parseFieldList reads "FIELD,FIELD"; an unknown field is a usage error
// naming it.
func parseFieldList(flagName, s string) ([]leads.Field, error) {
	out := []leads.Field{}
	for part := range strings.SplitSeq(s, ",") {
		name := strings.TrimSpace(part)
		if name == "" {
			continue
		}
		f := leads.Field(name)
		if _, ok := f.Kind(); !ok {
			return nil, usagef("%s: unknown field %q (fields: %s)", flagName, name, fieldNames())
		}
		out = append(out, f)
	}
	return out, nil
}

// syntaxUsage turns a syntax error in a flag's text into a usage error
// that shows where the problem is:
//
//	--where: syntax error at position 9: expected a value, found end of text
//	  stars >=
//	          ^
func syntaxUsage(flagName, text string, err error) error {
	var se *query.SyntaxError
	if !errors.As(err, &se) {
		return usagef("%s: %v", flagName, err)
	}
	caret := strings.Repeat(" ", len([]rune(text[:min(se.Pos, len(text))])))
	return usagef("%s: syntax error at position %d: %s\n  %s\n  %s^", flagName, se.Pos, se.Msg, text, caret)
}

// reportDelete runs "leads report delete NAME".
func (a *app) reportDelete(args []string) error {
	fs := newFlagSet("report")
	a.globalFlags(fs)
	pos, err := parseArgs(fs, args)
	if err != nil {
		return err
	}
	name, err := reportName(pos)
	if err != nil {
		return err
	}
	return a.withBook(func(ctx context.Context, book *leads.Book) error {
		if err := book.Reports().Delete(ctx, name); err != nil {
			return err
		}
		if a.json {
			return a.printJSON(map[string]string{"deleted": name})
		}
		_, err = fmt.Fprintf(a.stdout, "Deleted report %q.\n", name)
		return err
	})
}
