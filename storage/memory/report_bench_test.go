package memory_test

import (
	"cmp"
	"context"
	"slices"
	"strings"
	"testing"

	"github.com/google/uuid"
	"github.com/leadkit/leads"
	"github.com/leadkit/leads/report"
	"github.com/leadkit/leads/storage/internal/index"
	"github.com/leadkit/leads/storage/memory"
	"github.com/leadkit/leads/storage/storagetest"
)

const reportBenchSize = 1_000_000

// bigStore returns a store of n sample leads, put straight into its index:
// a million Creates would only make the benchmark slow to set up.
func bigStore(b *testing.B, n int) (*memory.Store, []*leads.Lead) {
	b.Helper()
	s := memory.New()
	c := index.NewChanges()
	all := make([]*leads.Lead, n)
	for i := range n {
		l := storagetest.Sample(i)
		l.Version = 1
		c.Leads[l.ID] = l
		all[i] = l
	}
	memory.Fill(s, c)
	return s, all
}

// BenchmarkReportByAssignedToAndScore1M runs the built-in report "Leads by
// Assigned To and Score" over a million records (two in three of them
// leads) in the memory store: selection, sort, nested groups with counts,
// and the formatted rows.
func BenchmarkReportByAssignedToAndScore1M(b *testing.B) {
	s, _ := bigStore(b, reportBenchSize)
	r, _ := leads.BuiltinReport(leads.ReportLeadsByAssignedToAndScore)
	ctx := context.Background()
	b.ReportAllocs()
	for b.Loop() {
		res, err := report.Run(ctx, s, r)
		if err != nil {
			b.Fatal(err)
		}
		if res.Total == 0 {
			b.Fatal("empty report")
		}
	}
}

// plainLead is what the ceiling benchmark sorts: the fields of the report
// as a plain struct.
type plainLead struct {
	id       uuid.UUID
	typ      leads.RecordType
	stars    leads.Stars
	assigned string
	fileAs   string
}

type plainGroup struct {
	assigned string
	count    int
	byStars  []struct {
		stars leads.Stars
		count int
	}
}

// BenchmarkReportCeiling1M does only what the report cannot avoid, over
// the same records held as plain structs: keep the leads, sort them by
// user, stars (highest first) and File As, and count the nested groups.
// It is the ceiling the report is measured against.
func BenchmarkReportCeiling1M(b *testing.B) {
	_, all := bigStore(b, reportBenchSize)
	plain := make([]plainLead, len(all))
	for i, l := range all {
		plain[i] = plainLead{id: l.ID, typ: l.Type, stars: l.Score.Stars, assigned: l.AssignedTo, fileAs: l.FileAs}
	}
	b.ReportAllocs()
	for b.Loop() {
		if len(ceiling(plain)) == 0 {
			b.Fatal("no groups")
		}
	}
}

// ceiling keeps the leads of plain, sorts them by user, stars (highest
// first), File As and ID, and counts the nested groups.
func ceiling(plain []plainLead) []plainGroup {
	rows := make([]plainLead, 0, len(plain))
	for _, p := range plain {
		if p.typ == leads.TypeLead {
			rows = append(rows, p)
		}
	}
	slices.SortFunc(rows, func(x, y plainLead) int {
		return cmp.Or(strings.Compare(x.assigned, y.assigned), cmp.Compare(y.stars, x.stars),
			strings.Compare(x.fileAs, y.fileAs), slices.Compare(x.id[:], y.id[:]))
	})
	var groups []plainGroup
	for i, p := range rows {
		if i == 0 || p.assigned != rows[i-1].assigned {
			groups = append(groups, plainGroup{assigned: p.assigned})
		}
		g := &groups[len(groups)-1]
		g.count++
		if n := len(g.byStars); n == 0 || g.byStars[n-1].stars != p.stars {
			g.byStars = append(g.byStars, struct {
				stars leads.Stars
				count int
			}{stars: p.stars})
		}
		g.byStars[len(g.byStars)-1].count++
	}
	return groups
}
