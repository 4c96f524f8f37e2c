package web

import (
	"fmt"
	"github.com/tokumu/tokumu/internal/suggest"
	"github.com/tokumu/tokumu/search"
	"net/http"
	"net/url"
	"regexp"
	"sort"
	"strings"
	"unicode"

	"github.com/tokumu/tokumu"
)

// The history pages and the claim form: /changes (recent revisions, with
// a revert button for a signed-in editor), /claims/{id}/history, the
// sign-in page (auth.go) and the add/edit claim form. Each works without
// JavaScript: plain forms that post and redirect.

// changesPage is /changes and /claims/{id}/history.
type changesPage struct {
	base
	*changesAnswer
	Claim  string // the claim whose history this is, "" for /changes
	Entity string // the entity whose history this is (entityhistory.go)
	Who    string // the signed-in account, "" if none
	CSRF   string // set when an editor is signed in: the revert forms show
	Query  string // the filter, kept in the next page's link
	// ImportRev is the newest revision when the corpus was last imported:
	// revisions up to it changed data the import replaced, and have no
	// revert form (Server.revert refuses them).
	ImportRev int64
}

func (s *Server) changesPage(w http.ResponseWriter, r *http.Request, f tokumu.HistoryFilter, title string) {
	a, err := s.changes(r, f)
	if err != nil {
		s.htmlError(w, r, err)
		return
	}
	p := &changesPage{base: s.base(r, "", title), changesAnswer: a, Claim: f.ID, Entity: f.Entity, ImportRev: s.st(r).importRev}
	if f.Author != "" {
		p.Query = "&author=" + url.QueryEscape(f.Author)
	}
	if u, _ := s.signedIn(r); u != nil {
		p.Who = u.acc.Name
		if u.session != "" && u.acc.Role.Allows(tokumu.RoleEditor) {
			p.CSRF = csrfToken(u.session)
		}
	}
	s.render(w, r, http.StatusOK, "changes", p)
}

func (s *Server) handleChangesPage(w http.ResponseWriter, r *http.Request) {
	s.changesPage(w, r, tokumu.HistoryFilter{Author: r.URL.Query().Get("author")}, "changes.title")
}

func (s *Server) handleClaimHistoryPage(w http.ResponseWriter, r *http.Request) {
	s.changesPage(w, r, tokumu.HistoryFilter{Kind: tokumu.KindClaim, ID: r.PathValue("id")}, "changes.claim.title")
}

// editorPage returns the signed-in editor of a form page. Signed out, it
// sends the browser to /signin and back; a reader gets 403; a post
// without the session's CSRF token gets 403.
func (s *Server) editorPage(w http.ResponseWriter, r *http.Request) *who {
	if r.Method == http.MethodPost {
		r.Body = http.MaxBytesReader(w, r.Body, maxFormBytes)
	}
	u, _ := s.signedIn(r)
	if u == nil || u.session == "" {
		if r.Method == http.MethodPost {
			s.htmlError(w, r, tokumu.Errorf(tokumu.EUNAUTHORIZED, "sign in first (/signin)"))
			return nil
		}
		http.Redirect(w, r, "/signin?next="+url.QueryEscape(r.URL.RequestURI()), http.StatusSeeOther)
		return nil
	}
	if !u.acc.Role.Allows(tokumu.RoleEditor) {
		s.htmlError(w, r, tokumu.Errorf(tokumu.EFORBIDDEN, "account %s is a %s; editing needs the editor role", u.acc.Name, u.acc.Role))
		return nil
	}
	if r.Method == http.MethodPost && !csrfOK(r, u.session) {
		s.htmlError(w, r, tokumu.Errorf(tokumu.EFORBIDDEN, "the form lacks its CSRF token; reload the page and send it again"))
		return nil
	}
	if r.Method == http.MethodPost {
		if err := formUTF8(r); err != nil {
			s.htmlError(w, r, err)
			return nil
		}
	}
	return u
}

func (s *Server) handleRevertForm(w http.ResponseWriter, r *http.Request) {
	u := s.editorPage(w, r)
	if u == nil {
		return
	}
	if _, err := s.revert(r, u, r.PathValue("rev"), r.PostFormValue("reason")); err != nil {
		s.htmlError(w, r, err)
		return
	}
	http.Redirect(w, r, "/changes", http.StatusSeeOther)
}

// claimForm is the add/edit claim form.
type claimForm struct {
	base
	Subject string
	ID      string // "" for a new claim
	In      claimInput
	Base    int64
	Reason  string
	CSRF    string
	Who     string
	// Errors holds each field's message, shown beside it; Error the
	// message no field owns (a conflict, say).
	Errors map[string]string
	Error  string
	// Conflict is set when someone saved the claim after the form was
	// opened: the form comes back with Base at the newest revision, the
	// text kept, and a link to what changed, so a second Save is a
	// deliberate choice, not the same refusal again.
	Conflict bool
	Preds    []*tokumu.Predicate
	Sources  []*tokumu.Source
}

// ErrCount counts the problems the form came back with (base.ErrCount).
func (f *claimForm) ErrCount() int { return errCount(f.Errors, f.Error) }

// claimFields are the claim form's fields in the order it shows them.
var claimFields = []string{"predicate", "object", "value", "unit", "role", "lang", "when", "where", "source", "loc", "grade", "by",
	"planted_by", "named_subject", "named_object", "named_by", "named_words", "note", "supported_by", "complicated_by", "reason"}

// ErrList is the form's problems for its summary, in its fields' order.
func (f *claimForm) ErrList() []fieldErr { return errList(f.Errors, claimFields) }

func (s *Server) claimForm(r *http.Request, u *who, subject, id string) *claimForm {
	title := "edit.title.add"
	if id != "" {
		title = "edit.title.edit"
	}
	st := s.st(r)
	f := &claimForm{base: s.base(r, "", title), Subject: subject, ID: id, CSRF: csrfToken(u.session), Who: u.acc.Name,
		Errors: map[string]string{}, Preds: st.snap.predIDs}
	for _, src := range st.snap.Sources {
		f.Sources = append(f.Sources, src)
	}
	sort.Slice(f.Sources, func(i, j int) bool { return f.Sources[i].ID < f.Sources[j].ID })
	return f
}

func (s *Server) handleNewClaimPage(w http.ResponseWriter, r *http.Request) {
	u := s.editorPage(w, r)
	if u == nil {
		return
	}
	id := r.PathValue("id")
	if s.st(r).snap.Entities[id] == nil {
		s.htmlError(w, r, tokumu.Errorf(tokumu.ENOTFOUND, "no entity %q", id))
		return
	}
	f := s.claimForm(r, u, id, "")
	f.In.Subject = id
	var err error
	if f.Base, err = tokumu.HeadRevision(r.Context(), s.st(r).store); err != nil {
		s.htmlError(w, r, err)
		return
	}
	s.render(w, r, http.StatusOK, "claimform", f)
}

func (s *Server) handleEditClaimPage(w http.ResponseWriter, r *http.Request) {
	u := s.editorPage(w, r)
	if u == nil {
		return
	}
	// The base is read before the claim (see tokumu.Revision.Base).
	head, err := tokumu.HeadRevision(r.Context(), s.st(r).store)
	if err != nil {
		s.htmlError(w, r, err)
		return
	}
	c, err := s.findClaim(r.Context(), s.st(r), r.PathValue("id"))
	if err != nil {
		s.htmlError(w, r, err)
		return
	}
	f := s.claimForm(r, u, c.Subject, c.ID)
	f.In, f.Base = inputOf(c), head
	s.render(w, r, http.StatusOK, "claimform", f)
}

// handleClaimFormPost writes a new claim (POST /entities/{id}/claims) or
// a changed one (POST /claims/{id}/edit). A refused write shows the form
// again with each message beside its field.
func (s *Server) handleClaimFormPost(w http.ResponseWriter, r *http.Request) {
	u := s.editorPage(w, r)
	if u == nil {
		return
	}
	pf := r.PostFormValue
	id := ""
	subject := r.PathValue("id")
	if strings.HasSuffix(r.URL.Path, "/edit") {
		id = r.PathValue("id")
		subject = pf("subject")
	}
	f := s.claimForm(r, u, subject, id)
	f.In = claimInput{Subject: subject, Predicate: pf("predicate"), Object: pf("object"), Value: pf("value"), Unit: pf("unit"),
		Role: pf("role"), Lang: pf("lang"), When: pf("when"), Where: pf("where"), Source: pf("source"), Locator: pf("loc"),
		Grade: pf("grade"), Perspective: pf("by"), PlantedBy: pf("planted_by"), Note: pf("note"),
		NamedAs:     tokumu.NamedAs{Subject: pf("named_subject"), Object: pf("named_object"), Perspective: pf("named_by"), Words: pf("named_words")},
		SupportedBy: idList(pf("supported_by")), ComplicatedBy: idList(pf("complicated_by"))}
	f.Reason = pf("reason")
	var err error
	if f.Base, err = parseBase(pf("base")); err != nil {
		s.htmlError(w, r, err)
		return
	}
	fail := func(err error) {
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
		if code == tokumu.EINVALID {
			// Every problem beside its field, in the form's words.
			for fld, msg := range fieldErrors(err) {
				if name := formName(fld); name != "" && claimFormFields[name] {
					f.Errors[name] = s.entityHint(r, msg)
				} else {
					f.Error = joinMsg(f.Error, msg)
				}
			}
		} else {
			f.Error = tokumu.ErrorMessage(err)
		}
		st := status[code]
		s.render(w, r, st, "claimform", f)
	}
	c, err := f.In.claim(id)
	if err != nil {
		// The rules the Editor applies, on what did read, so that every
		// field's problem shows in one round, not one kind per submission.
		if pc, _ := f.In.build(id); pc != nil {
			if verr := tokumu.ValidateChange(snapEditLookup{snapLookup{s.st(r).snap}}, 0, &tokumu.Change{Op: tokumu.OpPut, Kind: tokumu.KindClaim, ID: pc.ID, After: pc}); verr != nil {
				err = tokumu.Errorf(tokumu.EINVALID, "%s; %s", tokumu.ErrorMessage(err), tokumu.ErrorMessage(verr))
			}
		}
	}
	if strings.TrimSpace(f.Reason) == "" {
		f.Errors["reason"] = "Every change needs its reason."
		if err != nil {
			fail(err) // shows the reason's message too
		} else {
			s.render(w, r, http.StatusBadRequest, "claimform", f)
		}
		return
	}
	if err != nil {
		fail(err)
		return
	}
	if id == "" {
		if _, ferr := s.findClaim(r.Context(), s.st(r), c.ID); ferr == nil {
			fail(tokumu.Errorf(tokumu.ECONFLICT, "this claim exists already (%s): edit it instead", c.ID))
			return
		}
	}
	rev := &tokumu.Revision{Base: f.Base, Message: f.Reason, Changes: []tokumu.Change{{Op: tokumu.OpPut, Kind: tokumu.KindClaim, ID: c.ID, After: c}}}
	if err := s.apply(r, u, rev); err != nil {
		if tokumu.IsStale(err) && id != "" {
			// Saved by someone else since the form was opened: its
			// hidden base is stale, and "reapply with base N" means
			// nothing to a form. The form again, on the newest revision.
			if head, herr := tokumu.HeadRevision(r.Context(), s.st(r).store); herr == nil {
				f.Base, f.Conflict = head, true
				f.Error = f.T("form.conflict")
				s.render(w, r, http.StatusConflict, "claimform", f)
				return
			}
		}
		fail(err)
		return
	}
	http.Redirect(w, r, claimURL(c.ID), http.StatusSeeOther)
}

// idList reads a form's list of claim or entity ids, separated by commas
// or spaces.
func idList(v string) []string {
	return strings.FieldsFunc(v, func(r rune) bool { return r == ',' || unicode.IsSpace(r) })
}

func parseBase(v string) (int64, error) {
	var n int64
	for _, ch := range v {
		if ch < '0' || ch > '9' || n > 1e15 {
			return 0, tokumu.Errorf(tokumu.EINVALID, "base: %q is not a revision number; reload the form", clip(v))
		}
		n = n*10 + int64(ch-'0')
	}
	return n, nil
}

// claimFormFields are the claim form's inputs that show a message beside
// them.
var claimFormFields = map[string]bool{"predicate": true, "object": true, "value": true, "unit": true, "role": true,
	"lang": true, "when": true, "where": true, "source": true, "loc": true, "grade": true, "by": true, "planted_by": true,
	"named_subject": true, "named_object": true, "named_by": true, "named_words": true, "note": true, "supported_by": true, "complicated_by": true}

// unknownEntity reads the id out of a validation message about one.
var unknownEntity = regexp.MustCompile(`^unknown entity "([^"]*)"$`)

// entityHint says, of an unknown entity, that the form takes ids, and
// which entities the text names (the search index's best entity hits):
// `no entity has the id "Zhukov": give an id — zhukov-georgy (Georgy
// Zhukov)?`. Other messages are returned as they are.
func (s *Server) entityHint(r *http.Request, msg string) string {
	m := unknownEntity.FindStringSubmatch(msg)
	if m == nil {
		return msg
	}
	out := fmt.Sprintf("no entity has the id %q: the form takes ids", m[1])
	// A typo of an id (harbin-tokumu-kikn) is said as tokumu check says
	// it; a name (Harbin) gets the entities it names.
	typo := func() string {
		if len(m[1]) > 100 {
			return out
		}
		es := s.st(r).snap.entityList()
		ids := make([]string, len(es))
		for i, e := range es {
			ids[i] = e.ID
		}
		return out + suggest.DidYouMean(m[1], ids)
	}
	ix, err := s.st(r).searchIndex()
	if err != nil || strings.TrimSpace(m[1]) == "" {
		return typo()
	}
	res, err := ix.Search(search.Query{Text: m[1], Limit: 3})
	if err != nil {
		return out
	}
	b := s.base(r, "", "")
	var hits []string
	for _, h := range res.Hits {
		if h.Kind == search.KindEntity && len(hits) < 3 {
			hits = append(hits, h.Entity+" ("+b.Label(h.Entity)+")")
		}
	}
	if len(hits) == 0 {
		return typo()
	}
	return out + " — " + strings.Join(hits, ", ") + "?"
}
