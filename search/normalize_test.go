package search

import (
	"cmp"
	"math"
	"reflect"
	"strings"
	"testing"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"

	"github.com/tokumu/tokumu"
)

func TestFold(t *testing.T) {
	tests := []struct{ in, want string }{
		{"Tōkyō", "tokyo"},
		{"ＤＯＩＨＡＲＡ", "doihara"},
		{"Семёнов", "семенов"},
		{"ЁЛКА", "елка"},
		{"Йошкар", "йошкар"}, // й is a letter of its own, not и with a mark
		{"滿洲", "満州"},
		{"満洲国", "満州国"}, // the 1956 substitution: both spellings are in use
		{"南満州鉄道", "南満州鉄道"},
		{"關東軍", "関東軍"},
		// Variant kanji of period print meet the forms written now.
		{"ソ聯", Fold("ソ連")},
		{"張鼓峯", Fold("張鼓峰")},
		{"張皷峰", Fold("張鼓峰")},
		{"哈尔滨", "哈爾浜"},
		{"哈爾濱", "哈爾浜"},
		{"ハルビン", "はるびん"},
		{"ﾊﾙﾋﾞﾝ", "はるびん"}, // half-width katakana
		{"Blücher", "blucher"},
		{"Straße", "strasse"},
		{"Pałasz", "palasz"}, // ł has no decomposition: folded by hand
		{"ﾄﾞｲﾊﾗ", "どいはら"},
		{"\u30c8\u3099\u30a4\u30cf\u30e9", "どいはら"}, // NFD ドイハラ
		{"Лю́шков", "люшков"},                      // combining acute
		{"Генрѝх", "генрих"},                       // precomposed ѝ
		{"\u0438\u0306", "й"},                      // NFD й stays й
		{"Do\u0304ihara", "doihara"},
	}
	for _, tt := range tests {
		if got := Fold(tt.in); got != tt.want {
			t.Errorf("Fold(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestLatinKey(t *testing.T) {
	// Every spelling of one name gives one key.
	groups := [][]string{
		{"tokyo", "toukyou", "tookyoo", "tohkyoh", "tokyoo"},
		{"oshima", "ooshima", "ohshima", "ōshima"},
		{"shinbun", "shimbun"},
		{"kantogun", "kantougun", "kantōgun"},
		{"yuki", "yuuki"},
		{"2nd", "second", "Second"},
		{"10th", "tenth"},
	}
	for _, g := range groups {
		want := latinKey(Fold(g[0]))
		for _, w := range g[1:] {
			if got := latinKey(Fold(w)); got != want {
				t.Errorf("latinKey(%q) = %q, want %q as for %q", w, got, want, g[0])
			}
		}
	}
	// "oh" before a vowel is a syllable, not a long vowel: Ohara keeps it.
	if got := latinKey("ohara"); got != "ohara" {
		t.Errorf("latinKey(ohara) = %q", got)
	}
}

func TestTokenize(t *testing.T) {
	tests := []struct {
		in   string
		want []string
	}{
		{"Harbin Special Service Agency", []string{"harbin", "special", "service", "agency"}},
		{"ハルビン特務機関", []string{"はるびん特務机関"}}, // 機 and 机 share the simplified form 机
		{"Люшков (Lyushkov) бежал в 1938", []string{"люшков", "lyushkov", "бежал", "в", "1938"}},
		{"哈爾浜12", []string{"哈爾浜", "12"}},
		{"Shin'ichi oboronitel'noe", []string{"shinichi", "oboronitelnoe"}},
		{"Халхин-Гол", []string{"халхин", "гол"}},
		{"«Трест»", []string{"трест"}},
		{"ＡＢＣ　ノモンハン", []string{"abc", "のもんはん"}},
		{"ﾊﾙﾋﾞﾝ", []string{"はるびん"}},                          // the voiced mark composes, not a word of its own
		{"\u30c8\u3099\u30a4\u30cf\u30e9", []string{"どいはら"}}, // NFD ドイハラ
		{"Генрих Лю́шков", []string{"генрих", "люшков"}},     // a stress mark does not split the word
		{"Do\u0304ihara e\u0301", []string{"doihara", "e"}},
		{"\u0301x", []string{"x"}},   // a mark with no letter before it is dropped
		{"㈱満鉄", []string{"株", "満鉄"}}, // (株): a compatibility form that expands
		{"¼ ﾊﾟﾝ", []string{"1", "4", "ぱん"}},
	}
	for _, tt := range tests {
		var got []string
		for _, tok := range tokenize(tt.in) {
			got = append(got, tok.text)
			if tok.start < 0 || tok.end > len(tt.in) || tok.start >= tok.end {
				t.Errorf("tokenize(%q): bad span %d:%d", tt.in, tok.start, tok.end)
			}
		}
		if !reflect.DeepEqual(got, tt.want) {
			t.Errorf("tokenize(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

// TestSplitPaths: text already in NFKC, split rune by rune, gives the
// tokens the normalization iterator gives.
func TestSplitPaths(t *testing.T) {
	ix := embedded(t)
	texts := []string{"Лю́шков", "Do\u0304ihara", "a\u0301", "\xff\xfeab", "Shin'ichi 12-я"}
	for _, info := range ix.ents {
		for _, n := range info.e.Names {
			texts = append(texts, n.Text)
		}
	}
	for _, d := range ix.text.docs {
		texts = append(texts, d.text)
	}
	checked := 0
	for _, s := range texts {
		if norm.NFKC.QuickSpanString(s) != len(s) {
			continue
		}
		checked++
		if a, b := split(s, true), split(s, false); !reflect.DeepEqual(a, b) {
			t.Errorf("%q: rune by rune %+v, by the iterator %+v", s, a, b)
		}
	}
	if checked < 1000 {
		t.Errorf("only %d texts checked", checked)
	}
}

func TestCyrillicForms(t *testing.T) {
	tests := []struct{ declined, nominative string }{
		{"люшкова", "люшков"},
		{"люшковым", "люшков"},
		{"харбине", "харбин"},
		{"квантунской", "квантунская"},
		{"армии", "армия"},
		{"доихары", "доихара"},
		{"мукдене", "мукден"},
	}
	for _, tt := range tests {
		forms := cyrillicForms(tt.declined)
		found := false
		for _, f := range forms {
			found = found || f == tt.nominative
		}
		if !found {
			t.Errorf("cyrillicForms(%q) = %q, lacks %q", tt.declined, forms, tt.nominative)
		}
	}
}

func TestSnippet(t *testing.T) {
	tests := []struct{ text, query, want string }{
		{"Lyushkov defected at Hunchun", "defect", "Lyushkov <mark>defected</mark> at Hunchun"},
		{"Люшков бежал в Маньчжоу-го <b>", "бежали", "Люшков <mark>бежал</mark> в Маньчжоу-го &lt;b&gt;"},
		{"関東軍情報部の設置", "情報部", "関東軍<mark>情報部</mark>の設置"},
		{"滿洲國の特務機関", "満洲", "<mark>滿洲</mark>國の特務機関"},
		{"Генрих Лю́шков бежал", "Люшков", "Генрих <mark>Лю́шков</mark> бежал"},
		{"Генрих Люшков бежал", "Лю́шков", "Генрих <mark>Люшков</mark> бежал"},
		{"ﾊﾙﾋﾞﾝ特務機関", "はるびん", "<mark>ﾊﾙﾋﾞﾝ特務機関</mark>"}, // widths differ: the whole run is marked
	}
	for _, tt := range tests {
		if got := snippet(tt.text, tokenize(tt.query), 200); got != tt.want {
			t.Errorf("snippet(%q, %q) = %q, want %q", tt.text, tt.query, got, tt.want)
		}
	}
	long := strings.Repeat("word ", 100) + "Harbin " + strings.Repeat("more ", 100)
	got := snippet(long, tokenize("harbin"), 60)
	if !strings.Contains(got, "<mark>Harbin</mark>") || !strings.HasPrefix(got, "…") || !strings.HasSuffix(got, "…") {
		t.Errorf("long snippet not cut around the match: %q", got)
	}
	if n := utf8.RuneCountInString(got); n > 60+len("<mark></mark>")+2 {
		t.Errorf("long snippet has %d runes", n)
	}
}

// FuzzSearch runs any query with any page. The search may refuse it, but
// only as documented: an EINVALID error for a query over MaxQueryBytes or a
// Limit or Offset out of bounds; it must never fail otherwise or panic.
func FuzzSearch(f *testing.F) {
	for _, s := range []string{"土肥原", "Доихара", "Harbin Special", "ﾊﾙﾋﾞﾝ", "o'", "ёЁ", "\xff\xfe", "oh", "a b c d e f", "滿洲國", "Лю́шков", "\u0301", "㈱¼"} {
		f.Add(s, 5, 0)
	}
	f.Add("Harbin", 20, 2000000000)                   // issue 15: a 32 GB allocation
	f.Add("Harbin", 3000000000, 0)                    // issue 15: --limit 3000000000
	f.Add("Harbin", math.MaxInt, math.MaxInt)         // offset+limit overflows
	f.Add("Harbin", -1, -1)                           // negative page
	f.Add(strings.Repeat("a", MaxQueryBytes+1), 5, 0) // over the query limit
	ix := embedded(f)
	f.Fuzz(func(t *testing.T, q string, limit, offset int) {
		r, err := ix.Search(Query{Text: q, Limit: limit, Offset: offset})
		valid := len(q) <= MaxQueryBytes && 0 <= limit && limit <= MaxLimit && 0 <= offset && offset <= MaxOffset
		switch {
		case err != nil && (valid || tokumu.ErrorCode(err) != tokumu.EINVALID):
			t.Fatalf("Search(%q, limit %d, offset %d): %v", q, limit, offset, err)
		case err == nil && !valid:
			t.Fatalf("Search(%q, limit %d, offset %d) accepted a query out of bounds", q, limit, offset)
		case err == nil:
			if r.Total < len(r.Hits) {
				t.Fatalf("total %d < %d hits", r.Total, len(r.Hits))
			}
			if want := cmp.Or(limit, DefaultLimit); len(r.Hits) > want {
				t.Fatalf("%d hits, limit %d", len(r.Hits), want)
			}
			for _, h := range r.Hits {
				if !utf8.ValidString(h.Snippet) {
					t.Fatalf("invalid UTF-8 snippet %q", h.Snippet)
				}
			}
		}
		if hs := ix.Suggest(q, limit, ""); len(hs) > max(0, min(limit, MaxLimit)) {
			t.Fatalf("Suggest(%q, %d): %d hits", q, limit, len(hs))
		}
	})
}
