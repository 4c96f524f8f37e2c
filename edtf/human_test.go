package edtf_test

import (
	"strings"
	"testing"

	"github.com/tokumu/tokumu/edtf"
)

var humanCases = []struct{ in, en, ja, ru string }{
	{"1938-06-13", "13 June 1938", "1938年6月13日", "13 июня 1938 г."},
	{"1938-06", "June 1938", "1938年6月", "июнь 1938 г."},
	{"1938", "1938", "1938年", "1938 г."},
	{"1919-23", "autumn 1919", "1919年秋", "осень 1919 г."},
	{"1941-21", "spring 1941", "1941年春", "весна 1941 г."},
	{"1941-22", "summer 1941", "1941年夏", "лето 1941 г."},
	{"1941-24", "winter 1941/42", "1941年冬", "зима 1941/42 гг."},
	{"1999-24", "winter 1999/00", "1999年冬", "зима 1999/00 гг."},
	{"1941-12~", "c. December 1941", "1941年12月頃", "около декабря 1941 г."},
	{"1932~", "c. 1932", "1932年頃", "около 1932 г."},
	{"1919-23~", "c. autumn 1919", "1919年秋頃", "около осени 1919 г."},
	{"1938-06-13~", "c. 13 June 1938", "1938年6月13日頃", "около 13 июня 1938 г."},
	{"1932?", "1932?", "1932年？", "1932 г. (?)"},
	{"1941-06?", "June 1941?", "1941年6月？", "июнь 1941 г. (?)"},
	{"1932%", "c. 1932?", "1932年頃？", "около 1932 г. (?)"},
	{"194X", "1940s", "1940年代", "1940-е гг."},
	{"19XX", "1900–1999", "1900年～1999年", "1900–1999 гг."},
	{"1941-XX", "1941", "1941年", "1941 г."},
	{"1941-06-XX", "June 1941", "1941年6月", "июнь 1941 г."},
	{"-0043", "44 BC", "紀元前44年", "44 г. до н. э."},
	{"0000", "1 BC", "紀元前1年", "1 г. до н. э."},
	{"0800", "800", "800年", "800 г."},
	{"Y170000002", "170000002", "170000002年", "170000002 г."},
	{"1985-04-12T23:20:30Z", "12 April 1985 23:20:30Z", "1985年4月12日 23:20:30Z", "12 апреля 1985 г. 23:20:30Z"},

	// Intervals.
	{"1939-05-11/1939-09-16", "11 May – 16 September 1939", "1939年5月11日～9月16日", "11 мая – 16 сентября 1939 г."},
	{"1939-05-11/1939-05-16", "11–16 May 1939", "1939年5月11日～16日", "11–16 мая 1939 г."},
	{"1939-05/1939-09", "May – September 1939", "1939年5月～9月", "май – сентябрь 1939 г."},
	{"1939-05/1939-09-16", "May – 16 September 1939", "1939年5月～9月16日", "май – 16 сентября 1939 г."},
	{"1937/1938", "1937–1938", "1937年～1938年", "1937–1938 гг."},
	{"1932/1932", "within 1932", "1932年中", "в пределах 1932 г."},
	{"1937-06/1937-06", "within June 1937", "1937年6月中", "в пределах июня 1937 г."},
	{"1938-12-20/1939-01-04", "20 December 1938 – 4 January 1939", "1938年12月20日～1939年1月4日", "20 декабря 1938 г. – 4 января 1939 г."},
	{"1941-21/1941-22", "spring–summer 1941", "1941年春～1941年夏", "весна – лето 1941 г."},
	{"1941-24/1942-21", "winter 1941/42 – spring 1942", "1941年冬～1942年春", "зима 1941/42 гг. – весна 1942 г."},
	{"1937/1939-05", "1937 – May 1939", "1937年～1939年5月", "1937 г. – май 1939 г."},
	{"1984?/2004-06~", "1984? – c. June 2004", "1984年？～2004年6月頃", "1984 г. (?) – около июня 2004 г."},
	{"1926/", "1926 – unknown", "1926年～不明", "1926 г. – неизвестно"},
	{"1926-12/", "December 1926 – unknown", "1926年12月～不明", "декабрь 1926 г. – неизвестно"},
	{"/1945-08", "unknown – August 1945", "不明～1945年8月", "неизвестно – август 1945 г."},
	{"1940/..", "1940 – ongoing", "1940年～（継続）", "1940 г. – (продолжается)"},
	{"../1945", "until 1945", "1945年まで", "до 1945 г."},
	{"../1945-08", "until August 1945", "1945年8月まで", "до августа 1945 г."},

	// One day of a range.
	{"[..1939]", "1939 or earlier", "1939年以前", "не позднее 1939 г."},
	{"[..1939-05-10]", "10 May 1939 or earlier", "1939年5月10日以前", "не позднее 10 мая 1939 г."},
	{"[1941..]", "1941 or later", "1941年以後", "не ранее 1941 г."},
	{"[1941-06..]", "June 1941 or later", "1941年6月以後", "не ранее июня 1941 г."},
	{"[1938-01..1938-04]", "early 1938", "1938年初め", "начало 1938 г."},
	{"[1938-05..1938-08]", "mid-1938", "1938年半ば", "середина 1938 г."},
	{"[1937-09..1937-12]", "late 1937", "1937年末", "конец 1937 г."},
	{"[1938-01..1938-06]", "first half of 1938", "1938年前半", "первая половина 1938 г."},
	{"[1938-07..1938-12]", "second half of 1938", "1938年後半", "вторая половина 1938 г."},
	{"[1939-05-01..1939-05-10]", "early May 1939", "1939年5月上旬", "начало мая 1939 г."},
	{"[1939-05-11..1939-05-20]", "mid-May 1939", "1939年5月中旬", "середина мая 1939 г."},
	{"[1939-05-21..1939-05-31]", "late May 1939", "1939年5月下旬", "конец мая 1939 г."},
	{"[1939-05-16..1939-05-31]", "second half of May 1939", "1939年5月後半", "вторая половина мая 1939 г."},
	{"[1937..1939]", "between 1937 and 1939", "1937年～1939年の間", "1937–1939 гг. (точная дата неизвестна)"},
	{"[1939-05-11..1939-05-16]", "between 11 May 1939 and 16 May 1939", "1939年5月11日～16日の間", "11–16 мая 1939 г. (точная дата неизвестна)"},
	{"[1938-02..1938-04]", "between February 1938 and April 1938", "1938年2月～4月の間", "февраль – апрель 1938 г. (точная дата неизвестна)"},
}

func TestHuman(t *testing.T) {
	for _, c := range humanCases {
		v := edtf.MustParse(c.in)
		for _, x := range []struct{ lang, want string }{{"en", c.en}, {"ja", c.ja}, {"ru", c.ru}} {
			if got := v.Human(x.lang); got != x.want {
				t.Errorf("%s.Human(%q) = %q, want %q", c.in, x.lang, got, x.want)
			}
		}
	}
	if got := edtf.MustParse("1919-23").Human("fr"); got != "autumn 1919" {
		t.Errorf("Human(fr) = %q, want English", got)
	}
	if got := (edtf.Value{}).Human("en"); got != "" {
		t.Errorf("zero Value: Human = %q", got)
	}
}

// humanRereads reports whether ParseText is expected to read v.Human back
// as v: not for what readers are told in words ParseText refuses (years
// before 1000 or after 9999, 19XX as 1900–1999), drops (1941-XX is 1941;
// the time of day) or cannot tell from a neighbour (../1945 reads back as
// /1945).
func humanRereads(v edtf.Value) bool {
	s := v.String()
	b := v.Bounds()
	for _, d := range []edtf.Day{b.Earliest, b.Latest} {
		if d != edtf.MinDay && d != edtf.MaxDay && (d.Year() < 1000 || d.Year() > 9999) {
			return false
		}
	}
	for i := 0; i+1 < len(s); i++ {
		if s[i] == 'X' && s[i+1] == 'X' || s[i] == '-' && s[i+1] == 'X' {
			return false
		}
	}
	return !strings.ContainsAny(s, "TY") && !strings.HasPrefix(s, "../")
}

// TestHumanRereads reads back what Human writes for the printed table, the
// human table and the specification's examples.
func TestHumanRereads(t *testing.T) {
	var vals []string
	for _, c := range readPrinted(t) {
		if !c.isError() {
			vals = append(vals, c.want)
		}
	}
	for _, c := range humanCases {
		vals = append(vals, c.in)
	}
	for _, c := range specCases {
		vals = append(vals, c.in)
	}
	n := 0
	for _, s := range vals {
		v := edtf.MustParse(s)
		if !humanRereads(v) {
			continue
		}
		for _, lang := range []string{"en", "ja", "ru"} {
			h := v.Human(lang)
			w, err := edtf.ParseText(h)
			if err != nil || w != v {
				t.Errorf("%s.Human(%q) = %q, which ParseText reads as %s, %v", s, lang, h, w, err)
			}
			n++
		}
	}
	t.Logf("%d renderings read back", n)
}
