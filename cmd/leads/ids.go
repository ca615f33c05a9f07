package main

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"strings"

	"github.com/google/uuid"
	"github.com/leadkit/leads"
)

// idsHelp is the paragraph of the help of every command that takes IDs
// on reading them from standard input.
const idsHelp = `
An ID of "-" stands for the IDs on standard input, one per line; blank
lines and the spaces around an ID are ignored, so a list of any length can
be piped in ("leads delete - < ids.txt"). A line that is not an ID stops
the command before it changes anything, and the message names the line
("stdin:12: ..."), as it names the line of a record that is not found. Of
many such errors the first ten are printed, then how many more there were.
`

// stdinName names standard input in messages, as a file name would be.
const stdinName = "stdin"

// maxLineBytes bounds a line of IDs on standard input: an ID takes 36
// bytes, 45 in its longest spelling.
const maxLineBytes = 64 << 10

// maxShownErrors is how many errors about single records a command that
// takes many IDs prints; it says how many more there were.
const maxShownErrors = 10

// idList is the record IDs a command was given, on its command line and,
// for the argument "-", on standard input, one per line. It remembers the
// line of each ID read from standard input, so that an error about a
// record names it ("stdin:12: lead ... not found"). A million IDs take
// 20 MB.
type idList struct {
	ids   []uuid.UUID
	lines []int32 // the line of ids[i] on standard input, 0 for an argument
}

// readIDs reads the IDs of the positional arguments pos: each is an ID,
// or "-" for the IDs on standard input. On standard input blank lines and
// the spaces around an ID are ignored; a line that is not an ID is an
// error naming the line ("stdin:12: ..."). A malformed argument is a
// usage error.
func (a *app) readIDs(pos []string) (*idList, error) {
	l := &idList{}
	stdin := false
	for _, arg := range pos {
		if arg != "-" {
			id, err := parseID(arg)
			if err != nil {
				return nil, err
			}
			l.add(id, 0)
			continue
		}
		if stdin {
			return nil, usagef(`"-" (the IDs on standard input) given twice`)
		}
		stdin = true
		n := len(l.ids)
		if err := l.readFrom(a); err != nil {
			return nil, err
		}
		if len(l.ids) == n {
			return nil, usagef("missing ID: standard input (-) holds none")
		}
	}
	return l, nil
}

// readFrom reads IDs from the app's standard input, a line at a time.
func (l *idList) readFrom(a *app) error {
	sc := bufio.NewScanner(a.stdin)
	sc.Buffer(make([]byte, 0, 4096), maxLineBytes)
	line := int32(0)
	for sc.Scan() {
		line++
		b := sc.Bytes()
		if line == 1 {
			b = bytes.TrimPrefix(b, []byte("\uFEFF")) // a byte order mark
		}
		s := strings.TrimSpace(string(b))
		if s == "" {
			continue
		}
		id, err := uuid.Parse(s)
		if err != nil {
			if len(s) > 60 {
				s = s[:60] + "..."
			}
			return &lineError{line: int(line), err: fmt.Errorf("%q is not a record ID", s)}
		}
		l.add(id, line)
	}
	if err := sc.Err(); err != nil {
		if errors.Is(err, bufio.ErrTooLong) {
			return &lineError{line: int(line) + 1, err: fmt.Errorf("a line longer than %d KiB is not a record ID", maxLineBytes>>10)}
		}
		return fmt.Errorf("read %s: %w", stdinName, err)
	}
	return nil
}

func (l *idList) add(id uuid.UUID, line int32) {
	l.ids = append(l.ids, id)
	l.lines = append(l.lines, line)
}

// unique drops repeated IDs, keeping the first of each, so that "delete X
// X" deletes X once instead of failing on the second.
func (l *idList) unique() {
	seen := make(map[uuid.UUID]struct{}, len(l.ids))
	n := 0
	for i, id := range l.ids {
		if _, ok := seen[id]; ok {
			continue
		}
		seen[id] = struct{}{}
		l.ids[n], l.lines[n] = id, l.lines[i]
		n++
	}
	l.ids, l.lines = l.ids[:n], l.lines[:n]
}

// explain prepares the error of a command over the IDs for printing: an
// error about one record read from standard input is named by its line,
// and of many such errors the first maxShownErrors are kept, followed by
// how many more there were.
func (l *idList) explain(err error) error {
	if err == nil {
		return nil
	}
	all := flattenErrors(err)
	if len(all) == 1 && l.lineOf(all[0]) == 0 {
		return err // as it was, its wrapping intact
	}
	shown := make([]error, 0, min(len(all), maxShownErrors+1))
	for i, e := range all {
		// The Book lists 10 records and counts the rest itself: its count
		// is the 11th error.
		if i == maxShownErrors && len(all) > maxShownErrors+1 {
			shown = append(shown, fmt.Errorf("and %d more errors", len(all)-i))
			break
		}
		if line := l.lineOf(e); line > 0 {
			e = &lineError{line: line, err: e}
		}
		shown = append(shown, e)
	}
	return errors.Join(shown...)
}

// lineOf returns the line of standard input that held the record an error
// is about, or 0.
func (l *idList) lineOf(err error) int {
	var id uuid.UUID
	var nf *leads.NotFoundError
	var re *leads.RecordError
	switch {
	case errors.As(err, &re):
		id = re.ID
	case errors.As(err, &nf):
		var perr error
		if id, perr = uuid.Parse(nf.ID); perr != nil {
			return 0
		}
	default:
		return 0
	}
	for i, x := range l.ids {
		if x == id {
			return int(l.lines[i])
		}
	}
	return 0
}

// lineError is an error about one line of standard input.
type lineError struct {
	line int
	err  error
}

func (e *lineError) Error() string {
	return fmt.Sprintf("%s:%d: %s", stdinName, e.line, strings.TrimPrefix(e.err.Error(), "leads: "))
}

func (e *lineError) Unwrap() error { return e.err }

// flattenErrors lists the errors joined in err (errors.Join, and joins
// within joins), or err itself when it joins none.
func flattenErrors(err error) []error {
	j, ok := err.(interface{ Unwrap() []error })
	if !ok {
		return []error{err}
	}
	var out []error
	for _, e := range j.Unwrap() {
		out = append(out, flattenErrors(e)...)
	}
	return out
}
