package edtf

import (
	"fmt"
	"strings"
	"unicode/utf8"
)

// era is a Japanese imperial era (元号). Year n of an era (n = 1 is 元年) is
// Gregorian year first+n-1.
type era struct {
	name       string
	first      int64 // Gregorian year of 元年
	start, end Day   // first and last day of the era (end MaxDay for the current era)
}

// eras lists the modern eras. Meiji is taken to begin with 1868 (the era
// name was applied retroactively to the whole lunisolar year); Japan used the
// lunisolar calendar until 明治5年12月2日, followed by 1873-01-01 (明治6年1月1日).
var eras = []era{
	{"明治", 1868, DayOf(1868, 1, 25), DayOf(1912, 7, 29)},
	{"大正", 1912, DayOf(1912, 7, 30), DayOf(1926, 12, 24)},
	{"昭和", 1926, DayOf(1926, 12, 25), DayOf(1989, 1, 7)},
	{"平成", 1989, DayOf(1989, 1, 8), DayOf(2019, 4, 30)},
	{"令和", 2019, DayOf(2019, 5, 1), MaxDay},
}

func (e *era) lastYear() int64 {
	if e.end == MaxDay {
		return 9999 - e.first + 1
	}
	return int64(e.end.Year()) - e.first + 1
}

// yearName writes year n of the era, as 昭和元年 or 昭和16年.
func (e *era) yearName(n int64) string {
	if n == 1 {
		return e.name + "元年"
	}
	return fmt.Sprintf("%s%d年", e.name, n)
}

// eraOf returns the era containing day d and the era year, or nil.
func eraOf(d Day) (*era, int64) {
	for i := range eras {
		e := &eras[i]
		if e.start <= d && d <= e.end {
			return e, int64(d.Year()) - e.first + 1
		}
	}
	return nil, 0
}

func hasJapanese(s string) bool {
	if strings.ContainsAny(s, "年月日") {
		return true
	}
	for _, e := range eras {
		if strings.Contains(s, e.name) {
			return true
		}
	}
	return false
}

// jscan reads Japanese date text rune by rune; offsets are into in.
type jscan struct {
	in   string // the text up to the end of the date
	full string // the whole input, for errors
	pos  int
}

func (j *jscan) peek() rune {
	r, _ := utf8.DecodeRuneInString(j.in[j.pos:])
	return r
}

func (j *jscan) eat(s string) bool {
	if strings.HasPrefix(j.in[j.pos:], s) {
		j.pos += len(s)
		return true
	}
	return false
}

func (j *jscan) space() {
	for j.pos < len(j.in) {
		r, n := utf8.DecodeRuneInString(j.in[j.pos:])
		if r != ' ' && r != '　' && r != '\t' {
			return
		}
		j.pos += n
	}
}

// digitValue returns the value of an ASCII, full-width or kanji digit.
func digitValue(r rune) (int, bool) {
	switch {
	case '0' <= r && r <= '9':
		return int(r - '0'), true
	case '０' <= r && r <= '９':
		return int(r - '０'), true
	}
	if i := strings.IndexRune("〇一二三四五六七八九", r); i >= 0 {
		return utf8.RuneCountInString("〇一二三四五六七八九"[:i]), true
	}
	if r == '零' {
		return 0, true
	}
	return 0, false
}

func kanjiUnit(r rune) int {
	switch r {
	case '十':
		return 10
	case '百':
		return 100
	case '千':
		return 1000
	}
	return 0
}

// number reads a number written with ASCII, full-width or kanji digits,
// positionally (1941, 一九四一) or with 十 百 千 (千九百四十一, 三十一). It reports
// ok=false if there is no number at the position.
func (j *jscan) number() (n int64, ok bool, err error) {
	start := j.pos
	var runes []rune
	for j.pos < len(j.in) {
		r, size := utf8.DecodeRuneInString(j.in[j.pos:])
		if _, d := digitValue(r); !d && kanjiUnit(r) == 0 {
			break
		}
		runes = append(runes, r)
		j.pos += size
	}
	if len(runes) == 0 {
		return 0, false, nil
	}
	if len(runes) > 8 {
		return 0, true, &SyntaxError{Input: j.full, Offset: start, Msg: "number too long"}
	}
	bad := func() (int64, bool, error) {
		return 0, true, &SyntaxError{Input: j.full, Offset: start,
			Msg: fmt.Sprintf("malformed number %q; write kanji numerals as 十六, 二十, 三十一 or 一九四一", j.in[start:j.pos])}
	}
	hasUnit := false
	for _, r := range runes {
		if kanjiUnit(r) > 0 {
			hasUnit = true
		}
	}
	if !hasUnit {
		for _, r := range runes {
			d, _ := digitValue(r)
			n = n*10 + int64(d)
		}
		return n, true, nil
	}
	cur, last := int64(-1), 10000
	for _, r := range runes {
		if u := kanjiUnit(r); u > 0 {
			if u >= last {
				return bad()
			}
			last = u
			if cur < 0 {
				cur = 1
			}
			n += cur * int64(u)
			cur = -1
			continue
		}
		if cur >= 0 || r < 0x80 || ('０' <= r && r <= '９') {
			return bad() // two digits in a row, or Arabic digits mixed with 十百千
		}
		dv, _ := digitValue(r)
		cur = int64(dv)
	}
	if cur >= 0 {
		n += cur
	}
	return n, true, nil
}

// jsubs are the Japanese words for a third or half of a year or month,
// longest first.
var jsubs = []struct {
	word string
	sub  sub
}{
	{"上半期", sub{2, 0}}, {"下半期", sub{2, 1}}, {"前半", sub{2, 0}}, {"後半", sub{2, 1}},
	{"上旬", sub{3, 0}}, {"初旬", sub{3, 0}}, {"中旬", sub{3, 1}}, {"下旬", sub{3, 2}},
	{"初め", sub{3, 0}}, {"始め", sub{3, 0}}, {"初頭", sub{3, 0}}, {"初", sub{3, 0}},
	{"中頃", sub{3, 1}}, {"半ば", sub{3, 1}}, {"末", sub{3, 2}}, {"暮れ", sub{3, 2}},
}

func (j *jscan) sub() (sub, bool) {
	for _, x := range jsubs {
		if j.eat(x.word) {
			return x.sub, true
		}
	}
	return sub{}, false
}

// parseJapanese parses a Japanese date in in[lo:hi]: an optional era (or
// 西暦), a year with 年, then optionally a month with 月 and a day with 日, or
// a season 春 夏 秋 冬, or a third or half (末, 初め, 上旬, 前半 …);
// optionally followed by 頃/ごろ (approximate) or ？/? (uncertain). The year
// (and month) may be missing at an end of a range (9月16日, 16日). If the
// text has no era and defEra is not nil, the year counts in defEra (for the
// end of a range such as 昭和12年〜13年).
func parseJapanese(in string, lo, hi int, defEra *era) (part, error) {
	j := &jscan{in: in[:hi], full: in, pos: lo}
	fail := func(off int, format string, args ...any) (part, error) {
		return part{}, &SyntaxError{Input: in, Offset: off, Msg: fmt.Sprintf(format, args...)}
	}
	p := part{d: date{kind: kindDate}, lo: lo, hi: hi}
	j.space()
	if j.eat("約") {
		p.d.qual |= qualApproximate
		j.space()
	}
	var e *era
	western := j.eat("西暦")
	if !western {
		e = j.eraName()
	}
	eraNamed := e != nil
	if e == nil && !western {
		e = defEra
	}
	j.space()
	if rest := j.in[j.pos:]; !eraNamed && !western && (strings.HasPrefix(rest, "同年") || strings.HasPrefix(rest, "同月")) {
		// 同年, 同月: the year or month of the other end of the range.
		j.eat("同年")
		j.space()
		j.eat("同月")
		j.space()
		numAt := j.pos
		n, ok, err := j.number()
		if err != nil {
			return part{}, err
		}
		if !ok {
			return fail(j.pos, "expected a month or a day after 同年 or 同月")
		}
		return japaneseMonthDay(j, in, p, numAt, n)
	}
	numAt := j.pos
	n, ok, err := j.yearNumber(e)
	if err != nil {
		return part{}, err
	}
	if !ok {
		return fail(j.pos, "expected a year number (1941, 一九四一, 十六, or 元 after an era name)")
	}
	j.space()
	afterNum := j.pos
	switch {
	case j.eat("年"):
	case !eraNamed && !western && (j.eat("月") || j.eat("日")):
		// The end (or start) of a range without its year: 9月16日, 16日.
		j.pos = afterNum
		return japaneseMonthDay(j, in, p, numAt, n)
	default:
		return fail(j.pos, "expected 年 after the year")
	}
	p.yearOff, p.hasYear = numAt, true
	if e == nil {
		if n > 9999 {
			return fail(numAt, "year %d out of range 1000–9999", n)
		}
		p.d.year = n
		if j.eat("代") {
			if n%10 != 0 {
				return fail(numAt, "a decade (年代) starts at a year ending in 0")
			}
			p.d.ux = 1
		}
	} else {
		if n == 0 {
			return fail(numAt, "there is no year 0 of %s; the first year is %s元年", e.name, e.name)
		}
		if e.end == MaxDay && n > e.lastYear() {
			return fail(numAt, "%s year %d is beyond 9999", e.yearName(n), e.first+n-1)
		}
		if n > e.lastYear() {
			hint := ""
			if next, nn := eraOf(dayOf(e.first+n-1, 12, 31)); next != nil {
				hint = fmt.Sprintf("; %d is %s", e.first+n-1, next.yearName(nn))
			}
			return fail(numAt, "%s ended in %s (%s)%s", e.name, e.yearName(e.lastYear()), e.end, hint)
		}
		p.d.year = e.first + n - 1
		p.era = e
	}
	j.space()
	// The same year in the other reckoning, in brackets, as Japanese
	// writing on the army gives it: 1939年(昭和14年)8月20日, or JACAR's
	// 昭和14年(1939年)9月15日. The two must agree.
	if j.eat("(") || j.eat("（") {
		if err := bracketYear(j, in, p.d.year); err != nil {
			return part{}, err
		}
		j.space()
	}

	// Month and day, a season, or a part of the year.
	monthAt := j.pos
	if x, ok := j.sub(); ok {
		p.sub = x
	} else if s := strings.IndexRune("春夏秋冬", j.peek()); s >= 0 && p.d.ux == 0 {
		_, size := utf8.DecodeRuneInString(j.in[j.pos:])
		j.pos += size
		p.d.month, p.hasMonth = int8(21+s/3), true
		if e != nil {
			lo, hi := p.d.bounds()
			if hi < e.start || lo > e.end {
				return fail(monthAt, "that season lies outside %s (%s to %s)", e.name, e.start, e.end)
			}
		}
	} else if m, ok, err := j.number(); err != nil {
		return part{}, err
	} else if ok {
		if p.d.ux > 0 {
			return fail(monthAt, "a decade has no month")
		}
		var err error
		p, err = japaneseMonthDay(j, in, p, monthAt, m)
		if err != nil {
			return part{}, err
		}
		if e != nil && e.name == "明治" && p.d.year < 1873 {
			return fail(monthAt, "%s (%d) used the lunisolar calendar, which is not converted here; give the year only (%s) or the Gregorian date",
				e.yearName(n), p.d.year, e.yearName(n))
		}
		if e != nil {
			if err := checkEra(in, monthAt, e, n, p.d); err != nil {
				return part{}, err
			}
		}
		return p, nil
	}
	return japaneseTail(j, in, p)
}

// eraName reads an era's name, if one comes next.
func (j *jscan) eraName() *era {
	for i := range eras {
		if j.eat(eras[i].name) {
			return &eras[i]
		}
	}
	return nil
}

// yearNumber reads a year's number: 元 (the first year) after an era
// name e, else digits or kanji numerals.
func (j *jscan) yearNumber(e *era) (int64, bool, error) {
	if e != nil && j.eat("元") {
		return 1, true, nil
	}
	return j.number()
}

// bracketYear reads the rest of a bracketed year, "昭和14年)" or
// "1939年)", after the opening bracket, and checks that it names year y.
func bracketYear(j *jscan, in string, y int64) error {
	fail := func(off int, format string, args ...any) error {
		return &SyntaxError{Input: in, Offset: off, Msg: fmt.Sprintf(format, args...)}
	}
	j.space()
	e := j.eraName()
	at := j.pos
	n, ok, err := j.yearNumber(e)
	if err != nil {
		return err
	}
	if !ok {
		return fail(j.pos, "expected the year in brackets (昭和14年 or 1939年)")
	}
	j.space()
	if !j.eat("年") {
		return fail(j.pos, "expected 年 after the year in brackets")
	}
	j.space()
	if !j.eat(")") && !j.eat("）") {
		return fail(j.pos, "expected ) to close the year in brackets")
	}
	got := n
	if e != nil {
		got = e.first + n - 1
	}
	if got != y {
		name := fmt.Sprint(y)
		if e2, n2 := eraOf(dayOf(y, 7, 1)); e2 != nil {
			name = fmt.Sprintf("%d, %s", y, e2.yearName(n2))
		}
		return fail(at, "the year in brackets is %d, not the year before it (%s): write one of them, or both for the same year", got, name)
	}
	return nil
}

// japaneseMonthDay reads 月 and 日 after the number n at numAt (already
// read; j.pos is after it) into p, then the tail.
func japaneseMonthDay(j *jscan, in string, p part, numAt int, n int64) (part, error) {
	fail := func(off int, format string, args ...any) (part, error) {
		return part{}, &SyntaxError{Input: in, Offset: off, Msg: fmt.Sprintf(format, args...)}
	}
	j.space()
	if j.eat("日") {
		if n < 1 || n > 31 {
			return fail(numAt, "day %d out of range 1–31", n)
		}
		p.d.day, p.hasDay, p.dayOff = int8(n), true, numAt
		return japaneseTail(j, in, p)
	}
	if !j.eat("月") {
		return fail(j.pos, "expected 月 after the month")
	}
	if n < 1 || n > 12 {
		return fail(numAt, "month %d out of range 1–12", n)
	}
	p.d.month, p.hasMonth = int8(n), true
	j.space()
	if x, ok := j.sub(); ok {
		p.sub = x
		return japaneseTail(j, in, p)
	}
	dayAt := j.pos
	if dd, ok, err := j.number(); err != nil {
		return part{}, err
	} else if ok {
		j.space()
		if !j.eat("日") {
			return fail(j.pos, "expected 日 after the day")
		}
		dim := 31
		if p.hasYear {
			dim = daysIn(p.d.year, int(n))
		}
		if dd < 1 || dd > int64(dim) {
			if p.hasYear {
				return fail(dayAt, "day %d out of range 1–%d for %d-%02d", dd, dim, p.d.year, n)
			}
			return fail(dayAt, "day %d out of range 1–31", dd)
		}
		p.d.day, p.hasDay, p.dayOff = int8(dd), true, dayAt
	}
	return japaneseTail(j, in, p)
}

// japaneseTail reads the day of the week (（月）, 月曜日), 頃 and ？ at the
// end of a Japanese date.
func japaneseTail(j *jscan, in string, p part) (part, error) {
	j.space()
	at := j.pos
	open := j.eat("（") || j.eat("(")
	if i := strings.IndexRune("日月火水木金土", j.peek()); i >= 0 && (open || strings.HasPrefix(j.in[j.pos+3:], "曜")) {
		j.pos += 3
		if !j.eat("曜日") {
			j.eat("曜")
		}
		if open && !j.eat("）") && !j.eat(")") {
			return part{}, &SyntaxError{Input: in, Offset: j.pos, Msg: "expected ） after the day of the week"}
		}
		p.weekday, p.weekdayOff = i/3+1, at
	} else {
		j.pos = at
	}
	j.space()
	switch {
	case j.eat("頃"), j.eat("ごろ"), j.eat("ころ"):
		p.d.qual |= qualApproximate
	}
	j.space()
	if j.eat("?") || j.eat("？") {
		p.d.qual |= qualUncertain
	}
	j.space()
	if j.pos < len(j.in) {
		return part{}, &SyntaxError{Input: in, Offset: j.pos, Msg: fmt.Sprintf("unexpected %q after the date", firstRune(j.in[j.pos:]))}
	}
	return p, nil
}

// checkEra reports an error if the month or day d, written as year n of era
// e, lies outside the era.
func checkEra(in string, off int, e *era, n int64, d date) error {
	lo, hi := d.bounds()
	if lo <= e.end && hi >= e.start {
		return nil
	}
	what := fmt.Sprintf("%s%d月", e.yearName(n), d.month)
	if d.day > 0 {
		what += fmt.Sprintf("%d日", d.day)
	}
	other, on := eraOf(lo)
	hint := ""
	if other != nil {
		hint = fmt.Sprintf("; %s is %s%d月", lo.String()[:len(lo.String())-3], other.yearName(on), d.month)
		if d.day > 0 {
			hint = fmt.Sprintf("; %s is %s%d月%d日", lo, other.yearName(on), d.month, d.day)
		}
	}
	if hi < e.start {
		return &SyntaxError{Input: in, Offset: off, Msg: fmt.Sprintf("%s is before %s began on %s (%d月%d日)%s",
			what, e.name, e.start, e.start.Month(), e.start.Dom(), hint)}
	}
	return &SyntaxError{Input: in, Offset: off, Msg: fmt.Sprintf("%s is after %s ended on %s%s", what, e.name, e.end, hint)}
}
