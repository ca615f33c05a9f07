// Service embeds the leads SDK in a long-running Go service: the store is
// opened once and shared by every request, each request runs under a
// deadline, a background job runs on a ticker, everything logs with
// log/slog, and SIGINT or SIGTERM shut it down gracefully (requests in
// flight finish, the job stops, the store is closed last).
//
//	go run ./examples/service -store leads.db -addr 127.0.0.1:8081
//	curl -d '{"full_name":"Ada Lovelace","emails":[{"address":"ada@example.com"}]}' localhost:8081/leads
//	curl localhost:8081/leads/ID
//
// The HTTP handlers here are deliberately small; a full HTTP API over a
// Book belongs in its own package.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"os"
	"os/signal"
	"syscall"
	"time"

	"github.com/leadkit/leads"
	"github.com/leadkit/leads/storage/file"
)

func main() {
	addr := flag.String("addr", "127.0.0.1:8081", "address to listen on")
	path := flag.String("store", "leads.db", "the file store")
	flag.Parse()
	log := slog.New(slog.NewJSONHandler(os.Stderr, nil))
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	ln, err := net.Listen("tcp", *addr)
	if err != nil {
		log.Error("listen", "err", err)
		os.Exit(1)
	}
	if err := serve(ctx, ln, *path, log, Config{}); err != nil {
		log.Error("service stopped", "err", err)
		os.Exit(1)
	}
}

// Config holds the service's timings; the zero value gives the defaults.
type Config struct {
	RequestTimeout time.Duration // per request; default 5 s
	JobEvery       time.Duration // how often the background job runs; default 1 min
	ShutdownGrace  time.Duration // how long requests in flight may finish; default 10 s
}

func (c Config) withDefaults() Config {
	if c.RequestTimeout <= 0 {
		c.RequestTimeout = 5 * time.Second
	}
	if c.JobEvery <= 0 {
		c.JobEvery = time.Minute
	}
	if c.ShutdownGrace <= 0 {
		c.ShutdownGrace = 10 * time.Second
	}
	return c
}

// serve runs the service on ln until ctx is done, then shuts down: the
// server stops taking requests and lets those in flight finish, the job
// stops, and the store is closed.
func serve(ctx context.Context, ln net.Listener, path string, log *slog.Logger, cfg Config) error {
	cfg = cfg.withDefaults()
	store, err := file.Open(path, nil) // once, for the life of the service
	if err != nil {
		return err
	}
	defer func() {
		if err := store.Close(); err != nil {
			log.Error("close store", "err", err)
		}
		log.Info("store closed")
	}()
	book := leads.New(store)

	srv := &http.Server{
		Handler:           routes(book, log, cfg.RequestTimeout),
		ReadHeaderTimeout: cfg.RequestTimeout,
		BaseContext:       func(net.Listener) context.Context { return context.WithoutCancel(ctx) },
	}
	jobDone := make(chan struct{})
	go func() { defer close(jobDone); runJob(ctx, book, log, cfg.JobEvery) }()

	errc := make(chan error, 1)
	go func() { errc <- srv.Serve(ln) }()
	log.Info("serving", "addr", ln.Addr().String(), "store", path)

	select {
	case err := <-errc:
		return err
	case <-ctx.Done():
	}
	log.Info("shutting down")
	shutCtx, cancel := context.WithTimeout(context.Background(), cfg.ShutdownGrace)
	defer cancel()
	err = srv.Shutdown(shutCtx)
	<-jobDone
	if errors.Is(<-errc, http.ErrServerClosed) {
		log.Info("server stopped")
	}
	return err
}

// runJob counts the leads not yet contacted, every period, until ctx is
// done: the place where a service runs its periodic sales rules.
func runJob(ctx context.Context, book *leads.Book, log *slog.Logger, every time.Duration) {
	t := time.NewTicker(every)
	defer t.Stop()
	for {
		select {
		case <-ctx.Done():
			log.Info("job stopped")
			return
		case <-t.C:
		}
		jobCtx, cancel := context.WithTimeout(ctx, every/2)
		n, err := book.Count(jobCtx, leads.Query{Where: leads.Eq(leads.FieldStatus, string(leads.StatusNew))})
		cancel()
		if err != nil {
			log.Error("job", "err", err)
			continue
		}
		log.Info("job", "new_leads", n)
	}
}

// status maps the SDK's error kinds to HTTP statuses.
func status(err error) int {
	switch {
	case errors.Is(err, leads.ErrNotFound):
		return http.StatusNotFound
	case errors.Is(err, leads.ErrInvalid):
		return http.StatusUnprocessableEntity
	case errors.Is(err, leads.ErrConflict):
		return http.StatusConflict
	case errors.Is(err, context.DeadlineExceeded):
		return http.StatusGatewayTimeout
	}
	return http.StatusInternalServerError
}

func httpError(w http.ResponseWriter, log *slog.Logger, r *http.Request, err error) {
	code := status(err)
	log.LogAttrs(r.Context(), slog.LevelWarn, "request failed", slog.String("path", r.URL.Path), slog.Int("status", code), slog.Any("err", err))
	http.Error(w, fmt.Sprint(err), code)
}
