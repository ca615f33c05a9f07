package report

import (
	"strconv"
	"strings"

	"github.com/leadkit/leads"
)

// Result is a report run over the records of a store: what renderers turn
// into a table, a spreadsheet or a page. Cells are text, formatted for
// people but faithful (numbers as digits, times in RFC 3339), so a CSV of
// them reads back.
type Result struct {
	Name string `json:"name"`
	// Types are the record types the report covers; empty means all.
	Types   []leads.RecordType `json:"types,omitempty"`
	Columns []leads.Field      `json:"columns"`
	// Header holds the column titles (as ColumnTitle writes them).
	Header  []string      `json:"header"`
	GroupBy []leads.Field `json:"group_by,omitempty"`
	// Groups holds the top-level groups, in report order; each nests the
	// groups of the next group field and, at the last level, the rows.
	// Without grouping it is empty and Rows holds the rows.
	Groups []*Group   `json:"groups,omitempty"`
	Rows   [][]string `json:"rows,omitempty"`
	// Total is the number of records in the report.
	Total int `json:"total"`
	// CustomTypes gives the type of each custom column whose definition
	// makes it a number, date or yes/no field, by field name, so that
	// renderers can store such cells as numbers and dates. The cells
	// themselves keep the text as stored.
	CustomTypes map[string]leads.CustomType `json:"custom_types,omitempty"`
}

// Group is the records of a report that share one value of a group field.
type Group struct {
	Field leads.Field `json:"field"`
	// Value is the formatted value, "" when the records have none; Label
	// says it for people ("★★★☆☆ 3 stars", "(unassigned)").
	Value string `json:"value"`
	Label string `json:"label"`
	// Count is the number of records in the group, nested groups included.
	Count  int        `json:"count"`
	Groups []*Group   `json:"groups,omitempty"`
	Rows   [][]string `json:"rows,omitempty"`
}

// Chart returns the label and count of each top-level group, or of the one
// bar "Total" when the report is not grouped: what renderers draw.
func (res *Result) Chart() (labels []string, counts []int) {
	if len(res.Groups) == 0 {
		return []string{"Total"}, []int{res.Total}
	}
	for _, g := range res.Groups {
		labels = append(labels, g.Label)
		counts = append(counts, g.Count)
	}
	return labels, counts
}

// ColumnTitle returns the heading of a column for people: "file_as" is
// "File As", "email" is "E-mail", "custom.Region" is "Region".
func ColumnTitle(f leads.Field) string {
	switch f {
	case leads.FieldID:
		return "ID"
	case leads.FieldEmail:
		return "E-mail"
	case leads.FieldStars:
		return "Score"
	case leads.FieldScore:
		return "Score Value"
	case leads.FieldAccountID:
		return "Account"
	}
	if name, ok := strings.CutPrefix(string(f), "custom."); ok {
		return name
	}
	words := strings.Split(string(f), "_")
	for i, w := range words {
		if w != "" {
			words[i] = strings.ToUpper(w[:1]) + w[1:]
		}
	}
	return strings.Join(words, " ")
}

// groupLabel says a group's value for people.
func groupLabel(f leads.Field, v string) string {
	if f == leads.FieldStars {
		n, err := strconv.Atoi(v)
		if err == nil && n >= 0 && n <= int(leads.MaxStars) {
			unit := "stars"
			if n == 1 {
				unit = "star"
			}
			return strings.Repeat("★", n) + strings.Repeat("☆", int(leads.MaxStars)-n) + " " + v + " " + unit
		}
	}
	if v != "" {
		return v
	}
	if f == leads.FieldAssignedTo {
		return "(unassigned)"
	}
	return "(none)"
}
