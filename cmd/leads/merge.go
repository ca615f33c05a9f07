package main

import (
	"context"
	"fmt"
	"io"
	"strings"
	"text/tabwriter"

	"github.com/google/uuid"
	"github.com/leadkit/leads"
)

const mergeSynopsis = `Usage: leads merge SURVIVOR ID... [--preview] [--field NAME=POLICY]... [--default POLICY]
`

const mergeHelp = mergeSynopsis + `
Merge 2 to 5 records of one person into SURVIVOR, losing nothing: the
others' e-mails (compared ignoring case), phones (compared by digits),
addresses and web pages are added to the survivor's, every comment and
status step is kept, history items and opportunities move to the survivor,
and the others are deleted. Their IDs still find the survivor ("leads show
OLD-ID" shows it). A record is a business contact after the merge when any
of them was one.

Single values (company, job title, photo, status, custom fields, ...) are
taken by a policy:

  first-non-empty   the survivor's value, else the first other's that has
                    one, in the order given (the default)
  survivor          the survivor's value, even an empty one
  most-recent       the value of the most recently updated record that has
                    one
  union             every entry of every record: the default of emails,
                    phones, addresses and web_pages, and for those only

  --preview            print the merged record and where each field would
                       come from; change nothing
  --field NAME=POLICY  the policy of one field, by its JSON name
                       (company, emails, custom.NAME, details.NAME, ...);
                       repeatable. The name parts and File As come with
                       full_name.
  --default POLICY     the policy of every other single value

Prints the merged record and, for each field, the record it came from, the
records that had the same value and those whose value was dropped (the
merge's change log entry keeps them as they were: "leads history
SURVIVOR"). With --json, prints the whole result. Merging a record with
itself, an ID given twice, an unknown ID or more than five records fails
(exit 1) and changes nothing.
` + idsHelp

// merge runs "leads merge SURVIVOR ID...".
func (a *app) merge(args []string) error {
	fs := newFlagSet("merge")
	a.globalFlags(fs)
	var (
		preview bool
		fields  listFlag
		def     string
	)
	fs.BoolVar(&preview, "preview", false, "")
	fs.Var(&fields, "field", "")
	fs.StringVar(&def, "default", "", "")
	pos, err := parseArgs(fs, args)
	if err != nil {
		return err
	}
	if len(pos) == 0 {
		return usagef("missing SURVIVOR and the IDs to merge into it")
	}
	list, err := a.readIDs(pos)
	if err != nil {
		return err
	}
	ids := list.ids
	switch n := len(ids); {
	case n == 1:
		return usagef("missing the IDs to merge into %s", ids[0])
	case n > leads.MaxMerge:
		// The Book says so too, but only after comparing every ID with
		// every other: too slow for a long list on standard input.
		return &leads.FieldError{Field: "others", Reason: fmt.Sprintf(
			"a merge takes 2 to %d records, the survivor and 1 to %d others; got %d", leads.MaxMerge, leads.MaxMerge-1, n)}
	}
	opts := leads.MergeOptions{Default: leads.MergePolicy(strings.TrimSpace(def))}
	for _, f := range fields.values {
		name, pol, ok := splitKV(f)
		if !ok || name == "" {
			return usagef("--field %q is not NAME=POLICY", f)
		}
		if opts.Fields == nil {
			opts.Fields = map[string]leads.MergePolicy{}
		}
		opts.Fields[name] = leads.MergePolicy(strings.TrimSpace(pol))
	}

	return a.withBook(func(ctx context.Context, book *leads.Book) error {
		opts.Preview = preview
		res, err := book.Merge(ctx, ids[0], ids[1:], opts)
		if err != nil {
			return list.explain(err)
		}
		if a.json {
			return a.printJSON(res)
		}
		return writeMerge(a.stdout, res)
	})
}

// writeMerge prints a merge: what happened, the merged record and where
// each field came from.
func writeMerge(w io.Writer, res *leads.MergeResult) error {
	verb := "Merged"
	if res.Preview {
		verb = "Preview (nothing changed): would merge"
	}
	fmt.Fprintf(w, "%s %d %s into %s.\n\n", verb, len(res.Merged), plural(len(res.Merged), "record", "records"), res.Lead.ID)
	if err := writeRecord(w, res.Lead, nil); err != nil {
		return err
	}
	// Records are named by a short mark: S for the survivor, 1, 2, ...
	// for the others in the order given.
	mark := map[uuid.UUID]string{}
	fmt.Fprintln(w, "\nRecords:")
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	for i, l := range res.Records {
		m, role := fmt.Sprint(i), "merged"
		if i == 0 {
			m, role = "S", "survivor"
		}
		mark[l.ID] = m
		fmt.Fprintf(tw, "  %s\t%s\t%s\t%s, version %d\n", m, l.ID, cell(l.FullName), role, l.Version)
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	marks := func(ids []uuid.UUID) string {
		out := make([]string, len(ids))
		for i, id := range ids {
			out[i] = mark[id]
		}
		return strings.Join(out, ",")
	}
	fmt.Fprintln(w, "\nWhere each field came from:")
	tw = tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "  Field\tFrom\tAlso\tDropped\tRule")
	for _, f := range res.Fields {
		from := mark[f.From]
		if f.From == uuid.Nil {
			from = "-"
		}
		fmt.Fprintf(tw, "  %s\t%s\t%s\t%s\t%s\n", cell(f.Field), from, marks(f.Also), marks(f.Dropped), f.Rule)
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	moved := "Moved to the survivor"
	if res.Preview {
		moved = "Would move to the survivor"
	}
	_, err := fmt.Fprintf(w, "\n%s: %d history %s, %d %s; %d %s initiated by a merged record.\n", moved,
		len(res.History), plural(len(res.History), "item", "items"),
		len(res.Opportunities), plural(len(res.Opportunities), "opportunity", "opportunities"),
		len(res.Initiated), plural(len(res.Initiated), "record", "records"))
	return err
}
