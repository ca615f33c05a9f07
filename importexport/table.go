package importexport

import (
	"errors"
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"

	"github.com/leadkit/leads"
)

// RecordReader reads the rows of a table (a CSV file, a worksheet) as
// cells. Read returns io.EOF after the last row; a *leads.RowError for a row
// that cannot be read but does not stop the table; any other error stops it.
// The slice returned may be reused by the next call.
type RecordReader interface {
	Read() ([]string, error)
}

// TableOptions say how a table maps to leads.
type TableOptions struct {
	// Preset names a built-in preset (outlook, google, act, salesforce,
	// thunderbird); empty means: detect it from the header. Columns that
	// the preset does not name are still matched by a localized header
	// (Outlook and Thunderbird in de, fr, es, it, nl, pl, pt, ru, ja), by
	// field name and by the labels of every preset (see Columns).
	Preset string
	// Map adds or overrides column targets (--map COLUMN=FIELD).
	Map map[string]Target
	// Unmapped says what becomes of the columns no mapping names.
	Unmapped Unmapped
}

// ErrNoHeader means that a table has no header row.
var ErrNoHeader = errors.New("importexport: the file has no header row")

// TableSource reads leads from the rows of a table whose first non-blank
// row is the header. Rows whose cells are all empty are skipped. A row
// shorter than the header is padded with empty cells; a row longer than the
// header is accepted when the extra cells are empty (spreadsheets write
// those), and rejected naming the row otherwise, since its values cannot be
// put in any column.
type TableSource struct {
	rr     RecordReader
	plan   *plan
	preset string
	row    int
	pad    []string
	keep   []string // the unused part of the block that rows' cells are kept in
	text   rowText
	slab   leadSlab
	// warnings about the file as a whole (a header in another language)
	warnings []Warning
	pending  []string // a first row that is data, not a header
	// unused columns (no field matches them) not yet seen with a value;
	// dropped are those seen with one, for FileWarnings
	unused  []unusedColumn
	dropped []int
}

// unusedColumn is a column no field matches, watched for a value: one that
// is not the placeholder Outlook writes in every row ("Normal", "False",
// "0/0/00") is a value the person may miss.
type unusedColumn struct {
	index       int
	placeholder string // the first value seen, when a placeholder
}

// NewTableSource reads the header of rr, its first non-blank row, and
// compiles the mapping against it. Rows are numbered from 1, the first
// row rr reads, as a spreadsheet numbers them.
func NewTableSource(rr RecordReader, opt TableOptions) (*TableSource, error) {
	header, row, err := readHeader(rr)
	if err != nil {
		return nil, err
	}
	layers, name, warnings, err := headerLayers(header, opt)
	if err != nil {
		return nil, err
	}
	p, err := compileLayers(header, layers, opt.Unmapped)
	if err != nil {
		return nil, err
	}
	s := &TableSource{rr: rr, plan: p, preset: name, row: row, warnings: warnings}
	for i, c := range p.columns {
		if c.By == "no match" && !derivedColumn(c.Header) {
			s.unused = append(s.unused, unusedColumn{index: i})
		}
	}
	if len(opt.Map) == 0 && headerless(header, p) {
		// The first row is a person, not a header: read it as one, with
		// columns guessed from its values.
		if s.plan, err = guessColumns(header); err != nil {
			return nil, err
		}
		s.pending, s.row, s.preset, s.unused = slices.Clone(header), row-1, "generic", nil
		s.warnings = []Warning{{Reason: "the file has no header row (its first row holds an e-mail address): " +
			"columns were guessed from the values of that row; name them with a mapping if the guess is wrong"}}
	}
	return s, nil
}

// readHeader reads the first non-blank row of rr, trimmed, and returns it
// with its row number.
func readHeader(rr RecordReader) ([]string, int, error) {
	for row := 1; ; row++ {
		rec, err := rr.Read()
		if err == io.EOF {
			return nil, 0, ErrNoHeader
		}
		var re *leads.RowError
		if errors.As(err, &re) {
			return nil, 0, fmt.Errorf("importexport: header: %w", err)
		}
		if err != nil {
			return nil, 0, err
		}
		if !blank(rec) {
			header := make([]string, len(rec))
			for i, h := range rec {
				header[i] = strings.TrimSpace(strings.TrimPrefix(h, "\uFEFF"))
			}
			return header, row, nil
		}
	}
}

// headerLayers returns the layers in which the columns of header are
// matched, the name of the preset among them ("generic" when none) and a
// warning for a header in another language. The layers: the caller's
// mapping first, then the preset (named or detected), then a header in
// another language, then the field names and the labels of every preset.
func headerLayers(header []string, opt TableOptions) ([]headerLayer, string, []Warning, error) {
	layers := []headerLayer{newLayer("mapping", opt.Map)}
	name := "generic"
	switch {
	case opt.Preset != "":
		p, err := PresetNamed(opt.Preset)
		if err != nil {
			return nil, "", nil, err
		}
		name = p.Name
		layers = append(layers, newLayer("preset "+p.Name, p.Mapping.Columns))
	default:
		if p, ok := DetectPreset(header); ok {
			name = p.Name
			layers = append(layers, newLayer("preset "+p.Name, p.Mapping.Columns))
		}
	}
	var warnings []Warning
	if l, lang, n, ok := localizedLayer(header); ok {
		layers = append(layers, l)
		warnings = append(warnings, Warning{Reason: fmt.Sprintf(
			"the header is in another language (%s): %d columns were matched by their %s names", lang, n, lang)})
	}
	return append(layers, fieldNameLayer(), labelLayer()), name, warnings, nil
}

// Columns returns each column of the header in file order, the field it
// fills ("" when unused) and how it was matched: "mapping" (the caller's),
// "preset outlook", "localized (de)", "field name", "label"; an unused
// column says why ("no match", "repeated column ..."). It implements
// ColumnMapper, so that a dry run can show the mapping and a person can
// correct it with an explicit one.
func (s *TableSource) Columns() []Column {
	return slices.Clone(s.plan.columns)
}

// FileWarnings returns what was adjusted for the file as a whole: the
// record reader's (an encoding guessed), the header's (a language
// recognized, no header at all), and the columns that held values but
// were not imported, since no field matches their names. It implements
// FileWarner; Import asks after the last row.
func (s *TableSource) FileWarnings() []Warning {
	var out []Warning
	if fw, ok := s.rr.(FileWarner); ok {
		out = append(out, fw.FileWarnings()...)
	}
	out = append(out, s.warnings...)
	if len(s.dropped) > 0 {
		idx := slices.Sorted(slices.Values(s.dropped))
		names := make([]string, 0, len(idx))
		for _, i := range idx {
			names = append(names, strconv.Quote(s.plan.header[i]))
		}
		list := strings.Join(names, ", ")
		if len(names) > 8 {
			list = strings.Join(names[:8], ", ") + fmt.Sprintf(" and %d more", len(names)-8)
		}
		what := "column " + list + " (name it with a mapping, or keep it as a custom field)"
		if len(names) > 1 {
			what = "columns " + list + " (name them with a mapping, or keep them as custom fields)"
		}
		out = append(out, Warning{Reason: "not imported, as no field matches the name: the values of " + what})
	}
	return out
}

// watchUnused notes the unused columns that hold a value in rec. Each is
// compared once per row with its placeholder, and dropped from the watch
// once a value is seen.
func (s *TableSource) watchUnused(rec []string) {
	for i := 0; i < len(s.unused); {
		u := &s.unused[i]
		v := rec[u.index]
		if v == "" || v == u.placeholder {
			i++
			continue
		}
		if u.placeholder == "" && isPlaceholder(v) {
			u.placeholder = v
			i++
			continue
		}
		s.dropped = append(s.dropped, u.index)
		s.unused[i] = s.unused[len(s.unused)-1]
		s.unused = s.unused[:len(s.unused)-1]
	}
}

// derivedColumn reports the columns of Outlook's layout whose values are
// derived from other columns (an address's type "SMTP" and display name
// "Ada Lovelace (ada@x.example)"): nothing is lost by not reading them, so
// they are not worth a warning. Outlook writes them, and so does this
// package's own export.
func derivedColumn(header string) bool {
	switch headerKey(header) {
	case "emailtype", "emaildisplayname", "email2type", "email2displayname", "email3type", "email3displayname":
		return true
	}
	return false
}

// isPlaceholder reports the values Outlook writes into columns the person
// never filled (Priority, Sensitivity, Private, Gender, dates), in English
// and German: not worth a warning.
func isPlaceholder(v string) bool {
	switch strings.ToLower(strings.TrimSpace(v)) {
	case "", "normal", "false", "unspecified", "0/0/00", "0.0.00", "aus", "keine angabe", "nein", "no":
		return true
	}
	return false
}

// Preset returns the name of the preset in use ("generic" when none).
func (s *TableSource) Preset() string { return s.preset }

// Header returns the header row.
func (s *TableSource) Header() []string { return s.plan.header }

// Next returns the next non-blank row.
func (s *TableSource) Next() (Row, error) {
	for {
		var (
			rec []string
			err error
		)
		if s.pending != nil {
			rec, s.pending = s.pending, nil
		} else {
			rec, err = s.rr.Read()
		}
		s.row++
		if err != nil {
			return s.readError(err)
		}
		if blank(rec) {
			continue
		}
		n := len(s.plan.header)
		switch {
		case len(rec) < n:
			s.pad = append(s.pad[:0], rec...)
			for len(s.pad) < n {
				s.pad = append(s.pad, "")
			}
			rec = s.pad
		case len(rec) > n && !blank(rec[n:]):
			return Row{Number: s.row, Err: &leads.RowError{Row: s.row,
				Err: fmt.Errorf("%w: the row has %d cells but the header only %d columns", leads.ErrInvalid, len(rec), n)}}, nil
		}
		if len(s.unused) > 0 {
			s.watchUnused(rec)
		}
		var warns []Warning
		l, err := s.plan.lead(rec, nil, &s.text, &s.slab, &warns)
		if err != nil {
			return s.rowError(err), nil
		}
		// The cells are kept for Locate (rec is reused by the next Read),
		// cut from a shared block: one allocation per few hundred rows.
		if len(s.keep) < n {
			s.keep = make([]string, n*256)
		}
		kept := s.keep[:n:n]
		s.keep = s.keep[n:]
		copy(kept, rec)
		plan := s.plan
		return Row{Number: s.row, Lead: l, Locate: func(field string) string { return plan.locate(kept, field) }, Warnings: warns}, nil
	}
}

// readError turns an error of the record reader into Next's results: a
// bad row, or the end of the table. The error helpers are apart from Next
// because the variables that errors.As fills escape to the heap: declared
// in Next, they would cost an allocation per row.
func (s *TableSource) readError(err error) (Row, error) {
	if err == io.EOF {
		return Row{}, io.EOF
	}
	var re *leads.RowError
	if errors.As(err, &re) {
		if re.Row == 0 {
			re.Row = s.row
		}
		return Row{Number: s.row, Err: re}, nil
	}
	return Row{}, err
}

// rowError is the row of a record that could not be mapped.
func (s *TableSource) rowError(err error) Row {
	var re *leads.RowError
	if errors.As(err, &re) {
		re.Row = s.row
	}
	return Row{Number: s.row, Err: err}
}

func blank(rec []string) bool {
	for _, c := range rec {
		if strings.TrimSpace(c) != "" {
			return false
		}
	}
	return true
}
