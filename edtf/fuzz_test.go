package edtf_test

import (
	"errors"
	"regexp"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/tokumu/tokumu/edtf"
)

// checkValue fails t unless v round-trips through String and Parse and has
// ordered bounds.
func checkValue(t *testing.T, in string, v edtf.Value) {
	t.Helper()
	s := v.String()
	w, err := edtf.Parse(s)
	if err != nil {
		t.Fatalf("%q parsed to %q, which does not parse: %v", in, s, err)
	}
	if w != v {
		t.Fatalf("%q parsed to %q, which parses to a different value %q", in, s, w.String())
	}
	b := v.Bounds()
	if b.Earliest > b.Latest {
		t.Fatalf("%q: Earliest %s > Latest %s", in, b.Earliest, b.Latest)
	}
	if !v.IsInterval() && (b.LatestStart != b.Latest || b.EarliestEnd != b.Earliest) {
		t.Fatalf("%q: single date with inner bounds %+v", in, b)
	}
	if v.IsInterval() && (b.Earliest > b.LatestStart || b.EarliestEnd > b.Latest) {
		t.Fatalf("%q: interval bounds out of order %+v", in, b)
	}
	if b.Earliest != edtf.MinDay && !v.PossiblyContains(b.Earliest) {
		t.Fatalf("%q does not possibly contain its Earliest", in)
	}
	a := v.ApproximateBounds()
	if a.Earliest > b.Earliest || a.Latest < b.Latest {
		t.Fatalf("%q: approximate bounds %+v narrower than %+v", in, a, b)
	}
	if _, approx := v.Qualifiers(); approx && v.IsInterval() && (a.LatestStart > a.Latest || a.EarliestEnd < a.Earliest) {
		t.Fatalf("%q: approximate inner bounds outside the outer ones %+v", in, a)
	}
	if _, approx := v.Qualifiers(); !approx && a != b {
		t.Fatalf("%q: not approximate, yet widened to %+v from %+v", in, a, b)
	}
	_ = edtf.Overlaps(v, v)
	_ = edtf.Within(v, v)
}

func addSeeds(f *testing.F) {
	for _, s := range []string{"-194X~", "-0001~", "1938~/1938-03", "1941-06-22/1941-07~", "-0012-24~"} {
		f.Add(s)
	}
	for _, tc := range specCases {
		f.Add(tc.in)
	}
	for _, tc := range invalidCases {
		f.Add(tc.in)
	}
	for _, tc := range textCases {
		f.Add(tc.in)
	}
	for _, tc := range textErrors {
		f.Add(tc.in)
	}
}

func FuzzParse(f *testing.F) {
	addSeeds(f)
	f.Fuzz(func(t *testing.T, s string) {
		v, err := edtf.Parse(s)
		if err != nil {
			if se, ok := err.(*edtf.SyntaxError); !ok || se.Offset < 0 || se.Offset > len(s) || se.Input != s {
				t.Fatalf("Parse(%q): bad error %#v", s, err)
			}
			return
		}
		if v.String() != s {
			t.Fatalf("Parse(%q).String() = %q; every valid input is canonical", s, v.String())
		}
		checkValue(t, s, v)
	})
}

func FuzzParseText(f *testing.F) {
	addSeeds(f)
	f.Fuzz(func(t *testing.T, s string) {
		v, err := edtf.ParseText(s)
		if err != nil {
			if se, ok := err.(*edtf.SyntaxError); !ok || se.Offset < 0 || se.Offset > len(s) || se.Input != s {
				t.Fatalf("ParseText(%q): bad error %#v", s, err)
			}
			return
		}
		checkValue(t, s, v)
	})
}

func BenchmarkParse(b *testing.B) {
	inputs := []string{"1985-04-12", "1984?/2004-06~", "201X", "1985-04-12T23:20:30+04:30", "Y-170000002", "2001-21/.."}
	b.ReportAllocs()
	for i := 0; b.Loop(); i++ {
		if _, err := edtf.Parse(inputs[i%len(inputs)]); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkParseText(b *testing.B) {
	inputs := []string{"昭和十六年七月二日", "13 June 1938", "13 июня 1938 г.", "1937–1938 гг.", "1985-04-12"}
	b.ReportAllocs()
	for i := 0; b.Loop(); i++ {
		if _, err := edtf.ParseText(inputs[i%len(inputs)]); err != nil {
			b.Fatal(err)
		}
	}
}

// addPrintedSeeds adds the printed table, the human table's renderings and
// the ParseText cases.
func addPrintedSeeds(f *testing.F) {
	for _, c := range readPrinted(f) {
		f.Add(c.in)
	}
	for _, c := range humanCases {
		f.Add(c.in)
		f.Add(c.en)
		f.Add(c.ja)
		f.Add(c.ru)
	}
	for _, c := range textCases {
		f.Add(c.in)
	}
	for _, c := range textErrors {
		f.Add(c.in)
	}
}

// writtenYear matches what an input must contain to be read as a year
// before 1000: an EDTF year (0938, -1000, Y…).
var writtenYear = regexp.MustCompile(`(^|[^0-9])(0[0-9X]{3}|-[0-9X]{4})|[Yy]`)

// edtfCode matches EDTF that must not reach readers through Human.
var edtfCode = regexp.MustCompile(`[0-9]{4}-[0-9]{2}|[~%\[\]]|\.\.`)

// FuzzPrinted reads any text as a printed date: it must give a value that
// round-trips through EDTF, or a SyntaxError pointing into the text; a year
// before 1000 only if the text writes one in EDTF; and words for readers
// without EDTF codes.
func FuzzPrinted(f *testing.F) {
	addPrintedSeeds(f)
	f.Fuzz(func(t *testing.T, s string) {
		v, err := edtf.ParseText(s)
		if err != nil {
			var se *edtf.SyntaxError
			if !errors.As(err, &se) || se.Offset < 0 || se.Offset > len(s) || se.Input != s || se.Msg == "" {
				t.Fatalf("ParseText(%q): bad error %#v", s, err)
			}
			return
		}
		checkValue(t, s, v)
		if _, err := edtf.Parse(strings.TrimSpace(s)); err != nil && !writtenYear.MatchString(s) {
			b := v.Bounds()
			for _, d := range []edtf.Day{b.Earliest, b.Latest} {
				// 999 is the year before 1000 ("before 1000").
				if d != edtf.MinDay && d != edtf.MaxDay && d.Year() < 999 {
					t.Fatalf("ParseText(%q) = %s: a year before 1000 from text that writes none in EDTF", s, v)
				}
			}
		}
		for _, lang := range []string{"en", "ja", "ru"} {
			h := v.Human(lang)
			if h == "" || !utf8.ValidString(h) && utf8.ValidString(s) {
				t.Fatalf("%s.Human(%q) = %q", v, lang, h)
			}
			if edtfCode.MatchString(h) {
				t.Fatalf("%s.Human(%q) = %q shows EDTF", v, lang, h)
			}
		}
	})
}

// FuzzRoundTrip checks format(parse(x)) = canonical: whatever ParseText
// reads formats as EDTF that Parse reads as the same value and formats the
// same, that ParseText reads too; and the words Human writes for it read
// back as it (where humanRereads says they should).
func FuzzRoundTrip(f *testing.F) {
	addPrintedSeeds(f)
	for _, c := range specCases {
		f.Add(c.in)
	}
	f.Fuzz(func(t *testing.T, s string) {
		v, err := edtf.ParseText(s)
		if err != nil {
			return
		}
		c := v.String()
		w, err := edtf.Parse(c)
		if err != nil || w != v || w.String() != c {
			t.Fatalf("ParseText(%q) = %s: Parse gives %s, %v", s, c, w, err)
		}
		if w, err := edtf.ParseText(c); err != nil || w != v {
			t.Fatalf("ParseText(%q) = %s: ParseText(%s) gives %s, %v", s, c, c, w, err)
		}
		if !humanRereads(v) {
			return
		}
		for _, lang := range []string{"en", "ja", "ru"} {
			h := v.Human(lang)
			if w, err := edtf.ParseText(h); err != nil || w != v {
				t.Fatalf("ParseText(%q) = %s, whose Human(%q) %q reads as %s, %v", s, c, lang, h, w, err)
			}
		}
	})
}
