package edtf

import (
	"fmt"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"
)

// ParseText reads a date as sources print it and returns it as an EDTF
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
//     "spring 1941", "the 1940s", "c. 1932", "circa 1932", "ca. 1932"
//     (approximate), "1938?" (uncertain).
//   - Russian: "13 июня 1938 г.", "июнь 1938 г.", "в июне 1938 года",
//     "весна 1941", "весной 1941 г.", "около 1932 г.", "1940-е гг.",
//     "13.06.1938".
//   - A winter across two years, "winter 1941/42" or "зима 1941/42 гг.", is
//     the winter season of the first year (1941-24).
//   - Ranges of any of these joined by a dash, a wave dash (〜 ～), から, or a
//     hyphen after a number, whose start takes the month and year it lacks
//     from the end and whose end takes them from the start: "11–16 May
//     1939", "May 11–Sept 16, 1939", "1939年5月11日～9月16日", "1937–38",
//     "1937–1938 гг.", "昭和12年〜13年".
//   - Phrases: "from A to B", "с A по B", "AからBまで", "from D" (D/),
//     "until D" (/D), "before D", "after D", "between A and B", "early 1938",
//     "конец 1937 г.", "昭和十二年末" and others; the comment at the top of
//     printed.go gives the EDTF each is written as.
//
// What it cannot read with certainty is an error that says what to write
// instead: a year before 1000 outside EDTF (write 0938 or -0043), a
// two-digit year, a numeric date with slashes, a range whose ends are out of
// order once they share a year. On failure it returns a *SyntaxError whose
// Offset is into s.
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
	if a, b, y, ok := slashed(t); ok {
		return Value{}, &SyntaxError{Input: s, Offset: lo, Msg: fmt.Sprintf(
			"a numeric date with slashes may give the day or the month first; write it in EDTF: %s-%02d-%02d (day %d, month %d) or %s-%02d-%02d (month %d, day %d)",
			y, b, a, a, b, y, a, b, a, b)}
	}
	v, err = parsePrinted(s, lo, hi)
	if err == nil {
		return v, nil
	}
	if strings.Trim(t, "0123456789-/.XYTZES?~%:+[]{},^") == "" {
		// It is written like EDTF, so the EDTF error is the useful one,
		// unless it is a numeric date such as 13.06.1938.
		if _, _, _, ok := dotted(t); !ok {
			msg := edtfErr.Msg
			if len(t) == 7 && t[4] == '-' && isNumber(t[:4]) && isNumber(t[5:]) {
				msg += fmt.Sprintf("; for the years %s to %s%s write %s/%s%s", t[:4], t[:2], t[5:], t[:4], t[:2], t[5:])
			}
			return Value{}, &SyntaxError{Input: s, Offset: lo + edtfErr.Offset, Msg: msg}
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
	yearWords   = map[string]bool{"г.": true, "г": true, "года": true, "году": true, "год": true, "гг.": true, "гг": true}
	bcWords     = map[string]bool{"bc": true, "b.c.": true, "bce": true, "b.c.e.": true, "до": true}
	adWords     = map[string]bool{"ad": true, "a.d.": true, "ce": true, "c.e.": true, "н.э.": true, "н.": true, "э.": true}
	// subWords name a third of a year or month (early, mid, late).
	subWords = map[string]int8{
		"early": 0, "beginning": 0, "start": 0, "начало": 0, "начале": 0, "начала": 0,
		"mid": 1, "middle": 1, "середина": 1, "середине": 1, "середины": 1,
		"late": 2, "end": 2, "конец": 2, "конце": 2, "конца": 2,
	}
	// weekdayWords are days of the week, which are checked against the date.
	weekdayWords = map[string]time.Weekday{
		"sunday": time.Sunday, "sun": time.Sunday, "воскресенье": time.Sunday,
		"monday": time.Monday, "mon": time.Monday, "понедельник": time.Monday,
		"tuesday": time.Tuesday, "tue": time.Tuesday, "tues": time.Tuesday, "вторник": time.Tuesday,
		"wednesday": time.Wednesday, "wed": time.Wednesday, "среда": time.Wednesday,
		"thursday": time.Thursday, "thu": time.Thursday, "thur": time.Thursday, "thurs": time.Thursday, "четверг": time.Thursday,
		"friday": time.Friday, "fri": time.Friday, "пятница": time.Friday,
		"saturday": time.Saturday, "sat": time.Saturday, "суббота": time.Saturday,
	}
	halfWords    = map[string]bool{"half": true, "половина": true, "половине": true, "половины": true}
	ordinalWords = map[string]int8{"first": 0, "second": 1, "первая": 0, "первой": 0, "вторая": 1, "второй": 1}
)

// wordsDate reads an English or Russian date in s[lo:hi]. The result may
// lack a year or month (the start of a range: "11", "May 11"); a number of
// one or two digits is a day, of three or four a year.
func wordsDate(s string, lo, hi int) (part, error) {
	fail := func(off int, format string, args ...any) (part, error) {
		return part{}, &SyntaxError{Input: s, Offset: off, Msg: fmt.Sprintf(format, args...)}
	}
	p := part{d: date{kind: kindDate}, lo: lo, hi: hi}
	var ts []token
	all := tokens(s, lo, hi)
	for k := 0; k < len(all); k++ {
		t := all[k]
		// A trailing ? or (?) marks the whole date uncertain.
		if t.text == "(?)" {
			p.d.qual |= qualUncertain
			continue
		}
		if strings.HasSuffix(t.text, "?") {
			p.d.qual |= qualUncertain
			t.text = strings.TrimRight(t.text, "?")
			if t.text == "" {
				continue
			}
		}
		if rest, ok := strings.CutPrefix(t.text, "mid-"); ok && rest != "" {
			p.sub = sub{3, 1}
			t.text, t.off = rest, t.off+4
		}
		switch {
		case approxWords[t.text]:
			p.d.qual |= qualApproximate
			p.approxWord = len(ts) == 0
			continue
		case fillerWords[t.text], yearWords[t.text], adWords[t.text]:
			continue
		case bcWords[t.text]:
			p.bc = true
			continue
		}
		if wd, ok := weekdayWords[strings.TrimSuffix(t.text, ".")]; ok && p.weekday == 0 {
			p.weekday, p.weekdayOff = int(wd)+1, t.off
			continue
		}
		if i, ok := subWords[t.text]; ok && p.sub.n == 0 {
			p.sub = sub{3, i}
			continue
		}
		if i, ok := ordinalWords[t.text]; ok && k+1 < len(all) && halfWords[all[k+1].text] && p.sub.n == 0 {
			p.sub = sub{2, i}
			k++
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
	for i := range ts {
		t := &ts[i]
		w := strings.TrimSuffix(t.text, ".")
		if m, ok := monthWords[w]; ok && !p.hasMonth {
			p.d.month, p.hasMonth = int8(m), true
			continue
		}
		if sn, ok := seasonWords[t.text]; ok && !p.hasMonth && day == nil {
			p.d.month, p.hasMonth = sn, true
			continue
		}
		if dd, mm, yy, ok := dotted(t.text); ok {
			if len(ts) != 1 {
				return fail(t.off, "a numeric date %q stands alone", t.text)
			}
			if mm < 1 || mm > 12 {
				return fail(t.off+strings.IndexByte(t.text, '.')+1, "month %d out of range 1–12; write numeric dates as DD.MM.YYYY", mm)
			}
			if dd < 1 || dd > 31 {
				return fail(t.off, "day %d out of range 1–31", dd)
			}
			if len(yy) < 4 {
				return fail(t.off+len(t.text)-len(yy), "a year of %d digits (%s) is not read: write it in full (19%s) or in EDTF", len(yy), yy, yy)
			}
			p.d.day, p.d.month, p.hasDay, p.hasMonth = int8(dd), int8(mm), true, true
			t.text = yy
			year = t
			continue
		}
		if strings.Count(t.text, "/") == 2 && strings.Trim(t.text, "0123456789/") == "" {
			return fail(t.off, "a numeric date with slashes (%s) may put the day or the month first; write it in EDTF (YYYY-MM-DD)", t.text)
		}
		if strings.HasPrefix(t.text, "'") || strings.HasPrefix(t.text, "’") {
			return fail(t.off, "a two-digit year (%s) is not read; write the year with four digits", t.text)
		}
		if first, ok := yearPair(t.text); first != "" {
			// зима 1941/42, winter 1941/42: the winter that begins in 1941.
			if !ok {
				return fail(t.off, "the years in %s are not consecutive; a winter spans two consecutive years (1941/42)", t.text)
			}
			if p.d.month != 24 || year != nil {
				return fail(t.off, "a double year (%s) is read only after a winter, as in winter 1941/42; write a range as 1941–1942", t.text)
			}
			t.text = first
			year = t
			continue
		}
		// Decades: 1940s, 1940's, 1940-е, 1940-х.
		for _, suf := range []string{"s", "'s", "’s", "-е", "-х", "-x", "-e"} {
			if n, ok := strings.CutSuffix(t.text, suf); ok && len(n) == 4 && isNumber(n) && n[3] == '0' && year == nil {
				t.text = n
				p.d.ux = 1
				break
			}
		}
		n := strings.TrimRight(t.text, "stndrh") // ordinals: 1st 2nd 3rd 13th
		if isNumber(t.text) || (n != t.text && isNumber(n) && len(n) <= 2) {
			if n != t.text && isNumber(n) {
				t.text = n
			}
			switch {
			case len(t.text) > 4:
				return fail(t.off, "year %s out of range 1000–9999; write long years in EDTF (Y%s)", t.text, strings.TrimLeft(t.text, "0"))
			case len(t.text) >= 3, p.bc && day != nil && year == nil:
				if year != nil {
					return fail(t.off, "two years (%s, %s); write a range with a dash: 1937–1938", year.text, t.text)
				}
				year = t
			default:
				if day != nil {
					return fail(t.off, "two days (%s, %s); write a range with a dash: 11–16 May 1939", day.text, t.text)
				}
				if year != nil && !p.hasMonth && p.d.ux == 0 {
					return fail(t.off, "a day needs a month name: 13 June 1938")
				}
				day = t
			}
			if p.d.ux > 0 && t != year {
				return fail(t.off, "a decade has no day")
			}
			continue
		}
		return fail(t.off, "unrecognized %q; expected a day, a month name (English or Russian), a season or a year, or the date in EDTF (1938-06-13)", firstWord(s[t.off:hi]))
	}
	if p.bc && year == nil && day != nil {
		year, day = day, nil
	}
	if day != nil {
		p.dayOff = day.off
		switch {
		case !p.hasMonth && year == nil:
			p.lone = atoi(day.text)
			if p.lone == 0 {
				return fail(day.off, "day %s out of range 1–31", day.text)
			}
			return p, nil
		case !p.hasMonth:
			// May 11–16, 1939: the end takes the month of the start.
			n := atoi(day.text)
			if n < 1 || n > 31 {
				return fail(day.off, "day %s out of range 1–31", day.text)
			}
			p.d.day, p.hasDay = int8(n), true
		case p.d.month >= 21:
			return fail(day.off, "a season has no day")
		}
		if n := atoi(day.text); !p.hasDay {
			if n < 1 || n > 31 {
				if n > 31 && len(day.text) == 2 && year == nil {
					return fail(day.off, "%s is not a day; a year is written with four digits (19%s)", day.text, day.text)
				}
				return fail(day.off, "day %s out of range 1–31", day.text)
			}
			p.d.day, p.hasDay = int8(n), true
		}
	}
	if year == nil {
		if p.bc {
			return fail(hi, "missing year; write it (13 June 1938), or the date in EDTF (1938-06-13)")
		}
		if !p.hasMonth {
			return fail(hi, "missing year; write it (13 June 1938), or the date in EDTF (1938-06-13)")
		}
		return p, nil
	}
	p.yearOff = year.off
	y := int64(atoi(year.text))
	if p.bc {
		if y == 0 {
			return fail(year.off, "there is no year 0 BC; 1 BC is followed by AD 1")
		}
		y = 1 - y // astronomical numbering: 1 BC is year 0
	}
	p.d.year, p.hasYear = y, true
	if p.d.ux > 0 && p.hasMonth {
		return fail(year.off, "a decade has no month or season")
	}
	return p, nil
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

// slashed reads A/B/YYYY, with A and B one or two digits.
func slashed(s string) (a, b int, year string, ok bool) {
	p := strings.Split(s, "/")
	if len(p) != 3 || len(p[0]) < 1 || len(p[0]) > 2 || len(p[1]) < 1 || len(p[1]) > 2 || len(p[2]) != 4 ||
		!isNumber(p[0]) || !isNumber(p[1]) || !isNumber(p[2]) {
		return 0, 0, "", false
	}
	return atoi(p[0]), atoi(p[1]), p[2], true
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
