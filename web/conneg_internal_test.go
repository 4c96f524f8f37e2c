package web

import "testing"

func TestNegotiate(t *testing.T) {
	for _, c := range []struct{ accept, want string }{
		{"", "text/html"},
		{"*/*", "text/html"},
		{"text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8", "text/html"}, // Chromium
		{"application/json", "application/json"},
		{"application/ld+json", "application/ld+json"},
		{"text/turtle", "text/turtle"},
		{"text/turtle;q=0.9, application/ld+json", "application/ld+json"},
		{"text/*", "text/html"},
		{"text/*;q=0.5, text/turtle", "text/turtle"},
		{"application/json;q=0, */*", "text/html"},
		{"text/html;q=0.1, application/json;q=0.2", "application/json"},
		{"TEXT/TURTLE", "text/turtle"},
		{"image/png", ""},
		{"text/html;q=0, */*;q=0.5", "application/json"},
		{"application/json;q=2", "application/json"}, // a bad weight counts as 1
	} {
		if got := negotiate(c.accept, entityOffers); got != c.want {
			t.Errorf("Accept %q: %q, want %q", c.accept, got, c.want)
		}
	}
}
