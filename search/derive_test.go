package search

import (
	"context"
	"slices"
	"strings"
	"testing"

	"github.com/tokumu/tokumu"
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

// TestOwnReading: a person's or a place's kanji name is read as the
// entity itself reads it, where the dictionary reads it otherwise
// (梅津美治郎 is Umezu Yoshijirō, not Yoshiharurō; 新京 is Shinkyō, not Shinmiyako);
// an organization's kanji names keep the dictionary's reading, since its
// romanization may read another of its names.
func TestOwnReading(t *testing.T) {
	name := func(text, lang string, kind tokumu.NameKind) tokumu.Name {
		return tokumu.Name{Text: text, Lang: lang, Kind: kind}
	}
	es := []*tokumu.Entity{
		{ID: "umezu", Type: tokumu.Person, Names: []tokumu.Name{
			name("梅津美治郎", "ja", tokumu.Native), name("Umezu Yoshijirō", "ja-Latn", tokumu.Romanized)}},
		{ID: "matsui", Type: tokumu.Person, Names: []tokumu.Name{
			name("松井石根", "ja", tokumu.Native), name("まつい いわね", "ja-Hira", tokumu.Transcribed)}},
		{ID: "hsinking", Type: tokumu.Place, Names: []tokumu.Name{
			name("新京", "ja", tokumu.Former), name("Shinkyō", "ja-Latn", tokumu.Former)}},
		{ID: "russia-section", Type: tokumu.Organization, Names: []tokumu.Name{
			name("第五課", "ja", tokumu.Native), name("Roshia-ka", "ja-Latn", tokumu.Romanized)}},
		{ID: "no-reading", Type: tokumu.Person, Names: []tokumu.Name{name("河辺虎四郎", "ja", tokumu.Native)}},
		// An event named after the city reads the name as the city does.
		{ID: "capital-1932", Type: tokumu.Event, Names: []tokumu.Name{
			name("Changchun made the capital", "en", tokumu.Native), name("新京", "ja", tokumu.Alias)}},
		// An organization named with the city's name reads that piece as
		// the city does, and the rest by the dictionary.
		{ID: "hsinking-agency", Type: tokumu.Organization, Names: []tokumu.Name{name("新京特務機関", "ja", tokumu.Native)}},
	}
	b, err := NewBuilder(es, nil, nil)
	if err != nil {
		t.Fatal(err)
	}
	ix, err := b.Finish(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct {
		q, want string // want "": no hit
	}{
		{"Umezu", "umezu"},
		{"Yoshijiro", "umezu"}, // from the romanized name
		{"Yoshiharuro", ""},    // the dictionary's 美治郎
		{"Умэдзу", "umezu"},    // Polivanov of a span the entity reads so
		{"Ёсихару", ""},
		{"Matsui", "matsui"},
		{"Iwane", "matsui"},
		{"Ishine", ""}, // the dictionary's 石根
		{"Shinkyo", "hsinking"},
		{"Shinmiyako", ""},            // neither the city, nor the event named after it, nor the agency
		{"Tokumu", "hsinking-agency"}, // the rest of the agency's name
		{"Daigoka", "russia-section"}, // an organization keeps the dictionary's reading
		{"Kawabe", "no-reading"},      // a person with no reading of its own keeps it too
	} {
		r, err := ix.Search(Query{Text: tt.q})
		if err != nil {
			t.Fatal(err)
		}
		var got []string
		for _, h := range r.Hits {
			got = append(got, h.Entity)
		}
		switch {
		case tt.want == "" && len(got) > 0:
			t.Errorf("%q found %v, want nothing", tt.q, got)
		case tt.want != "" && !slices.Contains(got, tt.want):
			t.Errorf("%q found %v, want %s", tt.q, got, tt.want)
		}
	}

	// The embedded corpus: the dictionary's readings of these names used to
	// find them.
	emb := embedded(t)
	for _, tt := range []struct{ right, wrong, ent string }{
		{"Torashiro", "Torayonro", "kawabe-torashiro"},
		{"Iwane", "Ishine", "matsui-iwane"},
		{"Keijo", "Kyoshiro", "seoul"},
		{"Yoshijiro", "Yoshiharuro", "umezu-yoshijiro"},
		{"Manshuri", "Sato", "manchouli-tokumu-kikan"}, // 満洲里 within 満洲里特務機関
	} {
		for _, q := range []string{tt.right, tt.wrong} {
			r, err := emb.Search(Query{Text: q, Limit: 50})
			if err != nil {
				t.Fatal(err)
			}
			found := slices.ContainsFunc(r.Hits, func(h Hit) bool { return h.Entity == tt.ent })
			if found != (q == tt.right) {
				t.Errorf("embedded corpus: %q finds %s: %v", q, tt.ent, found)
			}
		}
	}
}

// TestPieces: a kanji run is split at the persons' and places' names it
// embeds, leftmost-longest, two characters or more, never at a form two
// entities read differently.
func TestPieces(t *testing.T) {
	own := ownReading{"x": true}
	fs := forms{"満洲里": own, "満洲": own, "二俣": own, "京": own, "奉天": nil}
	for _, tt := range []struct {
		run  string
		want string // pieces, "+" marking one read as its entity reads it
	}{
		{"満洲里特務機関", "+満洲里|特務機関"}, // the longest name, not 満洲
		{"陸軍中野学校二俣分校", "陸軍中野学校|+二俣|分校"},
		{"満洲里", "+満洲里"},      // the run is the name
		{"東京特務機関", "東京特務機関"}, // 京 is too short to split at
		{"奉天特務機関", "奉天特務機関"}, // read two ways: not split
		{"関東軍", "関東軍"},
	} {
		var got []string
		for _, p := range fs.pieces(tt.run) {
			if p.own != nil {
				got = append(got, "+"+p.text)
			} else {
				got = append(got, p.text)
			}
		}
		if g := strings.Join(got, "|"); g != tt.want {
			t.Errorf("pieces(%s) = %s, want %s", tt.run, g, tt.want)
		}
	}
}
