package ach_test

import (
	"bytes"
	"context"
	"fmt"
	"math"
	"strings"
	"testing"

	"github.com/tokumu/tokumu"
	"github.com/tokumu/tokumu/ach"
	"github.com/tokumu/tokumu/internal/corpustest"
	"github.com/tokumu/tokumu/view"
)

func load(t testing.TB, dir string) ach.Input {
	t.Helper()
	ctx := context.Background()
	var (
		db  interface{ Close() error }
		st  tokumu.Store
		err error
	)
	if dir == "" {
		s, e := corpustest.Open(ctx, ":memory:")
		db, st, err = s, s, e
	} else {
		s, e := corpustest.OpenDir(ctx, dir)
		db, st, err = s, s, e
	}
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	c, err := view.LoadCorpus(ctx, st)
	if err != nil {
		t.Fatal(err)
	}
	cs, err := st.Claims(ctx, tokumu.ClaimFilter{})
	if err != nil {
		t.Fatal(err)
	}
	return ach.Input{Vocab: c.Vocab, Entities: c.Entities, Claims: cs}
}

func near(a, b float64) bool { return math.Abs(a-b) < 1e-9 }

// Weights: e1 B2 0.64, e2 C3 0.36, e3 A1 1.0, e4 D4 0.16. Ratings by
// analyst-x (testdata/corpus/entities/hypothesis):
//
//	     h-1  h-2  h-3
//	e1   C    I    II
//	e2   I    C    C
//	e3   N    N    N
//	e4   II   C    C
//
// Weighted inconsistency: h-1 0.36 + 2×0.16 = 0.68; h-2 0.64; h-3 2×0.64 = 1.28.
// Diagnosticity, the spread of each row's inconsistency (I 1, II 2, else
// 0) times its weight: e1 (0,1,2) 2×0.64; e2 (1,0,0) 1×0.36; e3 0; e4
// (2,0,0) 2×0.16.
func TestMatrix(t *testing.T) {
	ms := ach.Build(load(t, "testdata/corpus"))
	if len(ms) != 1 {
		t.Fatalf("%d matrices; want 1", len(ms))
	}
	m := ms[0]
	if m.ID != "q-1" || m.By != "analyst-x" || fmt.Sprint(m.Analysts) != "[analyst-x analyst-y]" || len(m.Rows) != 4 {
		t.Fatalf("matrix %s by %s (analysts %v), %d rows; want q-1 by analyst-x, 4 rows", m.ID, m.By, m.Analysts, len(m.Rows))
	}
	wantW := []float64{0.64, 0.36, 1, 0.16}
	wantD := []float64{2 * 0.64, 1 * 0.36, 0, 2 * 0.16}
	for i, r := range m.Rows {
		if r.Evidence.ID != fmt.Sprintf("e%d", i+1) || !near(r.Weight, wantW[i]) || !near(r.Diagnosticity, wantD[i]) {
			t.Errorf("row %d: %s weight %v diagnosticity %v; want e%d %v %v", i, r.Evidence.ID, r.Weight, r.Diagnosticity, i+1, wantW[i], wantD[i])
		}
	}
	if c := m.Rows[0].Cells[0]; c.Rating != ach.Consistent || len(c.Others) != 1 || c.Others[0].Value != "II" {
		t.Errorf("e1 × h-1: %s with %d other ratings; want C, and analyst-y's II beside it", c.Rating, len(c.Others))
	}
	want := []float64{0.68, 0.64, 1.28}
	wantCount := []float64{3, 1, 2}
	for i, s := range m.Ranking.Scores {
		if !near(s.Inconsistency, want[i]) || s.Count != wantCount[i] {
			t.Errorf("%s: inconsistency %v (count %v); want %v (%v)", s.Hypothesis, s.Inconsistency, s.Count, want[i], wantCount[i])
		}
	}
	if got := fmt.Sprint(m.Ranking.Order); got != "[h-2 h-1 h-3]" {
		t.Errorf("ranking %s; want [h-2 h-1 h-3]", got)
	}
	// Without C-or-worse sources (e2, e4): h-1 0, h-2 0.64, h-3 1.28.
	if got := fmt.Sprint(m.WithoutWeak.Order); got != "[h-1 h-2 h-3]" || m.Weak != 2 {
		t.Errorf("without weak: %s (%d dropped); want [h-1 h-2 h-3] (2)", got, m.Weak)
	}
	// Dropping e2 (h-1 0.32) or e4 (h-1 0.36) puts h-1 first; dropping
	// e1 leaves h-2 tied with h-3 at 0, so h-2 no longer stands first
	// alone.
	var changed []string
	for _, d := range m.Drops {
		if d.TopChanged {
			changed = append(changed, d.Evidence)
		}
	}
	if fmt.Sprint(changed) != "[e1 e2 e4]" {
		t.Errorf("rows the conclusion rests on: %v; want [e1 e2 e4]", changed)
	}
	if len(m.Problems) != 1 || !strings.Contains(m.Problems[0], `"X"`) {
		t.Errorf("problems %v; want the bad rating X", m.Problems)
	}
	var buf bytes.Buffer
	if err := m.WriteCSV(&buf, func(id string) string { return id }); err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSpace(buf.String()), "\n")
	if len(lines) != 7 || lines[0] != "evidence,text,when,by,source,grade,weight,diagnosticity,h-1,h-2,h-3,h-1 — rating claim (analyst-x),h-2 — rating claim (analyst-x),h-3 — rating claim (analyst-x)" ||
		!strings.HasPrefix(lines[1], "e1,Evidence one.,") || !strings.HasSuffix(lines[1], ",arch,B2,0.64,1.28,C,I,II,h-1-e1,h-2-e1,h-3-e1") || !strings.HasSuffix(lines[5], ",0.68,0.64,1.28") {
		t.Errorf("CSV:\n%s", buf.String())
	}
}

// The embedded corpus ships two matrices, each with at least three
// hypotheses and twelve evidence rows, and no problems.
func TestEmbeddedMatrices(t *testing.T) {
	ms := ach.Build(load(t, ""))
	if len(ms) < 2 {
		t.Fatalf("%d matrices; want 2", len(ms))
	}
	for _, m := range ms {
		if len(m.Hypotheses) < 3 || len(m.Rows) < 12 || len(m.Problems) > 0 {
			t.Errorf("%s: %d hypotheses, %d rows, problems %v; want ≥ 3, ≥ 12, none", m.ID, len(m.Hypotheses), len(m.Rows), m.Problems)
		}
		for _, r := range m.Rows {
			for i, c := range r.Cells {
				if c.Claim == nil {
					t.Errorf("%s: %s is not rated against %s", m.ID, r.Evidence.ID, m.Hypotheses[i])
				}
			}
		}
		// Without the weak rows the 1941 decision's "ripe persimmon" and
		// "moves south" both score 0: a tie, not an order.
		if m.ID == "imperial-conference-1941" {
			if got := fmt.Sprint(m.WithoutWeak.Tied, m.WithoutWeak.Top()); got != "[false true false] [hyp-1941-persimmon hyp-1941-south]" {
				t.Errorf("%s without the weak rows: tied, top = %s; want the first two tied", m.ID, got)
			}
		}
	}
}

// TestTwoAnalysts: a second analyst's hypothesis on the same question is
// scored by her ratings, not left empty (and so "consistent") because
// another analyst rated more; a cell she did not rate is named.
//
// analyst-y adds h-4 and rates e1 I, e2 II, e3 N, not e4: weighted
// inconsistency 0.64×1 + 0.36×2 = 1.36, unweighted 1 + 2 = 3.
func TestTwoAnalysts(t *testing.T) {
	in := load(t, "testdata/corpus")
	hypOf, rating := in.Vocab.ID(tokumu.RoleHypothesisOf), in.Vocab.ID(tokumu.RoleRating)
	in.Claims = append(in.Claims, &tokumu.Claim{ID: "h4-of", Subject: "h-4", Predicate: hypOf, Object: "q-1", Source: "ed"})
	for i, r := range []struct{ ev, v string }{{"e1", "I"}, {"e2", "II"}, {"e3", "N"}} {
		in.Claims = append(in.Claims, &tokumu.Claim{ID: fmt.Sprintf("h4-r%d", i+1), Subject: "h-4", Predicate: rating, Value: r.v,
			Perspective: "analyst-y", SupportedBy: []string{r.ev}, Source: "ed"})
	}
	m := ach.Build(in)[0]
	if fmt.Sprint(m.Hypotheses) != "[h-1 h-2 h-3 h-4]" || fmt.Sprint(m.HypothesisBy) != "[analyst-x analyst-x analyst-x analyst-y]" {
		t.Fatalf("hypotheses %v scored by %v", m.Hypotheses, m.HypothesisBy)
	}
	if s := m.Ranking.Scores[3]; !near(s.Inconsistency, 1.36) || s.Count != 3 {
		t.Errorf("h-4 scores %v (%v unweighted); want 1.36 (3)", s.Inconsistency, s.Count)
	}
	// analyst-y's rating of e1 against h-1 stays beside analyst-x's.
	if c := m.Rows[0].Cells[0]; c.Rating != ach.Consistent || len(c.Others) != 1 {
		t.Errorf("h-1/e1: %s with %d others; want analyst-x's C and analyst-y's beside it", c.Rating, len(c.Others))
	}
	found := false
	for _, p := range m.Problems {
		if strings.HasPrefix(p, "h-4: 1 of 4 rows have no rating by analyst-y") && strings.HasSuffix(p, ": e4") {
			found = true
		}
	}
	if !found {
		t.Errorf("problems %v; want h-4's unrated e4 named", m.Problems)
	}
}
