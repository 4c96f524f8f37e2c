package ledger_test

import (
	"context"
	"fmt"
	"math"
	"strings"
	"testing"

	"github.com/tokumu/tokumu"
	"github.com/tokumu/tokumu/internal/corpustest"
	"github.com/tokumu/tokumu/ledger"
	"github.com/tokumu/tokumu/view"
)

func load(t testing.TB, dir string) (*view.Corpus, []*tokumu.Claim) {
	t.Helper()
	ctx := context.Background()
	db, err := corpustest.OpenDir(ctx, dir)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	c, err := view.LoadCorpus(ctx, db)
	if err != nil {
		t.Fatal(err)
	}
	cs, err := db.Claims(ctx, tokumu.ClaimFilter{})
	if err != nil {
		t.Fatal(err)
	}
	return c, cs
}

func near(a, b float64) bool { return math.Abs(a-b) < 1e-9 }

// The numbers below are worked out by hand from testdata/corpus (see the
// comments in entities/unit/force-f.yaml).
func TestBeliefs(t *testing.T) {
	c, _ := load(t, "testdata/corpus")
	b := ledger.BuildBeliefs(c.Numbers, ledger.Filter{}, -1)
	if b.Tolerance != 31 || len(b.Quantities) != 1 {
		t.Fatalf("tolerance %d, %d quantities; want 31 and 1", b.Tolerance, len(b.Quantities))
	}
	q := b.Quantities[0]
	if len(q.Series) != 3 || q.Series[0].Perspective != "" || len(q.Series[0].Points) != 4 {
		t.Fatalf("series %+v: want the historiography's 4 counts, then organ-a and organ-a-sec", q.Series)
	}
	if len(q.Series[1].Points) != 3 || q.Series[1].Points[1].Low != 30 || q.Series[1].Points[1].High != 40 {
		t.Errorf("organ-a's points: want 3, the 1933 one the range 30–40")
	}
	if len(q.Pairs) != 2 || len(q.Unpaired) != 2 {
		t.Fatalf("%d pairs and %d unpaired; want 2 and 2 (1929, 1936)", len(q.Pairs), len(q.Unpaired))
	}
	// 1933-03, 30–40 (mid 35): the window is [1933-01-29, 1933-03-31] —
	// a month before, none after (a later count may count a changed
	// force) — so January 1933 (20) alone, 59 days off (mid 16 January to
	// mid 16 March): 35/20 = 1.75, [30/20, 40/20] = [1.5, 2.0]. April's
	// 25 lies after it.
	p := q.Pairs[0]
	if p.Actual.Claims[0].ID != "act-1933-01" || len(p.Others) != 0 || p.GapDays != 59 ||
		!near(p.Ratio, 1.75) || !near(p.Low, 1.5) || !near(p.High, 2.0) {
		t.Errorf("1933 pair: %s gap %d ratio %v [%v, %v]; want act-1933-01, gap 59, 1.75 [1.5, 2.0]", p.Actual.Claims[0].ID, p.GapDays, p.Ratio, p.Low, p.High)
	}
	// 1932 (mid 1 July): June 1932 (16, 16 days off); January 1933 lies
	// after the year, so is not taken: 20/16 = 1.25 exactly.
	p = q.Pairs[1]
	if p.Actual.Claims[0].ID != "act-1932-06" || p.GapDays != 16 || !near(p.Ratio, 1.25) || !near(p.Low, 1.25) || !near(p.High, 1.25) {
		t.Errorf("1932 pair: %s gap %d ratio %v [%v, %v]; want act-1932-06, gap 16, 1.25 [1.25, 1.25]", p.Actual.Claims[0].ID, p.GapDays, p.Ratio, p.Low, p.High)
	}
	if len(b.Organs) != 2 || b.Organs[0].Perspective != "organ-a" || !near(b.Organs[0].Median, 1.75) || b.Organs[0].Over != 1 ||
		!near(b.Organs[1].Median, 1.25) || b.Organs[1].Over != 1 {
		t.Errorf("organs %+v: want organ-a median 1.75 (1 over), organ-a-sec 1.25 (1 over: 1.25 at least)", b.Organs)
	}
	// The January 1933 count is graded D4: the 1933 pair is marked weak
	// and organ-a counts one weak pair; the 1932 pair's count is not.
	if !q.Pairs[0].Weak || q.Pairs[1].Weak || b.Organs[0].Weak != 1 || b.Organs[1].Weak != 0 {
		t.Errorf("weak: pairs %v %v, organs %d %d; want true false, 1 0", q.Pairs[0].Weak, q.Pairs[1].Weak, b.Organs[0].Weak, b.Organs[1].Weak)
	}
	// Strong counts only: the January 1933 count (D4) is left out, and the
	// March 1933 estimate has no other count in its window, so it goes
	// unpaired; organ-a has no pair left, and organ-a-sec keeps its 1.25.
	s := ledger.BuildBeliefs(c.Numbers, ledger.Filter{StrongCounts: true}, -1)
	if q := s.Quantities[0]; !s.StrongCounts || s.LeftOut != 1 || len(q.Series[0].Points) != 3 || len(q.Pairs) != 1 || len(q.Unpaired) != 3 ||
		q.Pairs[0].Actual.Claims[0].ID != "act-1932-06" || q.Pairs[0].Weak {
		t.Errorf("strong counts: left out %d, %d counts, %d pairs, %d unpaired; want 1, 3, 1 (1932 ÷ June 1932), 3", s.LeftOut, len(q.Series[0].Points), len(q.Pairs), len(q.Unpaired))
	}
	if len(s.Organs) != 1 || s.Organs[0].Perspective != "organ-a-sec" || !near(s.Organs[0].Median, 1.25) || s.Organs[0].Weak != 0 {
		t.Errorf("strong counts: organs %+v; want organ-a-sec alone, median 1.25, no weak pair", s.Organs)
	}
	// A tolerance of 0: the 1932 estimate still meets June 1932 (within
	// its own year) but not January 1933; the March 1933 one meets none.
	b0 := ledger.BuildBeliefs(c.Numbers, ledger.Filter{}, 0)
	if q := b0.Quantities[0]; len(q.Pairs) != 1 || len(q.Pairs[0].Others) != 0 || !near(q.Pairs[0].Low, 1.25) {
		t.Errorf("tolerance 0: %d pairs; want only 1932 ÷ June 1932", len(q.Pairs))
	}
	// Filters.
	if f := ledger.BuildBeliefs(c.Numbers, ledger.Filter{Perspective: "organ-a-sec"}, -1); len(f.Quantities[0].Series) != 2 || len(f.Quantities[0].Pairs) != 1 {
		t.Errorf("filter by organ: want the historiography and organ-a-sec, one pair")
	}
	if f := ledger.BuildBeliefs(c.Numbers, ledger.Filter{From: tokumu.DayOf(1935, 1, 1)}, -1); len(f.Quantities[0].Series) != 2 || len(f.Quantities[0].Series[1].Points) != 1 {
		t.Errorf("filter from 1935: want only organ-a's 1936 estimate")
	}
}

func TestLedger(t *testing.T) {
	c, cs := load(t, "testdata/corpus")
	l := ledger.Build(c, cs, -1, -1)
	if l.Horizon != 730 || len(l.Operations) != 2 {
		t.Fatalf("horizon %d, %d operations; want 730 and 2", l.Horizon, len(l.Operations))
	}
	op := l.Operations[0]
	if op.ID != "op-x" || op.Estimates != 2 || op.Moved != 2 || len(op.Plants) != 3 {
		t.Fatalf("first operation %s: %d plants, %d estimates, %d moved; want op-x with 3, 2 and 2", op.ID, len(op.Plants), op.Estimates, op.Moved)
	}
	// 30 and 40 (March 1933) after 20 (1932): both rose. Only 1932's
	// change spans the plant (1930/1931): its previous, 1929, came before
	// it; 1933's previous, 1932, came after it too.
	if op.MovedUp != 2 || op.MovedAcross != 1 || op.MaybeMoved != 0 {
		t.Errorf("first operation moved up %d, across a plant %d, possibly %d; want 2, 1 and 0", op.MovedUp, op.MovedAcross, op.MaybeMoved)
	}
	// plant-x2 is followed by the same two estimates as plant-x, but as
	// sequence only; plant-x3 repeats plant-x2 exactly.
	if x2, x3 := op.Plants[1], op.Plants[2]; x2.Claim.ID != "plant-x2" || x2.RepeatsAbove || len(x2.After) != 2 || x2.After[1].Basis != "sequence" ||
		x3.Claim.ID != "plant-x3" || !x3.RepeatsAbove || op.Plants[0].RepeatsAbove {
		t.Errorf("plants %s (repeats %v, %d after), %s (repeats %v); want plant-x2 not repeating plant-x (another basis), plant-x3 repeating plant-x2",
			x2.Claim.ID, x2.RepeatsAbove, len(x2.After), x3.Claim.ID, x3.RepeatsAbove)
	}
	if len(op.Parties) != 2 || op.Parties[0].Predicate != "conducted_by" || op.Parties[0].Object != "organ-b" ||
		op.Parties[1].Predicate != "targeted" || op.Parties[1].Object != "organ-a" {
		t.Errorf("parties %v: want conducted_by organ-b, then targeted organ-a (not organ-b's view, not the description)", op.Parties)
	}
	for i, p := range op.Plants {
		if len(p.Statements) != 1 || p.Statements[0].ID != "bel-1932" {
			t.Errorf("plant %d's later beliefs %v: want only bel-1932 (organ-a-sec's, within the window)", i, p.Statements)
		}
	}
	if y := l.Operations[1]; len(y.Plants) != 1 || len(y.Plants[0].Statements) != 0 {
		t.Errorf("op-y's plant of 1938: beliefs %v; want none (organ-b spoke in 1932, before it)", y.Plants[0].Statements)
	}
	pl := op.Plants[0]
	if pl.Receiver != "organ-a" || len(pl.Organs) != 2 || pl.Organs[1] != "organ-a-sec" || len(pl.After) != 2 {
		t.Fatalf("plant: receiver %s, organs %v, %d after; want organ-a, [organ-a organ-a-sec], 2", pl.Receiver, pl.Organs, len(pl.After))
	}
	m := pl.After[0] // 1932, after 10 in 1929
	if m.Estimate.Claims[0].ID != "est-1932" || m.Previous.Claims[0].ID != "est-1929" || m.Change != 10 || m.Factor != 2 ||
		m.Basis != "sequence" || !near(m.Actual.Ratio, 1.25) || !m.Across || m.BothAfter || m.Overlaps {
		t.Errorf("1932 movement %+v: want +10 from est-1929 (×2), sequence, ratio 1.25", m)
	}
	m = pl.After[1] // 1933, 35 after 20; cites the plant
	if m.Previous.Claims[0].ID != "est-1932" || m.Change != 15 || m.Factor != 1.75 || m.Basis != "cited" || m.BasisSource != "s2" || !near(m.Actual.Ratio, 1.75) ||
		m.Across || !m.BothAfter {
		t.Errorf("1933 movement %+v: want +15 from est-1932 (×1.75), cited by s2, ratio 1.75", m)
	}
	if y := l.Operations[1]; y.ID != "op-y" || y.Estimates != 0 {
		t.Errorf("second operation %s with %d estimates; want op-y with 0", y.ID, y.Estimates)
	}
	if len(l.Periods) != 2 {
		t.Fatalf("%d periods; want 2", len(l.Periods))
	}
	p1, p2 := l.Periods[0], l.Periods[1]
	if p1.Period != "p1" || len(p1.Operations) != 1 || p1.Plants != 3 || p1.Estimates != 2 || p1.Moved != 2 || !near(p1.MedianRatio, 1.5) {
		t.Errorf("p1 %+v: want op-x, 3 plants, 2 estimates, 2 moved, median ratio 1.5 (of 1.25 and 1.75)", p1)
	}
	if p2.Period != "p2" || len(p2.Operations) != 1 || p2.Operations[0] != "op-y" || p2.Estimates != 0 || p2.MedianRatio != 0 {
		t.Errorf("p2 %+v: want op-y alone, nothing after it", p2)
	}
	// A horizon of 0 days keeps only what began within the plant's span.
	if l0 := ledger.Build(c, cs, 0, -1); l0.Operations[0].Estimates != 0 {
		t.Errorf("horizon 0: %d estimates; want 0", l0.Operations[0].Estimates)
	}
}

// TestOnly: one operation of the ledger, with the ledger's horizon and
// tolerance and no summary by period; another id is ENOTFOUND naming the
// operations there are.
func TestOnly(t *testing.T) {
	c, cs := load(t, "testdata/corpus")
	l := ledger.Build(c, cs, 100, 5)
	one, err := l.Only("op-x")
	if err != nil || len(one.Operations) != 1 || one.Operations[0].ID != "op-x" || one.Horizon != 100 || one.Tolerance != 5 || one.Periods == nil || len(one.Periods) != 0 {
		t.Fatalf("Only(op-x) = %+v, %v", one, err)
	}
	if len(l.Operations) != 2 || len(l.Periods) == 0 {
		t.Errorf("Only changed the ledger: %d operations, %d periods", len(l.Operations), len(l.Periods))
	}
	_, err = l.Only("op-z")
	if tokumu.ErrorCode(err) != tokumu.ENOTFOUND || !strings.Contains(tokumu.ErrorMessage(err), `no operation "op-z" in the ledger, which lists those that planted claims: op-x, `) {
		t.Errorf("Only(op-z): %v", err)
	}
}

// On the embedded corpus, Maki-Mirage and the disinformation of 1923–1931
// have later estimates that moved.
func TestLedgerEmbedded(t *testing.T) {
	ctx := context.Background()
	db, err := corpustest.Open(ctx, ":memory:")
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	c, err := view.LoadCorpus(ctx, db)
	if err != nil {
		t.Fatal(err)
	}
	cs, err := db.Claims(ctx, tokumu.ClaimFilter{})
	if err != nil {
		t.Fatal(err)
	}
	l := ledger.Build(c, cs, -1, -1)
	moved := map[string]int{}
	for _, op := range l.Operations {
		moved[op.ID] = op.Moved
	}
	if moved["maki-mirage"] == 0 || moved["soviet-disinformation-1923-1931"] == 0 || len(l.Operations) < 5 {
		t.Errorf("moved %v: want Maki-Mirage and the 1923–1931 disinformation to have moved estimates", moved)
	}
}

// TestBounds works through testdata/bounds by hand: figures the sources
// give as bounds keep them in every pair, change and count.
func TestBounds(t *testing.T) {
	c, claims := load(t, "testdata/bounds")
	b := ledger.BuildBeliefs(c.Numbers, ledger.Filter{}, -1)
	if len(b.Quantities) != 1 {
		t.Fatalf("%d quantities; want 1", len(b.Quantities))
	}
	q := b.Quantities[0]
	want := []struct {
		est   string
		ratio float64
		bound tokumu.Bound
	}{
		{"est-1931", 1.4, tokumu.AtMost},     // ≤28 ÷ 20: at most ×1.4
		{"est-1932", 0.75, tokumu.AtLeast},   // ≥30 ÷ ~40: at least ×0.75
		{"est-1933", 0.7, tokumu.Indefinite}, // >35 ÷ ≥50: both lower bounds
		{"est-1934", 0.5, tokumu.Exact},      // 30 ÷ 60
	}
	if len(q.Pairs) != len(want) || len(q.Unpaired) != 1 {
		t.Fatalf("%d pairs, %d unpaired; want 4 and 1 (1929)", len(q.Pairs), len(q.Unpaired))
	}
	for i, w := range want {
		p := q.Pairs[i]
		if id := p.Estimate.Claims[0].ID; id != w.est || !near(p.Ratio, w.ratio) || p.Bound != w.bound {
			t.Errorf("pair %d: %s ×%v bound %q; want %s ×%v %q", i, id, p.Ratio, p.Bound, w.est, w.ratio, w.bound)
		}
	}
	if got := q.Series[1].Points[1]; got.Bound != tokumu.AtMost || got.Low != 28 {
		t.Errorf("1931 point: %q%v; want ≤28", got.Bound, got.Low)
	}
	// The organ: the indefinite 1933 ratio is left out of the median of
	// 1.4, 0.75 and 0.5 (0.75); ≤×1.4 is not an overestimate nor ≥×0.75
	// an underestimate, so only 1934 counts (under).
	// Of ≤×1.4, ≥×0.75 and ×0.5 the median has no bound that can be
	// stated: one ratio is an upper bound, another a lower one.
	o := b.Organs[0]
	if !near(o.Median, 0.75) || o.Over != 0 || o.Under != 1 || o.MedianBound != tokumu.Indefinite {
		t.Errorf("organ: median %v%s, over %d, under %d; want 0.75 (?), 0, 1", o.Median, o.MedianBound, o.Over, o.Under)
	}

	// The ledger, with a horizon wide enough for all four later estimates.
	l := ledger.Build(c, claims, 5000, -1)
	if len(l.Operations) != 1 || len(l.Operations[0].Plants) != 1 {
		t.Fatalf("want one operation with one plant")
	}
	moves := []struct {
		change, factor float64
		bound          tokumu.Bound
	}{
		{17, 28.0 / 11, tokumu.AtMost},    // ≤28 after 11
		{2, 30.0 / 28, tokumu.AtLeast},    // ≥30 after ≤28
		{5, 35.0 / 30, tokumu.Indefinite}, // >35 after ≥30
		{-5, 30.0 / 35, tokumu.AtMost},    // 30 after >35: less than −5
	}
	after := l.Operations[0].Plants[0].After
	if len(after) != len(moves) {
		t.Fatalf("%d later estimates; want 4", len(after))
	}
	for i, w := range moves {
		m := after[i]
		if !near(m.Change, w.change) || !near(m.Factor, w.factor) || m.ChangeBound != w.bound {
			t.Errorf("move %d: %+v ×%v bound %q; want %+v ×%v %q", i, m.Change, m.Factor, m.ChangeBound, w.change, w.factor, w.bound)
		}
	}
	// Only a figure that cannot be the one before it certainly changed:
	// ≤28 may be 11, >35 may be ≥30; ≥30 after ≤28 and 30 after >35
	// cannot be the same number.
	var moved []bool
	for _, m := range after {
		moved = append(moved, m.Moved)
	}
	if got := fmt.Sprint(moved, l.Operations[0].Moved); got != "[false true false true] 2" {
		t.Errorf("moved %s; want [false true false true] 2", got)
	}
	// Of the two, ≥30 after ≤28 rose and 30 after >35 fell.
	if up := l.Operations[0].MovedUp; up != 1 {
		t.Errorf("moved up %d; want 1 (≥30 after ≤28), the other fell", up)
	}
	// The other two possibly changed: ≤28 after 11 and >35 after ≥30 may
	// be the same number, or not.
	if maybe := l.Operations[0].MaybeMoved; maybe != 2 {
		t.Errorf("possibly changed %d; want 2 (≤28 after 11, >35 after ≥30)", maybe)
	}
}
