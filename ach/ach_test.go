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
	wantD := []float64{3 * 0.64, 2 * 0.36, 0, 3 * 0.16}
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
	if len(lines) != 7 || lines[0] != "evidence,text,source,grade,weight,diagnosticity,h-1,h-2,h-3" ||
		lines[1] != "e1,Evidence one.,arch,B2,0.64,1.92,C,I,II" || !strings.HasSuffix(lines[5], ",0.68,0.64,1.28") {
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
