package main

import (
	"context"
	"fmt"
	"io"
	"strconv"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/google/uuid"
	"github.com/leadkit/leads"
)

// timeLayouts are the forms a time may take on the command line; times
// without a zone are local.
var timeLayouts = []string{time.RFC3339Nano, "2006-01-02 15:04:05", "2006-01-02 15:04", "2006-01-02T15:04", "2006-01-02"}

// parseTime reads a time in RFC 3339 or "2006-01-02 15:04" (local time).
func parseTime(flagName, s string) (time.Time, error) {
	s = strings.TrimSpace(s)
	for _, layout := range timeLayouts {
		if t, err := time.ParseInLocation(layout, s, time.Local); err == nil {
			return t, nil
		}
	}
	return time.Time{}, usagef("--%s %q is not a time (RFC 3339, or \"2006-01-02 15:04\")", flagName, s)
}

// parseDuration reads a Go duration ("1h30m", "90s") or a number of
// minutes ("15"). A negative one is passed on, for the Book to refuse.
func parseDuration(s string) (time.Duration, error) {
	s = strings.TrimSpace(s)
	if n, err := strconv.ParseFloat(s, 64); err == nil {
		return time.Duration(n * float64(time.Minute)), nil
	}
	d, err := time.ParseDuration(s)
	if err != nil {
		return 0, usagef("--duration %q is not a duration (\"15m\", \"1h30m\", or minutes)", s)
	}
	return d, nil
}

// note runs "leads note ID TEXT".
func (a *app) note(args []string) error {
	fs := newFlagSet("note")
	a.globalFlags(fs)
	pos, err := parseArgs(fs, args)
	if err != nil {
		return err
	}
	if len(pos) == 0 {
		return usagef("missing ID")
	}
	id, err := parseID(pos[0])
	if err != nil {
		return err
	}
	text := strings.Join(pos[1:], " ")
	if strings.TrimSpace(text) == "" {
		return usagef("missing TEXT")
	}
	return a.withBook(func(ctx context.Context, book *leads.Book) error {
		l, err := book.Comment(ctx, id, text)
		if err != nil {
			return err
		}
		c := l.Comments[len(l.Comments)-1]
		if a.json {
			return a.printJSON(c)
		}
		_, err = fmt.Fprintf(a.stdout, "%s: %s\n", stamp(c.At, c.Author), c.Text)
		return err
	})
}

// history runs "leads history add ID ..." and "leads history ID".
func (a *app) history(args []string) error {
	if len(args) > 0 && args[0] == "add" {
		return a.historyAdd(args[1:])
	}
	return a.historyList(args)
}

// historyAdd runs "leads history add ID --kind K ...".
func (a *app) historyAdd(args []string) error {
	fs := newFlagSet("history add")
	a.globalFlags(fs)
	var (
		h     leads.HistoryItem
		kind  string
		links listFlag
		errs  []error
	)
	fs.StringVar(&kind, "kind", "", "")
	fs.StringVar(&h.Subject, "subject", "", "")
	fs.StringVar(&h.Text, "text", "", "")
	fs.StringVar(&h.Number, "number", "", "")
	fs.StringVar(&h.Location, "location", "", "")
	fs.StringVar(&h.From, "from", "", "")
	fs.StringVar(&h.To, "to", "", "")
	fs.StringVar(&h.MessageID, "message-id", "", "")
	fs.BoolVar(&h.Done, "done", false, "")
	fs.Var(&links, "link", "")
	times := map[string]*time.Time{"start": &h.Start, "end": &h.End, "due": &h.Due, "date": &h.Date, "at": &h.At}
	for name, dst := range times {
		fs.Func(name, "", func(s string) error {
			t, err := parseTime(name, s)
			if err != nil {
				errs = append(errs, err)
				return nil
			}
			*dst = t
			return nil
		})
	}
	fs.Func("direction", "", func(s string) error {
		d, err := leads.ParseDirection(s)
		if err != nil {
			errs = append(errs, usagef("--direction %q is not in or out", s))
			return nil
		}
		h.Direction = d
		return nil
	})
	fs.Func("priority", "", func(s string) error {
		p, err := leads.ParsePriority(s)
		if err != nil {
			errs = append(errs, usagef("--priority %q is not low, normal or high", s))
			return nil
		}
		h.Priority = p
		return nil
	})
	fs.Func("duration", "", func(s string) error {
		d, err := parseDuration(s)
		if err != nil {
			errs = append(errs, err)
			return nil
		}
		h.Duration = d
		return nil
	})
	pos, err := parseArgs(fs, args)
	if err != nil {
		return err
	}
	if len(errs) > 0 {
		return errs[0]
	}
	id, err := oneID(pos)
	if err != nil {
		return err
	}
	if !flagGiven(fs, "kind") {
		return usagef("--kind is required (note, phone, appointment, task or email)")
	}
	k, err := leads.ParseHistoryKind(kind)
	if err != nil || k == leads.KindChange {
		return usagef("--kind %q is not note, phone, appointment, task or email", kind)
	}
	h.Kind = k
	h.Records = []uuid.UUID{id}
	for _, s := range links.nonEmpty() {
		other, err := parseID(s)
		if err != nil {
			return err
		}
		h.Records = append(h.Records, other)
	}

	return a.withBook(func(ctx context.Context, book *leads.Book) error {
		added, err := book.History().Create(ctx, &h)
		if err != nil {
			return err
		}
		return a.printCreated(added, added.ID)
	})
}

// historyList runs "leads history ID [--kind K]... [--since T] [--until T] [--limit N]".
func (a *app) historyList(args []string) error {
	fs := newFlagSet("history")
	a.globalFlags(fs)
	var (
		f            leads.HistoryFilter
		kinds        listFlag
		since, until string
	)
	fs.Var(&kinds, "kind", "")
	fs.StringVar(&since, "since", "", "")
	fs.StringVar(&until, "until", "", "")
	fs.IntVar(&f.Limit, "limit", 0, "")
	pos, err := parseArgs(fs, args)
	if err != nil {
		return err
	}
	id, err := oneID(pos)
	if err != nil {
		return err
	}
	for _, v := range kinds.nonEmpty() {
		for s := range strings.SplitSeq(v, ",") {
			k, err := leads.ParseHistoryKind(s)
			if err != nil {
				return usagef("--kind %q is not note, phone, appointment, task, email or change", s)
			}
			f.Kinds = append(f.Kinds, k)
		}
	}
	if flagGiven(fs, "since") {
		if f.From, err = parseTime("since", since); err != nil {
			return err
		}
	}
	if flagGiven(fs, "until") {
		if f.To, err = parseTime("until", until); err != nil {
			return err
		}
	}
	if f.Limit < 0 {
		return usagef("--limit %d is negative", f.Limit)
	}

	return a.withBook(func(ctx context.Context, book *leads.Book) error {
		items, err := leads.Collect(book.History().List(ctx, id, f))
		if err != nil {
			return err
		}
		if a.json {
			if items == nil {
				items = []*leads.HistoryItem{}
			}
			return a.printJSON(items)
		}
		return writeHistory(a.stdout, items)
	})
}

// writeHistory writes history items as an aligned table, newest first.
func writeHistory(w io.Writer, items []*leads.HistoryItem) error {
	if len(items) == 0 {
		_, err := fmt.Fprintln(w, "No history.")
		return err
	}
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "When\tKind\tSubject\tDetails\tBy\tID")
	for _, h := range items {
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\t%s\n", h.At.Local().Format("2006-01-02 15:04"), h.Kind,
			cell(h.Subject), cell(historyDetails(h)), cell(h.CreatedBy), h.ID)
	}
	return tw.Flush()
}

// historyDetails sums up the fields of an item's kind in one line.
func historyDetails(h *leads.HistoryItem) string {
	var parts []string
	add := func(format string, args ...any) { parts = append(parts, fmt.Sprintf(format, args...)) }
	clock := func(t time.Time) string { return t.Local().Format("2006-01-02 15:04") }
	switch h.Kind {
	case leads.KindPhone:
		add("%s %s", h.Direction, h.Number)
		add("%s", h.Duration)
	case leads.KindAppointment:
		add("until %s", clock(h.End))
		if h.Location != "" {
			add("at %s", h.Location)
		}
	case leads.KindTask:
		if h.Priority != "" {
			add("%s priority", h.Priority)
		}
		if h.Done {
			add("done")
		} else {
			add("open")
		}
	case leads.KindEmail:
		add("%s → %s", h.From, h.To)
	case leads.KindChange:
		for _, c := range h.Changes {
			if c.Field == leads.MergeChangeField {
				if m, ok := leads.ReadMergeEntry(h); ok {
					add("merged %d %s", len(m.Merged), plural(len(m.Merged), "record", "records"))
					continue
				}
			}
			add("%s: %s → %s", c.Field, shorten(string(c.From)), shorten(string(c.To)))
		}
		return strings.Join(parts, "; ")
	}
	if h.Text != "" {
		add("%s", shorten(h.Text))
	}
	return strings.TrimSpace(strings.Join(parts, ", "))
}

// shorten cuts s to a table cell's width.
func shorten(s string) string {
	s = cell(s)
	if r := []rune(s); len(r) > 40 {
		return string(r[:39]) + "…"
	}
	return s
}
