package chart_test

import (
	"reflect"
	"unsafe"

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

// Compact changes no value of any claim; the copies lie in one array,
// and equal strings of two claims share their bytes (what saves the
// memory).
func TestCompactKeepsValues(t *testing.T) {
	ds, err := yamlcorpus.Load(corpus.FS)
	if err != nil {
		t.Fatal(err)
	}
	var want []*tokumu.Claim
	for _, c := range ds.Claims {
		w := *c
		want = append(want, &w)
	}
	claims := chart.Compact(ds.Claims)
	if !reflect.DeepEqual(claims, want) {
		t.Fatal("Compact changed a claim's value")
	}
	if !reflect.DeepEqual(ds.Claims, want) {
		t.Fatal("Compact changed the claims it was given")
	}
	for i := 1; i < len(claims); i++ {
		if uintptr(unsafe.Pointer(claims[i])) != uintptr(unsafe.Pointer(claims[i-1]))+unsafe.Sizeof(tokumu.Claim{}) {
			t.Fatalf("claims %d and %d are not side by side in one array", i-1, i)
		}
	}
	bySubject := map[string]*tokumu.Claim{}
	shared := 0
	for _, c := range claims {
		if o := bySubject[c.Subject]; o != nil {
			if unsafe.StringData(o.Subject) != unsafe.StringData(c.Subject) {
				t.Fatalf("claims %s and %s: subject %q held twice", o.ID, c.ID, c.Subject)
			}
			shared++
		}
		bySubject[c.Subject] = c
	}
	if shared == 0 {
		t.Fatal("no two claims share a subject: the test checks nothing")
	}
	if len(claims) < 1000 || claims[0] == ds.Claims[0] {
		t.Fatalf("%d claims; the first is the one given: the test checks nothing", len(claims))
	}
}
