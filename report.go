package leads

import (
	"errors"
	"fmt"
	"slices"
	"strings"

	"github.com/google/uuid"
)

// CategoryLeads is the category of every lead report, built in or saved;
// BCM files reports by category and lead reports live under "Leads".
const CategoryLeads = "Leads"

// Report defines a report over leads: which records (types and a filter),
// which columns, in what order, grouped by which fields. It is a plain value
// that encodes to JSON, so stores persist it as it is and a saved report
// opens exactly as it was saved.
//
// Grouping nests: GroupBy {assigned_to, stars} groups the records by the
// user they are assigned to and, within each user, by stars. Records are
// ordered by the group fields first (descending where Sort says so for
// that field), then by the rest of Sort, then by File As.
type Report struct {
	// ID identifies a saved report; it is derived from the name (see
	// ReportID), so two reports can never share a name, whatever the store.
	ID       uuid.UUID `json:"id"`
	Name     string    `json:"name"`
	Category string    `json:"category"`
	// Types restricts the report to these record types; empty means all.
	Types   []RecordType `json:"types,omitempty"`
	Columns []Field      `json:"columns"`
	Where   Cond         `json:"where,omitzero"`
	Sort    []SortKey    `json:"sort,omitempty"`
	GroupBy []Field      `json:"group_by,omitempty"`
	// Version counts the saves of a stored report, as for every record.
	Version int64 `json:"version"`
}

// reportNamespace returns the UUID namespace of report names (a fixed,
// random UUID): report IDs are UUID v5 of the folded name. A function, so
// that nothing at package level can change.
func reportNamespace() uuid.UUID {
	return uuid.UUID{0x8e, 0x0b, 0x5f, 0x51, 0x6a, 0x3c, 0x4d, 0x1e, 0x9b, 0x27, 0x44, 0x0c, 0x61, 0xd2, 0x7a, 0x90}
}

// ReportID returns the ID of the report named name. Names compare ignoring
// case and surrounding space, so "Hot leads" and "hot leads " are one
// report. Deriving the ID from the name makes "name already taken" the
// ordinary conflict of a create in every store, with no race between a
// check and a write.
func ReportID(name string) uuid.UUID {
	return uuid.NewSHA1(reportNamespace(), []byte(strings.ToLower(strings.TrimSpace(name))))
}

// Clone returns a deep copy of r.
func (r *Report) Clone() *Report {
	c := *r
	c.Types = slices.Clone(r.Types)
	c.Columns = slices.Clone(r.Columns)
	c.Sort = slices.Clone(r.Sort)
	c.GroupBy = slices.Clone(r.GroupBy)
	c.Where = cloneCond(r.Where)
	return &c
}

func cloneCond(c Cond) Cond {
	c.Values = slices.Clone(c.Values)
	if c.Conds != nil {
		subs := make([]Cond, len(c.Conds))
		for i, s := range c.Conds {
			subs[i] = cloneCond(s)
		}
		c.Conds = subs
	}
	return c
}

// MaxReportGroups is the deepest grouping a report may have.
const MaxReportGroups = 4

// Validate reports every problem of r as one error: errors.Join of
// *FieldError, each naming the part of the definition ("columns[2]",
// "where", "group_by[0]") and the unknown field or bad value.
func (r Report) Validate() error {
	var errs []error
	if strings.TrimSpace(r.Name) == "" {
		errs = append(errs, fieldErr("name", "is missing"))
	}
	return errors.Join(append(errs, r.problems()...)...)
}

// ValidateDefinition reports every problem of r as Validate does, but a
// missing name: a report that is run without being saved needs none.
func (r Report) ValidateDefinition() error {
	return errors.Join(r.problems()...)
}

// problems returns the problems of r but a missing name.
func (r Report) problems() []error {
	var errs []error
	if p := lengthProblem(r.Name, MaxNameLen); p != "" {
		errs = append(errs, &FieldError{Field: "name", Reason: p})
	}
	if r.Category != "" && r.Category != CategoryLeads {
		errs = append(errs, fieldErr("category", "%q is not a report category (only %q)", r.Category, CategoryLeads))
	}
	for _, t := range r.Types {
		if t > TypeContact {
			errs = append(errs, fieldErr("types", "unknown record type %d", t))
		}
	}
	if len(r.Columns) == 0 {
		errs = append(errs, fieldErr("columns", "a report needs at least one column"))
	}
	for i, c := range r.Columns {
		if _, ok := lookupField(c); !ok {
			errs = append(errs, fieldErr(fmt.Sprintf("columns[%d]", i), "unknown column %q", c))
		}
	}
	for i, k := range r.Sort {
		if _, ok := lookupField(k.Field); !ok {
			errs = append(errs, fieldErr(fmt.Sprintf("sort[%d]", i), "unknown field %q", k.Field))
		}
	}
	if len(r.GroupBy) > MaxReportGroups {
		errs = append(errs, fieldErr("group_by", "%d levels of grouping, at most %d", len(r.GroupBy), MaxReportGroups))
	}
	for i, g := range r.GroupBy {
		if _, ok := lookupField(g); !ok {
			errs = append(errs, fieldErr(fmt.Sprintf("group_by[%d]", i), "unknown field %q", g))
		} else if slices.Index(r.GroupBy, g) < i {
			errs = append(errs, fieldErr(fmt.Sprintf("group_by[%d]", i), "%q is grouped by twice", g))
		}
	}
	if _, err := compileCond(r.Where, "where", lookupField); err != nil {
		errs = append(errs, err)
	}
	return errs
}

// Query returns the query that selects r's records in report order: the
// group fields first, then the rest of Sort.
func (r Report) Query() Query {
	q := Query{Types: slices.Clone(r.Types), Where: r.Where}
	for _, g := range r.GroupBy {
		k := SortKey{Field: g}
		if i := slices.IndexFunc(r.Sort, func(s SortKey) bool { return s.Field == g }); i >= 0 {
			k.Desc = r.Sort[i].Desc
		}
		q.Sort = append(q.Sort, k)
	}
	for _, k := range r.Sort {
		if !slices.Contains(r.GroupBy, k.Field) {
			q.Sort = append(q.Sort, k)
		}
	}
	return q
}
