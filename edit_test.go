package tokumu

import (
	"reflect"
	"strings"
	"testing"
)

func TestRevisionCheck(t *testing.T) {
	c := &Claim{ID: "c1"}
	for _, tt := range []struct {
		name string
		rev  Revision
		want string // "" for valid
	}{
		{"valid put", Revision{Author: "a", Changes: []Change{{Op: OpPut, Kind: KindClaim, ID: "c1", After: c}}}, ""},
		{"valid retract", Revision{Author: "a", Message: "wrong page", Changes: []Change{{Op: OpRetract, Kind: KindClaim, ID: "c1"}}}, ""},
		{"no author", Revision{Changes: []Change{{Op: OpPut, Kind: KindClaim, ID: "c1", After: c}}}, "author: a revision needs an author"},
		{"no changes", Revision{Author: "a"}, "changes: a revision needs at least one change"},
		{"negative base", Revision{Author: "a", Base: -1, Changes: []Change{{Op: OpPut, Kind: KindClaim, ID: "c1", After: c}}}, "base: -1 is not a revision number"},
		{"bad kind", Revision{Author: "a", Changes: []Change{{Op: OpPut, Kind: "name", ID: "c1", After: c}}}, `changes[0].kind: "name" is not entity, claim or source`},
		{"bad op", Revision{Author: "a", Changes: []Change{{Op: "delete", Kind: KindClaim, ID: "c1"}}}, `changes[0].op: "delete" is not put or retract`},
		{"no id", Revision{Author: "a", Changes: []Change{{Op: OpPut, Kind: KindClaim, After: &Claim{}}}}, "changes[0].id: a change needs the id of its object"},
		{"id mismatch", Revision{Author: "a", Changes: []Change{{Op: OpPut, Kind: KindClaim, ID: "c2", After: c}}}, `changes[0].after: its id "c1" is not the change's id "c2"`},
		{"wrong type", Revision{Author: "a", Changes: []Change{{Op: OpPut, Kind: KindSource, ID: "c1", After: c}}}, "changes[0].after: a put of a source needs a *Source"},
		{"nil after", Revision{Author: "a", Changes: []Change{{Op: OpPut, Kind: KindClaim, ID: "c1"}}}, "changes[0].after: a put of a claim needs a *Claim"},
		{"twice", Revision{Author: "a", Changes: []Change{{Op: OpPut, Kind: KindClaim, ID: "c1", After: c}, {Op: OpPut, Kind: KindClaim, ID: "c1", After: c}}},
			"changes[1]: claim c1 is changed twice in one revision (also changes[0])"},
		{"retract without reason", Revision{Author: "a", Changes: []Change{{Op: OpRetract, Kind: KindClaim, ID: "c1"}}}, "message: a retraction needs its reason in the message"},
		{"retract an entity", Revision{Author: "a", Message: "m", Changes: []Change{{Op: OpRetract, Kind: KindEntity, ID: "e1"}}}, "changes[0].op: only claims can be retracted; correct the entity with a put"},
	} {
		err := tt.rev.Check()
		if tt.want == "" {
			if err != nil {
				t.Errorf("%s: %v", tt.name, err)
			}
			continue
		}
		if ErrorCode(err) != EINVALID || !strings.Contains(ErrorMessage(err), tt.want) {
			t.Errorf("%s: %v (code %q), want EINVALID with %q", tt.name, err, ErrorCode(err), tt.want)
		}
	}
	many := Revision{Author: "a", Changes: make([]Change, maxChanges+1)}
	for i := range many.Changes {
		many.Changes[i] = Change{Op: OpRetract, Kind: KindClaim, ID: string(rune('a' + i%26)), After: nil}
	}
	if err := many.Check(); err == nil || !strings.Contains(err.Error(), "1001 changes in one revision; at most 1000") {
		t.Errorf("1001 changes: %v", err)
	}
}

// TestHistoryObjects: what EncodeObject writes reads back equal, with the
// times' bounds and a source's reliability that the plain JSON forms lose.
func TestHistoryObjects(t *testing.T) {
	w := When{EDTF: "1932/1940", Text: "昭和七年", Earliest: 19320101, LatestStart: 19321231, EarliestEnd: 19400101, Latest: 19401231, Interval: true}
	for _, tt := range []struct {
		kind ObjectKind
		v    any
	}{
		{KindClaim, &Claim{ID: "c1", Subject: "s", Predicate: "p", Object: "o", When: w, Source: "src", Grade: Grade{'B', 2}, SupportedBy: []string{"c0"}}},
		{KindClaim, &Claim{ID: "c2", Subject: "s", Predicate: "p", Value: "80", Unit: "divisions", Source: "src"}},
		{KindEntity, &Entity{ID: "e1", Type: Person, Names: []Name{{Text: "土肥原賢二", Lang: "ja", Kind: Native, When: w}, {Text: "Doihara Kenji", Lang: "ja-Latn", Kind: Romanized}},
			Summary: map[string]string{"en": "general"}, Tags: []string{"t"}}},
		{KindSource, &Source{ID: "yak", Kind: Popular, Title: "Японская военная миссия", Language: "ru", Reliability: 'C'}},
	} {
		s, err := EncodeObject(tt.v)
		if err != nil {
			t.Fatal(err)
		}
		got, err := DecodeObject(tt.kind, s)
		if err != nil {
			t.Fatalf("%s: %v", s, err)
		}
		if !reflect.DeepEqual(got, tt.v) {
			t.Errorf("%s round trip:\n got %+v\nwant %+v", tt.kind, got, tt.v)
		}
	}
	if s, err := EncodeObject(nil); s != "" || err != nil {
		t.Errorf("EncodeObject(nil) = %q, %v", s, err)
	}
	if v, err := DecodeObject(KindClaim, ""); v != nil || err != nil {
		t.Errorf(`DecodeObject("") = %v, %v`, v, err)
	}
}

// TestHistoryRederives: a claim recorded in the history before approximate
// dates were widened reads back with the widened bounds, so a revert puts
// back what this build would derive, not the old rule's.
func TestHistoryRederives(t *testing.T) {
	old := &Claim{ID: "c", Subject: "s", Predicate: "p", Source: "src",
		When: When{EDTF: "1938~", Earliest: 19380101, LatestStart: 19381231, EarliestEnd: 19380101, Latest: 19381231}}
	s, err := EncodeObject(old)
	if err != nil {
		t.Fatal(err)
	}
	got, err := DecodeObject(KindClaim, s)
	if err != nil {
		t.Fatal(err)
	}
	if w := got.(*Claim).When; w.Earliest != 19370101 || w.Latest != 19391231 {
		t.Errorf("1938~ read back from the history with bounds %s–%s, want 1937-01-01–1939-12-31", w.Earliest, w.Latest)
	}
}

// TestEntityDiff: a name added, one removed, the type, a summary and the
// tags each make one line, in that order; an unchanged entity none.
func TestEntityDiff(t *testing.T) {
	b := &Entity{ID: "e", Type: Person, Names: []Name{{Text: "試験", Lang: "ja", Kind: Native}, {Text: "Old", Lang: "en", Kind: Alias}},
		Summary: map[string]string{"en": "a test"}, Tags: []string{"x"}}
	a := &Entity{ID: "e", Type: Organization, Names: []Name{{Text: "試験", Lang: "ja", Kind: Native}, {Text: "しけん", Lang: "ja-Hira", Kind: Transcribed, Source: "s1"}},
		Summary: map[string]string{"en": "a test", "ru": "тест"}}
	got := strings.Join(EntityDiff(b, a), "\n")
	want := "type: person → organization\nnames: − Old (en, alias)\nnames: + しけん (ja-Hira, transcribed, s1)\nsummary.ru: (none) → тест\ntags: x → (none)"
	if got != want {
		t.Errorf("EntityDiff:\n%s\nwant\n%s", got, want)
	}
	if d := EntityDiff(b, b); len(d) != 0 {
		t.Errorf("EntityDiff of an entity with itself: %v", d)
	}
}
