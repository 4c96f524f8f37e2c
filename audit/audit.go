// Package audit is the consistency audit of a corpus: what its claims say
// that cannot all be true — an act after the actor's death, a unit under
// a dissolved parent, one man attaché in two capitals at once. Such
// findings are history's contradictions, not load errors: every claim may
// be well formed and well sourced, and the corpus still pass `tokumu
// check`; the audit reads the claims together.
//
// Each finding is certain or possible from the EDTF bounds of the claims
// involved. Certain means that no reading of the dates makes the claims
// agree ("1941" after a death in "1938"); possible means that some reading
// does not ("1938" and a death in May 1938). A finding names every claim
// it rests on, with its source and grade, so that a reader can weigh it.
// Claims with a perspective (beliefs, estimates, planted stories) are what
// someone believed, not what was, and are audited only as estimates —
// and, for a post or membership (a witness's account of his own service),
// against the organization's founding and end: which organization the
// account names is the editors' filing, and a post in an organization
// already converted into another belongs on the successor.
package audit

import (
	"context"
	"fmt"
	"sort"

	"github.com/tokumu/tokumu"
	"github.com/tokumu/tokumu/view"
)

// The kinds of finding.
const (
	AfterDeath         = "after_death"       // an act or posting of a person after his death
	BeforeBirth        = "before_birth"      // an act or posting of a person before his birth
	BeforeFounding     = "before_founding"   // an event with an organization taking part, or a post in it, before its founding
	AfterDissolution   = "after_dissolution" // an event with an organization taking part, or a post in it, after its end
	DissolvedParent    = "dissolved_parent"  // a unit subordinate to a parent already dissolved
	TwoPostings        = "two_postings"      // a person in two exclusive postings at once
	Cycle              = "hierarchy_cycle"   // an organization part of itself through a chain
	EstimateBefore     = "estimate_before"   // an estimate dated before the thing estimated existed
	CitedBeforePrinted = "after_publication" // a source cited for what happened after it was published
)

// Kinds lists the kinds of finding in the order the report gives them.
var Kinds = []string{AfterDeath, BeforeBirth, BeforeFounding, AfterDissolution, DissolvedParent,
	TwoPostings, Cycle, EstimateBefore, CitedBeforePrinted}

// Finding is one thing the corpus says that cannot all be true.
type Finding struct {
	Kind    string `json:"kind"`
	Certain bool   `json:"certain"`
	// Subject is the entity the finding is about: the person, the
	// organization, the event.
	Subject string `json:"subject"`
	// Why says what collides, in words, with the dates as EDTF.
	Why string `json:"why"`
	// Claims are the claims involved: the act and the death, the two
	// postings, the edges of a cycle.
	Claims []*tokumu.Claim `json:"claims"`
	// Source is the source of a finding about a publication date.
	Source string `json:"source,omitempty"`
}

// Report is the audit of one corpus.
type Report struct {
	Findings []Finding      `json:"findings"`
	Certain  int            `json:"certain"`
	Possible int            `json:"possible"`
	ByKind   map[string]int `json:"by_kind"`
}

// Load reads every claim, the vocabulary and the bibliography from st and
// audits them.
func Load(ctx context.Context, st tokumu.Store) (*Report, error) {
	preds, err := st.Predicates(ctx)
	if err != nil {
		return nil, err
	}
	vocab, err := tokumu.NewVocab(preds)
	if err != nil {
		return nil, err
	}
	claims, err := st.Claims(ctx, tokumu.ClaimFilter{})
	if err != nil {
		return nil, err
	}
	srcs, err := st.Sources(ctx)
	if err != nil {
		return nil, err
	}
	return Run(claims, vocab, srcs), nil
}

// window is the range of days in which a dated fact (a birth, a death, a
// founding, an end) may fall, over every claim that dates it: sources
// that disagree widen it.
type window struct {
	lo, hi tokumu.Day
	by     []*tokumu.Claim
	text   string // a publication date in words
}

func (w *window) add(c *tokumu.Claim) {
	if len(w.by) == 0 {
		w.lo, w.hi = c.When.Earliest, c.When.Latest
	}
	w.lo, w.hi = min(w.lo, c.When.Earliest), max(w.hi, c.When.Latest)
	w.by = append(w.by, c)
}

// start and end are the ranges in which a claim's beginning and end may
// fall: for an interval, its two ends; for a single date, the date. An
// open or unknown side is (MinDay or MaxDay) and is never audited.
func start(w tokumu.When) (lo, hi tokumu.Day) {
	if w.Interval {
		return w.Earliest, w.LatestStart
	}
	return w.Earliest, w.Latest
}

func end(w tokumu.When) (lo, hi tokumu.Day) {
	if w.Interval {
		return w.EarliestEnd, w.Latest
	}
	return w.Earliest, w.Latest
}

func known(d tokumu.Day) bool { return d > tokumu.MinDay && d < tokumu.MaxDay }

// before says whether the range [lo, hi] lies before the window x: certain
// when all of it does (hi < x.lo: before every reading of x), possible
// when part of it does (lo < x.lo).
func before(lo, hi tokumu.Day, x *window) (found, certain bool) {
	if x == nil || len(x.by) == 0 || !known(lo) || !known(hi) {
		return false, false
	}
	return lo < x.lo, hi < x.lo
}

// after is before's mirror: [lo, hi] after every reading of x.
func after(lo, hi tokumu.Day, x *window) (found, certain bool) {
	if x == nil || len(x.by) == 0 || !known(lo) || !known(hi) {
		return false, false
	}
	return hi > x.hi, lo > x.hi
}

// auditor holds the indexes one run builds.
type auditor struct {
	vocab          *tokumu.Vocab
	born, died     map[string]*window
	founded, ended map[string]*window
	occurred       map[string]*tokumu.Claim // event → its first dated occurrence
	out            []Finding
}

func windows(m map[string]*window, c *tokumu.Claim) {
	w := m[c.Subject]
	if w == nil {
		w = &window{}
		m[c.Subject] = w
	}
	w.add(c)
}

// Run audits claims against each other. sources give the publication
// dates (Source.Issued) of the sources cited.
func Run(claims []*tokumu.Claim, vocab *tokumu.Vocab, sources []*tokumu.Source) *Report {
	a := &auditor{vocab: vocab, born: map[string]*window{}, died: map[string]*window{},
		founded: map[string]*window{}, ended: map[string]*window{}, occurred: map[string]*tokumu.Claim{}}
	for _, c := range claims {
		if c.Perspective != "" || c.When.IsZero() {
			continue
		}
		switch p := c.Predicate; {
		case vocab.Is(p, tokumu.RoleBorn):
			windows(a.born, c)
		case vocab.Is(p, tokumu.RoleDied):
			windows(a.died, c)
		case vocab.Is(p, tokumu.RoleFounded):
			windows(a.founded, c)
		case vocab.Is(p, tokumu.RoleDissolved), vocab.Is(p, tokumu.RoleSuccessor):
			windows(a.ended, c)
		case vocab.Is(p, tokumu.RoleOccurred):
			if a.occurred[c.Subject] == nil {
				a.occurred[c.Subject] = c
			}
		}
	}
	issued := map[string]window{} // by source; text is the date in words
	for _, s := range sources {
		if s.Issued == "" {
			continue
		}
		w, _, err := tokumu.ParseWhen(s.Issued)
		if err != nil {
			continue // the loader checks it; a store may hold anything
		}
		issued[s.ID] = window{lo: w.Earliest, hi: w.Latest, text: w.Human("en")}
	}
	postings := map[string][]*tokumu.Claim{}
	for _, c := range claims {
		if c.Perspective != "" && c.Object != "" && !c.When.IsZero() && (vocab.Is(c.Predicate, tokumu.RolePosting) || vocab.Is(c.Predicate, tokumu.RoleOffice)) {
			a.tenure(c) // whose account it is does not change which organization it was filed on
		}
		if c.Perspective != "" {
			if vocab.Is(c.Predicate, tokumu.RoleEstimate) && !c.When.IsZero() {
				a.estimate(c)
			}
			continue
		}
		if c.When.IsZero() {
			continue
		}
		if iw, ok := issued[c.Source]; ok {
			a.published(c, iw)
		}
		if c.Object == "" {
			if vocab.Is(c.Predicate, tokumu.RoleEstimate) {
				a.estimate(c)
			}
			continue
		}
		a.life(c)
		if vocab.Is(c.Predicate, tokumu.RoleTakesPart) {
			a.event(c)
		}
		if vocab.Is(c.Predicate, tokumu.RoleHierarchy) {
			a.parent(c)
		}
		if vocab.Is(c.Predicate, tokumu.RoleExclusive) || vocab.Is(c.Predicate, tokumu.RoleOffice) {
			postings[c.Subject] = append(postings[c.Subject], c)
		}
		if vocab.Is(c.Predicate, tokumu.RolePosting) || vocab.Is(c.Predicate, tokumu.RoleOffice) {
			a.tenure(c)
		}
	}
	// Participations in undated claims take the event's date.
	for _, c := range claims {
		if c.Perspective == "" && c.When.IsZero() && c.Object != "" && vocab.Is(c.Predicate, tokumu.RoleTakesPart) {
			if occ := a.occurred[c.Subject]; occ != nil {
				a.participation(c, occ)
			}
		}
	}
	a.exclusive(claims, postings)
	for _, cyc := range tokumu.HierarchyCycles(claims, vocab) {
		a.cycle(cyc)
	}
	return a.report()
}

func (a *auditor) add(kind string, certain bool, subject, why string, claims ...*tokumu.Claim) {
	a.out = append(a.out, Finding{Kind: kind, Certain: certain, Subject: subject, Why: why, Claims: claims})
}

// life audits a person's relation (a posting, a membership, an act) against
// his birth and death: its start before the birth, its start or end
// after the death. An open end is what view.Bound closes, not a finding.
func (a *auditor) life(c *tokumu.Claim) {
	if b := a.born[c.Subject]; b != nil {
		lo, hi := start(c.When)
		if found, certain := before(lo, hi, b); found {
			a.add(BeforeBirth, certain, c.Subject, fmt.Sprintf("%s %s %s (%s) begins before %s was born (%s)",
				c.Subject, a.label(c.Predicate), c.Object, c.When.Human("en"), c.Subject, b.by[0].When.Human("en")), append([]*tokumu.Claim{c}, b.by...)...)
		}
	}
	if d := a.died[c.Subject]; d != nil {
		lo, hi := start(c.When)
		what := "begins"
		found, certain := after(lo, hi, d)
		if !certain && c.When.Interval {
			// A posting that began in life may still end after death.
			if elo, ehi := end(c.When); known(ehi) {
				if f2, c2 := after(elo, ehi, d); f2 {
					found, certain, what = true, c2, "ends"
				}
			}
		}
		if found {
			a.add(AfterDeath, certain, c.Subject, fmt.Sprintf("%s %s %s (%s) %s after %s died (%s)",
				c.Subject, a.label(c.Predicate), c.Object, c.When.Human("en"), what, c.Subject, d.by[0].When.Human("en")), append([]*tokumu.Claim{c}, d.by...)...)
		}
	}
}

// event audits a dated participation: the person taking part against his
// life (as life does for his own claims), the organization against its
// founding and end.
func (a *auditor) event(c *tokumu.Claim) { a.participation(c, c) }

// participation audits c (event → participant) dated by dated (c itself,
// or the event's occurrence when c is undated).
func (a *auditor) participation(c, dated *tokumu.Claim) {
	involved := []*tokumu.Claim{c}
	if dated != c {
		involved = append(involved, dated)
	}
	w := dated.When
	lo, hi := w.Earliest, w.Latest
	o := c.Object
	check := func(kind string, x *window, isAfter bool, verb string) {
		var found, certain bool
		if isAfter {
			found, certain = after(lo, hi, x)
		} else {
			found, certain = before(lo, hi, x)
		}
		if found {
			a.add(kind, certain, o, fmt.Sprintf("%s took part in %s (%s) %s (%s)", o, c.Subject, w.Human("en"), verb, x.by[0].When.Human("en")),
				append(slicesClone(involved), x.by...)...)
		}
	}
	if x := a.born[o]; x != nil {
		check(BeforeBirth, x, false, "before "+o+" was born")
	}
	if x := a.died[o]; x != nil {
		check(AfterDeath, x, true, "after "+o+" died")
	}
	if x := a.founded[o]; x != nil {
		check(BeforeFounding, x, false, "before it was founded")
	}
	if x := a.ended[o]; x != nil {
		check(AfterDissolution, x, true, "after it was dissolved or converted")
	}
}

func slicesClone(cs []*tokumu.Claim) []*tokumu.Claim { return append([]*tokumu.Claim(nil), cs...) }

// parent audits a hierarchy claim against its parent's end: a unit
// cannot be subordinate to an organization that no longer exists.
func (a *auditor) parent(c *tokumu.Claim) {
	x := a.ended[c.Object]
	if x == nil {
		return
	}
	if found, certain, what := afterEnd(c.When, x, true); found {
		a.add(DissolvedParent, certain, c.Subject, fmt.Sprintf("%s %s %s (%s) %s after %s was dissolved or converted (%s)",
			c.Subject, a.label(c.Predicate), c.Object, c.When.Human("en"), what, c.Object, x.by[0].When.Human("en")), append([]*tokumu.Claim{c}, x.by...)...)
	}
}

// tenure audits a post or membership in an organization against the
// organization's founding and end: a man cannot head or serve in an organ
// before it exists or after it was dissolved or converted into another
// (then the claim belongs to the successor, with the source's name for it
// in named_as). A post that begins in the organization's life and is
// said to last past its end is a finding too: the source or the end is
// wrong, or the post went on in the successor.
func (a *auditor) tenure(c *tokumu.Claim) {
	if x := a.founded[c.Object]; x != nil {
		lo, hi := end(c.When)
		if !c.When.Interval {
			lo, hi = c.When.Earliest, c.When.Latest
		}
		if found, certain := before(lo, hi, x); found && known(lo) {
			a.add(BeforeFounding, certain, c.Object, fmt.Sprintf("%s %s %s (%s%s) before it was founded (%s)",
				c.Subject, a.label(c.Predicate), c.Object, c.When.Human("en"), account(c), x.by[0].When.Human("en")), append([]*tokumu.Claim{c}, x.by...)...)
		}
	}
	x := a.ended[c.Object]
	if x == nil {
		return
	}
	// Only a certain overrun of a post: a year's end ("1943–1945")
	// against an end in August 1945 is the imprecision of the dates.
	if found, certain, what := afterEnd(c.When, x, false); found {
		a.add(AfterDissolution, certain, c.Object, fmt.Sprintf("%s %s %s (%s%s) %s after it was dissolved or converted (%s)",
			c.Subject, a.label(c.Predicate), c.Object, c.When.Human("en"), account(c), what, x.by[0].When.Human("en")), append([]*tokumu.Claim{c}, x.by...)...)
	}
}

// afterEnd says whether a relation dated w begins after the end x of
// what it relates to ("begins"), or began before it and lasts past it
// ("lasts"): certain when no reading of the dates avoids it. possible
// counts an overrun that only some reading of the end makes; without it
// only a certain overrun of a relation that began in time is found.
func afterEnd(w tokumu.When, x *window, possible bool) (found, certain bool, what string) {
	lo, hi := start(w)
	found, certain = after(lo, hi, x)
	what = "begins"
	if certain || !w.Interval || (found && !possible) {
		return found, certain, what
	}
	if elo, ehi := end(w); known(ehi) {
		if f2, c2 := after(elo, ehi, x); f2 && (possible || c2) {
			return true, c2, "lasts"
		}
	}
	return found, certain, what
}

// account names whose account a claim is, when it has a perspective.
func account(c *tokumu.Claim) string {
	if c.Perspective == "" {
		return ""
	}
	return ", according to " + c.Perspective
}

// estimate audits a strength claim (an estimate with its perspective, or
// an actual count) against the founding of what it counts.
func (a *auditor) estimate(c *tokumu.Claim) {
	x := a.founded[c.Subject]
	lo, hi := c.When.Earliest, c.When.Latest
	if found, certain := before(lo, hi, x); found {
		a.add(EstimateBefore, certain, c.Subject, fmt.Sprintf("a strength of %s %s is dated %s, before it was founded (%s)",
			c.Subject, c.Value, c.When.Human("en"), x.by[0].When.Human("en")), append([]*tokumu.Claim{c}, x.by...)...)
	}
}

// published audits a claim against the publication of its source: a
// source cannot report what began after it was printed. Only the start
// of a claim is read: the end of an interval is often the editors'
// (a later source closes it), and a claim's note says so.
func (a *auditor) published(c *tokumu.Claim, iw window) {
	lo, hi := start(c.When)
	if !known(lo) || !known(hi) || !known(iw.hi) {
		return
	}
	if hi > iw.hi {
		certain := lo > iw.hi
		a.out = append(a.out, Finding{Kind: CitedBeforePrinted, Certain: certain, Subject: c.Subject, Source: c.Source,
			Why:    fmt.Sprintf("%s is cited for a claim on %s (%s, %s) that begins after the source was published (%s)", c.Source, c.Subject, a.label(c.Predicate), c.When.Human("en"), iw.text),
			Claims: []*tokumu.Claim{c}})
	}
}

// exclusive audits each person's postings of an exclusive kind (role
// exclusive or office: attaché, head, commander) two by two: he cannot
// hold two at once. Certain when both certainly held on a common day;
// possible when their spans, bounded by the evidence (view.Bound), may
// meet — unless the meeting is the imprecision of a hand-over (one's end
// and the other's start both unsure over the same days), both claims come
// from one source (a career list), or they are of one organization (a
// deputy made head).
func (a *auditor) exclusive(claims []*tokumu.Claim, postings map[string][]*tokumu.Claim) {
	var ev *view.Evidence
	persons := make([]string, 0, len(postings))
	for p, cs := range postings {
		if len(cs) > 1 {
			persons = append(persons, p)
		}
	}
	sort.Strings(persons)
	for _, p := range persons {
		if ev == nil {
			ev = view.NewEvidence(a.vocab, claims)
		}
		cs := postings[p]
		view.SortClaims(cs)
		bs := make([]view.Bounds, len(cs))
		for i, c := range cs {
			bs[i] = ev.Bound(c)
		}
		for i := range cs {
			for j := i + 1; j < len(cs); j++ {
				x, y := cs[i], cs[j]
				if x.Object == y.Object || bs[i].EndBy == y || bs[j].EndBy == x {
					continue
				}
				xw, yw := x.When, y.When
				certain := xw.Interval && yw.Interval && max(xw.LatestStart, yw.LatestStart) <= min(xw.EarliestEnd, yw.EarliestEnd)
				lo := max(xw.Earliest, bs[i].Start, yw.Earliest, bs[j].Start)
				hi := min(xw.Latest, bs[i].End, yw.Latest, bs[j].End)
				if !certain && (lo > hi || !known(lo) || !known(hi) || handOver(x, y, lo, hi) || handOver(y, x, lo, hi) || x.Source == y.Source) {
					continue
				}
				a.add(TwoPostings, certain, p, fmt.Sprintf("%s %s %s (%s) and %s %s (%s) at once", p,
					a.label(x.Predicate), x.Object, xw.Human("en"), a.label(y.Predicate), y.Object, yw.Human("en")), x, y)
			}
		}
	}
}

// handOver reports whether x's end and y's start could both fall anywhere
// in [lo, hi]: the overlap is the uncertainty of a move, not two postings
// at once. A single date reads as when the posting began.
func handOver(x, y *tokumu.Claim, lo, hi tokumu.Day) bool {
	xw, yw := x.When, y.When
	endLo, endHi := xw.EarliestEnd, xw.Latest
	if !xw.Interval {
		endLo = xw.Earliest
	}
	startLo, startHi := yw.Earliest, yw.LatestStart
	if !yw.Interval {
		startHi = yw.Latest
	}
	return endLo <= lo && hi <= endHi && startLo <= lo && hi <= startHi
}

// cycle reports a hierarchy cycle: certain when every edge of it
// certainly held on a common day, or when none is dated (the chain holds
// at any date); possible otherwise (the links may belong to different
// dates).
func (a *auditor) cycle(cyc []*tokumu.Claim) {
	lo, hi := tokumu.MinDay, tokumu.MaxDay
	certain, dated := true, false
	chain := cyc[0].Subject
	for _, c := range cyc {
		chain += " → " + c.Object
		if c.When.IsZero() {
			continue
		}
		dated = true
		if !c.When.Interval {
			certain = false
			continue
		}
		lo, hi = max(lo, c.When.LatestStart), min(hi, c.When.EarliestEnd)
	}
	if dated && lo > hi {
		certain = false
	}
	a.add(Cycle, certain, cyc[0].Subject, "a cycle in the hierarchy: "+chain, cyc...)
}

func (a *auditor) label(p string) string {
	if pr := a.vocab.Pred(p); pr != nil {
		return pr.LabelIn("en")
	}
	return p
}

// report sorts the findings, certain first, then by kind and subject.
func (a *auditor) report() *Report {
	order := map[string]int{}
	for i, k := range Kinds {
		order[k] = i
	}
	sort.SliceStable(a.out, func(i, j int) bool {
		x, y := a.out[i], a.out[j]
		if x.Certain != y.Certain {
			return x.Certain
		}
		if x.Kind != y.Kind {
			return order[x.Kind] < order[y.Kind]
		}
		if x.Subject != y.Subject {
			return x.Subject < y.Subject
		}
		return x.Claims[0].ID < y.Claims[0].ID
	})
	r := &Report{Findings: a.out, ByKind: map[string]int{}}
	if r.Findings == nil {
		r.Findings = []Finding{}
	}
	for _, f := range r.Findings {
		r.ByKind[f.Kind]++
		if f.Certain {
			r.Certain++
		} else {
			r.Possible++
		}
	}
	return r
}
