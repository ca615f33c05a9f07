package xlsxfile_test

import (
	"bytes"
	"context"
	"testing"

	"github.com/leadkit/leads"
	"github.com/leadkit/leads/importexport"
	"github.com/leadkit/leads/importexport/xlsxfile"
	"github.com/leadkit/leads/storage/memory"
)

// BenchmarkBombs runs a dry-run import of the hostile workbooks of issue 20
// and reports the peak heap above the level before (peak-heap-MiB) and the
// size of the file (file-KiB). The import fails on both with the limits in
// place; what is measured is that it fails in bounded memory.
func BenchmarkBombs(b *testing.B) {
	for _, bc := range []struct {
		name string
		data func(b *testing.B) []byte
	}{
		{"cell_32MiB", func(b *testing.B) []byte { return rawWorkbook(b, "Leads", hugeCellSheet(32<<20), nil) }},
		{"rows_1M", func(b *testing.B) []byte { return rawWorkbook(b, "Leads", manyRowsSheet(1<<20), nil) }},
		{"rows_5.6M", func(b *testing.B) []byte { return rawWorkbook(b, "Leads", manyRowsSheet(5600000), nil) }},
	} {
		b.Run(bc.name, func(b *testing.B) {
			data := bc.data(b)
			var peak uint64
			for b.Loop() {
				p := heapPeak(func() {
					src, closer, err := xlsxfile.NewSource(bytes.NewReader(data), xlsxfile.Options{})
					if err != nil {
						b.Log(err)
						return
					}
					defer closer.Close()
					im := importexport.Importer{Book: leads.New(memory.New()), DryRun: true, SkipBadRows: true}
					if _, err := im.Import(context.Background(), src); err != nil {
						b.Log(err)
					}
				})
				peak = max(peak, p)
			}
			b.ReportMetric(float64(peak)/(1<<20), "peak-heap-MiB")
			b.ReportMetric(float64(len(data))/1024, "file-KiB")
		})
	}
}

// BenchmarkReadRows reads a million one-cell rows with the reader alone
// (no import, which keeps the leads it will create): the reader's own peak
// heap and its time per row.
func BenchmarkReadRows(b *testing.B) {
	data := rawWorkbook(b, "Leads", manyRowsSheet(1<<20), nil)
	var peak uint64
	for b.Loop() {
		p := heapPeak(func() {
			rr, err := xlsxfile.NewRecordReader(bytes.NewReader(data), xlsxfile.Options{})
			if err != nil {
				b.Fatal(err)
			}
			defer rr.Close()
			for {
				if _, err := rr.Read(); err != nil {
					return
				}
			}
		})
		peak = max(peak, p)
	}
	b.ReportMetric(float64(peak)/(1<<20), "peak-heap-MiB")
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/(1<<20), "ns/row")
}
