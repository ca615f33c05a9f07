package xlsxfile

import (
	"archive/zip"
	"bufio"
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"path"
	"strings"
)

// workbook is the zip archive of a workbook and what its parts may still
// inflate to.
type workbook struct {
	parts   map[string]*zip.File // by partName
	budget  int64                // bytes that may still be inflated
	maxUnzp int64
}

// openZip opens the archive r without reading it into memory when r can be
// read at any offset (a file), and reads it (within maxFile) otherwise.
func openZip(r io.Reader, maxFile, maxUnzip int64) (*workbook, error) {
	var zr *zip.Reader
	var err error
	if ra, size, ok := readerAt(r); ok {
		if size > maxFile {
			return nil, fmt.Errorf("%w: the file is larger than %d bytes", ErrTooLarge, maxFile)
		}
		zr, err = zip.NewReader(ra, size)
	} else {
		data, rerr := io.ReadAll(io.LimitReader(r, maxFile+1))
		if rerr != nil {
			return nil, rerr
		}
		if int64(len(data)) > maxFile {
			return nil, fmt.Errorf("%w: the file is larger than %d bytes", ErrTooLarge, maxFile)
		}
		zr, err = zip.NewReader(bytes.NewReader(data), int64(len(data)))
	}
	if err != nil {
		return nil, fmt.Errorf("xlsxfile: not an Excel workbook: %w", err)
	}
	wb := &workbook{parts: make(map[string]*zip.File, len(zr.File)), budget: maxUnzip, maxUnzp: maxUnzip}
	var total uint64
	for _, f := range zr.File {
		total += f.UncompressedSize64
		if total > uint64(maxUnzip) {
			return nil, fmt.Errorf("%w: its parts inflate to more than %d bytes (a zip bomb?)", ErrTooLarge, maxUnzip)
		}
		name := partName(f.Name)
		if _, dup := wb.parts[name]; !dup {
			wb.parts[name] = f
		}
	}
	return wb, nil
}

// readerAt returns r as an io.ReaderAt from its current offset to its end,
// when it is one and can seek (an *os.File, a *bytes.Reader).
func readerAt(r io.Reader) (io.ReaderAt, int64, bool) {
	rs, ok := r.(interface {
		io.ReaderAt
		io.Seeker
	})
	if !ok {
		return nil, 0, false
	}
	pos, err := rs.Seek(0, io.SeekCurrent)
	if err != nil {
		return nil, 0, false
	}
	end, err := rs.Seek(0, io.SeekEnd)
	if _, err2 := rs.Seek(pos, io.SeekStart); err != nil || err2 != nil || end < pos {
		return nil, 0, false
	}
	return io.NewSectionReader(rs, pos, end-pos), end - pos, true
}

// partName is the key of a part: without a leading slash, with forward
// slashes, in lower case (part names are case-insensitive).
func partName(name string) string {
	return strings.ToLower(strings.TrimPrefix(strings.ReplaceAll(name, `\`, "/"), "/"))
}

// resolve gives the part that target names, relative to the part from.
func resolve(from, target string) string {
	target = strings.ReplaceAll(target, `\`, "/")
	if strings.HasPrefix(target, "/") {
		return partName(path.Clean(target))
	}
	return partName(path.Join(path.Dir(from), target))
}

// relsOf is the relationships part of the part name.
func relsOf(name string) string {
	return partName(path.Join(path.Dir(name), "_rels", path.Base(name)+".rels"))
}

// errInflated means that the parts read so far inflated past
// Options.MaxUnzippedBytes.
var errInflated = errors.New("xlsxfile: inflated past the limit")

// errTokenTooLong means that one piece of XML (a text, a tag with its
// attributes, a comment) passed the limit of a part's tokens.
var errTokenTooLong = errors.New("xlsxfile: piece of XML too long")

// xmlPart reads one part as XML tokens, each bounded in size.
type xmlPart struct {
	name string
	rc   io.ReadCloser
	lim  *tokenLimiter
	dec  *xml.Decoder
}

// open opens the part name for reading as XML whose tokens may take up to
// maxToken bytes; ok is false when there is no such part.
func (wb *workbook) open(name string, maxToken int) (*xmlPart, bool, error) {
	f, ok := wb.parts[name]
	if !ok {
		return nil, false, nil
	}
	rc, err := f.Open()
	if err != nil {
		return nil, true, fmt.Errorf("xlsxfile: part %s: %w", name, err)
	}
	lim := &tokenLimiter{r: bufio.NewReaderSize(&budgetReader{r: rc, wb: wb}, 32<<10), max: maxToken}
	dec := xml.NewDecoder(lim)
	dec.CharsetReader = func(label string, input io.Reader) (io.Reader, error) {
		return nil, fmt.Errorf("xlsxfile: part %s: encoding %q is not supported (UTF-8 only)", name, label)
	}
	return &xmlPart{name: name, rc: rc, lim: lim, dec: dec}, true, nil
}

// token returns the next token. Its data is valid until the next call.
func (p *xmlPart) token() (xml.Token, error) {
	p.lim.n = 0
	tok, err := p.dec.RawToken()
	if err != nil {
		switch {
		case p.lim.over || errors.Is(err, errTokenTooLong):
			return nil, errTokenTooLong
		case p.lim.inflated || errors.Is(err, errInflated):
			return nil, errInflated
		}
	}
	return tok, err
}

func (p *xmlPart) Close() error { return p.rc.Close() }

// budgetReader counts what the parts inflate to against the workbook's
// budget.
type budgetReader struct {
	r  io.Reader
	wb *workbook
}

func (b *budgetReader) Read(p []byte) (int, error) {
	if b.wb.budget <= 0 {
		return 0, errInflated
	}
	if int64(len(p)) > b.wb.budget {
		p = p[:b.wb.budget]
	}
	n, err := b.r.Read(p)
	b.wb.budget -= int64(n)
	return n, err
}

// tokenLimiter fails once more than max bytes were read since n was reset,
// which token does before each token: encoding/xml gathers a token (a text
// above all) in memory whole, so this bounds the memory of one token. It is
// an io.ByteReader, which encoding/xml reads without a buffer of its own.
type tokenLimiter struct {
	r        *bufio.Reader
	n, max   int
	over     bool
	inflated bool
}

func (l *tokenLimiter) ReadByte() (byte, error) {
	if l.n >= l.max {
		l.over = true
		return 0, errTokenTooLong
	}
	l.n++
	b, err := l.r.ReadByte()
	if errors.Is(err, errInflated) {
		l.inflated = true
	}
	return b, err
}

func (l *tokenLimiter) Read(p []byte) (int, error) {
	if l.n >= l.max {
		l.over = true
		return 0, errTokenTooLong
	}
	if len(p) > l.max-l.n {
		p = p[:l.max-l.n]
	}
	n, err := l.r.Read(p)
	l.n += n
	if errors.Is(err, errInflated) {
		l.inflated = true
	}
	return n, err
}

// attr returns the value of the attribute local (whatever its prefix).
func attr(e xml.StartElement, local string) (string, bool) {
	for _, a := range e.Attr {
		if a.Name.Local == local {
			return a.Value, true
		}
	}
	return "", false
}
