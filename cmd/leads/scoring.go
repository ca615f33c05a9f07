package main

import (
	"context"
	"fmt"
	"io"
	"strconv"
	"strings"
	"text/tabwriter"

	"github.com/google/uuid"
	"github.com/leadkit/leads"
)

// criteria runs "leads criteria [list|add|edit|delete]".
func (a *app) criteria(args []string) error {
	sub := "list"
	if len(args) > 0 && !strings.HasPrefix(args[0], "-") {
		sub, args = args[0], args[1:]
	}
	switch sub {
	case "list":
		return a.criteriaList(args)
	case "add":
		return a.criteriaAdd(args)
	case "edit":
		return a.criteriaEdit(args)
	case "delete":
		return a.criteriaDelete(args)
	}
	return usagef("unknown criteria command %q (list, add, edit or delete)", sub)
}

func (a *app) criteriaList(args []string) error {
	fs := newFlagSet("criteria")
	a.globalFlags(fs)
	pos, err := parseArgs(fs, args)
	if err != nil {
		return err
	}
	if len(pos) > 0 {
		return usagef("unexpected argument %q", pos[0])
	}
	return a.withBook(func(ctx context.Context, book *leads.Book) error {
		cs, err := leads.Collect(book.Criteria().List(ctx))
		if err != nil {
			return err
		}
		if a.json {
			if cs == nil {
				cs = []*leads.Criterion{}
			}
			return a.printJSON(cs)
		}
		return writeCriteria(a.stdout, cs)
	})
}

func writeCriteria(w io.Writer, cs []*leads.Criterion) error {
	if len(cs) == 0 {
		_, err := fmt.Fprintln(w, "No scoring criteria: every automatic score is 0.")
		return err
	}
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "ID\tCriterion\tWeight")
	for _, c := range cs {
		fmt.Fprintf(tw, "%s\t%s\t%s\n", c.ID, cell(c.Name), c.Weight)
	}
	return tw.Flush()
}

// weightFlag parses --weight into dst.
func weightFlag(dst *leads.Weight) func(string) error {
	return func(s string) error {
		w, err := leads.ParseWeight(s)
		if err != nil {
			return fmt.Errorf("%q is not low, normal or high", s)
		}
		*dst = w
		return nil
	}
}

func (a *app) criteriaAdd(args []string) error {
	fs := newFlagSet("criteria add")
	a.globalFlags(fs)
	var c leads.Criterion
	fs.StringVar(&c.Name, "name", "", "")
	fs.Func("weight", "", weightFlag(&c.Weight))
	pos, err := parseArgs(fs, args)
	if err != nil {
		return err
	}
	if len(pos) > 0 {
		return usagef("unexpected argument %q", pos[0])
	}
	if !flagGiven(fs, "name") {
		return usagef("--name is required")
	}
	if !flagGiven(fs, "weight") {
		return usagef("--weight is required (low, normal or high)")
	}
	return a.withBook(func(ctx context.Context, book *leads.Book) error {
		added, err := book.Criteria().Create(ctx, &c)
		if err != nil {
			return err
		}
		return a.printCreated(added, added.ID)
	})
}

func (a *app) criteriaEdit(args []string) error {
	fs := newFlagSet("criteria edit")
	a.globalFlags(fs)
	var (
		name   string
		weight leads.Weight
	)
	fs.StringVar(&name, "name", "", "")
	fs.Func("weight", "", weightFlag(&weight))
	pos, err := parseArgs(fs, args)
	if err != nil {
		return err
	}
	if len(pos) != 1 {
		return usagef("want one criterion ID, got %d arguments", len(pos))
	}
	setName, setWeight := flagGiven(fs, "name"), flagGiven(fs, "weight")
	if !setName && !setWeight {
		return usagef("nothing to change: give --name, --weight or both")
	}
	return a.withBook(func(ctx context.Context, book *leads.Book) error {
		id, err := criterionID(ctx, book, pos[0])
		if err != nil {
			return err
		}
		edited, err := book.Criteria().Edit(ctx, id, func(c *leads.Criterion) error {
			if setName {
				c.Name = name
			}
			if setWeight {
				c.Weight = weight
			}
			return nil
		})
		if err != nil {
			return err
		}
		if a.json {
			return a.printJSON(edited)
		}
		return writeCriteria(a.stdout, []*leads.Criterion{edited})
	})
}

func (a *app) criteriaDelete(args []string) error {
	fs := newFlagSet("criteria delete")
	a.globalFlags(fs)
	pos, err := parseArgs(fs, args)
	if err != nil {
		return err
	}
	if len(pos) != 1 {
		return usagef("want one criterion ID, got %d arguments", len(pos))
	}
	return a.withBook(func(ctx context.Context, book *leads.Book) error {
		id, err := criterionID(ctx, book, pos[0])
		if err != nil {
			return err
		}
		if err := book.Criteria().Delete(ctx, id); err != nil {
			return err
		}
		if a.json {
			return a.printJSON(map[string]uuid.UUID{"deleted": id})
		}
		_, err = fmt.Fprintf(a.stdout, "deleted %s\n", id)
		return err
	})
}

// criterionID reads a criterion ID, or the name of a criterion
// (case-insensitive), which is easier to type.
func criterionID(ctx context.Context, book *leads.Book, s string) (uuid.UUID, error) {
	if id, err := uuid.Parse(s); err == nil {
		return id, nil
	}
	cs, err := leads.Collect(book.Criteria().List(ctx))
	if err != nil {
		return uuid.Nil, err
	}
	for _, c := range cs {
		if strings.EqualFold(strings.TrimSpace(s), c.Name) {
			return c.ID, nil
		}
	}
	return uuid.Nil, &leads.FieldError{Field: "criterion", Reason: fmt.Sprintf("%q is neither a criterion ID nor the name of one", s)}
}

// score runs "leads score ID [--check CID]... [--uncheck CID]... | --manual N | --auto".
func (a *app) score(args []string) error {
	fs := newFlagSet("score")
	a.globalFlags(fs)
	var checks, unchecks listFlag
	var manual string
	var auto bool
	fs.Var(&checks, "check", "")
	fs.Var(&unchecks, "uncheck", "")
	fs.StringVar(&manual, "manual", "", "")
	fs.BoolVar(&auto, "auto", false, "")
	pos, err := parseArgs(fs, args)
	if err != nil {
		return err
	}
	id, err := oneID(pos)
	if err != nil {
		return err
	}
	setManual := flagGiven(fs, "manual")
	if setManual && auto {
		return usagef("--manual and --auto contradict each other")
	}
	var stars leads.Stars
	if setManual {
		n, err := strconv.Atoi(strings.TrimSpace(manual))
		if err != nil {
			return usagef("--manual wants a number of stars from 0 to 5, not %q", manual)
		}
		stars = leads.Stars(n) // the Book checks the range and names the field
	}
	return a.withBook(func(ctx context.Context, book *leads.Book) error {
		set := map[uuid.UUID]bool{}
		for _, v := range checks.values {
			cid, err := criterionID(ctx, book, v)
			if err != nil {
				return err
			}
			set[cid] = true
		}
		for _, v := range unchecks.values {
			cid, err := criterionID(ctx, book, v)
			if err != nil {
				return err
			}
			if set[cid] {
				return usagef("criterion %s is both checked and unchecked", v)
			}
			set[cid] = false
		}
		if len(set) > 0 {
			if _, err := book.Check(ctx, id, set); err != nil {
				return err
			}
		}
		switch {
		case setManual:
			_, err = book.ScoreManually(ctx, id, stars)
		case auto:
			_, err = book.ScoreAutomatically(ctx, id)
		}
		if err != nil {
			return err
		}
		e, err := book.Explain(ctx, id)
		if err != nil {
			return err
		}
		if a.json {
			return a.printJSON(e)
		}
		return writeExplanation(a.stdout, e)
	})
}

// writeExplanation prints a score and why the record has it.
func writeExplanation(w io.Writer, e leads.Explanation) error {
	if _, err := fmt.Fprintf(w, "Score: %s\n", scoreText(e.Score)); err != nil {
		return err
	}
	if len(e.Items) == 0 {
		_, err := fmt.Fprintln(w, "No scoring criteria: an automatic score is 0.")
		return err
	}
	if e.Score.Type == leads.ScoreManual {
		fmt.Fprintln(w, "Set by hand; the criteria would give:")
	}
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "  \tCriterion\tWeight\tShare")
	for _, it := range e.Items {
		mark, share := "[ ]", "0.00"
		if it.Met {
			mark, share = "[x]", it.Share.StringFixed(2)
		}
		fmt.Fprintf(tw, "  %s\t%s\t%s\t%s of %s\n", mark, cell(it.Criterion.Name), it.Criterion.Weight, share, it.Share.StringFixed(2))
	}
	return tw.Flush()
}

// rescore runs "leads rescore [--type lead|contact] [ID...]".
func (a *app) rescore(args []string) error {
	fs := newFlagSet("rescore")
	a.globalFlags(fs)
	var typ string
	fs.StringVar(&typ, "type", "", "")
	pos, err := parseArgs(fs, args)
	if err != nil {
		return err
	}
	ids, err := parseIDs(pos)
	if err != nil {
		return err
	}
	var q leads.Query
	if typ != "" {
		if len(ids) > 0 {
			return usagef("give --type or IDs, not both")
		}
		t, err := leads.ParseRecordType(typ)
		if err != nil {
			return usagef("--type wants lead or contact, not %q", typ)
		}
		q.Types = []leads.RecordType{t}
	}
	return a.withBook(func(ctx context.Context, book *leads.Book) error {
		var n int
		if len(ids) > 0 {
			n, err = book.RescoreIDs(ctx, uniqueIDs(ids)...)
		} else {
			n, err = book.Rescore(ctx, q)
		}
		if err != nil {
			return err
		}
		if a.json {
			return a.printJSON(map[string]int{"changed": n})
		}
		_, err = fmt.Fprintf(a.stdout, "%d scores changed\n", n)
		return err
	})
}
