package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"maps"
	"slices"
	"strings"

	"github.com/google/uuid"
	"github.com/leadkit/leads"
)

// command is one subcommand: its name, its help and what it does. run
// returns a *usageError for mistakes on the command line, flag.ErrHelp for
// --help, and any other error when the operation failed.
type command struct {
	name     string
	synopsis string // the usage lines, printed with usage errors
	help     string // the whole help, for "leads help NAME"
	run      func(a *app, args []string) error
}

// commandTable returns the commands in the order help lists them. It is a
// function, not a variable, so that nothing at package level can change.
func commandTable() []*command {
	return []*command{
		{name: "demo", synopsis: demoSynopsis, help: demoHelp, run: (*app).demo},
		{name: "add", synopsis: addSynopsis, help: addHelp, run: (*app).add},
		{name: "show", synopsis: showSynopsis, help: showHelp, run: (*app).show},
		{name: "list", synopsis: listSynopsis, help: listHelp, run: (*app).list},
		{name: "edit", synopsis: editSynopsis, help: editHelp, run: (*app).edit},
		{name: "delete", synopsis: deleteSynopsis, help: deleteHelp, run: (*app).delete},
		{name: "criteria", synopsis: criteriaSynopsis, help: criteriaHelp, run: (*app).criteria},
		{name: "score", synopsis: scoreSynopsis, help: scoreHelp, run: (*app).score},
		{name: "rescore", synopsis: rescoreSynopsis, help: rescoreHelp, run: (*app).rescore},
		{name: "convert", synopsis: convertSynopsis, help: convertHelp, run: (*app).convert},
		{name: "opportunity", synopsis: opportunitySynopsis, help: opportunityHelp, run: (*app).opportunity},
		{name: "fields", synopsis: fieldsSynopsis, help: fieldsHelp, run: (*app).fields},
		{name: "note", synopsis: noteSynopsis, help: noteHelp, run: (*app).note},
		{name: "status", synopsis: statusSynopsis, help: statusHelpText(), run: (*app).status},
		{name: "duplicates", synopsis: duplicatesSynopsis, help: duplicatesHelp, run: (*app).duplicates},
		{name: "history", synopsis: historySynopsis, help: historyHelp, run: (*app).history},
		{name: "merge", synopsis: mergeSynopsis, help: mergeHelp, run: (*app).merge},
		{name: "import", synopsis: importSynopsis, help: importHelp, run: (*app).importFile},
		{name: "export", synopsis: exportSynopsis, help: exportHelp, run: (*app).exportFile},
		{name: "from-email", synopsis: fromEmailSynopsis, help: fromEmailHelp, run: (*app).fromEmail},
		{name: "report", synopsis: reportSynopsis, help: reportHelp, run: (*app).report},
		{name: "users", synopsis: usersSynopsis, help: usersHelp, run: (*app).users},
		{name: "assign", synopsis: assignSynopsis, help: assignHelp, run: (*app).assign},
		{name: "bulk-edit", synopsis: bulkEditSynopsis, help: bulkEditHelp, run: (*app).bulkEdit},
		{name: "migrate", synopsis: migrateSynopsis, help: migrateHelp, run: (*app).migrate},
	}
}

func lookupCommand(name string) *command {
	for _, c := range commandTable() {
		if c.name == name {
			return c
		}
	}
	return nil
}

// add runs "leads add".
func (a *app) add(args []string) error {
	fs := newFlagSet("add")
	a.globalFlags(fs)
	var (
		l                        leads.Lead
		emails, phones, webs, cf listFlag
	)
	fs.StringVar(&l.FullName, "name", "", "")
	fs.StringVar(&l.Company, "company", "", "")
	for _, n := range []string{"title", "job-title", "job_title"} {
		fs.StringVar(&l.JobTitle, n, "", "")
	}
	fs.Var(&emails, "email", "")
	fs.Var(&phones, "phone", "")
	fs.Var(&webs, "web", "")
	fs.StringVar(&l.Source, "source", "", "")
	for _, n := range []string{"initiated-by", "initiated_by"} {
		fs.Func(n, "", idFlag(&l.InitiatedBy))
	}
	fs.StringVar(&l.AssignedTo, "assign", "", "")
	fs.Var(&cf, "custom", "")
	dupPolicy := fs.String("duplicates", "warn", "")
	region := fs.String("region", a.env("LEADS_REGION"), "")
	pos, err := parseArgs(fs, args)
	if err != nil {
		return err
	}
	if len(pos) > 0 {
		return usagef("unexpected argument %q (did you mean --name %q?)", pos[0], pos[0])
	}
	policy, err := leads.ParseDuplicatePolicy(*dupPolicy)
	if err != nil {
		return usagef("--duplicates %q is not allow, warn or block", *dupPolicy)
	}
	if !flagGiven(fs, "name") {
		return usagef("--name is required")
	}
	l.Emails = toEmails(emails.nonEmpty())
	l.Phones = toPhones(phones.nonEmpty())
	l.WebPages = webs.nonEmpty()
	if l.Custom, err = customValues(nil, cf.values); err != nil {
		return err
	}

	return a.withBook(func(ctx context.Context, book *leads.Book) error {
		var dups []leads.Duplicate
		created, err := book.Create(ctx, &l, leads.DuplicatesInto(&dups))
		if err != nil {
			return err
		}
		for _, d := range dups {
			fmt.Fprintf(a.stderr, "warning: %s may be a duplicate of %s %s (strength %d: %s)\n",
				cell(created.FullName), d.Lead.ID, cell(d.Lead.FullName), d.Strength, reasonsText(d.Reasons))
		}
		return a.printCreated(created, created.ID)
	}, leads.WithDuplicatePolicy(policy), leads.WithDuplicateOptions(leads.DuplicateOptions{Region: *region}))
}

// show runs "leads show ID".
func (a *app) show(args []string) error {
	fs := newFlagSet("show")
	a.globalFlags(fs)
	pos, err := parseArgs(fs, args)
	if err != nil {
		return err
	}
	id, err := oneID(pos)
	if err != nil {
		return err
	}
	return a.withBook(func(ctx context.Context, book *leads.Book) error {
		l, err := book.Get(ctx, id)
		if err != nil {
			return err
		}
		id = l.ID // the survivor, when id was merged into it
		if a.json {
			return a.printJSON(l)
		}
		e, err := book.Explain(ctx, id)
		if err != nil {
			return err
		}
		if err := writeRecord(a.stdout, l, &e); err != nil {
			return err
		}
		recent, err := leads.Collect(book.History().List(ctx, id, leads.HistoryFilter{Limit: showHistory}))
		if err != nil || len(recent) == 0 {
			return err
		}
		fmt.Fprintln(a.stdout, "\nRecent history (leads history ID for all):")
		return writeHistory(a.stdout, recent)
	})
}

// showHistory is how many history items show prints.
const showHistory = 5

// list runs "leads list".
func (a *app) list(args []string) error {
	fs := newFlagSet("list")
	a.globalFlags(fs)
	var (
		typ, assigned, source, minStars, sortSpec string
		limit                                     int
	)
	fs.StringVar(&typ, "type", "lead", "")
	fs.StringVar(&assigned, "assigned", "", "")
	fs.StringVar(&source, "source", "", "")
	fs.StringVar(&minStars, "min-stars", "", "")
	fs.StringVar(&sortSpec, "sort", "", "")
	fs.IntVar(&limit, "limit", 0, "")
	pos, err := parseArgs(fs, args)
	if err != nil {
		return err
	}
	if len(pos) > 0 {
		return usagef("unexpected argument %q", pos[0])
	}
	q := leads.Query{Limit: limit}
	if limit < 0 {
		return usagef("--limit %d is negative", limit)
	}
	switch strings.ToLower(strings.TrimSpace(typ)) {
	case "all":
	case "lead", "leads":
		q.Types = []leads.RecordType{leads.TypeLead}
	case "contact", "contacts":
		q.Types = []leads.RecordType{leads.TypeContact}
	default:
		return usagef("--type %q is not lead, contact or all", typ)
	}
	var conds []leads.Cond
	if flagGiven(fs, "assigned") {
		conds = append(conds, leads.Eq(leads.FieldAssignedTo, assigned))
	}
	if flagGiven(fs, "source") {
		conds = append(conds, leads.Eq(leads.FieldSource, source))
	}
	if flagGiven(fs, "min-stars") {
		n, err := leads.ParseStars(minStars)
		if err != nil {
			return usagef("--min-stars %q is not a number of stars from 0 to 5", minStars)
		}
		conds = append(conds, leads.StarsBetween(n, leads.MaxStars))
	}
	switch len(conds) {
	case 0:
	case 1:
		q.Where = conds[0]
	default:
		q.Where = leads.And(conds...)
	}
	if q.Sort, err = parseSort(sortSpec); err != nil {
		return err
	}

	return a.withBook(func(ctx context.Context, book *leads.Book) error {
		found := []*leads.Lead{}
		for l, err := range book.List(ctx, q) {
			if err != nil {
				return err
			}
			found = append(found, l)
		}
		if a.json {
			return a.printJSON(found)
		}
		return writeTable(a.stdout, found, q.Types == nil)
	})
}

// parseSort reads "FIELD,-FIELD": field names as in queries, a leading '-'
// for descending order (a leading '+' is allowed for ascending).
func parseSort(spec string) ([]leads.SortKey, error) {
	if strings.TrimSpace(spec) == "" {
		return nil, nil
	}
	var keys []leads.SortKey
	for part := range strings.SplitSeq(spec, ",") {
		part = strings.TrimSpace(part)
		desc := strings.HasPrefix(part, "-")
		name := strings.TrimSpace(strings.TrimLeft(part, "+-"))
		if name == "" {
			return nil, usagef("--sort %q has an empty field", spec)
		}
		f := leads.Field(name)
		if _, ok := f.Kind(); !ok {
			return nil, usagef("--sort: unknown field %q (fields: %s, custom.NAME)", name, fieldNames())
		}
		keys = append(keys, leads.SortKey{Field: f, Desc: desc})
	}
	return keys, nil
}

func fieldNames() string {
	var names []string
	for _, f := range leads.Fields() {
		names = append(names, string(f))
	}
	return strings.Join(names, ", ")
}

// editField is a scalar field that edit can set by its JSON name.
type editField struct {
	name    string
	aliases []string
	set     func(l *leads.Lead, v string) error
}

// editAliases are the other flag names of some fields of edit.
var editAliases = map[leads.Field][]string{leads.FieldFullName: {"name"}, leads.FieldAssignedTo: {"assign"}}

// editFields are the scalar fields of "leads edit", by JSON name: the
// fields of the table of fields that people set from text
// (leads.FieldSpec.Set). A field of the Details page is also named
// without "details.".
func editFields() []editField {
	var out []editField
	for _, s := range leads.FieldSpecs() {
		if s.Set == nil || s.List {
			continue
		}
		f := editField{name: string(s.Field), aliases: editAliases[s.Field], set: s.Set}
		if short, ok := strings.CutPrefix(f.name, "details."); ok {
			f.aliases = append(f.aliases, short)
		}
		out = append(out, f)
	}
	return out
}

// edit runs "leads edit ID --FIELD VALUE...".
func (a *app) edit(args []string) error {
	fs := newFlagSet("edit")
	a.globalFlags(fs)
	type change struct {
		f     *editField
		value string
	}
	var changes []change
	fields := editFields()
	for i := range fields {
		f := &fields[i]
		names := append([]string{f.name}, f.aliases...)
		if dashed := strings.ReplaceAll(f.name, "_", "-"); dashed != f.name {
			names = append(names, dashed)
		}
		for _, n := range names {
			fs.Func(n, "", func(v string) error {
				if f.name == "account_id" || f.name == "initiated_by" {
					// A malformed ID is a usage error, caught here.
					var id uuid.UUID
					if err := idFlag(&id)(v); err != nil {
						return err
					}
				}
				changes = append(changes, change{f, v})
				return nil
			})
		}
	}
	var emails, phones, webs, cf listFlag
	fs.Var(&emails, "email", "")
	fs.Var(&phones, "phone", "")
	fs.Var(&webs, "web", "")
	fs.Var(&cf, "custom", "")

	pos, err := parseArgs(fs, args)
	if err != nil {
		var ue *usageError
		if errors.As(err, &ue) && strings.HasPrefix(ue.msg, "unknown flag --") {
			return usagef("unknown field %s (fields: %s; --email, --phone, --web, --custom KEY=VALUE)",
				strings.TrimPrefix(ue.msg, "unknown flag "), editFieldNames())
		}
		return err
	}
	id, err := oneID(pos)
	if err != nil {
		return err
	}
	if len(changes) == 0 && !emails.set && !phones.set && !webs.set && !cf.set {
		return usagef("nothing to change: give at least one --FIELD VALUE")
	}
	for _, kv := range cf.values {
		if _, _, ok := splitKV(kv); !ok {
			return usagef("--custom %q is not KEY=VALUE", kv)
		}
	}

	return a.withBook(func(ctx context.Context, book *leads.Book) error {
		l, err := book.Edit(ctx, id, func(l *leads.Lead) error {
			var errs []error
			for _, c := range changes {
				if err := c.f.set(l, strings.TrimSpace(c.value)); err != nil {
					errs = append(errs, err)
				}
			}
			if emails.set {
				l.Emails = toEmails(emails.nonEmpty())
			}
			if phones.set {
				l.Phones = toPhones(phones.nonEmpty())
			}
			if webs.set {
				l.WebPages = webs.nonEmpty()
			}
			if cf.set {
				var err error
				if l.Custom, err = customValues(l.Custom, cf.values); err != nil {
					errs = append(errs, err)
				}
			}
			return errors.Join(errs...)
		})
		if err != nil {
			return err
		}
		if a.json {
			return a.printJSON(l)
		}
		return writeRecord(a.stdout, l, nil)
	})
}

func editFieldNames() string {
	var names []string
	for _, f := range editFields() {
		names = append(names, f.name)
	}
	return strings.Join(names, ", ")
}

// delete runs "leads delete ID...".
func (a *app) delete(args []string) error {
	fs := newFlagSet("delete")
	a.globalFlags(fs)
	pos, err := parseArgs(fs, args)
	if err != nil {
		return err
	}
	if len(pos) == 0 {
		return usagef("missing ID")
	}
	list, err := a.readIDs(pos)
	if err != nil {
		return err
	}
	list.unique()
	ids := list.ids
	return a.withBook(func(ctx context.Context, book *leads.Book) error {
		if err := book.Delete(ctx, ids...); err != nil {
			err = list.explain(err)
			if len(ids) > 1 {
				return errors.Join(err, errors.New("nothing was deleted"))
			}
			return err
		}
		if a.json {
			out := struct {
				Deleted []uuid.UUID `json:"deleted"`
			}{ids}
			return a.printJSON(out)
		}
		for _, id := range ids {
			if _, err := fmt.Fprintf(a.stdout, "deleted %s\n", id); err != nil {
				return err
			}
		}
		return nil
	})
}

// uniqueIDs drops repeated IDs, keeping the first of each, so that
// "delete X X" deletes X once instead of failing on the second.
func uniqueIDs(ids []uuid.UUID) []uuid.UUID {
	seen := map[uuid.UUID]bool{}
	out := ids[:0]
	for _, id := range ids {
		if !seen[id] {
			seen[id] = true
			out = append(out, id)
		}
	}
	return out
}

// oneID reads the single positional ID argument of show and edit.
func oneID(pos []string) (uuid.UUID, error) {
	switch len(pos) {
	case 0:
		return uuid.Nil, usagef("missing ID")
	case 1:
		return parseID(pos[0])
	}
	return uuid.Nil, usagef("unexpected argument %q after the ID", pos[1])
}

// flagGiven reports whether the flag was set on the command line.
func flagGiven(fs *flag.FlagSet, name string) bool {
	found := false
	fs.Visit(func(f *flag.Flag) {
		if f.Name == name {
			found = true
		}
	})
	return found
}

func toEmails(addrs []string) []leads.Email {
	var out []leads.Email
	for _, s := range addrs {
		out = append(out, leads.Email{Address: strings.TrimSpace(s)})
	}
	return out
}

// toPhones reads "LABEL=NUMBER" values. A value without '=' is a Business
// number. The label is passed on as typed: the Book puts valid labels in
// canonical form and reports an invalid one, naming the field
// (phones[N].label).
func toPhones(values []string) []leads.Phone {
	var out []leads.Phone
	for _, s := range values {
		// LABEL=NUMBER, where a label has no digits: an "=" after a digit
		// belongs to the number ("tel:+1-201-555-0123;ext=12").
		label, number, ok := strings.Cut(s, "=")
		if !ok || leads.PhoneHasDigits(label) {
			label, number = string(leads.PhoneBusiness), s
		}
		label = strings.TrimSpace(label)
		if label == "" {
			label = string(leads.PhoneBusiness)
		}
		out = append(out, leads.Phone{Label: leads.PhoneLabel(label), Number: strings.TrimSpace(number)})
	}
	return out
}

// customValues applies "KEY=VALUE" settings to m (which may be nil): a
// value sets the field, an empty value removes it. It returns the new map,
// leaving m unchanged.
func customValues(m map[string]string, settings []string) (map[string]string, error) {
	out := maps.Clone(m)
	for _, kv := range settings {
		k, v, ok := splitKV(kv)
		if !ok {
			return nil, usagef("--custom %q is not KEY=VALUE", kv)
		}
		if k == "" {
			return nil, &leads.FieldError{Field: "custom", Reason: fmt.Sprintf("%q has an empty field name", kv)}
		}
		if v == "" {
			delete(out, k)
			continue
		}
		if out == nil {
			out = map[string]string{}
		}
		out[k] = v
	}
	if len(out) == 0 && m == nil {
		return nil, nil
	}
	return out, nil
}

// sortedKeys returns the keys of m in order.
func sortedKeys[V any](m map[string]V) []string {
	return slices.Sorted(maps.Keys(m))
}
