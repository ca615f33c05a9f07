package main

import (
	"context"
	"fmt"
	"strings"
	"text/tabwriter"

	"github.com/leadkit/leads"
)

// The team commands: users, assign, bulk-edit.

const usersSynopsis = `Usage: leads users [list]
       leads users add NAME [--email E]
       leads users rename OLD NEW
       leads users remove NAME [--reassign USER | --unassign]
`

const usersHelp = usersSynopsis + `
The users the database is shared with: the members leads can be assigned
to. Names are unique, ignoring case.

  list     print the users (the default), with how many leads each owns
  add      add a user; --email gives their e-mail address
  rename   rename a user; their leads follow to the new name
  remove   remove a user. A user who still owns leads is refused unless
           --reassign hands the leads to another member or --unassign
           leaves them unassigned, in the same write.

Once the database has users, leads can only be assigned to them (add
--assign, edit --assigned_to, assign, bulk-edit --field assigned_to); a
database without users takes any name.

With --json, list prints [{"id","name","email","active"}], and the other
subcommands print the user, or {"removed","handed_over"}.
`

const assignSynopsis = `Usage: leads assign USER ID...
       leads assign --none ID...
`

const assignHelp = assignSynopsis + `
Assign records to a member of the team (see 'leads users'), or with --none
to nobody: all of them, or, if a record is missing or USER is not a
member, none. Each change is entered in the record's change log. Prints
how many records changed hands; with --json
{"changed": N, "assigned_to": USER}.
` + idsHelp

const bulkEditSynopsis = `Usage: leads bulk-edit --field FIELD (--value V | --clear) ID...
`

const bulkEditHelp = bulkEditSynopsis + `
Set one field of many records to a value, or clear it: all of them, or, if
one is missing or would become invalid, none. Each changed record gets an
entry in its change log ('leads history ID'). Prints how many records
changed; with --json {"changed": N}.

Fields: full_name (cannot be cleared), title, first_name, middle_name,
last_name, suffix, job_title, file_as, company, source, assigned_to (a
member), account_id, initiated_by, status, stars (a manual score; --clear
switches back to automatic), score_type (auto or manual), email, phone
([LABEL=]NUMBER), web_page (these three replace the list with one entry),
custom.NAME.
` + idsHelp

// users runs "leads users ...".
func (a *app) users(args []string) error {
	fs := newFlagSet("users")
	a.globalFlags(fs)
	var email, reassign string
	var unassign bool
	fs.StringVar(&email, "email", "", "")
	fs.StringVar(&reassign, "reassign", "", "")
	fs.BoolVar(&unassign, "unassign", false, "")
	pos, err := parseArgs(fs, args)
	if err != nil {
		return err
	}
	sub := "list"
	if len(pos) > 0 {
		sub, pos = pos[0], pos[1:]
	}
	want := map[string]int{"list": 0, "add": 1, "rename": 2, "remove": 1}
	n, ok := want[sub]
	switch {
	case !ok:
		return usagef("unknown subcommand %q (list, add, rename or remove)", sub)
	case len(pos) != n:
		return usagef("users %s takes %d argument(s), got %d", sub, n, len(pos))
	case flagGiven(fs, "email") && sub != "add":
		return usagef("--email goes with users add")
	case (flagGiven(fs, "reassign") || unassign) && sub != "remove":
		return usagef("--reassign and --unassign go with users remove")
	case flagGiven(fs, "reassign") && unassign:
		return usagef("give --reassign USER or --unassign, not both")
	case flagGiven(fs, "reassign") && strings.TrimSpace(reassign) == "":
		return usagef("--reassign needs a user")
	}

	return a.withBook(func(ctx context.Context, book *leads.Book) error {
		switch sub {
		case "add":
			u, err := book.Users().Create(ctx, &leads.User{Name: pos[0], Email: email})
			if err != nil {
				return err
			}
			if a.json {
				return a.printJSON(u)
			}
			_, err = fmt.Fprintf(a.stdout, "added user %s\n", u.Name)
			return err
		case "rename":
			u, err := book.Users().Rename(ctx, pos[0], pos[1])
			if err != nil {
				return err
			}
			if a.json {
				return a.printJSON(u)
			}
			_, err = fmt.Fprintf(a.stdout, "renamed user %s to %s\n", pos[0], u.Name)
			return err
		case "remove":
			moved, err := book.Users().Delete(ctx, pos[0], leads.Handover{To: reassign, Unassign: unassign})
			if err != nil {
				return err
			}
			if a.json {
				return a.printJSON(map[string]any{"removed": strings.TrimSpace(pos[0]), "handed_over": moved})
			}
			_, err = fmt.Fprintf(a.stdout, "removed user %s (%d leads handed over)\n", strings.TrimSpace(pos[0]), moved)
			return err
		}
		users, err := leads.Collect(book.Users().List(ctx))
		if err != nil {
			return err
		}
		if a.json {
			if users == nil {
				users = []*leads.User{}
			}
			return a.printJSON(users)
		}
		if len(users) == 0 {
			_, err := fmt.Fprintln(a.stdout, "No users. Add one with: leads users add NAME")
			return err
		}
		owned := map[string]int{}
		for l, err := range book.List(ctx, leads.Query{Where: leads.NotEmpty(leads.FieldAssignedTo)}) {
			if err != nil {
				return err
			}
			owned[strings.ToLower(l.AssignedTo)]++
		}
		tw := tabwriter.NewWriter(a.stdout, 0, 0, 2, ' ', 0)
		fmt.Fprintln(tw, "Name\tE-mail\tActive\tLeads")
		for _, u := range users {
			active := "yes"
			if !u.Active {
				active = "no"
			}
			fmt.Fprintf(tw, "%s\t%s\t%s\t%d\n", cell(u.Name), cell(u.Email), active, owned[strings.ToLower(u.Name)])
		}
		return tw.Flush()
	})
}

// assign runs "leads assign USER ID..." and "leads assign --none ID...".
func (a *app) assign(args []string) error {
	fs := newFlagSet("assign")
	a.globalFlags(fs)
	var none bool
	fs.BoolVar(&none, "none", false, "")
	pos, err := parseArgs(fs, args)
	if err != nil {
		return err
	}
	user := ""
	if !none {
		if len(pos) == 0 {
			return usagef("missing USER (or --none)")
		}
		user, pos = pos[0], pos[1:]
	}
	if len(pos) == 0 {
		return usagef("missing ID")
	}
	list, err := a.readIDs(pos)
	if err != nil {
		return err
	}
	ids := list.ids
	return a.withBook(func(ctx context.Context, book *leads.Book) error {
		var n int
		if none {
			n, err = book.Assign(ctx, "", ids...)
		} else {
			n, err = book.Assign(ctx, user, ids...)
		}
		if err != nil {
			return nothingChanged(list.explain(err), len(ids))
		}
		if a.json {
			to := ""
			if !none {
				u, err := book.Users().Get(ctx, user)
				if err != nil {
					return err
				}
				to = u.Name
			}
			return a.printJSON(map[string]any{"changed": n, "assigned_to": to})
		}
		if none {
			_, err = fmt.Fprintf(a.stdout, "unassigned %d %s\n", n, plural(n, "record", "records"))
		} else {
			_, err = fmt.Fprintf(a.stdout, "assigned %d %s to %s\n", n, plural(n, "record", "records"), strings.TrimSpace(user))
		}
		return err
	})
}

// bulkEdit runs "leads bulk-edit --field FIELD (--value V | --clear) ID...".
func (a *app) bulkEdit(args []string) error {
	fs := newFlagSet("bulk-edit")
	a.globalFlags(fs)
	var field, value string
	var clear bool
	fs.StringVar(&field, "field", "", "")
	fs.StringVar(&value, "value", "", "")
	fs.BoolVar(&clear, "clear", false, "")
	pos, err := parseArgs(fs, args)
	if err != nil {
		return err
	}
	switch {
	case strings.TrimSpace(field) == "":
		return usagef("--field is required")
	case clear == flagGiven(fs, "value"):
		return usagef("give --value V or --clear, one of them")
	case len(pos) == 0:
		return usagef("missing ID")
	}
	list, err := a.readIDs(pos)
	if err != nil {
		return err
	}
	ids := list.ids
	f := strings.TrimSpace(field)
	if !strings.HasPrefix(f, "custom.") {
		f = strings.ReplaceAll(strings.ToLower(f), "-", "_")
	}
	change := leads.Clear(leads.Field(f))
	if !clear {
		if change, err = leads.ParseChange(leads.Field(f), value); err != nil {
			return nothingChanged(list.explain(err), len(ids))
		}
	}
	return a.withBook(func(ctx context.Context, book *leads.Book) error {
		n, err := book.BulkEdit(ctx, change, ids...)
		if err != nil {
			return nothingChanged(list.explain(err), len(ids))
		}
		if a.json {
			return a.printJSON(map[string]int{"changed": n})
		}
		_, err = fmt.Fprintf(a.stdout, "changed %d %s\n", n, plural(n, "record", "records"))
		return err
	})
}

// nothingChanged adds to the error of a write over several records that
// none of them changed.
func nothingChanged(err error, records int) error {
	if records > 1 {
		return fmt.Errorf("%w\nnothing was changed", err)
	}
	return err
}
