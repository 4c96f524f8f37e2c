package edtf_test

import (
	"testing"

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
	_ = edtf.Overlaps(v, v)
	_ = edtf.Within(v, v)
}

func addSeeds(f *testing.F) {
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
