package web

import (
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"regexp"
	"strconv"
	"strings"

	"github.com/tokumu/tokumu"
	"github.com/tokumu/tokumu/internal/suggest"
)

// The write API. Every write goes through the store's tokumu.Editor, which
// validates it by the corpus loader's rules and writes it with its history
// row in one transaction; the author is the signed-in account, the reason
// is required. Updates name the revision they were based on ("base"), and
// a claim changed since is a 409 with its current version:
//
//	POST   /api/claims                   {"reason", "base"?, "claim": {...}}      201
//	PUT    /api/claims/{id}              {"reason", "base", "claim": {...}}       200 (the whole claim)
//	PATCH  /api/claims/{id}              {"reason", "base", "claim": {fields}}    200 (the fields given)
//	DELETE /api/claims/{id}              {"reason", "base"}                       200 (a retraction)
//	POST   /api/revisions/{id}/revert    {"reason"}                               201
//
// A claim in a request is the claim's JSON form, except that "when" is a
// date as the corpus writes it (EDTF, 1939-05, 昭和14年) and "grade" is
// optional (the source's default applies).

// claimInput is a claim as a client or a form writes it.
type claimInput struct {
	Subject       string         `json:"subject"`
	Predicate     string         `json:"predicate"`
	Object        string         `json:"object,omitempty"`
	Value         string         `json:"value,omitempty"`
	Unit          string         `json:"unit,omitempty"`
	Role          string         `json:"role,omitempty"`
	Lang          string         `json:"lang,omitempty"`
	When          string         `json:"when,omitempty"`
	Where         string         `json:"where,omitempty"`
	Source        string         `json:"source"`
	Locator       string         `json:"loc,omitempty"`
	Grade         string         `json:"grade,omitempty"`
	Perspective   string         `json:"by,omitempty"`
	PlantedBy     string         `json:"planted_by,omitempty"`
	NamedAs       tokumu.NamedAs `json:"named_as,omitzero"`
	Note          string         `json:"note,omitempty"`
	SupportedBy   []string       `json:"supported_by,omitempty"`
	ComplicatedBy []string       `json:"complicated_by,omitempty"`

	// when is the claim's time as stored, for an input made from it: a
	// "when" left as it was keeps it whole (the source's wording, 大正7年,
	// beside its EDTF), however it was first read.
	when tokumu.When
}

// inputOf is the input a claim was made from: its date as the source
// wrote it where the claim keeps that wording, so that an edit of
// another field, or a form saved as it was shown, does not lose it.
func inputOf(c *tokumu.Claim) claimInput {
	when := c.When.EDTF
	if c.When.Text != "" {
		when = c.When.Text
	}
	in := claimInput{Subject: c.Subject, Predicate: c.Predicate, Object: c.Object, Value: c.Value, Unit: c.Unit,
		Role: c.Role, Lang: c.Lang, When: when, when: c.When, Where: c.Where, Source: c.Source, Locator: c.Locator,
		Perspective: c.Perspective, PlantedBy: c.PlantedBy, NamedAs: c.NamedAs, Note: c.Note, SupportedBy: c.SupportedBy, ComplicatedBy: c.ComplicatedBy}
	if c.Grade != (tokumu.Grade{}) {
		in.Grade = c.Grade.String()
	}
	return in
}

// claim turns the input into a claim with the id (derived from what
// identifies it when id is ""). The date and the grade are read here; the
// rest is the Editor's to validate.
func (in claimInput) claim(id string) (*tokumu.Claim, error) {
	c, probs := in.build(id)
	if len(probs) > 0 {
		return nil, tokumu.Errorf(tokumu.EINVALID, "%s", strings.Join(probs, "; "))
	}
	return c, nil
}

// build turns the input into a claim and the problems of what it could
// not read; what did not read (a date or a grade that is not one) is left
// out, so that the rest can be checked in the same round.
func (in claimInput) build(id string) (*tokumu.Claim, []string) {
	c := &tokumu.Claim{Subject: strings.TrimSpace(in.Subject), Predicate: strings.TrimSpace(in.Predicate),
		Object: strings.TrimSpace(in.Object), Value: strings.TrimSpace(in.Value), Unit: strings.TrimSpace(in.Unit),
		Role: strings.TrimSpace(in.Role), Lang: strings.TrimSpace(in.Lang), Where: strings.TrimSpace(in.Where),
		Source: strings.TrimSpace(in.Source), Locator: strings.TrimSpace(in.Locator), Perspective: strings.TrimSpace(in.Perspective),
		PlantedBy: strings.TrimSpace(in.PlantedBy), Note: strings.TrimSpace(in.Note), SupportedBy: in.SupportedBy, ComplicatedBy: in.ComplicatedBy,
		NamedAs: tokumu.NamedAs{Subject: strings.TrimSpace(in.NamedAs.Subject), Object: strings.TrimSpace(in.NamedAs.Object),
			Perspective: strings.TrimSpace(in.NamedAs.Perspective), Words: strings.TrimSpace(in.NamedAs.Words)}}
	// Every problem at once, so that a form shows each beside its field
	// rather than one per submission.
	var probs []string
	if w := strings.TrimSpace(in.When); w != "" && !in.when.IsZero() && (w == in.when.Text || w == in.when.EDTF) {
		c.When = in.when
	} else if msg := tokumu.SeasonOrSpan(w); msg != "" {
		probs = append(probs, "claim.when: "+msg)
	} else if w != "" {
		when, _, err := tokumu.ParseWhen(w)
		if err != nil {
			probs = append(probs, fmt.Sprintf("claim.when: %q is not a date: %v (write EDTF such as 1939-05 or 1937/1940)", clip(w), err))
		}
		c.When = when
	}
	if g := strings.TrimSpace(in.Grade); g != "" {
		gr, err := tokumu.ParseGrade(g)
		if err != nil {
			probs = append(probs, fmt.Sprintf("claim.grade: %q: %v (write B2, or leave it out for the source's default)", clip(g), err))
		} else {
			c.Grade = gr
		}
	}
	if c.Source == "" {
		probs = append(probs, "claim.source: every claim needs its source (a bibliography key, as on /sources)")
	}
	// A text typed in Russian or Japanese with no language given is
	// tagged by its script, as tokumu convert tags a sheet's; a value with
	// no letters (a figure, coordinates) is left as it is.
	if c.Lang == "" && c.Value != "" {
		lang, why := tokumu.ScriptLang(c.Value)
		switch {
		case why != "":
			probs = append(probs, fmt.Sprintf("claim.lang: %s: give the value's language (%s)", why, lang))
		case lang != "":
			c.Lang = lang
		}
	}
	c.ID = id
	if c.ID == "" {
		c.ID = tokumu.DeriveClaimID(c)
	}
	return c, probs
}

// writeRequest is the body of a write.
type writeRequest struct {
	Base   *int64          `json:"base"`
	Reason string          `json:"reason"`
	Claim  json.RawMessage `json:"claim"`
}

func readWrite(w http.ResponseWriter, r *http.Request) (*writeRequest, error) {
	body, err := io.ReadAll(http.MaxBytesReader(w, r.Body, maxFormBytes))
	if err != nil {
		return nil, tokumu.Errorf(tokumu.EINVALID, "body: more than %d bytes, or unreadable", maxFormBytes)
	}
	var req writeRequest
	dec := json.NewDecoder(strings.NewReader(string(body)))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&req); err != nil {
		return nil, tokumu.Errorf(tokumu.EINVALID, "body: %v (send {\"reason\": \"…\", \"base\": N, \"claim\": {…}})", err)
	}
	if strings.TrimSpace(req.Reason) == "" {
		return nil, tokumu.Errorf(tokumu.EINVALID, "reason: every change needs its reason (\"reason\": \"…\")")
	}
	if len(req.Reason) > 2000 {
		return nil, tokumu.Errorf(tokumu.EINVALID, "reason: %d bytes; at most 2000", len(req.Reason))
	}
	return &req, nil
}

func decodeClaim(raw json.RawMessage, in *claimInput) error {
	if len(raw) == 0 {
		return tokumu.Errorf(tokumu.EINVALID, "claim: the request has no claim")
	}
	dec := json.NewDecoder(strings.NewReader(string(raw)))
	dec.DisallowUnknownFields()
	if err := dec.Decode(in); err != nil {
		return tokumu.Errorf(tokumu.EINVALID, "claim: %v", err)
	}
	return nil
}

// editorOf returns the state's store as an Editor.
func editorOf(st *state) (tokumu.Editor, error) {
	ed, ok := st.store.(tokumu.Editor)
	if !ok {
		return nil, tokumu.Errorf(tokumu.EFORBIDDEN, "this server's store cannot be edited")
	}
	return ed, nil
}

// afterField finds the field a validation message names
// ("changes[0].after.p: …", "claim.when: …") and gives its JSON name.
var afterField = regexp.MustCompile(`(?:after|claim)\.([a-z_]+(?:\.[a-z_]+)?)`)

// shortNames maps the corpus's spelling of a field to the JSON name.
var shortNames = map[string]string{"s": "subject", "p": "predicate", "o": "object", "v": "value",
	"named_as.o": "named_as.object"}

// formName is the HTML claim form's input for a field's JSON name.
func formName(field string) string {
	if rest, ok := strings.CutPrefix(field, "named_as."); ok {
		return "named_" + rest
	}
	return field
}

func fieldOf(err error) string {
	m := afterField.FindStringSubmatch(tokumu.ErrorMessage(err))
	if m == nil {
		return ""
	}
	if long, ok := shortNames[m[1]]; ok {
		return long
	}
	return m[1]
}

// fieldErrors splits a refused write's message into its problems, each
// under the JSON name of the field it is about ("" for none), with the
// field's prefix taken off: "claim X: changes[0].after.o: o: unknown
// entity \"Zhukov\"" gives object → `unknown entity "Zhukov"`.
func fieldErrors(err error) map[string]string {
	msg := tokumu.ErrorMessage(err)
	out := map[string]string{}
	ms := afterField.FindAllStringSubmatchIndex(msg, -1)
	if len(ms) == 0 {
		out[""] = msg
		return out
	}
	for i, m := range ms {
		end := len(msg)
		if i+1 < len(ms) {
			// The next problem begins after the "; " before its field
			// ("; changes[0].after.o").
			if j := strings.LastIndex(msg[:ms[i+1][0]], "; "); j >= m[1] {
				end = j
			}
		}
		short := msg[m[2]:m[3]]
		name := short
		if long, ok := shortNames[short]; ok {
			name = long
		}
		text := strings.TrimPrefix(msg[m[1]:end], ": ")
		text = strings.TrimPrefix(text, short+": ") // "o: o: unknown entity"
		out[name] = joinMsg(out[name], text)
	}
	return out
}

func joinMsg(a, b string) string {
	if a == "" {
		return b
	}
	return a + "; " + b
}

// writeEditError is writeError with the field a 400 is about.
func (s *Server) writeEditError(w http.ResponseWriter, r *http.Request, err error) {
	if tokumu.ErrorCode(err) == tokumu.EINVALID {
		if f := fieldOf(err); f != "" {
			writeJSON(w, http.StatusBadRequest, map[string]string{"error": tokumu.ErrorMessage(err), "code": tokumu.EINVALID, "field": "claim." + f})
			return
		}
	}
	s.writeError(w, r, err)
}

// apply writes rev through the Editor, logs it (the account and the
// token's id, never the token) and waits until this server's read models
// show it.
func (s *Server) apply(r *http.Request, u *who, rev *tokumu.Revision) error {
	ed, err := editorOf(s.st(r))
	if err != nil {
		return err
	}
	rev.Author = u.acc.Name
	if err := ed.Apply(r.Context(), rev); err != nil {
		return err
	}
	s.Logger.Info("revision", "rev", rev.ID, "author", u.acc.Name, "token", u.tok.ID, "method", r.Method, "path", r.URL.Path)
	s.waitFor(r.Context(), rev.ID)
	return nil
}

type writeAnswer struct {
	Revision *tokumu.Revision `json:"revision"`
	Claim    *tokumu.Claim    `json:"claim,omitempty"`
	URL      string           `json:"url,omitempty"`
	// Warnings are what tokumu check would warn of the claim as stored
	// (tokumu.WarnClaim): written anyway, but worth a second look, like a
	// bare figure whose note calls it "about".
	Warnings []string `json:"warnings,omitempty"`
}

// claimWarnings names each of tokumu check's warnings on c by the field it
// is about: WarnClaim's, and each key the note names that is no source,
// entity or claim of the corpus being served (tokumu.UnknownNoteKeys).
func claimWarnings(st *state, c *tokumu.Claim) []string {
	if c == nil {
		return nil
	}
	var ws []string
	for _, p := range tokumu.WarnClaim(c, st.snap.Sources[c.Source]) {
		ws = append(ws, p.Field+": "+p.Message)
	}
	for _, key := range tokumu.UnknownNoteKeys(snapLookup{st.snap}, c.Note) {
		ids := make([]string, 0, len(st.snap.Sources))
		for id := range st.snap.Sources {
			ids = append(ids, id)
		}
		p := tokumu.UnknownNoteKey(key, suggest.DidYouMean(key, ids))
		ws = append(ws, p.Field+": "+p.Message)
	}
	return ws
}

// snapEditLookup is the served corpus as a tokumu.EditLookup, for checking
// a form's claim before it is written.
type snapEditLookup struct{ snapLookup }

func (l snapEditLookup) Source(id string) *tokumu.Source { return l.sn.Sources[id] }

// snapLookup is the served corpus as a tokumu.Lookup. Its claims are
// those with an id of their own (the analyses index them): a derived id
// (subject~hash) is never a note's key.
type snapLookup struct{ sn *snapshot }

func (l snapLookup) Predicate(id string) *tokumu.Predicate { return l.sn.preds[id] }
func (l snapLookup) HasSource(id string) bool              { return l.sn.Sources[id] != nil }
func (l snapLookup) HasClaim(id string) bool               { return l.sn.analyses().explicit[id] != "" }
func (l snapLookup) EntityType(id string) (tokumu.EntityType, bool) {
	if e := l.sn.Entities[id]; e != nil {
		return e.Type, true
	}
	return "", false
}

func claimURL(id string) string { return "/claims/" + id }

func (s *Server) handleCreateClaim(w http.ResponseWriter, r *http.Request) {
	u := s.require(w, r, tokumu.RoleEditor)
	if u == nil {
		return
	}
	req, err := readWrite(w, r)
	var in claimInput
	if err == nil {
		err = decodeClaim(req.Claim, &in)
	}
	var c *tokumu.Claim
	if err == nil {
		c, err = in.claim("")
	}
	if err == nil {
		if _, ferr := s.findClaim(r.Context(), s.st(r), c.ID); ferr == nil {
			err = tokumu.Errorf(tokumu.ECONFLICT, "claim %s exists already (the same subject, predicate, value and source); change it with PUT /api/claims/%s", c.ID, c.ID)
		} else if tokumu.ErrorCode(ferr) != tokumu.ENOTFOUND {
			err = ferr
		}
	}
	var base int64
	if err == nil {
		if req.Base != nil {
			base = *req.Base
		} else {
			base, err = tokumu.HeadRevision(r.Context(), s.st(r).store)
		}
	}
	if err != nil {
		s.writeEditError(w, r, err)
		return
	}
	rev := &tokumu.Revision{Base: base, Message: req.Reason, Changes: []tokumu.Change{{Op: tokumu.OpPut, Kind: tokumu.KindClaim, ID: c.ID, After: c}}}
	if err := s.apply(r, u, rev); err != nil {
		s.writeEditError(w, r, err)
		return
	}
	after, _ := rev.Changes[0].After.(*tokumu.Claim)
	w.Header().Set("Location", claimURL(c.ID))
	writeJSON(w, http.StatusCreated, writeAnswer{Revision: rev, Claim: after, URL: claimURL(c.ID), Warnings: claimWarnings(s.st(r), after)})
}

// handleReplaceClaim answers PUT (the whole claim) and PATCH (the fields
// given, over the current claim) on /api/claims/{id}.
func (s *Server) handleReplaceClaim(w http.ResponseWriter, r *http.Request) {
	u := s.require(w, r, tokumu.RoleEditor)
	if u == nil {
		return
	}
	id := r.PathValue("id")
	req, err := readWrite(w, r)
	if err == nil && req.Base == nil {
		err = tokumu.Errorf(tokumu.EINVALID, "base: give the revision you read the claim at (\"base\": N; /api/claims/{id}/history gives its version)")
	}
	var cur *tokumu.Claim
	if err == nil {
		cur, err = s.findClaim(r.Context(), s.st(r), id)
	}
	var in claimInput
	if err == nil {
		if r.Method == http.MethodPatch {
			in = inputOf(cur)
		}
		err = decodeClaim(req.Claim, &in)
	}
	var c *tokumu.Claim
	if err == nil {
		c, err = in.claim(id)
	}
	if err != nil {
		s.writeEditError(w, r, err)
		return
	}
	rev := &tokumu.Revision{Base: *req.Base, Message: req.Reason, Changes: []tokumu.Change{{Op: tokumu.OpPut, Kind: tokumu.KindClaim, ID: id, After: c}}}
	if err := s.apply(r, u, rev); err != nil {
		s.writeEditError(w, r, err)
		return
	}
	after, _ := rev.Changes[0].After.(*tokumu.Claim)
	writeJSON(w, http.StatusOK, writeAnswer{Revision: rev, Claim: after, URL: claimURL(id), Warnings: claimWarnings(s.st(r), after)})
}

func (s *Server) handleDeleteClaim(w http.ResponseWriter, r *http.Request) {
	u := s.require(w, r, tokumu.RoleEditor)
	if u == nil {
		return
	}
	req, err := readWrite(w, r)
	if err == nil && req.Base == nil {
		err = tokumu.Errorf(tokumu.EINVALID, "base: give the revision you read the claim at (\"base\": N)")
	}
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	id := r.PathValue("id")
	rev := &tokumu.Revision{Base: *req.Base, Message: req.Reason, Changes: []tokumu.Change{{Op: tokumu.OpRetract, Kind: tokumu.KindClaim, ID: id}}}
	if err := s.apply(r, u, rev); err != nil {
		s.writeError(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, writeAnswer{Revision: rev})
}

// revision returns the revision with the number, or ENOTFOUND.
func revision(r *http.Request, ed tokumu.Editor, idText string) (*tokumu.Revision, error) {
	id, err := strconv.ParseInt(strings.TrimPrefix(idText, "r"), 10, 64)
	if err != nil || id < 1 {
		return nil, tokumu.Errorf(tokumu.EINVALID, "revision %q: give its number, as /changes lists it", clip(idText))
	}
	rs, err := ed.History(r.Context(), tokumu.HistoryFilter{Before: id + 1, Limit: 1})
	if err != nil {
		return nil, err
	}
	if len(rs) == 0 || rs[0].ID != id {
		return nil, tokumu.Errorf(tokumu.ENOTFOUND, "no revision %d", id)
	}
	return rs[0], nil
}

// revert writes the revision that undoes revision idText (tokumu.RevertOf).
func (s *Server) revert(r *http.Request, u *who, idText, reason string) (*tokumu.Revision, error) {
	ed, err := editorOf(s.st(r))
	if err != nil {
		return nil, err
	}
	old, err := revision(r, ed, idText)
	if err != nil {
		return nil, err
	}
	if st := s.st(r); old.ID <= st.importRev {
		// The import replaced the data it changed, and is no revision a
		// conflict check could see: reverting would put back the data
		// before the import over what the import brought (a page number
		// the new corpus corrected), field by field beyond the revision's.
		return nil, tokumu.Errorf(tokumu.ECONFLICT, "revision %d cannot be reverted: it changed the data that the corpus imported after revision %d replaced; correct the object with a new edit instead",
			old.ID, st.importRev)
	}
	// The newest revision, read before the objects (see Revision.Base).
	head, err := tokumu.HeadRevision(r.Context(), s.st(r).store)
	if err != nil {
		return nil, err
	}
	rev, err := tokumu.RevertOf(old, u.acc.Name, reason)
	if err != nil {
		return nil, err
	}
	err = s.apply(r, u, rev)
	if tokumu.ErrorCode(err) == tokumu.ECONFLICT {
		// Later revisions touched the objects; if they are back as the
		// reverted revision left them (a later edit itself reverted),
		// nothing later is lost by reverting, so revert from the newest.
		same, serr := s.asLeftBy(r, old)
		if serr != nil {
			return nil, serr
		}
		if same {
			rev.Base = head
			err = s.apply(r, u, rev)
		} else {
			// A revert takes no base: say what to do instead of
			// "reapply with base N".
			err = tokumu.Errorf(tokumu.ECONFLICT, "revision %d cannot be reverted: later revisions changed what it changed (%s); revert those first, newest first, or correct it with a new edit",
				old.ID, tokumu.ErrorMessage(err))
		}
	}
	return rev, err
}

// asLeftBy reports whether every object rev changed is now as rev left it.
func (s *Server) asLeftBy(r *http.Request, rev *tokumu.Revision) (bool, error) {
	st := s.st(r)
	for _, ch := range rev.Changes {
		var cur any
		var err error
		switch ch.Kind {
		case tokumu.KindClaim:
			cur, err = s.findClaim(r.Context(), st, ch.ID)
		case tokumu.KindEntity:
			cur, err = st.store.Entity(r.Context(), ch.ID)
		case tokumu.KindSource:
			cur, err = st.store.Source(r.Context(), ch.ID)
		}
		if tokumu.ErrorCode(err) == tokumu.ENOTFOUND {
			cur, err = nil, nil
		}
		if err != nil {
			return false, err
		}
		a, err1 := tokumu.EncodeObject(cur)
		b, err2 := tokumu.EncodeObject(ch.After)
		if err1 != nil || err2 != nil || a != b {
			return false, nil
		}
	}
	return true, nil
}

func (s *Server) handleRevertAPI(w http.ResponseWriter, r *http.Request) {
	u := s.require(w, r, tokumu.RoleEditor)
	if u == nil {
		return
	}
	req, err := readWrite(w, r)
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	rev, err := s.revert(r, u, r.PathValue("id"), req.Reason)
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	writeJSON(w, http.StatusCreated, writeAnswer{Revision: rev})
}

// changesAnswer is /api/changes and /api/claims/{id}/history.
type changesAnswer struct {
	Head      int64         `json:"head"` // the newest revision: the base of the next edit
	Revisions []changeEntry `json:"revisions"`
	Next      string        `json:"next,omitempty"`
}

// changeEntry is a revision as the history lists it.
type changeEntry struct {
	*tokumu.Revision
	Lines []changeLine `json:"summary"`
}

type changeLine struct {
	Op    string   `json:"op"` // created, changed, retracted
	Kind  string   `json:"kind"`
	ID    string   `json:"id"`
	URL   string   `json:"url,omitempty"`
	Diffs []string `json:"diff,omitempty"`
}

func entryOf(rev *tokumu.Revision) changeEntry {
	e := changeEntry{Revision: rev}
	for _, ch := range rev.Changes {
		l := changeLine{Op: "changed", Kind: string(ch.Kind), ID: ch.ID}
		switch {
		case ch.Op == tokumu.OpRetract:
			l.Op = "retracted"
		case ch.Before == nil:
			l.Op = "created"
		}
		switch ch.Kind {
		case tokumu.KindClaim:
			l.URL = claimURL(ch.ID)
			b, _ := ch.Before.(*tokumu.Claim)
			a, _ := ch.After.(*tokumu.Claim)
			if b != nil && a != nil {
				l.Diffs = tokumu.ClaimDiff(b, a)
			}
		case tokumu.KindEntity:
			l.URL = "/entities/" + ch.ID
			b, _ := ch.Before.(*tokumu.Entity)
			a, _ := ch.After.(*tokumu.Entity)
			if b != nil && a != nil {
				l.Diffs = tokumu.EntityDiff(b, a)
			}
		case tokumu.KindSource:
			l.URL = "/sources/" + ch.ID
		}
		e.Lines = append(e.Lines, l)
	}
	return e
}

// changes reads one page of the history: f with the page parameters.
func (s *Server) changes(r *http.Request, f tokumu.HistoryFilter) (*changesAnswer, error) {
	ed, err := editorOf(s.st(r))
	if err != nil {
		return nil, err
	}
	limit, err := pChangesLimit.get(r)
	if err != nil {
		return nil, err
	}
	before, err := pChangesBefore.get(r)
	if err != nil {
		return nil, err
	}
	f.Limit, f.Before = limit+1, int64(before)
	rs, err := ed.History(r.Context(), f)
	if err != nil {
		return nil, err
	}
	head, err := tokumu.HeadRevision(r.Context(), s.st(r).store)
	if err != nil {
		return nil, err
	}
	a := &changesAnswer{Head: head, Revisions: []changeEntry{}}
	if len(rs) > limit {
		rs = rs[:limit]
		a.Next = strconv.FormatInt(rs[limit-1].ID, 10)
	}
	for _, rev := range rs {
		a.Revisions = append(a.Revisions, entryOf(rev))
	}
	return a, nil
}

func (s *Server) handleChangesAPI(w http.ResponseWriter, r *http.Request) {
	a, err := s.changes(r, tokumu.HistoryFilter{Author: r.URL.Query().Get("author")})
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, a)
}

func (s *Server) handleClaimHistoryAPI(w http.ResponseWriter, r *http.Request) {
	a, err := s.changes(r, tokumu.HistoryFilter{Kind: tokumu.KindClaim, ID: r.PathValue("id")})
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, a)
}
