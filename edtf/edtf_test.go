package edtf_test

import (
	"encoding/json"
	"errors"
	"strings"
	"testing"

	"github.com/tokumu/tokumu/edtf"
)

// specCases are every level 0 and level 1 example of the EDTF specification
// (https://www.loc.gov/standards/datetime/, February 2019), followed by other
// valid forms.
var specCases = []struct {
	in                string
	earliest, latest  string // Day.String of the outer bounds
	prec              edtf.Precision
	uncertain, approx bool
}{
	// Level 0: date.
	{"1985-04-12", "1985-04-12", "1985-04-12", edtf.PrecisionDay, false, false},
	{"1985-04", "1985-04-01", "1985-04-30", edtf.PrecisionMonth, false, false},
	{"1985", "1985-01-01", "1985-12-31", edtf.PrecisionYear, false, false},
	// Level 0: date and time.
	{"1985-04-12T23:20:30", "1985-04-12", "1985-04-12", edtf.PrecisionDay, false, false},
	{"1985-04-12T23:20:30Z", "1985-04-12", "1985-04-12", edtf.PrecisionDay, false, false},
	{"1985-04-12T23:20:30-04", "1985-04-12", "1985-04-12", edtf.PrecisionDay, false, false},
	{"1985-04-12T23:20:30+04:30", "1985-04-12", "1985-04-12", edtf.PrecisionDay, false, false},
	// Level 0: time interval.
	{"1964/2008", "1964-01-01", "2008-12-31", edtf.PrecisionYear, false, false},
	{"2004-06/2006-08", "2004-06-01", "2006-08-31", edtf.PrecisionMonth, false, false},
	{"2004-02-01/2005-02-08", "2004-02-01", "2005-02-08", edtf.PrecisionDay, false, false},
	{"2004-02-01/2005-02", "2004-02-01", "2005-02-28", edtf.PrecisionDay, false, false},
	{"2004-02-01/2005", "2004-02-01", "2005-12-31", edtf.PrecisionDay, false, false},
	{"2005/2006-02", "2005-01-01", "2006-02-28", edtf.PrecisionYear, false, false},
	// Level 1: letter-prefixed calendar year.
	{"Y170000002", "170000002-01-01", "170000002-12-31", edtf.PrecisionYear, false, false},
	{"Y-170000002", "-170000002-01-01", "-170000002-12-31", edtf.PrecisionYear, false, false},
	// Level 1: seasons.
	{"2001-21", "2001-03-01", "2001-05-31", edtf.PrecisionSeason, false, false},
	// Level 1: qualification of a date (complete).
	{"1984?", "1984-01-01", "1984-12-31", edtf.PrecisionYear, true, false},
	{"2004-06~", "2004-06-01", "2004-06-30", edtf.PrecisionMonth, false, true},
	{"2004-06-11%", "2004-06-11", "2004-06-11", edtf.PrecisionDay, true, true},
	// Level 1: unspecified digits from the right.
	{"201X", "2010-01-01", "2019-12-31", edtf.PrecisionYear, false, false},
	{"20XX", "2000-01-01", "2099-12-31", edtf.PrecisionYear, false, false},
	{"2004-XX", "2004-01-01", "2004-12-31", edtf.PrecisionMonth, false, false},
	{"1985-04-XX", "1985-04-01", "1985-04-30", edtf.PrecisionDay, false, false},
	{"1985-XX-XX", "1985-01-01", "1985-12-31", edtf.PrecisionDay, false, false},
	// Level 1: extended interval, open end and open start.
	{"1985-04-12/..", "1985-04-12", "..", edtf.PrecisionDay, false, false},
	{"1985-04/..", "1985-04-01", "..", edtf.PrecisionMonth, false, false},
	{"1985/..", "1985-01-01", "..", edtf.PrecisionYear, false, false},
	{"../1985-04-12", "..", "1985-04-12", edtf.PrecisionDay, false, false},
	{"../1985-04", "..", "1985-04-30", edtf.PrecisionMonth, false, false},
	{"../1985", "..", "1985-12-31", edtf.PrecisionYear, false, false},
	// Level 1: unknown end and unknown start.
	{"1985-04-12/", "1985-04-12", "..", edtf.PrecisionDay, false, false},
	{"1985-04/", "1985-04-01", "..", edtf.PrecisionMonth, false, false},
	{"1985/", "1985-01-01", "..", edtf.PrecisionYear, false, false},
	{"/1985-04-12", "..", "1985-04-12", edtf.PrecisionDay, false, false},
	{"/1985-04", "..", "1985-04-30", edtf.PrecisionMonth, false, false},
	{"/1985", "..", "1985-12-31", edtf.PrecisionYear, false, false},
	// Level 1: qualified interval ends (from the spec's extended interval text
	// and the edtf-validate suite).
	{"1984~/2004-06", "1984-01-01", "2004-06-30", edtf.PrecisionYear, false, true},
	{"1984/2004-06~", "1984-01-01", "2004-06-30", edtf.PrecisionYear, false, true},
	{"1984~/2004~", "1984-01-01", "2004-12-31", edtf.PrecisionYear, false, true},
	{"1984?/2004%", "1984-01-01", "2004-12-31", edtf.PrecisionYear, true, true},
	{"1984-06?/2004-08?", "1984-06-01", "2004-08-31", edtf.PrecisionMonth, true, false},
	{"1984-06-02?/2004-08-08~", "1984-06-02", "2004-08-08", edtf.PrecisionDay, true, true},
	{"1984-06-02?/", "1984-06-02", "..", edtf.PrecisionDay, true, false},
	// Level 1: negative calendar year.
	{"-1985", "-1985-01-01", "-1985-12-31", edtf.PrecisionYear, false, false},

	// More valid forms.
	{"0000", "0000-01-01", "0000-12-31", edtf.PrecisionYear, false, false},
	{"0000/0000", "0000-01-01", "0000-12-31", edtf.PrecisionYear, false, false},
	{"-1000/-0999", "-1000-01-01", "-0999-12-31", edtf.PrecisionYear, false, false},
	{"-2004-02-01/2005", "-2004-02-01", "2005-12-31", edtf.PrecisionDay, false, false},
	{"-0044-03-15", "-0044-03-15", "-0044-03-15", edtf.PrecisionDay, false, false},
	{"-201X", "-2019-01-01", "-2010-12-31", edtf.PrecisionYear, false, false},
	{"2001-22", "2001-06-01", "2001-08-31", edtf.PrecisionSeason, false, false},
	{"2001-23", "2001-09-01", "2001-11-30", edtf.PrecisionSeason, false, false},
	{"2001-24", "2001-12-01", "2002-02-28", edtf.PrecisionSeason, false, false},
	{"2003-24", "2003-12-01", "2004-02-29", edtf.PrecisionSeason, false, false},
	{"-2004-23", "-2004-09-01", "-2004-11-30", edtf.PrecisionSeason, false, false},
	{"1923-21/1924", "1923-03-01", "1924-12-31", edtf.PrecisionSeason, false, false},
	{"2019-12/2020%", "2019-12-01", "2020-12-31", edtf.PrecisionMonth, true, true},
	{"2004-06-15/2004-06", "2004-06-15", "2004-06-30", edtf.PrecisionDay, false, false},
	{"2000-02-29", "2000-02-29", "2000-02-29", edtf.PrecisionDay, false, false},
	{"1600-02-29", "1600-02-29", "1600-02-29", edtf.PrecisionDay, false, false},
	{"2004-02-29", "2004-02-29", "2004-02-29", edtf.PrecisionDay, false, false},
	{"1985-04-12T00:00:00+14", "1985-04-12", "1985-04-12", edtf.PrecisionDay, false, false},
	{"Y10000", "10000-01-01", "10000-12-31", edtf.PrecisionYear, false, false},
	{"Y-10000~", "-10000-01-01", "-10000-12-31", edtf.PrecisionYear, false, true},
	{"Y9223372036854775807", "900000000000000-01-01", "900000000000000-12-31", edtf.PrecisionYear, false, false},
	{"Y-9223372036854775808", "-900000000000000-01-01", "-900000000000000-12-31", edtf.PrecisionYear, false, false},
	{"201X?", "2010-01-01", "2019-12-31", edtf.PrecisionYear, true, false},
	{"2001-21~", "2001-03-01", "2001-05-31", edtf.PrecisionSeason, false, true},

	// Level 2: one of a set, of one range (the only level 2 form read).
	{"[..1760-12-03]", "..", "1760-12-03", edtf.PrecisionDay, false, false},
	{"[1760-12..]", "1760-12-01", "..", edtf.PrecisionMonth, false, false},
	{"[1667..1672]", "1667-01-01", "1672-12-31", edtf.PrecisionYear, false, false},
	{"[1938-01..1938-04]", "1938-01-01", "1938-04-30", edtf.PrecisionMonth, false, false},
	{"[1939-05-21..1939-05-31]", "1939-05-21", "1939-05-31", edtf.PrecisionDay, false, false},
	{"[..1939]", "..", "1939-12-31", edtf.PrecisionYear, false, false},
}

func TestParseSpecExamples(t *testing.T) {
	for _, tc := range specCases {
		v, err := edtf.Parse(tc.in)
		if err != nil {
			t.Errorf("Parse(%q): %v", tc.in, err)
			continue
		}
		if got := v.String(); got != tc.in {
			t.Errorf("Parse(%q).String() = %q", tc.in, got)
		}
		if w, err := edtf.Parse(v.String()); err != nil || w != v {
			t.Errorf("Parse(%q) does not round-trip: %v, %v", tc.in, w, err)
		}
		if got := v.Earliest().String(); got != tc.earliest {
			t.Errorf("Parse(%q).Earliest() = %s, want %s", tc.in, got, tc.earliest)
		}
		if got := v.Latest().String(); got != tc.latest {
			t.Errorf("Parse(%q).Latest() = %s, want %s", tc.in, got, tc.latest)
		}
		if got := v.Precision(); got != tc.prec {
			t.Errorf("Parse(%q).Precision() = %v, want %v", tc.in, got, tc.prec)
		}
		if u, a := v.Qualifiers(); u != tc.uncertain || a != tc.approx {
			t.Errorf("Parse(%q).Qualifiers() = %v, %v, want %v, %v", tc.in, u, a, tc.uncertain, tc.approx)
		}
		if got, want := v.IsInterval(), strings.Contains(tc.in, "/"); got != want {
			t.Errorf("Parse(%q).IsInterval() = %v", tc.in, got)
		}
		if v.IsZero() {
			t.Errorf("Parse(%q).IsZero()", tc.in)
		}
	}
}

var invalidCases = []struct {
	in     string
	offset int
	msg    string // a substring of the message
}{
	{"", 0, "empty"},
	{"1985-13", 5, "month 13 out of range 01–12 (for a season use 21–24)"},
	{"1985-00", 5, "month 00 out of range"},
	{"1985-20", 5, "for a season use 21–24"},
	{"1985-99", 5, "month 99 out of range"},
	{"1985-04-31", 8, "day 31 out of range 01–30"},
	{"1985-04-00", 8, "day 00 out of range"},
	{"1900-02-29", 8, "1900 is not a leap year"},
	{"2001-02-29", 8, "2001 is not a leap year"},
	{"1985-4-12", 5, "two-digit month"},
	{"1985-04-1", 8, "two-digit day"},
	{"1985-04-123", 8, "more than two digits"},
	{"85", 0, "four digits"},
	{"198", 0, "pad with zeros: 0198"},
	{"19850", 0, "Y19850"},
	{"-0000", 0, "year zero is written 0000"},
	{"--1985", 1, "second '-'"},
	{"1985-", 5, "two-digit month"},
	{"1985-04-", 8, "two-digit day"},
	{" 1985", 0, "four-digit year"},
	{"1985 ", 4, "no spaces"},
	{"1985/2004/2005", 9, "exactly one '/'"},
	{"2005/2004", 5, "ends before it starts"},
	{"2004-06-12/2004-06-11", 11, "swap the ends"},
	{"../..", 0, "needs a date"},
	{"/", 0, "needs a date"},
	{"/..", 0, "needs a date"},
	{"1985-04-12T23:20:30/1986", 10, "not allowed in an interval"},
	{"1985-04-12T25:20:30", 11, "hour 25"},
	{"1985-04-12T23:60:30", 14, "minute 60"},
	{"1985-04-12T23:20:61", 17, "second 61"},
	{"1985-04-12T23:20", 16, "expected ':'"},
	{"1985-04-12T23:20:30.5", 19, "fractional seconds"},
	{"1985-04-12T23:20:30+24", 20, "zone hour 24"},
	{"1985-04-12T23:20:30Z?", 20, "cannot be qualified"},
	{"1985-04T23:20:30", 7, "complete date"},
	{"1985-04-12t23:20:30", 10, "unexpected"},
	{"1984?~", 5, "use % for uncertain and approximate"},
	{"1984??", 5, "only one qualifier"},
	{"Y1985", 0, "write 1985"},
	{"Y985", 0, "write 0985"},
	{"Y0170000002", 1, "no leading zeros"},
	{"Y", 1, "expected digits after Y"},
	{"Y170000002-01", 10, "no month or day"},
	{"Y99999999999999999999", 1, "too large"},
	{"199u", 3, "upper-case X"},
	{"1985-uu", 5, "upper-case XX"},
	{"-00XX", 0, "ambiguous"},
	{"1985-21-01", 7, "season (21) has no day"},
	{"1985-04-12-01", 10, "unexpected '-'"},
	{"1985-04-12x", 10, "unexpected"},
	{"1985-04-12/2004-06-31", 19, "day 31 out of range"},
	{"13 June 1938", 0, "four digits"},
	{"1938-06-13 г.", 11, "use ParseText"},
	{"1938年", 4, "use ParseText"},
	{"1938-06-13 ", 10, "no spaces"},
	{"1985.04", 4, "unexpected"},
	{"1985-04-12/..1986", 11, "open end"},
	{"open/1985", 0, "four-digit year"},
	{"июнь", 0, "non-ASCII"},

	// Level 2 syntax is refused and named as such.
	{"Y-17E7", 4, "exponential year"},
	{"Y17E8", 3, "level 2"},
	{"1950S2", 4, "significant digits"},
	{"Y171010000S3", 10, "level 2"},
	{"2001-25", 5, "level 2"},
	{"2001-34", 5, "level 2"},
	{"2001-41", 5, "level 2"},
	{"2001-21^Southern Hemisphere", 7, "level 2"},
	{"[1667,1668,1670..1672]", 0, "level 2"},
	{"[..]", 0, "a date at one end"},
	{"[1939..1938]", 7, "swap the ends"},
	{"[1938..1938]", 0, "write 1938"},
	{"[1938-06..1938]", 10, "swap the ends"},
	{"[1938-13..]", 6, "month 13"},
	{"[1938-01-01T10:00:00..]", 11, "not allowed"},
	{"[1667..1668,1670]", 0, "level 2"},
	{"[1667]", 0, "level 2"},
	{"[1941-21..]", 1, "a season at an end of a set"},
	{"[1938~..1939?]", 1, "a qualified date"},
	{"[..1939?]", 3, "a qualified date"},
	{"{1667,1668,1670..1672}", 0, "level 2"},
	{"{1960,1961-12}", 0, "level 2"},
	{"2004-06~-11", 7, "level 2"},
	{"2004?-06-11", 4, "level 2"},
	{"?2004-06-~11", 0, "level 2"},
	{"2004-%06-11", 5, "level 2"},
	{"2004-06-~01/2004-06-~20", 8, "level 2"},
	{"156X-12-25", 0, "level 2"},
	{"15XX-12-25", 0, "level 2"},
	{"XXXX-12-XX", 0, "level 2"},
	{"1XXX-XX", 1, "level 2"},
	{"1XXX-12", 1, "level 2"},
	{"1984-1X", 5, "level 2"},
	{"2004-06-XX/2004-07-03", 10, "level 2"[:0] + "not"[:0]},
	{"1X99", 1, "level 2"},
	{"1985-XX-12", 8, "level 2"},
	{"1985-04-1X", 8, "level 2"},
	{"..1984", 0, "level 2"},
	{"..", 0, "open end of an interval"},
}

func TestParseInvalid(t *testing.T) {
	for _, tc := range invalidCases {
		v, err := edtf.Parse(tc.in)
		if tc.in == "2004-06-XX/2004-07-03" {
			// Level 2 lists it as an example, but it is also a valid level 1
			// interval with an unspecified day at one end.
			if err != nil {
				t.Errorf("Parse(%q): %v", tc.in, err)
			}
			continue
		}
		if err == nil {
			t.Errorf("Parse(%q) = %v, want error", tc.in, v)
			continue
		}
		var se *edtf.SyntaxError
		if !errors.As(err, &se) {
			t.Errorf("Parse(%q) error %T, want *SyntaxError", tc.in, err)
			continue
		}
		if se.Offset != tc.offset || !strings.Contains(se.Msg, tc.msg) || se.Input != tc.in {
			t.Errorf("Parse(%q) error at %d: %s\nwant at %d: …%s…", tc.in, se.Offset, se.Msg, tc.offset, tc.msg)
		}
		if !strings.Contains(err.Error(), se.Msg) {
			t.Errorf("Error() = %q lacks message", err.Error())
		}
	}
}

func TestMustParsePanics(t *testing.T) {
	defer func() {
		if recover() == nil {
			t.Error("MustParse(\"1985-13\") did not panic")
		}
	}()
	edtf.MustParse("1985-13")
}

func TestDay(t *testing.T) {
	for _, tc := range []struct {
		y, m, d int
		s       string
	}{
		{1938, 6, 13, "1938-06-13"},
		{-44, 3, 15, "-0044-03-15"},
		{0, 1, 1, "0000-01-01"},
		{-1, 12, 31, "-0001-12-31"},
		{12345, 1, 2, "12345-01-02"},
	} {
		d := edtf.DayOf(tc.y, tc.m, tc.d)
		if d.String() != tc.s || d.Year() != tc.y || d.Month() != tc.m || d.Dom() != tc.d {
			t.Errorf("DayOf(%d, %d, %d) = %s (%d %d %d), want %s", tc.y, tc.m, tc.d, d, d.Year(), d.Month(), d.Dom(), tc.s)
		}
	}
	if edtf.DayOf(1938, 6, 13) != 19380613 {
		t.Error("DayOf(1938, 6, 13) != 19380613")
	}
	ordered := []edtf.Day{edtf.MinDay, edtf.DayOf(-1000, 1, 1), edtf.DayOf(-44, 3, 15), edtf.DayOf(-44, 3, 16),
		edtf.DayOf(-1, 12, 31), edtf.DayOf(0, 1, 1), edtf.DayOf(1, 1, 1), edtf.DayOf(1938, 6, 13), edtf.MaxDay}
	for i := 1; i < len(ordered); i++ {
		if ordered[i-1] >= ordered[i] {
			t.Errorf("%s >= %s", ordered[i-1], ordered[i])
		}
	}
	if edtf.MinDay.String() != ".." || edtf.MaxDay.String() != ".." {
		t.Error("MinDay or MaxDay does not format as ..")
	}
}

func day(s string) edtf.Day {
	v := edtf.MustParse(s)
	if v.Precision() != edtf.PrecisionDay {
		panic(s)
	}
	return v.Earliest()
}

func TestBounds(t *testing.T) {
	for _, tc := range []struct {
		in   string
		want [4]string
	}{
		{"1985", [4]string{"1985-01-01", "1985-12-31", "1985-01-01", "1985-12-31"}},
		{"1985-04-12", [4]string{"1985-04-12", "1985-04-12", "1985-04-12", "1985-04-12"}},
		{"1964/2008", [4]string{"1964-01-01", "1964-12-31", "2008-01-01", "2008-12-31"}},
		{"2004-02-01/2005-02", [4]string{"2004-02-01", "2004-02-01", "2005-02-01", "2005-02-28"}},
		{"1985-04-12/..", [4]string{"1985-04-12", "1985-04-12", "..", ".."}},
		{"../1985-04", [4]string{"..", "..", "1985-04-01", "1985-04-30"}},
		{"1985-04/", [4]string{"1985-04-01", "1985-04-30", "1985-04-01", ".."}},
		{"/1985-04", [4]string{"..", "1985-04-30", "1985-04-01", "1985-04-30"}},
		{"1941-24", [4]string{"1941-12-01", "1942-02-28", "1941-12-01", "1942-02-28"}},
	} {
		b := edtf.MustParse(tc.in).Bounds()
		got := [4]string{b.Earliest.String(), b.LatestStart.String(), b.EarliestEnd.String(), b.Latest.String()}
		if got != tc.want {
			t.Errorf("Bounds(%s) = %v, want %v", tc.in, got, tc.want)
		}
	}
	// Open and unknown ends use MinDay and MaxDay.
	b := edtf.MustParse("1985/..").Bounds()
	if b.EarliestEnd != edtf.MaxDay || b.Latest != edtf.MaxDay {
		t.Errorf("1985/.. bounds %+v", b)
	}
	b = edtf.MustParse("../1985").Bounds()
	if b.Earliest != edtf.MinDay || b.LatestStart != edtf.MinDay {
		t.Errorf("../1985 bounds %+v", b)
	}
	b = edtf.MustParse("/1985").Bounds()
	if b.Earliest != edtf.MinDay || b.LatestStart != day("1985-12-31") {
		t.Errorf("/1985 bounds %+v", b)
	}
	var zero edtf.Value
	if b := zero.Bounds(); b.Earliest != edtf.MinDay || b.Latest != edtf.MaxDay || b.LatestStart != edtf.MaxDay || b.EarliestEnd != edtf.MinDay {
		t.Errorf("zero bounds %+v", b)
	}
	if !zero.IsZero() || zero.String() != "" || zero.Precision() != edtf.PrecisionNone {
		t.Error("zero Value")
	}
}

// Approximate dates widen by one unit of their precision on each side;
// uncertain ones and dates without a qualifier keep Bounds.
func TestApproximateBounds(t *testing.T) {
	for _, tc := range []struct {
		in   string
		want [4]string
	}{
		{"1938-06~", [4]string{"1938-05-01", "1938-07-31", "1938-05-01", "1938-07-31"}},
		{"1938~", [4]string{"1937-01-01", "1939-12-31", "1937-01-01", "1939-12-31"}},
		{"1938-06-13~", [4]string{"1938-06-12", "1938-06-14", "1938-06-12", "1938-06-14"}},
		{"1938-01~", [4]string{"1937-12-01", "1938-02-28", "1937-12-01", "1938-02-28"}},
		{"1938-12-31%", [4]string{"1938-12-30", "1939-01-01", "1938-12-30", "1939-01-01"}},
		{"1941-22~", [4]string{"1941-05-01", "1941-09-30", "1941-05-01", "1941-09-30"}},
		{"194X~", [4]string{"1939-01-01", "1950-12-31", "1939-01-01", "1950-12-31"}},
		// An interval widens each approximate end alone: the start of
		// 1938-06~/1938-09 may fall as late as July, so the span it
		// certainly covers begins in August.
		{"1938-06~/1938-09", [4]string{"1938-05-01", "1938-07-31", "1938-09-01", "1938-09-30"}},
		{"1938-06/1938-09~", [4]string{"1938-06-01", "1938-06-30", "1938-08-01", "1938-10-31"}},
		{"1938-06~/..", [4]string{"1938-05-01", "1938-07-31", "..", ".."}},
		{"1938-06?", [4]string{"1938-06-01", "1938-06-30", "1938-06-01", "1938-06-30"}},
		// A negative year with unspecified digits widens on both sides too.
		{"-194X~", [4]string{"-1950-01-01", "-1939-12-31", "-1950-01-01", "-1939-12-31"}},
		{"-0001~", [4]string{"-0002-01-01", "0000-12-31", "-0002-01-01", "0000-12-31"}},
		// An end widens no further than the other end allows.
		{"1938~/1938-03", [4]string{"1937-01-01", "1938-03-31", "1938-03-01", "1938-03-31"}},
		{"1941-06-22/1941-07~", [4]string{"1941-06-22", "1941-06-22", "1941-06-22", "1941-08-31"}},
		{"1938-06", [4]string{"1938-06-01", "1938-06-30", "1938-06-01", "1938-06-30"}},
	} {
		b := edtf.MustParse(tc.in).ApproximateBounds()
		got := [4]string{b.Earliest.String(), b.LatestStart.String(), b.EarliestEnd.String(), b.Latest.String()}
		if got != tc.want {
			t.Errorf("ApproximateBounds(%s) = %v, want %v", tc.in, got, tc.want)
		}
	}
}

func TestContains(t *testing.T) {
	for _, tc := range []struct {
		v, d                string
		possibly, certainly bool
	}{
		{"1938-06-13", "1938-06-13", true, true},
		{"1938-06-13", "1938-06-14", false, false},
		{"1938-06-13~", "1938-06-13", true, true},
		{"1938-06", "1938-06-13", true, false},
		{"1938-06", "1938-07-01", false, false},
		{"1938", "1938-12-31", true, false},
		{"1941-24", "1942-02-28", true, false},
		{"1941-24", "1942-03-01", false, false},
		{"1937/1939", "1938-06-13", true, true},
		{"1937/1939", "1937-06-13", true, false},
		{"1937/1939", "1939-12-31", true, false},
		{"1937/1939", "1940-01-01", false, false},
		{"1937-12-31/1939-01-01", "1937-12-31", true, true},
		{"1937-12-31/1939-01-01", "1939-01-01", true, true},
		{"1937/1937", "1937-06-01", true, false},
		{"1985-04-12/..", "2100-01-01", true, true},
		{"1985-04-12/..", "1985-04-11", false, false},
		{"1985-04-12/", "2100-01-01", true, false},
		{"1985-04-12/", "1985-04-12", true, true},
		{"1985/", "1985-04-12", true, false},
		{"../1985", "1900-01-01", true, true},
		{"../1985", "1985-06-01", true, false},
		{"/1985-04-12", "1900-01-01", true, false},
		{"/1985-04-12", "1985-04-12", true, true},
	} {
		v, d := edtf.MustParse(tc.v), day(tc.d)
		if got := v.PossiblyContains(d); got != tc.possibly {
			t.Errorf("%s.PossiblyContains(%s) = %v", tc.v, tc.d, got)
		}
		if got := v.CertainlyContains(d); got != tc.certainly {
			t.Errorf("%s.CertainlyContains(%s) = %v", tc.v, tc.d, got)
		}
	}
	var zero edtf.Value
	if !zero.PossiblyContains(day("1938-06-13")) || zero.CertainlyContains(day("1938-06-13")) {
		t.Error("the zero Value should possibly but not certainly contain every day")
	}
}

func TestOverlapsWithin(t *testing.T) {
	for _, tc := range []struct {
		a, b             string
		overlaps, within bool
	}{
		{"1938-06-13", "1938-06", true, true},
		{"1938-06", "1938", true, true},
		{"1938", "1938-06", true, false},
		{"1938-06-13", "1938-06-13", true, true},
		{"1938-06-13", "1938-06-14", false, false},
		{"1938-06-13", "1937/1939", true, true},
		{"1937-06", "1937/1939", true, false},
		{"1937", "1937/1939", true, false},
		{"1936", "1937/1939", false, false},
		{"1937/1939", "1938", true, false},
		{"1938/1938-06", "1937/1939", true, true},
		{"1939/1940", "1937/1939", true, false},
		{"1941-24", "1942", true, false},
		{"1942-01", "1941-24", true, true},
		{"2000", "1985/..", true, true},
		{"2000", "1985/", true, false},
		{"1985/..", "1990/..", true, false},
		{"1990/..", "1985/..", true, true},
		{"1900", "../1985", true, true},
		{"1900", "/1985", true, false},
		{"201X", "2010/2019", true, false},
		{"201X", "2009/2020", true, true},
		{"2015", "201X", true, true},
	} {
		a, b := edtf.MustParse(tc.a), edtf.MustParse(tc.b)
		if got := edtf.Overlaps(a, b); got != tc.overlaps {
			t.Errorf("Overlaps(%s, %s) = %v", tc.a, tc.b, got)
		}
		if got := edtf.Overlaps(b, a); got != tc.overlaps {
			t.Errorf("Overlaps(%s, %s) = %v", tc.b, tc.a, got)
		}
		if got := edtf.Within(a, b); got != tc.within {
			t.Errorf("Within(%s, %s) = %v", tc.a, tc.b, got)
		}
	}
	var zero edtf.Value
	x := edtf.MustParse("1938")
	if edtf.Overlaps(zero, x) || edtf.Within(zero, x) || edtf.Within(x, zero) {
		t.Error("the zero Value overlaps or is within")
	}
}

func TestStartEnd(t *testing.T) {
	v := edtf.MustParse("1984?/2004-06~")
	if v.Start().String() != "1984?" || v.End().String() != "2004-06~" {
		t.Errorf("Start, End = %s, %s", v.Start(), v.End())
	}
	if v := edtf.MustParse("1985/.."); !v.End().IsZero() || v.Start().String() != "1985" {
		t.Errorf("1985/..: Start, End = %q, %q", v.Start(), v.End())
	}
	if v := edtf.MustParse("1985"); v.Start() != v || v.End() != v {
		t.Error("Start or End of a single date")
	}
}

func TestText(t *testing.T) {
	type rec struct {
		When edtf.Value `json:"when"`
	}
	var r rec
	if err := json.Unmarshal([]byte(`{"when":"1984?/2004-06~"}`), &r); err != nil {
		t.Fatal(err)
	}
	if r.When.String() != "1984?/2004-06~" {
		t.Errorf("unmarshaled %s", r.When)
	}
	out, err := json.Marshal(r)
	if err != nil || string(out) != `{"when":"1984?/2004-06~"}` {
		t.Errorf("Marshal = %s, %v", out, err)
	}
	if err := json.Unmarshal([]byte(`{"when":"1985-13"}`), &r); err == nil {
		t.Error("unmarshaled 1985-13")
	}
	if err := json.Unmarshal([]byte(`{"when":""}`), &r); err != nil || !r.When.IsZero() {
		t.Errorf("empty: %v %v", r.When, err)
	}
}

func TestPrecisionString(t *testing.T) {
	if edtf.PrecisionSeason.String() != "season" || edtf.Precision(9).String() != "Precision(9)" {
		t.Error("Precision.String")
	}
}
