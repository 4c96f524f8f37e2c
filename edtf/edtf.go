// Package edtf parses and formats dates written in the Library of Congress
// Extended Date/Time Format (EDTF, ISO 8601-2), levels 0 and 1 and, of level
// 2, one day of a range ([1938-01..1938-04], [..1939], [1941..]); it reads
// the date forms historians' sources print (ParseText): Japanese era dates
// (昭和十六年七月二日), English and Russian dates with month names
// ("13 June 1938", "13 июня 1938 г."), ranges ("11–16 May 1939",
// "с 11 мая по 16 сентября 1939 года", "1939年5月11日～9月16日") and vague
// phrases ("early 1938", "конец 1937 г.", "before 1940"); and it writes
// values for readers in English, Japanese and Russian (Value.Human).
//
// Every claim in tokumu carries a "when" written the historian's way: a year,
// a season, an approximate month, an interval with an unknown end. EDTF says
// all of that in a short, standard, sortable string, so it is the stored
// form. Queries such as "what held on 1938-06-13" need numbers rather than
// strings, so a Value also yields Bounds: the earliest and latest day it can
// denote and, for intervals, the span it certainly covers. Bounds are whole
// days ([Day]); time of day and time zone are kept in the string only.
//
// This package does not keep the text a date was read from: callers keep the
// original wording beside the parsed Value, and ParseText only normalizes it.
//
// Choices the specification leaves open:
//
//   - Seasons 21–24 are read as northern-hemisphere meteorological seasons:
//     spring is March–May, summer June–August, autumn September–November,
//     and winter is December of the year through February of the next year
//     (so 1941-24 is 1941-12-01 to 1942-02-28).
//   - The qualifiers ? ~ % do not widen Bounds; ApproximateBounds widens an
//     approximate date (~ or %) by one unit of its precision on each side.
//   - Unspecified digits widen the bounds: 201X is 2010-01-01 to 2019-12-31.
//   - An interval whose start lies wholly after its end is an error; ends
//     that merely overlap (2004-06-15/2004-06) are allowed.
//   - Of level 2 only the set of one range is read, [A..B], [..B] or [A..]:
//     one day, not known which, from A to B. It is a single date whose bounds
//     are A's first day and B's last (MinDay or MaxDay for an open end) and
//     which certainly covers no day. Lists ([1667,1668]), sets of all
//     members ({…}) and the other level 2 features are refused.
package edtf

import "strconv"

// Precision is the granularity of a date.
type Precision uint8

// Precisions, coarsest first. A date with unspecified digits has the
// precision of its form: 201X and 20XX have year precision, 2004-XX has month
// precision, and 1985-XX-XX has day precision.
const (
	PrecisionNone   Precision = iota // the zero Value
	PrecisionYear                    // 1985, Y170000002, 201X
	PrecisionSeason                  // 2001-21
	PrecisionMonth                   // 1985-04, 2004-XX
	PrecisionDay                     // 1985-04-12, 1985-04-XX, 1985-04-12T23:20:30
)

var precisionNames = [...]string{"none", "year", "season", "month", "day"}

// String returns the lower-case name of p, such as "month".
func (p Precision) String() string {
	if int(p) < len(precisionNames) {
		return precisionNames[p]
	}
	return "Precision(" + itoa(int64(p)) + ")"
}

// Value is a parsed EDTF value: a single date of any precision (with
// qualifiers, unspecified digits, a season, a long year, a time of day) or an
// interval of two dates, either of whose ends may be open ("..") or unknown
// (""). The zero Value means no date at all; it formats as "".
//
// Values are comparable with ==, and Parse(v.String()) == v.
type Value struct {
	start, end date
	interval   bool
	set        bool // one of a set: [start..end], either end possibly open
}

// kind tells what an interval end (or single date) is.
type kind uint8

const (
	kindNone    kind = iota // the zero Value
	kindDate                // a date
	kindOpen                // ".." : no bound
	kindUnknown             // "" : a bound exists but is not known
)

// Qualifier bits.
const (
	qualUncertain   = 1 << 0 // ?
	qualApproximate = 1 << 1 // ~ ; both bits: %
)

// date is one EDTF date, or an open or unknown interval end.
type date struct {
	kind   kind
	year   int64 // unspecified year digits are stored as 0: 201X is 2010
	month  int8  // 0 none or unspecified, 1–12, or a season 21–24
	day    int8  // 0 none or unspecified
	ux     uint8 // number of unspecified (X) digits at the right of the year
	monthX bool  // month is XX
	dayX   bool  // day is XX
	qual   uint8 // qualUncertain | qualApproximate
	time   string
}

// IsZero reports whether v is the zero Value (no date).
func (v Value) IsZero() bool { return v.start.kind == kindNone }

// IsInterval reports whether v is an interval (it contains a "/").
func (v Value) IsInterval() bool { return v.interval }

// IsSet reports whether v is one day of a range written as a level 2 set:
// [1938-01..1938-04], [..1939] or [1941..]. Such a Value is a single date
// whose precise value is not known; it is not an interval.
func (v Value) IsSet() bool { return v.set }

// Start returns the start of an interval as a single-date Value, or v itself
// if v is not an interval. It returns the zero Value for an open or unknown
// start.
func (v Value) Start() Value {
	if !v.interval {
		return v
	}
	return single(v.start)
}

// End returns the end of an interval as a single-date Value, or v itself if
// v is not an interval. It returns the zero Value for an open or unknown end.
func (v Value) End() Value {
	if !v.interval {
		return v
	}
	return single(v.end)
}

func single(d date) Value {
	if d.kind != kindDate {
		return Value{}
	}
	return Value{start: d}
}

// String returns v in canonical EDTF. The zero Value formats as "".
func (v Value) String() string {
	b := make([]byte, 0, 24)
	if v.set {
		b = append(b, '[')
		if v.start.kind == kindDate {
			b = v.start.appendTo(b)
		}
		b = append(b, ".."...)
		if v.end.kind == kindDate {
			b = v.end.appendTo(b)
		}
		return string(append(b, ']'))
	}
	b = v.start.appendTo(b)
	if v.interval {
		b = append(b, '/')
		b = v.end.appendTo(b)
	}
	return string(b)
}

// MarshalText implements encoding.TextMarshaler; it returns v.String().
func (v Value) MarshalText() ([]byte, error) { return []byte(v.String()), nil }

// UnmarshalText implements encoding.TextUnmarshaler with Parse. Empty text
// gives the zero Value.
func (v *Value) UnmarshalText(text []byte) error {
	if len(text) == 0 {
		*v = Value{}
		return nil
	}
	w, err := Parse(string(text))
	if err != nil {
		return err
	}
	*v = w
	return nil
}

func (d date) appendTo(b []byte) []byte {
	switch d.kind {
	case kindOpen:
		return append(b, ".."...)
	case kindDate:
	default:
		return b
	}
	if d.year > 9999 || d.year < -9999 {
		b = append(b, 'Y')
		b = append(b, itoa(d.year)...)
	} else {
		b = appendYear4(b, d.year)
		for i := range int(d.ux) {
			b[len(b)-1-i] = 'X'
		}
	}
	switch {
	case d.monthX:
		b = append(b, "-XX"...)
	case d.month > 0:
		b = append(b, '-')
		b = append2(b, int(d.month))
	}
	switch {
	case d.dayX:
		b = append(b, "-XX"...)
	case d.day > 0:
		b = append(b, '-')
		b = append2(b, int(d.day))
	}
	b = append(b, d.time...)
	switch d.qual {
	case qualUncertain:
		b = append(b, '?')
	case qualApproximate:
		b = append(b, '~')
	case qualUncertain | qualApproximate:
		b = append(b, '%')
	}
	return b
}

func (d date) precision() Precision {
	switch {
	case d.kind != kindDate:
		return PrecisionNone
	case d.day > 0 || d.dayX:
		return PrecisionDay
	case d.month >= 21:
		return PrecisionSeason
	case d.month > 0 || d.monthX:
		return PrecisionMonth
	}
	return PrecisionYear
}

// bounds returns the first and last day d can denote. d must be a date.
func (d date) bounds() (lo, hi Day) {
	ylo, yhi := d.year, d.year
	if d.ux > 0 {
		span := int64(1)
		for range d.ux {
			span *= 10
		}
		span--
		if d.year < 0 {
			ylo -= span
		} else {
			yhi += span
		}
	}
	m := int(d.month)
	switch {
	case m == 24: // winter: December to February of the next year
		return dayOf(ylo, 12, 1), dayOf(yhi+1, 2, daysIn(yhi+1, 2))
	case m >= 21: // spring, summer, autumn: three months from March, June, September
		first := 3 + 3*(m-21)
		return dayOf(ylo, first, 1), dayOf(yhi, first+2, daysIn(yhi, first+2))
	case m > 0 && d.day > 0:
		return dayOf(ylo, m, int(d.day)), dayOf(yhi, m, int(d.day))
	case m > 0:
		return dayOf(ylo, m, 1), dayOf(yhi, m, daysIn(yhi, m))
	}
	return dayOf(ylo, 1, 1), dayOf(yhi, 12, 31)
}

// Bounds describes the days a Value can denote.
//
// For a single date, the date is some day in [Earliest, Latest]; LatestStart
// is Latest and EarliestEnd is Earliest, so the span it certainly covers,
// [LatestStart, EarliestEnd], is empty unless the date has day precision.
//
// For an interval A/B, Earliest and LatestStart are A's first and last
// possible days, and EarliestEnd and Latest are B's. The interval certainly
// covers [LatestStart, EarliestEnd] and possibly covers [Earliest, Latest].
// An open end ("..") has no bound: an open start gives Earliest = LatestStart
// = MinDay, an open end EarliestEnd = Latest = MaxDay. An unknown end ("")
// existed but is not known: its outer bound is MinDay or MaxDay, and its inner
// bound is that of the known end (A/ has EarliestEnd = A's Earliest, /B has
// LatestStart = B's Latest), so nothing beyond the known end is certain.
//
// The zero Value has Earliest = EarliestEnd = MinDay and LatestStart =
// Latest = MaxDay: possibly any day, certainly none.
type Bounds struct {
	Earliest, LatestStart, EarliestEnd, Latest Day
}

// Bounds returns v's bounds.
func (v Value) Bounds() Bounds { return v.bounds(false) }

// ApproximateBounds returns v's bounds with every approximate date (~ or %)
// widened by one unit of its precision on each side: 1938-06~ may be any
// day from 1938-05-01 to 1938-07-31, 1938~ any day of 1937–1939, and
// 1938-06-13~ any of 12–14 June. EDTF gives "approximate" no size; one
// unit is the least that keeps a reader from taking "about June" as
// certainly June, and the most that keeps it about June. Uncertain dates
// (?) are not widened: the source is unsure whether it was that date, not
// how near it was.
func (v Value) ApproximateBounds() Bounds { return v.bounds(true) }

// outer returns the first and last day d can denote, widened by one unit of
// its precision on each side when widen is set and d is approximate.
func (d date) outer(widen bool) (lo, hi Day) {
	lo, hi = d.bounds()
	if !widen || d.qual&qualApproximate == 0 {
		return lo, hi
	}
	// Out from the day bounds, so that a negative year with unspecified
	// digits (-194X: -1949 to -1940) widens on both sides as any other.
	switch d.precision() {
	case PrecisionDay:
		return prevDay(lo), nextDay(hi)
	case PrecisionMonth, PrecisionSeason:
		ly, lm := int64(lo.Year()), lo.Month()-1
		if lm == 0 {
			ly, lm = ly-1, 12
		}
		hy, hm := int64(hi.Year()), hi.Month()+1
		if hm == 13 {
			hy, hm = hy+1, 1
		}
		return dayOf(ly, lm, 1), dayOf(hy, hm, daysIn(hy, hm))
	}
	return dayOf(int64(lo.Year())-1, 1, 1), dayOf(int64(hi.Year())+1, 12, 31)
}

func (v Value) bounds(widen bool) Bounds {
	if v.IsZero() {
		return Bounds{Earliest: MinDay, LatestStart: MaxDay, EarliestEnd: MinDay, Latest: MaxDay}
	}
	if v.set {
		lo, hi := MinDay, MaxDay
		if v.start.kind == kindDate {
			lo, _ = v.start.outer(widen)
		}
		if v.end.kind == kindDate {
			_, hi = v.end.outer(widen)
		}
		return Bounds{lo, hi, lo, hi}
	}
	if !v.interval {
		lo, hi := v.start.outer(widen)
		return Bounds{lo, hi, lo, hi}
	}
	var b Bounds
	switch v.start.kind {
	case kindDate:
		b.Earliest, b.LatestStart = v.start.outer(widen)
	case kindOpen:
		b.Earliest, b.LatestStart = MinDay, MinDay
	}
	switch v.end.kind {
	case kindDate:
		b.EarliestEnd, b.Latest = v.end.outer(widen)
	case kindOpen:
		b.EarliestEnd, b.Latest = MaxDay, MaxDay
	case kindUnknown:
		b.EarliestEnd, b.Latest = b.Earliest, MaxDay
	}
	if v.start.kind == kindUnknown {
		b.Earliest, b.LatestStart = MinDay, b.Latest
	}
	if _, approx := v.Qualifiers(); widen && approx && v.start.kind == kindDate && v.end.kind == kindDate {
		// A widened end reaches no further than the other end allows: the
		// start of 1938~/1938-03 falls by March 1938, and 1941-06-22/1941-07~
		// still certainly held on 22 June.
		b.LatestStart = min(b.LatestStart, b.Latest)
		b.EarliestEnd = max(b.EarliestEnd, b.Earliest)
	}
	return b
}

// Earliest returns the earliest day v can denote, or MinDay if v has an
// open or unknown start.
func (v Value) Earliest() Day { return v.Bounds().Earliest }

// Latest returns the latest day v can denote, or MaxDay if v has an open or
// unknown end.
func (v Value) Latest() Day { return v.Bounds().Latest }

// Qualifiers reports whether v is marked uncertain (? or %) and approximate
// (~ or %). For an interval it reports the qualifiers of either end.
func (v Value) Qualifiers() (uncertain, approximate bool) {
	q := v.start.qual | v.end.qual
	return q&qualUncertain != 0, q&qualApproximate != 0
}

// Precision returns the precision of a single date, or of the start of an
// interval (of the end if the start is open or unknown).
func (v Value) Precision() Precision {
	if v.start.kind == kindDate {
		return v.start.precision()
	}
	return v.end.precision()
}

// PossiblyContains reports whether v can denote day d:
// Earliest <= d <= Latest.
func (v Value) PossiblyContains(d Day) bool {
	b := v.Bounds()
	return b.Earliest <= d && d <= b.Latest
}

// CertainlyContains reports whether v certainly covers day d:
// LatestStart <= d <= EarliestEnd. For a single date that holds only when the
// date has day precision and is d.
func (v Value) CertainlyContains(d Day) bool {
	b := v.Bounds()
	return b.LatestStart <= d && d <= b.EarliestEnd
}

// Overlaps reports whether a and b possibly overlap: some day lies within
// both their outer bounds. The zero Value overlaps nothing.
func Overlaps(a, b Value) bool {
	if a.IsZero() || b.IsZero() {
		return false
	}
	x, y := a.Bounds(), b.Bounds()
	return x.Earliest <= y.Latest && y.Earliest <= x.Latest
}

// Within reports whether a lies certainly within b: every day a can denote
// lies in the span b certainly covers. For an interval b that span is
// [LatestStart, EarliestEnd]; a single date b is read as the period it names
// ([Earliest, Latest]), so 1938-06-13 is within 1938-06 and 1938-06 is within
// 1938. The zero Value is within nothing and contains nothing.
func Within(a, b Value) bool {
	if a.IsZero() || b.IsZero() {
		return false
	}
	x, y := a.Bounds(), b.Bounds()
	lo, hi := y.LatestStart, y.EarliestEnd
	if !b.interval {
		lo, hi = y.Earliest, y.Latest
	}
	return lo <= x.Earliest && x.Latest <= hi
}

func itoa(n int64) string { return strconv.FormatInt(n, 10) }
