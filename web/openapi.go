package web

import (
	"crypto/sha256"
	_ "embed"
	"encoding/hex"
	"encoding/json"
	"net/http"
	"strings"
	"sync"

	"github.com/tokumu/tokumu"
	"github.com/tokumu/tokumu/format"
)

// The API is described by an OpenAPI 3.1 document served at
// /api/openapi.json. It is built here, once, from the table below and the
// schemas of apischemas.json (both in the binary): the numeric parameters
// come from Params, so their ranges are the ones the handlers enforce, and
// a test fails when the server has a route the table lacks or the table
// names a route the server lacks (openapi_test.go), and checks every
// documented answer against its schema with a real OpenAPI validator.

//go:embed apischemas.json
var apiSchemasJSON []byte

// apiParam is one documented parameter.
type apiParam struct {
	Name     string
	In       string // "query" (default) or "path"
	Desc     string
	Required bool
	Schema   map[string]any
}

// apiOp is one documented route: GET unless Method says otherwise.
type apiOp struct {
	Method  string
	Path    string // as OpenAPI writes it: /api/entities/{id}
	Summary string
	Params  []apiParam
	// Schema names the 200 answer's schema in apischemas.json; Media is
	// its type when not JSON (Schema is then empty).
	Schema string
	Media  []string
	// Errors are the error statuses the route can answer besides 503;
	// an HTML route (Media text/html) answers them as an HTML page.
	Errors []int
	// Body, for a POST: the form fields it takes.
	Body []apiParam
	// JSONBody names the schema of a JSON request body (the write API).
	JSONBody string
	// Status is the success status when not 200 (201 for a creation).
	Status int
}

func str(name, desc string) apiParam {
	return apiParam{Name: name, Desc: desc, Schema: map[string]any{"type": "string"}}
}

func dateParam(name, desc string) apiParam {
	return apiParam{Name: name, Desc: desc + " (a date as EDTF or as written: 1939-06-01, 1939-06, 1939)",
		Schema: map[string]any{"type": "string", "maxLength": maxDateLen}}
}

func pathID(desc string) apiParam {
	return apiParam{Name: "id", In: "path", Required: true, Desc: desc, Schema: map[string]any{"type": "string"}}
}

// num documents a numeric parameter from its row of Params.
func num(p intSpec) apiParam {
	s := map[string]any{"type": "integer", "minimum": p.Min, "maximum": p.Max}
	if !(p.Def == 0 && p.Min > 0) {
		s["default"] = p.Def
	}
	return apiParam{Name: p.Name, Desc: p.Doc, Schema: s}
}

var (
	pType = apiParam{Name: "type", Desc: "entity type", Schema: map[string]any{"$ref": "#/components/schemas/EntityType"}}
	pLang = apiParam{Name: "lang", Desc: "language of labels (else Accept-Language)", Schema: map[string]any{"type": "string", "enum": []string{"en", "ja", "ru"}}}
)

// apiOps is every route under /api/ and /reconcile, in the order of
// routeList.
var apiOps = []apiOp{
	{Path: "/api/", Summary: "The API's index: its name, version, release, this document and example URLs.", Schema: "Index"},
	{Path: "/api/openapi.json", Summary: "This document (OpenAPI 3.1).", Media: []string{"application/json"}},
	{Path: "/api/release", Summary: "The release a citation names: the content hash and the program version; on an edited database, the revision and whether a release holds it (edited).", Schema: "Release"},
	{Path: "/api/entities", Summary: "Entities, paged, optionally of one type.", Schema: "EntityList", Errors: []int{400},
		Params: []apiParam{pType, num(pEntitiesLimit), num(pEntitiesOffset)}},
	{Path: "/api/entities/{id}", Summary: "One entity with its claims by predicate, its disagreements and what they name.", Schema: "EntityPage", Errors: []int{400, 404},
		Params: []apiParam{pathID("entity id"), num(pEntityLimit), pLang}},
	{Path: "/api/entities/{id}/claims", Summary: "One group of an entity's claims (a predicate, and the side the entity is on), paged: how a hub's page lists the claims past its first 20 of a group.", Schema: "ClaimList", Errors: []int{400, 404},
		Params: []apiParam{pathID("entity id"), {Name: "p", Required: true, Desc: "predicate id of the group", Schema: map[string]any{"type": "string"}},
			{Name: "inv", Desc: "1: the claims whose object the entity is", Schema: map[string]any{"type": "string", "enum": []string{"0", "1"}}},
			num(pGroupLimit), num(pGroupOffset)}},
	{Path: "/api/claims", Summary: "Claims matching the filters, paged (total is left out when more rows exist than were read).", Schema: "ClaimList", Errors: []int{400},
		Params: []apiParam{str("about", "entity on either side"), str("subject", "subject entity id"), str("object", "object entity id"),
			str("predicate", "predicate id"), str("source", "bibliography key"), str("by", "perspective entity id"),
			{Name: "relations", Desc: "1 or true: relations only", Schema: map[string]any{"type": "string", "enum": []string{"0", "1", "true", "false"}}},
			dateParam("at", "held on this day (a month or a year: its first day)"), dateParam("from", "possibly overlapping from"), dateParam("to", "possibly overlapping to"),
			num(pClaimsLimit), num(pClaimsOffset)}},
	{Path: "/api/at", Summary: "What held on a date: about one entity, or across the corpus.", Schema: "AtPage", Errors: []int{400, 404},
		Params: []apiParam{{Name: "date", Required: true, Desc: "the date (1939-06-01)", Schema: map[string]any{"type": "string", "maxLength": maxDateLen}},
			str("id", "entity id"), num(pAtLimit)}},
	{Path: "/api/structure", Summary: "The organization chart on a date (roots, or the subtree under root), and the changes to a second date.", Schema: "Structure", Errors: []int{400, 404},
		Params: []apiParam{{Name: "date", Required: true, Desc: "the date", Schema: map[string]any{"type": "string", "maxLength": maxDateLen}},
			str("root", "the organization at the top"), dateParam("compare", "a second date to compare with")}},
	{Path: "/api/sources", Summary: "The bibliography, paged.", Schema: "SourceList", Errors: []int{400},
		Params: []apiParam{num(pSourcesLimit), num(pSourcesOffset)}},
	{Path: "/api/sources/{id}", Summary: "One source and the claims that cite it, paged.", Schema: "SourceClaims", Errors: []int{400, 404},
		Params: []apiParam{pathID("bibliography key"), num(pSourceLimit), num(pSourceOffset)}},
	{Path: "/api/predicates", Summary: "The vocabulary.", Schema: "Predicates"},
	{Path: "/api/predicates/{id}", Summary: "One predicate of the vocabulary and how many claims use it.", Schema: "PredicateEntry", Errors: []int{404},
		Params: []apiParam{pathID("predicate id")}},
	{Path: "/api/stats", Summary: "Counts by entity type, grade, source and predicate.", Schema: "Stats"},
	{Path: "/api/health", Summary: "Whether the server can read its database now (open on a closed server too): 200, or 503 with the error.", Schema: "Health", Errors: []int{503}},
	{Path: "/api/disagreements", Summary: "Where sources disagree, paged; id keeps one subject's.", Schema: "DisagreementList", Errors: []int{400},
		Params: []apiParam{str("id", "subject entity id"), num(pDisLimit), num(pDisOffset)}},
	{Path: "/api/audit", Summary: "The consistency audit's findings, paged.", Schema: "Audit", Errors: []int{400},
		Params: []apiParam{num(pAuditLimit), num(pAuditOffset)}},
	{Path: "/api/search", Summary: "Search entities, claims and sources by names in any script and by text.", Schema: "SearchResults", Errors: []int{400},
		Params: []apiParam{str("q", "what to search for"), {Name: "type", Desc: "entity types, comma-separated or repeated", Schema: map[string]any{"type": "string"}},
			dateParam("from", "from"), dateParam("to", "to (a year or month means all of it)"), str("period", "period entity id"),
			str("by", "perspective"), str("source", "bibliography key"), pLang, num(pSearchLimit), num(pSearchOffset)}},
	{Path: "/api/suggest", Summary: "Entities whose names start with what was typed, for a search box.", Schema: "Hits", Errors: []int{400},
		Params: []apiParam{str("q", "what was typed"), pLang, num(pSuggestLimit)}},
	{Path: "/api/export", Summary: "The corpus, or a part of it, in one of the export formats, as a download.", Errors: []int{400},
		Params: []apiParam{{Name: "format", Required: true, Desc: "the format", Schema: map[string]any{"type": "string", "enum": format.Names()}},
			str("entity", "an entity and its neighbourhood"), pType, str("tag", "entity tag"),
			dateParam("from", "claims possibly overlapping from"), dateParam("to", "claims possibly overlapping to"),
			{Name: "table", Desc: "csv: one table instead of a zip of all three", Schema: map[string]any{"type": "string", "enum": []string{"entities", "claims", "sources"}}},
			str("base", "IRI base of the RDF formats (http:// or https://)"), pLang}},
	{Path: "/api/ledger", Summary: "The deception ledger; with operation, that operation alone, without the summary by period.", Schema: "Ledger", Errors: []int{404},
		Params: []apiParam{str("operation", "an operation's id (one that planted claims)")}},
	{Path: "/api/ach", Summary: "Every matrix of competing hypotheses.", Schema: "ACHMatrices"},
	{Path: "/api/ach/{id}", Summary: "One matrix of competing hypotheses (format=csv for a spreadsheet).", Schema: "ACHMatrix", Media: []string{"text/csv"}, Errors: []int{404},
		Params: []apiParam{pathID("the entity the hypotheses are about"), {Name: "format", Desc: "csv for a spreadsheet", Schema: map[string]any{"type": "string", "enum": []string{"csv"}}}}},
	{Path: "/api/path", Summary: "The shortest dated, sourced path between two entities.", Schema: "Path", Errors: []int{400, 404},
		Params: []apiParam{{Name: "from", Required: true, Desc: "entity id", Schema: map[string]any{"type": "string"}},
			{Name: "to", Required: true, Desc: "entity id", Schema: map[string]any{"type": "string"}},
			dateParam("at", "relations that possibly held on this day (a month or a year: its first day)"),
			{Name: "certain", Desc: "1: only relations that certainly held", Schema: map[string]any{"type": "string", "enum": []string{"0", "1"}}},
			{Name: "undated", Desc: "0: leave undated relations out", Schema: map[string]any{"type": "string", "enum": []string{"0", "1"}}}}},
	{Path: "/api/estimates", Summary: "Estimates by perspective against the counts.", Schema: "Estimates", Errors: []int{400},
		Params: []apiParam{str("by", "perspective"), str("subject", "entity id"), str("unit", "unit (divisions, men …)"),
			dateParam("from", "from"), dateParam("to", "to"), num(pTolerance),
			{Name: "counts", Desc: "strong: leave out the counts that rest only on sources graded D or worse; all (the default): every count", Schema: map[string]any{"type": "string", "enum": []string{"all", "strong"}}}}},
	{Path: "/reconcile", Summary: "W3C Reconciliation API 0.2: without queries the service manifest; with queries (a JSON batch) the candidates for each.", Schema: "ReconcileManifestOrResults", Errors: []int{400},
		Params: []apiParam{{Name: "queries", Desc: "a reconciliation query batch, JSON: {\"q0\": {\"query\": \"Люшков\", \"type\": \"person\"}}", Schema: map[string]any{"type": "string", "maxLength": maxReconcileBody}},
			{Name: "callback", Desc: "JSONP callback name", Schema: map[string]any{"type": "string", "pattern": "^[A-Za-z_$][A-Za-z0-9_$.]{0,63}$"}}}},
	{Method: "POST", Path: "/reconcile", Summary: "W3C Reconciliation API 0.2: a batch of queries as the form field queries.", Schema: "ReconcileResults", Errors: []int{400},
		Body: []apiParam{{Name: "queries", Required: true, Desc: "a reconciliation query batch, JSON", Schema: map[string]any{"type": "string", "maxLength": maxReconcileBody}}}},
	{Path: "/api/changes", Summary: "The history of edits, newest first, paged by revision number.", Schema: "Changes", Errors: []int{400, 401},
		Params: []apiParam{str("author", "only this account's revisions"), num(pChangesLimit), num(pChangesBefore)}},
	{Path: "/api/claims/{id}", Summary: "One claim with its labels, its source (and as CSL-JSON), permalink, release and Chicago citation: what /claims/{id}?format=json gives.", Schema: "ClaimAnswer", Errors: []int{404},
		Params: []apiParam{pathID("claim id")}},
	{Path: "/api/claims/{id}/history", Summary: "The revisions that touched one claim, newest first.", Schema: "Changes", Errors: []int{401, 404},
		Params: []apiParam{pathID("claim id")}},
	{Path: "/api/entities/{id}/history", Summary: "The revisions that changed an entity (its names) or a claim about it, newest first, paged by revision number.", Schema: "Changes", Errors: []int{400, 401, 404},
		Params: []apiParam{pathID("entity id"), num(pChangesLimit), num(pChangesBefore)}},
	{Path: "/api/releases", Summary: "The releases frozen by tokumu release create, newest first: name (what a citation names), content hash, newest revision, time, note, counts.", Schema: "Releases"},
	{Path: "/api/releases/{rel}/claims/{id}", Summary: "A claim as a release holds it (its page: /releases/{rel}/claims/{id}).", Schema: "ReleaseClaim", Errors: []int{400, 404},
		Params: []apiParam{{Name: "rel", In: "path", Required: true, Desc: "the release's name: 12 hex digits", Schema: map[string]any{"type": "string", "pattern": "^[0-9a-f]{12}$"}}, pathID("claim id")}},
	{Method: "POST", Path: "/api/claims", Summary: "Add a claim (an editor's token in Authorization: Bearer; a reason in the body).", Schema: "WriteAnswer", Status: 201,
		JSONBody: "ClaimWrite", Errors: []int{400, 401, 403, 409}},
	{Method: "PUT", Path: "/api/claims/{id}", Summary: "Replace a claim; base is the revision the edit was made on (409 if a later one changed it).", Schema: "WriteAnswer",
		JSONBody: "ClaimWrite", Errors: []int{400, 401, 403, 404, 409}, Params: []apiParam{pathID("claim id")}},
	{Method: "PATCH", Path: "/api/claims/{id}", Summary: "Change some fields of a claim, as PUT with base.", Schema: "WriteAnswer",
		JSONBody: "ClaimWrite", Errors: []int{400, 401, 403, 404, 409}, Params: []apiParam{pathID("claim id")}},
	{Method: "DELETE", Path: "/api/claims/{id}", Summary: "Retract a claim (its history keeps it); reason and base as query parameters or a JSON body.", Schema: "WriteAnswer",
		Errors: []int{400, 401, 403, 404, 409}, Params: []apiParam{pathID("claim id"), str("reason", "why"), str("base", "the revision the retraction was decided on")}},
	{Method: "POST", Path: "/api/revisions/{id}/revert", Summary: "Undo a revision with a new one (409 if later revisions changed what it touched).", Schema: "WriteAnswer", Status: 201,
		JSONBody: "Reason", Errors: []int{400, 401, 403, 404, 409}, Params: []apiParam{pathID("revision number")}},
	{Path: "/reconcile/suggest/entity", Summary: "The reconciliation suggest service: entities whose names start with prefix.", Schema: "ReconcileSuggest",
		Params: []apiParam{str("prefix", "what was typed"), pLang}},
	{Path: "/reconcile/preview", Summary: "A small HTML card of an entity for a reconciliation client's preview.", Media: []string{"text/html"}, Errors: []int{404},
		Params: []apiParam{{Name: "id", Required: true, Desc: "entity id", Schema: map[string]any{"type": "string"}}}},
}

// apiExtraSchemas are the schemas of answers that are lists or unions,
// named so that apiOps can point at them.
var apiExtraSchemas = map[string]any{
	"Predicates":  map[string]any{"type": "array", "items": map[string]any{"$ref": "#/components/schemas/Predicate"}},
	"Hits":        map[string]any{"type": "array", "items": map[string]any{"$ref": "#/components/schemas/Hit"}},
	"ACHMatrices": map[string]any{"type": []string{"array", "null"}, "items": map[string]any{"$ref": "#/components/schemas/ACHMatrix"}},
	"Path":        map[string]any{"type": []string{"array", "null"}, "items": map[string]any{"$ref": "#/components/schemas/PathStep"}},
	"ReconcileSuggest": map[string]any{"type": "object", "required": []string{"result"}, "properties": map[string]any{"result": map[string]any{"type": "array", "items": map[string]any{
		"type": "object", "required": []string{"id", "name"}, "properties": map[string]any{"id": map[string]any{"type": "string"}, "name": map[string]any{"type": "string"},
			"description": map[string]any{"type": "string"}, "notable": map[string]any{"type": "array", "items": map[string]any{"$ref": "#/components/schemas/ReconcileType"}}}}}}},
	// The team server's answers and bodies (web/edit.go), described
	// loosely: their fields are the claim's (see Claim) and the revision's.
	"Changes":     map[string]any{"type": "object", "description": "revisions with author, reason, time and what changed"},
	"WriteAnswer": map[string]any{"type": "object", "description": "the revision written and, for a claim, the claim as stored, its URL and warnings: what tokumu check would warn of it (written anyway), each as 'field: message'"},
	"ClaimWrite":  map[string]any{"type": "object", "description": "a claim's fields (subject, predicate, object or value, when, where, source, loc, grade, by, note), reason, and base for a replacement"},
	"Releases": map[string]any{"type": "object", "required": []string{"releases"}, "properties": map[string]any{"releases": map[string]any{"type": "array", "items": map[string]any{
		"type": "object", "required": []string{"name", "hash", "revision", "created"}, "properties": map[string]any{"name": map[string]any{"type": "string", "pattern": "^[0-9a-f]{12}$"},
			"hash": map[string]any{"type": "string"}, "revision": map[string]any{"type": "integer"}, "created": map[string]any{"type": "string", "description": "RFC 3339"},
			"note": map[string]any{"type": "string"}, "entities": map[string]any{"type": "integer"}, "claims": map[string]any{"type": "integer"}, "sources": map[string]any{"type": "integer"}}}}}},
	"ClaimAnswer": map[string]any{"type": "object", "required": []string{"claim", "subject_label", "predicate_label", "permalink", "release", "cite_chicago"},
		"properties": map[string]any{"claim": map[string]any{"$ref": "#/components/schemas/Claim"}, "subject_label": map[string]any{"type": "string"},
			"predicate_label": map[string]any{"type": "string"}, "source": map[string]any{"type": "object"}, "source_csl": map[string]any{"type": "object"},
			"permalink": map[string]any{"type": "string"}, "release": map[string]any{"type": "string"}, "cite_chicago": map[string]any{"type": "string"},
			"warnings": map[string]any{"type": "array", "items": map[string]any{"type": "string"}}}},
	"ReleaseClaim": map[string]any{"type": "object", "required": []string{"claim", "release", "permalink"}, "properties": map[string]any{"claim": map[string]any{"$ref": "#/components/schemas/Claim"},
		"release": map[string]any{"type": "string"}, "permalink": map[string]any{"type": "string"}}},
	"Reason":                     map[string]any{"type": "object", "required": []string{"reason"}, "properties": map[string]any{"reason": map[string]any{"type": "string"}}},
	"ReconcileManifestOrResults": map[string]any{"anyOf": []any{map[string]any{"$ref": "#/components/schemas/ReconcileManifest"}, map[string]any{"$ref": "#/components/schemas/ReconcileResults"}}},
}

var errorText = map[int]string{400: "a parameter is wrong: the message names it and the fix", 404: "no such entity, source or matrix",
	401: "no token, or an unknown, revoked or expired one", 403: "the token's role may not do this", 409: "a later revision changed what this edit was based on", 503: "the request took too long and was stopped; narrow it"}

// openAPI builds the document.
func openAPI() ([]byte, error) {
	var schemas map[string]any
	if err := json.Unmarshal(apiSchemasJSON, &schemas); err != nil {
		return nil, err
	}
	for k, v := range apiExtraSchemas {
		schemas[k] = v
	}
	paths := map[string]map[string]any{}
	for _, op := range apiOps {
		method := strings.ToLower(op.Method)
		if method == "" {
			method = "get"
		}
		o := map[string]any{"summary": op.Summary, "operationId": operationID(method, op.Path)}
		var params []any
		for _, p := range op.Params {
			params = append(params, paramDoc(p))
		}
		if params != nil {
			o["parameters"] = params
		}
		if op.Body != nil {
			props, req := map[string]any{}, []string{}
			for _, p := range op.Body {
				props[p.Name] = map[string]any{"description": p.Desc}
				for k, v := range p.Schema {
					props[p.Name].(map[string]any)[k] = v
				}
				if p.Required {
					req = append(req, p.Name)
				}
			}
			o["requestBody"] = map[string]any{"required": true, "content": map[string]any{
				"application/x-www-form-urlencoded": map[string]any{"schema": map[string]any{"type": "object", "properties": props, "required": req}}}}
		}
		if op.JSONBody != "" {
			o["requestBody"] = map[string]any{"required": true, "content": map[string]any{
				"application/json": map[string]any{"schema": map[string]any{"$ref": "#/components/schemas/" + op.JSONBody}}}}
		}
		content := map[string]any{}
		if op.Schema != "" {
			content["application/json"] = map[string]any{"schema": map[string]any{"$ref": "#/components/schemas/" + op.Schema}}
		}
		for _, m := range op.Media {
			content[m] = map[string]any{}
		}
		if op.Path == "/api/export" {
			for _, f := range format.All() {
				content[f.MediaType] = map[string]any{}
			}
			content["text/csv"] = map[string]any{}
		}
		status := 200
		if op.Status != 0 {
			status = op.Status
		}
		resp := map[string]any{itoa(status): map[string]any{"description": "OK", "content": content}}
		for _, code := range append(op.Errors, 503) {
			errContent := map[string]any{"application/json": map[string]any{"schema": map[string]any{"$ref": "#/components/schemas/Error"}}}
			if len(op.Media) == 1 && op.Media[0] == "text/html" {
				errContent = map[string]any{"text/html": map[string]any{}}
			}
			if code == 503 { // the time limit's own answer is plain text
				errContent["text/plain"] = map[string]any{}
			}
			resp[itoa(code)] = map[string]any{"description": errorText[code], "content": errContent}
		}
		if method == "get" {
			resp["304"] = map[string]any{"description": "not modified: the ETag sent in If-None-Match is still this answer's (see etag.go)"}
		}
		o["responses"] = resp
		if paths[op.Path] == nil {
			paths[op.Path] = map[string]any{}
		}
		paths[op.Path][method] = o
	}
	// The top level in the order a reader expects: version, info, paths,
	// then the schemas.
	doc := struct {
		OpenAPI    string         `json:"openapi"`
		Info       map[string]any `json:"info"`
		Paths      any            `json:"paths"`
		Components any            `json:"components"`
	}{
		OpenAPI: "3.1.0",
		Info: map[string]any{
			"title":       "tokumu",
			"version":     tokumu.Version,
			"summary":     "A source-grounded, multilingual, temporal knowledge base of Japanese military intelligence against the USSR, 1922–1945.",
			"description": "Every statement is a claim with its source and grade. Every numeric parameter has a range (see README's API section); a value outside it is a 400 that names the parameter and the range. Lists are paged with limit and offset and give total where it is known. Every GET answer has a weak ETag, the hash of the release, the URL and the language: If-None-Match with it gives 304.",
		},
		Paths:      paths,
		Components: map[string]any{"schemas": schemas},
	}
	return json.MarshalIndent(doc, "", " ")
}

func operationID(method, path string) string {
	var b strings.Builder
	b.WriteString(method)
	for _, part := range strings.FieldsFunc(path, func(r rune) bool { return r == '/' || r == '{' || r == '}' || r == '.' }) {
		b.WriteString(strings.ToUpper(part[:1]) + part[1:])
	}
	return b.String()
}

func paramDoc(p apiParam) map[string]any {
	in := p.In
	if in == "" {
		in = "query"
	}
	m := map[string]any{"name": p.Name, "in": in, "description": p.Desc, "schema": p.Schema}
	if p.Required || in == "path" {
		m["required"] = true
	}
	return m
}

func itoa(n int) string {
	return string(rune('0'+n/100)) + string(rune('0'+n/10%10)) + string(rune('0'+n%10))
}

var (
	openAPIOnce sync.Once
	openAPIDoc  []byte
	openAPIETag string
	openAPIErr  error
)

// OpenAPI returns the OpenAPI document /api/openapi.json serves.
func OpenAPI() ([]byte, error) {
	openAPIOnce.Do(func() {
		openAPIDoc, openAPIErr = openAPI()
		sum := sha256.Sum256(openAPIDoc)
		openAPIETag = `"` + hex.EncodeToString(sum[:8]) + `"`
	})
	return openAPIDoc, openAPIErr
}

func (s *Server) handleOpenAPI(w http.ResponseWriter, r *http.Request) {
	doc, err := OpenAPI()
	if err != nil {
		s.writeError(w, r, tokumu.Errorf(tokumu.EINTERNAL, "building the OpenAPI document: %v", err))
		return
	}
	w.Header().Set("ETag", openAPIETag)
	w.Header().Set("Cache-Control", "no-cache")
	if r.Header.Get("If-None-Match") == openAPIETag {
		w.WriteHeader(http.StatusNotModified)
		return
	}
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.Write(doc)
}
