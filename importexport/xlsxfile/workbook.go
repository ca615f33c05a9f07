package xlsxfile

import (
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"strings"
)

// maxMetaToken bounds one token of the workbook's small parts (the
// relationships, the list of sheets, the styles).
const maxMetaToken = 64 << 10

// maxSheets is how many sheets of the list are considered when looking for
// the first worksheet or the one named.
const maxSheets = 256

// layout is what the reader needs of a workbook's structure.
type layout struct {
	sheetName, sheetPart string
	sstPart, stylesPart  string
	date1904             bool
}

type sheetEntry struct{ name, rid string }

// findLayout reads the package's and the workbook's relationships and the
// list of sheets, and picks the sheet named want ("" for the first
// worksheet).
func (wb *workbook) findLayout(want string) (*layout, error) {
	book := "xl/workbook.xml"
	if err := wb.eachRel("_rels/.rels", func(typ, target string) {
		if strings.HasSuffix(typ, "/officeDocument") {
			book = resolve("/", target)
		}
	}); err != nil {
		return nil, err
	}
	lay := &layout{}
	var sheets []sheetEntry
	p, ok, err := wb.open(book, maxMetaToken)
	if err != nil {
		return nil, err
	}
	if !ok {
		return nil, fmt.Errorf("xlsxfile: not an Excel workbook: no part %s", book)
	}
	defer p.Close()
	for {
		tok, err := p.token()
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, wb.partError(p, err)
		}
		e, ok := tok.(xml.StartElement)
		if !ok {
			continue
		}
		switch e.Name.Local {
		case "workbookPr":
			v, _ := attr(e, "date1904")
			lay.date1904 = v == "1" || strings.EqualFold(v, "true")
		case "sheet":
			name, _ := attr(e, "name")
			rid, _ := attr(e, "id")
			if len(sheets) < maxSheets || name == want {
				sheets = append(sheets, sheetEntry{name, rid})
			}
		}
	}
	worksheets := map[string]string{} // relationship ID → part
	err = wb.eachRelID(relsOf(book), func(id, typ, target string) {
		switch {
		case strings.HasSuffix(typ, "/worksheet"):
			for _, s := range sheets {
				if s.rid == id {
					worksheets[id] = resolve(book, target)
				}
			}
		case strings.HasSuffix(typ, "/sharedStrings"):
			lay.sstPart = resolve(book, target)
		case strings.HasSuffix(typ, "/styles"):
			lay.stylesPart = resolve(book, target)
		}
	})
	if err != nil {
		return nil, err
	}
	if lay.sstPart == "" {
		lay.sstPart = resolve(book, "sharedStrings.xml")
	}
	if lay.stylesPart == "" {
		lay.stylesPart = resolve(book, "styles.xml")
	}
	pick := func(match func(string) bool) bool {
		for _, s := range sheets {
			if part, ok := worksheets[s.rid]; ok && match(s.name) {
				lay.sheetName, lay.sheetPart = s.name, part
				return true
			}
		}
		return false
	}
	switch {
	case want == "" && pick(func(string) bool { return true }):
	case want != "" && (pick(func(n string) bool { return n == want }) || pick(func(n string) bool { return strings.EqualFold(n, want) })):
	case want == "":
		return nil, errors.New("xlsxfile: the workbook has no worksheet")
	default:
		return nil, fmt.Errorf("xlsxfile: the workbook has no worksheet %q", want)
	}
	if _, ok := wb.parts[lay.sheetPart]; !ok {
		return nil, fmt.Errorf("xlsxfile: sheet %q: its part %s is missing (a damaged file?)", lay.sheetName, lay.sheetPart)
	}
	return lay, nil
}

// eachRel calls f with the type and target of each relationship in the
// part name, if there is one.
func (wb *workbook) eachRel(name string, f func(typ, target string)) error {
	return wb.eachRelID(name, func(_, typ, target string) { f(typ, target) })
}

func (wb *workbook) eachRelID(name string, f func(id, typ, target string)) error {
	p, ok, err := wb.open(name, maxMetaToken)
	if err != nil || !ok {
		return err
	}
	defer p.Close()
	for {
		tok, err := p.token()
		if err == io.EOF {
			return nil
		}
		if err != nil {
			return wb.partError(p, err)
		}
		if e, ok := tok.(xml.StartElement); ok && e.Name.Local == "Relationship" {
			if mode, _ := attr(e, "TargetMode"); strings.EqualFold(mode, "External") {
				continue
			}
			id, _ := attr(e, "Id")
			typ, _ := attr(e, "Type")
			target, _ := attr(e, "Target")
			f(id, typ, target)
		}
	}
}

// partError explains an error met while reading a part other than the
// sheet.
func (wb *workbook) partError(p *xmlPart, err error) error {
	switch {
	case errors.Is(err, errInflated):
		return wb.inflatedError()
	case errors.Is(err, errTokenTooLong):
		return &LimitError{Reason: fmt.Sprintf("part %s: a piece of XML over %s", p.name, size(int64(p.lim.max)))}
	}
	return fmt.Errorf("xlsxfile: part %s is damaged: %w", p.name, err)
}

func (wb *workbook) inflatedError() error {
	return fmt.Errorf("%w: its parts inflate to more than %d bytes (a zip bomb?)", ErrTooLarge, wb.maxUnzp)
}
