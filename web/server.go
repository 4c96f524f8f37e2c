// Package web serves tokumu over HTTP: a JSON API on /api/ for entities,
// claims, sources and at-date queries. It depends on the domain only; the
// command wires it to a store.
package web

import (
	"context"
	"encoding/json"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"strconv"
	"time"

	"github.com/tokumu/tokumu"
	"github.com/tokumu/tokumu/chart"
	"github.com/tokumu/tokumu/search"
)

// Server answers HTTP requests from a store.
type Server struct {
	Store  tokumu.Store
	Logger *slog.Logger

	chart *chart.Chart
	index *search.Index
	mux   *http.ServeMux

	snap   *snapshot // what the HTML pages read; see snapshot.go
	assets *assets
}

// New returns a server over s, with the organization chart loaded in memory.
func New(ctx context.Context, s tokumu.Store) (*Server, error) {
	srv := &Server{Store: s, Logger: slog.Default(), mux: http.NewServeMux()}
	var err error
	if srv.assets, err = loadAssets(); err != nil {
		return nil, fmt.Errorf("embedded assets: %w", err)
	}
	if err := srv.Reload(ctx); err != nil {
		return nil, err
	}
	srv.routes()
	return srv, nil
}

// Reload rebuilds the in-memory organization chart, search index and the
// snapshot the HTML pages read from the store.
func (s *Server) Reload(ctx context.Context) error {
	ix, err := search.Build(ctx, s.Store)
	if err != nil {
		return err
	}
	s.index = ix
	preds, err := s.Store.Predicates(ctx)
	if err != nil {
		return err
	}
	hier := map[string]bool{}
	var claims []*tokumu.Claim
	for _, p := range preds {
		if p.Hierarchy {
			hier[p.ID] = true
		}
		if p.Hierarchy || p.ID == "head_of" || p.ID == "commanded" {
			cs, err := s.Store.Claims(ctx, tokumu.ClaimFilter{Predicate: p.ID})
			if err != nil {
				return err
			}
			claims = append(claims, cs...)
		}
	}
	s.chart = chart.Build(claims, hier)
	if s.snap, err = loadSnapshot(ctx, s.Store); err != nil {
		return err
	}
	return nil
}

func (s *Server) routes() {
	m := s.mux
	m.HandleFunc("GET /api/{$}", s.handleIndex)
	m.HandleFunc("GET /api/entities", s.handleEntities)
	m.HandleFunc("GET /api/entities/{id}", s.handleEntity)
	m.HandleFunc("GET /api/claims", s.handleClaims)
	m.HandleFunc("GET /api/at", s.handleAt)
	m.HandleFunc("GET /api/structure", s.handleStructure)
	m.HandleFunc("GET /api/sources", s.handleSources)
	m.HandleFunc("GET /api/sources/{id}", s.handleSource)
	m.HandleFunc("GET /api/predicates", s.handlePredicates)
	m.HandleFunc("GET /api/stats", s.handleStats)
	m.HandleFunc("GET /api/disagreements", s.handleDisagreements)
	m.HandleFunc("GET /api/search", s.handleSearch)
	m.HandleFunc("GET /api/suggest", s.handleSuggest)
	m.HandleFunc("GET /{$}", s.handleHome)
	m.Handle("GET /static/{path...}", s.assets)
	m.HandleFunc("GET /entities", s.handleEntitiesPage)
	m.HandleFunc("GET /entities/{id}", s.handleEntityPage)
	m.HandleFunc("GET /search", s.handleSearchPage)
	m.HandleFunc("GET /timeline", s.handleTimelinePage)
	m.HandleFunc("GET /map", s.handleMapPage)
	m.HandleFunc("GET /structure", s.handleStructurePage)
	m.HandleFunc("GET /network", s.handleNetworkPage)
	m.HandleFunc("GET /estimates", s.handleEstimatesPage)
	m.HandleFunc("GET /sources", s.handleSourcesPage)
	m.HandleFunc("GET /sources/{id}", s.handleSourcePage)
	m.HandleFunc("GET /", s.handleNotFound)
}

// ServeHTTP implements http.Handler.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("X-Content-Type-Options", "nosniff")
	s.mux.ServeHTTP(w, r)
}

// ListenAndServe serves on addr until ctx is done, then shuts down gracefully.
func (s *Server) ListenAndServe(ctx context.Context, ln net.Listener) error {
	hs := &http.Server{Handler: s, ReadHeaderTimeout: 10 * time.Second}
	errc := make(chan error, 1)
	go func() { errc <- hs.Serve(ln) }()
	select {
	case err := <-errc:
		return err
	case <-ctx.Done():
		sctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		return hs.Shutdown(sctx)
	}
}

// status maps error codes to HTTP statuses: one table for the whole API.
var status = map[string]int{
	tokumu.ENOTFOUND: http.StatusNotFound,
	tokumu.EINVALID:  http.StatusBadRequest,
	tokumu.ECONFLICT: http.StatusConflict,
	tokumu.EINTERNAL: http.StatusInternalServerError,
}

// writeError answers with the error's status and message; internal errors
// are logged and reported only as "internal error".
func (s *Server) writeError(w http.ResponseWriter, r *http.Request, err error) {
	code := tokumu.ErrorCode(err)
	if code == tokumu.EINTERNAL {
		s.Logger.Error("request failed", "method", r.Method, "url", r.URL.String(), "err", err)
	}
	writeJSON(w, status[code], map[string]string{"error": tokumu.ErrorMessage(err), "code": code})
}

func writeJSON(w http.ResponseWriter, code int, v any) {
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.WriteHeader(code)
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	enc.Encode(v)
}

// day reads a date parameter; the error names the parameter and the fix.
func day(r *http.Request, name string) (tokumu.Day, error) {
	v := r.URL.Query().Get(name)
	if v == "" {
		return 0, nil
	}
	w, _, err := tokumu.ParseWhen(v)
	if err != nil {
		return 0, tokumu.Errorf(tokumu.EINVALID, "parameter %s=%q is not a date: %v (write e.g. 1939-06-01)", name, v, err)
	}
	return w.Earliest, nil
}

func intParam(r *http.Request, name string, def, max int) (int, error) {
	v := r.URL.Query().Get(name)
	if v == "" {
		return def, nil
	}
	n, err := strconv.Atoi(v)
	if err != nil || n < 0 {
		return 0, tokumu.Errorf(tokumu.EINVALID, "parameter %s=%q must be a whole number ≥ 0", name, v)
	}
	if max > 0 && n > max {
		n = max
	}
	return n, nil
}
