package importexport

import (
	"io"
	"reflect"
	"testing"
	"unsafe"

	"github.com/leadkit/leads"
)

// records is a RecordReader over fixed rows; it reuses its record slice, as
// the CSV reader does.
type records struct {
	rows [][]string
	rec  []string
}

func (r *records) Read() ([]string, error) {
	if len(r.rows) == 0 {
		return nil, io.EOF
	}
	r.rec = append(r.rec[:0], r.rows[0]...)
	r.rows = r.rows[1:]
	return r.rec, nil
}

// stringsOf returns every non-empty string of l, by its field.
func stringsOf(l *leads.Lead) map[string]string {
	out := map[string]string{}
	v := reflect.ValueOf(l).Elem()
	var walk func(path string, v reflect.Value)
	walk = func(path string, v reflect.Value) {
		switch v.Kind() {
		case reflect.String:
			if v.Len() > 0 {
				out[path] = v.String()
			}
		case reflect.Struct:
			for i := range v.NumField() {
				walk(path+"."+v.Type().Field(i).Name, v.Field(i))
			}
		case reflect.Slice:
			for i := range v.Len() {
				walk(path+"["+string(rune('0'+i))+"]", v.Index(i))
			}
		case reflect.Map:
			for _, k := range v.MapKeys() {
				walk(path+"{"+k.String()+"}", v.MapIndex(k))
			}
		}
	}
	walk("", v)
	return out
}

// TestTableSourcePacksRowText checks that a lead read from a table row
// has the same values as without packing, that the name derived from its
// parts is the one leads.Name.String gives, and that all of its text taken
// from the row lies in one string, apart from the reader's record.
func TestTableSourcePacksRowText(t *testing.T) {
	header := []string{"First Name", "Middle Name", "Last Name", "Title", "Company", "E-mail Address", "E-mail 2 Address",
		"Business Phone", "Business Street", "Business Street 2", "Business City", "Web Page", "Notes", "Fav Colour", "Status"}
	tests := []struct {
		name string
		row  []string
		want string // the full name
	}{
		{"every field", []string{"Ada", "B.", "Lovelace", "Dr", "Engines, Ltd", "ada@engines.example", "a@b.example",
			"+44 20 7946 0001", "1 Main St", "Floor 2", "London", "engines.example", "A note", "blue", "Qualified"}, "Dr Ada B. Lovelace"},
		{"first and last", []string{"Ada", "", "Lovelace", "", "", "ada@engines.example", "", "", "", "", "", "", "", "", ""}, "Ada Lovelace"},
		{"one part", []string{"", "", "Lovelace", "", "Engines", "", "", "", "", "", "", "", "", "", ""}, "Lovelace"},
		{"company only", []string{"", "", "", "", "Engines", "", "", "+1 555 0100", "", "", "", "", "", "", ""}, "Engines"},
		{"custom only", []string{"", "", "", "", "", "", "", "", "", "", "", "", "", "green", ""}, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			src, err := NewTableSource(&records{rows: [][]string{header, tt.row}}, TableOptions{Preset: "outlook", Unmapped: KeepUnmapped})
			if err != nil {
				t.Fatal(err)
			}
			row, err := src.Next()
			if err != nil || row.Err != nil {
				t.Fatal(err, row.Err)
			}
			l := row.Lead
			if l.FullName != tt.want {
				t.Errorf("full name %q, want %q", l.FullName, tt.want)
			}
			if tt.want != "" {
				if n := (leads.Name{Title: l.Title, First: l.FirstName, Middle: l.MiddleName, Last: l.LastName, Suffix: l.Suffix}).String(); l.FirstName != "" && l.LastName != "" && n != l.FullName {
					t.Errorf("full name %q, leads.Name gives %q", l.FullName, n)
				}
			}
			// The same values as the plan gives without packing.
			plain, err := src.plan.lead(tt.row, nil, nil, nil, nil)
			if err != nil {
				t.Fatal(err)
			}
			got, want := stringsOf(l), stringsOf(plain)
			if !reflect.DeepEqual(got, want) {
				t.Errorf("packed lead\n%v\nwant\n%v", got, want)
			}
			// One backing string: every value from the row lies within the
			// span of the lowest and highest address, as long as their sum.
			lo, hi, total := uintptr(0), uintptr(0), 0
			for path, s := range got {
				if path == ".FullName" && tt.want == l.Company || len(s) == 0 {
					continue // the company taken as the name
				}
				if path == ".Phones[0].Label" || path == ".Addresses[0].Label" {
					continue
				}
				p := uintptr(unsafe.Pointer(unsafe.StringData(s)))
				if lo == 0 || p < lo {
					lo = p
				}
				if e := p + uintptr(len(s)); e > hi {
					hi = e
				}
				total += len(s)
			}
			if total > 0 && int(hi-lo) > total {
				t.Errorf("the lead's text spans %d bytes for %d bytes of values: not one string", hi-lo, total)
			}
		})
	}
}
