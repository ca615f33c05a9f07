package csvfile

import (
	"bufio"
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
	extra bool // a CR is owed before the LF that comes next
}

type csvState uint8

const (
	fieldStart csvState = iota
	unquoted
	quoted
	quotedCR // a CR inside a quoted field: an LF next gets a CR added
	quote    // a quote inside a quoted field: its end, or a doubled quote
	quoteCR  // a CR after a quote: the record ends if an LF follows
)

// newCRLFKeeper reads r, whose delimiter is comma. A delimiter outside
// ASCII (an option, never detected) gets r as it is.
func newCRLFKeeper(r *bufio.Reader, comma rune) io.Reader {
	if comma >= utf8.RuneSelf {
		return r
	}
	return &crlfKeeper{r: r, comma: byte(comma)}
}

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
	for n < len(buf) {
		b := buf[n]
		switch k.state {
		case fieldStart:
			switch b {
			case '"':
				k.state = quoted
			case k.comma, '\n':
			default:
				k.state = unquoted
			}
		case unquoted:
			if b == k.comma || b == '\n' {
				k.state = fieldStart
			}
		case quoted:
			switch b {
			case '"':
				k.state = quote
			case '\r':
				k.state = quotedCR
			}
		case quotedCR:
			if b == '\n' {
				// Hand over what comes before the LF, then the CR owed; the
				// LF itself is read again, in a quoted field.
				k.state = quoted
				if n == 0 {
					p[0] = '\r'
					return 1, nil
				}
				k.extra = true
				copy(p, buf[:n])
				k.r.Discard(n)
				return n, nil
			}
			k.state = quoted
			continue // b again, inside the field
		case quote:
			switch b {
			case '"':
				k.state = quoted
			case k.comma, '\n':
				k.state = fieldStart
			case '\r':
				k.state = quoteCR
			default:
				k.state = quoted // a stray quote, taken as it is
			}
		case quoteCR:
			if b == '\n' {
				k.state = fieldStart
				break
			}
			k.state = quoted
			continue
		}
		n++
	}
	copy(p, buf[:n])
	k.r.Discard(n)
	return n, nil
}
