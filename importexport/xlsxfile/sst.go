package xlsxfile

import (
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"strings"
)

// sharedStrings is the shared strings table: the text of the workbook's
// cells, which a cell of type s refers to by number. It is read before the
// sheet and kept whole (the sheet may refer to any item at any time), as
// one string and the end of each item in it: one object however many
// items, 4 bytes an item beside the text.
type sharedStrings struct {
	text string
	ends []uint32
	// stop, when not nil, is why the items from len(ends) on could not be
	// read: a *LimitError (an item over the value limit, the table over
	// its limit), or the table is damaged there. A cell that refers to one
	// of them gets this error.
	stop error
}

// item returns item i; ok is false when there is no such item.
func (s *sharedStrings) item(i int) (string, bool) {
	if i < 0 || i >= len(s.ends) {
		return "", false
	}
	start := uint32(0)
	if i > 0 {
		start = s.ends[i-1]
	}
	return s.text[start:s.ends[i]], true
}

// readSharedStrings reads the part name, if there is one: the text of
// each <si>, from its <t> elements, leaving out phonetic runs (<rPh>).
// An item over maxValue, or the table over maxTotal bytes (4 more for each
// item), stops the reading there; the error waits for a cell that needs
// an item not read (see sharedStrings.stop).
func (wb *workbook) readSharedStrings(name string, maxValue, maxTotal int64) (*sharedStrings, error) {
	sst := &sharedStrings{}
	p, ok, err := wb.open(name, maxToken(maxValue))
	if err != nil || !ok {
		return sst, err
	}
	defer p.Close()
	var b strings.Builder
	if f := wb.parts[name]; f != nil {
		// The text is about half the XML (<si><t>...</t></si>); the
		// declared size may lie, so the guess is bounded.
		b.Grow(int(min(int64(f.UncompressedSize64/2), maxTotal, 8<<20)))
	}
	var (
		total         int64
		start         int    // where the current item begins in b
		inSI, inT, rp bool   // in an <si>, in a <t> of it (not in <rPh>)
		scratch       []byte // a text with escapes, decoded
	)
	stop := func(err error) (*sharedStrings, error) {
		sst.text, sst.stop = b.String(), err
		return sst, nil
	}
	for {
		tok, err := p.token()
		if err == io.EOF {
			break
		}
		if err != nil {
			switch {
			case errors.Is(err, errInflated):
				return nil, wb.inflatedError()
			case errors.Is(err, errTokenTooLong) && inT:
				return stop(&LimitError{Reason: fmt.Sprintf("value over %s", size(maxValue))})
			case errors.Is(err, errTokenTooLong):
				return stop(&LimitError{Reason: fmt.Sprintf("shared strings: a piece of XML over %s", size(int64(p.lim.max)))})
			}
			return stop(fmt.Errorf("the shared strings are damaged: %w", err))
		}
		switch e := tok.(type) {
		case xml.StartElement:
			switch e.Name.Local {
			case "si":
				inSI, start = true, b.Len()
			case "t":
				inT = inSI && !rp
			case "rPh":
				rp = true
			}
		case xml.EndElement:
			switch e.Name.Local {
			case "si":
				if !inSI {
					break
				}
				inSI = false
				n := int64(b.Len() - start)
				total += n + 4
				if total > maxTotal {
					return stop(&LimitError{Reason: fmt.Sprintf("shared strings over %s", size(maxTotal))})
				}
				sst.ends = append(sst.ends, uint32(b.Len()))
			case "t":
				inT = false
			case "rPh":
				rp = false
			}
		case xml.CharData:
			if inT {
				if int64(b.Len()-start+len(e)) > maxValue {
					return stop(&LimitError{Reason: fmt.Sprintf("value over %s", size(maxValue))})
				}
				if bytes.Contains(e, []byte("_x")) {
					scratch = appendUnescaped(scratch[:0], e)
					b.Write(scratch)
				} else {
					b.Write(e)
				}
			}
		}
	}
	sst.text = b.String()
	return sst, nil
}

// maxToken is the limit on one token of the sheet and the shared strings:
// a value over maxValue is refused, and its XML may be larger than it
// (&amp; is one character), within reason.
func maxToken(maxValue int64) int {
	return int(min(2*maxValue+64<<10, 1<<30))
}
