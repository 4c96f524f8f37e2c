package view

import (
	"fmt"
	"math/rand/v2"
	"testing"

	"github.com/tokumu/tokumu"
)

// scanBound is the office part of Bound as it was before the office
// index: a scan of every holder per open holding (quadratic on a huge
// office). It is kept here as the reference the index must agree with,
// and as the "before" of BenchmarkBoundOffice.
func scanBound(ev *Evidence, c *tokumu.Claim) Bounds {
	b := Bounds{Start: tokumu.MinDay, End: tokumu.MaxDay}
	w := c.When
	if c.Object == "" || c.Perspective != "" {
		return b
	}
	if w.IsZero() {
		// The holder's dated tenures of the post, as Bound reads them.
		ev.samePost(c, func(d tokumu.Day, o *tokumu.Claim, why string) {
			if d < b.End {
				b.End, b.EndBy, b.EndWhy = d, o, why
			}
		}, func(d tokumu.Day, o *tokumu.Claim, why string) {
			if d > b.Start {
				b.Start, b.StartBy, b.StartWhy = d, o, why
			}
		})
		return b
	}
	openEnd := w.Latest >= tokumu.MaxDay && w.EarliestEnd < tokumu.MaxDay
	openStart := w.Earliest <= tokumu.MinDay && w.LatestStart > tokumu.MinDay
	// The holder's own other claims of the office, as Bound reads them.
	ev.sameRelation(c, openEnd, openStart, func(d tokumu.Day, o *tokumu.Claim, why string) {
		if d < b.End && d >= w.Earliest {
			b.End, b.EndBy, b.EndWhy = d, o, why
		}
	}, func(d tokumu.Day, o *tokumu.Claim, why string) {
		if d > b.Start && d <= w.Latest {
			b.Start, b.StartBy, b.StartWhy = d, o, why
		}
	})
	for _, o := range ev.holders[[2]string{c.Predicate, c.Object}] {
		if o.Subject == c.Subject || o.When.IsZero() {
			continue
		}
		if d := o.When.LatestStart; openEnd && o.When.Earliest > w.LatestStart && d < b.End && d >= w.Earliest {
			b.End, b.EndBy, b.EndWhy = d, o, "successor"
		}
		if d := o.When.Earliest; openStart && d > tokumu.MinDay && o.When.LatestStart < w.EarliestEnd && d > b.Start && d <= w.Latest {
			b.Start, b.StartBy, b.StartWhy = d, o, "predecessor"
		}
	}
	return b
}

func officeVocab(t testing.TB) *tokumu.Vocab {
	v, err := tokumu.NewVocab([]*tokumu.Predicate{{ID: "head_of", Roles: []tokumu.Role{tokumu.RoleOffice}}})
	if err != nil {
		t.Fatal(err)
	}
	return v
}

// randomOffice makes n holdings of one office by subjects people, with
// dates of every shape Bound meets: closed, open at either end, a single
// uncertain start, undated.
func randomOffice(r *rand.Rand, n, people int) []*tokumu.Claim {
	cs := make([]*tokumu.Claim, n)
	for i := range cs {
		// Coarse dates, so that ties (one holder's start on another's
		// latest start) are common.
		a := tokumu.DayOf(1900+r.IntN(20), 1+r.IntN(12), 1)
		slack := tokumu.Day([]int{0, 0, 31, 365}[r.IntN(4)])
		b := a + tokumu.Day(181*r.IntN(12))
		w := tokumu.When{EDTF: "x", Earliest: a, LatestStart: a + slack, EarliestEnd: b, Latest: b + slack, Interval: true}
		switch r.IntN(6) {
		case 0: // open end
			w.EarliestEnd, w.Latest = w.LatestStart, tokumu.MaxDay
		case 1: // open start
			w.Earliest, w.LatestStart = tokumu.MinDay, w.EarliestEnd
		case 2:
			w = tokumu.When{}
		}
		cs[i] = &tokumu.Claim{ID: fmt.Sprint("c", i), Subject: fmt.Sprint("p", r.IntN(people)), Predicate: "head_of", Object: "office", When: w}
	}
	return cs
}

// TestBoundIndexAgrees: on random offices, the index gives every holding
// the same bounds, from the same claims, as the scan it replaces.
func TestBoundIndexAgrees(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	v := officeVocab(t)
	checked := 0
	for round := 0; round < 300; round++ {
		cs := randomOffice(r, 1+r.IntN(40), 1+r.IntN(12))
		ev := NewEvidence(v, nil)
		// Added in two steps, as LoadEvidence does.
		ev.Add(cs[:len(cs)/2])
		ev.Add(cs[len(cs)/2:])
		for _, c := range cs {
			got, want := ev.Bound(c), scanBound(ev, c)
			if got != want {
				t.Fatalf("round %d, %s %+v: index %+v, scan %+v", round, c.ID, c.When, got, want)
			}
			if got.Bounded() {
				checked++
			}
		}
	}
	if checked < 1000 {
		t.Errorf("only %d bounded holdings compared; the test proves little", checked)
	}
}

// BenchmarkBoundOffice bounds every holding of an office of 10,000
// holders: the scan (before) and the index (after), in one run.
func BenchmarkBoundOffice(b *testing.B) {
	r := rand.New(rand.NewPCG(3, 4))
	cs := randomOffice(r, 10000, 3000)
	ev := NewEvidence(officeVocab(b), cs)
	b.Run("scan", func(b *testing.B) {
		for i := 0; i < b.N; i++ {
			for _, c := range cs {
				scanBound(ev, c)
			}
		}
	})
	b.Run("index", func(b *testing.B) {
		for i := 0; i < b.N; i++ {
			for _, c := range cs {
				ev.Bound(c)
			}
		}
	})
	b.Run("build", func(b *testing.B) {
		for i := 0; i < b.N; i++ {
			NewEvidence(officeVocab(b), cs)
		}
	})
}

// TestHolderConflictsOfAgrees: an entity's own conflicts, found by
// comparing only the pairs it is in, are those of the whole office that
// involve it, in the same order.
func TestHolderConflictsOfAgrees(t *testing.T) {
	r := rand.New(rand.NewPCG(5, 6))
	v := officeVocab(t)
	found := 0
	for round := 0; round < 200; round++ {
		cs := randomOffice(r, 1+r.IntN(60), 1+r.IntN(10))
		ev := NewEvidence(v, cs)
		all := FindHolderConflicts(cs, v, ev)
		for p := 0; p < 10; p++ {
			of := fmt.Sprint("p", p)
			var want []Disagreement
			for _, d := range all {
				if d.Claims[0].Subject == of || d.Claims[1].Subject == of {
					want = append(want, d)
				}
			}
			got := findHolderConflicts(cs, v, ev, of)
			if len(got) != len(want) {
				t.Fatalf("round %d, %s: %d conflicts, want %d", round, of, len(got), len(want))
			}
			for i := range got {
				if got[i].Claims[0] != want[i].Claims[0] || got[i].Claims[1] != want[i].Claims[1] || got[i].Reason != want[i].Reason {
					t.Fatalf("round %d, %s, conflict %d: %v, want %v", round, of, i, got[i], want[i])
				}
			}
			found += len(got)
		}
	}
	if found < 100 {
		t.Fatalf("only %d conflicts found over all rounds: the random offices test too little", found)
	}
}

// BenchmarkHolderConflictsOf: one person's conflicts in an office of
// 10,000 holdings, found among all pairs and then filtered (before) and
// among the person's own pairs only (after), in one run.
func BenchmarkHolderConflictsOf(b *testing.B) {
	r := rand.New(rand.NewPCG(3, 4))
	cs := randomOffice(r, 10000, 3000)
	v := officeVocab(b)
	ev := NewEvidence(v, cs)
	b.Run("all-pairs", func(b *testing.B) {
		for i := 0; i < b.N; i++ {
			n := 0
			for _, d := range FindHolderConflicts(cs, v, ev) {
				if d.Claims[0].Subject == "p7" || d.Claims[1].Subject == "p7" {
					n++
				}
			}
		}
	})
	b.Run("own-pairs", func(b *testing.B) {
		for i := 0; i < b.N; i++ {
			findHolderConflicts(cs, v, ev, "p7")
		}
	})
}

// TestBoundPredecessor pins the start of a holding known only by its end
// ("chief at the surrender": /1945-08): it cannot have begun before its
// predecessor did, so the predecessor's start bounds it, and the holding
// is possible but not certain in between.
func TestBoundPredecessor(t *testing.T) {
	claim := func(id, who, edtf string) *tokumu.Claim {
		w, _, err := tokumu.ParseWhen(edtf)
		if err != nil {
			t.Fatal(err)
		}
		return &tokumu.Claim{ID: id, Subject: who, Predicate: "head_of", Object: "bureau", When: w}
	}
	before := claim("before", "predecessor", "1938-07/1939-12")
	open := claim("open", "last-chief", "/1945-08")
	ev := NewEvidence(officeVocab(t), []*tokumu.Claim{before, open})
	b := ev.Bound(open)
	if b.StartWhy != "predecessor" || b.StartBy != before || b.Start != tokumu.DayOf(1938, 7, 1) {
		t.Fatalf("bound %+v, want the start bounded by the predecessor's start, 1938-07-01", b)
	}
	for _, c := range []struct {
		day  tokumu.Day
		want bool
	}{{tokumu.DayOf(1936, 1, 1), false}, {tokumu.DayOf(1941, 6, 1), true}, {tokumu.DayOf(1946, 1, 1), false}} {
		if got := b.PossiblyAt(open, c.day); got != c.want {
			t.Errorf("possibly chief on %s: %v, want %v", c.day, got, c.want)
		}
	}
}
