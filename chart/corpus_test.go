package chart_test

import (
	"testing"

	"github.com/tokumu/tokumu"
	"github.com/tokumu/tokumu/chart"
	"github.com/tokumu/tokumu/corpus"
	"github.com/tokumu/tokumu/yamlcorpus"
)

// The 1939 → 1941 diff of the Kwantung Army on the embedded corpus (issue
// 10): the 23rd Division (part_of 1938/1944) is not "removed", the
// Manchouli agency (kept since 1922, its part_of undated) not "added"; the
// Harbin agency was converted into the Intelligence Department (renamed),
// and the White Russian bureau (BREM, 1934–1945), last placed under the
// Harbin agency to 1940, has no parent on record in 1941: no evidence,
// not removed.
func TestKwantungDiffOnCorpus(t *testing.T) {
	ds, err := yamlcorpus.Load(corpus.FS)
	if err != nil {
		t.Fatal(err)
	}
	c := chart.Build(ds.Claims, tokumu.MustVocab(ds.Predicates))
	got := map[string]chart.Change{}
	for _, ch := range c.Diff("kwantung-army", tokumu.DayOf(1939, 6, 1), tokumu.DayOf(1941, 6, 1)) {
		got[ch.ID] = ch
	}
	for _, id := range []string{"kwantung-army-23rd-division", "manchouli-tokumu-kikan"} {
		if ch, ok := got[id]; ok {
			t.Errorf("%s: %s, want no change", id, ch.Kind)
		}
	}
	if ch := got["harbin-tokumu-kikan"]; ch.Kind != chart.Renamed || ch.To != "kwantung-army-intelligence-department" {
		t.Errorf("harbin-tokumu-kikan: %+v, want renamed to the Intelligence Department", ch)
	}
	if ch := got["kwantung-army-intelligence-department"]; ch.Kind != "" {
		t.Errorf("the Intelligence Department is reported %s; the rename of the Harbin agency explains it", ch.Kind)
	}
	if ch := got["brem"]; ch.Kind != chart.NoEvidence || ch.At != tokumu.DayOf(1941, 6, 1) {
		t.Errorf("brem: %+v, want no evidence on 1941-06-01", ch)
	}
	for _, ch := range got {
		if ch.Kind == chart.Removed || ch.Kind == chart.Added {
			t.Errorf("%s %s: nothing in the Kwantung Army was founded or dissolved between the dates", ch.ID, ch.Kind)
		}
	}
	found := false
	for _, n := range c.Unplaced("kwantung-army", tokumu.DayOf(1941, 6, 1)) {
		found = found || (n.ID == "brem" && n.Parent == "harbin-tokumu-kikan")
	}
	if !found {
		t.Error("the 1941 chart does not list brem with its parent unknown (last known: the Harbin agency)")
	}
}

// BenchmarkBuildCorpus builds the chart from the embedded corpus's claims:
// the cost a server pays once per state (BENCHMARKS.md, "The chart").
func BenchmarkBuildCorpus(b *testing.B) {
	ds, err := yamlcorpus.Load(corpus.FS)
	if err != nil {
		b.Fatal(err)
	}
	vocab := tokumu.MustVocab(ds.Predicates)
	b.ReportAllocs()
	b.ResetTimer()
	for range b.N {
		chart.Build(ds.Claims, vocab)
	}
}
