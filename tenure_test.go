package tokumu

import "testing"

func TestSuperseded(t *testing.T) {
	when := func(s string) When {
		w, _, err := ParseWhen(s)
		if err != nil {
			t.Fatal(err)
		}
		return w
	}
	hyakutake := &Claim{ID: "h", Subject: "hyakutake", Predicate: "head_of", Object: "harbin", When: when("1931-08/")}
	doihara := &Claim{ID: "d", Subject: "doihara", Predicate: "head_of", Object: "harbin", When: when("1932-01/1932-10")}
	other := &Claim{ID: "o", Subject: "x", Predicate: "head_of", Object: "mukden", When: when("1931-09/1931-12")}
	member := &Claim{ID: "m", Subject: "y", Predicate: "member_of", Object: "harbin", When: when("1931-10/")}
	known := &Claim{ID: "k", Subject: "hyakutake", Predicate: "head_of", Object: "harbin", When: when("1931-08/1940")}
	open := &Claim{ID: "n", Subject: "hyakutake", Predicate: "head_of", Object: "harbin", When: when("1931-08/..")}
	all := []*Claim{hyakutake, doihara, other, member}
	tests := []struct {
		c    *Claim
		d    Day
		want bool
	}{
		{hyakutake, DayOf(1931, 12, 1), false}, // before any successor
		{hyakutake, DayOf(1932, 2, 1), true},   // Doihara took over in January 1932
		{hyakutake, DayOf(1941, 6, 1), true},
		{doihara, DayOf(1932, 5, 1), false}, // its end is known
		{member, DayOf(1941, 6, 1), false},  // membership is not a single-holder office
		{known, DayOf(1939, 6, 1), false},   // the source gives the end
		{open, DayOf(1939, 6, 1), false},    // ".." says it went on
	}
	for _, tt := range tests {
		if got := Superseded(tt.c, append(all, tt.c), tt.d); got != tt.want {
			t.Errorf("Superseded(%s %s, %s) = %v, want %v", tt.c.Subject, tt.c.When.EDTF, tt.d, got, tt.want)
		}
	}
	// Another office's head does not end this one.
	if Superseded(hyakutake, []*Claim{other}, DayOf(1941, 6, 1)) {
		t.Error("a head of another office ended the Harbin tenure")
	}
}
