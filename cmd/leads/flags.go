package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"strings"

	"github.com/google/uuid"
)

// usageError is a mistake on the command line: an unknown command or flag,
// a missing or malformed argument. It makes the program exit with status 2.
type usageError struct{ msg string }

func (e *usageError) Error() string { return e.msg }

func usagef(format string, args ...any) error {
	return &usageError{msg: fmt.Sprintf(format, args...)}
}

// newFlagSet returns a flag set that reports errors to its caller and
// prints nothing: run prints the usage itself.
func newFlagSet(name string) *flag.FlagSet {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	fs.Usage = func() {}
	return fs
}

// flagError turns an error of flag.FlagSet.Parse into a usage error spelled
// the way this program's flags are: "--name", not "-name".
func flagError(err error) error {
	msg := err.Error()
	if name, ok := strings.CutPrefix(msg, "flag provided but not defined: -"); ok {
		return usagef("unknown flag --%s", name)
	}
	if name, ok := strings.CutPrefix(msg, "flag needs an argument: -"); ok {
		return usagef("flag --%s needs a value", name)
	}
	if rest, ok := strings.CutPrefix(msg, "invalid value "); ok {
		// invalid value "x" for flag -name: reason
		if i := strings.Index(rest, " for flag -"); i >= 0 {
			return usagef("invalid value %s for flag --%s", rest[:i], rest[i+len(" for flag -"):])
		}
	}
	if rest, ok := strings.CutPrefix(msg, "invalid boolean value "); ok {
		if i := strings.Index(rest, " for -"); i >= 0 {
			return usagef("invalid boolean value %s for flag --%s", rest[:i], rest[i+len(" for -"):])
		}
	}
	return usagef("%s", msg)
}

// parseArgs parses args with fs, allowing flags before, between and after
// the positional arguments ("edit ID --company X" and "edit --company X
// ID" alike), and returns the positional arguments. After "--" every
// argument is positional.
func parseArgs(fs *flag.FlagSet, args []string) ([]string, error) {
	var pos []string
	for {
		if err := fs.Parse(args); err != nil {
			if errors.Is(err, flag.ErrHelp) {
				return nil, err
			}
			return nil, flagError(err)
		}
		rest := fs.Args()
		if len(rest) == 0 {
			return pos, nil
		}
		if n := len(args) - len(rest); n > 0 && args[n-1] == "--" {
			return append(pos, rest...), nil
		}
		pos = append(pos, rest[0])
		args = rest[1:]
	}
}

// listFlag is a repeatable flag: each use appends one value.
type listFlag struct {
	values []string
	set    bool // given at least once, even with an empty value
}

func (f *listFlag) String() string {
	if f == nil {
		return ""
	}
	return strings.Join(f.values, ", ")
}

func (f *listFlag) Set(s string) error {
	f.set = true
	f.values = append(f.values, s)
	return nil
}

// nonEmpty returns the values that are not blank.
func (f *listFlag) nonEmpty() []string {
	var out []string
	for _, v := range f.values {
		if strings.TrimSpace(v) != "" {
			out = append(out, v)
		}
	}
	return out
}

// parseID reads a record ID; a malformed one is a usage error.
func parseID(s string) (uuid.UUID, error) {
	id, err := uuid.Parse(strings.TrimSpace(s))
	if err != nil {
		return uuid.Nil, usagef("%q is not a record ID", s)
	}
	return id, nil
}

// parseIDs reads several record IDs.
func parseIDs(args []string) ([]uuid.UUID, error) {
	ids := make([]uuid.UUID, 0, len(args))
	for _, s := range args {
		id, err := parseID(s)
		if err != nil {
			return nil, err
		}
		ids = append(ids, id)
	}
	return ids, nil
}

// idFlag returns the Set function of a flag that holds a record ID; an
// empty value clears it.
func idFlag(dst *uuid.UUID) func(string) error {
	return func(s string) error {
		if strings.TrimSpace(s) == "" {
			*dst = uuid.Nil
			return nil
		}
		id, err := uuid.Parse(strings.TrimSpace(s))
		if err != nil {
			return errors.New("not a record ID")
		}
		*dst = id
		return nil
	}
}

// splitKV splits "KEY=VALUE" at the first '='.
func splitKV(s string) (key, value string, ok bool) {
	key, value, ok = strings.Cut(s, "=")
	return strings.TrimSpace(key), value, ok
}
