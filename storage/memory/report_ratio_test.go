//go:build unix

package memory_test

import (
	"context"
	"runtime"
	"syscall"
	"testing"
	"time"

	"github.com/leadkit/leads"
	"github.com/leadkit/leads/report"
)

// cpuTime returns the CPU time the process has used, garbage collection
// included.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// BenchmarkReportVsCeiling1M runs the report and the ceiling in turn, each
// iteration both, and reports the ratio of their times: on a shared,
// loaded machine, runs side by side compare better than runs minutes
// apart. cpu-ratio counts the processor time of the whole process, garbage
// collection included; wall-ratio the elapsed time.
func BenchmarkReportVsCeiling1M(b *testing.B) {
	s, all := bigStore(b, reportBenchSize)
	plain := make([]plainLead, len(all))
	for i, l := range all {
		plain[i] = plainLead{id: l.ID, typ: l.Type, stars: l.Score.Stars, assigned: l.AssignedTo, fileAs: l.FileAs}
	}
	r, _ := leads.BuiltinReport(leads.ReportLeadsByAssignedToAndScore)
	ctx := context.Background()
	var reportWall, reportCPU, ceilWall, ceilCPU time.Duration
	for b.Loop() {
		runtime.GC()
		w, c := time.Now(), cpuTime()
		if len(ceiling(plain)) == 0 {
			b.Fatal("no groups")
		}
		ceilWall, ceilCPU = ceilWall+time.Since(w), ceilCPU+cpuTime()-c
		runtime.GC()
		w, c = time.Now(), cpuTime()
		if _, err := report.Run(ctx, s, r); err != nil {
			b.Fatal(err)
		}
		reportWall, reportCPU = reportWall+time.Since(w), reportCPU+cpuTime()-c
	}
	b.ReportMetric(float64(reportWall)/float64(ceilWall), "wall-ratio")
	b.ReportMetric(float64(reportCPU)/float64(ceilCPU), "cpu-ratio")
	b.ReportMetric(reportCPU.Seconds()/float64(b.N), "report-cpu-s/op")
	b.ReportMetric(ceilCPU.Seconds()/float64(b.N), "ceiling-cpu-s/op")
}
