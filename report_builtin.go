package leads

import "strings"

// The names of the built-in reports, as BCM calls them.
const (
	ReportLeadsByAssignedTo         = "Leads by Assigned To"
	ReportLeadsByAssignedToAndScore = "Leads by Assigned To and Score"
	ReportLeadsByScore              = "Leads by Score"
)

// BuiltinReports returns the reports every database has, as BCM has them:
// leads grouped by the user they are assigned to, by user and score, and
// by score with the highest first. Each call returns fresh values: change
// them freely, as a starting point for a custom report.
func BuiltinReports() []Report {
	leadsOnly := func() []RecordType { return []RecordType{TypeLead} }
	return []Report{
		{
			Name: ReportLeadsByAssignedTo, Category: CategoryLeads, Types: leadsOnly(),
			Columns: []Field{FieldFileAs, FieldCompany, FieldPhone, FieldEmail, FieldStars, FieldSource},
			Sort:    []SortKey{Asc(FieldFileAs)},
			GroupBy: []Field{FieldAssignedTo},
		},
		{
			Name: ReportLeadsByAssignedToAndScore, Category: CategoryLeads, Types: leadsOnly(),
			Columns: []Field{FieldFileAs, FieldCompany, FieldPhone, FieldEmail, FieldSource},
			Sort:    []SortKey{Desc(FieldStars), Asc(FieldFileAs)},
			GroupBy: []Field{FieldAssignedTo, FieldStars},
		},
		{
			Name: ReportLeadsByScore, Category: CategoryLeads, Types: leadsOnly(),
			Columns: []Field{FieldFileAs, FieldCompany, FieldAssignedTo, FieldSource},
			Sort:    []SortKey{Desc(FieldStars), Asc(FieldFileAs)},
			GroupBy: []Field{FieldStars},
		},
	}
}

// BuiltinReport returns the built-in report with that name, ignoring case
// and surrounding space.
func BuiltinReport(name string) (Report, bool) {
	for _, r := range BuiltinReports() {
		if strings.EqualFold(r.Name, strings.TrimSpace(name)) {
			r.ID = ReportID(r.Name)
			return r, true
		}
	}
	return Report{}, false
}
