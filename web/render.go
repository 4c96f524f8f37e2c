package web

import (
	"bytes"
	"embed"
	"fmt"
	"html/template"
	"net/http"
	"net/url"
	"regexp"
	"slices"
	"strings"
	"unicode"

	"github.com/tokumu/tokumu"
	"github.com/tokumu/tokumu/web/i18n"
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
	"idList":     func(ids []string) string { return strings.Join(ids, ", ") },
}

// field is one text input of a form with its error (changes.go).
type field struct{ Name, Label, Value, Error string }

func formField(f *claimForm, name, label, value string) field {
	return field{Name: name, Label: f.T(label), Value: value, Error: f.Errors[name]}
}

// gradeClass returns the CSS classes of a grade badge: one by the
// source's reliability (A–B high, C middling, D–F low), one by the
// information's credibility (1–2 high, 3 middling, 4–6 low), so that a
// doubtful report from a good source (B4) is not coloured as a confirmed
// one (B1). A grade without a credibility is coloured by reliability.
func gradeClass(g tokumu.Grade) string {
	r := "g-lo"
	switch g.Reliability {
	case 'A', 'B':
		r = "g-hi"
	case 'C':
		r = "g-mid"
	}
	switch g.Credibility {
	case 1, 2:
		return r + " gc-hi"
	case 3:
		return r + " gc-mid"
	case 4, 5, 6:
		return r + " gc-lo"
	}
	return r
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
	// Origin is the scheme and host the request came to, for a view's
	// citation ("http://127.0.0.1:8080").
	Origin string
	// Account is what the header says of signing in: nil on a server
	// that keeps no accounts, else who the request is signed as (User
	// "" when no one), so that a reader knows before pressing Edit.
	Account *pageAccount

	sn     *snapshot
	assets *assets
	// view is a visual page's parameters in effect, defaults filled in
	// (setView): what its citation and its data links name, so that they
	// keep meaning the same view when the corpus's defaults change.
	view  url.Values
	langQ url.Values
	p     *i18n.Printer
}

// pageAccount is the header's sign-in state.
type pageAccount struct {
	User, Role string
	CSRF       string // for the sign-out form; "" when signed by a Bearer token
}

// base starts a page. title is a message key of the catalogue (then it is
// translated) or, for a name, the text itself.
func (s *Server) base(r *http.Request, nav, title string, scripts ...string) base {
	lang := langOf(r)
	b := base{Title: title, Nav: nav, Lang: lang, Path: r.URL.Path, sn: s.st(r).snap, assets: s.assets, langQ: r.URL.Query(), p: i18n.For(lang),
		Origin: strings.TrimSuffix(baseURL(r), "/")}
	if i18n.Has(title) {
		b.Title = b.T(title)
	}
	if accountsOf(s.st(r)) != nil {
		b.Account = &pageAccount{}
		// Only a request with a credential costs a look-up; one that
		// fails reads as signed out here (the write it tries says why).
		if u, _ := s.signedIn(r); u != nil {
			b.Account.User, b.Account.Role = u.acc.Name, string(u.acc.Role)
			if u.session != "" {
				b.Account.CSRF = csrfToken(u.session)
			}
		}
	}
	b.Scripts = append([]string{"common"}, scripts...)
	return b
}

// T is a message of the interface in the page's language (web/i18n).
func (b *base) T(key string, args ...any) string { return b.pr().T(key, args...) }

// TH is a message with links or other markup (template.HTML) among its
// arguments; the rest is escaped.
func (b *base) TH(key string, args ...any) template.HTML { return b.pr().HTML(key, args...) }

// Days is a count of days in words ("31 days", «31 день», «730 дней»),
// for a message that speaks of a window: «730 дн.» read as a form.
func (b *base) Days(n any) string { return b.T("n.days", n) }

// N is a number grouped as the page's language writes it (1,226 · 1 226).
func (b *base) N(n any) string { return b.pr().Num(n) }

// pr is the page's printer; a base built by hand (tests, caches) gets its
// language's.
func (b *base) pr() *i18n.Printer {
	if b.p == nil || b.p.Lang() != b.Lang {
		b.p = i18n.For(b.Lang)
	}
	return b.p
}

// TypeName is an entity type, a source kind or another closed value of the
// domain in the page's language: the catalogue key is prefix + value, and
// a value the catalogue lacks shows as itself. Spaces in the value are
// underscores in the key.
func (b *base) TypeName(prefix string, v any) string {
	k := prefix + strings.ReplaceAll(fmt.Sprint(v), " ", "_")
	if i18n.Has(k) {
		return b.T(k)
	}
	return fmt.Sprint(v)
}

// byLabel is a copy of values (tags) in the order of their labels in the
// page's language (TypeName, ordered by sortKey as every list is):
// «диверсии» among the Д, not where the English id "sabotage" would put
// it.
func (b *base) byLabel(prefix string, values []string) []string {
	out := slices.Clone(values)
	sortByKey(out, func(v string) string { return sortKey(b.Lang, b.TypeName(prefix, v)) })
	return out
}

// Fallback marks a corpus text (a summary, a note) shown in another
// language than the page's: its lang attribute, for screen readers and
// glyph choice, and a small marker from the catalogue saying which.
// textLang is the text's language ("" when unknown: English, the corpus's
// default).
func (b *base) Fallback(textLang string) template.HTMLAttr {
	if textLang == "" {
		textLang = "en"
	}
	if textLang == b.Lang {
		return ""
	}
	return template.HTMLAttr(`lang="` + template.HTMLEscapeString(textLang) + `"`)
}

// ErrCount is the number of problems a page reports: none but on a form
// sent back (editForm, claimForm), whose title then begins with it, so
// that a screen reader hears at once that the form was not saved.
func (b *base) ErrCount() int { return 0 }

// NameKind is a name's kind in the page's language; a kana form of a
// Japanese name is its reading (読み), not a transcription.
func (b *base) NameKind(n tokumu.Name) string {
	if n.Kind == tokumu.Transcribed && (n.Lang == "ja-Hira" || n.Lang == "ja-Kana") {
		return b.T("namekind.reading")
	}
	return b.TypeName("namekind.", n.Kind)
}

// Reading is the kana reading of a person's Japanese name, shown under
// the name on a Japanese page as reference works give it: 秋草俊（あき
// くさ しゅん）. "" on other pages, for what is not a person (the kana
// form of an operation may read its abbreviation: かんとくえん is 関特演,
// not 関東軍特種演習), or where the corpus has none.
func (b *base) Reading(e *tokumu.Entity) string {
	if b.Lang != "ja" || e == nil || e.Type != tokumu.Person {
		return ""
	}
	for _, n := range e.Names {
		if n.Kind == tokumu.Transcribed && (n.Lang == "ja-Hira" || n.Lang == "ja-Kana") && n.When.IsZero() {
			return n.Text
		}
	}
	return ""
}

// ScriptLang is Fallback for a text whose language is not recorded (a
// search snippet or matched name, the source's words in named_as): the
// language its script shows (tokumu.ScriptLang: ru for Cyrillic, ja for
// kana), English for Latin letters, and nothing where the script leaves
// it open (Han alone: Japanese or Chinese). A screen reader changes voice
// only on lang; Сталин read by an English voice is spelled out or lost.
func (b *base) ScriptLang(s string) template.HTMLAttr {
	l, why := tokumu.ScriptLang(s)
	if why != "" {
		return ""
	}
	return b.Fallback(l)
}

// TextLang is the lang attribute of a source's text in a script other
// than its language's: an English translation of the Great Soviet
// Encyclopedia whose body is named «Большая советская энциклопедия» is
// English, its author's name Russian. Latin text, and text in the
// language's own script, take SourceLang.
func (b *base) TextLang(src *tokumu.Source, text string) template.HTMLAttr {
	if l, why := tokumu.ScriptLang(text); l != "" && why == "" && src != nil && !strings.HasPrefix(src.Language, l) {
		return b.Fallback(l)
	}
	return b.SourceLang(src)
}

// SourceLang is the lang attribute for a source's title and authors: the
// language its entry records, else the one its title's script shows.
func (b *base) SourceLang(src *tokumu.Source) template.HTMLAttr {
	if src == nil {
		return ""
	}
	if src.Language != "" {
		return b.Fallback(src.Language)
	}
	return b.ScriptLang(src.Title)
}

// FallbackMark is the visible marker of Fallback: "(in English)" in the
// page's language, or nothing when the text is in it.
func (b *base) FallbackMark(textLang string) template.HTML {
	if textLang == "" {
		textLang = "en"
	}
	if textLang == b.Lang || !i18n.Has("lang.in."+textLang) {
		return ""
	}
	return template.HTML(` <span class="in-lang" lang="` + b.Lang + `">` + template.HTMLEscapeString(b.T("lang.in."+textLang)) + `</span>`)
}

// Label returns the display name of an entity in the page's language.
func (b *base) Label(id string) string {
	if l, ok := b.sn.label(b.Lang, id); ok {
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

// PredWith joins a predicate's label to the linked name of the other
// party ("part of Kwantung Army", «в составе: Квантунская армия»): Russian
// labels are nouns, and a colon keeps the name in the nominative.
func (b *base) PredWith(id string, link template.HTML) template.HTML {
	return b.TH("pred.with", b.Pred(id), link)
}

// PredSep is what stands between a predicate's label and the other
// party or value when markup keeps them apart (a link on the label): the
// space or colon of "pred.with".
func (b *base) PredSep() string { return b.T("pred.with", "", "") }

// PredWhen joins a label that names no other party to its date ("founded
// April 1919", «создание (апрель 1919 г.)»).
func (b *base) PredWhen(id, when string) string { return b.T("pred.when", b.Pred(id), when) }

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

// Here is the page's own address, path and query, for a link that must
// come back to it (sign-in's next).
func (b *base) Here() string {
	if q := b.langQ.Encode(); q != "" {
		return b.Path + "?" + q
	}
	return b.Path
}

// ChicagoHTML is a Chicago citation, which is English, with the quoted
// title of the page it cites marked in its own language where its script
// shows one: “Организационная структура: …” is read as Russian.
func (b *base) ChicagoHTML(c string) template.HTML {
	i := strings.Index(c, "“")
	j := strings.Index(c, "”")
	if i < 0 || j < i {
		return template.HTML(esc(c))
	}
	t := c[i+len("“") : j]
	l, why := tokumu.ScriptLang(t)
	if l == "" || why != "" {
		return template.HTML(esc(c))
	}
	return template.HTML(esc(c[:i]) + `“<span lang="` + l + `">` + esc(t) + `</span>”` + esc(c[j+len("”"):]))
}

// NoteHTML is an editors' note with the keys it names made links: a
// source, entity or claim named in parentheses, as notes name them
// ("Nipponica (kotobank-hashimoto)", "(zor23, p. 12)"), and a claim id
// anywhere ("Weighs soviet-transfers-west-1941~aeea7f0b4c7b4ec8"). The
// link's title is the source's short citation or the entity's label in
// the page's language; the rest of the note is text. A key the corpus
// does not hold stays text (tokumu check warns of it).
func (b *base) NoteHTML(note string) template.HTML {
	var sb strings.Builder
	last := 0
	for _, m := range noteRefRE.FindAllStringSubmatchIndex(note, -1) {
		s, e := m[2], m[3]
		if s < 0 {
			s, e = m[4], m[5]
		}
		key := note[s:e]
		href, title := b.noteRef(key)
		if href == "" {
			continue
		}
		sb.WriteString(esc(note[last:s]))
		sb.WriteString(`<a href="` + esc(href) + `" title="` + esc(title) + `">` + esc(key) + `</a>`)
		last = e
	}
	sb.WriteString(esc(note[last:]))
	return template.HTML(sb.String())
}

// noteRefRE finds a key in parentheses — its first word, before a comma,
// a semicolon or the closing parenthesis — or a claim id anywhere.
var noteRefRE = regexp.MustCompile(`\(([a-z][a-z0-9]*(?:-[a-z0-9]+)*(?:~[0-9a-f]{16})?)[,;)]|\b([a-z0-9][a-z0-9-]*~[0-9a-f]{16})\b`)

// noteRef is where a note's key links, and the link's title; "" for a key
// that is no source, entity or claim's entity here.
func (b *base) noteRef(key string) (href, title string) {
	if ent, _, ok := strings.Cut(key, "~"); ok {
		if b.sn.Entities[ent] == nil {
			return "", ""
		}
		return "/claims/" + url.PathEscape(key) + b.Q(), b.Label(ent)
	}
	if s := b.sn.Sources[key]; s != nil {
		return "/sources/" + url.PathEscape(key) + b.Q(), b.ShortCite(s)
	}
	if b.sn.Entities[key] != nil {
		return "/entities/" + url.PathEscape(key) + b.Q(), b.Label(key)
	}
	return "", ""
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
	rememberLang(w, r)
	w.WriteHeader(status)
	w.Write(buf.Bytes())
}

// langCookie keeps the reader's choice of language: set when a page is
// asked for with ?lang=, read by langOf when a later request has none.
const langCookie = "lang"

// rememberLang sets the language cookie when the request chose a language
// by its URL that the cookie does not hold yet, and says that pages vary
// by cookie and Accept-Language.
func rememberLang(w http.ResponseWriter, r *http.Request) {
	w.Header().Add("Vary", "Accept-Language, Cookie")
	l := r.URL.Query().Get("lang")
	if !isUILang(l) {
		return
	}
	if c, err := r.Cookie(langCookie); err == nil && c.Value == l {
		return
	}
	http.SetCookie(w, &http.Cookie{Name: langCookie, Value: l, Path: "/", MaxAge: 365 * 24 * 3600, SameSite: http.SameSiteLaxMode, HttpOnly: true})
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
		if err = s.unavailable(err); tokumu.ErrorCode(err) == tokumu.EUNAVAILABLE {
			st = status[tokumu.EUNAVAILABLE]
		}
	}
	p := &errorPage{base: s.base(r, "", http.StatusText(st)), Status: st, Message: tokumu.ErrorMessage(err)}
	if k := fmt.Sprintf("error.status.%d", st); i18n.Has(k) {
		p.Title = p.T(k)
	}
	if name := "error"; pages[name] != nil {
		var buf bytes.Buffer
		if pages[name].ExecuteTemplate(&buf, "layout", p) == nil {
			w.Header().Set("Content-Type", "text/html; charset=utf-8")
			rememberLang(w, r)
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
func (b *base) Link(id string) template.HTML { return b.linkAs(id, b.Label(id)) }

// LinkOn is Link followed, where the entity bore another name on the
// first day of w, by that name: an estimate of July 1932 by the Russia
// Section "(then the Russia Group)".
func (b *base) LinkOn(id string, w tokumu.When) template.HTML {
	return b.Link(id) + template.HTML(b.thenHTML(id, w))
}

// linkAs is Link with the link's text given (an index's surname-first
// form of the label).
func (b *base) linkAs(id, label string) template.HTML {
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
	// The page declares its language (<html lang>); a name that falls back
	// to its English label on a Japanese or Russian page says so, for
	// screen readers' voices.
	if l := b.sn.labelLang(b.Lang, id); l != "" && b.Lang != "en" {
		sb.WriteString(`" lang="`)
		sb.WriteString(template.HTMLEscapeString(l))
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
	b    *base
}

// W wraps a time for the "when" template, which shows it in words in the
// page's language (tokumu.When.Human) with the EDTF in its title.
func (b *base) W(w tokumu.When) whenCtx { return whenCtx{W: w, Lang: b.Lang, b: b} }

// Undated is the word for a claim without a date, in the page's language.
func (c whenCtx) Undated() string { return c.b.T("when.undated") }

// HTML is the time as the "when" template shows it (base.WhenHTML).
func (c whenCtx) HTML() template.HTML { return c.b.WhenHTML(c.W) }

// Human is a time in words in the page's language.
func (b *base) Human(w tokumu.When) string { return w.Human(b.Lang) }

// Day writes one day in the page's language ("30 September 1945",
// "1945年9月30日"): a bound the evidence sets, which is a day, not an
// EDTF date of a claim.
func (b *base) Day(d tokumu.Day) string {
	w, _, err := tokumu.ParseWhen(d.String())
	if err != nil {
		return d.String()
	}
	return w.Human(b.Lang)
}

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
// template, on the snapshot's first page that cites a source (refs).
func (b *base) RefHTML(src *tokumu.Source) template.HTML {
	if src == nil {
		return ""
	}
	b.sn.refs()
	if h, ok := b.sn.refHTML[b.Lang][src.ID]; ok {
		return h
	}
	return b.sn.refHTML["en"][src.ID]
}

// Authors is a reference's authors joined by "; " and closed by a period,
// unless the last one ends with one already ("Coox, Alvin D.", not
// "Coox, Alvin D..").
func (b *base) Authors(s *tokumu.Source) string {
	if s == nil || len(s.Authors) == 0 {
		return ""
	}
	out := tokumu.JoinAgents(s.Authors)
	if !strings.HasSuffix(out, ".") {
		out += "."
	}
	return out
}

// Editors is a source's editors, names as References writes them, for
// the reference template ("edited by", 編, под ред.).
func (b *base) Editors(s *tokumu.Source) string {
	if s == nil || len(s.Editors) == 0 {
		return ""
	}
	return tokumu.JoinNames(s.Editors)
}

// TitleGloss is a source's English gloss of its title, for a reader who
// may not read the title's language: none on a page in that language.
func (b *base) TitleGloss(s *tokumu.Source) string {
	if s.Language != "" && strings.HasPrefix(s.Language, b.Lang) {
		return ""
	}
	return s.TitleEn
}

// RefTitle is a source's title for the reference template: on a Japanese
// page, the title of a Japanese or Chinese work in the brackets Japanese
// reference lists use — 『』 for a book or a whole work, 「」 for an
// article, a chapter or an entry — and its container in 『』; elsewhere
// as it is. Part says which is asked: "title" or "container".
func (b *base) RefTitle(s *tokumu.Source, part string) string {
	t := s.Title
	if part == "container" {
		t = s.Container
	}
	if t == "" || b.Lang != "ja" || !(strings.HasPrefix(s.Language, "ja") || strings.HasPrefix(s.Language, "zh")) {
		return t
	}
	if part == "container" {
		return "『" + t + "』"
	}
	// A part of a larger work takes 「」; a work that stands alone (a
	// book, a report, a dissertation, a manuscript) 『』.
	if strings.HasPrefix(s.Type, "article") || strings.HasPrefix(s.Type, "entry") || strings.HasPrefix(s.Type, "post") ||
		s.Type == "chapter" || s.Type == "paper-conference" || s.Type == "webpage" || s.Type == "interview" || s.Type == "speech" {
		return "「" + t + "」"
	}
	return "『" + t + "』"
}

// ValueLang is the lang attribute of a claim's text value: its own
// language, or English (the corpus's default) for a text without one,
// when that is not the page's. Figures and other values without letters
// have none.
func (b *base) ValueLang(c *tokumu.Claim) template.HTMLAttr {
	if c == nil || !strings.ContainsFunc(c.Value, unicode.IsLetter) {
		return ""
	}
	return b.Fallback(c.Lang)
}

// ValueMark is the "(in English)" marker after a claim's text value in
// another language than the page's, for sentences (four words or more):
// a rank or a code name needs none.
func (b *base) ValueMark(c *tokumu.Claim) template.HTML {
	if c == nil || len(strings.Fields(c.Value)) < 4 {
		return ""
	}
	return b.FallbackMark(c.Lang)
}

// refCtx is a source with the page, for the "reference" template.
type refCtx struct {
	S *tokumu.Source
	B *base
}

// RefText is a source's full reference as plain text, for the tooltip of
// a citation (hovering shows it; expanding the citation shows it linked).
func (b *base) RefText(src *tokumu.Source) string {
	if src == nil {
		return ""
	}
	b.sn.refs()
	return b.sn.refText[src.ID]
}

// appendNew appends s to list unless it is there already.
func appendNew(list []string, s string) []string {
	if slices.Contains(list, s) {
		return list
	}
	return append(list, s)
}

// gradeCtx is a grade with the page, for the "grade" template.
type gradeCtx struct {
	G tokumu.Grade
	B *base
}

// G wraps a grade for the "grade" template.
func (b *base) G(g tokumu.Grade) gradeCtx { return gradeCtx{G: g, B: b} }

// GradeText spells a grade out in the page's language: "usually reliable,
// doubtful". The words are the catalogue's grade.r.* and grade.c.*.
func (b *base) GradeText(g tokumu.Grade) string {
	r := b.T("grade.r." + string(g.Reliability))
	if g.Reliability == 0 {
		r = b.T("grade.r.none")
	}
	return b.T("grade.text", r, b.T(fmt.Sprintf("grade.c.%d", g.Credibility)))
}

// pagerCtx is a pager with the page, for the "pager" template.
type pagerCtx struct {
	P pager
	B *base
}

// PG wraps a pager for the "pager" template.
func (b *base) PG(p pager) pagerCtx { return pagerCtx{P: p, B: b} }

// tctx hands a partial template its data (V) and the page (B), whose T
// translates the partial's own words.
type tctx struct {
	V any
	B *base
}

// Ctx wraps v for a partial that has words of its own (citethis, exportmenu).
func (b *base) Ctx(v any) tctx { return tctx{V: v, B: b} }

// OriginURL is the address of the line a claim is written on in the
// corpus's repository (Settings.Repository), or "" when no repository is
// set or the claim has no origin: readers are not shown a local path.
func (b *base) OriginURL(c *tokumu.Claim) string {
	if c == nil || c.Origin == "" || b.sn == nil || b.sn.Corpus == nil || b.sn.Settings.Repository == "" {
		return ""
	}
	return originURL(b.sn.Settings.Repository, c.Origin)
}

// originURL joins a repository's base URL and an origin "path/file.yaml:26"
// into ".../path/file.yaml#L26", the form GitHub, GitLab and Gitea use for
// a line.
func originURL(repo, origin string) string {
	file, line, _ := strings.Cut(origin, ":")
	u := strings.TrimSuffix(repo, "/") + "/"
	for i, part := range strings.Split(file, "/") {
		if i > 0 {
			u += "/"
		}
		u += url.PathEscape(part)
	}
	if line != "" {
		u += "#L" + url.PathEscape(line)
	}
	return u
}

// langText is a corpus text with the language it is in.
type langText struct{ Text, Lang string }

// Sum is an entity's summary in the page's language, else in English
// (marked by its Lang, for Fallback), else nil.
func (b *base) Sum(e *tokumu.Entity) *langText {
	if e == nil {
		return nil
	}
	if t := e.Summary[b.Lang]; t != "" {
		return &langText{t, b.Lang}
	}
	if t := e.Summary["en"]; t != "" {
		return &langText{t, "en"}
	}
	return nil
}

// HTMLText wraps escaped text in an inline element (em, strong, code),
// for a word a message sets off.
func (b *base) HTMLText(tag, text string) template.HTML {
	switch tag {
	case "em", "strong", "code", "i":
	default:
		tag = "span"
	}
	return template.HTML("<" + tag + ">" + template.HTMLEscapeString(text) + "</" + tag + ">")
}

// Name is an entity's label in the page's language where a template shows
// it without a link: marked as a name (class "name"), and with its
// language when that is not the page's, as Link does.
func (b *base) Name(id string) template.HTML {
	var sb strings.Builder
	sb.WriteString(`<span class="name"`)
	if l := b.sn.labelLang(b.Lang, id); l != "" && b.Lang != "en" {
		sb.WriteString(` lang="` + template.HTMLEscapeString(l) + `"`)
	}
	sb.WriteString(`>` + template.HTMLEscapeString(b.Label(id)) + `</span>`)
	return template.HTML(sb.String())
}

// CodeLink is a link whose text is its own address, as code: for API
// addresses inside a sentence.
func (b *base) CodeLink(href string) template.HTML {
	h := template.HTMLEscapeString(href)
	return template.HTML(`<a href="` + h + `"><code>` + h + `</code></a>`)
}

// Reason is a disagreement's reason (view.Disagreement.Reason, a list
// such as "different values, different dates") in the page's language:
// each part is the catalogue's reason.* when it has it, else itself.
func (b *base) Reason(r string) string {
	parts := strings.Split(r, ", ")
	for i, p := range parts {
		if k := "reason." + strings.ReplaceAll(p, " ", "_"); i18n.Has(k) {
			parts[i] = b.T(k)
		}
	}
	return strings.Join(parts, b.T("list.sep"))
}

// HTMLLink is a link with escaped text, for a link inside a message.
func (b *base) HTMLLink(href, text string) template.HTML {
	return template.HTML(`<a href="` + template.HTMLEscapeString(href) + `">` + template.HTMLEscapeString(text) + `</a>`)
}

// JSMessages are the catalogue's js.* messages and entity types (type.*) in the page's language, for
// the page scripts' own words (web/ui/src/util.js t()): a text, or its
// plural forms for Intl.PluralRules.
func (b *base) JSMessages() map[string]any {
	out := map[string]any{"lang": b.Lang}
	for k, m := range i18n.Catalogues[b.Lang] {
		if !strings.HasPrefix(k, "js.") && !strings.HasPrefix(k, "type.") {
			continue
		}
		if m.Forms != nil {
			out[k] = m.Forms
		} else {
			out[k] = m.Text
		}
	}
	return out
}

// viewFormats are the exports that hold a visual page's data, by the
// page's section: what a teacher takes into slides or her own tools.
var viewFormats = map[string][]string{
	"timeline":  {"timelinejs", "csv"},
	"map":       {"geojson", "lpf"},
	"network":   {"graphml", "gexf"},
	"structure": {"jsonld", "turtle"},
}

// viewExport is one link of a view's data.
type viewExport struct{ Format, URL string }

// setView records a visual page's parameters in effect, as key, value
// pairs; empty values are left out.
func (b *base) setView(kv ...string) {
	b.view = url.Values{}
	for i := 0; i+1 < len(kv); i += 2 {
		if kv[i+1] != "" {
			b.view.Set(kv[i], kv[i+1])
		}
	}
}

// viewParams is the view's parameters: those in effect where the page
// recorded them, else the request's.
func (b *base) viewParams() url.Values {
	if b.view != nil {
		return b.view
	}
	return b.langQ
}

// ViewExports are the export links of a visual page, with its range
// (from/to; the map's year; the chart's date) and filters (type, tag)
// carried over, or none on other pages. A network centred on one entity
// at radius 1 exports that entity's neighbourhood.
func (b *base) ViewExports() []viewExport {
	fs := viewFormats[b.Nav]
	if len(fs) == 0 {
		return nil
	}
	vq := b.viewParams()
	q := url.Values{}
	for _, k := range []string{"from", "to", "type", "tag"} {
		if v := vq.Get(k); v != "" {
			q.Set(k, v)
		}
	}
	if y := vq.Get("year"); y != "" && b.Nav == "map" {
		q.Set("from", y)
		q.Set("to", y)
	}
	if d := vq.Get("date"); d != "" && b.Nav == "structure" {
		q.Set("from", d)
		q.Set("to", d)
	}
	if e := vq.Get("ego"); e != "" && b.Nav == "network" && vq.Get("radius") == "1" {
		q.Set("entity", e)
	}
	if b.Lang != "en" {
		q.Set("lang", b.Lang)
	}
	var out []viewExport
	for _, f := range fs {
		q.Set("format", f)
		out = append(out, viewExport{Format: f, URL: "/api/export?" + q.Encode()})
	}
	return out
}

// ViewCite cites a visual page as it is shown: the corpus, the view with
// its parameters, the release and the address, so that the figure in a
// handout names what it shows.
func (b *base) ViewCite() string {
	u := b.viewURL()
	return tokumu.QuoteTitle(b.Title) + " In " + b.sn.dataset().in() + ". Dataset, " + edition(b.Release()) + ". Accessed " + accessed() + ". " + u + "."
}

// viewURL is the address a view's citation gives: the page with the
// parameters in effect.
func (b *base) viewURL() string {
	u := b.Origin + b.Path
	q := url.Values{}
	for k, v := range b.viewParams() {
		q[k] = v
	}
	if l := b.langQ.Get("lang"); l != "" {
		q.Set("lang", l)
	}
	if e := q.Encode(); e != "" {
		u += "?" + e
	}
	return u
}

// ViewCitation is ViewCite's page in the Russian and Japanese forms
// (GOST, SIST 02).
func (b *base) ViewCitation() citation {
	rel := b.Release()
	return citeItem{Title: b.Title, Permalink: b.viewURL(), Release: rel, Dataset: b.sn.dataset(), Issued: b.sn.releaseDate(rel)}.citation()
}
