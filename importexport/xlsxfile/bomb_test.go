package xlsxfile_test

import (
	"archive/zip"
	"bytes"
	"compress/flate"
	"fmt"
	"hash/crc32"
	"io"
	"runtime"
	"runtime/metrics"
	"sync"
	"testing"
	"time"
)

// rawWorkbook builds a workbook by hand, the way a hostile one is made: a
// zip whose parts are written as raw XML, the sheet's rows by sheetData
// (which writes what goes inside <sheetData>), shared strings by sst when
// not nil (what goes inside <sst>). Deflate shrinks repetitive XML about a
// thousandfold, so the fixture is small and quick to build whatever it
// inflates to.
func rawWorkbook(tb testing.TB, sheet string, sheetData, sst func(w io.Writer)) []byte {
	return buildWorkbook(tb, sheet, sheetData, sst, false)
}

// lyingWorkbook is rawWorkbook whose sheet declares that it inflates to
// 100 bytes, whatever it holds.
func lyingWorkbook(tb testing.TB, sheet string, sheetData func(w io.Writer)) []byte {
	return buildWorkbook(tb, sheet, sheetData, nil, true)
}

func buildWorkbook(tb testing.TB, sheet string, sheetData, sst func(w io.Writer), lie bool) []byte {
	tb.Helper()
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	zw.RegisterCompressor(zip.Deflate, func(w io.Writer) (io.WriteCloser, error) {
		return flate.NewWriter(w, flate.BestSpeed) // quick, and still a thousandfold on a bomb
	})
	part := func(name string, fill func(w io.Writer)) {
		if !lie || name != "xl/worksheets/sheet1.xml" {
			w, err := zw.Create(name)
			if err != nil {
				tb.Fatal(err)
			}
			fill(w)
			return
		}
		var raw bytes.Buffer
		fw, _ := flate.NewWriter(&raw, flate.BestSpeed)
		crc := crc32.NewIEEE()
		fill(io.MultiWriter(fw, crc))
		fw.Close()
		w, err := zw.CreateRaw(&zip.FileHeader{Name: name, Method: zip.Deflate, CRC32: crc.Sum32(),
			CompressedSize64: uint64(raw.Len()), UncompressedSize64: 100})
		if err != nil {
			tb.Fatal(err)
		}
		w.Write(raw.Bytes())
	}
	text := func(s string) func(io.Writer) { return func(w io.Writer) { io.WriteString(w, s) } }
	const head = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>` + "\n"
	const mainNS = `xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"`
	const relNS = `http://schemas.openxmlformats.org/officeDocument/2006/relationships`
	ct := head + `<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">` +
		`<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>` +
		`<Default Extension="xml" ContentType="application/xml"/>` +
		`<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>` +
		`<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>`
	if sst != nil {
		ct += `<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>`
	}
	part("[Content_Types].xml", text(ct+`</Types>`))
	part("_rels/.rels", text(head+`<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">`+
		`<Relationship Id="rId1" Type="`+relNS+`/officeDocument" Target="xl/workbook.xml"/></Relationships>`))
	part("xl/workbook.xml", text(head+`<workbook `+mainNS+` xmlns:r="`+relNS+`"><sheets>`+
		`<sheet name="`+sheet+`" sheetId="1" r:id="rId1"/></sheets></workbook>`))
	rels := head + `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">` +
		`<Relationship Id="rId1" Type="` + relNS + `/worksheet" Target="worksheets/sheet1.xml"/>`
	if sst != nil {
		rels += `<Relationship Id="rId2" Type="` + relNS + `/sharedStrings" Target="sharedStrings.xml"/>`
	}
	part("xl/_rels/workbook.xml.rels", text(rels+`</Relationships>`))
	if sst != nil {
		part("xl/sharedStrings.xml", func(w io.Writer) {
			io.WriteString(w, head+`<sst `+mainNS+`>`)
			sst(w)
			io.WriteString(w, `</sst>`)
		})
	}
	part("xl/worksheets/sheet1.xml", func(w io.Writer) {
		io.WriteString(w, head+`<worksheet `+mainNS+`><sheetData>`)
		sheetData(w)
		io.WriteString(w, `</sheetData></worksheet>`)
	})
	if err := zw.Close(); err != nil {
		tb.Fatal(err)
	}
	return buf.Bytes()
}

// repeat writes s n times, in large writes.
func repeat(w io.Writer, s string, n int) {
	chunk := bytes.Repeat([]byte(s), max(1, (64<<10)/len(s)))
	per := len(chunk) / len(s)
	for n > 0 {
		k := min(n, per)
		w.Write(chunk[:k*len(s)])
		n -= k
	}
}

// hugeCellSheet is a header row and a row whose cell B2 holds an inline
// string of size bytes.
func hugeCellSheet(size int) func(io.Writer) {
	return func(w io.Writer) {
		io.WriteString(w, `<row r="1"><c r="A1" t="inlineStr"><is><t>Name</t></is></c><c r="B1" t="inlineStr"><is><t>First Name</t></is></c></row>`)
		io.WriteString(w, `<row r="2"><c r="A2" t="inlineStr"><is><t>Ada</t></is></c><c r="B2" t="inlineStr"><is><t>`)
		repeat(w, "A", size)
		io.WriteString(w, `</t></is></c></row>`)
	}
}

// manyRowsSheet is a header row and rows-1 rows of one small cell each,
// without row or cell references (as some writers do).
func manyRowsSheet(rows int) func(io.Writer) {
	return func(w io.Writer) {
		io.WriteString(w, `<row><c t="inlineStr"><is><t>Name</t></is></c></row>`)
		repeat(w, `<row><c t="inlineStr"><is><t>x</t></is></c></row>`, rows-1)
	}
}

// heapPeak samples the bytes of heap objects (live and not yet swept)
// every millisecond while f runs, and returns the highest value above the
// level before f, after a collection.
func heapPeak(f func()) uint64 {
	runtime.GC()
	sample := []metrics.Sample{{Name: "/memory/classes/heap/objects:bytes"}}
	read := func() uint64 { metrics.Read(sample); return sample[0].Value.Uint64() }
	base := read()
	peak := base
	done := make(chan struct{})
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		t := time.NewTicker(time.Millisecond)
		defer t.Stop()
		for {
			if v := read(); v > peak {
				peak = v
			}
			select {
			case <-done:
				return
			case <-t.C:
			}
		}
	}()
	f()
	close(done)
	wg.Wait()
	if v := read(); v > peak {
		peak = v
	}
	return peak - base
}

func mib(n uint64) string { return fmt.Sprintf("%.1f MiB", float64(n)/(1<<20)) }
