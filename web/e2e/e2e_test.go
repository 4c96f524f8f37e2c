// Package e2e drives Debian's Chromium against a real tokumu server on a
// loopback port, serving the embedded corpus from a SQLite file: every
// page loads without console errors and without a request leaving
// 127.0.0.1, a search typed in English, Japanese and Russian reaches the
// entity, the structure view changes across the 1940 reorganization, and
// the map's year slider changes the markers. Each view is screenshotted
// into $TOKUMU_SCREENSHOTS (default $TMPDIR/tokumu-screens).
//
// Chromium must be at /usr/bin/chromium: `bash scripts/test.sh` installs
// it. Without it the tests fail, except under `go test -short`, where
// they are skipped.
package e2e

import (
	"context"
	"net"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/log"
	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"

	"github.com/tokumu/tokumu/internal/corpustest"
	"github.com/tokumu/tokumu/web"
)

const chromium = "/usr/bin/chromium"

var (
	serverOnce sync.Once
	serverURL  string
	serverErr  error
	cleanup    []func()
)

func TestMain(m *testing.M) {
	code := m.Run()
	for _, f := range cleanup {
		f()
	}
	os.Exit(code)
}

// server starts one tokumu server for the package: the embedded corpus
// loaded into a SQLite file, as `tokumu serve` does on first use.
func server(t *testing.T) string {
	t.Helper()
	serverOnce.Do(func() {
		serverURL, serverErr = startServer()
	})
	if serverErr != nil {
		t.Fatalf("starting the server: %v", serverErr)
	}
	return serverURL
}

func startServer() (string, error) {
	ctx := context.Background()
	dir, err := os.MkdirTemp("", "tokumu-e2e-")
	if err != nil {
		return "", err
	}
	cleanup = append(cleanup, func() { os.RemoveAll(dir) })
	db, err := corpustest.Open(ctx, filepath.Join(dir, "tokumu.db"))
	if err != nil {
		return "", err
	}
	cleanup = append(cleanup, func() { db.Close() })
	srv, err := web.New(ctx, db)
	if err != nil {
		return "", err
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return "", err
	}
	sctx, cancel := context.WithCancel(ctx)
	cleanup = append(cleanup, cancel)
	go srv.ListenAndServe(sctx, ln)
	return "http://" + ln.Addr().String(), nil
}

// browser is one Chromium with a fresh profile, and what it saw: console
// errors, uncaught exceptions, failed loads and every request's URL.
type browser struct {
	ctx context.Context

	mu       sync.Mutex
	errs     []string
	requests []string
}

func newBrowser(t *testing.T) *browser {
	t.Helper()
	if _, err := os.Stat(chromium); err != nil {
		if testing.Short() {
			t.Skipf("%s not found; skipped under -short (run `bash scripts/test.sh` to install it)", chromium)
		}
		t.Fatalf("%s not found: the web UI's end-to-end tests need Debian's Chromium; run `bash scripts/test.sh`, which installs it (or `go test -short` to skip them)", chromium)
	}
	// A fresh profile, removed after the browser has gone (t.TempDir would
	// race with Chromium still writing to it).
	profile, err := os.MkdirTemp("", "tokumu-chromium-")
	if err != nil {
		t.Fatal(err)
	}
	opts := []chromedp.ExecAllocatorOption{
		chromedp.ExecPath(chromium),
		chromedp.Flag("headless", true),
		chromedp.Flag("no-sandbox", true),
		chromedp.Flag("disable-gpu", true),
		chromedp.Flag("disable-quic", true),
		chromedp.Flag("no-first-run", true),
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.Flag("disable-dev-shm-usage", true),
		chromedp.UserDataDir(profile),
		chromedp.WindowSize(1280, 900),
	}
	actx, cancelA := chromedp.NewExecAllocator(context.Background(), opts...)
	ctx, cancelC := chromedp.NewContext(actx)
	ctx, cancelT := context.WithTimeout(ctx, 3*time.Minute)
	t.Cleanup(func() { cancelT(); cancelC(); cancelA(); os.RemoveAll(profile) })
	b := &browser{ctx: ctx}
	chromedp.ListenTarget(ctx, func(ev any) {
		b.mu.Lock()
		defer b.mu.Unlock()
		switch ev := ev.(type) {
		case *runtime.EventConsoleAPICalled:
			if ev.Type == runtime.APITypeError || ev.Type == runtime.APITypeAssert {
				var args []string
				for _, a := range ev.Args {
					args = append(args, string(a.Value)+a.Description)
				}
				b.errs = append(b.errs, "console."+string(ev.Type)+": "+strings.Join(args, " "))
			}
		case *runtime.EventExceptionThrown:
			msg := ev.ExceptionDetails.Text
			if ev.ExceptionDetails.Exception != nil {
				msg += " " + ev.ExceptionDetails.Exception.Description
			}
			b.errs = append(b.errs, "exception: "+msg)
		case *log.EventEntryAdded:
			if ev.Entry.Level == log.LevelError {
				b.errs = append(b.errs, "log: "+ev.Entry.Text+" "+ev.Entry.URL)
			}
		case *network.EventRequestWillBeSent:
			b.requests = append(b.requests, ev.Request.URL)
		}
	})
	if err := chromedp.Run(ctx, network.Enable(), log.Enable(), runtime.Enable()); err != nil {
		t.Fatalf("starting chromium: %v", err)
	}
	return b
}

// check fails the test for every console error seen and every request to
// a host other than 127.0.0.1, then forgets them.
func (b *browser) check(t *testing.T, page string) {
	t.Helper()
	b.mu.Lock()
	defer b.mu.Unlock()
	for _, e := range b.errs {
		t.Errorf("%s: %s", page, e)
	}
	if len(b.requests) == 0 {
		t.Errorf("%s: no request recorded; the network log is not working", page)
	}
	for _, r := range b.requests {
		u, err := url.Parse(r)
		if err != nil {
			t.Errorf("%s: request to unparsable URL %q", page, r)
			continue
		}
		if u.Scheme == "data" {
			continue // inline, never leaves the page
		}
		if u.Hostname() != "127.0.0.1" {
			t.Errorf("%s: request left localhost: %s", page, r)
		}
	}
	b.errs, b.requests = nil, nil
}

// run runs actions, failing the test if they take more than 20 seconds.
func (b *browser) run(t *testing.T, what string, actions ...chromedp.Action) {
	t.Helper()
	b.runFor(t, 20*time.Second, what, actions...)
}

// runFor is run with its own time limit: axe-core walks every element of
// a page, and on the bibliography's 650 references it takes most of 20
// seconds on two busy cores.
func (b *browser) runFor(t *testing.T, limit time.Duration, what string, actions ...chromedp.Action) {
	t.Helper()
	ctx, cancel := context.WithTimeout(b.ctx, limit)
	defer cancel()
	if err := chromedp.Run(ctx, actions...); err != nil {
		t.Fatalf("%s: %v", what, err)
	}
}

// screenshot writes a full-page PNG of the current page.
func (b *browser) screenshot(t *testing.T, name string) {
	t.Helper()
	dir := os.Getenv("TOKUMU_SCREENSHOTS")
	if dir == "" {
		dir = filepath.Join(os.TempDir(), "tokumu-screens")
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	var png []byte
	b.run(t, "screenshot "+name, chromedp.FullScreenshot(&png, 100))
	path := filepath.Join(dir, name+".png")
	if err := os.WriteFile(path, png, 0o644); err != nil {
		t.Fatal(err)
	}
	t.Logf("screenshot: %s", path)
}

// settle waits until the page has fetched what it needs (the map fetches
// its basemap) so that late errors are caught too.
func settle() chromedp.Action { return chromedp.Sleep(300 * time.Millisecond) }
