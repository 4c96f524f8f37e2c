package web

import (
	"bytes"
	"embed"
	"fmt"
	"html/template"
	"net/http"
	"net/url"
	"slices"
	"strings"

	"github.com/tokumu/tokumu"
)

//go:embed templates/*.html
var templateFS embed.FS

// pages holds one template set per page: the layout plus the page's own
// file, so that each page's "main" block is its own.
var pages = map[string]*template.Template{}

func init() {
	files, err := templateFS.ReadDir("templates")
	if err != nil {
		panic(err)
	}
	for _, f := range files {
		name := f.Name()
		if name == "layout.html" || name == "parts.html" {
			continue
		}
		pages[strings.TrimSuffix(name, ".html")] = template.Must(template.New(name).Funcs(funcs).
			ParseFS(templateFS, "templates/layout.html", "templates/parts.html", "templates/"+name))
	}
}

var funcs = template.FuncMap{
	"gradeText":  func(g tokumu.Grade) string { return g.Text() },
	"gradeClass": gradeClass,
	"scriptOf":   scriptOf,
	"year":       func(d tokumu.Day) int { y, _, _ := d.Date(); return y },
	"add":        func(a, b int) int { return a + b },
	"fieldOf":    formField,
}

// field is one text input of a form with its error (changes.go).
type field struct{ Name, Label, Value, Error string }

func formField(f *claimForm, name, label, value string) field {
	return field{Name: name, Label: label, Value: value, Error: f.Errors[name]}
}

// gradeClass returns the CSS class of a grade badge by reliability.
func gradeClass(g tokumu.Grade) string {
	switch g.Reliability {
	case 'A', 'B':
		return "g-hi"
	case 'C':
		return "g-mid"
	}
	return "g-lo"
}

// scriptOf returns the lang attribute for a name's BCP 47 tag, so that the
// browser picks Japanese rather than Chinese glyphs for kanji.
func scriptOf(lang string) string {
	if lang == "" {
		return "und"
	}
	return lang
}

// base is what every page's layout needs. Page structs embed it; its
// methods are the helpers templates call ($.Label "id").
type base struct {
	Title   string
	Nav     string // the current section, for aria-current
	Lang    string
	Path    string // the request path and query, for the language switch
	Scripts []string
	Desc    string
	// SearchText fills the search box, on the search page.
	SearchText string

	sn     *snapshot
	assets *assets
	langQ  url.Values
}

func (s *Server) base(r *http.Request, nav, title string, scripts ...string) base {
	b := base{Title: title, Nav: nav, Lang: langOf(r), Path: r.URL.Path, sn: s.st(r).snap, assets: s.assets, langQ: r.URL.Query()}
	b.Scripts = append([]string{"common"}, scripts...)
	return b
}

// Label returns the display name of an entity in the page's language.
func (b *base) Label(id string) string {
	if l, ok := b.sn.labels[b.Lang][id]; ok {
		return l
	}
	return id
}

// Source returns the bibliography entry with the id, or nil.
func (b *base) Source(id string) *tokumu.Source { return b.sn.Sources[id] }

// Pred returns a predicate's label in the page's language.
func (b *base) Pred(id string) string {
	if p := b.sn.preds[id]; p != nil {
		return p.LabelIn(b.Lang)
	}
	return id
}

// Asset returns the URL of an embedded file, with its content hash so
// that browsers may cache it for good.
func (b *base) Asset(name string) string { return b.assets.url(name) }

// LangURL returns the current page's URL in another language.
func (b *base) LangURL(lang string) string {
	q := url.Values{}
	for k, v := range b.langQ {
		q[k] = v
	}
	q.Set("lang", lang)
	return b.Path + "?" + q.Encode()
}

// Q returns "?lang=xx" for links that keep the page's language when it
// is not English.
func (b *base) Q() string {
	if b.Lang == "en" {
		return ""
	}
	return "?lang=" + b.Lang
}

// render writes page name with data, or a 500 if the template fails; the
// page is rendered into a buffer first so a failure never sends half a page.
func (s *Server) render(w http.ResponseWriter, r *http.Request, status int, name string, data any) {
	t := pages[name]
	if t == nil {
		s.htmlError(w, r, fmt.Errorf("no page template %q", name))
		return
	}
	var buf bytes.Buffer
	if err := t.ExecuteTemplate(&buf, "layout", data); err != nil {
		s.htmlError(w, r, fmt.Errorf("rendering %s: %w", name, err))
		return
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.WriteHeader(status)
	w.Write(buf.Bytes())
}

type errorPage struct {
	base
	Status  int
	Message string
}

// htmlError answers with an HTML error page whose status follows the
// error's code; internal errors are logged and shown only as such.
func (s *Server) htmlError(w http.ResponseWriter, r *http.Request, err error) {
	if stopped(r, err) {
		http.Error(w, "tokumu: the request took too long and was stopped; narrow it", http.StatusServiceUnavailable)
		return
	}
	code := tokumu.ErrorCode(err)
	st := status[code]
	if st == 0 {
		st = http.StatusInternalServerError
	}
	if code == tokumu.EINTERNAL {
		s.Logger.Error("page failed", "url", r.URL.String(), "err", err)
	}
	p := &errorPage{base: s.base(r, "", http.StatusText(st)), Status: st, Message: tokumu.ErrorMessage(err)}
	if name := "error"; pages[name] != nil {
		var buf bytes.Buffer
		if pages[name].ExecuteTemplate(&buf, "layout", p) == nil {
			w.Header().Set("Content-Type", "text/html; charset=utf-8")
			w.WriteHeader(st)
			w.Write(buf.Bytes())
			return
		}
	}
	http.Error(w, p.Message, st)
}

// Link returns a link to an entity's page labelled in the page's
// language, or the id as text if there is no such entity. It is written
// here rather than as a template because pages call it hundreds of times
// and a template call costs several times more; every part is escaped.
func (b *base) Link(id string) template.HTML {
	e := b.sn.Entities[id]
	if e == nil {
		return template.HTML(template.HTMLEscapeString(id))
	}
	var sb strings.Builder
	sb.WriteString(`<a href="/entities/`)
	sb.WriteString(template.HTMLEscapeString(url.PathEscape(id)))
	sb.WriteString(template.HTMLEscapeString(b.Q()))
	sb.WriteString(`" class="ent t-`)
	sb.WriteString(template.HTMLEscapeString(string(e.Type)))
	label := b.Label(id)
	// The interface is English (<html lang="en">); a name shown in the
	// reader's chosen language says so, for screen readers' voices and
	// for the browser's choice of Japanese rather than Chinese glyphs.
	if b.Lang != "en" && label != b.sn.labels["en"][id] {
		sb.WriteString(`" lang="`)
		sb.WriteString(template.HTMLEscapeString(b.Lang))
	}
	sb.WriteString(`">`)
	sb.WriteString(template.HTMLEscapeString(label))
	sb.WriteString(`</a>`)
	return template.HTML(sb.String())
}

// whenCtx is a time with the page's language, for the "when" template.
type whenCtx struct {
	W    tokumu.When
	Lang string
}

// W wraps a time for the "when" template, which shows it in words in the
// page's language (tokumu.When.Human) with the EDTF in its title.
func (b *base) W(w tokumu.When) whenCtx { return whenCtx{W: w, Lang: b.Lang} }

// Human is a time in words in the page's language.
func (b *base) Human(w tokumu.When) string { return w.Human(b.Lang) }

// claimCtx is a claim with what a template needs to render its citation.
type claimCtx struct {
	C *tokumu.Claim
	B *base
}

// CL wraps a claim for the "cite" and "claimval" templates.
func (b *base) CL(c *tokumu.Claim) claimCtx { return claimCtx{C: c, B: b} }

// evCtx is a thesis claim's evidence with the page, for the "evidence" template.
type evCtx struct {
	E evidence
	B *base
}

// Ev wraps evidence for the "evidence" template.
func (b *base) Ev(e evidence) evCtx { return evCtx{E: e, B: b} }

// Snip renders a search snippet, which the search package escapes and
// marks with <mark> (see search.Hit.Snippet). Any other tag is escaped
// again here, so a bug there cannot inject markup.
func (b *base) Snip(s string) template.HTML {
	s = strings.NewReplacer("<mark>", "\x00", "</mark>", "\x01").Replace(s)
	s = strings.NewReplacer("<", "&lt;", ">", "&gt;", "\x00", "<mark>", "\x01", "</mark>").Replace(s)
	return template.HTML(s)
}

// RefHTML is a source's full reference, rendered once by the "reference"
// template when the snapshot is loaded.
func (b *base) RefHTML(src *tokumu.Source) template.HTML {
	if src == nil {
		return ""
	}
	return b.sn.refHTML[src.ID]
}

// RefText is a source's full reference as plain text, for the tooltip of
// a citation (hovering shows it; expanding the citation shows it linked).
func (b *base) RefText(src *tokumu.Source) string {
	if src == nil {
		return ""
	}
	return b.sn.refText[src.ID]
}

// appendNew appends s to list unless it is there already.
func appendNew(list []string, s string) []string {
	if slices.Contains(list, s) {
		return list
	}
	return append(list, s)
}
