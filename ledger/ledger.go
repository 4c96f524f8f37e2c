package ledger

import (
	"math"
	"slices"
	"sort"
	"strings"

	"github.com/tokumu/tokumu"
	"github.com/tokumu/tokumu/view"
)

// DefaultHorizon is how long after a plant ends (in days) the receiver's
// later estimates are listed: two years, the span over which the corpus's
// historians trace the effect of a deception on Japanese estimates.
const DefaultHorizon = 730

// Ledger is the deception ledger: for each operation (or event) that
// planted claims, what it planted, who received it, when, which of the
// receiver's estimates of the same subject came afterwards and how far
// they moved, and the historiography's count for the same date.
type Ledger struct {
	Horizon    int             `json:"horizon_days"`
	Tolerance  int             `json:"tolerance_days"`
	Operations []Operation     `json:"operations"`
	Periods    []PeriodSummary `json:"periods"`
}

// Operation is one deception with its plants.
type Operation struct {
	ID        string            `json:"id"`
	Type      tokumu.EntityType `json:"type"`
	Plants    []Plant           `json:"plants"`
	Receivers []string          `json:"receivers"`
	// Parties are the operation's own links to who conducted it, took
	// part in it — the channel: the officers and agents through whom it
	// ran — or was its target: the historiography's claims of the
	// vocabulary's takes-part role, each with its source.
	Parties []*tokumu.Claim `json:"parties,omitempty"`
	// Moved counts the later estimates that certainly changed from the
	// receiver's previous estimate of the same quantity; MovedUp those of
	// them that rose (the rest fell): a plant of inflated figures is
	// followed by rises, and a fall is no success of it.
	Moved   int `json:"moved"`
	MovedUp int `json:"moved_up"`
	// MovedAcross counts, of Moved, the changes across a plant: from an
	// estimate certainly made before the plant began to one certainly
	// made after it ended. The rest are changes between two estimates
	// that both followed the plant (or overlapped it): drift after it,
	// not a movement it could have made.
	MovedAcross int `json:"moved_across"`
	// MaybeMoved counts the later estimates that possibly changed: they
	// have a previous estimate, but the two figures may be one number
	// ("up to 28" after 11 may be no change at all). Not counted in Moved.
	MaybeMoved int `json:"maybe_moved"`
	Estimates  int `json:"estimates"` // later estimates listed
}

// Plant is one planted claim and what followed it.
type Plant struct {
	Claim    *tokumu.Claim `json:"claim"`
	Receiver string        `json:"receiver"`
	// Organs are the receiver and the organs linked to it by the
	// organization chart (its sections, the organ it reports to), whose
	// estimates are read as the receiver's.
	Organs []string   `json:"organs"`
	After  []Movement `json:"after"` // never null: an empty list when nothing came after
	// Statements are what the receiver went on to say of the same subject in
	// the same window: its organs' descriptions that were not themselves
	// planted, in date order. Like the estimates, they are listed by
	// sequence only — set beside what was fed, not found to follow from it.
	Statements []*tokumu.Claim `json:"statements,omitempty"`
	// RepeatsAbove is true when After lists the same estimates, with the
	// same previous estimate and basis, and Statements the same claims,
	// as the plant before it in the operation: several plants of one
	// campaign are usually followed by one set of estimates, which a
	// reader need see only once.
	RepeatsAbove bool `json:"repeats_above,omitempty"`
}

// Movement is an estimate made after a plant by its receiver.
type Movement struct {
	Estimate *Point `json:"estimate"`
	// Previous is the last earlier estimate of the same quantity by the
	// estimating organ or one the chart links to it (its sections, the
	// organ it reports to; family), whichever plant lists it, if any; Change is this one's middle minus the
	// previous one's, Factor this ÷ previous, and ChangeBound the bound
	// both carry from the two figures' (from "up to 28" after 11, the
	// change is at most +17). Moved is true when the two figures cannot
	// be the same number: 2,000 after "1,700–2,000" may be no change at
	// all, "about 30" after 28 may be none; only a movement that is
	// certain is counted as one.
	Previous    *Point       `json:"previous,omitempty"`
	Change      float64      `json:"change,omitempty"`
	Factor      float64      `json:"factor,omitempty"`
	ChangeBound tokumu.Bound `json:"change_bound,omitempty"`
	Moved       bool         `json:"moved,omitempty"`
	// Across is true when Previous was certainly made before the plant
	// began and this estimate certainly after it ended: the change spans
	// the plant. Overlaps is true when this estimate's date meets the
	// plant's, so that it may have been made before the plant or while
	// it ran ("1931-07" after a plant dated only "1931").
	// BothAfter is true when Previous too was certainly made after the
	// plant ended: the change is drift after the plant.
	Across    bool `json:"across,omitempty"`
	BothAfter bool `json:"both_after,omitempty"`
	Overlaps  bool `json:"overlaps,omitempty"`
	// Actual is the historiography's count for the same date (within the
	// tolerance), with the ratio.
	Actual *Pair `json:"actual,omitempty"`
	// Basis says why this estimate is listed: "cited" when the estimate
	// or the plant cites the other (supported_by), with the citing
	// claim's source; "sequence" when the ledger lists it only because it
	// is the receiver's, of the same subject, and later — an inference by
	// the ledger, not a historian's finding that the plant caused it.
	Basis       string `json:"basis"`
	BasisSource string `json:"basis_source,omitempty"`
}

// PeriodSummary counts the ledger by period of the thesis.
type PeriodSummary struct {
	Period      string   `json:"period"`
	Operations  []string `json:"operations"`
	Plants      int      `json:"plants"`
	Estimates   int      `json:"estimates"`
	Moved       int      `json:"moved"`
	MovedUp     int      `json:"moved_up"`     // of Moved, those that rose
	MovedAcross int      `json:"moved_across"` // of Moved, those across a plant (Operation.MovedAcross)
	MaybeMoved  int      `json:"maybe_moved"`  // possibly changed, not in Moved (Operation.MaybeMoved)
	// MedianRatio is the median estimate ÷ count of the later estimates
	// that have a count (and a ratio whose bound can be stated); 0 if none
	// has.
	MedianRatio float64      `json:"median_ratio"`
	MedianBound tokumu.Bound `json:"median_bound,omitempty"` // see medianBound
}

// Only returns the ledger of the one operation id, without the summary by
// period (which speaks of all of them), or ENOTFOUND naming the
// operations the ledger lists.
func (l *Ledger) Only(id string) (*Ledger, error) {
	ids := make([]string, 0, len(l.Operations))
	for _, op := range l.Operations {
		if op.ID == id {
			return &Ledger{Horizon: l.Horizon, Tolerance: l.Tolerance, Operations: []Operation{op}, Periods: []PeriodSummary{}}, nil
		}
		ids = append(ids, op.ID)
	}
	return nil, tokumu.Errorf(tokumu.ENOTFOUND, "no operation %q in the ledger, which lists those that planted claims: %s", id, strings.Join(ids, ", "))
}

// Build makes the ledger from the corpus read model and the claims that
// may be planted (any claims: those with PlantedBy are used) and the
// organization chart's claims (those whose predicate plays the hierarchy
// role). horizon < 0 and tol < 0 take the defaults.
func Build(c *view.Corpus, claims []*tokumu.Claim, horizon, tol int) *Ledger {
	if horizon < 0 {
		horizon = DefaultHorizon
	}
	if tol < 0 {
		tol = DefaultTolerance
	}
	l := &Ledger{Horizon: horizon, Tolerance: tol}
	// The chart, undirected: an organ's sections and the organ it is part of.
	near := map[string][]string{}
	for _, cl := range claims {
		if cl.Object != "" && c.Vocab.Is(cl.Predicate, tokumu.RoleHierarchy) {
			near[cl.Subject] = append(near[cl.Subject], cl.Object)
			near[cl.Object] = append(near[cl.Object], cl.Subject)
		}
	}
	beliefs := BuildBeliefs(c.Numbers, Filter{}, tol)
	// Estimates by subject, with their pair.
	type est struct {
		q *Quantity
		p *Point
	}
	bySubject := map[string][]est{}
	pairOf := map[*Point]*Pair{}
	for qi := range beliefs.Quantities {
		q := &beliefs.Quantities[qi]
		for i := range q.Pairs {
			pairOf[q.Pairs[i].Estimate] = &q.Pairs[i]
		}
		for _, se := range q.Series {
			if se.Perspective == "" {
				continue
			}
			for _, p := range se.Points {
				bySubject[q.Subject] = append(bySubject[q.Subject], est{q, p})
			}
		}
	}
	// The receivers' descriptions by subject, for Plant.Statements.
	said := map[string][]*tokumu.Claim{}
	for _, cl := range claims {
		if cl.Perspective != "" && cl.PlantedBy == "" && !cl.When.IsZero() && c.Vocab.Is(cl.Predicate, tokumu.RoleDescription) {
			said[cl.Subject] = append(said[cl.Subject], cl)
		}
	}
	ops := map[string]*Operation{}
	var order []string
	for _, cl := range claims {
		if cl.PlantedBy == "" {
			continue
		}
		op := ops[cl.PlantedBy]
		if op == nil {
			op = &Operation{ID: cl.PlantedBy}
			if e := c.Entities[cl.PlantedBy]; e != nil {
				op.Type = e.Type
			}
			ops[cl.PlantedBy] = op
			order = append(order, cl.PlantedBy)
		}
		pl := Plant{Claim: cl, Receiver: cl.Perspective, After: []Movement{}}
		if cl.Perspective != "" {
			pl.Organs = family(cl.Perspective, near)
			op.Receivers = appendNew(op.Receivers, cl.Perspective)
		}
		from, to := window(cl.When, horizon)
		for _, e := range bySubject[cl.Subject] {
			if !slices.Contains(pl.Organs, e.p.Perspective) || e.p.When.Earliest < from || e.p.When.Earliest > to {
				continue
			}
			m := Movement{Estimate: e.p, Actual: pairOf[e.p], Basis: "sequence"}
			if prev := previous(e.q, e.p, family(e.p.Perspective, near)); prev != nil {
				m.Previous = prev
				m.Change = e.p.Mid() - prev.Mid()
				m.ChangeBound = tokumu.RatioBound(e.p.Bound, prev.Bound)
				if prev.Mid() != 0 {
					m.Factor = e.p.Mid() / prev.Mid()
				}
				m.Moved = apart(e.p, prev)
				m.Across = prev.When.Latest < cl.When.Earliest && e.p.When.Earliest > plantEnd(cl.When)
				m.BothAfter = prev.When.Earliest > plantEnd(cl.When)
			}
			m.Overlaps = e.p.When.Earliest <= plantEnd(cl.When)
			for _, ec := range e.p.Claims {
				if slices.Contains(ec.SupportedBy, cl.ID) {
					m.Basis, m.BasisSource = "cited", ec.Source
				} else if slices.Contains(cl.SupportedBy, ec.ID) {
					m.Basis, m.BasisSource = "cited", cl.Source
				}
			}
			pl.After = append(pl.After, m)
		}
		sort.SliceStable(pl.After, func(i, j int) bool {
			return pl.After[i].Estimate.When.Earliest < pl.After[j].Estimate.When.Earliest
		})
		for _, b := range said[cl.Subject] {
			if slices.Contains(pl.Organs, b.Perspective) && b.When.Earliest >= from && b.When.Earliest <= to {
				pl.Statements = append(pl.Statements, b)
			}
		}
		sort.SliceStable(pl.Statements, func(i, j int) bool { return pl.Statements[i].When.Earliest < pl.Statements[j].When.Earliest })
		op.Plants = append(op.Plants, pl)
	}
	for _, cl := range claims {
		if op := ops[cl.Subject]; op != nil && cl.Object != "" && cl.Perspective == "" && c.Vocab.Is(cl.Predicate, tokumu.RoleTakesPart) {
			op.Parties = append(op.Parties, cl)
		}
	}
	for _, id := range order {
		op := ops[id]
		slices.SortStableFunc(op.Parties, func(a, b *tokumu.Claim) int {
			if a.Predicate != b.Predicate {
				return strings.Compare(a.Predicate, b.Predicate)
			}
			return strings.Compare(a.Object, b.Object)
		})
		t := countAfter(op.Plants, func(*Plant) bool { return true })
		op.Estimates, op.Moved, op.MovedUp, op.MovedAcross, op.MaybeMoved = t.estimates, t.moved, t.up, t.across, t.maybe
		sort.SliceStable(op.Plants, func(i, j int) bool { return op.Plants[i].Claim.When.Earliest < op.Plants[j].Claim.When.Earliest })
		for i := 1; i < len(op.Plants); i++ {
			a, b := &op.Plants[i-1], &op.Plants[i]
			b.RepeatsAbove = (len(b.After) > 0 || len(b.Statements) > 0) && sameAfter(a.After, b.After) && slices.Equal(a.Statements, b.Statements)
		}
		l.Operations = append(l.Operations, *op)
	}
	sort.SliceStable(l.Operations, func(i, j int) bool {
		a, b := l.Operations[i], l.Operations[j]
		if (a.Estimates > 0) != (b.Estimates > 0) {
			return a.Estimates > 0
		}
		return first(a) < first(b)
	})
	for _, p := range c.Periods {
		s := PeriodSummary{Period: p.ID}
		var ratios []float64
		var bounds []tokumu.Bound
		seen := map[*Point]bool{}
		for _, op := range l.Operations {
			inPeriod := func(pl *Plant) bool {
				// A plant whose end is unknown (1930/) is dated by its
				// start, as its window is: not filed in every period
				// to 1945.
				w := pl.Claim.When
				end := w.Latest
				if end >= tokumu.MaxDay {
					end = w.LatestStart
				}
				return !w.IsZero() && w.Earliest <= p.To && end >= p.From
			}
			n := 0
			for i := range op.Plants {
				pl := &op.Plants[i]
				if !inPeriod(pl) {
					continue
				}
				n++
				for _, m := range pl.After {
					if m.Actual != nil && m.Actual.Bound != tokumu.Indefinite && !seen[m.Estimate] {
						ratios = append(ratios, m.Actual.Ratio)
						bounds = append(bounds, m.Actual.Bound)
					}
					seen[m.Estimate] = true
				}
			}
			if n > 0 {
				s.Operations = append(s.Operations, op.ID)
				s.Plants += n
				t := countAfter(op.Plants, inPeriod)
				s.Estimates += t.estimates
				s.Moved += t.moved
				s.MovedUp += t.up
				s.MovedAcross += t.across
				s.MaybeMoved += t.maybe
			}
		}
		s.MedianRatio, s.MedianBound = median(ratios), medianBound(bounds)
		l.Periods = append(l.Periods, s)
	}
	return l
}

// window is the span in which estimates count as after a plant: from its
// earliest day to its end (its known start, when the end is open) plus
// the horizon.
func window(w tokumu.When, horizon int) (from, to tokumu.Day) {
	if w.IsZero() {
		return tokumu.MinDay, tokumu.MaxDay
	}
	end := w.Latest
	if end >= tokumu.MaxDay {
		end = w.LatestStart
	}
	return w.Earliest, addDays(end, horizon)
}

// plantEnd is the last day a plant may have been made: its latest day, or
// for one open at the end, its latest start.
func plantEnd(w tokumu.When) tokumu.Day {
	if w.Latest >= tokumu.MaxDay {
		return w.LatestStart
	}
	return w.Latest
}

// countAfter counts the distinct later estimates of the plants that keep
// selects, those of them that moved from a previous estimate, and of
// those the ones that rose and the ones whose change spans a plant.
func countAfter(plants []Plant, keep func(*Plant) bool) (t tally) {
	seen := map[*Point]bool{}
	for i := range plants {
		if !keep(&plants[i]) {
			continue
		}
		for _, m := range plants[i].After {
			if seen[m.Estimate] {
				continue
			}
			seen[m.Estimate] = true
			t.estimates++
			switch {
			case m.Moved:
				t.moved++
				if m.Change > 0 {
					t.up++
				}
				if m.Across {
					t.across++
				}
			case m.Previous != nil && !same(m.Estimate, m.Previous):
				t.maybe++
			}
		}
	}
	return t
}

// tally is what countAfter counts.
type tally struct{ estimates, moved, up, across, maybe int }

// same reports whether two figures are certainly one number: both exact,
// with no bound, and equal.
func same(a, b *Point) bool {
	return a.Bound == tokumu.Exact && b.Bound == tokumu.Exact && a.Low == a.High && b.Low == b.High && a.Low == b.Low
}

// sameAfter reports whether two plants are followed by the same list of
// movements.
func sameAfter(a, b []Movement) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i].Estimate != b[i].Estimate || a[i].Previous != b[i].Previous || a[i].Basis != b[i].Basis || a[i].BasisSource != b[i].BasisSource {
			return false
		}
	}
	return true
}

// family returns an organ and the organs within two steps of it in the
// organization chart (a bureau's sections and their sections, the staff
// it belongs to): estimates anywhere in it are read as the receiver's,
// since reports pass up and down that chain. The receiver comes first.
func family(id string, near map[string][]string) []string {
	out := []string{id}
	seen := map[string]bool{id: true}
	frontier := []string{id}
	for step := 0; step < 2; step++ {
		var next []string
		for _, f := range frontier {
			for _, n := range near[f] {
				if !seen[n] {
					seen[n] = true
					next = append(next, n)
				}
			}
		}
		slices.Sort(next)
		out = append(out, next...)
		frontier = next
	}
	return out
}

// previous returns the last estimate of the quantity that began before p
// by one of organs: those of p's own organ (family), so that an estimate
// has one previous figure whichever plant lists it.
func previous(q *Quantity, p *Point, organs []string) *Point {
	var prev *Point
	for _, se := range q.Series {
		if !slices.Contains(organs, se.Perspective) {
			continue
		}
		for _, o := range se.Points {
			if o.When.Earliest < p.When.Earliest && (prev == nil || o.When.Earliest >= prev.When.Earliest) {
				prev = o
			}
		}
	}
	return prev
}

func first(op Operation) tokumu.Day {
	d := tokumu.MaxDay
	for _, p := range op.Plants {
		if !p.Claim.When.IsZero() && p.Claim.When.Earliest < d {
			d = p.Claim.When.Earliest
		}
	}
	return d
}

func appendNew(list []string, s string) []string {
	if slices.Contains(list, s) {
		return list
	}
	return append(list, s)
}

// apart reports whether two figures cannot be the same number: their
// ranges, widened by their bounds ("up to 28" is anything to 28, "over
// 1,400,000" anything above it, "about" a tenth either way), do not meet.
func apart(a, b *Point) bool {
	alo, ahi := span(a)
	blo, bhi := span(b)
	return ahi < blo || bhi < alo
}

func span(p *Point) (lo, hi float64) {
	lo, hi = p.Low, p.High
	switch p.Bound {
	case tokumu.AtMost, tokumu.LessThan:
		lo = math.Inf(-1)
	case tokumu.AtLeast, tokumu.MoreThan:
		hi = math.Inf(1)
	case tokumu.About:
		lo, hi = lo*0.9, hi*1.1
	case tokumu.Indefinite:
		lo, hi = math.Inf(-1), math.Inf(1)
	}
	return lo, hi
}
