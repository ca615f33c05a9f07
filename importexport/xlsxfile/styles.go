package xlsxfile

import (
	"encoding/xml"
	"io"
	"math"
	"strconv"
	"strings"
	"time"
)

// numKind is what a cell's number format makes of a number.
type numKind uint8

const (
	kindNumber numKind = iota // shown as the number
	kindDate                  // a date, with or without a time of day
	kindTime                  // a time of day only
)

// maxStyles bounds the cell formats kept (Excel allows 64,000); a cell of a
// format past it reads as a number.
const maxStyles = 1 << 16

// styles is what the reader keeps of a workbook's styles: the kind of each
// cell format, by index (a cell's s attribute).
type styles struct {
	kinds    []numKind
	date1904 bool
}

// readStyles reads the cell formats of the part name, if there is one. A
// damaged styles part is not worth refusing the workbook for: the formats
// read until the damage are kept, and numbers of the others read as
// numbers.
func (wb *workbook) readStyles(name string, date1904 bool) (*styles, error) {
	st := &styles{date1904: date1904}
	p, ok, err := wb.open(name, maxMetaToken)
	if err != nil || !ok {
		return st, err
	}
	defer p.Close()
	custom := map[int]numKind{}
	inXfs := false
	for {
		tok, err := p.token()
		if err == io.EOF {
			return st, nil
		}
		if err != nil {
			if err == errInflated {
				return nil, wb.inflatedError()
			}
			return st, nil
		}
		switch e := tok.(type) {
		case xml.StartElement:
			switch e.Name.Local {
			case "numFmt":
				id, _ := attr(e, "numFmtId")
				code, _ := attr(e, "formatCode")
				if n, err := strconv.Atoi(id); err == nil && len(custom) < maxStyles {
					custom[n] = formatKind(code)
				}
			case "cellXfs":
				inXfs = true
			case "xf":
				if inXfs && len(st.kinds) < maxStyles {
					id, _ := attr(e, "numFmtId")
					n, _ := strconv.Atoi(id)
					k, ok := custom[n]
					if !ok {
						k = builtinKind(n)
					}
					st.kinds = append(st.kinds, k)
				}
			}
		case xml.EndElement:
			if e.Name.Local == "cellXfs" {
				inXfs = false
			}
		}
	}
}

// builtinKind is the kind of a built-in number format (ECMA-376 Part 1,
// 18.8.30, and the East Asian ones Excel adds).
func builtinKind(id int) numKind {
	switch {
	case id >= 14 && id <= 17, id == 22, id >= 27 && id <= 31, id >= 34 && id <= 36, id >= 50 && id <= 58:
		return kindDate
	case id >= 18 && id <= 21, id >= 32 && id <= 33, id >= 45 && id <= 47:
		return kindTime
	}
	return kindNumber
}

// formatKind tells from a format code ("yyyy-mm-dd", "#,##0.00",
// "[h]:mm") whether it shows a date, a time or a number. Only the first
// section (before a ;) counts; quoted text, escaped and padding characters
// and bracketed colours, conditions and locales are skipped.
func formatKind(code string) numKind {
	if strings.Contains(strings.ToLower(code), "general") {
		return kindNumber
	}
	date, clock, m := false, false, false
	for i := 0; i < len(code); i++ {
		switch c := code[i] | 0x20; code[i] {
		case ';':
			i = len(code)
		case '"':
			if j := strings.IndexByte(code[i+1:], '"'); j >= 0 {
				i += j + 1
			} else {
				i = len(code)
			}
		case '\\', '_', '*':
			i++
		case '[':
			j := strings.IndexByte(code[i:], ']')
			if j < 0 {
				i = len(code)
				break
			}
			inner := strings.ToLower(code[i+1 : i+j])
			if inner != "" && strings.Trim(inner, "hms") == "" {
				clock = true // elapsed time: [h], [mm], [ss]
			}
			i += j
		default:
			switch c {
			case 'y', 'd':
				date = true
			case 'h', 's':
				clock = true
			case 'm':
				m = true
			case 'a':
				if up := strings.ToUpper(code[i:]); strings.HasPrefix(up, "AM/PM") || strings.HasPrefix(up, "A/P") {
					clock = true
				}
			}
		}
	}
	switch {
	case date:
		return kindDate
	case clock:
		return kindTime // m with h or s is minutes
	case m:
		return kindDate // m alone is months
	}
	return kindNumber
}

// number gives the text of a numeric cell of format s: a date or time in
// ISO 8601 when its format is one, else the number as Excel's General
// format shows it. Text that is not a number stays as it is.
func (st *styles) number(v string, s int) string {
	f, err := strconv.ParseFloat(strings.TrimSpace(v), 64)
	if err != nil || math.IsInf(f, 0) || math.IsNaN(f) {
		return v
	}
	kind := kindNumber
	if s > 0 && s < len(st.kinds) {
		kind = st.kinds[s]
	}
	if kind != kindNumber {
		if t, ok := excelTime(f, st.date1904); ok {
			switch {
			case kind == kindTime && f < 1:
				return t.Format("15:04:05")
			case t.Hour() == 0 && t.Minute() == 0 && t.Second() == 0:
				return t.Format("2006-01-02")
			}
			return t.Format("2006-01-02 15:04:05")
		}
	}
	return general(f)
}

// general formats f as Excel's General format does: up to 15 significant
// digits, which is all Excel keeps (0.30000000000000004 is 0.3), whole
// numbers in full.
func general(f float64) string {
	e := strconv.FormatFloat(f, 'e', -1, 64) // "-1.2345e+06": its mantissa's digits are the significant ones
	mant, _, _ := strings.Cut(strings.TrimPrefix(e, "-"), "e")
	if len(strings.Replace(mant, ".", "", 1)) <= 15 {
		return strconv.FormatFloat(f, 'f', -1, 64)
	}
	return strconv.FormatFloat(f, 'G', 15, 64)
}

// excelTime converts a serial date (days since the start of 1900 or 1904,
// the fraction the time of day) to a time, rounded to the second.
func excelTime(serial float64, date1904 bool) (time.Time, bool) {
	if serial < 0 || serial >= 2958466 { // 10000-01-01
		return time.Time{}, false
	}
	base := time.Date(1899, 12, 30, 0, 0, 0, 0, time.UTC)
	switch {
	case date1904:
		base = time.Date(1904, 1, 1, 0, 0, 0, 0, time.UTC)
	case serial < 61:
		// Excel counts a 29 February 1900 that never was (after Lotus
		// 1-2-3): its serials before 1 March 1900 are one day ahead.
		base = base.AddDate(0, 0, 1)
	}
	secs := math.Round(serial * 86400)
	return base.Add(time.Duration(secs) * time.Second), true
}
