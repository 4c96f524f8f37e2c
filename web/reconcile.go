package web

import (
	"bytes"
	_ "embed"
	"encoding/json"
	"fmt"
	"html/template"
	"net/http"
	"regexp"
	"sort"
	"strings"

	"github.com/tokumu/tokumu"
	"github.com/tokumu/tokumu/search"
)

// /reconcile speaks the W3C Entity Reconciliation Community Group's
// Reconciliation Service API, version 0.2 — the protocol OpenRefine uses
// to match a column of names against a database. Names are matched by the
// same search index as /api/search, so a spreadsheet with Lyushkov,
// リュシコフ and Люшков in one column reconciles every row to
// lyushkov-genrikh. Types are the entity types; a property is a predicate
// id whose value (a date, an entity id or name, a literal) raises the
// score of a candidate whose claims agree and lowers it where they differ.
//
// The shapes follow the specification's JSON schemas (manifest.json,
// reconciliation-query-batch.json, reconciliation-result-batch.json,
// suggest-entities-response.json); the tests validate the answers against
// them.

// Bounds of one reconciliation request: a client sends batches of about
// ten queries (OpenRefine's default); these bound what one request can
// make the server do.
const (
	maxReconcileBody    = 1 << 20 // bytes of the queries parameter or the POST body
	maxReconcileQueries = 100     // queries in one batch
	maxReconcileLimit   = 25      // candidates per query
	defReconcileLimit   = 5
	maxReconcileProps   = 10 // properties per query
	maxReconcileValues  = 10 // values per property
	// maxReconcilePropsBatch bounds the properties of a whole batch: each
	// is one claims query per candidate weighed (limit+5 at most).
	maxReconcilePropsBatch = 100
)

// typeNames are the entity types as a reconciliation client lists them.
var typeNames = map[tokumu.EntityType]string{
	tokumu.Person: "Person", tokumu.Organization: "Organization", tokumu.Unit: "Military unit",
	tokumu.Place: "Place", tokumu.Event: "Event", tokumu.Operation: "Operation",
	tokumu.Document: "Document", tokumu.Period: "Period", tokumu.Hypothesis: "Hypothesis",
}

type reconType struct {
	ID   string `json:"id"`
	Name string `json:"name"`
}

func typeOf(t tokumu.EntityType) reconType {
	n := typeNames[t]
	if n == "" {
		n = string(t)
	}
	return reconType{string(t), n}
}

// baseURL is the scheme and host the request came to, with a slash: the
// base of the identifiers and URL templates the manifest gives.
func baseURL(r *http.Request) string {
	scheme := "http"
	if r.TLS != nil {
		scheme = "https"
	}
	return scheme + "://" + r.Host + "/"
}

// reconManifest is the service manifest, answered to a GET without queries.
type reconManifest struct {
	Versions        []string    `json:"versions"`
	Name            string      `json:"name"`
	IdentifierSpace string      `json:"identifierSpace"`
	SchemaSpace     string      `json:"schemaSpace"`
	Documentation   string      `json:"documentation"`
	ServiceVersion  string      `json:"serviceVersion"`
	DefaultTypes    []reconType `json:"defaultTypes"`
	View            struct {
		URL string `json:"url"`
	} `json:"view"`
	Preview struct {
		URL    string `json:"url"`
		Width  int    `json:"width"`
		Height int    `json:"height"`
	} `json:"preview"`
	Suggest struct {
		Entity struct {
			ServiceURL  string `json:"service_url"`
			ServicePath string `json:"service_path"`
		} `json:"entity"`
	} `json:"suggest"`
}

func manifest(r *http.Request) reconManifest {
	base := baseURL(r)
	m := reconManifest{Versions: []string{"0.2"}, Name: "tokumu", IdentifierSpace: base + "entities/",
		SchemaSpace: base + "api/predicates", Documentation: base + "api/openapi.json", ServiceVersion: tokumu.Version}
	for _, t := range tokumu.EntityTypes {
		m.DefaultTypes = append(m.DefaultTypes, typeOf(t))
	}
	m.View.URL = base + "entities/{{id}}"
	m.Preview.URL = base + "reconcile/preview?id={{id}}"
	m.Preview.Width, m.Preview.Height = 400, 160
	m.Suggest.Entity.ServiceURL = strings.TrimSuffix(base, "/")
	m.Suggest.Entity.ServicePath = "/reconcile/suggest/entity"
	return m
}

// reconQuery is one query of a batch.
type reconQuery struct {
	Query      string          `json:"query"`
	Type       json.RawMessage `json:"type"`
	Limit      *float64        `json:"limit"`
	Properties []struct {
		PID string          `json:"pid"`
		V   json.RawMessage `json:"v"`
	} `json:"properties"`
	TypeStrict string `json:"type_strict"`
}

// reconCandidate is one candidate of a result.
type reconCandidate struct {
	ID          string      `json:"id"`
	Name        string      `json:"name"`
	Score       float64     `json:"score"`
	Match       bool        `json:"match"`
	Type        []reconType `json:"type"`
	Description string      `json:"description,omitempty"` // last: the longest
}

type reconResult struct {
	Result []reconCandidate `json:"result"`
}

// jsonpName is what a JSONP callback may be called: a JavaScript name,
// so that nothing else can be injected into the answer.
var jsonpName = regexp.MustCompile(`^[A-Za-z_$][A-Za-z0-9_$.]{0,63}$`)

func (s *Server) handleReconcile(w http.ResponseWriter, r *http.Request) {
	// The service is read-only public data: any web page may call it.
	w.Header().Set("Access-Control-Allow-Origin", "*")
	var raw string
	if r.Method == http.MethodPost {
		r.Body = http.MaxBytesReader(w, r.Body, maxReconcileBody)
		if err := r.ParseForm(); err != nil {
			s.writeError(w, r, tokumu.Errorf(tokumu.EINVALID, "the form could not be read (%v): send queries as a form field of at most %d bytes", err, maxReconcileBody))
			return
		}
		raw = r.PostForm.Get("queries")
		if raw == "" {
			s.writeError(w, r, tokumu.Errorf(tokumu.EINVALID, `form field queries is missing: POST queries={"q0":{"query":"Harbin"}}`))
			return
		}
	} else {
		raw = r.URL.Query().Get("queries")
	}
	cb := r.URL.Query().Get("callback")
	if cb != "" && !jsonpName.MatchString(cb) {
		s.writeError(w, r, tokumu.Errorf(tokumu.EINVALID, "parameter callback=%q is not a JavaScript name: use letters, digits, _, $ and . (at most 64)", clip(cb)))
		return
	}
	var out any
	if raw == "" {
		out = manifest(r)
	} else {
		res, err := s.reconcile(r, raw)
		if err != nil {
			s.writeError(w, r, err)
			return
		}
		out = res
	}
	if cb == "" {
		writeJSON(w, http.StatusOK, out)
		return
	}
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(true) // inside a script: no "</script>" may pass
	enc.Encode(out)
	w.Header().Set("Content-Type", "application/javascript; charset=utf-8")
	fmt.Fprintf(w, "%s(%s);\n", cb, bytes.TrimSpace(buf.Bytes()))
}

// reconcile answers a query batch.
func (s *Server) reconcile(r *http.Request, raw string) (map[string]reconResult, error) {
	if len(raw) > maxReconcileBody {
		return nil, tokumu.Errorf(tokumu.EINVALID, "parameter queries is %d bytes: at most %d (send fewer queries per batch)", len(raw), maxReconcileBody)
	}
	var batch map[string]json.RawMessage
	if err := json.Unmarshal([]byte(raw), &batch); err != nil {
		return nil, tokumu.Errorf(tokumu.EINVALID, `parameter queries is not a JSON object of queries (%v): write {"q0":{"query":"Harbin","type":"place"}}`, err)
	}
	if len(batch) > maxReconcileQueries {
		return nil, tokumu.Errorf(tokumu.EINVALID, "parameter queries has %d queries: at most %d in one batch", len(batch), maxReconcileQueries)
	}
	keys := make([]string, 0, len(batch))
	for k := range batch {
		keys = append(keys, k)
	}
	sort.Strings(keys) // errors name the first bad key, whatever the map order
	qs := map[string]*reconQuery{}
	props := 0
	for _, k := range keys {
		q, err := parseReconQuery(k, batch[k])
		if err != nil {
			return nil, err
		}
		qs[k] = q
		props += len(q.Properties)
	}
	if props > maxReconcilePropsBatch {
		return nil, tokumu.Errorf(tokumu.EINVALID, "parameter queries has %d properties in all: at most %d in one batch (send fewer queries per batch)", props, maxReconcilePropsBatch)
	}
	out := map[string]reconResult{}
	for _, k := range keys {
		cs, err := s.candidates(r, k, qs[k])
		if err != nil {
			return nil, err
		}
		out[k] = reconResult{cs}
	}
	return out, nil
}

func parseReconQuery(key string, raw json.RawMessage) (*reconQuery, error) {
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.DisallowUnknownFields()
	q := &reconQuery{}
	if err := dec.Decode(q); err != nil {
		return nil, tokumu.Errorf(tokumu.EINVALID, "query %q: %v (a query has query, type, limit, properties and type_strict)", clip(key), err)
	}
	if q.Query == "" && len(q.Properties) == 0 {
		return nil, tokumu.Errorf(tokumu.EINVALID, "query %q has neither query nor properties: give the name to match as query", clip(key))
	}
	if len(q.Query) > search.MaxQueryBytes {
		return nil, tokumu.Errorf(tokumu.EINVALID, "query %q: query is %d bytes, at most %d", clip(key), len(q.Query), search.MaxQueryBytes)
	}
	if q.Limit != nil && (*q.Limit < 1 || *q.Limit > maxReconcileLimit || *q.Limit != float64(int(*q.Limit))) {
		return nil, tokumu.Errorf(tokumu.EINVALID, "query %q: limit %v must be a whole number from 1 to %d", clip(key), *q.Limit, maxReconcileLimit)
	}
	if len(q.Properties) > maxReconcileProps {
		return nil, tokumu.Errorf(tokumu.EINVALID, "query %q has %d properties: at most %d", clip(key), len(q.Properties), maxReconcileProps)
	}
	switch q.TypeStrict {
	case "", "any", "should", "all":
	default:
		return nil, tokumu.Errorf(tokumu.EINVALID, "query %q: type_strict %q must be any, should or all", clip(key), clip(q.TypeStrict))
	}
	return q, nil
}

// types reads a query's type: one id or a list of them.
func (q *reconQuery) types(key string) ([]tokumu.EntityType, error) {
	if len(q.Type) == 0 || string(q.Type) == "null" {
		return nil, nil
	}
	var list []string
	var one string
	if err := json.Unmarshal(q.Type, &one); err == nil {
		list = []string{one}
	} else if err := json.Unmarshal(q.Type, &list); err != nil {
		return nil, tokumu.Errorf(tokumu.EINVALID, "query %q: type must be a type id or a list of them", clip(key))
	}
	var out []tokumu.EntityType
	for _, t := range list {
		et := tokumu.EntityType(t)
		if !et.Valid() {
			names := make([]string, len(tokumu.EntityTypes))
			for i, t := range tokumu.EntityTypes {
				names[i] = string(t)
			}
			return nil, tokumu.Errorf(tokumu.EINVALID, "query %q: type %q is not an entity type (one of %s)", clip(key), clip(t), strings.Join(names, ", "))
		}
		out = append(out, et)
	}
	return out, nil
}

// levelScore is a candidate's score before properties, by how its name
// matched: an exact name is certain, a whole word or a derived spelling
// likely, a prefix or a near spelling a guess.
var levelScore = map[search.Match]float64{
	search.MatchExact: 100, search.MatchName: 85, search.MatchDerived: 75,
	search.MatchPrefix: 55, search.MatchFuzzy: 45, search.MatchText: 20,
}

// Property evidence moves a score by these amounts.
const (
	propAgree    = 10
	propDisagree = -30
)

func (s *Server) candidates(r *http.Request, key string, q *reconQuery) ([]reconCandidate, error) {
	types, err := q.types(key)
	if err != nil {
		return nil, err
	}
	limit := defReconcileLimit
	if q.Limit != nil {
		limit = int(*q.Limit)
	}
	st := s.st(r)
	lang := langOf(r)
	props, err := s.reconProps(st, key, q)
	if err != nil {
		return nil, err
	}
	// Read more hits than asked: claim and source hits are dropped, and
	// properties may reorder the best limit+5 entities, which are all
	// that are weighed.
	weighed := limit + 5
	ix, err := st.searchIndex()
	if err != nil {
		return nil, err
	}
	res, err := ix.Search(search.Query{Text: q.Query, Types: types, Lang: lang, Limit: min(search.MaxLimit, 4*limit+10)})
	if err != nil {
		return nil, tokumu.Errorf(tokumu.EINVALID, "query %q: %s", clip(key), tokumu.ErrorMessage(err))
	}
	var out []reconCandidate
	seen := map[string]bool{}
	for _, h := range res.Hits {
		if h.Kind != search.KindEntity || seen[h.Entity] {
			continue
		}
		if len(out) == weighed {
			break
		}
		e := st.snap.Entities[h.Entity]
		if e == nil {
			continue
		}
		seen[h.Entity] = true
		c := reconCandidate{ID: e.ID, Name: st.snap.Label(e.ID, lang), Score: levelScore[h.Match], Type: []reconType{typeOf(e.Type)}}
		if d := e.Summary[lang]; d != "" {
			c.Description = d
		} else {
			c.Description = e.Summary["en"]
		}
		contra := false
		for _, p := range props {
			switch v := p.judge(r, st, e.ID); {
			case v > 0:
				c.Score += propAgree
			case v < 0:
				c.Score += propDisagree
				contra = true
			}
		}
		c.Score = max(0, min(100, c.Score))
		c.Match = h.Match == search.MatchExact && !contra
		out = append(out, c)
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].Score > out[j].Score })
	if len(out) > limit {
		out = out[:limit]
	}
	// A match is certain only when no other candidate is as good.
	for i := range out {
		if out[i].Match && ((i > 0 && out[i-1].Score >= out[i].Score) || (i+1 < len(out) && out[i+1].Score >= out[i].Score)) {
			out[i].Match = false
		}
	}
	if out == nil {
		out = []reconCandidate{}
	}
	return out, nil
}

// reconProp is one property of a query: a predicate and the values given.
type reconProp struct {
	pred   string
	values []string
}

func (s *Server) reconProps(st *state, key string, q *reconQuery) ([]reconProp, error) {
	var out []reconProp
	for i, p := range q.Properties {
		if st.snap.preds[p.PID] == nil {
			return nil, tokumu.Errorf(tokumu.EINVALID, "query %q: property %d: pid %q is not a predicate of the vocabulary (see /api/predicates)", clip(key), i, clip(p.PID))
		}
		vals, err := propValues(p.V)
		if err != nil {
			return nil, tokumu.Errorf(tokumu.EINVALID, "query %q: property %q: %v", clip(key), p.PID, err)
		}
		out = append(out, reconProp{p.PID, vals})
	}
	return out, nil
}

// propValues reads a property value: a string, number or boolean, an
// object with an id, or a list of those.
func propValues(raw json.RawMessage) ([]string, error) {
	var list []json.RawMessage
	if err := json.Unmarshal(raw, &list); err != nil {
		list = []json.RawMessage{raw}
	}
	if len(list) > maxReconcileValues {
		return nil, fmt.Errorf("%d values: at most %d", len(list), maxReconcileValues)
	}
	var out []string
	for _, v := range list {
		var x any
		if err := json.Unmarshal(v, &x); err != nil {
			return nil, fmt.Errorf("v is not JSON: %v", err)
		}
		switch x := x.(type) {
		case string:
			out = append(out, x)
		case float64, bool:
			out = append(out, fmt.Sprint(x))
		case map[string]any:
			id, _ := x["id"].(string)
			if id == "" {
				return nil, fmt.Errorf(`an entity value needs an id: {"id": "harbin"}`)
			}
			out = append(out, id)
		default:
			return nil, fmt.Errorf("v must be a string, number, boolean, {\"id\": …} or a list of them")
		}
	}
	return out, nil
}

// judge compares the property with the entity's claims: +1 when a claim
// agrees with a value, -1 when the entity has claims of the predicate and
// none agrees, 0 when it has none (no evidence either way).
func (p reconProp) judge(r *http.Request, st *state, id string) int {
	cs, err := st.store.Claims(r.Context(), tokumu.ClaimFilter{Subject: id, Predicate: p.pred, Limit: 100})
	if err != nil || len(cs) == 0 {
		return 0
	}
	for _, v := range p.values {
		for _, c := range cs {
			if claimAgrees(st, c, v) {
				return 1
			}
		}
	}
	return -1
}

// claimAgrees reports whether value v says what c says: its object (by id
// or by any of its names), its literal value, or — for a date — a time
// that possibly overlaps the claim's.
func claimAgrees(st *state, c *tokumu.Claim, v string) bool {
	fv := search.Fold(v)
	if c.Object != "" {
		if v == c.Object {
			return true
		}
		if e := st.snap.Entities[c.Object]; e != nil {
			for _, n := range e.Names {
				if search.Fold(n.Text) == fv {
					return true
				}
			}
		}
	}
	if c.Value != "" && search.Fold(c.Value) == fv {
		return true
	}
	if !c.When.IsZero() {
		if w, _, err := tokumu.ParseWhen(v); err == nil && !w.IsZero() {
			return w.Earliest <= c.When.Latest && c.When.Earliest <= w.Latest
		}
	}
	return false
}

// handleReconcileSuggest is the suggest service for entities: what a
// reconciliation client offers as one types a name by hand.
func (s *Server) handleReconcileSuggest(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Access-Control-Allow-Origin", "*")
	st := s.st(r)
	lang := langOf(r)
	type sugg struct {
		ID          string      `json:"id"`
		Name        string      `json:"name"`
		Description string      `json:"description,omitempty"`
		Notable     []reconType `json:"notable"`
	}
	out := struct {
		Result []sugg `json:"result"`
	}{Result: []sugg{}}
	ix, err := st.searchIndex()
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	for _, h := range ix.Suggest(r.URL.Query().Get("prefix"), defReconcileLimit*2, lang) {
		e := st.snap.Entities[h.Entity]
		if h.Kind != search.KindEntity || e == nil {
			continue
		}
		out.Result = append(out.Result, sugg{ID: e.ID, Name: st.snap.Label(e.ID, lang), Description: e.Summary["en"], Notable: []reconType{typeOf(e.Type)}})
	}
	writeJSON(w, http.StatusOK, out)
}

//go:embed cards/preview.html
var previewHTML string

// previewTmpl is the preview card: a page of its own, not the site's
// layout, since a client shows it in a small frame.
var previewTmpl = template.Must(template.New("preview").Parse(previewHTML))

// previewCSP lets any page frame the preview card; it loads nothing and
// runs no script.
const previewCSP = "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors *"

type previewCard struct {
	E       *tokumu.Entity
	Label   string
	Type    string
	Summary string
	URL     string
	Lang    string
}

// handleReconcilePreview answers /reconcile/preview?id=: the entity's
// names in every script, its type and its summary.
func (s *Server) handleReconcilePreview(w http.ResponseWriter, r *http.Request) {
	st := s.st(r)
	id := r.URL.Query().Get("id")
	e := st.snap.Entities[id]
	if e == nil {
		s.htmlError(w, r, tokumu.Errorf(tokumu.ENOTFOUND, "no entity %q: give an id from a reconciliation answer", clip(id)))
		return
	}
	lang := langOf(r)
	p := previewCard{E: e, Label: st.snap.Label(id, lang), Type: typeOf(e.Type).Name, Summary: e.Summary[lang], URL: "/entities/" + id, Lang: lang}
	if p.Summary == "" {
		p.Summary = e.Summary["en"]
	}
	var buf bytes.Buffer
	if err := previewTmpl.Execute(&buf, p); err != nil {
		s.htmlError(w, r, err)
		return
	}
	// A reconciliation client shows the card in a frame of its own page:
	// the card may be framed, and it can run nothing.
	w.Header().Del("X-Frame-Options")
	w.Header().Set("Content-Security-Policy", previewCSP)
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.Write(buf.Bytes())
}
