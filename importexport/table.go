package importexport

import (
	"errors"
	"fmt"
	"io"
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
	// Preset names a built-in preset (outlook, google, act, salesforce);
	// empty means: detect it from the header, else use GenericMapping.
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
}

// NewTableSource reads the header of rr and compiles the mapping against
// it. firstRow is the number of the header row (1 for a CSV file).
func NewTableSource(rr RecordReader, opt TableOptions) (*TableSource, error) {
	row := 0
	var header []string
	for {
		rec, err := rr.Read()
		row++
		if err == io.EOF {
			return nil, ErrNoHeader
		}
		var re *leads.RowError
		if errors.As(err, &re) {
			return nil, fmt.Errorf("importexport: header: %w", err)
		}
		if err != nil {
			return nil, err
		}
		if !blank(rec) {
			header = make([]string, len(rec))
			for i, h := range rec {
				header[i] = strings.TrimSpace(strings.TrimPrefix(h, "\uFEFF"))
			}
			break
		}
	}
	m, name := GenericMapping(), "generic"
	switch {
	case opt.Preset != "":
		p, err := PresetNamed(opt.Preset)
		if err != nil {
			return nil, err
		}
		m, name = p.Mapping, p.Name
	default:
		if p, ok := DetectPreset(header); ok {
			m, name = p.Mapping, p.Name
		}
	}
	m = m.With(opt.Map)
	m.Unmapped = opt.Unmapped
	p, err := m.compile(header)
	if err != nil {
		return nil, err
	}
	return &TableSource{rr: rr, plan: p, preset: name, row: row}, nil
}

// Preset returns the name of the preset in use ("generic" when none).
func (s *TableSource) Preset() string { return s.preset }

// Header returns the header row.
func (s *TableSource) Header() []string { return s.plan.header }

// Next returns the next non-blank row.
func (s *TableSource) Next() (Row, error) {
	for {
		rec, err := s.rr.Read()
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
