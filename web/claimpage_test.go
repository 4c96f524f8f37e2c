package web_test

import (
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/tokumu/tokumu"
	"github.com/tokumu/tokumu/corpus"
	"github.com/tokumu/tokumu/storetest"
	"github.com/tokumu/tokumu/yamlcorpus"
)

func TestClaimPermalink(t *testing.T) {
	ts := fixtureServer(t)
	checkURLs(t, ts.URL, []urlCase{
		// The fixture's ids are explicit: found through the index of them.
		{url: "/claims/c-doihara-head", status: 200, contains: []string{"<h1>", "head of", "Permalink: <a href=\"" + ts.URL + "/claims/c-doihara-head\"",
			"Японская военная миссия, p/14. Cited in Fixture Corpus, edited by Fixture editors (https://example.org/fixture-dataset), claim c-doihara-head, release fixture-1. Accessed " + time.Now().Format("January 2, 2006") + ". " + ts.URL + "/claims/c-doihara-head."}},
		{url: "/claims/c-doihara-head?format=json", status: 200, contains: []string{`"id":"c-doihara-head"`, `"release":"fixture-1"`, `"source_csl":{"id":"yak","type":"book"`}},
		{url: "/claims/nobody~0011223344556677", status: 404, contains: []string{"no claim"}},
		{url: "/claims/nothing-here", status: 404, contains: []string{"no claim"}},
		{url: "/claims/nothing-here?format=json", status: 404, contains: []string{`"code":"not_found"`}},
	}, nil)

	// Content negotiation on Accept.
	for accept, want := range map[string]string{
		"application/json":                 "application/json; charset=utf-8",
		"text/html,application/json;q=0.9": "text/html; charset=utf-8",
		"application/json,text/html;q=0.5": "application/json; charset=utf-8",
		"application/ld+json":              "application/ld+json; charset=utf-8",
		"text/turtle":                      "text/turtle; charset=utf-8",
		"*/*":                              "text/html; charset=utf-8",
	} {
		req, _ := http.NewRequest("GET", ts.URL+"/claims/c-est-1936", nil)
		req.Header.Set("Accept", accept)
		res, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		b, _ := io.ReadAll(res.Body)
		res.Body.Close()
		if ct := res.Header.Get("Content-Type"); res.StatusCode != 200 || ct != want {
			t.Errorf("Accept %s: %d %s, want %s", accept, res.StatusCode, ct, want)
		}
		if want == "application/json; charset=utf-8" {
			var v struct {
				Claim struct{ ID, By string }
			}
			if json.Unmarshal(b, &v) != nil || v.Claim.ID != "c-est-1936" || v.Claim.By != "kwantung-army" {
				t.Errorf("Accept %s: %.300s", accept, b)
			}
		}
		if !strings.Contains(res.Header.Get("Vary"), "Accept") {
			t.Errorf("Accept %s: no Vary: Accept", accept)
		}
	}
}

// TestClaimIDSurvivesLocator: a derived id, the permalink, does not change
// when an editor adds a page number (or narrows the date).
func TestClaimIDSurvivesLocator(t *testing.T) {
	c := *storetest.Fixture().Claims[1]
	before := tokumu.DeriveClaimID(&c)
	c.Locator = "p. 215"
	c.When = tokumu.When{}
	c.Grade = tokumu.Grade{Reliability: 'A', Credibility: 1}
	if after := tokumu.DeriveClaimID(&c); after != before || !strings.HasPrefix(before, "doihara-kenji~") {
		t.Errorf("id %s became %s after a locator was added", before, after)
	}
}

// TestClaimPermalinkEmbedded: a derived id and an explicit one of the
// embedded corpus, each found at its permalink.
func TestClaimPermalinkEmbedded(t *testing.T) {
	ts := httptest.NewServer(embedded(t))
	defer ts.Close()
	ds, err := yamlcorpus.Load(corpus.FS)
	if err != nil {
		t.Fatal(err)
	}
	var derived, explicit *tokumu.Claim
	for _, c := range ds.Claims {
		if c.ID == tokumu.DeriveClaimID(c) && derived == nil {
			derived = c
		}
		if c.ID != tokumu.DeriveClaimID(c) && explicit == nil {
			explicit = c
		}
	}
	checkURLs(t, ts.URL, []urlCase{
		{url: "/claims/" + derived.ID + "?format=json", status: 200, contains: []string{`"id":"` + derived.ID + `"`, `"source":"` + derived.Source + `"`}},
		{url: "/claims/" + explicit.ID + "?format=json", status: 200, contains: []string{`"id":"` + explicit.ID + `"`, `"subject":"` + explicit.Subject + `"`}},
	}, nil)
}
