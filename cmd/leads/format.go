package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"maps"
	"slices"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/google/uuid"
	"github.com/leadkit/leads"
)

// printCreated reports a new record: the whole of it with --json, else its
// ID alone, for scripts to capture.
func (a *app) printCreated(v any, id uuid.UUID) error {
	if a.json {
		return a.printJSON(v)
	}
	_, err := fmt.Fprintln(a.stdout, id)
	return err
}

// printJSON writes v as indented JSON with the field names of the JSON
// export (the root package's json tags).
func (a *app) printJSON(v any) error {
	enc := json.NewEncoder(a.stdout)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(v)
}

// starsText draws a number of stars as "★★★☆☆".
func starsText(s leads.Stars) string {
	n := min(max(int(s), 0), int(leads.MaxStars))
	return strings.Repeat("★", n) + strings.Repeat("☆", int(leads.MaxStars)-n)
}

// cell makes s fit in one table cell: no tabs or line breaks.
func cell(s string) string {
	if !strings.ContainsAny(s, "\t\r\n\v\f") {
		return s
	}
	return strings.Join(strings.Fields(s), " ")
}

func firstPhone(l *leads.Lead) string {
	if len(l.Phones) == 0 {
		return ""
	}
	return l.Phones[0].Number
}

// writeTable writes leads as an aligned table, one row per record. The IDs
// are printed in full so they can be pasted into show, edit and delete.
func writeTable(w io.Writer, found []*leads.Lead, withType bool) error {
	if len(found) == 0 {
		_, err := fmt.Fprintln(w, "No records match.")
		return err
	}
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	header := []string{"ID", "File As", "Company", "E-mail", "Phone", "Score", "Source", "Assigned To"}
	if withType {
		header = append(header[:2], append([]string{"Type"}, header[2:]...)...)
	}
	fmt.Fprintln(tw, strings.Join(header, "\t"))
	for _, l := range found {
		row := []string{l.ID.String(), cell(l.FileAs), cell(l.Company), cell(l.PrimaryEmail()),
			cell(firstPhone(l)), starsText(l.Score.Stars), cell(l.Source), cell(l.AssignedTo)}
		if withType {
			row = append(row[:2], append([]string{l.Type.String()}, row[2:]...)...)
		}
		fmt.Fprintln(tw, strings.Join(row, "\t"))
	}
	return tw.Flush()
}

// writeRecord writes one record for people: a labelled line per field that
// has a value, lists indented under their label.
func writeRecord(w io.Writer, l *leads.Lead, e *leads.Explanation) error {
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	line := func(label, value string) {
		fmt.Fprintf(tw, "%s\t%s\n", label, value)
	}
	opt := func(label, value string) {
		if value != "" {
			line(label, cell(value))
		}
	}
	list := func(label string, values []string) {
		for i, v := range values {
			if i == 0 {
				line(label, v)
			} else {
				line("", v)
			}
		}
	}

	line("ID:", l.ID.String())
	line("Type:", l.Type.String())
	line("Full Name:", cell(l.FullName))
	opt("Title:", l.Title)
	opt("First Name:", l.FirstName)
	opt("Middle Name:", l.MiddleName)
	opt("Last Name:", l.LastName)
	opt("Suffix:", l.Suffix)
	opt("Job Title:", l.JobTitle)
	opt("File As:", l.FileAs)
	opt("Company:", l.Company)
	opt("Account:", idText(l.AccountID))
	opt("Assigned To:", l.AssignedTo)

	var emails []string
	for _, e := range l.Emails {
		emails = append(emails, labelled(e.Label, e.Address))
	}
	list("E-mail:", emails)
	var phones []string
	for _, p := range l.Phones {
		phones = append(phones, fmt.Sprintf("%-9s %s", p.Label, p.Number))
	}
	list("Phones:", phones)
	list("Web Pages:", l.WebPages)
	var addrs []string
	for _, ad := range l.Addresses {
		head := string(ad.Label)
		if ad.Mailing {
			head += " (mailing address)"
		}
		addrs = append(addrs, head)
		for _, part := range addressLines(ad) {
			addrs = append(addrs, "  "+part)
		}
	}
	list("Addresses:", addrs)

	opt("Source:", l.Source)
	opt("Initiated By:", idText(l.InitiatedBy))
	line("Status:", string(l.Status))
	if len(l.StatusHistory) > 0 {
		steps := make([]string, len(l.StatusHistory))
		for i, st := range l.StatusHistory {
			steps[i] = stepText(st)
		}
		list("Status History:", steps)
	}
	line("Score:", scoreText(l.Score))
	if len(l.Checks) > 0 || (e != nil && len(e.Items) > 0) {
		list("Checks:", checkLines(l, e))
	}
	if l.Photo != nil {
		line("Photo:", fmt.Sprintf("%s, %d bytes", l.Photo.ContentType, len(l.Photo.Data)))
	}
	var comments []string
	for _, c := range l.Comments {
		head := ""
		if !c.At.IsZero() {
			head = timeText(c.At)
		}
		if c.Author != "" {
			head = strings.TrimSpace(head + " " + c.Author)
		}
		if head != "" {
			comments = append(comments, head+":")
		}
		for t := range strings.SplitSeq(strings.TrimRight(c.Text, "\n"), "\n") {
			comments = append(comments, "  "+cell(t))
		}
	}
	list("Comments:", comments)
	var custom []string
	for _, k := range sortedKeys(l.Custom) {
		custom = append(custom, cell(k)+": "+cell(l.Custom[k]))
	}
	list("Custom:", custom)
	dt := l.Details
	for _, f := range [...][2]string{{"Department:", dt.Department}, {"Office:", dt.Office},
		{"Profession:", dt.Profession}, {"Manager:", dt.Manager}, {"Assistant:", dt.Assistant},
		{"Nickname:", dt.Nickname}, {"Spouse:", dt.Spouse}} {
		opt(f[0], f[1])
	}
	if !dt.Birthday.IsZero() {
		line("Birthday:", dt.Birthday.Format(time.DateOnly))
	}
	if !dt.Anniversary.IsZero() {
		line("Anniversary:", dt.Anniversary.Format(time.DateOnly))
	}
	if !l.ConvertedAt.IsZero() {
		line("Converted:", timeText(l.ConvertedAt))
	}
	var merged []string
	for _, id := range l.MergedFrom {
		merged = append(merged, id.String())
	}
	list("Merged From:", merged)
	line("Created:", stamp(l.CreatedAt, l.CreatedBy))
	line("Updated:", stamp(l.UpdatedAt, l.UpdatedBy))
	line("Version:", fmt.Sprint(l.Version))
	return tw.Flush()
}

// checkLines lists the record's checks: with an explanation, every
// criterion by name with its weight and share, met or not; without one,
// the checked criteria by ID.
func checkLines(l *leads.Lead, e *leads.Explanation) []string {
	var lines []string
	if e == nil {
		for _, id := range sortedChecks(l.Checks) {
			mark := "[ ]"
			if l.Checks[id] {
				mark = "[x]"
			}
			lines = append(lines, mark+" "+id.String())
		}
		return lines
	}
	for _, it := range e.Items {
		mark := "[ ]"
		if it.Met {
			mark = "[x]"
		}
		lines = append(lines, fmt.Sprintf("%s %s (%s, %s of 5 stars)", mark, cell(it.Criterion.Name),
			it.Criterion.Weight, it.Share.StringFixed(2)))
	}
	return lines
}

func labelled(label, value string) string {
	if label == "" {
		return value
	}
	return fmt.Sprintf("%s (%s)", value, label)
}

// addressLines writes an address the way an envelope shows it.
func addressLines(a leads.Address) []string {
	var out []string
	for s := range strings.SplitSeq(a.Street, "\n") {
		if s = strings.TrimSpace(s); s != "" {
			out = append(out, s)
		}
	}
	city := a.City
	if a.State != "" {
		city = strings.TrimLeft(city+", "+a.State, ", ")
	}
	if a.PostalCode != "" {
		city = strings.TrimSpace(city + " " + a.PostalCode)
	}
	if city != "" {
		out = append(out, cell(city))
	}
	if a.Country != "" {
		out = append(out, cell(a.Country))
	}
	return out
}

func scoreText(s leads.Score) string {
	if s.Type == leads.ScoreManual {
		return fmt.Sprintf("%s  %d (manual)", starsText(s.Stars), s.Stars)
	}
	return fmt.Sprintf("%s  %d (automatic, %s)", starsText(s.Stars), s.Stars, s.Value.StringFixed(2))
}

func idText(id uuid.UUID) string {
	if id == uuid.Nil {
		return ""
	}
	return id.String()
}

func timeText(t time.Time) string {
	return t.Local().Format("2006-01-02 15:04:05 MST")
}

func stamp(t time.Time, by string) string {
	s := timeText(t)
	if by != "" {
		s += " by " + by
	}
	return s
}

func sortedChecks(m map[uuid.UUID]bool) []uuid.UUID {
	ids := slices.Collect(maps.Keys(m))
	slices.SortFunc(ids, func(a, b uuid.UUID) int { return bytes.Compare(a[:], b[:]) })
	return ids
}
