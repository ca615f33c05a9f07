package csvfile_test

import (
	"bufio"
	"context"
	"encoding/csv"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"strconv"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/google/uuid"

	"github.com/leadkit/leads"
	"github.com/leadkit/leads/importexport"
	"github.com/leadkit/leads/importexport/csvfile"
	"github.com/leadkit/leads/storage/memory"
)

// benchRows is the size of the benchmark file: 1M rows, or
// $LEADS_BENCH_ROWS.
func benchRows() int {
	if n, err := strconv.Atoi(os.Getenv("LEADS_BENCH_ROWS")); err == nil && n > 0 {
		return n
	}
	return 1_000_000
}

var (
	benchOnce sync.Once
	benchPath string
	benchDir  string
)

func TestMain(m *testing.M) {
	code := m.Run()
	if benchDir != "" {
		os.RemoveAll(benchDir)
	}
	os.Exit(code)
}

// benchFile writes the benchmark CSV once per run, in a temporary directory.
func benchFile(b *testing.B) string {
	benchOnce.Do(func() {
		dir, err := os.MkdirTemp("", "leads-csv-bench")
		if err != nil {
			panic(err)
		}
		benchDir = dir
		benchPath = filepath.Join(dir, "leads.csv")
		f, err := os.Create(benchPath)
		if err != nil {
			panic(err)
		}
		w := bufio.NewWriter(f)
		fmt.Fprint(w, "First Name,Last Name,Company,Job Title,E-mail Address,Business Phone,Business City,Business Country/Region\r\n")
		for i := range benchRows() {
			fmt.Fprintf(w, "Ada%d,Lovelace%d,\"Engines %d, Ltd\",Countess,ada%d@engines%d.example,+44 20 7946 %04d,London,United Kingdom\r\n",
				i, i, i%1000, i, i%97, i%10000)
		}
		if err := w.Flush(); err != nil {
			panic(err)
		}
		f.Close()
	})
	return benchPath
}

// cpuTime is the CPU time (user and system, every thread) the process has
// used so far. The machine is shared: wall-clock figures depend on what
// else runs, CPU time per row much less.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// reportRows reports rows/s (wall clock) and the CPU time per row.
func reportRows(b *testing.B, rows int, cpu time.Duration) {
	total := float64(rows) * float64(b.N)
	b.ReportMetric(total/b.Elapsed().Seconds(), "rows/s")
	b.ReportMetric(float64(cpu.Nanoseconds())/total, "cpu-ns/row")
}

// BenchmarkParseOnly is the ceiling: encoding/csv reading the same file.
func BenchmarkParseOnly(b *testing.B) {
	path := benchFile(b)
	rows := 0
	cpu := cpuTime()
	for b.Loop() {
		f, err := os.Open(path)
		if err != nil {
			b.Fatal(err)
		}
		r := csv.NewReader(bufio.NewReaderSize(f, 64<<10))
		r.ReuseRecord = true
		rows = 0
		for {
			_, err := r.Read()
			if err == io.EOF {
				break
			}
			if err != nil {
				b.Fatal(err)
			}
			rows++
		}
		f.Close()
	}
	reportRows(b, rows, cpuTime()-cpu)
}

// importBench imports the CSV file at path into a new memory store, and
// returns the Book over it with the report.
func importBench(b *testing.B, ctx context.Context, path string) (*leads.Book, *importexport.Report) {
	b.Helper()
	f, err := os.Open(path)
	if err != nil {
		b.Fatal(err)
	}
	defer f.Close()
	src, err := csvfile.NewSource(f, csvfile.Options{})
	if err != nil {
		b.Fatal(err)
	}
	book := leads.New(memory.New())
	rep, err := (&importexport.Importer{Book: book}).Import(ctx, src)
	if err != nil {
		b.Fatal(err)
	}
	return book, rep
}

// BenchmarkImport imports the file into an empty memory store: decoding,
// mapping (Outlook preset detected), validation, duplicate matching and
// one all-or-nothing write.
func BenchmarkImport(b *testing.B) {
	path := benchFile(b)
	ctx := context.Background()
	rows := 0
	cpu := cpuTime()
	for b.Loop() {
		_, rep := importBench(b, ctx, path)
		rows = len(rep.Created)
	}
	reportRows(b, rows, cpuTime()-cpu)
}

// BenchmarkExport writes every lead of a memory store in the Outlook layout.
// The store is filled directly (not through an import), so the setup is
// quick.
func BenchmarkExport(b *testing.B) {
	ctx := context.Background()
	store := memory.New()
	err := store.Atomic(ctx, func(tx leads.Tx) error {
		for i := range benchRows() {
			id, err := uuid.NewV7()
			if err != nil {
				return err
			}
			l := &leads.Lead{ID: id, FullName: fmt.Sprintf("Ada%d Lovelace%d", i, i), FirstName: fmt.Sprintf("Ada%d", i),
				LastName: fmt.Sprintf("Lovelace%d", i), FileAs: fmt.Sprintf("Lovelace%d, Ada%d", i, i),
				Company: fmt.Sprintf("Engines %d, Ltd", i%1000), JobTitle: "Countess", Status: leads.StatusNew,
				Emails:    []leads.Email{{Address: fmt.Sprintf("ada%d@engines%d.example", i, i%97)}},
				Phones:    []leads.Phone{{Label: leads.PhoneBusiness, Number: fmt.Sprintf("+44 20 7946 %04d", i%10000)}},
				Addresses: []leads.Address{{Label: leads.AddressBusiness, City: "London", Country: "United Kingdom"}}}
			if err := tx.Leads().Create(ctx, l); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		b.Fatal(err)
	}
	n := 0
	cpu := cpuTime()
	for b.Loop() {
		n, err = csvfile.Export(ctx, io.Discard, importexport.Records(ctx, store, nil), csvfile.ExportOptions{})
		if err != nil {
			b.Fatal(err)
		}
	}
	reportRows(b, n, cpuTime()-cpu)
}

// BenchmarkImportKeptHeap imports the file, then measures what the
// imported leads cost the process afterwards: the heap bytes and objects
// kept per row, and the CPU time of a full garbage collection per row,
// which every later cycle pays again as long as the store holds them.
func BenchmarkImportKeptHeap(b *testing.B) {
	path := benchFile(b)
	ctx := context.Background()
	for b.Loop() {
		book, rep := importBench(b, ctx, path)
		rows := float64(len(rep.Created))
		runtime.GC()
		var ms runtime.MemStats
		runtime.ReadMemStats(&ms)
		b.ReportMetric(float64(ms.HeapAlloc)/rows, "kept-B/row")
		b.ReportMetric(float64(ms.HeapObjects)/rows, "kept-objects/row")
		const cycles = 5
		cpu := cpuTime()
		for range cycles {
			runtime.GC()
		}
		b.ReportMetric(float64((cpuTime()-cpu).Nanoseconds())/cycles/rows, "gc-cpu-ns/row")
		runtime.KeepAlive(book)
	}
}

// BenchmarkReadRows reads the file through the source alone (decoding,
// header matching once, mapping every row), without an import: the part
// of BenchmarkImport that the CSV reader owns.
func BenchmarkReadRows(b *testing.B) {
	path := benchFile(b)
	rows := 0
	cpu := cpuTime()
	for b.Loop() {
		f, err := os.Open(path)
		if err != nil {
			b.Fatal(err)
		}
		src, err := csvfile.NewSource(f, csvfile.Options{})
		if err != nil {
			b.Fatal(err)
		}
		rows = 0
		for {
			r, err := src.Next()
			if err == io.EOF {
				break
			}
			if err != nil || r.Err != nil {
				b.Fatal(err, r.Err)
			}
			rows++
		}
		f.Close()
	}
	reportRows(b, rows, cpuTime()-cpu)
}
