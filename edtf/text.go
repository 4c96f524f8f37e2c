package edtf

import (
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"
)

// ParseText reads a date as sources write it and returns it as an EDTF
// Value. It accepts any EDTF string (as Parse, ignoring surrounding space)
// and also:
//
//   - Japanese dates with an era, 明治 大正 昭和 平成 令和, or in Gregorian
//     years: 昭和十六年七月二日, 昭和16年7月, 大正11年, 昭和元年, 1941年7月2日,
//     with ASCII, full-width (１６) or kanji numerals (十六, 二十, 三十一,
//     一九四一). The era boundaries are checked: 昭和 began on 1926-12-25, so
//     昭和元年12月25日 is a date and 昭和元年12月1日 is an error. Before
//     明治6年 (1873) Japan used the lunisolar calendar: 明治1–5 are accepted as
//     years only. A season (昭和16年春), 頃 (approximate) and ？ (uncertain)
//     may follow.
//   - English: "13 June 1938", "June 13, 1938", "June 1938", "Jun. 1938",
//     "spring 1941", "c. 1932", "circa 1932", "ca. 1932" (approximate),
//     "1938?" (uncertain), "44 BC", "AD 1066".
//   - Russian: "13 июня 1938 г.", "июнь 1938 г.", "в июне 1938 года",
//     "весна 1941", "весной 1941 г.", "около 1932 г.", "13.06.1938",
//     "44 г. до н. э.".
//   - A winter across two years, "winter 1941/42" or "зима 1941/42 гг.", is
//     the winter season of the first year (1941-24).
//   - Ranges of any of these joined by an en dash, em dash, 〜 or " - ", or
//     two years joined by a hyphen: "1937–1938", "1937–1938 гг.",
//     "昭和12年〜13年".
//
// Years written in words must lie in 0–9999. On failure it returns a
// *SyntaxError whose Offset is into s.
func ParseText(s string) (Value, error) {
	lo, hi := trimSpace(s)
	if lo == hi {
		return Value{}, &SyntaxError{Input: s, Offset: lo, Msg: "empty date"}
	}
	t := s[lo:hi]
	v, err := Parse(t)
	if err == nil {
		return v, nil
	}
	edtfErr := err.(*SyntaxError)
	v, err = parseText(s, lo, hi)
	if err == nil {
		return v, nil
	}
	if strings.Trim(t, "0123456789-/.XYTZES?~%:+[]{},^") == "" {
		// It is written like EDTF, so the EDTF error is the useful one,
		// unless it is a numeric date such as 13.06.1938.
		if _, _, _, ok := dotted(t); !ok {
			return Value{}, &SyntaxError{Input: s, Offset: lo + edtfErr.Offset, Msg: edtfErr.Msg}
		}
	}
	return Value{}, err
}

func trimSpace(s string) (lo, hi int) {
	lo, hi = 0, len(s)
	for lo < hi {
		r, n := utf8.DecodeRuneInString(s[lo:])
		if !unicode.IsSpace(r) {
			break
		}
		lo += n
	}
	for hi > lo {
		r, n := utf8.DecodeLastRuneInString(s[lo:hi])
		if !unicode.IsSpace(r) {
			break
		}
		hi -= n
	}
	return lo, hi
}

// rangeSeps separate the ends of a range; " - " and a bare hyphen between
// two years are handled apart.
var rangeSeps = []string{"–", "—", "〜", "～", " - ", "から"}

// parseText parses s[lo:hi] as a single date or a range.
func parseText(s string, lo, hi int) (Value, error) {
	t := s[lo:hi]
	// A plural suffix ("1937–1938 гг.") belongs to the whole range.
	for _, suf := range []string{" гг.", " гг", "гг."} {
		if strings.HasSuffix(t, suf) {
			hi -= len(suf)
			_, hi = trimSpace(s[:hi])
			t = s[lo:hi]
			break
		}
	}
	sep, at := "", -1
	for _, x := range rangeSeps {
		if i := strings.Index(t, x); i >= 0 && (at < 0 || i < at) {
			sep, at = x, i
		}
	}
	if at < 0 && len(t) == 9 && t[4] == '-' && strings.Trim(t[:4]+t[5:], "0123456789") == "" {
		sep, at = "-", 4 // 1937-1938
	}
	if at < 0 {
		d, _, err := textDate(s, lo, hi, nil)
		if err != nil {
			return Value{}, err
		}
		return Value{start: d}, nil
	}
	a0, a1 := trimSpace(s[:lo+at])
	b0, b1 := trimSpace(s[lo+at+len(sep) : hi])
	b0 += lo + at + len(sep)
	b1 += lo + at + len(sep)
	a0 = max(a0, lo)
	if a0 >= a1 || b0 >= b1 {
		return Value{}, &SyntaxError{Input: s, Offset: lo + at, Msg: "a range needs a date on both sides of " + fmt.Sprintf("%q", sep)}
	}
	a, e, err := textDate(s, a0, a1, nil)
	if err != nil {
		return Value{}, err
	}
	b, _, err := textDate(s, b0, b1, e)
	if err != nil {
		return Value{}, err
	}
	if alo, _ := a.bounds(); func() bool { _, bhi := b.bounds(); return alo > bhi }() {
		return Value{}, &SyntaxError{Input: s, Offset: b0, Msg: fmt.Sprintf("range ends before it starts: %s is after %s; swap the ends", s[a0:a1], s[b0:b1])}
	}
	return Value{start: a, end: b, interval: true}, nil
}

// textDate parses one date in s[lo:hi]: EDTF, Japanese, or words.
func textDate(s string, lo, hi int, defEra *era) (date, *era, error) {
	if v, err := Parse(s[lo:hi]); err == nil && !v.interval {
		return v.start, nil, nil
	}
	if hasJapanese(s[lo:hi]) {
		return parseJapanese(s, lo, hi, defEra)
	}
	d, err := wordsDate(s, lo, hi)
	return d, nil, err
}

type token struct {
	text string // lower case
	off  int
}

// tokens splits s[lo:hi] at spaces and commas.
func tokens(s string, lo, hi int) []token {
	var ts []token
	start := -1
	for i, r := range s[lo:hi] {
		sep := unicode.IsSpace(r) || r == ','
		switch {
		case sep && start >= 0:
			ts = append(ts, token{strings.ToLower(s[start : lo+i]), start})
			start = -1
		case !sep && start < 0:
			start = lo + i
		}
	}
	if start >= 0 {
		ts = append(ts, token{strings.ToLower(s[start:hi]), start})
	}
	return ts
}

var monthWords = map[string]int{}

func init() {
	add := func(m int, words ...string) {
		for _, w := range words {
			monthWords[w] = m
		}
	}
	add(1, "january", "jan", "январь", "января", "январе", "янв")
	add(2, "february", "feb", "февраль", "февраля", "феврале", "фев", "февр")
	add(3, "march", "mar", "март", "марта", "марте", "мар")
	add(4, "april", "apr", "апрель", "апреля", "апреле", "апр")
	add(5, "may", "май", "мая", "мае")
	add(6, "june", "jun", "июнь", "июня", "июне", "июн")
	add(7, "july", "jul", "июль", "июля", "июле", "июл")
	add(8, "august", "aug", "август", "августа", "августе", "авг")
	add(9, "september", "sep", "sept", "сентябрь", "сентября", "сентябре", "сен", "сент")
	add(10, "october", "oct", "октябрь", "октября", "октябре", "окт")
	add(11, "november", "nov", "ноябрь", "ноября", "ноябре", "ноя", "нояб")
	add(12, "december", "dec", "декабрь", "декабря", "декабре", "дек")
}

var seasonWords = map[string]int8{
	"spring": 21, "summer": 22, "autumn": 23, "fall": 23, "winter": 24,
	"весна": 21, "весной": 21, "весны": 21, "весну": 21,
	"лето": 22, "летом": 22, "лета": 22,
	"осень": 23, "осенью": 23, "осени": 23,
	"зима": 24, "зимой": 24, "зимы": 24, "зиму": 24,
}

var (
	approxWords = map[string]bool{
		"c.": true, "c": true, "ca.": true, "ca": true, "circa": true, "about": true, "around": true,
		"approximately": true, "approx.": true, "около": true, "ок.": true, "примерно": true, "приблизительно": true,
	}
	fillerWords = map[string]bool{"in": true, "of": true, "the": true, "on": true, "в": true, "во": true}
	yearWords   = map[string]bool{"г.": true, "г": true, "года": true, "году": true, "год": true}
	bcWords     = map[string]bool{"bc": true, "b.c.": true, "bce": true, "b.c.e.": true, "до": true}
	adWords     = map[string]bool{"ad": true, "a.d.": true, "ce": true, "c.e.": true, "н.э.": true, "н.": true, "э.": true}
)

// wordsDate parses an English or Russian date in s[lo:hi].
func wordsDate(s string, lo, hi int) (date, error) {
	fail := func(off int, format string, args ...any) (date, error) {
		return date{}, &SyntaxError{Input: s, Offset: off, Msg: fmt.Sprintf(format, args...)}
	}
	d := date{kind: kindDate}
	bc := false
	var ts []token
	for _, t := range tokens(s, lo, hi) {
		// A trailing ? marks the whole date uncertain.
		if strings.HasSuffix(t.text, "?") {
			d.qual |= qualUncertain
			t.text = strings.TrimRight(t.text, "?")
			if t.text == "" {
				continue
			}
		}
		switch {
		case approxWords[t.text]:
			d.qual |= qualApproximate
			continue
		case fillerWords[t.text], yearWords[t.text], adWords[t.text]:
			continue
		case bcWords[t.text]:
			bc = true
			continue
		}
		// 1938г. and 1938г
		if n := strings.TrimSuffix(strings.TrimSuffix(t.text, "."), "г"); n != t.text && n != "" && isNumber(n) {
			t.text = n
		}
		ts = append(ts, t)
	}
	if len(ts) == 0 {
		return fail(lo, "no date found; expected a day, a month name (English or Russian), a season or a year")
	}

	var day, year *token
	monthSeen := false
	for i := range ts {
		t := &ts[i]
		w := strings.TrimSuffix(t.text, ".")
		if m, ok := monthWords[w]; ok && !monthSeen && d.month == 0 {
			d.month, monthSeen = int8(m), true
			continue
		}
		if sn, ok := seasonWords[t.text]; ok && d.month == 0 && day == nil {
			d.month = sn
			continue
		}
		if dd, mm, yy, ok := dotted(t.text); ok {
			if len(ts) != 1 {
				return fail(t.off, "a numeric date %q stands alone", t.text)
			}
			if mm < 1 || mm > 12 {
				return fail(t.off+strings.IndexByte(t.text, '.')+1, "month %d out of range 1–12; write numeric dates as DD.MM.YYYY", mm)
			}
			if dd < 1 {
				return fail(t.off, "day %d out of range 1–31", dd)
			}
			d.day, d.month = int8(dd), int8(mm)
			t.text = yy
			year = t
			continue
		}
		if first, ok := yearPair(t.text); first != "" {
			// зима 1941/42, winter 1941/42: the winter that begins in 1941.
			if !ok {
				return fail(t.off, "the years in %s are not consecutive; a winter spans two consecutive years (1941/42)", t.text)
			}
			if d.month != 24 || year != nil {
				return fail(t.off, "a double year (%s) is read only after a winter, as in winter 1941/42; write a range as 1941–1942", t.text)
			}
			t.text = first
			year = t
			continue
		}
		n := strings.TrimRight(t.text, "stndrh") // ordinals: 1st 2nd 3rd 13th
		if isNumber(t.text) || (n != t.text && isNumber(n) && len(n) <= 2) {
			// The last number is the year; a number before it is the day.
			if year != nil {
				if day != nil {
					return fail(t.off, "too many numbers; expected a day and a year")
				}
				day = year
			}
			if n != t.text && isNumber(n) {
				t.text = n
			}
			year = t
			continue
		}
		return fail(t.off, "unrecognized %q; expected a day, a month name (English or Russian), a season or a year", firstWord(s[t.off:hi]))
	}
	if year == nil {
		return fail(hi, "missing year")
	}
	if len(year.text) > 4 {
		return fail(year.off, "year %s out of range 0–9999; write long years in EDTF (Y%s)", year.text, year.text)
	}
	if day != nil && (len(day.text) > 2 || atoi(day.text) < 1) {
		return fail(day.off, "day %s out of range 1–31", day.text)
	}
	y := int64(atoi(year.text))
	if bc {
		if y == 0 {
			return fail(year.off, "there is no year 0 BC; 1 BC is followed by AD 1")
		}
		y = 1 - y // astronomical numbering: 1 BC is year 0
	}
	d.year = y
	if d.month == 0 && day != nil {
		return fail(day.off, "a day needs a month name: 13 June 1938")
	}
	if day != nil {
		if d.month >= 21 {
			return fail(day.off, "a season has no day")
		}
		d.day = int8(atoi(day.text))
	}
	if d.day != 0 {
		if d.month < 1 || d.month > 12 {
			return fail(year.off, "month %d out of range 1–12", d.month)
		}
		if dim := daysIn(d.year, int(d.month)); int(d.day) > dim || d.day < 1 {
			off := year.off
			if day != nil {
				off = day.off
			}
			return fail(off, "day %d out of range 1–%d for %s %d", d.day, dim, monthName(int(d.month)), y)
		}
	} else if d.month > 12 && d.month < 21 || d.month < 0 {
		return fail(year.off, "month %d out of range 1–12", d.month)
	}
	return d, nil
}

// yearPair reads YYYY/YY or YYYY/YYYY and returns the first year; ok
// reports whether the years are consecutive.
func yearPair(s string) (string, bool) {
	a, b, ok := strings.Cut(s, "/")
	if !ok || len(a) != 4 || !isNumber(a) || !isNumber(b) || (len(b) != 2 && len(b) != 4) {
		return "", false
	}
	next := atoi(a) + 1
	if len(b) == 2 {
		next %= 100
	}
	return a, atoi(b) == next
}

// dotted reads DD.MM.YYYY.
func dotted(s string) (day, month int, year string, ok bool) {
	p := strings.Split(s, ".")
	if len(p) != 3 || len(p[0]) < 1 || len(p[0]) > 2 || len(p[1]) < 1 || len(p[1]) > 2 || len(p[2]) < 1 ||
		!isNumber(p[0]) || !isNumber(p[1]) || !isNumber(p[2]) {
		return 0, 0, "", false
	}
	return atoi(p[0]), atoi(p[1]), p[2], true
}

func isNumber(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		if !isDigit(s[i]) {
			return false
		}
	}
	return true
}

// atoi converts a short string of ASCII digits.
func atoi(s string) int {
	n := 0
	for i := 0; i < len(s) && i < 9; i++ {
		n = n*10 + int(s[i]-'0')
	}
	return n
}

func firstWord(s string) string {
	for i, r := range s {
		if unicode.IsSpace(r) || r == ',' {
			return s[:i]
		}
	}
	return s
}

var englishMonths = [...]string{"January", "February", "March", "April", "May", "June",
	"July", "August", "September", "October", "November", "December"}

func monthName(m int) string {
	if m >= 1 && m <= 12 {
		return englishMonths[m-1]
	}
	return fmt.Sprint(m)
}
