package web

import (
	"net"
	"net/http"
	"slices"
	"strings"
	"sync"
	"time"
)

// Limits bound what one client can hold of the server. Without them an
// idle keep-alive connection stayed open forever (282 of 300 descriptors
// held by idle clients locked every new one out), and a slow body or a
// slow reader held a connection for as long as it liked.
type Limits struct {
	// Conns is the most connections open at once. At the cap the oldest
	// idle connection is closed to make room; while every connection is
	// busy, new ones wait in the kernel's backlog.
	Conns int
	// Request bounds a request's handling: at the deadline its context is
	// cancelled (stopping the store's query) and the answer is a 503.
	Request time.Duration
	// ReadHeader, Read, Write and Idle are http.Server's timeouts;
	// MaxHeaderBytes its header cap.
	ReadHeader, Read, Write, Idle time.Duration
	MaxHeaderBytes                int
}

// DefaultLimits suit a read-only server of one corpus: every answer is
// capped (see Params), so a well-formed request takes milliseconds to a
// second, and Write leaves room past Request for a slow but honest link.
var DefaultLimits = Limits{
	Conns:          256,
	Request:        10 * time.Second,
	ReadHeader:     5 * time.Second,
	Read:           10 * time.Second,
	Write:          30 * time.Second,
	Idle:           15 * time.Second,
	MaxHeaderBytes: 64 << 10,
}

func (s *Server) httpServer() *http.Server {
	l := s.Limits
	return &http.Server{Handler: s, ReadHeaderTimeout: l.ReadHeader, ReadTimeout: l.Read,
		WriteTimeout: l.Write, IdleTimeout: l.Idle, MaxHeaderBytes: l.MaxHeaderBytes}
}

// csp allows what the pages use and nothing more: scripts, styles and
// images from the server itself (the pages' JSON rides in
// <script type="application/json">, which is data, not script; the
// scripts style elements through the CSSOM, which needs no
// 'unsafe-inline'), data: images for the basemap, no plugins, no <base>,
// forms only to the server, and no framing (clickjacking).
const csp = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"

// setHeaders sets the security headers every answer carries, errors and
// the timeout's 503 included.
func setHeaders(h http.Header) {
	h.Set("Content-Security-Policy", csp)
	h.Set("X-Content-Type-Options", "nosniff")
	h.Set("X-Frame-Options", "DENY") // frame-ancestors for older browsers
	h.Set("Referrer-Policy", "no-referrer")
	h.Set("Cross-Origin-Opener-Policy", "same-origin")
}

// AllowHosts turns on the Host check: requests must name localhost,
// 127.0.0.1, ::1 or one of hosts (a name or an address, without port).
// ListenAndServe calls it for a loopback address. The check defeats DNS
// rebinding: a web page whose own name resolves to 127.0.0.1 sends its
// own name as Host, and is refused.
func (s *Server) AllowHosts(hosts ...string) {
	s.hosts = map[string]bool{"localhost": true, "127.0.0.1": true, "::1": true}
	for _, h := range hosts {
		s.hosts[strings.ToLower(strings.Trim(h, "[]"))] = true
	}
}

func (s *Server) hostAllowed(hostport string) bool {
	if s.hosts == nil {
		return true
	}
	h := hostport
	if host, _, err := net.SplitHostPort(hostport); err == nil {
		h = host
	}
	h = strings.TrimSuffix(strings.ToLower(strings.Trim(h, "[]")), ".")
	return s.hosts[h]
}

func (s *Server) hostList() string {
	var l []string
	for h := range s.hosts {
		l = append(l, h)
	}
	slices.Sort(l)
	return strings.Join(l, ", ")
}

// stopped reports whether err came after the request's deadline or its
// client's departure (the store's query was interrupted), rather than
// from a fault worth logging.
func stopped(r *http.Request, err error) bool {
	return err != nil && r.Context().Err() != nil
}

// limitListener accepts at most cap connections at once (a semaphore, as
// golang.org/x/net/netutil.LimitListener, plus eviction): when every slot
// is taken it closes the connection idle the longest, so idle keep-alive
// clients cannot lock out new ones, then waits for a slot.
type limitListener struct {
	net.Listener
	sem  chan struct{}
	done chan struct{}
	once sync.Once

	mu   sync.Mutex
	idle map[net.Conn]time.Time // connections between requests, since when
}

func newLimitListener(ln net.Listener, n int) *limitListener {
	if n <= 0 {
		n = DefaultLimits.Conns
	}
	return &limitListener{Listener: ln, sem: make(chan struct{}, n), done: make(chan struct{}), idle: map[net.Conn]time.Time{}}
}

func (l *limitListener) Accept() (net.Conn, error) {
	select {
	case l.sem <- struct{}{}:
	default:
		l.evictIdle()
		select {
		case l.sem <- struct{}{}:
		case <-l.done:
			return nil, net.ErrClosed
		}
	}
	c, err := l.Listener.Accept()
	if err != nil {
		<-l.sem
		return nil, err
	}
	lc := &limitConn{Conn: c}
	lc.release = sync.OnceFunc(func() {
		l.mu.Lock()
		delete(l.idle, lc)
		l.mu.Unlock()
		<-l.sem
	})
	return lc, nil
}

func (l *limitListener) Close() error {
	l.once.Do(func() { close(l.done) })
	return l.Listener.Close()
}

// connState is the http.Server hook that keeps the idle set.
func (l *limitListener) connState(c net.Conn, st http.ConnState) {
	l.mu.Lock()
	defer l.mu.Unlock()
	if st == http.StateIdle {
		l.idle[c] = time.Now()
	} else {
		delete(l.idle, c)
	}
}

// evictIdle closes the connection idle the longest, if any.
func (l *limitListener) evictIdle() {
	l.mu.Lock()
	var oldest net.Conn
	var since time.Time
	for c, t := range l.idle {
		if oldest == nil || t.Before(since) {
			oldest, since = c, t
		}
	}
	delete(l.idle, oldest)
	l.mu.Unlock()
	if oldest != nil {
		oldest.Close()
	}
}

type limitConn struct {
	net.Conn
	release func()
}

func (c *limitConn) Close() error {
	err := c.Conn.Close()
	c.release()
	return err
}
