package web

import (
	"encoding/json"
	"sort"
	"strings"
	"testing"
)

// TestOpenAPIRoutes fails when the server has an API route that the
// OpenAPI document lacks, or the document names a route the server lacks.
func TestOpenAPIRoutes(t *testing.T) {
	server := map[string]bool{}
	for _, rt := range (&Server{}).routeList() {
		method, path, _ := strings.Cut(rt.pattern, " ")
		if !strings.HasPrefix(path, "/api/") && !strings.HasPrefix(path, "/reconcile") {
			continue
		}
		server[strings.ToLower(method)+" "+strings.TrimSuffix(path, "{$}")] = true
	}
	raw, err := OpenAPI()
	if err != nil {
		t.Fatal(err)
	}
	var doc struct {
		Paths map[string]map[string]json.RawMessage `json:"paths"`
	}
	if err := json.Unmarshal(raw, &doc); err != nil {
		t.Fatal(err)
	}
	documented := map[string]bool{}
	for path, ops := range doc.Paths {
		for method := range ops {
			documented[method+" "+path] = true
		}
	}
	var missing, extra []string
	for k := range server {
		if !documented[k] {
			missing = append(missing, k)
		}
	}
	for k := range documented {
		if !server[k] {
			extra = append(extra, k)
		}
	}
	sort.Strings(missing)
	sort.Strings(extra)
	if len(missing) > 0 {
		t.Errorf("routes of the server missing from /api/openapi.json: %v (add them to apiOps in openapi.go)", missing)
	}
	if len(extra) > 0 {
		t.Errorf("routes in /api/openapi.json that the server lacks: %v", extra)
	}
	// 24 GET routes under /api/ (20 before this document, with
	// /api/openapi.json and /api/release, and the team server's
	// /api/changes and /api/claims/{id}/history), GET and POST /reconcile,
	// its preview and its suggest service, and the team server's five
	// writes (POST, PUT, PATCH, DELETE of claims, POST of a revert); and
	// /api/entities/{id}/history, /api/releases and
	// /api/releases/{rel}/claims/{id}; /api/entities/{id}/claims; GET
	// /api/claims/{id}; GET /api/predicates/{id}: counted by hand from
	// routeList.
	if len(server) != 40 {
		t.Errorf("%d API routes, want 40: %v", len(server), server)
	}
}

// TestOpenAPIRanges: a parameter's range in the document is the one the
// handler enforces (web.Params).
func TestOpenAPIRanges(t *testing.T) {
	raw, _ := OpenAPI()
	var doc struct {
		Paths map[string]map[string]struct {
			Parameters []struct {
				Name   string         `json:"name"`
				Schema map[string]any `json:"schema"`
			} `json:"parameters"`
		} `json:"paths"`
	}
	if err := json.Unmarshal(raw, &doc); err != nil {
		t.Fatal(err)
	}
	want := map[string][3]float64{ // path → offset's min, max, default; by hand from params.go
		"/api/claims":   {0, 10000, 0},
		"/api/entities": {0, 1_000_000, 0},
		"/api/search":   {0, 10000, 0},
	}
	for path, w := range want {
		found := false
		for _, p := range doc.Paths[path]["get"].Parameters {
			if p.Name == "offset" {
				found = true
				got := [3]float64{p.Schema["minimum"].(float64), p.Schema["maximum"].(float64), p.Schema["default"].(float64)}
				if got != w {
					t.Errorf("%s offset: %v, want %v", path, got, w)
				}
			}
		}
		if !found {
			t.Errorf("%s: no offset parameter", path)
		}
	}
}
