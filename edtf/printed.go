package edtf

import (
	"fmt"
	"strings"
	"time"
	"unicode/utf8"
)

// This file reads dates as books and archives print them: ranges whose ends
// share their month or year ("11–16 May 1939", "May 11–Sept 16, 1939",
// "1939年5月11日～9月16日"), phrases of one open end ("from November 1937",
// "по 1945 г.", "昭和20年まで"), and vague phrases ("early 1938",
// "конец 1937 г.", "昭和十二年末", "before 1940").
//
// The rules, which CORPUS.md repeats for editors:
//
//   - A range's start takes the month and year it lacks from its end, and
//     its end from its start: "11–16 May 1939", "May 11–16, 1939",
//     "11 мая – 16 сентября 1939 г.", "1939年5月11日～9月16日" (同年, 同月:
//     the same year, month), "昭和12年〜13年" (the era too). A number of one
//     or two digits is a day, of three or four a year; a two-digit end after
//     a full year abbreviates it in the same century ("1937–38" is 1937/1938).
//   - "early", "mid", "late" (and "beginning of", "middle of", "end of";
//     начало, середина, конец; 初め/初頭, 中頃/半ば, 末/暮れ) name a third:
//     of a year, its months January–April, May–August, September–December;
//     of a month, its days 1–10, 11–20, 21–end (as 上旬, 中旬, 下旬 do in
//     Japanese). "first half", "second half" (первая/вторая половина,
//     前半/上半期, 後半/下半期) name a half: January–June, July–December, or
//     days 1–15, 16–end. The date is one day of that range, not known which,
//     written as a level 2 set of one range: "early 1938" is
//     [1938-01..1938-04], "конец мая 1939 г." is [1939-05-21..1939-05-31].
//     Its bounds are the range's first and last day and it certainly covers
//     no day; a source that says the whole span should be written as an
//     interval (1938-01/1938-04).
//   - "before D" (ранее, раньше, прежде) is one day up to the day, month or
//     year before D: "before 1940" is [..1939], "before 11 May 1939" is
//     [..1939-05-10], "before spring 1941" is [..1941-02]. "after D" (после,
//     позднее, позже) is one day from the next: [D+1..]. "by D", "no later
//     than D", "D or earlier" (не позднее, D以前) include D: [..D]; "no
//     earlier than D", "not before D", "D or later" (не ранее, D以後, D以降):
//     [D..]. "between A and B" (между A и B, A～Bの間) is [A..B].
//   - "from D", "since D", "D –" (с D, Dから, D～) is D/: from D, end not
//     known; "until D", "to D", "– D" (по D, Dまで, ～D) is /D; "from A to
//     B" (с A по B, с A до B, AからBまで) is A/B. An end written "unknown"
//     (неизвестно, 不明) is left out; "ongoing", "present" (продолжается,
//     настоящее время, 継続, 現在) is open: "1940 – ongoing" is 1940/...
//   - "c.", "circa", "about", около, 頃, 約 mark a date approximate (~); a
//     trailing "?", "(?)" or ？ uncertain.
//
// What is refused, with the EDTF to write instead: a year before 1000
// outside EDTF (0938, -0043, also with BC) and after 9999 (Y10000); a
// two-digit year ("May '39", "11.05.39"); a number alone ("11"); Russian
// "до D" alone (before D, [..D-1], or until D, /D?); a range without a year
// at either end; a range whose ends, once they share a year, are out of
// order ("11 December – 3 January 1940": which year did it start?); "c."
// before a compact range ("c. 1926–1929": the start or both ends?); vague
// ends of a range ("late May – early June 1939"); numeric dates with slashes
// (5/6/1939: day or month first?).

// part is one date as printed, perhaps without the year or month, which the
// other end of a range supplies.
type part struct {
	d                         date // what was found; qualifiers
	hasYear, hasMonth, hasDay bool // a season counts as a month
	lone                      int  // a number alone (1–2 digits): a day, or a year abbreviated after a full one (1937–38)
	era                       *era // the Japanese era of the year, named or inherited
	lo, hi                    int  // the text in the input
	yearOff, dayOff           int
	sub                       sub
	bc                        bool // written BC
	approxWord                bool // begins with c., circa, около …
	weekday                   int  // the day of the week printed with the date: 1 + time.Weekday, or 0
	weekdayOff                int
	edtf                      bool // written in EDTF
}

// sub is the i-th of n equal parts of a year or month: thirds (early, mid,
// late) or halves.
type sub struct{ n, i int8 }

func (p *part) complete() bool { return p.hasYear || p.edtf }

// printedErr is a SyntaxError at off.
func printedErr(s string, off int, format string, args ...any) error {
	return &SyntaxError{Input: s, Offset: off, Msg: fmt.Sprintf(format, args...)}
}

// cutWord reports whether s[lo:hi] begins with one of words (compared
// without case) followed by a space, and returns the offset after the space.
func cutWord(s string, lo, hi int, words ...string) (int, bool) {
	for _, w := range words {
		n := len(w)
		if lo+n < hi && strings.EqualFold(s[lo:lo+n], w) {
			if r, size := utf8.DecodeRuneInString(s[lo+n:]); r == ' ' || r == '\u00a0' {
				j, _ := trimSpace(s[lo+n+size : hi])
				return lo + n + size + j, true
			}
		}
	}
	return lo, false
}

// findWord returns the offset of the first " w " (any of words, without
// case) in s[lo:hi], and its length with the spaces, or -1.
func findWord(s string, lo, hi int, words ...string) (at, n int) {
	at = -1
	low := strings.ToLower(s[lo:hi])
	if len(low) != hi-lo {
		return -1, 0
	}
	for _, w := range words {
		if i := strings.Index(low, " "+w+" "); i >= 0 && (at < 0 || lo+i < at) {
			at, n = lo+i, len(w)+2
		}
	}
	return at, n
}

// cutSuffix reports whether s[lo:hi] ends with one of the suffixes and
// returns the new end, with space before it trimmed.
func cutSuffix(s string, lo, hi int, suffixes ...string) (int, bool) {
	for _, x := range suffixes {
		if strings.HasSuffix(s[lo:hi], x) && hi-len(x) > lo {
			_, h := trimSpace(s[lo : hi-len(x)])
			return lo + h, true
		}
	}
	return hi, false
}

// The shapes of a printed phrase.
const (
	shapeDate      = iota // one date, or a range A–B (an interval)
	shapeFrom             // D/
	shapeUntil            // /D
	shapeBefore           // [..D-1]
	shapeAfter            // [D+1..]
	shapeByEnd            // [..D]
	shapeNotBefore        // [D..]
	shapeBetween          // [A..B]
	shapeWithin           // D/D: began and ended within D
)

// parsePrinted reads s[lo:hi], which is not EDTF, as a printed date,
// range or phrase.
func parsePrinted(s string, lo, hi int) (Value, error) {
	// A plural suffix belongs to the whole range: 1937–1938 гг.
	for _, suf := range []string{" гг.", " гг", "гг."} {
		if strings.HasSuffix(s[lo:hi], suf) && hi-len(suf) > lo {
			_, h := trimSpace(s[lo : hi-len(suf)])
			hi = lo + h
			break
		}
	}
	shape := shapeDate
	var pair []string // the words that join the ends of a from-to phrase
	orig := lo
	switch {
	case prefixed(s, &lo, hi, "from", "since", "с", "со"):
		shape, pair = shapeFrom, []string{"to", "until", "till", "through", "thru"}
		if strings.HasPrefix(strings.ToLower(s[orig:lo]), "с") {
			pair = []string{"по", "до"}
		}
	case prefixed(s, &lo, hi, "until", "till", "up to", "to", "по"):
		shape = shapeUntil
	case prefixed(s, &lo, hi, "до"):
		if !strings.Contains(s[lo:hi], "н. э") && !strings.Contains(s[lo:hi], "н.э") {
			return Value{}, printedErr(s, orig, "«до» may mean before or until: write one day before it in EDTF as a set, such as [..1939] for «до 1940 г.» read as before 1940, or an interval ending then, /1940, read as until 1940")
		}
		lo = orig
	case prefixed(s, &lo, hi, "no later than", "not later than", "not after", "by", "не позднее", "не позже"):
		shape = shapeByEnd
	case prefixed(s, &lo, hi, "no earlier than", "not earlier than", "not before", "не ранее", "не раньше"):
		shape = shapeNotBefore
	case prefixed(s, &lo, hi, "before", "ранее", "раньше", "прежде"):
		shape = shapeBefore
	case prefixed(s, &lo, hi, "after", "после", "позднее", "позже"):
		shape = shapeAfter
	case prefixed(s, &lo, hi, "between", "между"):
		shape, pair = shapeBetween, []string{"and", "и"}
	case prefixed(s, &lo, hi, "within", "в пределах"):
		shape = shapeWithin
	}
	if shape == shapeDate {
		// Phrases that end with their word, as Value.Human writes them.
		if h, ok := cutSuffix(s, lo, hi, " or earlier"); ok {
			hi, shape = h, shapeByEnd
		} else if h, ok := cutSuffix(s, lo, hi, " or later"); ok {
			hi, shape = h, shapeNotBefore
		} else if h, ok := cutSuffix(s, lo, hi, " (точная дата неизвестна)"); ok {
			hi, shape = h, shapeBetween
		}
	}
	if shape == shapeDate {
		// Japanese phrases end with their particle.
		if h, ok := cutSuffix(s, lo, hi, "まで"); ok {
			hi, shape = h, shapeUntil
			if strings.Contains(s[lo:hi], "から") || strings.Contains(s[lo:hi], "より") {
				shape = shapeDate
			}
		} else if h, ok := cutSuffix(s, lo, hi, "から", "より"); ok {
			hi, shape = h, shapeFrom
		} else if h, ok := cutSuffix(s, lo, hi, "以前"); ok {
			hi, shape = h, shapeByEnd
		} else if h, ok := cutSuffix(s, lo, hi, "以後", "以降"); ok {
			hi, shape = h, shapeNotBefore
		} else if h, ok := cutSuffix(s, lo, hi, "の間"); ok {
			hi, shape = h, shapeBetween
		} else if h, ok := cutSuffix(s, lo, hi, "中"); ok && h > lo {
			hi, shape = h, shapeWithin
		}
	}

	// Split at the range separator, if any.
	at, n := -1, 0
	if pair != nil {
		at, n = findWord(s, lo, hi, pair...)
	}
	if at < 0 {
		at, n = rangeSep(s, lo, hi)
	}
	if at < 0 {
		p, err := readPart(s, lo, hi, nil)
		if err != nil {
			return Value{}, err
		}
		if shape == shapeBetween {
			return Value{}, printedErr(s, hi, "between needs two dates: between 1937 and 1939")
		}
		return phraseValue(s, shape, p)
	}
	a0, a1 := trimSpace(s[lo:at])
	a0, a1 = a0+lo, a1+lo
	b0, b1 := trimSpace(s[at+n : hi])
	b0, b1 = b0+at+n, b1+at+n
	// An end written as unknown is left out; an end written as ongoing is
	// open: 1926 – unknown is 1926/, 1926 – ongoing is 1926/...
	if shape == shapeDate {
		if unknownEnd[strings.ToLower(s[a0:a1])] {
			a1 = a0
		}
		if unknownEnd[strings.ToLower(s[b0:b1])] {
			b1 = b0
		}
		if openEnd[strings.ToLower(s[b0:b1])] && a0 < a1 {
			p, err := readPart(s, a0, a1, nil)
			if err != nil {
				return Value{}, err
			}
			v, err := phraseValue(s, shapeFrom, p)
			if err != nil {
				return Value{}, err
			}
			v.end.kind = kindOpen
			return v, nil
		}
	}
	switch {
	case a0 == a1 && b0 == b1:
		return Value{}, printedErr(s, at, "a range needs a date on one side of %q at least", s[at:at+n])
	case shape == shapeDate && a0 == a1:
		// –1945, ～昭和20年: until.
		p, err := readPart(s, b0, b1, nil)
		if err != nil {
			return Value{}, err
		}
		return phraseValue(s, shapeUntil, p)
	case shape == shapeDate && b0 == b1:
		// 1937–, 昭和12年～: from.
		p, err := readPart(s, a0, a1, nil)
		if err != nil {
			return Value{}, err
		}
		return phraseValue(s, shapeFrom, p)
	case a0 == a1 || b0 == b1:
		return Value{}, printedErr(s, at, "a range needs a date on both sides of %q", strings.TrimSpace(s[at:at+n]))
	case shape != shapeDate && shape != shapeFrom && shape != shapeBetween:
		return Value{}, printedErr(s, orig, "%q takes one date, not a range", strings.TrimSpace(s[orig:lo]))
	}
	a, err := readPart(s, a0, a1, nil)
	if err != nil {
		return Value{}, err
	}
	b, err := readPart(s, b0, b1, a.era)
	if err != nil {
		return Value{}, err
	}
	start, end, err := joinRange(s, &a, &b)
	if err != nil {
		return Value{}, err
	}
	if shape == shapeBetween {
		if start.qual|end.qual != 0 {
			return Value{}, printedErr(s, a0, "between takes plain dates: it already says which day is not known; drop c. and ?")
		}
		start, end = seasonMonth(start, false), seasonMonth(end, true)
		if start == end {
			return Value{}, printedErr(s, b0, "the range is one date; write %s", Value{start: start})
		}
		alo, ahi := start.bounds()
		blo, bhi := end.bounds()
		if alo > blo || ahi > bhi {
			return Value{}, printedErr(s, b0, "between %s and %s: the second date does not follow the first; write the days meant in EDTF as [first..last]",
				Value{start: start}, Value{start: end})
		}
		return Value{start: start, end: end, set: true}, nil
	}
	return Value{start: start, end: end, interval: true}, nil
}

// unknownEnd and openEnd are the words for an unknown end (1926/) and an
// open one (1926/..) of a range.
var (
	unknownEnd = map[string]bool{"unknown": true, "?": true, "不明": true, "неизвестно": true}
	openEnd    = map[string]bool{"ongoing": true, "present": true, "（継続）": true, "継続中": true, "現在": true,
		"(продолжается)": true, "продолжается": true, "настоящее время": true, "н. в.": true}
)

// prefixed cuts a leading phrase word from s[*lo:hi].
func prefixed(s string, lo *int, hi int, words ...string) bool {
	if j, ok := cutWord(s, *lo, hi, words...); ok {
		*lo = j
		return true
	}
	return false
}

// rangeSeps separate the ends of a range.
var rangeSeps = []string{"–", "—", "―", "‒", "−", "〜", "～", "－", "から", "より", " - ", " -- "}

// rangeSep finds the separator of a range in s[lo:hi]: a dash, a wave dash,
// から, or a hyphen between a number and a number or word ("11-16 May 1939",
// "1937-1938"). It returns -1 if there is none.
func rangeSep(s string, lo, hi int) (at, n int) {
	at = -1
	for _, x := range rangeSeps {
		if i := strings.Index(s[lo:hi], x); i >= 0 && (at < 0 || lo+i < at) {
			at, n = lo+i, len(x)
		}
	}
	if at >= 0 {
		return at, n
	}
	t := s[lo:hi]
	// An ASCII ~ in Japanese text joins two dates (1939年5月11日~9月16日).
	if i := strings.IndexByte(t, '~'); i > 0 && i < len(t)-1 && hasJapanese(t) {
		return lo + i, 1
	}
	// A hyphen after a day or year and before a number or a word:
	// 11-16 May 1939, May 11-16, 1939, 1937-1938. Not mid-1938, not
	// 13.06.1938-style numbers, not EDTF.
	for i := 1; i < len(t)-1; i++ {
		if t[i] != '-' || !isDigit(t[i-1]) {
			continue
		}
		j := i - 1
		for j > 0 && isDigit(t[j-1]) {
			j--
		}
		if j > 0 && t[j-1] != ' ' && t[j-1] != ',' {
			continue
		}
		if c := t[i+1]; isDigit(c) || c >= 0x80 || 'a' <= c|0x20 && c|0x20 <= 'z' {
			if i-j == 4 && isDigit(c) && i+3 == len(t) {
				continue // 1937-38: EDTF-like, refused with a hint in ParseText
			}
			if r, size := utf8.DecodeRuneInString(t[i+1:]); strings.ContainsRune("ехex", r) && (i+1+size == len(t) || t[i+1+size] == ' ') {
				continue // 1940-е, 1940-х: a decade
			}
			return lo + i, 1
		}
	}
	return -1, 0
}

// readPart reads one date of a printed phrase in s[lo:hi].
func readPart(s string, lo, hi int, defEra *era) (part, error) {
	if v, err := Parse(s[lo:hi]); err == nil && !v.interval && !v.set {
		return part{d: v.start, edtf: true, hasYear: true, hasMonth: v.start.month > 0 || v.start.monthX,
			hasDay: v.start.day > 0 || v.start.dayX, lo: lo, hi: hi, yearOff: lo}, nil
	}
	var p part
	var err error
	if hasJapanese(s[lo:hi]) {
		p, err = parseJapanese(s, lo, hi, defEra)
	} else {
		p, err = wordsDate(s, lo, hi)
	}
	p.lo, p.hi = lo, hi
	return p, err
}

// phraseValue makes the Value of a phrase with one date.
func phraseValue(s string, shape int, p part) (Value, error) {
	if p.lone > 0 {
		return Value{}, printedErr(s, p.dayOff, "a number alone (%d) is neither a day, which needs a month, nor a year, which is written with four digits", p.lone)
	}
	if !p.hasYear && !p.edtf {
		return Value{}, printedErr(s, p.hi, "missing year; write it (13 June 1938), or the date in EDTF (1938-06-13)")
	}
	if err := p.check(s); err != nil {
		return Value{}, err
	}
	if p.sub.n > 0 {
		if shape != shapeDate {
			return Value{}, printedErr(s, p.lo, "a vague date (early, late …) cannot be the end of a phrase; write the EDTF, such as %s", p.subSet())
		}
		return p.subSet(), nil
	}
	d := p.d
	switch shape {
	case shapeWithin:
		// A span that began and ended within one year, month or day
		// (a tenure of 1932 alone): the interval D/D.
		if d.qual != 0 || d.time != "" {
			return Value{}, printedErr(s, p.lo, "within takes a plain date; write the interval in EDTF, such as 1932/1932")
		}
		return Value{start: d, end: d, interval: true}, nil
	case shapeFrom:
		return Value{start: d, end: date{kind: kindUnknown}, interval: true}, nil
	case shapeUntil:
		return Value{start: date{kind: kindUnknown}, end: d, interval: true}, nil
	case shapeBefore, shapeAfter, shapeByEnd, shapeNotBefore:
		if d.qual != 0 {
			return Value{}, printedErr(s, p.lo, "a qualified date cannot be a limit; write the limit plainly, such as [..1939]")
		}
		if d.time != "" {
			return Value{}, printedErr(s, p.lo, "a limit is a date without a time of day")
		}
		switch shape {
		case shapeBefore:
			return Value{start: date{kind: kindOpen}, end: step(d, -1), set: true}, nil
		case shapeAfter:
			return Value{start: step(d, +1), end: date{kind: kindOpen}, set: true}, nil
		case shapeByEnd:
			return Value{start: date{kind: kindOpen}, end: seasonMonth(d, true), set: true}, nil
		}
		return Value{start: seasonMonth(d, false), end: date{kind: kindOpen}, set: true}, nil
	}
	return Value{start: d}, nil
}

// step returns the year, month or day before (k = -1) or after (k = +1) d
// at d's precision (a season's neighbour is a month); unspecified digits are
// dropped: the year before 194X is 1939, the year after it 1950.
func step(d date, k int) date {
	e := date{kind: kindDate, year: d.year, month: d.month, day: d.day}
	if d.ux > 0 || d.monthX {
		e.month, e.day = 0, 0
		if k > 0 {
			span := int64(1)
			for range d.ux {
				span *= 10
			}
			e.year += span
		} else {
			e.year--
		}
		if d.monthX {
			e.year = d.year + int64(k)
		}
		return e
	}
	if d.dayX {
		e.day = 0
	}
	switch {
	case e.day > 0:
		lo, hi := e.bounds()
		var t Day
		if k < 0 {
			t = prevDay(lo)
		} else {
			t = nextDay(hi)
		}
		e.year, e.month, e.day = int64(t.Year()), int8(t.Month()), int8(t.Dom())
	case e.month >= 21:
		// The month before or after the season: before spring 1941 is
		// [..1941-02], after winter 1941 is [1942-03..].
		lo, hi := e.bounds()
		t := lo
		if k > 0 {
			t = hi
		}
		e.year, e.month = int64(t.Year()), int8(t.Month())
		return step(e, k)
	case e.month > 0:
		m := int(e.month) - 1 + k
		e.year += int64(floorDiv(m, 12))
		e.month = int8(1 + (m%12+12)%12)
	default:
		e.year += int64(k)
	}
	return e
}

// seasonMonth returns d, or for a season its first (last = false) or last
// month, for the end of a set: by spring 1941 is [..1941-05].
func seasonMonth(d date, last bool) date {
	if d.month < 21 {
		return d
	}
	lo, hi := d.bounds()
	t := lo
	if last {
		t = hi
	}
	d.year, d.month = int64(t.Year()), int8(t.Month())
	return d
}

func floorDiv(a, b int) int {
	q := a / b
	if a%b != 0 && (a < 0) != (b < 0) {
		q--
	}
	return q
}

func prevDay(d Day) Day {
	y, m, dd := int64(d.Year()), d.Month(), d.Dom()
	if dd > 1 {
		return dayOf(y, m, dd-1)
	}
	if m > 1 {
		return dayOf(y, m-1, daysIn(y, m-1))
	}
	return dayOf(y-1, 12, 31)
}

func nextDay(d Day) Day {
	y, m, dd := int64(d.Year()), d.Month(), d.Dom()
	if dd < daysIn(y, m) {
		return dayOf(y, m, dd+1)
	}
	if m < 12 {
		return dayOf(y, m+1, 1)
	}
	return dayOf(y+1, 1, 1)
}

// subSet returns the set of the part's third or half: [1938-01..1938-04].
func (p *part) subSet() Value {
	d := p.d
	d.qual = 0
	a, b := d, d
	n, i := int(p.sub.n), int(p.sub.i)
	if d.month == 0 {
		a.month, b.month = int8(1+12*i/n), int8(12*(i+1)/n)
	} else {
		dim := daysIn(d.year, int(d.month))
		switch {
		case n == 2 && i == 0:
			a.day, b.day = 1, 15
		case n == 2:
			a.day, b.day = 16, int8(dim)
		case i == 2:
			a.day, b.day = 21, int8(dim)
		default:
			a.day, b.day = int8(1+10*i), int8(10*(i+1))
		}
	}
	return Value{start: a, end: b, set: true}
}

// check validates a part that has its year and month: the day lies in the
// month, the year is 1000 or later, the sub-part fits.
func (p *part) check(s string) error {
	d := p.d
	if p.edtf {
		if p.sub.n > 0 {
			return printedErr(s, p.lo, "early, late … apply to a year or a month written out, not to EDTF")
		}
		return nil
	}
	if p.bc {
		return printedErr(s, p.yearOff, "%d BC is before 1000; a year before 1000 is written in EDTF: %s", 1-d.year, Value{start: d})
	}
	if d.year > 9999 {
		return printedErr(s, p.yearOff, "year %d out of range 1000–9999; a later year is written in EDTF, without month or day: Y%d", d.year, d.year)
	}
	if d.year < 1000 {
		hint := ""
		if p.era == nil && p.lone == 0 && strings.ContainsRune(s[p.lo:p.hi], '年') {
			hint = " or name the era (昭和11年)"
		}
		return printedErr(s, p.yearOff, "year %d is before 1000; a year before 1000 is written in EDTF (%s)%s; a year after it with four digits", d.year, Value{start: date{kind: kindDate, year: d.year}}, hint)
	}
	if d.day > 0 {
		if d.month == 0 {
			return printedErr(s, p.dayOff, "a day needs a month name: 13 June 1938")
		}
		if d.month >= 21 {
			return printedErr(s, p.dayOff, "a season has no day")
		}
		if dim := daysIn(d.year, int(d.month)); int(d.day) > dim {
			return printedErr(s, p.dayOff, "day %d out of range 1–%d for %s %d", d.day, dim, monthName(int(d.month)), d.year)
		}
	}
	if p.weekday > 0 {
		if d.day == 0 {
			return printedErr(s, p.weekdayOff, "a day of the week needs a date with its day")
		}
		if got := time.Date(int(d.year), time.Month(d.month), int(d.day), 12, 0, 0, 0, time.UTC).Weekday(); int(got)+1 != p.weekday {
			return printedErr(s, p.weekdayOff, "%s was a %s, not a %s; check the date", Value{start: date{kind: kindDate, year: d.year, month: d.month, day: d.day}}, got, time.Weekday(p.weekday-1))
		}
	}
	if p.sub.n > 0 {
		switch {
		case d.day > 0:
			return printedErr(s, p.lo, "early, mid, late apply to a year or a month, not to a day")
		case d.month >= 21:
			return printedErr(s, p.lo, "early, mid, late apply to a year or a month, not to a season; write the season (%s) or the months as a set ([%d-03..%d-04])", Value{start: d}, d.year, d.year)
		case d.ux > 0:
			return printedErr(s, p.lo, "early, mid, late of a decade cannot be written in EDTF level 1; write the years, such as [%d..%d]", d.year, d.year+3)
		case d.qual != 0:
			return printedErr(s, p.lo, "early, mid, late already say the date is vague; drop c. or ?")
		}
	}
	return nil
}

// joinRange completes the ends of a printed range from each other and
// returns them: 11–16 May 1939, May 11–Sept 16, 1939, 1939年5月11日～9月16日.
func joinRange(s string, a, b *part) (date, date, error) {
	// EDTF intervals join dates only: "1–1000-01-01T00:00:00" is no range.
	for _, p := range []*part{a, b} {
		if p.d.time != "" {
			return date{}, date{}, printedErr(s, p.lo, "a time of day is not allowed in a range; give the dates only")
		}
	}
	// 1937–38: a year abbreviated after a full one.
	if b.lone > 0 && a.complete() && !a.hasMonth && a.sub.n == 0 {
		y := a.d.year/100*100 + int64(b.lone)
		if b.hi-b.lo != 2 || y <= a.d.year {
			return date{}, date{}, printedErr(s, b.dayOff, "%s is not a year after %d; write both years in full: %d/%d", s[b.lo:b.hi], a.d.year, a.d.year, a.d.year+1)
		}
		b.d.year, b.hasYear, b.lone, b.yearOff = y, true, 0, b.dayOff
	}
	if a.lone > 0 {
		a.d.day, a.hasDay, a.lone = int8(min(a.lone, 99)), true, 0
		if a.d.day > 31 {
			return date{}, date{}, printedErr(s, a.dayOff, "%d is not a day; write years with four digits", a.lone)
		}
	}
	if b.lone > 0 {
		b.d.day, b.hasDay, b.lone = int8(min(b.lone, 99)), true, 0
		if b.d.day > 31 {
			return date{}, date{}, printedErr(s, b.dayOff, "%d is not a day; write years with four digits", b.d.day)
		}
	}
	if a.sub.n > 0 || b.sub.n > 0 {
		return date{}, date{}, vagueRange(s, a, b)
	}
	// A day alone takes the month of the other end: 11–16 May 1939,
	// May 11–16, 1939, 5月11日～16日.
	hasMonth := func(p *part) bool { return p.hasMonth && p.d.month <= 12 && !p.d.monthX }
	if a.hasDay && !a.hasMonth {
		if !hasMonth(b) || b.hasDay && !b.hasYear {
			return date{}, date{}, printedErr(s, a.dayOff, "a day needs a month: 11–16 May 1939")
		}
		a.d.month, a.hasMonth = b.d.month, true
	}
	if b.hasDay && !b.hasMonth {
		if !hasMonth(a) {
			return date{}, date{}, printedErr(s, b.dayOff, "a day needs a month: May 11–16, 1939")
		}
		b.d.month, b.hasMonth = a.d.month, true
	}
	// A missing year is the other end's.
	inherited, startHadYear := false, a.complete()
	switch {
	case !a.complete() && !b.complete():
		return date{}, date{}, printedErr(s, b.hi, "missing year: neither end of the range has one")
	case !a.complete():
		if !b.hasMonth {
			// May – 1940: May of which year?
			return date{}, date{}, printedErr(s, a.lo, "the start of the range has no year and its end no month to share it with; write the start's year")
		}
		a.d.year, a.hasYear, a.yearOff, a.era = b.d.year, true, b.yearOff, b.era
		inherited = true
	case !b.complete():
		b.d.year, b.hasYear, b.yearOff, b.era = a.d.year, true, a.yearOff, a.era
		inherited = true
	}
	if err := a.check(s); err != nil {
		return date{}, date{}, err
	}
	if err := b.check(s); err != nil {
		return date{}, date{}, err
	}
	if a.era != nil && !a.edtf {
		if err := checkEraDate(s, a); err != nil {
			return date{}, date{}, err
		}
	}
	if b.era != nil && !b.edtf {
		if err := checkEraDate(s, b); err != nil {
			return date{}, date{}, err
		}
	}
	alo, _ := a.d.bounds()
	_, bhi := b.d.bounds()
	if alo > bhi {
		if inherited {
			// The end of 11 December – 3 January 1940 is in 1940; the start
			// of 16 September 1939 – 11 May in 1939.
			x, y := Value{start: a.d}, Value{start: b.d}
			fx, fy := x.withYear(a.d.year-1), y
			if startHadYear {
				fx, fy = x, y.withYear(b.d.year+1)
			}
			return date{}, date{}, printedErr(s, b.lo, "range ends before it starts once its ends share the year: %s is after %s; if it crosses a year end write both years, as %s/%s",
				x, y, fx, fy)
		}
		return date{}, date{}, printedErr(s, b.lo, "range ends before it starts: %s is after %s; swap the ends", s[a.lo:a.hi], s[b.lo:b.hi])
	}
	if spaced := strings.HasPrefix(s[a.hi:], " "); a.approxWord && b.d.qual&qualApproximate == 0 && (inherited || !spaced) {
		// c. 1926–1929, c. 11–16 May 1939: about the start, or about both
		// ends? (c. 1926 – 1929, with spaces and a whole start, is about
		// the start, as Human writes it.)
		both := b.d
		both.qual |= qualApproximate
		return date{}, date{}, printedErr(s, a.lo, "%q before a range may qualify its start or the whole range; write %s (the start) or %s (both ends)",
			firstWord(s[a.lo:a.hi]), Value{start: a.d, end: b.d, interval: true}, Value{start: a.d, end: both, interval: true})
	}
	return a.d, b.d, nil
}

// withYear returns v with its (single) date's year set to y.
func (v Value) withYear(y int64) Value {
	v.start.year = y
	return v
}

// vagueRange is the error for a range with a vague end.
func vagueRange(s string, a, b *part) error {
	lo, hi := a.d, b.d
	if a.sub.n > 0 {
		lo = a.subSet().start
	}
	if b.sub.n > 0 {
		hi = b.subSet().end
	}
	if !a.complete() || !b.complete() {
		return printedErr(s, a.lo, "a range with a vague end (early, late …) cannot be written in EDTF; write the span it names as an interval (such as 1939-05-21/1939-06-10) or one day in it as a set ([1939-05-21..1939-06-10])")
	}
	iv := Value{start: lo, end: hi, interval: true}
	set := Value{start: lo, end: hi, set: true}
	return printedErr(s, a.lo, "a range with a vague end (early, late …) cannot be written in EDTF; write the span it names as an interval, %s, or one day in it as a set, %s", iv, set)
}

// checkEraDate checks that a Japanese date whose year or month came from
// the other end of a range lies in its era.
func checkEraDate(s string, p *part) error {
	if !p.hasMonth || p.d.month >= 21 {
		return nil
	}
	return checkEra(s, p.lo, p.era, p.d.year-p.era.first+1, p.d)
}
