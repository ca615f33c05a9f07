package main

import (
	"context"
	"encoding/json"
	"log/slog"
	"net/http"
	"time"

	"github.com/google/uuid"
	"github.com/leadkit/leads"
)

// routes returns the service's handler: POST /leads and GET /leads/{id},
// each under a deadline, with the caller named by the X-User header as the
// acting user, and one log line per request.
func routes(book *leads.Book, log *slog.Logger, timeout time.Duration) http.Handler {
	mux := http.NewServeMux()
	mux.HandleFunc("POST /leads", func(w http.ResponseWriter, r *http.Request) {
		var l leads.Lead
		if err := json.NewDecoder(http.MaxBytesReader(w, r.Body, 1<<20)).Decode(&l); err != nil {
			http.Error(w, "body: "+err.Error(), http.StatusBadRequest)
			return
		}
		got, err := book.Create(r.Context(), &l)
		if err != nil {
			httpError(w, log, r, err)
			return
		}
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(http.StatusCreated)
		json.NewEncoder(w).Encode(got)
	})
	mux.HandleFunc("GET /leads/{id}", func(w http.ResponseWriter, r *http.Request) {
		id, err := uuid.Parse(r.PathValue("id"))
		if err != nil {
			http.Error(w, "id: "+err.Error(), http.StatusBadRequest)
			return
		}
		l, err := book.Get(r.Context(), id)
		if err != nil {
			httpError(w, log, r, err)
			return
		}
		w.Header().Set("Content-Type", "application/json")
		json.NewEncoder(w).Encode(l)
	})
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		start := time.Now()
		ctx, cancel := context.WithTimeout(r.Context(), timeout)
		defer cancel()
		actor := r.Header.Get("X-User")
		if actor == "" {
			actor = "service"
		}
		ctx = leads.WithActor(ctx, actor)
		mux.ServeHTTP(w, r.WithContext(ctx))
		log.LogAttrs(ctx, slog.LevelInfo, "request", slog.String("method", r.Method), slog.String("path", r.URL.Path),
			slog.String("actor", actor), slog.Duration("took", time.Since(start)))
	})
}
