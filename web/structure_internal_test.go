package web

import (
	"slices"
	"testing"

	"github.com/tokumu/tokumu"
)

// TestDatedFirst: the structure page names the heads whose claims are
// dated before those a source names without dates, and does not name a
// man twice for an undated claim beside a dated one.
func TestDatedFirst(t *testing.T) {
	dated := func(id, subject string) *tokumu.Claim {
		return &tokumu.Claim{ID: id, Subject: subject, When: tokumu.When{EDTF: "1938", Earliest: 19380101, Latest: 19381231}}
	}
	undated := func(id, subject string) *tokumu.Claim { return &tokumu.Claim{ID: id, Subject: subject} }
	for _, tt := range []struct {
		name  string
		heads []*tokumu.Claim
		want  []string
	}{
		{"none", nil, nil},
		{"undated after dated", []*tokumu.Claim{undated("u1", "a"), dated("d1", "b"), undated("u2", "c")}, []string{"d1", "u1", "u2"}},
		{"undated beside a dated claim of the same man", []*tokumu.Claim{undated("u1", "a"), dated("d1", "a"), dated("d2", "a")}, []string{"d1", "d2"}},
		{"two undated claims of one man", []*tokumu.Claim{undated("u1", "a"), undated("u2", "a")}, []string{"u1"}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			var got []string
			for _, c := range datedFirst(tt.heads) {
				got = append(got, c.ID)
			}
			if !slices.Equal(got, tt.want) {
				t.Errorf("datedFirst = %v, want %v", got, tt.want)
			}
		})
	}
}
