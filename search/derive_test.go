package search

import (
	"slices"
	"testing"
)

// TestKanjiReadings: names in kanji are read as written, in their
// Japanese form, not in the folded form (where 機 has met its simplified
// Chinese twin 机 and katakana has become hiragana).
func TestKanjiReadings(t *testing.T) {
	d := &deriver{}
	tests := []struct {
		name      string
		want, not []string // Latin keys, without the space prefix
	}{
		{"ハルビン特務機関", []string{"harubin", "kikan", "tokumukikan"}, []string{"tsukue", "seki", "haru"}},
		{"星機関", []string{"hoshikikan"}, []string{"tsukue"}},
		{"後方勤務要員養成所", []string{"koho", "kinmu"}, []string{"kisaki"}},    // 後 is not 后
		{"陸軍二俣幹部教育隊", []string{"kanbu", "rikugun"}, []string{"hi"}},     // 幹 is not 干
		{"関係正常化と防勢的計画", []string{"kankei"}, nil},                        // 係 is not 系
		{"ゾルゲ事件", []string{"zoruge", "zorugejiken"}, []string{"zo"}},    // a kana word the dictionary lacks reads as written
		{"滿洲國", []string{"manshukoku"}, []string{"mitsuru"}},            // old forms read through the new
		{"ﾊﾙﾋﾞﾝ特務機関", []string{"harubin", "kikan"}, []string{"tsukue"}}, // half-width
	}
	for _, tt := range tests {
		toks := tokenize(tt.name)
		if len(toks) != 1 {
			t.Fatalf("%s: %d tokens", tt.name, len(toks))
		}
		keys := d.deriveKeys(toks[0], tt.name, "ja")
		for _, w := range tt.want {
			if !slices.Contains(keys, spaceLatin+w) {
				t.Errorf("%s: no key %q in %q", tt.name, w, keys)
			}
		}
		for _, w := range tt.not {
			if slices.Contains(keys, spaceLatin+w) {
				t.Errorf("%s: a wrong reading %q", tt.name, w)
			}
		}
	}
}
