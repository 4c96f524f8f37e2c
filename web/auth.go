package web

import (
	"crypto/rand"
	"crypto/sha256"
	"crypto/subtle"
	"encoding/hex"
	"net/http"
	"net/url"
	"sort"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/tokumu/tokumu"
)

// Accounts, sign-in and CSRF. Reading stays open; every write needs an
// account with the editor role (tokumu.AccountRole), named by one of:
//
//   - Authorization: Bearer TOKEN, an API token from `tokumu user add`;
//     no CSRF token is needed, since a browser never adds this header by
//     itself;
//   - the session cookie set by signing in on /signin with an API token:
//     a session token of its own (stored hashed like any token, expiring
//     after sessionTTL), HttpOnly, SameSite=Strict, Secure over TLS. A
//     request it signs that changes anything must carry the session's
//     CSRF token (a form field or the X-CSRF-Token header), or gets 403.
//
// The CSRF token is a hash of the session token, so no table holds it and
// any instance of a team server can check it; a page from another site
// can read neither. The sign-in form, which has no session yet, uses a
// random double-submit cookie instead. Token texts are never logged: the
// log names the account and the token's id only.

const (
	sessionCookie = "tokumu_session"
	signinCookie  = "tokumu_signin" // the sign-in form's double-submit CSRF value
	csrfField     = "csrf"
	csrfHeader    = "X-CSRF-Token"
	sessionTTL    = 12 * time.Hour
)

// who is the account a request is signed with.
type who struct {
	acc *tokumu.Account
	tok *tokumu.Token
	// session is the session token's text when the request was signed by
	// the cookie (its CSRF token derives from it), "" for a Bearer token.
	session string
}

// accountsOf returns the state's store as a tokumu.Accounts, or nil if it
// keeps no accounts (memstore, a read-only snapshot).
func accountsOf(st *state) tokumu.Accounts {
	a, _ := st.store.(tokumu.Accounts)
	return a
}

// signedIn returns the account the request is signed with, nil if none.
// A credential that is present but wrong is an EUNAUTHORIZED error, not
// anonymity: a client with a revoked token learns so.
func (s *Server) signedIn(r *http.Request) (*who, error) {
	acc := accountsOf(s.st(r))
	if h := r.Header.Get("Authorization"); h != "" {
		text, ok := strings.CutPrefix(h, "Bearer ")
		if !ok {
			return nil, tokumu.Errorf(tokumu.EUNAUTHORIZED, "Authorization: give \"Bearer TOKEN\" with a token from 'tokumu user add'")
		}
		if acc == nil {
			return nil, tokumu.Errorf(tokumu.EUNAUTHORIZED, "this server keeps no accounts")
		}
		a, t, err := tokumu.Authenticate(r.Context(), acc, strings.TrimSpace(text), tokumu.TokenAPI, time.Now())
		if err != nil {
			return nil, err
		}
		return &who{acc: a, tok: t}, nil
	}
	c, err := r.Cookie(sessionCookie)
	if err != nil || c.Value == "" || acc == nil {
		return nil, nil
	}
	a, t, err := tokumu.Authenticate(r.Context(), acc, c.Value, tokumu.TokenSession, time.Now())
	if err != nil {
		return nil, nil // an expired session reads as signed out
	}
	return &who{acc: a, tok: t, session: c.Value}, nil
}

// require answers 401 or 403 (JSON) and returns nil unless the request is
// signed by an account with the role and, if it is signed by the session
// cookie, carries its CSRF token.
func (s *Server) require(w http.ResponseWriter, r *http.Request, role tokumu.AccountRole) *who {
	u, err := s.signedIn(r)
	if err == nil && u == nil {
		err = tokumu.Errorf(tokumu.EUNAUTHORIZED, "writing needs an account: send Authorization: Bearer TOKEN (a token from 'tokumu user add NAME --role editor')")
	}
	if err == nil && !u.acc.Role.Allows(role) {
		err = tokumu.Errorf(tokumu.EFORBIDDEN, "account %s is a %s; this needs the %s role", u.acc.Name, u.acc.Role, role)
	}
	if err == nil && u.session != "" && !csrfOK(r, u.session) {
		err = tokumu.Errorf(tokumu.EFORBIDDEN, "the request lacks its CSRF token (form field %q or header %s); reload the page and try again", csrfField, csrfHeader)
	}
	if err == nil {
		err = formUTF8(r)
	}
	if err != nil {
		if tokumu.ErrorCode(err) == tokumu.EUNAUTHORIZED {
			w.Header().Set("WWW-Authenticate", `Bearer realm="tokumu"`)
		}
		s.writeError(w, r, err)
		return nil
	}
	return u
}

// formUTF8 refuses a form whose field names or values are not UTF-8:
// a browser never sends such bytes, and once stored they would reach
// every page, export and index that shows the field. JSON bodies need no
// check (encoding/json replaces such bytes as it decodes).
func formUTF8(r *http.Request) error {
	if err := r.ParseForm(); err != nil {
		return tokumu.Errorf(tokumu.EINVALID, "the form cannot be read: %v", err)
	}
	names := make([]string, 0, len(r.PostForm))
	for k := range r.PostForm {
		names = append(names, k)
	}
	sort.Strings(names)
	for _, k := range names {
		if !utf8.ValidString(k) {
			return tokumu.Errorf(tokumu.EINVALID, "a form field's name %q is not UTF-8 text; send the form as UTF-8", k)
		}
		for _, v := range r.PostForm[k] {
			if !utf8.ValidString(v) {
				return tokumu.Errorf(tokumu.EINVALID, "form field %q is not UTF-8 text; send the form as UTF-8", k)
			}
		}
	}
	return nil
}

// csrfToken is the CSRF token of a session: a hash of its text, which
// only a page that can read the cookie's value — none, it is HttpOnly —
// or this server could compute.
func csrfToken(session string) string {
	h := sha256.Sum256([]byte("tokumu csrf\x00" + session))
	return hex.EncodeToString(h[:])
}

func csrfOK(r *http.Request, session string) bool {
	got := r.Header.Get(csrfHeader)
	if got == "" {
		got = r.PostFormValue(csrfField)
	}
	want := csrfToken(session)
	return len(got) == len(want) && subtle.ConstantTimeCompare([]byte(got), []byte(want)) == 1
}

// setCookie sets a cookie only this site's requests carry and no script
// reads; Secure when the request came over TLS, or always with
// SecureCookies (TLS ended by a proxy in front).
func (s *Server) setCookie(w http.ResponseWriter, r *http.Request, name, value string, maxAge int) {
	http.SetCookie(w, &http.Cookie{Name: name, Value: value, Path: "/", MaxAge: maxAge,
		HttpOnly: true, SameSite: http.SameSiteStrictMode, Secure: r.TLS != nil || s.SecureCookies})
}

// signinPage is the sign-in form.
type signinPage struct {
	base
	CSRF  string
	Next  string
	Error string
	User  string // the account signed in, if any
}

// localPath keeps next to a path on this server, so that the sign-in
// form cannot send anyone elsewhere.
func localPath(next string) string {
	u, err := url.Parse(next)
	if err != nil || next == "" || u.IsAbs() || u.Host != "" || !strings.HasPrefix(next, "/") || strings.HasPrefix(next, "//") || strings.ContainsAny(next, "\\\r\n") {
		return "/changes"
	}
	return next
}

func (s *Server) handleSigninPage(w http.ResponseWriter, r *http.Request) {
	p := &signinPage{base: s.base(r, "", "signin.title"), Next: localPath(r.URL.Query().Get("next"))}
	if u, _ := s.signedIn(r); u != nil {
		p.User = u.acc.Name
		p.CSRF = csrfToken(u.session)
	} else {
		p.CSRF = s.signinCSRF(w, r)
	}
	s.render(w, r, http.StatusOK, "signin", p)
}

// signinCSRF returns the sign-in form's CSRF value, setting its cookie
// if the browser has none.
func (s *Server) signinCSRF(w http.ResponseWriter, r *http.Request) string {
	if c, err := r.Cookie(signinCookie); err == nil && len(c.Value) == 64 {
		return c.Value
	}
	var b [32]byte
	rand.Read(b[:])
	v := hex.EncodeToString(b[:])
	s.setCookie(w, r, signinCookie, v, 3600)
	return v
}

func (s *Server) handleSignin(w http.ResponseWriter, r *http.Request) {
	r.Body = http.MaxBytesReader(w, r.Body, maxFormBytes)
	c, err := r.Cookie(signinCookie)
	got := r.PostFormValue(csrfField)
	if err != nil || len(c.Value) != 64 || subtle.ConstantTimeCompare([]byte(got), []byte(c.Value)) != 1 {
		s.htmlError(w, r, tokumu.Errorf(tokumu.EFORBIDDEN, "the sign-in form lacks its CSRF token; open /signin again"))
		return
	}
	next := localPath(r.PostFormValue("next"))
	fail := func(msg string) {
		p := &signinPage{base: s.base(r, "", "signin.title"), CSRF: c.Value, Next: next, Error: msg}
		s.render(w, r, http.StatusUnauthorized, "signin", p)
	}
	acc := accountsOf(s.st(r))
	if acc == nil {
		fail("This server keeps no accounts.")
		return
	}
	a, _, err := tokumu.Authenticate(r.Context(), acc, strings.TrimSpace(r.PostFormValue("token")), tokumu.TokenAPI, time.Now())
	if tokumu.ErrorCode(err) == tokumu.EUNAUTHORIZED {
		fail("That token is unknown, revoked or expired.")
		return
	}
	if err != nil {
		s.htmlError(w, r, err)
		return
	}
	text, t, err := tokumu.NewToken(a.Name, tokumu.TokenSession, time.Now(), sessionTTL)
	if err == nil {
		err = acc.AddToken(r.Context(), t)
	}
	if err != nil {
		s.htmlError(w, r, err)
		return
	}
	s.Logger.Info("signed in", "account", a.Name, "session", t.ID)
	s.sweepSessions(r.Context()) // sessions.go
	s.setCookie(w, r, sessionCookie, text, int(sessionTTL/time.Second))
	s.setCookie(w, r, signinCookie, "", -1)
	http.Redirect(w, r, next, http.StatusSeeOther)
}

func (s *Server) handleSignout(w http.ResponseWriter, r *http.Request) {
	r.Body = http.MaxBytesReader(w, r.Body, maxFormBytes)
	u, _ := s.signedIn(r)
	if u == nil || u.session == "" {
		http.Redirect(w, r, "/signin", http.StatusSeeOther)
		return
	}
	if !csrfOK(r, u.session) {
		s.htmlError(w, r, tokumu.Errorf(tokumu.EFORBIDDEN, "the sign-out form lacks its CSRF token; reload the page"))
		return
	}
	if err := accountsOf(s.st(r)).RevokeToken(r.Context(), u.tok.ID); err != nil {
		s.htmlError(w, r, err)
		return
	}
	s.setCookie(w, r, sessionCookie, "", -1)
	http.Redirect(w, r, "/signin", http.StatusSeeOther)
}

// maxFormBytes bounds a form or a JSON body: a claim with a long note is a
// few kilobytes.
const maxFormBytes = 64 << 10

// readAllowed enforces ReadRole: on a server closed to the public, a
// request must be signed by an account with that role, except the
// sign-in page and the static files it needs. It answers (401 on the API,
// a redirect to /signin on a page) and returns false when it is not.
func (s *Server) readAllowed(w http.ResponseWriter, r *http.Request) bool {
	if s.ReadRole == "" || r.URL.Path == "/signin" || r.URL.Path == "/signout" || r.URL.Path == "/api/health" || strings.HasPrefix(r.URL.Path, "/static/") {
		return true
	}
	u, err := s.signedIn(r)
	if err == nil && u != nil && u.acc.Role.Allows(s.ReadRole) {
		return true
	}
	if err == nil && u != nil {
		err = tokumu.Errorf(tokumu.EFORBIDDEN, "account %s is a %s; reading this server needs the %s role", u.acc.Name, u.acc.Role, s.ReadRole)
	}
	if err == nil {
		err = tokumu.Errorf(tokumu.EUNAUTHORIZED, "this server is closed to the public: send Authorization: Bearer TOKEN, or sign in on /signin")
	}
	if strings.HasPrefix(r.URL.Path, "/api/") || r.Method != http.MethodGet || tokumu.ErrorCode(err) == tokumu.EFORBIDDEN {
		if tokumu.ErrorCode(err) == tokumu.EUNAUTHORIZED {
			w.Header().Set("WWW-Authenticate", `Bearer realm="tokumu"`)
		}
		s.writeError(w, r, err)
		return false
	}
	http.Redirect(w, r, "/signin?next="+url.QueryEscape(r.URL.RequestURI()), http.StatusSeeOther)
	return false
}
