package sqlite

import (
	"context"
	"strings"
	"testing"

	"github.com/leadkit/leads"
	"github.com/leadkit/leads/storage/internal/sqlq"
)

// TestFirstPagePlans checks that SQLite reads the first page of each list
// screen's sort through an index, in order, rather than sorting the whole
// table: no "USE TEMP B-TREE FOR ORDER BY" in the query plan.
func TestFirstPagePlans(t *testing.T) {
	s := newT(t)
	ctx := context.Background()
	for i := range 50 {
		if err := s.Leads().Create(ctx, benchLead(i)); err != nil {
			t.Fatal(err)
		}
	}
	queries := map[string]leads.Query{
		"file as":                      {Limit: 20},
		"stars":                        {Sort: []leads.SortKey{leads.Desc(leads.FieldStars)}, Limit: 20},
		"score":                        {Sort: []leads.SortKey{leads.Desc(leads.FieldScore)}, Limit: 20},
		"assignee":                     {Sort: []leads.SortKey{leads.Asc(leads.FieldAssignedTo)}, Limit: 20},
		"company":                      {Sort: []leads.SortKey{leads.Asc(leads.FieldCompany)}, Limit: 20},
		"created":                      {Sort: []leads.SortKey{leads.Asc(leads.FieldCreatedAt)}, Limit: 20},
		"source and stars":             {Where: leads.And(leads.Eq(leads.FieldSource, "Web"), leads.StarsBetween(3, 5)), Limit: 20},
		"mine, hot first":              {Where: leads.Eq(leads.FieldAssignedTo, "user01"), Sort: []leads.SortKey{leads.Desc(leads.FieldStars)}, Limit: 20},
		"report by assignee":           {Sort: []leads.SortKey{leads.Asc(leads.FieldAssignedTo), leads.Asc(leads.FieldFileAs)}},
		"report by assignee and stars": {Sort: []leads.SortKey{leads.Asc(leads.FieldAssignedTo), leads.Desc(leads.FieldStars), leads.Asc(leads.FieldFileAs)}},
		"report by stars":              {Sort: []leads.SortKey{leads.Desc(leads.FieldStars), leads.Asc(leads.FieldFileAs)}},
		"file as, 2nd page":            {Limit: 20, After: cursorAfter(t, s, leads.Query{Limit: 20})},
	}
	for name, q := range queries {
		p, err := q.Plan()
		if err != nil {
			t.Fatal(err)
		}
		stmt, args, err := sqlq.Select(sqlq.SQLite, "id", q, p)
		if err != nil {
			t.Fatal(err)
		}
		rows, err := s.r.QueryContext(ctx, "EXPLAIN QUERY PLAN "+stmt, args...)
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		var plan []string
		for rows.Next() {
			var id, parent, unused int
			var detail string
			if err := rows.Scan(&id, &parent, &unused, &detail); err != nil {
				t.Fatal(err)
			}
			plan = append(plan, detail)
		}
		rows.Close()
		text := strings.Join(plan, "; ")
		if strings.Contains(text, "TEMP B-TREE") || !strings.Contains(text, "INDEX") {
			t.Errorf("%s: the first page sorts the table: %s\n%s", name, text, stmt)
		}
	}
}

// cursorAfter returns the cursor after the last lead of q's page.
func cursorAfter(t *testing.T, s *Store, q leads.Query) string {
	var last *leads.Lead
	for l, err := range s.Leads().List(context.Background(), q) {
		if err != nil {
			t.Fatal(err)
		}
		last = l
	}
	c, err := leads.Cursor(q, last)
	if err != nil {
		t.Fatal(err)
	}
	return c
}
