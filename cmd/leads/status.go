package main

import (
	"context"
	"fmt"
	"strings"

	"github.com/leadkit/leads"
)

const statusSynopsis = `Usage: leads status ID new|contacted|qualified|disqualified|recycled [--reason R] [--note TEXT]
`

const statusHelp = statusSynopsis + `
Move a lead to another status, as the status rules allow:

  new → contacted → qualified      (new → qualified directly too)
  new, contacted or qualified → disqualified → recycled → new

Converted is reached only by "leads convert". Each move is kept with its
time and the acting user; "leads show" lists them.

  --reason R    why; required for disqualified. The customary reasons:
%s
                and any other text, which is kept as typed.
  --note TEXT   also add TEXT as a time-stamped comment (a closing note)

A move the rules refuse fails (exit 1) naming both statuses. With --json,
prints the record.
`

// statusHelpText is statusHelp with the customary reasons filled in, one
// per line.
func statusHelpText() string {
	var b strings.Builder
	for _, r := range leads.DisqualifyReasons() {
		fmt.Fprintf(&b, "                  %q\n", r)
	}
	return fmt.Sprintf(statusHelp, strings.TrimSuffix(b.String(), "\n"))
}

// status runs "leads status ID STATUS".
func (a *app) status(args []string) error {
	fs := newFlagSet("status")
	a.globalFlags(fs)
	var change leads.StatusChange
	fs.StringVar(&change.Reason, "reason", "", "")
	fs.StringVar(&change.Note, "note", "", "")
	pos, err := parseArgs(fs, args)
	if err != nil {
		return err
	}
	switch len(pos) {
	case 0:
		return usagef("missing ID")
	case 1:
		return usagef("missing STATUS")
	case 2:
	default:
		return usagef("too many arguments: %s", strings.Join(pos[2:], " "))
	}
	id, err := parseID(pos[0])
	if err != nil {
		return err
	}
	to, err := leads.ParseStatus(pos[1])
	if err != nil || to == leads.StatusConverted {
		return usagef("%q is not a status to move to (new, contacted, qualified, disqualified or recycled)", pos[1])
	}
	return a.withBook(func(ctx context.Context, book *leads.Book) error {
		l, err := book.SetStatus(ctx, id, to, change)
		if err != nil {
			return err
		}
		if a.json {
			return a.printJSON(l)
		}
		step := l.StatusHistory[len(l.StatusHistory)-1]
		_, err = fmt.Fprintf(a.stdout, "%s\n", stepText(step))
		return err
	})
}

// stepText is one status step as "show" and "status" print it.
func stepText(s leads.StatusStep) string {
	t := fmt.Sprintf("%s %s", stamp(s.At, s.By), s.Status)
	if s.Reason != "" {
		t += ": " + cell(s.Reason)
	}
	return t
}
