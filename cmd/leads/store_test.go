package main

import (
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/leadkit/leads/storage/file"
	"github.com/stretchr/testify/require"
)

func TestEmptyStoreFileRefused(t *testing.T) {
	// A store cut to 0 bytes is not silently a new store.
	h := newHarness(t)
	require.NoError(t, os.WriteFile(h.store, nil, 0o600))
	for _, args := range [][]string{{"add", "--name", "Ada Lovelace"}, {"list"}, {"demo"}} {
		r := h.run(args...)
		require.Equal(t, 1, r.code, "%v", args)
		require.Contains(t, r.stderr, h.store)
		require.Contains(t, r.stderr, "empty")
		require.Contains(t, r.stderr, "--create")
		info, err := os.Stat(h.store)
		require.NoError(t, err)
		require.Zero(t, info.Size())
	}
	// --create makes a store in it, and then is harmless.
	id := h.add("--create", "--name", "Ada Lovelace")
	require.Contains(t, h.ok("--create", "show", id), "Ada Lovelace")

	// Where no file exists, a store is made as ever.
	other := newHarness(t)
	other.add("--name", "Grace Hopper")
}

func TestReadingCommandsShareTheStore(t *testing.T) {
	h := newHarness(t)
	id := h.add("--name", "Ada Lovelace")
	h.ok("report", "save", "everyone", "--columns", "full_name")
	h.env["LEADS_LOCK_TIMEOUT"] = "200ms"
	past := time.Date(2020, 1, 1, 0, 0, 0, 0, time.UTC)
	require.NoError(t, os.Chtimes(h.store, past, past))
	before, err := os.ReadFile(h.store)
	require.NoError(t, err)

	// Another reader has the store open: the reading commands run beside
	// it, and a writer waits for it, then gives up.
	reader, err := file.Open(h.store, &file.Options{ReadOnly: true})
	require.NoError(t, err)
	export := filepath.Join(t.TempDir(), "out.json")
	for _, args := range [][]string{{"show", id}, {"list"}, {"report", "everyone"}, {"report", "list"}, {"export", export}} {
		r := h.run(args...)
		require.Equal(t, 0, r.code, "%v: %s", args, r.stderr)
	}
	r := h.run("add", "--name", "Grace Hopper")
	require.Equal(t, 1, r.code)
	require.Contains(t, r.stderr, "locked")
	require.NoError(t, reader.Close())

	after, err := os.ReadFile(h.store)
	require.NoError(t, err)
	require.Equal(t, before, after, "reading wrote to the store")
	info, err := os.Stat(h.store)
	require.NoError(t, err)
	require.True(t, info.ModTime().Equal(past), "reading touched the store")

	// A writer keeps the readers out.
	writer, err := openStore(h.store, storeOptions{})
	require.NoError(t, err)
	r = h.run("show", id)
	require.Equal(t, 1, r.code)
	require.Contains(t, r.stderr, "locked")
	require.NoError(t, writer.Close())
}

func TestReadOnlyStoreFile(t *testing.T) {
	if os.Geteuid() == 0 {
		t.Skip("root may write any file; TestReadingCommandsShareTheStore covers the read-only open")
	}
	h := newHarness(t)
	id := h.add("--name", "Ada Lovelace")
	require.NoError(t, os.Chmod(h.store, 0o444))
	require.Contains(t, h.ok("show", id), "Ada Lovelace")
	r := h.run("add", "--name", "Grace Hopper")
	require.Equal(t, 1, r.code)
	require.Contains(t, r.stderr, "read-only")
}

func TestLockTimeout(t *testing.T) {
	h := newHarness(t)
	id := h.add("--name", "Ada Lovelace")
	s, err := openStore(h.store, storeOptions{})
	require.NoError(t, err)

	start := time.Now()
	r := h.run("--lock-timeout", "0", "show", id)
	require.Equal(t, 1, r.code)
	require.Contains(t, r.stderr, "locked")
	require.Less(t, time.Since(start), 2*time.Second, "0 waits not at all")

	// The flag wins over the environment; the wait ends when the store is
	// free.
	h.env["LEADS_LOCK_TIMEOUT"] = "0"
	time.AfterFunc(300*time.Millisecond, func() { s.Close() })
	r = h.run("add", "--lock-timeout", "20s", "--name", "Grace Hopper")
	require.Equal(t, 0, r.code, r.stderr)

	h.env["LEADS_LOCK_TIMEOUT"] = "soon"
	r = h.run("list")
	require.Equal(t, 1, r.code)
	require.Contains(t, r.stderr, `$LEADS_LOCK_TIMEOUT "soon"`)
	r = h.run("--lock-timeout", "-1s", "list")
	require.Equal(t, 2, r.code)
	require.Contains(t, r.stderr, "--lock-timeout")
}

func TestParseLockTimeout(t *testing.T) {
	for in, want := range map[string]time.Duration{
		"10s": 10 * time.Second, " 2m ": 2 * time.Minute, "500ms": 500 * time.Millisecond,
		"30": 30 * time.Second, "2.5": 2500 * time.Millisecond, "0": 0,
	} {
		got, err := parseLockTimeout(in)
		require.NoError(t, err, in)
		require.Equal(t, want, got, in)
	}
	for _, in := range []string{"", "soon", "-1s", "-3", "NaN"} {
		_, err := parseLockTimeout(in)
		require.Error(t, err, in)
	}
	// Without flag or variable the file store's default applies: seconds.
	a := &app{env: func(string) string { return "" }}
	o, err := a.storeOptions()
	require.NoError(t, err)
	require.Nil(t, o.lockTimeout)
	require.GreaterOrEqual(t, file.DefaultTimeout, 5*time.Second)
}

// envCLIArgs holds, as JSON, the arguments of TestHelperCLI.
const envCLIArgs = "LEADS_TEST_CLI_ARGS"

// TestHelperCLI is not a test: it is the program, for tests that need it
// in processes of its own. It runs with the arguments in $LEADS_TEST_CLI_ARGS.
func TestHelperCLI(t *testing.T) {
	raw := os.Getenv(envCLIArgs)
	if raw == "" {
		t.Skip("the program, run by other tests")
	}
	var args []string
	if err := json.Unmarshal([]byte(raw), &args); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(2)
	}
	os.Exit(run(t.Context(), args, os.Getenv, os.Stdin, os.Stdout, os.Stderr))
}

// runProcess runs the program in a process of its own and returns its
// exit status and output; it may run in any goroutine.
func runProcess(args ...string) (code int, output string) {
	raw, err := json.Marshal(args)
	if err != nil {
		return -1, err.Error()
	}
	cmd := exec.Command(os.Args[0], "-test.run=^TestHelperCLI$")
	cmd.Env = append(os.Environ(), envCLIArgs+"="+string(raw), "LEADS_USER=tester")
	out, err := cmd.CombinedOutput()
	var exit *exec.ExitError
	switch {
	case errors.As(err, &exit):
		return exit.ExitCode(), string(out)
	case err != nil:
		return -1, err.Error()
	}
	return 0, string(out)
}

func TestParallelProcesses(t *testing.T) {
	// Four loops of 50 adds, each add a process of its own: every one
	// waits its turn for the store and succeeds.
	if testing.Short() {
		t.Skip("runs 200 processes")
	}
	store := filepath.Join(t.TempDir(), "leads.db")
	const loops, adds = 4, 50
	var wg sync.WaitGroup
	failures := make(chan string, loops*adds)
	for l := range loops {
		wg.Go(func() {
			for i := range adds {
				code, out := runProcess("--store", store, "add", "--name", fmt.Sprintf("Person %d-%d", l, i))
				if code != 0 {
					failures <- fmt.Sprintf("loop %d, add %d: exit %d: %s", l, i, code, out)
				}
			}
		})
	}
	wg.Wait()
	close(failures)
	var msgs []string
	for f := range failures {
		msgs = append(msgs, f)
	}
	require.Empty(t, msgs, strings.Join(msgs, "\n"))
	h := &harness{t: t, store: store, env: map[string]string{}}
	require.Len(t, h.jsonList("list", "--limit", "1000"), loops*adds)
}
