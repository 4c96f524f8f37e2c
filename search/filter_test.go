package search

import (
	"strings"
	"testing"

	"github.com/tokumu/tokumu"
)

func TestFilters(t *testing.T) {
	ix := embedded(t)
	search := func(q Query) *Results {
		t.Helper()
		r, err := ix.Search(q)
		if err != nil {
			t.Fatalf("%+v: %v", q, err)
		}
		return r
	}
	all := search(Query{Text: "Harbin", Limit: 500})
	if all.Total < 10 || len(all.Hits) != all.Total {
		t.Fatalf("Harbin: total %d, %d hits; want at least 10, all listed", all.Total, len(all.Hits))
	}

	// Types: only persons, and the person hits of the unfiltered search.
	persons := search(Query{Text: "Harbin", Types: []tokumu.EntityType{tokumu.Person}, Limit: 500})
	if persons.Total == 0 {
		t.Fatal("no person found for Harbin")
	}
	for _, h := range persons.Hits {
		if h.Type != tokumu.Person {
			t.Errorf("type filter let through %s (%s)", h.Entity, h.Type)
		}
	}
	if persons.Total >= all.Total {
		t.Errorf("type filter removed nothing: %d of %d", persons.Total, all.Total)
	}

	// Dates: a claim hit must overlap the range; 1944–1945 leaves out the 1938 defection.
	late := search(Query{Text: "Lyushkov", From: tokumu.DayOf(1944, 1, 1), To: tokumu.DayOf(1945, 12, 31), Limit: 500})
	for _, h := range late.Hits {
		if h.Entity == "lyushkov-defection-1938" {
			t.Errorf("date filter 1944–1945 kept the 1938 defection")
		}
	}
	if late.Total == 0 {
		t.Error("date filter 1944–1945 removed Lyushkov himself (he died in 1945)")
	}

	// A period is its covers range.
	p1 := search(Query{Text: "Lyushkov", Period: "period-1", Limit: 500})
	for _, h := range p1.Hits {
		if h.Entity == "lyushkov-defection-1938" {
			t.Errorf("period-1 (1922–1931) kept the 1938 defection")
		}
	}
	if _, err := ix.Search(Query{Text: "x", Period: "period-9"}); tokumu.ErrorCode(err) != tokumu.EINVALID {
		t.Errorf("unknown period: err %v, want EINVALID", err)
	}

	// Source: every claim hit cites it.
	src := search(Query{Text: "Lyushkov", Source: "matth", Limit: 500})
	for _, h := range src.Hits {
		if h.Kind == KindClaim && h.Source != "matth" {
			t.Errorf("source filter let through claim %s citing %s", h.Claim, h.Source)
		}
	}
	if src.Total == 0 || src.Total >= search(Query{Text: "Lyushkov", Limit: 1}).Total {
		t.Errorf("source filter: %d hits, want some but fewer than unfiltered", src.Total)
	}
	if _, err := ix.Search(Query{Text: "x", Source: "no-such-book"}); tokumu.ErrorCode(err) != tokumu.EINVALID {
		t.Errorf("unknown source: err %v, want EINVALID", err)
	}

	// Perspective: the 2nd Bureau's estimates, not the historiography's figures.
	persp := search(Query{Text: "divisions", Perspective: "ija-gs-2nd-bureau", Limit: 500})
	plain := search(Query{Text: "divisions", Limit: 500})
	if persp.Total == 0 || persp.Total >= plain.Total {
		t.Errorf("perspective filter: %d hits of %d unfiltered, want some but fewer", persp.Total, plain.Total)
	}
	for _, h := range persp.Hits {
		if h.Kind != KindClaim {
			t.Errorf("perspective filter kept a %s hit (%s); only claims have a perspective", h.Kind, h.Entity)
		}
	}
	if _, err := ix.Search(Query{Text: "x", Perspective: "nobody"}); tokumu.ErrorCode(err) != tokumu.EINVALID {
		t.Errorf("unknown perspective: err %v, want EINVALID", err)
	}

	// A query too long to be a name or a phrase is refused, with the limit.
	long := strings.Repeat("abcdefghij ", 100)
	if _, err := ix.Search(Query{Text: long}); tokumu.ErrorCode(err) != tokumu.EINVALID || !strings.Contains(tokumu.ErrorMessage(err), "at most 1000") {
		t.Errorf("a 1100-byte query: err %v, want EINVALID naming the limit", err)
	}

	// Paging: offset walks the same ranked list.
	first := search(Query{Text: "Harbin", Limit: 5})
	second := search(Query{Text: "Harbin", Limit: 5, Offset: 5})
	if first.Total != all.Total || second.Total != all.Total {
		t.Errorf("total changes with paging: %d, %d, %d", first.Total, second.Total, all.Total)
	}
	for i, h := range append(first.Hits, second.Hits...) {
		if w := all.Hits[i]; h.Entity != w.Entity || h.Claim != w.Claim || h.Source != w.Source {
			t.Errorf("hit %d by paging is %s/%s, unpaged %s/%s", i, h.Entity, h.Claim, w.Entity, w.Claim)
		}
	}
}

func TestSuggest(t *testing.T) {
	ix := embedded(t)
	tests := []struct{ typed, want string }{
		{"Koma", "komatsubara-michitaro"},
		{"Харб", "harbin"},
		{"Lyush", "lyushkov-genrikh"},
		{"Kwantung Ar", "kwantung-army"},
		{"関東", "kwantung-army"},
		{"のもん", "khalkhin-gol"},
	}
	for _, tt := range tests {
		hits := ix.Suggest(tt.typed, 8, "")
		found := false
		for _, h := range hits {
			found = found || h.Entity == tt.want
		}
		if !found {
			t.Errorf("Suggest(%q) lacks %s: %v", tt.typed, tt.want, hits)
		}
	}
	if hits := ix.Suggest("zzqx", 8, ""); len(hits) != 0 {
		t.Errorf("Suggest(zzqx) = %v, want nothing", hits)
	}
}
