package web_test

import (
	"context"
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/tokumu/tokumu/internal/corpustest"
	"github.com/tokumu/tokumu/web"
)

// TestSameAsPages: the planted pair of view/testdata/sameas is shown on
// both entities' pages with its grade and source, in the entity JSON,
// and by search as "possibly the same as"; the bystander shows none.
func TestSameAsPages(t *testing.T) {
	ctx := context.Background()
	db, err := corpustest.OpenDir(ctx, "../view/testdata/sameas")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	srv, err := web.New(ctx, db)
	if err != nil {
		t.Fatal(err)
	}
	ts := httptest.NewServer(srv)
	t.Cleanup(ts.Close)
	checkURLs(t, ts.URL, []urlCase{
		{"/entities/agent-hawk", http.StatusOK, []string{`<h2 id="same-h">Possibly the same as</h2>`,
			`<li id="same-pakhomov-ivan"><a href="/entities/pakhomov-ivan" class="ent t-person">Ivan Pakhomov</a>`, "Zeuge 1960, Memoirs of a counter-intelligence officer, p. 41", ">C3<", "Not merged"}, nil},
		{"/entities/pakhomov-ivan", http.StatusOK, []string{`<h2 id="same-h">Possibly the same as</h2>`,
			`<li id="same-agent-hawk"><a href="/entities/agent-hawk" class="ent t-person">Hawk</a>`, ">C3<"}, []string{"An agent run from Harbin"}},
		{"/entities/bystander", http.StatusOK, nil, []string{"same-h"}},
		{"/api/entities/pakhomov-ivan", http.StatusOK, []string{`"possibly_same_as":[{"entity":"agent-hawk","label":"Hawk","claim":"hawk-same","grade":"C3","source":"memoir","locator":"p. 41"}]`}, nil},
		{"/api/entities/bystander", http.StatusOK, []string{`"possibly_same_as":[]`}, nil},
		{"/search?q=Hawk", http.StatusOK, []string{`<span class="sameas">possibly the same as <a href="/entities/agent-hawk">Hawk</a></span>`,
			`href="/entities/pakhomov-ivan#c-hawk-same"`}, nil},
		{"/api/search?q=Pakhomov", http.StatusOK, []string{`"entity":"agent-hawk"`, `"match":"possibly_same"`, `"possibly_same_as":"pakhomov-ivan"`}, nil},
	}, nil)
}
