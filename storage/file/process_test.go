package file

import (
	"bufio"
	"bytes"
	"encoding/binary"
	"fmt"
	"io"
	"math/rand/v2"
	"os"
	"os/exec"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/google/uuid"
	"github.com/leadkit/leads"
	"github.com/stretchr/testify/require"
)

// Some tests need a second process: bbolt's file lock is per process, and a
// crash is best made with kill -9. The test binary runs itself with
// TestHelperProcess selected and these variables set.
const (
	envHelper = "LEADS_FILE_HELPER" // what the helper does: "hold" or "write"
	envPath   = "LEADS_FILE_PATH"   // the store
	envBase   = "LEADS_FILE_BASE"   // the first sequence number to write
)

// TestHelperProcess is not a test: it is the second process of other tests.
func TestHelperProcess(t *testing.T) {
	mode := os.Getenv(envHelper)
	if mode == "" {
		t.Skip("the helper process of other tests")
	}
	s, err := Open(os.Getenv(envPath), &Options{Timeout: 10 * time.Second})
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(2)
	}
	fmt.Println("ready")
	switch mode {
	case "hold":
		// Keep the store open until the parent closes stdin.
		io.Copy(io.Discard, os.Stdin)
		s.Close()
	case "write":
		base, _ := strconv.Atoi(os.Getenv(envBase))
		writeUntilKilled(s, base)
	}
	os.Exit(0)
}

// startHelper starts the helper process and waits until it has the store
// open. Its stdout, after "ready", is returned.
func startHelper(t *testing.T, mode, path string, base int) (*exec.Cmd, *bufio.Scanner, io.WriteCloser) {
	t.Helper()
	cmd := exec.Command(os.Args[0], "-test.run=^TestHelperProcess$")
	cmd.Env = append(os.Environ(), envHelper+"="+mode, envPath+"="+path, envBase+"="+strconv.Itoa(base))
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	stdin, err := cmd.StdinPipe()
	require.NoError(t, err)
	stdout, err := cmd.StdoutPipe()
	require.NoError(t, err)
	require.NoError(t, cmd.Start())
	t.Cleanup(func() {
		cmd.Process.Kill()
		cmd.Wait()
	})
	lines := bufio.NewScanner(stdout)
	require.True(t, lines.Scan(), "helper: %s", &stderr)
	require.Equal(t, "ready", lines.Text(), "helper: %s", &stderr)
	return cmd, lines, stdin
}

func TestOpenLockedByAnotherProcess(t *testing.T) {
	path := tempPath(t)
	buildStore(t, path, 10)
	cmd, _, stdin := startHelper(t, "hold", path, 0)

	start := time.Now()
	_, err := Open(path, &Options{Timeout: 100 * time.Millisecond})
	require.ErrorIs(t, err, ErrLocked)
	require.Less(t, time.Since(start), time.Second, "ErrLocked comes quickly")
	require.Contains(t, err.Error(), path)
	t.Log(err)

	// Once the other process closes the store, it opens.
	require.NoError(t, stdin.Close())
	require.NoError(t, cmd.Wait())
	s := openT(t, path, nil)
	require.Len(t, allLeads(t, s), 10)
}

// The crash test's writer. Sequence numbers are handed out in blocks of 4
// per operation: operation k uses base+4k and, when k%5 == 0, also base+4k+1
// and base+4k+2, created in one Atomic call. Every third operation also
// updates the lead its goroutine created last. After each write returns,
// the writer prints it: "c N", "a N" for the three leads from N, "u N".
func writeUntilKilled(s *Store, base int) {
	var next atomic.Int64
	next.Store(int64(base))
	var wg sync.WaitGroup
	for range 4 {
		wg.Go(func() {
			last := -1
			for {
				n := int(next.Add(4) - 4)
				k := (n - base) / 4
				var line string
				if k%5 == 0 {
					err := s.Atomic(ctx, func(tx leads.Tx) error {
						for i := range 3 {
							if err := tx.Leads().Create(ctx, sampleLead(n+i)); err != nil {
								return err
							}
						}
						return nil
					})
					must(err)
					line = fmt.Sprintf("a %d\n", n)
				} else {
					must(s.Leads().Create(ctx, sampleLead(n)))
					line = fmt.Sprintf("c %d\n", n)
				}
				os.Stdout.WriteString(line)
				if k%3 == 0 && last >= 0 {
					_, err := s.Leads().Update(ctx, seqID(last), updateLead)
					must(err)
					os.Stdout.WriteString(fmt.Sprintf("u %d\n", last))
				}
				last = n
			}
		})
	}
	wg.Wait()
}

func must(err error) {
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(3)
	}
}

// updateLead is the crash test's update.
func updateLead(l *leads.Lead) error {
	l.JobTitle = "Updated " + l.MiddleName
	l.Custom["updated"] = "yes"
	return nil
}

// updatedLead is lead n as the crash test's update leaves it.
func updatedLead(n int) *leads.Lead {
	l := storedLead(n)
	updateLead(l)
	l.Version = 2
	return l
}

// seqOf returns the sequence number of a seqID.
func seqOf(id uuid.UUID) int {
	return int(binary.BigEndian.Uint64(id[:8])>>16) - 1_700_000_000_000
}

// TestCrashKeepsAcknowledgedWrites kills a writing process with SIGKILL
// at random moments, over and over on the same file, and checks after
// each kill that the store opens and holds every write that was
// acknowledged, intact; that Atomic writes are all there or not at all;
// and that nothing else is there.
func TestCrashKeepsAcknowledgedWrites(t *testing.T) {
	if testing.Short() {
		t.Skip("kills 20 processes")
	}
	seed := uint64(time.Now().UnixNano())
	t.Logf("seed %d", seed)
	rng := rand.New(rand.NewPCG(seed, 0))
	path := tempPath(t)
	created := map[int]bool{} // acknowledged creates
	updated := map[int]bool{} // acknowledged updates
	const rounds = 20
	for round := range rounds {
		base := round * 1_000_000
		cmd, lines, _ := startHelper(t, "write", path, base)
		wait := time.Duration(10+rng.IntN(150)) * time.Millisecond
		timer := time.AfterFunc(wait, func() { cmd.Process.Kill() })
		acks := 0
		for lines.Scan() {
			kind, num, ok := strings.Cut(lines.Text(), " ")
			n, err := strconv.Atoi(num)
			require.True(t, ok && err == nil, "bad line %q", lines.Text())
			switch kind {
			case "c":
				created[n] = true
			case "a":
				created[n], created[n+1], created[n+2] = true, true, true
			case "u":
				updated[n] = true
			}
			acks++
		}
		timer.Stop()
		err := cmd.Wait()
		var exit *exec.ExitError
		require.ErrorAs(t, err, &exit)
		require.False(t, exit.Exited(), "the writer was killed, it did not exit: %v", err)

		s, err := Open(path, nil)
		require.NoError(t, err, "round %d: the store opens after kill -9", round)
		got := map[int]*leads.Lead{}
		for _, l := range allLeads(t, s) {
			got[seqOf(l.ID)] = l
		}
		require.NoError(t, s.Close())
		for n := range created {
			l, ok := got[n]
			require.True(t, ok, "round %d: acknowledged lead %d is lost", round, n)
			if updated[n] {
				require.Equal(t, updatedLead(n), l, "round %d: lead %d", round, n)
			} else if l.Version == 2 {
				// Updated, but killed before it could say so.
				require.Equal(t, updatedLead(n), l, "round %d: lead %d", round, n)
			} else {
				require.Equal(t, storedLead(n), l, "round %d: lead %d", round, n)
			}
		}
		for n, l := range got {
			k := n % 1_000_000 / 4
			switch {
			case k%5 == 0:
				group := n - n%4
				for i := range 3 {
					_, ok := got[group+i]
					require.True(t, ok, "round %d: atomic group %d is incomplete", round, group)
				}
				require.Less(t, n%4, 3)
			default:
				require.Zero(t, n%4, "round %d: lead %d was never written", round, n)
			}
			if !created[n] {
				// Written but not acknowledged: the process died between
				// commit and print. It must still be intact.
				if l.Version == 1 {
					require.Equal(t, storedLead(n), l)
				}
			}
		}
		t.Logf("round %d: killed after %v, %d writes acknowledged, %d leads stored", round, wait, acks, len(got))
	}
	require.NotEmpty(t, created)
	require.NotEmpty(t, updated)
}
