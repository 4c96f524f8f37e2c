package view_test

import (
	"reflect"
	"slices"
	"strings"
	"testing"
	"unsafe"

	"github.com/tokumu/tokumu"
	"github.com/tokumu/tokumu/corpus"
	"github.com/tokumu/tokumu/view"
	"github.com/tokumu/tokumu/yamlcorpus"
)

// CompactClaims changes no value of any claim; the copies lie in one array,
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
	claims := view.CompactClaims(ds.Claims)
	if !reflect.DeepEqual(claims, want) {
		t.Fatal("CompactClaims changed a claim's value")
	}
	if !reflect.DeepEqual(ds.Claims, want) {
		t.Fatal("CompactClaims changed the claims it was given")
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

// CompactStrings keeps every value and puts them in one block.
func TestCompactStrings(t *testing.T) {
	ss := []string{"person-1", "", "head_of", strings.Repeat("x", 100), "org-0"}
	want := slices.Clone(ss)
	view.CompactStrings(ss)
	if !slices.Equal(ss, want) {
		t.Fatalf("CompactStrings: %q, want %q", ss, want)
	}
	if unsafe.StringData(ss[2]) != (*byte)(unsafe.Add(unsafe.Pointer(unsafe.StringData(ss[0])), len(ss[0]))) {
		t.Fatal("the strings are not one after another in one block")
	}
}
