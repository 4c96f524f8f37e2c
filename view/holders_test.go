package view_test

import (
	"context"
	"strings"
	"testing"

	"github.com/tokumu/tokumu"
	"github.com/tokumu/tokumu/view"
)

func TestFindHolderConflicts(t *testing.T) {
	vocab := testVocab(t)
	w := func(s string) tokumu.When {
		v, _, err := tokumu.ParseWhen(s)
		if err != nil {
			t.Fatal(err)
		}
		return v
	}
	head := func(id, who, when, src string) *tokumu.Claim {
		return &tokumu.Claim{ID: id, Subject: who, Predicate: "head_of", Object: "agency", When: w(when), Source: src}
	}
	for _, tt := range []struct {
		name     string
		a, b     *tokumu.Claim
		want     int
		possible bool
	}{
		{"certain overlap", head("1", "x", "1934/1936", "s1"), head("2", "y", "1935/1937", "s2"), 1, false},
		{"possible overlap", head("1", "x", "1934/1937", "s1"), head("2", "y", "1937-08/1938-07", "s2"), 1, true},
		{"successive", head("1", "x", "1934/1936", "s1"), head("2", "y", "1937/1938", "s2"), 0, false},
		{"hand-over year", head("1", "x", "1938/1940", "s1"), head("2", "y", "1940", "s2"), 0, false},
		{"one source's list", head("1", "x", "1934/1937", "s1"), head("2", "y", "1937-08/1938-07", "s1"), 0, false},
		{"one person", head("1", "x", "1934/1937", "s1"), head("2", "x", "1935/1936", "s2"), 0, false},
		{"open end closed by the successor", head("1", "x", "1931-08/", "s1"), head("2", "y", "1932-01/1932-10", "s2"), 0, false},
	} {
		t.Run(tt.name, func(t *testing.T) {
			cs := []*tokumu.Claim{tt.a, tt.b}
			ds := view.FindHolderConflicts(cs, vocab, view.NewEvidence(vocab, cs))
			if len(ds) != tt.want {
				t.Fatalf("got %d conflicts %+v, want %d", len(ds), ds, tt.want)
			}
			if tt.want == 1 && ds[0].Possible != tt.possible {
				t.Errorf("Possible = %v, want %v", ds[0].Possible, tt.possible)
			}
		})
	}
}

// TestHarbinHolders: Andō (Yakovkin, 1934–37) and Higuchi (the official
// career table, August 1937 – July 1938) possibly headed the Harbin agency
// at once; the page of each shows it.
func TestHarbinHolders(t *testing.T) {
	st := embedded(t)
	for _, id := range []string{"harbin-tokumu-kikan", "higuchi-kiichiro"} {
		v, err := view.LoadEntityView(context.Background(), st, id)
		if err != nil {
			t.Fatal(err)
		}
		found := false
		for _, d := range v.Disagreements {
			var who []string
			for _, c := range d.Claims {
				who = append(who, c.Subject)
			}
			if d.Possible && strings.Contains(strings.Join(who, " "), "ando-rinzo") && strings.Contains(strings.Join(who, " "), "higuchi-kiichiro") {
				found = true
			}
		}
		if !found {
			t.Errorf("%s: no possible overlap of Andō and Higuchi among %d disagreements", id, len(v.Disagreements))
		}
	}
}
