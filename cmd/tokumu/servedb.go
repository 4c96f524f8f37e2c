package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net"
	"os"
	"os/signal"
	"strings"
	"sync"
	"syscall"
	"time"

	"github.com/tokumu/tokumu"
	"github.com/tokumu/tokumu/postgres"
	"github.com/tokumu/tokumu/sqlite"
	"github.com/tokumu/tokumu/web"
)

// serveConns is how many SQLite connections the server's store keeps:
// enough for the requests the two to four cores answer at once; more
// wait for one (within their time limit).
const serveConns = 8

// reloadEvery is how often serve looks whether its database file was
// replaced.
const reloadEvery = time.Second

// serve runs the web server on the database until ctx is done or the
// process gets SIGINT or SIGTERM. It opens the file as a snapshot (see
// sqlite.Options.Snapshot) and watches it: when an import renames a new
// file into place, or on SIGHUP, it opens the new file and switches the
// server to it at once (web.Server.SwapClose), closing the old one after
// the requests running on it end.
func (m *Main) serve(ctx context.Context, addr string, maxConns int) error {
	ctx, stop := signal.NotifyContext(ctx, os.Interrupt, syscall.SIGTERM)
	defer stop()
	// The address first: a port in use or a malformed --addr is said at
	// once, before a database is opened, built or migrated for nothing.
	probe, err := net.Listen("tcp", addr)
	if err != nil {
		return usagef("tokumu serve --addr 127.0.0.1:8080", "--addr %s: %v", addr, errors.Unwrap(err))
	}
	probe.Close()
	db, err := m.openStore(ctx) // builds the embedded corpus's database, migrates
	if err != nil {
		return err
	}
	if kind, dsn := parseDB(m.DB); kind == dbPostgres {
		return m.servePostgres(ctx, db, displayDB(dsn), addr, maxConns)
	}
	db.Close()
	path, err := m.dbPath()
	if err != nil {
		return err
	}
	start := time.Now()
	st, id, err := openSnapshot(ctx, path)
	if err != nil {
		return err
	}
	srv, err := web.New(ctx, st)
	if err != nil {
		st.Close()
		return err
	}
	fmt.Fprintf(m.Stderr, "tokumu: loaded in %v:%s\n", time.Since(start).Round(time.Millisecond), loadTimes(srv.LoadTimes()))
	go func() {
		took := srv.WaitAnalyses()
		fmt.Fprintf(m.Stderr, "tokumu: analyses (ledger, matrices, attestation) built in %v, %v after start\n", took.Round(time.Millisecond), time.Since(start).Round(time.Millisecond))
	}()
	defer func() { srv.Store().Close() }()
	srv.Logger = slog.New(slog.NewTextHandler(m.Stderr, nil))
	if opts[serveOptions](m).read == "account" {
		srv.ReadRole = tokumu.RoleReader
	}
	srv.SecureCookies = opts[serveOptions](m).secure
	srv.Frozen = m.frozen()
	srv.Unavailable = unavailable
	if maxConns > 0 {
		srv.Limits.Conns = maxConns
	}
	go srv.SweepSessions(ctx, web.SweepEvery)
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return err
	}
	fmt.Fprintf(m.Stderr, "tokumu: serving %s on http://%s/ (API: http://%s/api/)\n", path, ln.Addr(), ln.Addr())
	if note := networkNote(ln.Addr()); note != "" {
		fmt.Fprintln(m.Stderr, note)
	}
	hup := make(chan os.Signal, 1)
	signal.Notify(hup, syscall.SIGHUP)
	defer signal.Stop(hup)
	var wg sync.WaitGroup
	wg.Add(1)
	// The embedded corpus's database in the user cache is shared by every
	// tokumu on the account: another version rebuilding it for its own
	// corpus must not switch this server's data under its readers.
	own := ""
	if m.DB == "" {
		own, _ = embeddedHash()
	}
	go func() {
		defer wg.Done()
		watch(ctx, path, id, own, srv, hup, m.Stderr)
	}()
	err = srv.ListenAndServe(ctx, ln)
	stop()
	wg.Wait()
	return err
}

// loadTimes lists what loading took, part by part, for the start-up line.
func loadTimes(ts []web.LoadTime) string {
	var b strings.Builder
	for _, t := range ts {
		fmt.Fprintf(&b, " %s %v;", t.Part, t.Took.Round(time.Millisecond))
	}
	return strings.TrimSuffix(b.String(), ";")
}

// networkNote is what serve says when it listens beyond loopback.
func networkNote(a net.Addr) string {
	tcp, ok := a.(*net.TCPAddr)
	if !ok || tcp.IP.IsLoopback() {
		return ""
	}
	return fmt.Sprintf("tokumu: NOTE: %s is reachable from the network: anyone who can reach this machine on port %d can read the whole corpus.\n"+
		"tokumu: reading needs no login; writing needs an account (tokumu user add). Serve on 127.0.0.1 to keep it to this machine, and put TLS in front of it otherwise.", tcp, tcp.Port)
}

// fileID identifies the file at a path: another file renamed over it, or
// the same file rewritten, gives another id.
type fileID struct {
	info os.FileInfo
}

func (a fileID) same(b fileID) bool {
	if a.info == nil || b.info == nil {
		return a.info == b.info
	}
	// The inode only: the server writes edits into the file it serves, so
	// its time and size change without another file taking its place
	// (imports always rename a new file over it; SIGHUP covers a file
	// rewritten by hand).
	return os.SameFile(a.info, b.info)
}

func statID(path string) fileID {
	fi, err := os.Stat(path)
	if err != nil {
		return fileID{}
	}
	return fileID{fi}
}

// openSnapshot opens path for the server and returns the id of the file
// it opened (taken before the open: if the file changes between the two,
// the next look sees a change and opens it again).
func openSnapshot(ctx context.Context, path string) (*sqlite.DB, fileID, error) {
	id := statID(path)
	db, err := sqlite.Open(ctx, path, sqlite.Options{Snapshot: true, Writable: true, Conns: serveConns})
	return db, id, err
}

// watch reloads the server when the file at path changes or on SIGHUP.
// A file that fails to open (half-copied by hand, say) leaves the server
// on what it has, and is tried again when it changes again. With own (the
// embedded corpus's hash, when path is the shared cache database), a file
// rebuilt for another version's embedded corpus is not taken: the server
// keeps the data it serves and says why.
func watch(ctx context.Context, path string, cur fileID, own string, srv *web.Server, hup <-chan os.Signal, log io.Writer) {
	t := time.NewTicker(reloadEvery)
	defer t.Stop()
	for {
		force := false
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		case <-hup:
			force = true
		}
		next := statID(path)
		if !force && (next.same(cur) || next.info == nil) {
			continue
		}
		cur = next
		start := time.Now()
		db, id, err := openSnapshot(ctx, path)
		if err == nil && own != "" {
			if h, herr := db.Hash(ctx); herr == nil && strings.HasPrefix(h, embeddedPrefix) && h != own {
				db.Close()
				cur = id
				fmt.Fprintf(log, "tokumu: another version of tokumu rebuilt %s for its embedded corpus (release %s); this server keeps serving release %s. To run both, give each its own --db.\n",
					path, web.ReleaseOf(h), web.ReleaseOf(own))
				continue
			}
		}
		if err == nil {
			cur = id
			_, err = srv.SwapClose(ctx, db)
			if err != nil {
				db.Close()
			}
		}
		if err != nil {
			fmt.Fprintf(log, "tokumu: %s changed but could not be loaded, still serving the previous data: %v\n", path, err)
			continue
		}
		fmt.Fprintf(log, "tokumu: reloaded %s in %v\n", path, time.Since(start).Round(time.Millisecond))
	}
}

// servePostgres serves a PostgreSQL database: no file to watch, the
// database itself is the shared state of a team's instances.
func (m *Main) servePostgres(ctx context.Context, db tokumu.Store, name, addr string, maxConns int) error {
	defer db.Close()
	srv, err := web.New(ctx, db)
	if err != nil {
		return err
	}
	srv.Logger = slog.New(slog.NewTextHandler(m.Stderr, nil))
	if opts[serveOptions](m).read == "account" {
		srv.ReadRole = tokumu.RoleReader
	}
	srv.SecureCookies = opts[serveOptions](m).secure
	srv.Frozen = m.frozen()
	srv.Unavailable = unavailable
	if w, ok := db.(interface {
		WatchRevisions(context.Context, func(int64))
	}); ok {
		// Revisions written by the other instances on this database
		// rebuild this one's read models (web.Server.Refresh).
		go w.WatchRevisions(ctx, srv.Refresh)
	}
	// SIGHUP reloads, as on SQLite: the data is read again from the
	// database (an import is also announced to every instance by
	// NOTIFY; this is for an operator's reload, and so that the signal a
	// service manager sends for "reload" does not end the server).
	hup := make(chan os.Signal, 1)
	signal.Notify(hup, syscall.SIGHUP)
	defer signal.Stop(hup)
	go func() {
		for {
			select {
			case <-ctx.Done():
				return
			case <-hup:
				start := time.Now()
				if err := srv.Swap(ctx, db); err != nil {
					fmt.Fprintf(m.Stderr, "tokumu: SIGHUP: %s could not be read again, still serving the previous data: %v\n", name, err)
					continue
				}
				fmt.Fprintf(m.Stderr, "tokumu: reloaded %s in %v\n", name, time.Since(start).Round(time.Millisecond))
			}
		}
	}()
	go srv.SweepSessions(ctx, web.SweepEvery)
	if maxConns > 0 {
		srv.Limits.Conns = maxConns
	}
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return err
	}
	fmt.Fprintf(m.Stderr, "tokumu: serving %s on http://%s/ (API: http://%s/api/)\n", name, ln.Addr(), ln.Addr())
	if note := networkNote(ln.Addr()); note != "" {
		fmt.Fprintln(m.Stderr, note)
	}
	return srv.ListenAndServe(ctx, ln)
}

// frozen gives the server the embedded corpus as the release its hash
// names (web.Server.Frozen): read from the binary the first time a
// permalink asks for it.
func (m *Main) frozen() func(string) (*tokumu.Dataset, bool) {
	hash := sync.OnceValues(embeddedHash)
	load := sync.OnceValues(func() (*tokumu.Dataset, error) {
		h, err := hash()
		if err != nil {
			return nil, err
		}
		return m.loadEmbedded(h)
	})
	return func(name string) (*tokumu.Dataset, bool) {
		if h, err := hash(); err != nil || web.ReleaseOf(h) != name {
			return nil, false
		}
		ds, err := load()
		return ds, err == nil
	}
}

// unavailable says why an error is the database's state (web.Server.Unavailable).
func unavailable(err error) string {
	if msg := sqlite.Unavailable(err); msg != "" {
		return msg
	}
	return postgres.Unavailable(err)
}
