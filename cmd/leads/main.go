// Command leads manages sales leads from the command line: a thin frontend
// over the leads SDK, and the way a newcomer tries it.
//
//	leads [--store PATH|postgres://URL] [--json] [--lock-timeout D] [--create] COMMAND [ARGS]
//
// Run "leads help" for the commands and "leads help COMMAND" for their
// flags. The exit status is 0 when the command did its work, 1 when the
// operation failed (the messages on stderr name the field, row or record)
// and 2 for a usage error.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"strconv"
	"strings"
	"time"

	"github.com/leadkit/leads"
	"github.com/leadkit/leads/dedupe"
)

// Exit statuses.
const (
	exitOK    = 0
	exitFail  = 1 // the operation failed
	exitUsage = 2 // the command line was wrong
)

// defaultStore is the store used when neither --store nor $LEADS_STORE
// names one.
const defaultStore = "leads.db"

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	code := run(ctx, os.Args[1:], os.Getenv, os.Stdin, os.Stdout, os.Stderr)
	stop()
	os.Exit(code)
}

// app is one run of the program: its environment and global flags.
type app struct {
	ctx    context.Context
	env    func(string) string
	stdin  io.Reader
	stdout io.Writer
	stderr io.Writer

	store       string         // --store; "" until given
	json        bool           // --json
	lockTimeout *time.Duration // --lock-timeout; nil until given
	create      bool           // --create

	// reading is set for the commands that only read (show, list, report
	// NAME, report list, export): they open a file store read-only.
	reading bool
}

// run runs the program with the arguments after the program name and
// returns its exit status. It is main without the process: tests call it.
func run(ctx context.Context, args []string, env func(string) string, stdin io.Reader, stdout, stderr io.Writer) int {
	a := &app{ctx: ctx, env: env, stdin: stdin, stdout: stdout, stderr: stderr}

	fs := newFlagSet("leads")
	a.globalFlags(fs)
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			fmt.Fprint(stdout, mainHelp)
			return exitOK
		}
		return a.usage(nil, flagError(err))
	}
	rest := fs.Args()
	if len(rest) == 0 {
		return a.usage(nil, errors.New("no command given"))
	}
	name, rest := rest[0], rest[1:]
	if name == "help" {
		return a.help(rest)
	}
	cmd := lookupCommand(name)
	if cmd == nil {
		return a.usage(nil, fmt.Errorf("unknown command %q", name))
	}
	a.reading = readsOnly(name, rest)
	err := cmd.run(a, rest)
	var ue *usageError
	switch {
	case err == nil:
		return exitOK
	case errors.Is(err, flag.ErrHelp):
		fmt.Fprint(stdout, cmd.help)
		return exitOK
	case errors.As(err, &ue):
		return a.usage(cmd, ue)
	}
	printError(stderr, err)
	return exitFail
}

// globalFlags defines --store, --json, --lock-timeout and --create on fs.
// Every command's flag set has them too, so they may also follow the
// command.
func (a *app) globalFlags(fs *flag.FlagSet) {
	fs.Func("store", "", func(s string) error {
		if strings.TrimSpace(s) == "" {
			return errors.New("empty store")
		}
		a.store = s
		return nil
	})
	fs.BoolVar(&a.json, "json", a.json, "")
	fs.Func("lock-timeout", "", func(s string) error {
		d, err := parseLockTimeout(s)
		if err != nil {
			return err
		}
		a.lockTimeout = &d
		return nil
	})
	fs.BoolVar(&a.create, "create", a.create, "")
}

// readsOnly reports whether the command name with args only reads the
// store. Those commands open a file store read-only, under a shared lock:
// several may read at once, and a store the user may not write serves
// them.
func readsOnly(name string, args []string) bool {
	switch name {
	case "show", "list", "export":
		return true
	case "report":
		return len(args) == 0 || args[0] != "save" && args[0] != "delete"
	}
	return false
}

// parseLockTimeout reads a lock timeout: a Go duration ("30s", "1m",
// "500ms") or a number of seconds ("30", "2.5"). Zero means "do not wait".
func parseLockTimeout(s string) (time.Duration, error) {
	s = strings.TrimSpace(s)
	d, err := time.ParseDuration(s)
	if err != nil {
		secs, ferr := strconv.ParseFloat(s, 64)
		if ferr != nil || secs != secs {
			return 0, errors.New("not a duration (30s, 1m, 500ms) or a number of seconds")
		}
		d = time.Duration(secs * float64(time.Second))
	}
	if d < 0 {
		return 0, errors.New("a negative time")
	}
	return d, nil
}

// storeOptions returns how to open a file store: --lock-timeout, else
// $LEADS_LOCK_TIMEOUT, else the file store's default; --create; and
// read-only for the commands that only read.
func (a *app) storeOptions() (storeOptions, error) {
	o := storeOptions{create: a.create, readOnly: a.reading}
	if a.lockTimeout != nil {
		o.lockTimeout = a.lockTimeout
	} else if env := strings.TrimSpace(a.env("LEADS_LOCK_TIMEOUT")); env != "" {
		d, err := parseLockTimeout(env)
		if err != nil {
			return o, fmt.Errorf("$LEADS_LOCK_TIMEOUT %q: %w", env, err)
		}
		o.lockTimeout = &d
	}
	return o, nil
}

// storeSpec returns the store to open: --store, else $LEADS_STORE, else
// ./leads.db.
func (a *app) storeSpec() string {
	if a.store != "" {
		return a.store
	}
	if s := a.env("LEADS_STORE"); s != "" {
		return s
	}
	return defaultStore
}

// actor returns the user acting: $LEADS_USER, else $USER.
func (a *app) actor() string {
	if u := a.env("LEADS_USER"); u != "" {
		return u
	}
	return a.env("USER")
}

// open opens the store and returns a Book over it with the acting user in
// its context. The caller must call close, which releases the store's lock.
func (a *app) open(opts ...leads.Option) (book *leads.Book, ctx context.Context, close func(), err error) {
	spec := a.storeSpec()
	o, err := a.storeOptions()
	if err != nil {
		return nil, nil, nil, err
	}
	store, err := openStore(spec, o)
	if err != nil {
		return nil, nil, nil, err // the file store's errors name the file
	}
	ctx = a.ctx
	if u := a.actor(); u != "" {
		ctx = leads.WithActor(ctx, u)
	}
	close = func() {
		if err := store.Close(); err != nil {
			printError(a.stderr, fmt.Errorf("close store %s: %w", spec, err))
		}
	}
	opts = append([]leads.Option{leads.WithDuplicateFinder(dedupe.Finder{})}, opts...)
	return leads.New(store, opts...), ctx, close, nil
}

// withBook opens the store, runs fn with a Book over it and the context
// that carries the acting user, and closes the store when fn returns: the
// preamble of every command that reads or writes records. opts configure
// the Book.
func (a *app) withBook(fn func(ctx context.Context, book *leads.Book) error, opts ...leads.Option) error {
	book, ctx, closeStore, err := a.open(opts...)
	if err != nil {
		return err
	}
	defer closeStore()
	return fn(ctx, book)
}

// help runs "leads help [COMMAND]".
func (a *app) help(args []string) int {
	switch len(args) {
	case 0:
		fmt.Fprint(a.stdout, mainHelp)
		return exitOK
	case 1:
		if cmd := lookupCommand(args[0]); cmd != nil {
			fmt.Fprint(a.stdout, cmd.help)
			return exitOK
		}
		return a.usage(nil, fmt.Errorf("help: unknown command %q", args[0]))
	}
	return a.usage(nil, errors.New("help takes at most one command"))
}

// usage reports a usage error with the synopsis of cmd (of the program
// when cmd is nil) and returns exitUsage.
func (a *app) usage(cmd *command, err error) int {
	prefix := "leads: "
	synopsis := mainSynopsis
	if cmd != nil {
		prefix += cmd.name + ": "
		synopsis = cmd.synopsis
	}
	fmt.Fprintf(a.stderr, "%s%s\n", prefix, err)
	fmt.Fprint(a.stderr, synopsis)
	if cmd != nil {
		fmt.Fprintf(a.stderr, "Run 'leads help %s' for details.\n", cmd.name)
	} else {
		fmt.Fprintln(a.stderr, "Run 'leads help' for details.")
	}
	return exitUsage
}
