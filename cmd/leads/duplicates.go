package main

import (
	"context"
	"fmt"
	"strings"
	"text/tabwriter"

	"github.com/leadkit/leads"
)

const duplicatesSynopsis = `Usage: leads duplicates ID [--threshold N] [--limit N] [--region CC]
`

const duplicatesHelp = duplicatesSynopsis + `
List the leads and business contacts that may be the same person as the
record ID, strongest first, each with its strength (0-100) and the reasons
it matched:

  email          the same e-mail address, ignoring case            (90)
  name_company   the same name at the same company: case, accents,
                 titles, middle names, "Last, First" order and the
                 company's legal form ignored                      (70)
  phone          the same phone number in E.164 form               (60)
  name           the same name, neither record naming a company    (35)
  email_domain   an address at the same domain, unless free mail   (15)

Reasons combine as independent evidence: strength = 100 x (1 - product of
(1 - weight/100)), so a phone number and the name at the company give 88.
Candidates are found through the store's index, never by reading every
record.

  --threshold N   the least strength listed (default 50)
  --limit N       examine at most N candidates (default 50)
  --region CC     the country of phone numbers written without a country
                  code, as a region code: US, GB, DE... (default
                  $LEADS_REGION; without it such numbers compare by digits)

With --json, prints a list of {id, type, full_name, company, strength,
reasons: [{kind, value}]}; [] when there are none.
`

// duplicateJSON is one candidate as "leads duplicates --json" prints it.
type duplicateJSON struct {
	ID       string              `json:"id"`
	Type     leads.RecordType    `json:"type"`
	FullName string              `json:"full_name"`
	Company  string              `json:"company"`
	Strength int                 `json:"strength"`
	Reasons  []leads.MatchReason `json:"reasons"`
}

// duplicates runs "leads duplicates ID".
func (a *app) duplicates(args []string) error {
	fs := newFlagSet("duplicates")
	a.globalFlags(fs)
	var opts leads.DuplicateOptions
	fs.IntVar(&opts.Threshold, "threshold", 0, "")
	fs.IntVar(&opts.Limit, "limit", 0, "")
	fs.StringVar(&opts.Region, "region", a.env("LEADS_REGION"), "")
	pos, err := parseArgs(fs, args)
	if err != nil {
		return err
	}
	id, err := oneID(pos)
	if err != nil {
		return err
	}
	if opts.Threshold < 0 || opts.Threshold > 100 {
		return usagef("--threshold %d is not between 1 and 100", opts.Threshold)
	}
	if opts.Limit < 0 {
		return usagef("--limit %d is negative", opts.Limit)
	}
	if r := opts.Region; r != "" && (len(r) != 2 || strings.ToUpper(r) != strings.Map(upperLetter, r)) {
		return usagef("--region %q is not a two-letter region code such as US or GB", r)
	}
	return a.withBook(func(ctx context.Context, book *leads.Book) error {
		l, err := book.Get(ctx, id)
		if err != nil {
			return err
		}
		dups, err := book.Duplicates(ctx, l, opts)
		if err != nil {
			return err
		}
		if a.json {
			out := make([]duplicateJSON, 0, len(dups))
			for _, d := range dups {
				out = append(out, duplicateJSON{ID: d.Lead.ID.String(), Type: d.Lead.Type, FullName: d.Lead.FullName,
					Company: d.Lead.Company, Strength: d.Strength, Reasons: d.Reasons})
			}
			return a.printJSON(out)
		}
		if len(dups) == 0 {
			_, err := fmt.Fprintf(a.stdout, "No duplicates of %s.\n", cell(l.FullName))
			return err
		}
		fmt.Fprintf(a.stdout, "%d possible duplicate(s) of %s:\n\n", len(dups), cell(l.FullName))
		w := tabwriter.NewWriter(a.stdout, 0, 4, 2, ' ', 0)
		fmt.Fprintln(w, "STRENGTH\tID\tTYPE\tNAME\tCOMPANY\tREASONS")
		for _, d := range dups {
			fmt.Fprintf(w, "%d\t%s\t%s\t%s\t%s\t%s\n", d.Strength, d.Lead.ID, d.Lead.Type, cell(d.Lead.FullName),
				cell(d.Lead.Company), cell(reasonsText(d.Reasons)))
		}
		return w.Flush()
	})
}

// reasonsText is the reasons of a match as one line.
func reasonsText(rs []leads.MatchReason) string {
	reasons := make([]string, len(rs))
	for i, r := range rs {
		reasons[i] = r.String()
	}
	return strings.Join(reasons, "; ")
}

// upperLetter maps ASCII letters to upper case and anything else to -1.
func upperLetter(r rune) rune {
	switch {
	case 'A' <= r && r <= 'Z':
		return r
	case 'a' <= r && r <= 'z':
		return r - 'a' + 'A'
	}
	return -1
}
