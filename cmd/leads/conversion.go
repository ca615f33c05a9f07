package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/google/uuid"
	"github.com/leadkit/leads"
	"github.com/shopspring/decimal"
)

// defaultCurrency is the currency of opportunities when --currency is not
// given.
const defaultCurrency = "EUR"

// opportunityFlags are the flags that describe a new opportunity, shared by
// "opportunity add" and "convert".
type opportunityFlags struct {
	lines       listFlag
	currency    string
	stage       string
	probability int
	closeDate   string
}

func (f *opportunityFlags) define(fs *flag.FlagSet) {
	fs.Var(&f.lines, "line", "")
	fs.StringVar(&f.currency, "currency", defaultCurrency, "")
	fs.StringVar(&f.stage, "stage", string(leads.StageProspecting), "")
	fs.IntVar(&f.probability, "probability", 0, "")
	fs.StringVar(&f.closeDate, "close", "", "")
}

// opportunity builds the opportunity the flags describe. Malformed lines
// and dates are reported as field errors (exit 1), like the other checks of
// the opportunity, so one run names every problem.
func (f *opportunityFlags) opportunity(title string) (leads.Opportunity, error) {
	o := leads.Opportunity{Title: title, Currency: f.currency, Stage: leads.Stage(f.stage), Probability: f.probability}
	var errs []error
	for i, s := range f.lines.values {
		li, err := parseLine(s, i)
		if err != nil {
			errs = append(errs, err)
			continue
		}
		o.Lines = append(o.Lines, li)
	}
	if f.closeDate != "" {
		d, err := time.Parse(time.DateOnly, strings.TrimSpace(f.closeDate))
		if err != nil {
			errs = append(errs, &leads.FieldError{Field: "close_date", Reason: fmt.Sprintf("%q is not a date (YYYY-MM-DD)", f.closeDate)})
		}
		o.CloseDate = d
	}
	if st, err := leads.ParseStage(f.stage); err == nil {
		o.Stage = st
	}
	return o, errors.Join(errs...)
}

// parseLine reads the i-th --line value, "PRODUCT;QTY;UNIT_PRICE[;DISCOUNT_%]".
// The discount may carry a "%" sign. Errors name the field of the line
// ("lines[2].unit_price").
func parseLine(s string, i int) (leads.LineItem, error) {
	field := fmt.Sprintf("lines[%d]", i)
	parts := strings.Split(s, ";")
	if len(parts) < 3 || len(parts) > 4 {
		return leads.LineItem{}, &leads.FieldError{Field: field,
			Reason: fmt.Sprintf("%q is not PRODUCT;QTY;UNIT_PRICE[;DISCOUNT_%%]", s)}
	}
	li := leads.LineItem{Product: strings.TrimSpace(parts[0])}
	var errs []error
	number := func(name, v string) decimal.Decimal {
		v = strings.TrimSpace(v)
		d, err := decimal.NewFromString(v)
		if err != nil || strings.ContainsAny(v, "eE") {
			errs = append(errs, &leads.FieldError{Field: field + "." + name, Reason: fmt.Sprintf("%q is not a number", v)})
		}
		return d
	}
	li.Quantity = number("quantity", parts[1])
	li.UnitPrice = number("unit_price", parts[2])
	if len(parts) == 4 && strings.TrimSpace(parts[3]) != "" {
		li.Discount = number("discount", strings.TrimSuffix(strings.TrimSpace(parts[3]), "%"))
	}
	if err := errors.Join(errs...); err != nil {
		return leads.LineItem{}, err
	}
	return li, nil
}

// convert runs "leads convert ID [--account NAME] [--new-account]
// [--opportunity TITLE]".
func (a *app) convert(args []string) error {
	fs := newFlagSet("convert")
	a.globalFlags(fs)
	var (
		account, title string
		newAccount     bool
		of             opportunityFlags
	)
	fs.StringVar(&account, "account", "", "")
	fs.BoolVar(&newAccount, "new-account", false, "")
	fs.StringVar(&title, "opportunity", "", "")
	of.define(fs)
	pos, err := parseArgs(fs, args)
	if err != nil {
		return err
	}
	var id uuid.UUID
	var list *idList
	if len(pos) == 1 && pos[0] == "-" {
		// The ID on standard input: one, since convert takes one.
		if list, err = a.readIDs(pos); err != nil {
			return err
		}
		if len(list.ids) > 1 {
			return usagef("convert takes one ID; standard input (-) holds %d", len(list.ids))
		}
		id = list.ids[0]
	} else if id, err = oneID(pos); err != nil {
		return err
	}
	if newAccount && flagGiven(fs, "account") {
		return usagef("--account and --new-account contradict each other")
	}
	if !flagGiven(fs, "opportunity") {
		for _, name := range []string{"line", "currency", "stage", "probability", "close"} {
			if flagGiven(fs, name) {
				return usagef("--%s describes the opportunity: give --opportunity TITLE too", name)
			}
		}
	}
	opts := leads.ConvertOptions{CreateAccount: newAccount}
	if flagGiven(fs, "opportunity") {
		o, err := of.opportunity(title)
		if err != nil {
			return err
		}
		opts.Opportunity = &o
	}

	return a.withBook(func(ctx context.Context, book *leads.Book) error {
		if flagGiven(fs, "account") {
			if err := accountOption(ctx, book, account, &opts); err != nil {
				return err
			}
		}
		conv, err := book.Convert(ctx, id, opts)
		if err != nil {
			if list != nil {
				return list.explain(err)
			}
			return err
		}
		if a.json {
			return a.printJSON(conv)
		}
		fmt.Fprintf(a.stdout, "converted %s to a business contact\n", conv.Contact.ID)
		if conv.Account != nil {
			verb := "linked to"
			if conv.AccountCreated {
				verb = "created"
			}
			fmt.Fprintf(a.stdout, "account %s %s (%s)\n", verb, cell(conv.Account.Name), conv.Account.ID)
		}
		if conv.Opportunity != nil {
			_, err = fmt.Fprintf(a.stdout, "opportunity %s\n", conv.Opportunity.ID)
		}
		return err
	})
}

// accountOption reads --account: an account ID, or the name of an existing
// account (ignoring case) to link, or else the name of a new account.
func accountOption(ctx context.Context, book *leads.Book, name string, opts *leads.ConvertOptions) error {
	name = strings.TrimSpace(name)
	if name == "" {
		return usagef("--account needs a name or an account ID")
	}
	if id, err := uuid.Parse(name); err == nil {
		opts.AccountID = id
		return nil
	}
	accts, err := leads.Collect(book.Accounts().List(ctx))
	if err != nil {
		return err
	}
	var found []*leads.Account
	for _, ac := range accts {
		if strings.EqualFold(ac.Name, name) {
			found = append(found, ac)
		}
	}
	switch len(found) {
	case 0:
		opts.CreateAccount, opts.AccountName = true, name
	case 1:
		opts.AccountID = found[0].ID
	default:
		return &leads.FieldError{Field: "account", Reason: fmt.Sprintf("%d accounts are named %q; give the ID of one", len(found), name)}
	}
	return nil
}

// opportunity runs "leads opportunity add|list|delete".
func (a *app) opportunity(args []string) error {
	if len(args) == 0 {
		return usagef("missing opportunity command (add, list or delete)")
	}
	sub, args := args[0], args[1:]
	switch sub {
	case "-h", "-help", "--help":
		return flag.ErrHelp
	case "add":
		return a.opportunityAdd(args)
	case "list":
		return a.opportunityList(args)
	case "delete":
		return a.opportunityDelete(args)
	}
	return usagef("unknown opportunity command %q (add, list or delete)", sub)
}

func (a *app) opportunityAdd(args []string) error {
	fs := newFlagSet("opportunity add")
	a.globalFlags(fs)
	var (
		title string
		of    opportunityFlags
	)
	fs.StringVar(&title, "title", "", "")
	of.define(fs)
	pos, err := parseArgs(fs, args)
	if err != nil {
		return err
	}
	id, err := oneID(pos)
	if err != nil {
		return err
	}
	if !flagGiven(fs, "title") {
		return usagef("--title is required")
	}
	o, err := of.opportunity(title)
	if err != nil {
		return err
	}
	o.RecordID = id
	return a.withBook(func(ctx context.Context, book *leads.Book) error {
		added, err := book.Opportunities().Create(ctx, &o)
		if err != nil {
			return err
		}
		return a.printCreated(added, added.ID)
	})
}

func (a *app) opportunityList(args []string) error {
	fs := newFlagSet("opportunity list")
	a.globalFlags(fs)
	pos, err := parseArgs(fs, args)
	if err != nil {
		return err
	}
	record := uuid.Nil
	switch len(pos) {
	case 0:
	case 1:
		if record, err = parseID(pos[0]); err != nil {
			return err
		}
	default:
		return usagef("unexpected argument %q after the ID", pos[1])
	}
	return a.withBook(func(ctx context.Context, book *leads.Book) error {
		if record != uuid.Nil {
			l, err := book.Get(ctx, record)
			if err != nil {
				return err
			}
			record = l.ID // the survivor, when record was merged into it
		}
		opps, err := leads.Collect(book.Opportunities().List(ctx, record))
		if err != nil {
			return err
		}
		if a.json {
			if opps == nil {
				opps = []*leads.Opportunity{}
			}
			return a.printJSON(opps)
		}
		return writeOpportunities(a.stdout, opps)
	})
}

func (a *app) opportunityDelete(args []string) error {
	fs := newFlagSet("opportunity delete")
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
		if err := book.Opportunities().Delete(ctx, id); err != nil {
			return err
		}
		if a.json {
			return a.printJSON(struct {
				Deleted uuid.UUID `json:"deleted"`
			}{id})
		}
		_, err = fmt.Fprintf(a.stdout, "deleted %s\n", id)
		return err
	})
}

// writeOpportunities writes opportunities as a table, their lines indented
// under each, totals in the currency's minor units.
func writeOpportunities(w io.Writer, opps []*leads.Opportunity) error {
	if len(opps) == 0 {
		_, err := fmt.Fprintln(w, "No opportunities.")
		return err
	}
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "ID\tRecord\tTitle\tStage\tProbability\tClose\tTotal")
	for _, o := range opps {
		closeDate := ""
		if !o.CloseDate.IsZero() {
			closeDate = o.CloseDate.Format(time.DateOnly)
		}
		places := o.Places()
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%d%%\t%s\t%s %s\n", o.ID, o.RecordID, cell(o.Title), o.Stage,
			o.Probability, closeDate, o.Total().StringFixed(places), o.Currency)
		for _, li := range o.Lines {
			disc := ""
			if !li.Discount.IsZero() {
				disc = fmt.Sprintf(" less %s%%", li.Discount)
			}
			fmt.Fprintf(tw, "\t\t  %s × %s at %s%s\t\t\t\t%s %s\n", li.Quantity, cell(li.Product),
				li.UnitPrice.StringFixed(places), disc, li.Total(places).StringFixed(places), o.Currency)
		}
	}
	return tw.Flush()
}
