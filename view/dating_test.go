package view

import (
	"testing"

	"github.com/tokumu/tokumu"
)

// TestDating: an event is dated by its most credible claim of the
// historiography, and marked disputed when another claim allows none of
// its days (the timeline used the earliest claim, whatever its grade).
func TestDating(t *testing.T) {
	type dc struct{ id, when, grade, by string }
	tests := []struct {
		name     string
		claims   []dc
		want     string
		disputed bool
	}{
		{"one claim", []dc{{"a", "1938-03", "C3", ""}}, "a", false},
		{"the more credible", []dc{{"a", "1932-03-13", "C5", ""}, {"b", "1932-03-14", "C2", ""}}, "b", true},
		{"the more reliable, credibility alike", []dc{{"a", "1938-02", "D3", ""}, {"b", "1938-03", "B3", ""}}, "b", true},
		{"a date within another is the same, told precisely", []dc{{"a", "1944", "C2", ""}, {"b", "1944-09-01", "C2", ""}}, "b", false},
		{"the precise date even from a less reliable source", []dc{{"a", "1938/1939", "B3", ""}, {"b", "1939-01", "F3", ""}}, "b", false},
		{"an improbable claim kept to show the disagreement", []dc{{"a", "1943-08", "D5", ""}, {"b", "1944", "C2", ""}, {"c", "1944-09-01", "C2", ""}}, "c", true},
		{"alike and disagreeing: the earliest", []dc{{"a", "1938-04", "C3", ""}, {"b", "1938-03", "C3", ""}}, "b", true},
		{"the historiography before a party's view", []dc{{"a", "1936-03-13", "B2", "soviet-union"}, {"b", "1936-03-12", "C3", ""}}, "b", true},
		{"an ungraded claim counts as not judged", []dc{{"a", "1937-06", "", ""}, {"b", "1938", "C4", ""}}, "b", true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var cs []*tokumu.Claim
			for _, c := range tt.claims {
				w, _, err := tokumu.ParseWhen(c.when)
				if err != nil {
					t.Fatal(err)
				}
				cl := &tokumu.Claim{ID: c.id, When: w, Perspective: c.by}
				if c.grade != "" {
					if cl.Grade, err = tokumu.ParseGrade(c.grade); err != nil {
						t.Fatal(err)
					}
				}
				cs = append(cs, cl)
			}
			best, disputed := dating(cs)
			if best.ID != tt.want || disputed != tt.disputed {
				t.Errorf("dated by %s (disputed %v), want %s (%v)", best.ID, disputed, tt.want, tt.disputed)
			}
		})
	}
}

// TestEventSpan: an event with an unknown start is filed at its end, not
// in every year before it.
func TestEventSpan(t *testing.T) {
	for _, tt := range []struct{ when, lo, hi string }{
		{"/1939-08-20", "1939-08-20", "1939-08-20"},
		{"../1931", "1931-01-01", "1931-12-31"},
		{"1938-03", "1938-03-01", "1938-03-31"},
		{"1941-07/1941-09", "1941-07-01", "1941-09-30"},
	} {
		w, _, err := tokumu.ParseWhen(tt.when)
		if err != nil {
			t.Fatal(err)
		}
		ev := Event{When: w}
		lo, hi := ev.Span()
		if lo.String() != tt.lo || hi.String() != tt.hi {
			t.Errorf("%s: span %s–%s, want %s–%s", tt.when, lo, hi, tt.lo, tt.hi)
		}
	}
}
