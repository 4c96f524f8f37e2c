package view

import (
	"sort"
	"strings"

	"github.com/tokumu/tokumu"
)

// EstimateChart is every figure for one subject, predicate and unit (the
// Far Eastern forces' strength in divisions), one series per perspective:
// what an organ believed beside the historiography's figure. Pairing an
// estimate with a count, within a date tolerance, is ledger.BuildBeliefs'.
type EstimateChart struct {
	ID        string // an anchor: est-<subject>-<predicate>-<unit>
	Subject   string
	Predicate string
	Unit      string
	Series    []EstimateSeries // the historiography's ("") first, then by perspective
	Undated   []*tokumu.Claim
}

// EstimateSeries is one perspective's figures in time order.
type EstimateSeries struct {
	Perspective string // "" for the historiography's (actual) figures
	Claims      []*tokumu.Claim
}

// Estimates groups numeric claims into charts: those with estimates (more
// than one perspective) first, then by subject, predicate and unit.
// Claims whose value is not a number are left out.
func Estimates(numbers []*tokumu.Claim) []EstimateChart {
	type key struct{ subj, pred, unit string }
	charts := map[key]*EstimateChart{}
	var keys []key
	for _, c := range numbers {
		if _, _, ok := tokumu.ReadQuantity(c.Value); !ok {
			continue
		}
		k := key{c.Subject, c.Predicate, c.Unit}
		ch := charts[k]
		if ch == nil {
			ch = &EstimateChart{ID: "est-" + c.Subject + "-" + c.Predicate + "-" + strings.ReplaceAll(c.Unit, " ", "_"),
				Subject: c.Subject, Predicate: c.Predicate, Unit: c.Unit}
			charts[k] = ch
			keys = append(keys, k)
		}
		if c.When.IsZero() {
			ch.Undated = append(ch.Undated, c)
			continue
		}
		i := 0
		for i < len(ch.Series) && ch.Series[i].Perspective != c.Perspective {
			i++
		}
		if i == len(ch.Series) {
			ch.Series = append(ch.Series, EstimateSeries{Perspective: c.Perspective})
		}
		ch.Series[i].Claims = append(ch.Series[i].Claims, c)
	}
	sort.SliceStable(keys, func(i, j int) bool {
		a, b := charts[keys[i]], charts[keys[j]]
		if (len(a.Series) > 1) != (len(b.Series) > 1) {
			return len(a.Series) > 1
		}
		if a.Subject != b.Subject {
			return a.Subject < b.Subject
		}
		if a.Predicate != b.Predicate {
			return a.Predicate < b.Predicate
		}
		return a.Unit < b.Unit
	})
	out := make([]EstimateChart, 0, len(keys))
	for _, k := range keys {
		ch := charts[k]
		sort.SliceStable(ch.Series, func(i, j int) bool { return ch.Series[i].Perspective < ch.Series[j].Perspective })
		for _, se := range ch.Series {
			SortClaims(se.Claims)
		}
		out = append(out, *ch)
	}
	return out
}
