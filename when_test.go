package tokumu_test

import (
	"testing"

	"github.com/tokumu/tokumu"
)

func TestDay(t *testing.T) {
	for _, tt := range []struct {
		y, m, d int
		s       string
	}{{1938, 6, 13, "1938-06-13"}, {0, 1, 1, "0000-01-01"}, {-44, 3, 15, "-0044-03-15"}, {-1, 12, 31, "-0001-12-31"}} {
		day := tokumu.DayOf(tt.y, tt.m, tt.d)
		if y, m, d := day.Date(); y != tt.y || m != tt.m || d != tt.d {
			t.Errorf("DayOf(%d,%d,%d).Date() = %d,%d,%d", tt.y, tt.m, tt.d, y, m, d)
		}
		if day.String() != tt.s {
			t.Errorf("String = %s, want %s", day, tt.s)
		}
	}
	if !(tokumu.DayOf(-5, 12, 31) < tokumu.DayOf(-4, 1, 1) && tokumu.DayOf(-1, 12, 31) < tokumu.DayOf(0, 1, 1)) {
		t.Error("Day order is not date order across negative years")
	}
}

func TestParseWhen(t *testing.T) {
	for _, tt := range []struct {
		in, edtf string
		lo, hi   tokumu.Day
	}{
		{"昭和十六年七月二日", "1941-07-02", 19410702, 19410702},
		{"1937-08/1938-07", "1937-08/1938-07", 19370801, 19380731},
		{"13 июня 1938 г.", "1938-06-13", 19380613, 19380613},
		{"1940/..", "1940/..", 19400101, tokumu.MaxDay},
	} {
		w, _, err := tokumu.ParseWhen(tt.in)
		if err != nil || w.EDTF != tt.edtf || w.Earliest != tt.lo || w.Latest != tt.hi {
			t.Errorf("ParseWhen(%q) = %+v, %v", tt.in, w, err)
		}
	}
	if _, off, err := tokumu.ParseWhen("1938-13"); err == nil || off != 5 {
		t.Errorf("ParseWhen(1938-13) offset %d, err %v; want offset 5", off, err)
	}
}

// An approximate date is possible a unit of its precision either side of
// what it states, and certain nowhere it is not certain then: a relation
// from "1938-06~" is possible, not certain, on 1 July 1938. Lists file it
// by what it states (Stated); a When read back from a store takes the
// bounds this build derives (Rederive).
func TestApproximateWhen(t *testing.T) {
	w, _, err := tokumu.ParseWhen("1938-06~/1945-07")
	if err != nil {
		t.Fatal(err)
	}
	if !w.PossiblyAt(19380515) || w.CertainlyAt(19380701) || !w.CertainlyAt(19380801) {
		t.Errorf("1938-06~/1945-07 = %+v: want possible on 1938-05-15, not certain on 1938-07-01, certain on 1938-08-01", w)
	}
	st := w.Stated()
	if st.Earliest != 19380601 || st.LatestStart != 19380630 || st.EDTF != w.EDTF {
		t.Errorf("Stated() = %+v, want the bounds of June 1938 for the start", st)
	}
	if plain, _, _ := tokumu.ParseWhen("1938-06/1945-07"); plain.Stated() != plain {
		t.Errorf("Stated() changed a date that is not approximate: %+v", plain.Stated())
	}
	old := st // as a build before the widening stored it
	old.Text = "about June 1938 to July 1945"
	got := old.Rederive()
	if got.Earliest != w.Earliest || got.LatestStart != w.LatestStart || got.Latest != w.Latest || got.Text != old.Text {
		t.Errorf("Rederive() = %+v, want the bounds of %+v and the text kept", got, w)
	}
	if built := (tokumu.When{EDTF: "1938-13~", Earliest: 1, Latest: 2}); built.Rederive() != built { // approximate, so parsed, and refused
		t.Error("Rederive changed a When whose EDTF does not parse")
	}
}

// Readers see a time in words, never the EDTF code (issue 10, item 6).
func TestWhenHuman(t *testing.T) {
	for _, tc := range []struct{ in, lang, want string }{
		{"1919-23", "en", "autumn 1919"},
		{"1941-12~", "en", "c. December 1941"},
		{"1926/", "en", "1926 – unknown"},
		{"1919-23", "ja", "1919年秋"},
		{"1919-23", "ru", "осень 1919 г."},
	} {
		w, _, err := tokumu.ParseWhen(tc.in)
		if err != nil {
			t.Fatal(err)
		}
		if got := w.Human(tc.lang); got != tc.want {
			t.Errorf("%s in %s: %q, want %q", tc.in, tc.lang, got, tc.want)
		}
	}
	if got := (tokumu.When{}).Human("en"); got != "" {
		t.Errorf("undated: %q, want empty", got)
	}
}

func TestSeasonOrSpan(t *testing.T) {
	for _, tt := range []struct {
		in   string
		asks bool
	}{
		{"1922-23", true}, {"1920-21", true}, {"1923-24", true}, {" 1922-23 ", true},
		{"1941-23", false}, // autumn 1941: 23 is not 1942's digits
		{"1922-24", false}, {"1900-01", false}, {"1937-38", false}, {"1922/1923", false}, {"autumn 1922", false},
	} {
		if got := tokumu.SeasonOrSpan(tt.in) != ""; got != tt.asks {
			t.Errorf("SeasonOrSpan(%q) asks %v, want %v", tt.in, got, tt.asks)
		}
	}
}
