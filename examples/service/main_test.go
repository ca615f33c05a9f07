package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/leadkit/leads"
	"github.com/leadkit/leads/storage/file"
)

// syncBuffer is a log sink safe for the service's goroutines.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

// TestServeAndShutDown runs the service on a loopback port: a lead is
// created and read back over HTTP, the job runs, and cancelling the
// context shuts everything down and closes the store (the file can be
// opened again at once).
func TestServeAndShutDown(t *testing.T) {
	path := filepath.Join(t.TempDir(), "leads.db")
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	var logs syncBuffer
	log := slog.New(slog.NewJSONHandler(&logs, nil))
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- serve(ctx, ln, path, log, Config{JobEvery: 20 * time.Millisecond}) }()
	base := "http://" + ln.Addr().String()

	var resp *http.Response
	for range 100 { // the server starts in its own goroutine
		resp, err = http.Post(base+"/leads", "application/json", strings.NewReader(`{"full_name":"Ada Lovelace","emails":[{"address":"ada@example.com"}]}`))
		if err == nil {
			break
		}
		time.Sleep(10 * time.Millisecond)
	}
	if err != nil {
		t.Fatal(err)
	}
	var created leads.Lead
	if err := json.NewDecoder(resp.Body).Decode(&created); err != nil || resp.StatusCode != http.StatusCreated {
		t.Fatalf("POST /leads: %d, %v", resp.StatusCode, err)
	}
	resp.Body.Close()
	resp, err = http.Get(base + "/leads/" + created.ID.String())
	if err != nil || resp.StatusCode != http.StatusOK {
		t.Fatalf("GET: %v %v", resp, err)
	}
	resp.Body.Close()
	resp, _ = http.Post(base+"/leads", "application/json", strings.NewReader(`{"company":"no name"}`))
	if resp.StatusCode != http.StatusUnprocessableEntity {
		t.Errorf("a lead without a name: %d, want 422", resp.StatusCode)
	}
	resp.Body.Close()
	resp, _ = http.Get(base + "/leads/0190a0b0-0000-7000-8000-000000000001")
	if resp.StatusCode != http.StatusNotFound {
		t.Errorf("an unknown ID: %d, want 404", resp.StatusCode)
	}
	resp.Body.Close()
	time.Sleep(60 * time.Millisecond) // a few job runs

	cancel()
	select {
	case err := <-done:
		if err != nil {
			t.Fatalf("shutdown: %v", err)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("the service did not stop")
	}
	s, err := file.Open(path, &file.Options{Timeout: -1})
	if err != nil {
		t.Fatalf("the store was not closed: %v", err)
	}
	s.Close()
	out := logs.String()
	for _, want := range []string{`"msg":"serving"`, `"msg":"job","new_leads":1`, `"msg":"request failed"`, `"status":404`,
		`"msg":"job stopped"`, `"msg":"server stopped"`, `"msg":"store closed"`} {
		if !strings.Contains(out, want) {
			t.Errorf("the log lacks %s:\n%s", want, out)
		}
	}
}

// TestStatus: the SDK's error kinds, wrapped as the Book wraps them, map
// to their HTTP statuses.
func TestStatus(t *testing.T) {
	for err, want := range map[error]int{
		fmt.Errorf("lead x: %w", leads.ErrNotFound):            http.StatusNotFound,
		fmt.Errorf("leads: full_name: %w", leads.ErrInvalid):   http.StatusUnprocessableEntity,
		fmt.Errorf("stale: %w", leads.ErrConflict):             http.StatusConflict,
		fmt.Errorf("slow store: %w", context.DeadlineExceeded): http.StatusGatewayTimeout,
		errors.New("disk full"):                                http.StatusInternalServerError,
	} {
		if got := status(err); got != want {
			t.Errorf("status(%v) = %d, want %d", err, got, want)
		}
	}
}
