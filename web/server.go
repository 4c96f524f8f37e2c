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
	"sync"
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

	// Limits bound what one client can hold; see DefaultLimits. Set them
	// before ListenAndServe.
	Limits Limits
	// hosts, when set, is the allow-list of Host names (see ListenAndServe).
	hosts map[string]bool
	// ref rebuilds the read models after edits (refresh.go).
	ref refresher
	// ReadRole, if set, closes the server to the public: reading needs
	// an account with this role (auth.go). Empty: reading is open.
	ReadRole tokumu.AccountRole
	// SecureCookies marks the session cookie Secure on every answer, for
	// a server behind a proxy that ends TLS (tokumu serve speaks plain
	// HTTP; it marks the cookie Secure by itself only over TLS).
	SecureCookies bool
	// Frozen, if set, gives the data of a release the store does not
	// keep: the embedded corpus, which the binary holds, is a release
	// named by its hash (the footer of a server that imported it names
	// it), whether or not `tokumu release create` froze it.
	Frozen func(name string) (*tokumu.Dataset, bool)
	// Unavailable, if set, says in words why an error is the database's
	// state rather than a fault (its server does not answer, its disk is
	// full): the answer is then 503 with those words, not "internal
	// error", and a form is shown again with what was typed.
	Unavailable func(error) string
}

// state is one consistent generation of what the server answers from.
type state struct {
	store      tokumu.Store
	vocab      *tokumu.Vocab
	chart      *chart.Chart // set before chartReady closes; read it through orgChart
	chartReady chan struct{}
	index      *search.Index // set before indexReady closes; read it through searchIndex
	indexReady chan struct{}
	indexErr   error
	snap       *snapshot // what the HTML pages read; see snapshot.go
	times      []LoadTime
	// rev is the newest revision the store held before the read models
	// were built (0: as imported, or a store that keeps no history): they
	// reflect at least it. See refresh.go.
	rev int64
	// importRev is the newest revision when the corpus was imported
	// (tokumu.ImportRevision): the data is edited only if rev is newer.
	importRev int64

	// refs counts the requests running on this state; once the state is
	// retired (a Swap replaced it) and the count is zero, drain runs once.
	refs    atomic.Int64
	retired atomic.Bool
	drain   func()
}

// acquire returns the current state, counted as in use until release: a
// state retired between the load and the count is given back and the
// next one taken, so a retired state's count only falls.
func (s *Server) acquire() *state {
	for {
		st := s.cur.Load()
		st.refs.Add(1)
		if s.cur.Load() == st {
			return st
		}
		st.release()
	}
}

func (st *state) release() {
	if st.refs.Add(-1) == 0 && st.retired.Load() {
		st.drain()
	}
}

// retire marks st replaced; drain runs when its last request ends (now,
// if none is running).
func (st *state) retire(drain func()) {
	st.drain = sync.OnceFunc(drain)
	st.retired.Store(true)
	if st.refs.Load() == 0 {
		st.drain()
	}
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
	srv := &Server{Logger: slog.Default(), mux: http.NewServeMux(), Limits: DefaultLimits}
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
	next, err := buildState(ctx, st, s.cur.Load() == nil)
	if err != nil {
		return err
	}
	if old := s.cur.Swap(next); old != nil {
		old.retire(func() {})
	}
	s.swapped()
	return nil
}

// SwapClose is Swap for a new store that replaces the old one for good
// (a re-imported database): the old store is closed once the requests
// running on it have finished, and done is closed after that. New
// requests see only st; no request sees both.
func (s *Server) SwapClose(ctx context.Context, st tokumu.Store) (done <-chan struct{}, err error) {
	next, err := buildState(ctx, st, false)
	if err != nil {
		return nil, err
	}
	ch := make(chan struct{})
	old := s.cur.Swap(next)
	s.swapped()
	if old == nil || old.store == st {
		close(ch)
		return ch, nil
	}
	old.retire(func() {
		if err := old.store.Close(); err != nil {
			s.Logger.Error("closing the replaced store", "err", err)
		}
		close(ch)
	})
	return ch, nil
}

// buildState loads the read models of store. first says that no state
// is served yet (New): then the state is returned before its search index
// is loaded (see below).
func buildState(ctx context.Context, store tokumu.Store, first bool) (*state, error) {
	st := &state{store: store}
	t := &loadTimer{last: time.Now()}
	var err error
	if st.rev, err = tokumu.HeadRevision(ctx, store); err != nil {
		return nil, err
	}
	if st.importRev, err = tokumu.ImportRevision(ctx, store); err != nil {
		return nil, err
	}
	preds, err := store.Predicates(ctx)
	if err != nil {
		return nil, err
	}
	if st.vocab, err = tokumu.NewVocab(preds); err != nil {
		return nil, err
	}
	// The organization chart reads every hierarchy and office claim (a
	// third of start-up's CPU at 1M claims): it is built after the state
	// is published, and the structure views wait for it (orgChart).
	st.chartReady = make(chan struct{})
	// The chart and the analyses start once the state is returned and its
	// search index loaded: at a first load the index is still decoding
	// when the state is published, and searches wait for it, not for them.
	st.indexReady = make(chan struct{})
	returned, published := make(chan struct{}), make(chan struct{})
	defer close(returned)
	go func() {
		<-returned
		<-st.indexReady
		close(published)
	}()
	inBackground(published, func() {
		defer close(st.chartReady)
		ch, err := chart.Load(context.WithoutCancel(ctx), store, st.vocab)
		if err != nil {
			slog.Error("building the organization chart; the structure views stay empty", "err", err)
			ch = chart.Build(nil, st.vocab)
		}
		st.chart = ch
	})
	// The search index and the snapshot are independent: built at once,
	// an edit shows in about the time of the slower. The index stored
	// with the database at import is decoded, not rebuilt (search.Load):
	// at 1M claims Build took most of start-up; an edit drops it.
	// At the first load nothing older can answer meanwhile, so the state
	// is published without waiting for the index (at 1M claims decoding
	// it was the longest part left of a start, 0.7 s of CPU): the search
	// handlers wait for it (searchIndex), every other page answers at
	// once. A later load (an edit, a re-import) waits for it, so that the
	// state it replaces answers searches until then.
	lazyIndex := first && backgroundLoad
	var stored bool
	var ixTook time.Duration
	// snapDone is closed once loadSnapshot returned (st.snap is set, or
	// nil on an error).
	snapDone := make(chan struct{})
	go func() {
		defer close(st.indexReady)
		ictx := ctx
		if lazyIndex {
			ictx = context.WithoutCancel(ctx)
		}
		start := time.Now()
		st.index, stored, st.indexErr = search.Load(ictx, store)
		ixTook = time.Since(start)
		// The index reads its entities from the corpus read model's
		// copies rather than hold a second set (~50 MB at 1M claims):
		// before any search, as ShareEntities requires.
		<-snapDone
		if st.indexErr == nil && st.snap != nil {
			ents := st.snap.Entities
			st.index.ShareEntities(func(id string) *tokumu.Entity { return ents[id] })
		}
		if lazyIndex {
			if st.indexErr != nil {
				slog.Error("loading the search index; searches answer with an error", "err", st.indexErr)
			} else {
				slog.Info("search index ready", "stored", stored, "took", ixTook.Round(time.Millisecond))
			}
		}
	}()
	st.snap, err = loadSnapshot(ctx, store, t, published, st.orgChart)
	close(snapDone)
	if !lazyIndex {
		<-st.indexReady
		if st.indexErr != nil {
			return nil, st.indexErr
		}
	}
	if err != nil {
		return nil, err
	}
	st.snap.release, st.snap.released = servedRelease(ctx, store, st.snap.hash, st.rev, st.importRev)
	st.snap.dates = &releaseDates{store: store, known: map[string]time.Time{}}
	// A store that keeps releases is asked again for one that holds the
	// served data (currentRelease): `release create` makes no revision.
	if _, ok := store.(tokumu.Releases); ok && !st.snap.released {
		st.snap.edited = &editedStore{store: store, rev: st.rev, since: st.importRev, name: st.snap.release, released: st.snap.released, asked: time.Now()}
	}
	if lazyIndex {
		t.times = append(t.times, LoadTime{Part: "search index (loading after the first answer; searches wait for it)"})
	} else {
		what := "search index (built, beside the snapshot)"
		if stored {
			what = "search index (stored, decoded, beside the snapshot)"
		}
		t.times = append(t.times, LoadTime{Part: what, Took: ixTook})
	}
	st.times = t.times
	return st, nil
}

// LoadTime is how long one part of loading a state took.
type LoadTime struct {
	Part string
	Took time.Duration
}

// LoadTimes says what the last load of the current state spent its time
// on, part by part (serve prints it; BENCHMARKS.md measures start-up by it).
func (s *Server) LoadTimes() []LoadTime { return s.cur.Load().times }

// WaitAnalyses waits until what the current state builds after it was
// published is built — the search index of a first state, the
// organization chart, and the analyses (the
// ledger, the matrices, the attestation, which read every claim) — and
// says how long the analyses took.
func (s *Server) WaitAnalyses() time.Duration {
	st := s.cur.Load()
	st.searchIndex()
	st.orgChart()
	return st.snap.analyses().took
}

// searchIndex returns the state's search index, waiting until it is
// loaded (the first state publishes before it; see buildState).
func (st *state) searchIndex() (*search.Index, error) {
	<-st.indexReady
	if st.indexErr != nil {
		return nil, tokumu.Errorf(tokumu.EINTERNAL, "the search index could not be loaded: %v", st.indexErr)
	}
	return st.index, nil
}

// orgChart returns the state's organization chart, waiting until it is built.
func (st *state) orgChart() *chart.Chart {
	<-st.chartReady
	return st.chart
}

// loadTimer records the time since its last mark under a name.
type loadTimer struct {
	last  time.Time
	times []LoadTime
}

func (t *loadTimer) mark(part string) {
	now := time.Now()
	if t.last.IsZero() {
		t.last = now
	}
	t.times = append(t.times, LoadTime{part, now.Sub(t.last)})
	t.last = now
}

// route is one pattern of the mux. The list is kept so that tests can
// walk every route (http.ServeMux does not list its patterns).
type route struct {
	pattern string
	handler http.Handler
}

func (s *Server) routeList() []route {
	return []route{
		{"GET /api/{$}", http.HandlerFunc(s.handleIndex)},
		{"GET /api/entities", http.HandlerFunc(s.handleEntities)},
		{"GET /api/entities/{id}", http.HandlerFunc(s.handleEntity)},
		{"GET /api/entities/{id}/claims", http.HandlerFunc(s.handleEntityClaimsAPI)},
		{"GET /api/claims", http.HandlerFunc(s.handleClaims)},
		{"GET /api/at", http.HandlerFunc(s.handleAt)},
		{"GET /api/structure", http.HandlerFunc(s.handleStructure)},
		{"GET /api/sources", http.HandlerFunc(s.handleSources)},
		{"GET /api/sources/{id}", http.HandlerFunc(s.handleSource)},
		{"GET /api/predicates", http.HandlerFunc(s.handlePredicates)},
		{"GET /api/predicates/{id}", http.HandlerFunc(s.handlePredicate)},
		{"GET /api/stats", http.HandlerFunc(s.handleStats)},
		{"GET /api/health", http.HandlerFunc(s.handleHealth)},
		{"GET /api/disagreements", http.HandlerFunc(s.handleDisagreements)},
		{"GET /api/audit", http.HandlerFunc(s.handleAudit)},
		{"GET /api/search", http.HandlerFunc(s.handleSearch)},
		{"GET /api/suggest", http.HandlerFunc(s.handleSuggest)},
		{"GET /api/export", http.HandlerFunc(s.handleExport)},
		{"GET /api/ledger", http.HandlerFunc(s.handleLedgerAPI)},
		{"GET /api/ach", http.HandlerFunc(s.handleACHListAPI)},
		{"GET /api/ach/{id}", http.HandlerFunc(s.handleACHAPI)},
		{"GET /api/path", http.HandlerFunc(s.handlePathAPI)},
		{"GET /api/estimates", http.HandlerFunc(s.handleEstimatesAPI)},
		{"GET /api/openapi.json", http.HandlerFunc(s.handleOpenAPI)},
		{"GET /api/release", http.HandlerFunc(s.handleRelease)},
		{"GET /reconcile", http.HandlerFunc(s.handleReconcile)},
		{"POST /reconcile", http.HandlerFunc(s.handleReconcile)},
		{"GET /reconcile/preview", http.HandlerFunc(s.handleReconcilePreview)},
		{"GET /reconcile/suggest/entity", http.HandlerFunc(s.handleReconcileSuggest)},
		{"GET /{$}", http.HandlerFunc(s.handleHome)},
		{"GET /static/{path...}", s.assets},
		{"GET /entities", http.HandlerFunc(s.handleEntitiesPage)},
		{"GET /entities/{id}", http.HandlerFunc(s.handleEntityPage)},
		{"GET /entities/{id}/claims", http.HandlerFunc(s.handleEntityClaimsPage)},
		{"GET /search", http.HandlerFunc(s.handleSearchPage)},
		{"GET /timeline", http.HandlerFunc(s.handleTimelinePage)},
		{"GET /map", http.HandlerFunc(s.handleMapPage)},
		{"GET /structure", http.HandlerFunc(s.handleStructurePage)},
		{"GET /network", http.HandlerFunc(s.handleNetworkPage)},
		{"GET /estimates", http.HandlerFunc(s.handleEstimatesPage)},
		{"GET /sources", http.HandlerFunc(s.handleSourcesPage)},
		{"GET /ledger", http.HandlerFunc(s.handleLedgerPage)},
		{"GET /ach", http.HandlerFunc(s.handleACHIndexPage)},
		{"GET /ach/{id}", http.HandlerFunc(s.handleACHPage)},
		{"GET /sources/{id}", http.HandlerFunc(s.handleSourcePage)},
		{"GET /predicates", http.HandlerFunc(s.handlePredicatesPage)},
		{"GET /predicates/{id}", http.HandlerFunc(s.handlePredicatePage)},
		{"GET /claims/{id}", http.HandlerFunc(s.handleClaimPage)},
		{"GET /disagreements", http.HandlerFunc(s.handleDisagreementsPage)},
		{"GET /audit", http.HandlerFunc(s.handleAuditPage)},
		// Editing (auth.go, edit.go, changes.go).
		{"POST /api/claims", http.HandlerFunc(s.handleCreateClaim)},
		{"GET /api/claims/{id}", http.HandlerFunc(s.handleClaimAPI)},
		{"PUT /api/claims/{id}", http.HandlerFunc(s.handleReplaceClaim)},
		{"PATCH /api/claims/{id}", http.HandlerFunc(s.handleReplaceClaim)},
		{"DELETE /api/claims/{id}", http.HandlerFunc(s.handleDeleteClaim)},
		{"POST /api/revisions/{id}/revert", http.HandlerFunc(s.handleRevertAPI)},
		{"GET /api/changes", http.HandlerFunc(s.handleChangesAPI)},
		{"GET /api/claims/{id}/history", http.HandlerFunc(s.handleClaimHistoryAPI)},
		{"GET /changes", http.HandlerFunc(s.handleChangesPage)},
		{"POST /changes/{rev}/revert", http.HandlerFunc(s.handleRevertForm)},
		{"GET /claims/{id}/history", http.HandlerFunc(s.handleClaimHistoryPage)},
		{"GET /entities/{id}/history", http.HandlerFunc(s.handleEntityHistoryPage)},
		{"GET /releases/{rel}/claims/{id}", http.HandlerFunc(s.handleReleaseClaimPage)},
		{"GET /releases", http.HandlerFunc(s.handleReleasesPage)},
		{"GET /api/releases", http.HandlerFunc(s.handleReleasesAPI)},
		{"GET /api/releases/{rel}/claims/{id}", http.HandlerFunc(s.handleReleaseClaimAPI)},
		{"GET /api/entities/{id}/history", http.HandlerFunc(s.handleEntityHistoryAPI)},
		{"GET /claims/{id}/edit", http.HandlerFunc(s.handleEditClaimPage)},
		{"POST /claims/{id}/edit", http.HandlerFunc(s.handleClaimFormPost)},
		{"GET /entities/{id}/claims/new", http.HandlerFunc(s.handleNewClaimPage)},
		{"POST /entities/{id}/claims", http.HandlerFunc(s.handleClaimFormPost)},
		{"GET /sources/new", http.HandlerFunc(s.handleSourceForm)},
		{"POST /sources/new", http.HandlerFunc(s.handleSourceForm)},
		{"GET /sources/{id}/edit", http.HandlerFunc(s.handleSourceEditForm)},
		{"POST /sources/{id}/edit", http.HandlerFunc(s.handleSourceEditForm)},
		{"GET /entities/new", http.HandlerFunc(s.handleEntityForm)},
		{"POST /entities/new", http.HandlerFunc(s.handleEntityForm)},
		{"GET /entities/{id}/names/new", http.HandlerFunc(s.handleNameForm)},
		{"POST /entities/{id}/names/new", http.HandlerFunc(s.handleNameForm)},
		{"GET /signin", http.HandlerFunc(s.handleSigninPage)},
		{"POST /signin", http.HandlerFunc(s.handleSignin)},
		{"POST /signout", http.HandlerFunc(s.handleSignout)},
		{"GET /", http.HandlerFunc(s.handleNotFound)},
	}
}

func (s *Server) routes() {
	for _, rt := range s.routeList() {
		s.mux.Handle(rt.pattern, rt.handler)
	}
}

// ServeHTTP implements http.Handler: the security headers and the Host
// check on every answer, then the request on one state, within the
// request time limit.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	defer noteRequest()
	setHeaders(w.Header())
	if !s.hostAllowed(r.Host) {
		http.Error(w, fmt.Sprintf("tokumu: Host %q is not this server (it answers to %s)", clip(r.Host), s.hostList()), http.StatusMisdirectedRequest)
		return
	}
	if s.Limits.Request <= 0 {
		s.serveState(w, r)
		return
	}
	// TimeoutHandler cancels the request's context at the deadline, which
	// stops the store's query, and answers 503 if the handler has not.
	http.TimeoutHandler(http.HandlerFunc(s.serveState), s.Limits.Request,
		fmt.Sprintf("tokumu: the request took longer than %v and was stopped; narrow it (a filter, a smaller limit)\n", s.Limits.Request)).ServeHTTP(w, r)
}

// serveState runs the request on the current state, counted as in use
// until the handler returns — which, past the time limit, is after
// TimeoutHandler has answered: the store is closed only after that.
func (s *Server) serveState(w http.ResponseWriter, r *http.Request) {
	st := s.acquire()
	defer st.release()
	r = r.WithContext(context.WithValue(r.Context(), stateKey{}, st))
	if !s.readAllowed(w, r) {
		return
	}
	if s.notModified(w, r, st) { // see etag.go
		return
	}
	if s.unrouted(w, r) {
		return
	}
	serveGzip(s.mux, w, r) // see gzip.go
}

// ListenAndServe serves on ln until ctx is done, then shuts down
// gracefully. The connection limits are s.Limits; on a loopback address
// requests must name a loopback host (see hostAllowed).
func (s *Server) ListenAndServe(ctx context.Context, ln net.Listener) error {
	if tcp, ok := ln.Addr().(*net.TCPAddr); ok && tcp.IP.IsLoopback() {
		s.AllowHosts(tcp.IP.String())
	}
	hs := s.httpServer()
	lim := newLimitListener(ln, s.Limits.Conns)
	hs.ConnState = lim.connState
	errc := make(chan error, 1)
	go func() { errc <- hs.Serve(lim) }()
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
	// Accounts (auth.go).
	tokumu.EUNAUTHORIZED: http.StatusUnauthorized,
	tokumu.EFORBIDDEN:    http.StatusForbidden,
	// The database cannot be used now (Server.Unavailable).
	tokumu.EUNAVAILABLE: http.StatusServiceUnavailable,
	// A method the address does not take (unrouted).
	eMethod: http.StatusMethodNotAllowed,
}

// writeError answers with the error's status and message; internal errors
// are logged and reported only as "internal error".
func (s *Server) writeError(w http.ResponseWriter, r *http.Request, err error) {
	if stopped(r, err) {
		writeJSON(w, http.StatusServiceUnavailable, map[string]string{"error": "the request took too long and was stopped; narrow it", "code": "timeout"})
		return
	}
	code := tokumu.ErrorCode(err)
	if code == tokumu.EINTERNAL {
		s.Logger.Error("request failed", "method", r.Method, "url", r.URL.String(), "err", err)
		err = s.unavailable(err)
		code = tokumu.ErrorCode(err)
	}
	writeJSON(w, status[code], map[string]string{"error": tokumu.ErrorMessage(err), "code": code})
}

// unavailable turns an internal error that is the database's state (its
// server down, its disk full: Server.Unavailable) into EUNAVAILABLE with
// words for the person; any other error is returned as it is.
func (s *Server) unavailable(err error) error {
	if s.Unavailable == nil {
		return err
	}
	if msg := s.Unavailable(err); msg != "" {
		return tokumu.Errorf(tokumu.EUNAVAILABLE, "%s", msg)
	}
	return err
}

func writeJSON(w http.ResponseWriter, code int, v any) {
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.WriteHeader(code)
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	enc.Encode(v)
}

// maxDateLen bounds a date parameter; the longest date EDTF writes
// ("[1939-05-11..1939-09-16]", with qualifiers) is well under it.
const maxDateLen = 100

// day reads a date parameter; the error names the parameter and the fix.
func day(r *http.Request, name string) (tokumu.Day, error) {
	v := r.URL.Query().Get(name)
	if v == "" {
		return 0, nil
	}
	if len(v) > maxDateLen {
		return 0, tokumu.Errorf(tokumu.EINVALID, "parameter %s=%q is %d bytes long: a date is at most %d (write e.g. 1939-06-01)", name, clip(v), len(v), maxDateLen)
	}
	w, _, err := tokumu.ParseWhen(v)
	if err != nil {
		return 0, tokumu.Errorf(tokumu.EINVALID, "parameter %s=%q is not a date: %v (write e.g. 1939-06-01)", name, clip(v), err)
	}
	return w.Stated().Earliest, nil // "1938~" asks about 1938, not the 1937 its approximation reaches
}
