package translit_test

import (
	"testing"
	"unicode/utf8"

	"github.com/tokumu/tokumu/translit"
)

var fuzzSeeds = []string{
	"", "どいはら けんじ", "とうきょう", "ハルビン", "ティーパーティー", "っ", "ん", "ー", "ゝゞヽヾ",
	"ｶﾞｷﾞ", "か\u3099", "Tōkyō", "Tohjoh", "nn'", "Shin'ichi", "tch", "Кэндзи", "То:кё:", "нъ",
	"Люшков", "Родзаевский", "Семёнов", "ЁЖ", "Harbin", "Rodzayevskiy", "哈爾濱", "哈尔滨", "沈阳",
	"\xff\xfe", "a\x00b", "ӯӣ:", "\u0304\u0302",
}

func addSeeds(f *testing.F) {
	for _, s := range fuzzSeeds {
		f.Add(s)
	}
}

func checkValid(t *testing.T, name, in, out string) {
	if !utf8.ValidString(out) {
		t.Fatalf("%s(%q) = %q: invalid UTF-8", name, in, out)
	}
}

func FuzzHepburn(f *testing.F) {
	addSeeds(f)
	f.Fuzz(func(t *testing.T, s string) {
		checkValid(t, "Hepburn", s, translit.Hepburn(s))
		checkValid(t, "HepburnTraditional", s, translit.HepburnTraditional(s))
		vs := translit.HepburnVariants(s)
		if len(vs) > 14 {
			t.Fatalf("HepburnVariants(%q): %d variants", s, len(vs))
		}
		for _, v := range vs {
			checkValid(t, "HepburnVariants", s, v)
		}
	})
}

func FuzzKunrei(f *testing.F) {
	addSeeds(f)
	f.Fuzz(func(t *testing.T, s string) { checkValid(t, "Kunrei", s, translit.Kunrei(s)) })
}

func FuzzPolivanov(f *testing.F) {
	addSeeds(f)
	f.Fuzz(func(t *testing.T, s string) {
		checkValid(t, "Polivanov", s, translit.Polivanov(s))
		checkValid(t, "PolivanovMarked", s, translit.PolivanovMarked(s))
		for _, v := range translit.PolivanovVariants(s) {
			checkValid(t, "PolivanovVariants", s, v)
		}
	})
}

func FuzzRomajiToKana(f *testing.F) {
	addSeeds(f)
	f.Fuzz(func(t *testing.T, s string) {
		out, _ := translit.RomajiToKana(s)
		checkValid(t, "RomajiToKana", s, out)
	})
}

func FuzzPolivanovToKana(f *testing.F) {
	addSeeds(f)
	f.Fuzz(func(t *testing.T, s string) {
		out, _ := translit.PolivanovToKana(s)
		checkValid(t, "PolivanovToKana", s, out)
	})
}

func FuzzISO9(f *testing.F) {
	addSeeds(f)
	f.Fuzz(func(t *testing.T, s string) { checkValid(t, "ISO9", s, translit.ISO9(s)) })
}

func FuzzBGN(f *testing.F) {
	addSeeds(f)
	f.Fuzz(func(t *testing.T, s string) {
		checkValid(t, "BGN", s, translit.BGN(s))
		checkValid(t, "BGNSimple", s, translit.BGNSimple(s))
	})
}

func FuzzScholarly(f *testing.F) {
	addSeeds(f)
	f.Fuzz(func(t *testing.T, s string) { checkValid(t, "Scholarly", s, translit.Scholarly(s)) })
}

func FuzzCyrillicCandidates(f *testing.F) {
	addSeeds(f)
	f.Fuzz(func(t *testing.T, s string) {
		cs := translit.CyrillicCandidates(s)
		if len(cs) > translit.MaxCyrillicCandidates {
			t.Fatalf("CyrillicCandidates(%q): %d candidates", s, len(cs))
		}
		for _, c := range cs {
			checkValid(t, "CyrillicCandidates", s, c)
		}
	})
}

func FuzzShinjitai(f *testing.F) {
	addSeeds(f)
	f.Fuzz(func(t *testing.T, s string) {
		checkValid(t, "Shinjitai", s, translit.Shinjitai(s))
		checkValid(t, "SimplifiedToTraditional", s, translit.SimplifiedToTraditional(s))
		checkValid(t, "TraditionalToSimplified", s, translit.TraditionalToSimplified(s))
		k := translit.HanKey(s)
		checkValid(t, "HanKey", s, k)
		if translit.HanKey(k) != k {
			t.Fatalf("HanKey not idempotent on %q", s)
		}
	})
}

func FuzzKana(f *testing.F) {
	addSeeds(f)
	f.Fuzz(func(t *testing.T, s string) {
		checkValid(t, "Katakana", s, translit.Katakana(s))
		checkValid(t, "Hiragana", s, translit.Hiragana(s))
	})
}
