// Package ledger holds the analyses of belief: what each organ estimated of
// a quantity beside the historiography's count (Beliefs), and what the other
// side planted and which of the receiver's estimates came after (Build).
// It reads the view.Corpus read model and the claims given to it; it never
// touches a store.
package ledger

import (
	"math"
	"sort"
	"strings"

	"github.com/tokumu/tokumu"
	"github.com/tokumu/tokumu/view"
)

// DefaultTolerance is how many days before an estimate's own date bounds
// an actual count may lie and still be compared with it: one month. A
// "1941-07" estimate meets counts dated in June–July 1941; a "1941"
// estimate meets any 1941 count (its own precision is the year) and those
// of December 1940. A count after the estimate's span is never taken
// (CORPUS.md: "take the nearest earlier count"): the strength it counts
// may already have changed — a November 1941 estimate is not divided by
// an end-of-1941 count, after the autumn's transfers west.
const DefaultTolerance = 31

// Filter selects quantities and series. Zero fields select everything.
type Filter struct {
	Perspective string // an organ or person; the historiography's series is always kept
	Subject     string
	Unit        string
	From, To    tokumu.Day // estimates whose time possibly overlaps [From, To]
	// StrongCounts leaves out the historiography's counts that rest only
	// on sources graded D or worse (what Pair.Weak marks), so that an
	// organ's error is measured against scholarly counts alone: its
	// estimates pair with the next count in the window, or with none.
	StrongCounts bool
}

// Point is one figure: a claim, or two claims of one source, perspective
// and date that give the lower and upper bound of a range ("1,700–2,000
// aircraft" is written as two claims). Bound is the figure's own word
// ("over 1,400,000" is ≥ 1400000); claims with different bounds are never
// merged into one range.
type Point struct {
	Claims      []*tokumu.Claim `json:"claims"`
	Perspective string          `json:"by,omitempty"`
	When        tokumu.When     `json:"when"`
	Low         float64         `json:"low"`
	High        float64         `json:"high"`
	Bound       tokumu.Bound    `json:"bound,omitempty"`
}

// Mid is the middle of the point's range.
func (p *Point) Mid() float64 { return (p.Low + p.High) / 2 }

// Pair compares one estimate with the actual counts that fall within its
// date window. Ratio is estimate ÷ count for the count nearest in time;
// Low and High bound it over every count in the window and both ends of
// any range, so a ratio read off two uncertain dates shows how uncertain
// it is. Bound is the ratio's, from the two figures' bounds
// (tokumu.RatioBound): an "up to" estimate over an exact count is at most
// the ratio shown.
type Pair struct {
	Estimate *Point       `json:"estimate"`
	Actual   *Point       `json:"actual"`           // the nearest count
	Others   []*Point     `json:"others,omitempty"` // other counts in the window
	GapDays  int64        `json:"gap_days"`         // between the midpoints of the two dates
	Ratio    float64      `json:"ratio"`
	Bound    tokumu.Bound `json:"bound,omitempty"`
	Low      float64      `json:"low"`
	High     float64      `json:"high"`
	// Weak says that the count rests only on sources graded D or worse
	// (an anonymous web page, a polemic): the pair is shown, and marked,
	// for a reader must not take such a count for the historiography's
	// settled figure.
	Weak bool `json:"weak_count,omitempty"`
}

// Series is one perspective's figures in time order.
type Series struct {
	Perspective string   `json:"by"` // "" for the historiography
	Points      []*Point `json:"points"`
}

// Quantity is everything known of one subject, predicate and unit.
type Quantity struct {
	ID        string   `json:"id"` // an anchor: est-<subject>-<predicate>-<unit>
	Subject   string   `json:"subject"`
	Predicate string   `json:"predicate"`
	Unit      string   `json:"unit"`
	Series    []Series `json:"series"` // the historiography's first
	Pairs     []Pair   `json:"pairs"`
	// Unpaired are estimates with no count within the tolerance.
	Unpaired []*Point `json:"unpaired,omitempty"`
}

// OrganError is one organ's error over time: its pairs in time order, and
// the median ratio (1 is right, above 1 an overestimate) of the pairs whose
// ratio has a bound that can be stated. A pair counts as over (or under)
// only when its whole range is above (below) 1 and its bound does not
// leave the other side open: "at most ×1.2" is not an overestimate.
type OrganError struct {
	Perspective string  `json:"by"`
	Pairs       []*Pair `json:"pairs"`
	Median      float64 `json:"median_ratio"`
	// MedianBound is the bound the median carries from its ratios
	// (medianBound): of two ratios that are at least ×1.08 and ×1.00,
	// the median is at least ×1.04.
	MedianBound tokumu.Bound `json:"median_bound,omitempty"`
	Over        int          `json:"over"`  // pairs whose whole range is above 1
	Under       int          `json:"under"` // pairs whose whole range is below 1
	// Weak counts the pairs whose count is weak (Pair.Weak): they are in
	// the median, and the table says how many; Filter.StrongCounts
	// leaves their counts out instead.
	Weak int `json:"weak_counts"`
}

// Beliefs is belief against reality for a corpus.
type Beliefs struct {
	Tolerance int `json:"tolerance_days"`
	// StrongCounts says the counts from sources graded D or worse were
	// left out (Filter.StrongCounts); LeftOut, how many.
	StrongCounts bool         `json:"strong_counts_only,omitempty"`
	LeftOut      int          `json:"weak_counts_left_out,omitempty"`
	Quantities   []Quantity   `json:"quantities"`
	Organs       []OrganError `json:"organs"`
}

// BuildBeliefs groups the numeric claims into quantities and pairs each
// estimate with the counts whose date lies within its own bounds widened
// by tol days (DefaultTolerance if tol < 0).
func BuildBeliefs(numbers []*tokumu.Claim, f Filter, tol int) *Beliefs {
	if tol < 0 {
		tol = DefaultTolerance
	}
	b := &Beliefs{Tolerance: tol, StrongCounts: f.StrongCounts}
	for _, ch := range view.Estimates(numbers) {
		if (f.Subject != "" && ch.Subject != f.Subject) || (f.Unit != "" && ch.Unit != f.Unit) {
			continue
		}
		q := Quantity{ID: ch.ID, Subject: ch.Subject, Predicate: ch.Predicate, Unit: ch.Unit}
		var actual []*Point
		for _, se := range ch.Series {
			if se.Perspective != "" && f.Perspective != "" && se.Perspective != f.Perspective {
				continue
			}
			pts := points(se.Claims)
			if se.Perspective != "" {
				pts = slicesFilter(pts, func(p *Point) bool { return inRange(p.When, f.From, f.To) })
				if len(pts) == 0 {
					continue
				}
			} else {
				if f.StrongCounts {
					n := len(pts)
					pts = slicesFilter(pts, func(p *Point) bool { return !weak(p) })
					b.LeftOut += n - len(pts)
				}
				actual = pts
			}
			q.Series = append(q.Series, Series{Perspective: se.Perspective, Points: pts})
		}
		hasEstimate := false
		for _, se := range q.Series {
			if se.Perspective == "" {
				continue
			}
			hasEstimate = true
			for _, e := range se.Points {
				if p, ok := pair(e, actual, tol); ok {
					q.Pairs = append(q.Pairs, p)
				} else {
					q.Unpaired = append(q.Unpaired, e)
				}
			}
		}
		if !hasEstimate && (f.Perspective != "" || f.From != 0 || f.To != 0) {
			continue
		}
		b.Quantities = append(b.Quantities, q)
	}
	byOrgan := map[string]*OrganError{}
	for qi := range b.Quantities {
		q := &b.Quantities[qi]
		for i := range q.Pairs {
			p := &q.Pairs[i]
			o := byOrgan[p.Estimate.Perspective]
			if o == nil {
				o = &OrganError{Perspective: p.Estimate.Perspective}
				byOrgan[o.Perspective] = o
			}
			o.Pairs = append(o.Pairs, p)
		}
	}
	for _, o := range byOrgan {
		sort.SliceStable(o.Pairs, func(i, j int) bool { return o.Pairs[i].Estimate.When.Earliest < o.Pairs[j].Estimate.When.Earliest })
		var rs []float64
		var bs []tokumu.Bound
		for _, p := range o.Pairs {
			if p.Weak {
				o.Weak++
			}
			if p.Bound == tokumu.Indefinite {
				continue
			}
			rs = append(rs, p.Ratio)
			bs = append(bs, p.Bound)
			if d := p.Bound.Direction(); p.Low > 1 && d >= 0 {
				o.Over++
			} else if p.High < 1 && d <= 0 {
				o.Under++
			}
		}
		o.Median, o.MedianBound = median(rs), medianBound(bs)
		b.Organs = append(b.Organs, *o)
	}
	sort.Slice(b.Organs, func(i, j int) bool { return b.Organs[i].Perspective < b.Organs[j].Perspective })
	return b
}

// points merges claims of one source, date and bound into ranges, in time
// order.
func points(cs []*tokumu.Claim) []*Point {
	type key struct {
		src, when string
		bound     tokumu.Bound
	}
	idx := map[key]*Point{}
	var out []*Point
	for _, c := range cs {
		v, b, ok := tokumu.ReadQuantity(c.Value)
		if !ok {
			continue
		}
		k := key{c.Source, c.When.EDTF, b}
		if p := idx[k]; p != nil {
			p.Claims = append(p.Claims, c)
			p.Low, p.High = math.Min(p.Low, v), math.Max(p.High, v)
			continue
		}
		p := &Point{Claims: []*tokumu.Claim{c}, Perspective: c.Perspective, When: c.When, Low: v, High: v, Bound: b}
		idx[k] = p
		out = append(out, p)
	}
	return out
}

// pair finds the counts within e's window: [Earliest−tol, Latest].
func pair(e *Point, actual []*Point, tol int) (Pair, bool) {
	lo, hi := addDays(e.When.Earliest, -tol), e.When.Latest
	var in []*Point
	for _, a := range actual {
		if a.When.Earliest <= hi && lo <= a.When.Latest && a.Low > 0 {
			in = append(in, a)
		}
	}
	if len(in) == 0 {
		return Pair{}, false
	}
	em := midDay(e.When)
	sort.SliceStable(in, func(i, j int) bool { return absDays(midDay(in[i].When), em) < absDays(midDay(in[j].When), em) })
	p := Pair{Estimate: e, Actual: in[0], Others: in[1:], GapDays: absDays(midDay(in[0].When), em)}
	p.Ratio = e.Mid() / in[0].Mid()
	p.Bound = tokumu.RatioBound(e.Bound, in[0].Bound)
	p.Weak = weak(in[0])
	p.Low, p.High = math.Inf(1), math.Inf(-1)
	for _, a := range in {
		p.Low = math.Min(p.Low, e.Low/a.High)
		p.High = math.Max(p.High, e.High/a.Low)
	}
	return p, true
}

// weak reports whether every claim of a count rests on a source graded D
// (usually not reliable) or worse.
func weak(p *Point) bool {
	for _, c := range p.Claims {
		if r := c.Grade.Reliability; r == 0 || r < 'D' {
			return false
		}
	}
	return len(p.Claims) > 0
}

func inRange(w tokumu.When, from, to tokumu.Day) bool {
	if from != 0 && w.Latest < from {
		return false
	}
	if to != 0 && w.Earliest > to {
		return false
	}
	return true
}

func slicesFilter(ps []*Point, keep func(*Point) bool) []*Point {
	var out []*Point
	for _, p := range ps {
		if keep(p) {
			out = append(out, p)
		}
	}
	return out
}

// medianBound is the bound a median carries from the bounds of the
// figures it is the median of. The median rises with each figure, so
// the median of lower bounds is a lower bound (≥), of upper bounds an
// upper one (≤); exact figures keep either; an "about" among exact ones
// makes it about; lower and upper bounds together leave nothing to say
// (Indefinite).
func medianBound(bs []tokumu.Bound) tokumu.Bound {
	up, down, about := false, false, false
	for _, b := range bs {
		switch b.Direction() {
		case 1:
			up = true
		case -1:
			down = true
		default:
			about = about || b == tokumu.About
		}
	}
	switch {
	case up && down:
		return tokumu.Indefinite
	case up:
		return tokumu.AtLeast
	case down:
		return tokumu.AtMost
	case about:
		return tokumu.About
	}
	return tokumu.Exact
}

func median(xs []float64) float64 {
	if len(xs) == 0 {
		return 0
	}
	s := append([]float64(nil), xs...)
	sort.Float64s(s)
	if n := len(s); n%2 == 1 {
		return s[n/2]
	} else {
		return (s[n/2-1] + s[n/2]) / 2
	}
}

// julian converts a Day to a day count (proleptic Gregorian), so that
// windows and gaps are measured in days.
func julian(d tokumu.Day) int64 {
	y, m, dd := d.Date()
	if m < 1 {
		m = 1
	}
	if dd < 1 {
		dd = 1
	}
	a := int64((14 - m) / 12)
	yy := int64(y) + 4800 - a
	mm := int64(m) + 12*a - 3
	return int64(dd) + (153*mm+2)/5 + 365*yy + yy/4 - yy/100 + yy/400 - 32045
}

func fromJulian(j int64) tokumu.Day {
	a := j + 32044
	b := (4*a + 3) / 146097
	c := a - 146097*b/4
	d := (4*c + 3) / 1461
	e := c - 1461*d/4
	m := (5*e + 2) / 153
	day := e - (153*m+2)/5 + 1
	month := m + 3 - 12*(m/10)
	year := 100*b + d - 4800 + m/10
	return tokumu.DayOf(int(year), int(month), int(day))
}

func addDays(d tokumu.Day, n int) tokumu.Day {
	if d <= tokumu.MinDay || d >= tokumu.MaxDay {
		return d
	}
	return fromJulian(julian(d) + int64(n))
}

// midDay is the middle of a time's possible span, as a day count; an
// open end counts as its known end.
func midDay(w tokumu.When) int64 {
	lo, hi := w.Earliest, w.Latest
	if lo <= tokumu.MinDay {
		lo = hi
	}
	if hi >= tokumu.MaxDay {
		hi = lo
	}
	return (julian(lo) + julian(hi)) / 2
}

func absDays(a, b int64) int64 {
	if a > b {
		return a - b
	}
	return b - a
}

// AnchorID makes an id usable as an HTML anchor.
func AnchorID(s string) string { return strings.ReplaceAll(s, " ", "_") }
