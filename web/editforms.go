package web

import (
	"fmt"
	"net/http"
	"net/url"
	"regexp"
	"slices"
	"sort"
	"strings"
	"unicode"

	"golang.org/x/text/language"
	"golang.org/x/text/unicode/norm"

	"github.com/tokumu/tokumu"
	"github.com/tokumu/tokumu/format"
)

// The forms that add a source, an entity and a name, for a signed-in
// editor. Like the claim form (changes.go) they work without JavaScript:
// a plain form that posts, shows itself again with each message beside
// its field when the write is refused, and redirects to the new object
// when it is written. Each write is one revision through the store's
// tokumu.Editor, so it is validated by the corpus loader's rules and kept
// in the history with its author and reason. The form checks the fields
// itself first (tokumu.ValidateSource, ValidateName), so that every
// problem is shown at once beside its field, not only the first.
//
//	GET/POST /sources/new                 add a source (fields, or a CSL-JSON, BibTeX or RIS paste)
//	GET/POST /entities/new                add an entity with its type and names in en, ja (with romaji) and ru
//	GET/POST /entities/{id}/names/new     add a name to an entity

// formRow is one field of a form: a text input, a text area (Area) or a
// select (Options), with its message when the write was refused.
type formRow struct {
	Name, Label, Value, Error, Hint string
	Area                            bool
	Options                         []formOption
	Required                        bool
	Readonly                        bool // shown, not changed (an edited source's id)
}

type formOption struct{ Value, Label string }

// editForm is what the three forms share.
type editForm struct {
	base
	Action string
	CSRF   string
	Who    string
	Base   int64
	Reason string
	Errors map[string]string
	Error  string // the message no field owns (a conflict, say)
	Rows   []formRow
	// Paste is the source form's paste box ("" on the others).
	Paste   *formRow
	Subject string // the entity a name is added to
	Fixed   bool   // the object exists: its id is shown, not changed
}

func (s *Server) newEditForm(r *http.Request, u *who, title, action string) *editForm {
	return &editForm{base: s.base(r, "", title), Action: action, CSRF: csrfToken(u.session), Who: u.acc.Name, Errors: map[string]string{}}
}

// ErrCount counts the problems the form came back with (base.ErrCount).
func (f *editForm) ErrCount() int { return errCount(f.Errors, f.Error) }

// ErrList is the form's problems for its summary, in the order of its
// fields (the paste box first), then any a field of another name owns.
func (f *editForm) ErrList() []fieldErr {
	var order []string
	if f.Paste != nil {
		order = append(order, f.Paste.Name)
	}
	for _, r := range f.Rows {
		order = append(order, r.Name)
	}
	return errList(f.Errors, order)
}

// fieldErr is one problem of a form sent back: the field it is about
// (its element is f-Field) and the message.
type fieldErr struct{ Field, Msg string }

// errList orders a form's field messages by its fields' order; messages
// for names not in order (none, if the form is right) follow, sorted.
func errList(errs map[string]string, order []string) []fieldErr {
	var out []fieldErr
	seen := map[string]bool{}
	for _, name := range order {
		if m, ok := errs[name]; ok && !seen[name] {
			out = append(out, fieldErr{name, m})
			seen[name] = true
		}
	}
	var rest []string
	for name := range errs {
		if !seen[name] {
			rest = append(rest, name)
		}
	}
	slices.Sort(rest)
	for _, name := range rest {
		out = append(out, fieldErr{name, errs[name]})
	}
	return out
}

// errCount is the number of field messages and the form's own.
func errCount(fields map[string]string, form string) int {
	n := len(fields)
	if form != "" {
		n++
	}
	return n
}

// row makes the field name with its label's key, its value and its error.
func (f *editForm) row(name, label, value string) formRow {
	return formRow{Name: name, Label: f.T(label), Value: value, Error: f.Errors[name]}
}

// failForm shows the form again with err: beside its field when the message
// names one (fieldOf), above the form otherwise. Errors other than a
// refused or conflicting write are the error page.
func (s *Server) failForm(w http.ResponseWriter, r *http.Request, f *editForm, fields map[string]string, err error, rows func()) {
	code := tokumu.ErrorCode(err)
	if code == tokumu.EINTERNAL {
		// The database's state (its server down, its disk full): the
		// form again with what was typed, and why nothing was saved.
		if u := s.unavailable(err); tokumu.ErrorCode(u) == tokumu.EUNAVAILABLE {
			s.Logger.Error("form not saved", "url", r.URL.String(), "err", err)
			err, code = u, tokumu.EUNAVAILABLE
		}
	}
	if code != tokumu.EINVALID && code != tokumu.ECONFLICT && code != tokumu.EUNAVAILABLE {
		s.htmlError(w, r, err)
		return
	}
	switch fld := fieldOf(err); {
	case code == tokumu.EINVALID && fld != "" && fields[fld] != "":
		f.Errors[fields[fld]] = tokumu.ErrorMessage(err)
	case tokumu.IsStale(err):
		// Saved by someone else since the form was opened: the form again
		// on the newest revision, so that a second Save is deliberate
		// (the stale hidden base made every Save a conflict).
		if head, herr := tokumu.HeadRevision(r.Context(), s.st(r).store); herr == nil {
			f.Base = head
		}
		f.Error = f.T("form.conflict.other")
	default:
		f.Error = tokumu.ErrorMessage(err)
	}
	rows()
	s.render(w, r, status[code], "editform", f)
}

// startForm reads the editor, and on a post the base and the reason; it
// returns nil when it has answered.
func (s *Server) startForm(w http.ResponseWriter, r *http.Request, title, action string) (*who, *editForm) {
	u := s.editorPage(w, r)
	if u == nil {
		return nil, nil
	}
	f := s.newEditForm(r, u, title, action)
	if r.Method != http.MethodPost {
		head, err := tokumu.HeadRevision(r.Context(), s.st(r).store)
		if err != nil {
			s.htmlError(w, r, err)
			return nil, nil
		}
		f.Base = head
		return u, f
	}
	var err error
	if f.Base, err = parseBase(r.PostFormValue("base")); err != nil {
		s.htmlError(w, r, err)
		return nil, nil
	}
	f.Reason = r.PostFormValue("reason")
	if strings.TrimSpace(f.Reason) == "" {
		f.Errors["reason"] = f.T("form.err.reason")
	} else if len(f.Reason) > 2000 {
		f.Errors["reason"] = f.T("form.err.long", "2000")
	}
	return u, f
}

// idProblem reports the problem of a new object's id, "" if none: ids are
// what the corpus writes (a-z, 0-9, hyphens), and "new" is the address of
// the form itself.
func (f *editForm) idProblem(id string) string {
	switch {
	case id == "":
		return f.T("form.err.id.empty")
	case id != tokumu.Slug(id):
		return f.T("form.err.id.form", tokumu.Slug(id))
	case id == "new":
		return f.T("form.err.id.new")
	}
	return ""
}

// --- sources -----------------------------------------------------------------

// sourceFields are the source form's text fields in display order, by the
// source's JSON names; author and editor are text areas, one agent a line.
var sourceFields = []string{"id", "kind", "reliability", "type", "author", "editor", "title", "title_en", "container", "publisher", "place",
	"published", "volume", "issue", "pages", "edition", "url", "doi", "isbn", "archive", "archive_location", "accessed", "language",
	"derived_from", "note"}

// sourceValues reads a source into the form's fields.
func sourceValues(src *tokumu.Source) map[string]string {
	return map[string]string{"id": src.ID, "kind": string(src.Kind), "type": src.Type, "author": agentLines(src.Authors),
		"editor": agentLines(src.Editors), "title": src.Title, "title_en": src.TitleEn, "container": src.Container,
		"publisher": src.Publisher, "place": src.Place, "published": src.Issued, "volume": src.Volume, "issue": src.Issue,
		"pages": src.Pages, "edition": src.Edition, "url": src.URL, "doi": src.DOI, "isbn": src.ISBN, "archive": src.Archive,
		"archive_location": src.ArchiveLocation, "accessed": src.Accessed, "language": src.Language, "note": src.Note,
		"reliability": reliabilityValue(src.Reliability), "derived_from": strings.Join(src.DerivedFrom, " ")}
}

func reliabilityValue(r byte) string {
	if r == 0 {
		return ""
	}
	return string(rune(r))
}

// sourceOf builds the source the fields describe.
func sourceOf(v map[string]string) *tokumu.Source {
	src := &tokumu.Source{ID: v["id"], Kind: tokumu.SourceKind(v["kind"]), Type: v["type"], Authors: parseAgents(v["author"]),
		Editors: parseAgents(v["editor"]), Title: v["title"], TitleEn: v["title_en"], Container: v["container"],
		Publisher: v["publisher"], Place: v["place"], Issued: v["published"], Volume: v["volume"], Issue: v["issue"],
		Pages: v["pages"], Edition: v["edition"], URL: v["url"], DOI: v["doi"], ISBN: v["isbn"], Archive: v["archive"],
		ArchiveLocation: v["archive_location"], Accessed: v["accessed"], Language: v["language"], Note: v["note"],
		DerivedFrom: strings.FieldsFunc(v["derived_from"], func(r rune) bool { return r == ',' || unicode.IsSpace(r) })}
	if r := v["reliability"]; len(r) == 1 && r[0] >= 'A' && r[0] <= 'F' {
		src.Reliability = r[0]
	}
	return src
}

// agentLines writes agents one a line: "Family, Given", or a literal name.
func agentLines(as []tokumu.Agent) string {
	var lines []string
	for _, a := range as {
		switch {
		case a.Literal != "":
			lines = append(lines, a.Literal)
		case a.Given != "":
			lines = append(lines, a.Family+", "+a.Given)
		default:
			lines = append(lines, a.Family)
		}
	}
	return strings.Join(lines, "\n")
}

// parseAgents reads agentLines: a line with a comma is "Family, Given",
// one without is a literal name (an institution, or a name that does not
// split, as 土肥原賢二).
func parseAgents(text string) []tokumu.Agent {
	var out []tokumu.Agent
	for _, line := range strings.Split(text, "\n") {
		line = strings.TrimSpace(line)
		if line == "" {
			continue
		}
		if fam, given, ok := strings.Cut(line, ","); ok {
			out = append(out, tokumu.Agent{Family: strings.TrimSpace(fam), Given: strings.TrimSpace(given)})
		} else {
			out = append(out, tokumu.Agent{Literal: line})
		}
	}
	return out
}

var risStart = regexp.MustCompile(`(?m)^TY  - `)

// parsePaste reads one bibliography entry pasted from a citation manager,
// with the format's own reader (format.ParseCSLJSON, ParseBibTeX,
// ParseRIS), told apart by how the text starts.
func parsePaste(text string) (*tokumu.Source, error) {
	text = strings.TrimSpace(strings.TrimPrefix(text, "\ufeff"))
	var entries []format.BibEntry
	var err error
	switch {
	case strings.HasPrefix(text, "{"):
		entries, err = format.ParseCSLJSON(strings.NewReader("[" + text + "]"))
	case strings.HasPrefix(text, "["):
		entries, err = format.ParseCSLJSON(strings.NewReader(text))
	case strings.HasPrefix(text, "@"), strings.HasPrefix(text, "%"):
		entries, err = format.ParseBibTeX(strings.NewReader(text))
	case risStart.MatchString(text):
		entries, err = format.ParseRIS(strings.NewReader(text))
	default:
		return nil, tokumu.Errorf(tokumu.EINVALID, "paste: this is not CSL-JSON, BibTeX or RIS (CSL-JSON starts with [ or {, BibTeX with @, RIS has a line \"TY  - \"); export the entry from your citation manager in one of these")
	}
	if err != nil {
		return nil, tokumu.Errorf(tokumu.EINVALID, "paste: %s", tokumu.ErrorMessage(err))
	}
	if len(entries) != 1 {
		return nil, tokumu.Errorf(tokumu.EINVALID, "paste: %d entries; paste exactly one", len(entries))
	}
	return entries[0].Source, nil
}

func (s *Server) sourceRows(f *editForm, v map[string]string) {
	f.Rows = nil
	for _, name := range sourceFields {
		row := f.row(name, "src.f."+name, v[name])
		switch name {
		case "author", "editor", "note":
			row.Area = true
		case "kind":
			row.Options = []formOption{{"", ""}}
			for _, k := range tokumu.SourceKinds {
				row.Options = append(row.Options, formOption{string(k), f.TypeName("kind.", k)})
			}
			row.Required = true
		case "reliability":
			row.Options = []formOption{{"", f.T("src.rel.default")}}
			for r := byte('A'); r <= 'F'; r++ {
				row.Options = append(row.Options, formOption{string(rune(r)), string(rune(r)) + " — " + f.T("grade.r."+string(rune(r)))})
			}
		case "id", "title":
			row.Required = true
		}
		if name == "author" || name == "editor" || name == "id" || name == "reliability" || name == "derived_from" {
			row.Hint = f.T("src.hint." + name)
		}
		row.Readonly = name == "id" && f.Fixed
		f.Rows = append(f.Rows, row)
	}
	// A refused paste comes back as typed, beside its message.
	f.Paste = &formRow{Name: "paste", Label: f.T("src.f.paste"), Hint: f.T("src.hint.paste"), Error: f.Errors["paste"], Area: true, Value: v["paste"]}
}

// sourceProblem maps a ValidateSource field to the form's.
var sourceProblem = map[string]string{"title": "title", "author": "author", "language": "language", "accessed": "accessed",
	"kind": "kind", "type": "type", "note": "note", "url": "url"}

func (s *Server) handleSourceForm(w http.ResponseWriter, r *http.Request) {
	s.sourceForm(w, r, nil)
}

// handleSourceEditForm is GET and POST /sources/{id}/edit: the source's
// fields to correct, its id fixed. Saving puts the whole source in one
// revision, with the claims that take their grade from it regraded when
// its kind or reliability changes (tokumu.Regrade).
func (s *Server) handleSourceEditForm(w http.ResponseWriter, r *http.Request) {
	src, err := s.st(r).store.Source(r.Context(), r.PathValue("id"))
	if err != nil {
		s.htmlError(w, r, err)
		return
	}
	s.sourceForm(w, r, src)
}

// sourceForm adds a source (old nil) or corrects old.
func (s *Server) sourceForm(w http.ResponseWriter, r *http.Request, old *tokumu.Source) {
	title, action := "src.title", "/sources/new"
	if old != nil {
		title, action = "src.edit", "/sources/"+url.PathEscape(old.ID)+"/edit"
	}
	u, f := s.startForm(w, r, title, action)
	if f == nil {
		return
	}
	f.Fixed = old != nil
	v := map[string]string{}
	if r.Method != http.MethodPost {
		if old != nil {
			v = sourceValues(old)
		}
		s.sourceRows(f, v)
		s.render(w, r, http.StatusOK, "editform", f)
		return
	}
	for _, name := range sourceFields {
		v[name] = strings.TrimSpace(r.PostFormValue(name))
	}
	if old != nil {
		v["id"] = old.ID
	}
	v["paste"] = r.PostFormValue("paste")
	// A paste fills the fields left empty: what the editor typed wins.
	if paste := r.PostFormValue("paste"); strings.TrimSpace(paste) != "" {
		src, err := parsePaste(paste)
		if err != nil {
			f.Errors["paste"] = tokumu.ErrorMessage(err)
		} else {
			for name, val := range sourceValues(src) {
				if v[name] == "" {
					v[name] = val
				}
			}
		}
	}
	if r.PostFormValue("action") == "read" {
		// "Read the paste": show the fields filled, for review, unsaved.
		delete(f.Errors, "reason")
		s.sourceRows(f, v)
		s.render(w, r, http.StatusOK, "editform", f)
		return
	}
	src := sourceOf(v)
	if old != nil {
		src.Origin = old.Origin
	} else if p := f.idProblem(src.ID); p != "" {
		f.Errors["id"] = p
	} else if _, err := s.st(r).store.Source(r.Context(), src.ID); err == nil {
		f.Errors["id"] = f.T("form.err.id.taken", src.ID)
	}
	for _, d := range src.DerivedFrom {
		if _, err := s.st(r).store.Source(r.Context(), d); err != nil || d == src.ID {
			f.Errors["derived_from"] = joinMsg(f.Errors["derived_from"], f.T("form.err.source.key", d))
		}
	}
	if rel := v["reliability"]; rel != "" && src.Reliability == 0 {
		f.Errors["reliability"] = f.T("src.err.reliability")
	}
	for _, p := range tokumu.ValidateSource(src) {
		if old != nil && (p.Field == "author" || p.Field == "language") {
			continue // a new source must give them; a correction of an anonymous entry need not invent them
		}
		if fld := sourceProblem[p.Field]; fld != "" && f.Errors[fld] == "" {
			f.Errors[fld] = p.Message
		}
	}
	if len(f.Errors) > 0 {
		s.sourceRows(f, v)
		s.render(w, r, http.StatusBadRequest, "editform", f)
		return
	}
	rev := &tokumu.Revision{Base: f.Base, Message: f.Reason, Changes: []tokumu.Change{{Op: tokumu.OpPut, Kind: tokumu.KindSource, ID: src.ID, After: src}}}
	// A corrected kind or reliability regrades, in the same revision, the
	// claims that take their grade from the source. (Not on a revert: it
	// puts back what was, claims included.)
	err := tokumu.Regrade(r.Context(), s.st(r).store, rev)
	if err == nil {
		err = s.apply(r, u, rev)
	}
	if err != nil {
		s.failForm(w, r, f, sourceProblem, err, func() { s.sourceRows(f, v) })
		return
	}
	http.Redirect(w, r, "/sources/"+url.PathEscape(src.ID), http.StatusSeeOther)
}

// --- entities ----------------------------------------------------------------

// entityNames are the entity form's names: the language tag of each field
// and the kind a name in it gets. The ja name comes with its romaji
// reading (modified Hepburn, family name first), as the corpus writes it.
var entityNames = []struct {
	Field, Lang string
	Kind        tokumu.NameKind
}{
	{"name-en", "en", tokumu.Native},
	{"name-ja", "ja", tokumu.Native},
	{"name-ja-latn", "ja-Latn", tokumu.Romanized},
	{"name-ru", "ru", tokumu.Native},
}

func (s *Server) entityRows(f *editForm, v map[string]string) {
	f.Rows = nil
	id := f.row("id", "ent.f.id", v["id"])
	id.Hint = f.T("ent.hint.id")
	typ := f.row("type", "ent.f.type", v["type"])
	typ.Required = true
	typ.Options = []formOption{{"", ""}}
	for _, t := range tokumu.EntityTypes {
		typ.Options = append(typ.Options, formOption{string(t), f.TypeName("type.", t)})
	}
	f.Rows = append(f.Rows, typ, id)
	for _, n := range entityNames {
		f.Rows = append(f.Rows, f.row(n.Field, "ent.f."+n.Field, v[n.Field]))
	}
	sum := f.row("summary", "ent.f.summary", v["summary"])
	sum.Area = true
	f.Rows = append(f.Rows, sum)
}

func (s *Server) handleEntityForm(w http.ResponseWriter, r *http.Request) {
	u, f := s.startForm(w, r, "ent.title", "/entities/new")
	if f == nil {
		return
	}
	v := map[string]string{}
	if r.Method != http.MethodPost {
		s.entityRows(f, v)
		s.render(w, r, http.StatusOK, "editform", f)
		return
	}
	for _, name := range []string{"id", "type", "name-en", "name-ja", "name-ja-latn", "name-ru", "summary"} {
		v[name] = strings.TrimSpace(r.PostFormValue(name))
	}
	e := &tokumu.Entity{Type: tokumu.EntityType(v["type"])}
	if !e.Type.Valid() {
		f.Errors["type"] = f.T("form.err.type")
	}
	for _, n := range entityNames {
		if v[n.Field] == "" {
			continue
		}
		name := tokumu.Name{Text: v[n.Field], Lang: n.Lang, Kind: n.Kind}
		for _, p := range tokumu.ValidateName(name) {
			if f.Errors[n.Field] == "" {
				f.Errors[n.Field] = p.Message
			}
		}
		e.Names = append(e.Names, name)
	}
	switch {
	case len(e.Names) == 0:
		f.Errors["name-en"] = f.T("form.err.names")
	case v["name-ja"] != "" && v["name-ja-latn"] == "":
		f.Errors["name-ja-latn"] = f.T("form.err.romaji")
	}
	if v["summary"] != "" {
		if len(v["summary"]) > 2000 {
			f.Errors["summary"] = f.T("form.err.long", "2000")
		}
		e.Summary = map[string]string{"en": v["summary"]}
	}
	// The id: given, or made from the first Latin name.
	e.ID = v["id"]
	if e.ID == "" {
		for _, key := range []string{"name-ja-latn", "name-en"} {
			if e.ID = tokumu.Slug(stripMarks(v[key])); e.ID != "" {
				break
			}
		}
	}
	if p := f.idProblem(e.ID); p != "" && f.Errors["name-en"] == "" {
		f.Errors["id"] = p
	} else if p == "" {
		if _, err := s.st(r).store.Entity(r.Context(), e.ID); err == nil {
			f.Errors["id"] = f.T("form.err.id.taken", e.ID)
		}
	}
	if len(f.Errors) > 0 {
		s.entityRows(f, v)
		s.render(w, r, http.StatusBadRequest, "editform", f)
		return
	}
	rev := &tokumu.Revision{Base: f.Base, Message: f.Reason, Changes: []tokumu.Change{{Op: tokumu.OpPut, Kind: tokumu.KindEntity, ID: e.ID, After: e}}}
	if err := s.apply(r, u, rev); err != nil {
		s.failForm(w, r, f, map[string]string{"type": "type", "names": "name-en"}, err, func() { s.entityRows(f, v) })
		return
	}
	http.Redirect(w, r, "/entities/"+url.PathEscape(e.ID), http.StatusSeeOther)
}

// --- names -------------------------------------------------------------------

func (s *Server) nameRows(f *editForm, v map[string]string) {
	f.Rows = nil
	text := f.row("text", "name.f.text", v["text"])
	text.Required = true
	lang := f.row("lang", "name.f.lang", v["lang"])
	lang.Required = true
	lang.Hint = f.T("name.hint.lang")
	kind := f.row("kind", "name.f.kind", v["kind"])
	for _, k := range tokumu.NameKinds {
		kind.Options = append(kind.Options, formOption{string(k), f.TypeName("namekind.", k)})
	}
	when := f.row("when", "name.f.when", v["when"])
	src := f.row("source", "name.f.source", v["source"])
	src.Options = []formOption{{"", ""}}
	for _, id := range f.sourceIDs() {
		src.Options = append(src.Options, formOption{id, id})
	}
	f.Rows = append(f.Rows, text, lang, kind, when, src)
}

// sourceIDs lists the sources of the snapshot by id, for a picker.
func (f *editForm) sourceIDs() []string {
	var ids []string
	for id := range f.sn.Sources {
		ids = append(ids, id)
	}
	sort.Strings(ids)
	return ids
}

func (s *Server) handleNameForm(w http.ResponseWriter, r *http.Request) {
	id := r.PathValue("id")
	u, f := s.startForm(w, r, "name.title", "/entities/"+url.PathEscape(id)+"/names/new")
	if f == nil {
		return
	}
	f.Subject = id
	// The base was read before the entity (see tokumu.Revision.Base).
	e, err := s.st(r).store.Entity(r.Context(), id)
	if err != nil {
		s.htmlError(w, r, err)
		return
	}
	v := map[string]string{"kind": string(tokumu.Native)}
	if r.Method != http.MethodPost {
		s.nameRows(f, v)
		s.render(w, r, http.StatusOK, "editform", f)
		return
	}
	for _, name := range []string{"text", "lang", "kind", "when", "source"} {
		v[name] = strings.TrimSpace(r.PostFormValue(name))
	}
	n := tokumu.Name{Text: v["text"], Lang: v["lang"], Kind: tokumu.NameKind(v["kind"]), Source: v["source"]}
	if tag, err := language.Parse(n.Lang); err != nil || n.Lang == "" {
		f.Errors["lang"] = f.T("form.err.lang", clip(n.Lang))
	} else if tag.String() != n.Lang {
		f.Errors["lang"] = f.T("form.err.lang.canon", tag.String())
	}
	if !n.Kind.Valid() {
		f.Errors["kind"] = f.T("form.err.kind")
	}
	if v["when"] != "" {
		when, _, err := tokumu.ParseWhen(v["when"])
		if err != nil {
			f.Errors["when"] = fmt.Sprintf("%q: %v", clip(v["when"]), err)
		}
		n.When = when
	}
	if n.Source != "" {
		if _, err := s.st(r).store.Source(r.Context(), n.Source); err != nil {
			f.Errors["source"] = f.T("form.err.source", n.Source)
		}
	}
	for _, p := range tokumu.ValidateName(n) {
		if f.Errors["text"] == "" {
			f.Errors["text"] = p.Message
		}
	}
	for _, old := range e.Names {
		if old.Text == n.Text && old.Lang == n.Lang {
			f.Errors["text"] = f.T("form.err.name.dup", n.Text, n.Lang)
		}
	}
	if len(f.Errors) > 0 {
		s.nameRows(f, v)
		s.render(w, r, http.StatusBadRequest, "editform", f)
		return
	}
	e.Names = append(e.Names, n)
	rev := &tokumu.Revision{Base: f.Base, Message: f.Reason, Changes: []tokumu.Change{{Op: tokumu.OpPut, Kind: tokumu.KindEntity, ID: e.ID, After: e}}}
	if err := s.apply(r, u, rev); err != nil {
		s.failForm(w, r, f, map[string]string{"text": "text", "lang": "lang"}, err, func() { s.nameRows(f, v) })
		return
	}
	http.Redirect(w, r, "/entities/"+url.PathEscape(e.ID), http.StatusSeeOther)
}

// ReasonRow is the reason field every form ends with.
func (f *editForm) ReasonRow() formRow {
	row := f.row("reason", "edit.f.reason", f.Reason)
	row.Required = true
	return row
}

// stripMarks drops the diacritics of a Latin name ("Tarō" → "Taro"), so
// that an id made from romaji keeps its long vowels' letters.
func stripMarks(s string) string {
	var b strings.Builder
	for _, r := range norm.NFD.String(s) {
		if !unicode.Is(unicode.Mn, r) {
			b.WriteRune(r)
		}
	}
	return b.String()
}
