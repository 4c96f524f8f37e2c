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
	"sync/atomic"
	"time"

	"github.com/tokumu/tokumu"
	"github.com/tokumu/tokumu/chart"
	"github.com/tokumu/tokumu/search"
)

// Server answers HTTP requests from a store.
type Server struct {
	Logger *slog.Logger

	// cur is everything a request reads: the store and the read models
	// built from it. Reload and Swap build a new state and store it at
	// once, so a request sees the old dataset or the new one, never a mix:
	// ServeHTTP takes the state once and the handlers read it from the
	// request's context (see st).
	cur    atomic.Pointer[state]
	mux    *http.ServeMux
	assets *assets
}

// state is one consistent generation of what the server answers from.
type state struct {
	store tokumu.Store
	vocab *tokumu.Vocab
	chart *chart.Chart
	index *search.Index
	snap  *snapshot // what the HTML pages read; see snapshot.go
}

type stateKey struct{}

// st returns the state the request started with.
func (s *Server) st(r *http.Request) *state {
	if st, ok := r.Context().Value(stateKey{}).(*state); ok {
		return st
	}
	return s.cur.Load()
}

// Store returns the store the server currently answers from.
func (s *Server) Store() tokumu.Store { return s.cur.Load().store }

// New returns a server over s, with the organization chart loaded in memory.
func New(ctx context.Context, s tokumu.Store) (*Server, error) {
	srv := &Server{Logger: slog.Default(), mux: http.NewServeMux()}
	var err error
	if srv.assets, err = loadAssets(); err != nil {
		return nil, fmt.Errorf("embedded assets: %w", err)
	}
	if err := srv.Swap(ctx, s); err != nil {
		return nil, err
	}
	srv.routes()
	return srv, nil
}

// Reload rebuilds the in-memory organization chart, search index and the
// snapshot the HTML pages read from the current store, and switches to
// them at once.
func (s *Server) Reload(ctx context.Context) error { return s.Swap(ctx, s.Store()) }

// Swap builds the read models of st and then makes st the server's store:
// requests already running finish on the old state, new ones see the new.
// On error the server keeps its state.
func (s *Server) Swap(ctx context.Context, st tokumu.Store) error {
	next, err := buildState(ctx, st)
	if err != nil {
		return err
	}
	s.cur.Store(next)
	return nil
}

func buildState(ctx context.Context, store tokumu.Store) (*state, error) {
	st := &state{store: store}
	preds, err := store.Predicates(ctx)
	if err != nil {
		return nil, err
	}
	if st.vocab, err = tokumu.NewVocab(preds); err != nil {
		return nil, err
	}
	if st.index, err = search.Build(ctx, store); err != nil {
		return nil, err
	}
	if st.chart, err = chart.Load(ctx, store, st.vocab); err != nil {
		return nil, err
	}
	if st.snap, err = loadSnapshot(ctx, store); err != nil {
		return nil, err
	}
	return st, nil
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
	r = r.WithContext(context.WithValue(r.Context(), stateKey{}, s.cur.Load()))
	serveGzip(s.mux, w, r) // see gzip.go
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
