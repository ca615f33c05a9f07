package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"sync/atomic"

	"github.com/google/uuid"
	"github.com/leadkit/leads"
	"github.com/leadkit/leads/importexport"
	"github.com/leadkit/leads/importexport/csvfile"
	"github.com/leadkit/leads/importexport/jsonfile"
	"github.com/leadkit/leads/importexport/mailmsg"
	"github.com/leadkit/leads/importexport/vcardfile"
	"github.com/leadkit/leads/importexport/xlsxfile"
	"github.com/schollz/progressbar/v3"
	"golang.org/x/term"
)

// fileFormat returns the --format value, or the one the file's extension
// implies.
func fileFormat(given, path string) (string, error) {
	f := strings.ToLower(strings.TrimSpace(given))
	if f == "" {
		switch strings.ToLower(filepath.Ext(path)) {
		case ".xlsx":
			f = "xlsx"
		case ".vcf", ".vcard":
			f = "vcard"
		case ".json":
			f = "json"
		default:
			f = "csv"
		}
	}
	switch f {
	case "csv", "xlsx", "vcard", "json":
		return f, nil
	}
	return "", usagef("--format %q: want csv, xlsx, vcard or json", given)
}

// importFile runs "leads import FILE".
func (a *app) importFile(args []string) error {
	fs := newFlagSet("import")
	a.globalFlags(fs)
	var format, preset, onDup string
	var maps listFlag
	var dryRun, skipBad, keepUnmapped, strict bool
	fs.StringVar(&format, "format", "", "")
	fs.StringVar(&preset, "preset", "", "")
	fs.Var(&maps, "map", "")
	fs.StringVar(&onDup, "on-duplicate", "skip", "")
	fs.BoolVar(&dryRun, "dry-run", false, "")
	fs.BoolVar(&skipBad, "skip-bad-rows", false, "")
	fs.BoolVar(&keepUnmapped, "keep-unmapped", false, "")
	fs.BoolVar(&strict, "strict", false, "")
	pos, err := parseArgs(fs, args)
	if err != nil {
		return err
	}
	if len(pos) != 1 {
		return usagef("import takes one FILE")
	}
	path := pos[0]
	if format, err = fileFormat(format, path); err != nil {
		return err
	}
	policy, err := importexport.ParseOnDuplicate(onDup)
	if err != nil {
		return usagef("--on-duplicate %q: want skip, update or create", onDup)
	}
	if preset != "" {
		if _, err := importexport.PresetNamed(preset); err != nil {
			return usagef("--preset %q: want outlook, google, thunderbird, act or salesforce", preset)
		}
	}
	table := importexport.TableOptions{Preset: preset, Map: map[string]importexport.Target{}}
	if keepUnmapped {
		table.Unmapped = importexport.KeepUnmapped
	}
	for _, m := range maps.values {
		col, field, ok := splitKV(m)
		if !ok || col == "" {
			return usagef("--map %q: want COLUMN=FIELD", m)
		}
		t, err := importexport.ParseTarget(field)
		if err != nil {
			return usagef("--map %q: %v", m, err)
		}
		table.Map[col] = t
	}
	if (preset != "" || len(maps.values) > 0) && format != "csv" && format != "xlsx" {
		return usagef("--preset and --map apply to csv and xlsx files only")
	}

	if format == "json" && !dryRun {
		if done, err := a.restoreBackup(path); done || err != nil {
			return err
		}
	}
	f, err := os.Open(path)
	if err != nil {
		return err
	}
	defer f.Close()
	var read atomic.Int64
	in := &countingReader{r: f, n: &read}

	var src importexport.Source
	switch format {
	case "csv":
		src, err = csvfile.NewSource(in, csvfile.Options{TableOptions: table})
	case "xlsx":
		var closer io.Closer
		src, closer, err = xlsxfile.NewSource(in, xlsxfile.Options{TableOptions: table})
		if err == nil {
			defer closer.Close()
		}
	case "vcard":
		src = vcardfile.NewSource(in)
	case "json":
		src, err = jsonfile.Read(in, 0)
	}
	if err != nil {
		return fmt.Errorf("%s: %w", path, err)
	}

	return a.withBook(func(ctx context.Context, book *leads.Book) error {
		im := &importexport.Importer{Book: book, OnDuplicate: policy, DryRun: dryRun, SkipBadRows: skipBad, Strict: strict}
		if bar := a.progressBar(f, "importing"); bar != nil {
			im.Progress = func(p importexport.Progress) {
				bar.Set64(read.Load())
				if p.Done {
					bar.Finish()
					fmt.Fprintln(a.stderr)
				}
			}
		}
		rep, err := im.Import(ctx, src)
		if rep != nil && (err == nil || errors.Is(err, importexport.ErrRowsRejected)) {
			if perr := a.printImportReport(rep); perr != nil {
				return perr
			}
		}
		if errors.Is(err, importexport.ErrNoRecords) {
			return fmt.Errorf("%s: %w", path, err)
		}
		return err
	})
}

// progressBar returns a bar over the size of f on stderr when stderr is a
// terminal, else nil: scripts and tests see no bar.
func (a *app) progressBar(f *os.File, what string) *progressbar.ProgressBar {
	errFile, ok := a.stderr.(*os.File)
	if !ok || !term.IsTerminal(int(errFile.Fd())) {
		return nil
	}
	st, err := f.Stat()
	if err != nil {
		return nil
	}
	return progressbar.NewOptions64(st.Size(), progressbar.OptionSetWriter(a.stderr),
		progressbar.OptionSetDescription(what), progressbar.OptionShowBytes(true),
		progressbar.OptionThrottle(100_000_000), progressbar.OptionClearOnFinish())
}

type countingReader struct {
	r io.Reader
	n *atomic.Int64
}

func (c *countingReader) Read(p []byte) (int, error) {
	n, err := c.r.Read(p)
	c.n.Add(int64(n))
	return n, err
}

// importReport is the JSON form of an import's report.
type importReport struct {
	DryRun   bool           `json:"dry_run"`
	Created  []outcomeJSON  `json:"created"`
	Updated  []outcomeJSON  `json:"updated"`
	Skipped  []outcomeJSON  `json:"skipped"`
	Rejected []rejectedJSON `json:"rejected"`
	// Warnings are the values adjusted in rows that were kept; rows with
	// them are in created, updated or skipped, never in rejected.
	Warnings []warningJSON `json:"warnings"`
	// Possible are created rows that may duplicate the record "like".
	Possible []outcomeJSON `json:"possible_duplicates"`
	// Columns is the mapping of a CSV or XLSX file's columns.
	Columns []columnJSON `json:"columns"`
}

type outcomeJSON struct {
	Row   int    `json:"row"`
	ID    string `json:"id"`
	Name  string `json:"full_name"`
	Match string `json:"match,omitempty"`
	Like  string `json:"like,omitempty"`
}

type warningJSON struct {
	Row    int    `json:"row"` // 0 for the file as a whole
	Column string `json:"column,omitempty"`
	Value  string `json:"value,omitempty"`
	Reason string `json:"reason"`
}

type columnJSON struct {
	Header string `json:"header"`
	Field  string `json:"field"` // "" when the column is not imported
	By     string `json:"by,omitempty"`
}

type rejectedJSON struct {
	Row    int    `json:"row"`
	Column string `json:"column,omitempty"`
	Reason string `json:"reason"`
}

func (a *app) printImportReport(rep *importexport.Report) error {
	if a.json {
		out := importReport{DryRun: rep.DryRun, Created: []outcomeJSON{}, Updated: []outcomeJSON{}, Skipped: []outcomeJSON{},
			Rejected: []rejectedJSON{}, Warnings: []warningJSON{}, Columns: []columnJSON{}}
		conv := func(os []importexport.Outcome) []outcomeJSON {
			res := []outcomeJSON{}
			for _, o := range os {
				j := outcomeJSON{Row: o.Row, ID: o.ID.String(), Name: o.Name, Match: o.Match}
				if o.Like != uuid.Nil {
					j.Like = o.Like.String()
				}
				res = append(res, j)
			}
			return res
		}
		out.Created, out.Updated, out.Skipped, out.Possible = conv(rep.Created), conv(rep.Updated), conv(rep.Skipped), conv(rep.Possible)
		for _, r := range rep.Rejected {
			out.Rejected = append(out.Rejected, rejectedJSON{Row: r.Row, Column: r.Column, Reason: strings.TrimPrefix(r.Err.Error(), "leads: ")})
		}
		for _, w := range rep.Warnings {
			out.Warnings = append(out.Warnings, warningJSON{Row: w.Row, Column: w.Column, Value: w.Value, Reason: w.Reason})
		}
		for _, c := range rep.Columns {
			out.Columns = append(out.Columns, columnJSON{Header: c.Header, Field: c.Field, By: c.By})
		}
		return a.printJSON(out)
	}
	verb := map[bool][4]string{false: {"created", "updated", "skipped", "rejected"}, true: {"would create", "would update", "would skip", "would reject"}}[rep.DryRun]
	if rep.DryRun {
		for _, c := range rep.Columns {
			fmt.Fprintln(a.stdout, columnLine(c))
		}
	}
	for _, o := range rep.Updated {
		fmt.Fprintf(a.stdout, "row %d: %s %s (%s, same %s)\n", o.Row, verb[1], o.ID, cell(o.Name), o.Match)
	}
	for _, o := range rep.Skipped {
		fmt.Fprintf(a.stdout, "row %d: %s, duplicate of %s (%s, same %s)\n", o.Row, verb[2], o.ID, cell(o.Name), o.Match)
	}
	for _, o := range rep.Possible {
		if rep.DryRun {
			fmt.Fprintf(a.stdout, "row %d: %s (%s), possibly the same person as %s (same %s, no e-mail address tells them apart)\n",
				o.Row, verb[0], cell(o.Name), o.Like, o.Match)
			continue
		}
		fmt.Fprintf(a.stdout, "row %d: %s %s (%s), possibly the same person as %s (same %s, no e-mail address tells them apart)\n",
			o.Row, verb[0], o.ID, cell(o.Name), o.Like, o.Match)
	}
	if n := len(rep.Possible); n > 0 && !rep.DryRun {
		fmt.Fprintf(a.stdout, "%d possible %s created; compare with \"leads duplicates %s\", join with \"leads merge\"\n",
			n, plural(n, "duplicate", "duplicates"), rep.Possible[0].ID)
	}
	_, err := fmt.Fprintf(a.stdout, "%s %d, %s %d, %s %d, %s %d rows\n", verb[0], len(rep.Created), verb[1], len(rep.Updated),
		verb[2], len(rep.Skipped), verb[3], rejectedRows(rep))
	if a.stderr != nil {
		for _, w := range rep.Warnings {
			fmt.Fprintln(a.stderr, "warning: "+w.String())
		}
		if n := len(rep.Warnings); n > 0 {
			kept := "the rows were imported"
			if rep.DryRun {
				kept = "the rows would be imported"
			}
			fmt.Fprintf(a.stderr, "%d %s: values adjusted to keep the people, %s (--strict rejects such rows)\n",
				n, plural(n, "warning", "warnings"), kept)
		}
		for _, r := range rep.Rejected {
			printError(a.stderr, r)
		}
	}
	return err
}

// columnLine describes how a column of a table was read:
// `column "Vorname" → first_name (localized de)`.
func columnLine(c importexport.Column) string {
	by := strings.TrimSpace(strings.NewReplacer("(", "", ")", "").Replace(c.By))
	switch {
	case c.Field == "":
		return fmt.Sprintf("column %q → not imported", c.Header)
	case by == "":
		return fmt.Sprintf("column %q → %s", c.Header, c.Field)
	}
	return fmt.Sprintf("column %q → %s (%s)", c.Header, c.Field, by)
}

func rejectedRows(rep *importexport.Report) int {
	rows := map[int]bool{}
	for _, r := range rep.Rejected {
		rows[r.Row] = true
	}
	return len(rows)
}

// exportFile runs "leads export FILE".
func (a *app) exportFile(args []string) error {
	fs := newFlagSet("export")
	a.globalFlags(fs)
	var format, typ string
	fs.StringVar(&format, "format", "", "")
	fs.StringVar(&typ, "type", "all", "")
	pos, err := parseArgs(fs, args)
	if err != nil {
		return err
	}
	if len(pos) != 1 {
		return usagef("export takes one FILE (- for standard output)")
	}
	path := pos[0]
	if format, err = fileFormat(format, path); err != nil {
		return err
	}
	types, err := importexport.ParseTypes(typ)
	if err != nil {
		return usagef("--type %q: want lead, contact or all", typ)
	}
	return a.withBook(func(ctx context.Context, book *leads.Book) error {

		var w io.Writer = a.stdout
		var tmp *os.File
		if path != "-" {
			// Write beside the target and rename, so a failed export never
			// leaves half a file under the name.
			tmp, err = os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".*")
			if err != nil {
				return err
			}
			defer os.Remove(tmp.Name())
			defer tmp.Close()
			w = tmp
		}
		records := importexport.Records(ctx, book.Store(), types)
		var n int
		switch format {
		case "csv":
			n, err = csvfile.Export(ctx, w, records, csvfile.ExportOptions{})
		case "xlsx":
			n, err = xlsxfile.Export(ctx, w, records)
		case "vcard":
			n, err = vcardfile.Export(ctx, w, records)
		case "json":
			n, err = jsonfile.Export(ctx, w, book.Store(), types)
		}
		if err != nil {
			return err
		}
		if tmp == nil {
			return nil
		}
		if err := tmp.Close(); err != nil {
			return err
		}
		if err := os.Rename(tmp.Name(), path); err != nil {
			return err
		}
		if a.json {
			return a.printJSON(map[string]any{"file": path, "format": format, "records": n})
		}
		_, err = fmt.Fprintf(a.stdout, "exported %d records to %s\n", n, path)
		return err
	})
}

// fromEmail runs "leads from-email FILE [--save]".
func (a *app) fromEmail(args []string) error {
	fs := newFlagSet("from-email")
	a.globalFlags(fs)
	var save bool
	fs.BoolVar(&save, "save", false, "")
	pos, err := parseArgs(fs, args)
	if err != nil {
		return err
	}
	if len(pos) != 1 {
		return usagef("from-email takes one FILE (an .eml message)")
	}
	f, err := os.Open(pos[0])
	if err != nil {
		return err
	}
	defer f.Close()
	l, msg, err := mailmsg.Read(f, mailmsg.Options{})
	if err != nil {
		return fmt.Errorf("%s: %w", pos[0], err)
	}
	if !a.json {
		for _, w := range msg.Warnings {
			fmt.Fprintf(a.stderr, "warning: %s: %s\n", pos[0], w)
		}
	}
	if save {
		// The lead and the message in its history, in one write.
		err := a.withBook(func(ctx context.Context, book *leads.Book) error {
			var err error
			l, err = book.Create(ctx, l, leads.WithHistory(msg.HistoryItem()))
			return err
		})
		if err != nil {
			return err
		}
	}
	if a.json {
		return a.printJSON(map[string]any{"lead": l, "saved": save, "message": map[string]any{
			"subject": msg.Subject, "date": msg.Date, "message_id": msg.MessageID, "from": msg.From.Address,
			"to": msg.To, "text": msg.Text, "from_html": msg.FromHTML, "warnings": msg.Warnings}})
	}
	if save {
		_, err = fmt.Fprintln(a.stdout, l.ID)
		return err
	}
	if err := writeRecord(a.stdout, l, nil); err != nil {
		return err
	}
	fmt.Fprintf(a.stdout, "\nMessage %q of %s\n", msg.Subject, msg.Date.Format("2006-01-02 15:04"))
	_, err = fmt.Fprintln(a.stdout, "(not saved; run with --save to create the lead)")
	return err
}
