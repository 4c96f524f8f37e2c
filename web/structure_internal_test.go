package web

import (
	"slices"
	"testing"

	"github.com/tokumu/tokumu"
)

// TestSplitHeads: the structure page names the heads whose claims are
// dated apart from those a source names without dates, and does not name
// a man twice for an undated claim beside a dated one.
func TestSplitHeads(t *testing.T) {
	dated := func(id, subject string) *tokumu.Claim {
		return &tokumu.Claim{ID: id, Subject: subject, When: tokumu.When{EDTF: "1938", Earliest: 19380101, Latest: 19381231}}
	}
	undated := func(id, subject string) *tokumu.Claim { return &tokumu.Claim{ID: id, Subject: subject} }
	for _, tt := range []struct {
		name  string
		heads []*tokumu.Claim
		want  [2][]string // dated, undated
	}{
		{"none", nil, [2][]string{}},
		{"undated apart from dated", []*tokumu.Claim{undated("u1", "a"), dated("d1", "b"), undated("u2", "c")}, [2][]string{{"d1"}, {"u1", "u2"}}},
		{"undated beside a dated claim of the same man", []*tokumu.Claim{undated("u1", "a"), dated("d1", "a"), dated("d2", "a")}, [2][]string{{"d1", "d2"}, nil}},
		{"two undated claims of one man", []*tokumu.Claim{undated("u1", "a"), undated("u2", "a")}, [2][]string{nil, {"u1"}}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			ids := func(cs []*tokumu.Claim) []string {
				var out []string
				for _, c := range cs {
					out = append(out, c.ID)
				}
				return out
			}
			d, u := splitHeads(tt.heads)
			if !slices.Equal(ids(d), tt.want[0]) || !slices.Equal(ids(u), tt.want[1]) {
				t.Errorf("splitHeads = %v, %v; want %v, %v", ids(d), ids(u), tt.want[0], tt.want[1])
			}
		})
	}
}
