package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"strings"
	"text/tabwriter"

	"github.com/leadkit/leads"
)

// fields runs "leads fields [list|add|rename|delete]": the user-defined
// fields of leads and contacts.
func (a *app) fields(args []string) error {
	sub := "list"
	if len(args) > 0 && !strings.HasPrefix(args[0], "-") {
		sub, args = args[0], args[1:]
	}
	switch sub {
	case "list":
		return a.fieldsList(args)
	case "add":
		return a.fieldsAdd(args)
	case "rename":
		return a.fieldsRename(args)
	case "delete":
		return a.fieldsDelete(args)
	}
	return usagef("unknown fields command %q (list, add, rename or delete)", sub)
}

// recordTypeFlag defines --for on fs: the record type a field belongs to.
func recordTypeFlag(fs *flag.FlagSet, dst *leads.RecordType) {
	fs.Func("for", "", func(s string) error {
		t, err := leads.ParseRecordType(s)
		if err != nil {
			return fmt.Errorf("%q is not lead or contact", s)
		}
		*dst = t
		return nil
	})
}

func (a *app) fieldsList(args []string) error {
	fs := newFlagSet("fields")
	a.globalFlags(fs)
	var rt leads.RecordType
	recordTypeFlag(fs, &rt)
	pos, err := parseArgs(fs, args)
	if err != nil {
		return err
	}
	if len(pos) > 0 {
		return usagef("unexpected argument %q", pos[0])
	}
	return a.withBook(func(ctx context.Context, book *leads.Book) error {
		var types []leads.RecordType
		if flagGiven(fs, "for") {
			types = append(types, rt)
		}
		defs, err := leads.Collect(book.Fields().List(ctx, types...))
		if err != nil {
			return err
		}
		if a.json {
			if defs == nil {
				defs = []*leads.FieldDefinition{}
			}
			return a.printJSON(defs)
		}
		return writeFieldDefinitions(a.stdout, defs)
	})
}

func writeFieldDefinitions(w io.Writer, defs []*leads.FieldDefinition) error {
	if len(defs) == 0 {
		_, err := fmt.Fprintln(w, "No user-defined fields: custom values are free-form text.")
		return err
	}
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "ID\tFor\tName\tType\tChoices")
	for _, d := range defs {
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\n", d.ID, d.RecordType, cell(d.Name), d.Type, cell(strings.Join(d.Choices, ", ")))
	}
	return tw.Flush()
}

func (a *app) fieldsAdd(args []string) error {
	fs := newFlagSet("fields add")
	a.globalFlags(fs)
	var (
		d       leads.FieldDefinition
		choices listFlag
	)
	recordTypeFlag(fs, &d.RecordType)
	fs.Func("type", "", func(s string) error {
		t, err := leads.ParseCustomType(s)
		if err != nil {
			return fmt.Errorf("%q is not text, number, date, yes/no or choice", s)
		}
		d.Type = t
		return nil
	})
	fs.Var(&choices, "choice", "")
	pos, err := parseArgs(fs, args)
	if err != nil {
		return err
	}
	if len(pos) != 1 {
		return usagef("want one field name, got %d arguments", len(pos))
	}
	if !flagGiven(fs, "type") {
		return usagef("--type is required (text, number, date, yes/no or choice)")
	}
	d.Name, d.Choices = pos[0], choices.values
	return a.withBook(func(ctx context.Context, book *leads.Book) error {
		added, err := book.Fields().Create(ctx, &d)
		if err != nil {
			return err
		}
		return a.printCreated(added, added.ID)
	})
}

// findField returns the definition of record type rt named name (ignoring
// case).
func findField(ctx context.Context, book *leads.Book, rt leads.RecordType, name string) (*leads.FieldDefinition, error) {
	defs, err := leads.Collect(book.Fields().List(ctx, rt))
	if err != nil {
		return nil, err
	}
	for _, d := range defs {
		if strings.EqualFold(d.Name, strings.TrimSpace(name)) {
			return d, nil
		}
	}
	return nil, &leads.NotFoundError{Kind: rt.String() + " field", ID: fmt.Sprintf("%q", name)}
}

func (a *app) fieldsRename(args []string) error {
	fs := newFlagSet("fields rename")
	a.globalFlags(fs)
	var rt leads.RecordType
	recordTypeFlag(fs, &rt)
	pos, err := parseArgs(fs, args)
	if err != nil {
		return err
	}
	if len(pos) != 2 {
		return usagef("want the field's name and its new name, got %d arguments", len(pos))
	}
	return a.withBook(func(ctx context.Context, book *leads.Book) error {
		d, err := findField(ctx, book, rt, pos[0])
		if err != nil {
			return err
		}
		renamed, err := book.Fields().Edit(ctx, d.ID, func(d *leads.FieldDefinition) error {
			d.Name = pos[1]
			return nil
		})
		if err != nil {
			return err
		}
		if a.json {
			return a.printJSON(renamed)
		}
		_, err = fmt.Fprintf(a.stdout, "renamed %s to %s\n", cell(d.Name), cell(renamed.Name))
		return err
	})
}

func (a *app) fieldsDelete(args []string) error {
	fs := newFlagSet("fields delete")
	a.globalFlags(fs)
	var rt leads.RecordType
	recordTypeFlag(fs, &rt)
	pos, err := parseArgs(fs, args)
	if err != nil {
		return err
	}
	if len(pos) != 1 {
		return usagef("want one field name, got %d arguments", len(pos))
	}
	return a.withBook(func(ctx context.Context, book *leads.Book) error {
		d, err := findField(ctx, book, rt, pos[0])
		if err != nil {
			return err
		}
		if err := book.Fields().Delete(ctx, d.ID); err != nil {
			return err
		}
		if a.json {
			return a.printJSON(d)
		}
		_, err = fmt.Fprintf(a.stdout, "deleted %s and its values\n", cell(d.Name))
		return err
	})
}
