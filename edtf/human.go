package edtf

import (
	"strconv"
	"strings"
)

// Human returns v in words for readers, in English ("en"), Japanese ("ja")
// or Russian ("ru"; any other lang gives English), never as an EDTF code:
//
//	1919-23             autumn 1919          1919年秋              осень 1919 г.
//	1941-12~            c. December 1941     1941年12月頃          около декабря 1941 г.
//	1932?               1932?                1932年？              1932 г. (?)
//	194X                1940s                1940年代              1940-е гг.
//	1939-05-11/1939-05-16  11–16 May 1939    1939年5月11日～16日   11–16 мая 1939 г.
//	1926/               1926 – unknown       1926年～不明          1926 г. – неизвестно
//	1926/..             1926 – ongoing       1926年～（継続）      1926 г. – (продолжается)
//	/1945               unknown – 1945       不明～1945年          неизвестно – 1945 г.
//	../1945             until 1945           1945年まで            до 1945 г.
//	[..1939]            1939 or earlier      1939年以前            не позднее 1939 г.
//	[1941..]            1941 or later        1941年以後            не ранее 1941 г.
//	[1938-01..1938-04]  early 1938           1938年初め            начало 1938 г.
//	[1937..1939]        between 1937 and 1939  1937年～1939年の間  1937–1939 гг. (точная дата неизвестна)
//
// A set that is a third or half of a year or month (as ParseText writes
// "early 1938" or "昭和14年5月下旬") is named so again. Years before 1 are
// written BC, 紀元前, до н. э.; a time of day is kept as written. The zero
// Value gives "".
func (v Value) Human(lang string) string {
	h := human{lang: lang}
	if lang != "ja" && lang != "ru" {
		h.lang = "en"
	}
	switch {
	case v.IsZero():
		return ""
	case v.set:
		return h.set(v)
	case v.interval:
		return h.interval(v)
	}
	return h.date(v.start, false)
}

type human struct{ lang string }

var (
	ruMonthsNom = [...]string{"январь", "февраль", "март", "апрель", "май", "июнь", "июль", "август", "сентябрь", "октябрь", "ноябрь", "декабрь"}
	ruMonthsGen = [...]string{"января", "февраля", "марта", "апреля", "мая", "июня", "июля", "августа", "сентября", "октября", "ноября", "декабря"}
	enSeasons   = [...]string{"spring", "summer", "autumn", "winter"}
	jaSeasons   = [...]string{"春", "夏", "秋", "冬"}
	ruSeasonNom = [...]string{"весна", "лето", "осень", "зима"}
	ruSeasonGen = [...]string{"весны", "лета", "осени", "зимы"}
)

// date writes d with its qualifiers. gen asks for the Russian genitive (after
// с, до, около …).
func (h human) date(d date, gen bool) string {
	approx := d.qual&qualApproximate != 0
	unsure := d.qual&qualUncertain != 0
	if approx {
		gen = true
	}
	s := h.plain(d, gen, true)
	switch h.lang {
	case "ja":
		if approx {
			s += "頃"
		}
		if unsure {
			s += "？"
		}
	case "ru":
		if approx {
			s = "около " + s
		}
		if unsure {
			s += " (?)"
		}
	default:
		if approx {
			s = "c. " + s
		}
		if unsure {
			s += "?"
		}
	}
	return s
}

// plain writes d without qualifiers; withYear false leaves out the year (and
// the Russian г.), for the first date of a range within one year (English,
// Russian) or the second (Japanese).
func (h human) plain(d date, gen, withYear bool) string {
	y := h.year(d)
	month, day := int(d.month), int(d.day)
	if d.monthX || d.ux > 0 {
		month = 0
	}
	if d.dayX {
		day = 0
	}
	var s string
	switch h.lang {
	case "ja":
		switch {
		case !withYear:
		case d.ux > 0:
			s = y
		default:
			s = y + "年"
		}
		switch {
		case month >= 21:
			s += jaSeasons[month-21]
		case month > 0:
			s += strconv.Itoa(month) + "月"
			if day > 0 {
				s += strconv.Itoa(day) + "日"
			}
		}
	case "ru":
		switch {
		case month >= 21 && gen:
			s = ruSeasonGen[month-21] + " "
		case month >= 21:
			s = ruSeasonNom[month-21] + " "
		case month > 0 && day > 0:
			s = strconv.Itoa(day) + " " + ruMonthsGen[month-1] + " "
		case month > 0 && gen:
			s = ruMonthsGen[month-1] + " "
		case month > 0:
			s = ruMonthsNom[month-1] + " "
		}
		if withYear {
			s += y
		}
	default:
		switch {
		case month >= 21:
			s = enSeasons[month-21] + " "
		case month > 0 && day > 0:
			s = strconv.Itoa(day) + " " + englishMonths[month-1] + " "
		case month > 0:
			s = englishMonths[month-1] + " "
		}
		if withYear {
			s += y
		}
	}
	s = strings.TrimSpace(s)
	if d.time != "" && withYear {
		s += " " + strings.TrimPrefix(d.time, "T")
	}
	return s
}

// year writes d's year with what the language puts after it: 1938,
// 1940s, 44 BC; 1938 (年 is added by plain), 1940年代, 紀元前44; 1938 г.,
// 1940-е гг., зима 1941/42 гг.
func (h human) year(d date) string {
	y := d.year
	winter := d.month == 24 && d.ux == 0 && !d.monthX
	n := strconv.FormatInt(y, 10)
	if y <= 0 {
		n = strconv.FormatUint(absU(y)+1, 10) // 1 BC is year 0
	}
	switch {
	case d.ux == 1:
		lo := y
		if y < 0 {
			lo = y - 9
		}
		if y <= 0 {
			break
		}
		switch h.lang {
		case "ja":
			return strconv.FormatInt(lo, 10) + "年代"
		case "ru":
			return strconv.FormatInt(lo, 10) + "-е гг."
		}
		return strconv.FormatInt(lo, 10) + "s"
	case d.ux > 1:
		span := int64(1)
		for range d.ux {
			span *= 10
		}
		if y > 0 {
			a, b := strconv.FormatInt(y, 10), strconv.FormatInt(y+span-1, 10)
			switch h.lang {
			case "ja":
				return a + "年～" + b + "年"
			case "ru":
				return a + "–" + b + " гг."
			}
			return a + "–" + b
		}
	}
	if winter && y > 0 {
		next := strconv.FormatInt((y+1)%100, 10)
		if len(next) < 2 {
			next = "0" + next
		}
		switch h.lang {
		case "ja":
			return n
		case "ru":
			return n + "/" + next + " гг."
		}
		return n + "/" + next
	}
	switch h.lang {
	case "ja":
		if y <= 0 {
			return "紀元前" + n
		}
		return n
	case "ru":
		if y <= 0 {
			return n + " г. до н. э."
		}
		return n + " г."
	}
	if y <= 0 {
		return n + " BC"
	}
	return n
}

// interval writes A/B, joining dates of one year or month as printed.
func (h human) interval(v Value) string {
	a, b := v.start, v.end
	if s, ok := h.compact(a, b); ok {
		return s
	}
	switch {
	case a.kind == kindOpen:
		switch h.lang {
		case "ja":
			return h.date(b, false) + "まで"
		case "ru":
			return "до " + h.date(b, true)
		}
		return "until " + h.date(b, false)
	case b.kind == kindOpen:
		switch h.lang {
		case "ja":
			return h.date(a, false) + "～（継続）"
		case "ru":
			return h.date(a, false) + " – (продолжается)"
		}
		return h.date(a, false) + " – ongoing"
	}
	end := func(d date) string {
		if d.kind == kindUnknown {
			switch h.lang {
			case "ja":
				return "不明"
			case "ru":
				return "неизвестно"
			}
			return "unknown"
		}
		return h.date(d, false)
	}
	if h.lang == "ja" {
		return end(a) + "～" + end(b)
	}
	return end(a) + " – " + end(b)
}

// compact writes a range of two plain dates in one year as sources print it:
// 11–16 May 1939, 11 May – 16 September 1939, 1937–1938 (and in Japanese
// and Russian alike).
func (h human) compact(a, b date) (string, bool) {
	if a.kind != kindDate || b.kind != kindDate || a.qual|b.qual != 0 || a.ux|b.ux != 0 ||
		a.monthX || b.monthX || a.dayX || b.dayX || a.time != "" || b.time != "" || a.year <= 0 || b.year <= 0 {
		return "", false
	}
	pa, pb := a.precision(), b.precision()
	if a == b {
		// Began and ended within one year, month or day: "within 1932",
		// not "1932–1932".
		switch h.lang {
		case "ja":
			return h.plain(a, false, true) + "中", true
		case "ru":
			return "в пределах " + h.plain(a, true, true), true
		}
		return "within " + h.plain(a, false, true), true
	}
	switch {
	case pa == PrecisionYear && pb == PrecisionYear:
		x, y := strconv.FormatInt(a.year, 10), strconv.FormatInt(b.year, 10)
		switch h.lang {
		case "ja":
			return x + "年～" + y + "年", true
		case "ru":
			return x + "–" + y + " гг.", true
		}
		return x + "–" + y, true
	case pa == PrecisionSeason && pb == PrecisionSeason && a.year == b.year && a.month != 24 && h.lang != "ja":
		// spring–summer 1941, весна – лето 1941 г.
		if h.lang == "ru" {
			return ruSeasonNom[a.month-21] + " – " + h.plain(b, false, true), true
		}
		return enSeasons[a.month-21] + "–" + h.plain(b, false, true), true
	case a.year != b.year || pa == PrecisionSeason || pb == PrecisionSeason || pa == PrecisionYear || pb == PrecisionYear:
		return "", false
	case pa == PrecisionDay && pb == PrecisionDay && a.month == b.month:
		day := strconv.Itoa(int(b.day))
		switch h.lang {
		case "ja":
			return h.plain(a, false, true) + "～" + day + "日", true
		case "ru":
			return strconv.Itoa(int(a.day)) + "–" + h.plain(b, false, true), true
		}
		return strconv.Itoa(int(a.day)) + "–" + h.plain(b, false, true), true
	}
	if h.lang == "ja" {
		return h.plain(a, false, true) + "～" + h.plain(b, false, false), true
	}
	return h.plain(a, false, false) + " – " + h.plain(b, false, true), true
}

// set writes [A..B], [..B] or [A..].
func (h human) set(v Value) string {
	a, b := v.start, v.end
	switch {
	case a.kind != kindDate:
		switch h.lang {
		case "ja":
			return h.date(b, false) + "以前"
		case "ru":
			return "не позднее " + h.date(b, true)
		}
		return h.date(b, false) + " or earlier"
	case b.kind != kindDate:
		switch h.lang {
		case "ja":
			return h.date(a, false) + "以後"
		case "ru":
			return "не ранее " + h.date(a, true)
		}
		return h.date(a, false) + " or later"
	}
	if s, ok := h.part(a, b); ok {
		return s
	}
	iv := Value{start: a, end: b, interval: true}
	switch h.lang {
	case "ja":
		return h.interval(iv) + "の間"
	case "ru":
		return h.interval(iv) + " (точная дата неизвестна)"
	}
	return "between " + h.date(a, false) + " and " + h.date(b, false)
}

// part names a set that is a third or half of a year or month: early 1938,
// 1939年5月下旬, конец мая 1939 г.
func (h human) part(a, b date) (string, bool) {
	if a.qual|b.qual != 0 || a.ux|b.ux != 0 || a.monthX || b.monthX || a.dayX || b.dayX || a.year != b.year || a.year <= 0 {
		return "", false
	}
	whole := a // the year or month divided
	var x sub
	switch {
	case a.precision() == PrecisionMonth && b.precision() == PrecisionMonth:
		whole.month = 0
		for _, s := range []sub{{3, 0}, {3, 1}, {3, 2}, {2, 0}, {2, 1}} {
			p := part{d: whole, sub: s}
			if w := p.subSet(); w.start == a && w.end == b {
				x = s
			}
		}
	case a.precision() == PrecisionDay && b.precision() == PrecisionDay && a.month == b.month:
		whole.day = 0
		for _, s := range []sub{{3, 0}, {3, 1}, {3, 2}, {2, 0}, {2, 1}} {
			p := part{d: whole, sub: s}
			if w := p.subSet(); w.start == a && w.end == b {
				x = s
			}
		}
	}
	if x.n == 0 {
		return "", false
	}
	k := int(x.i)
	if x.n == 2 {
		k += 3
	}
	inMonth := whole.month > 0
	switch h.lang {
	case "ja":
		words := [...]string{"初め", "半ば", "末", "前半", "後半"}
		if inMonth {
			words = [...]string{"上旬", "中旬", "下旬", "前半", "後半"}
		}
		return h.plain(whole, false, true) + words[k], true
	case "ru":
		words := [...]string{"начало", "середина", "конец", "первая половина", "вторая половина"}
		return words[k] + " " + h.plain(whole, true, true), true
	}
	words := [...]string{"early ", "mid-", "late ", "first half of ", "second half of "}
	return words[k] + h.plain(whole, false, true), true
}
