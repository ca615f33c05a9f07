package csvfile

import (
	"bufio"
	"bytes"
	"io"
	"unicode/utf8"
)

// crlfKeeper passes a CSV stream through unchanged except for one thing:
// inside a quoted field, before each CRLF, it adds a CR. encoding/csv turns
// every CRLF that ends a line into LF, those inside quoted fields too, so a
// value holding CRLF would come back holding LF; with the added CR it comes
// back as written (RFC 4180: a quoted field keeps its line breaks). A lone
// CR or LF inside a field, and the CRLF that ends a record, are left alone.
//
// It follows encoding/csv's reading with LazyQuotes: a field is quoted when
// its first byte is a quote; inside it, a doubled quote is a quote, and a
// quote followed by anything but the delimiter or the end of the line is
// taken as it is.
type crlfKeeper struct {
	r     *bufio.Reader
	comma byte
	state csvState
	prev  byte // the last byte handed over: a quote after a delimiter or LF opens a quoted field
	extra bool // a CR is owed before the LF that comes next
}

type csvState uint8

const (
	outside  csvState = iota // not in a quoted field
	quoted                   // in a quoted field
	quotedCR                 // a CR in a quoted field: an LF next gets a CR added
	quote                    // a quote in a quoted field: its end, or a doubled quote
	quoteCR                  // a CR after a quote: the record ends if an LF follows
)

// newCRLFKeeper reads r, whose delimiter is comma. A delimiter outside
// ASCII (an option, never detected) gets r as it is.
func newCRLFKeeper(r *bufio.Reader, comma rune) io.Reader {
	if comma >= utf8.RuneSelf {
		return r
	}
	return &crlfKeeper{r: r, comma: byte(comma), prev: '\n'}
}

// Read hands over what the buffer holds, up to a CRLF in a quoted field.
// Outside quoted fields and inside them it jumps to the next byte that
// matters (a quote; a quote or a CR) with bytes.IndexByte, so that it
// costs little beside the CSV decoding.
func (k *crlfKeeper) Read(p []byte) (int, error) {
	if len(p) == 0 {
		return 0, nil
	}
	if k.extra {
		k.extra = false
		p[0] = '\r'
		return 1, nil
	}
	if k.r.Buffered() == 0 {
		if _, err := k.r.Peek(1); err != nil {
			return 0, err
		}
	}
	buf, _ := k.r.Peek(min(k.r.Buffered(), len(p)))
	n := 0
scan:
	for n < len(buf) {
		switch k.state {
		case outside:
			i := bytes.IndexByte(buf[n:], '"')
			if i < 0 {
				n = len(buf)
				break scan
			}
			at := n + i
			before := k.prev
			if at > 0 {
				before = buf[at-1]
			}
			if before == k.comma || before == '\n' {
				k.state = quoted
			} // else a stray quote inside an unquoted field
			n = at + 1
		case quoted:
			rest := buf[n:]
			q := bytes.IndexByte(rest, '"')
			upto := rest
			if q >= 0 {
				upto = rest[:q]
			}
			if c := bytes.IndexByte(upto, '\r'); c >= 0 {
				n += c + 1
				k.state = quotedCR
				continue
			}
			if q < 0 {
				n = len(buf)
				break scan
			}
			n += q + 1
			k.state = quote
		case quotedCR:
			k.state = quoted
			if buf[n] == '\n' {
				// Hand over what comes before the LF, then the CR owed; the
				// LF itself is read again, inside the field.
				if n == 0 {
					p[0] = '\r'
					return 1, nil
				}
				k.extra = true
				break scan
			}
			// buf[n] again, inside the field
		case quote:
			switch buf[n] {
			case '"':
				k.state = quoted
			case k.comma, '\n':
				k.state = outside
			case '\r':
				k.state = quoteCR
			default:
				k.state = quoted // a stray quote, taken as it is
			}
			n++
		case quoteCR:
			if buf[n] == '\n' {
				k.state = outside
				n++
				break
			}
			k.state = quoted // buf[n] again, inside the field
		}
	}
	copy(p, buf[:n])
	if n > 0 {
		k.prev = buf[n-1]
	}
	k.r.Discard(n)
	return n, nil
}
