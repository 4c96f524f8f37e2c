package tokumu_test

import (
	"testing"

	"github.com/tokumu/tokumu"
)

// TestLabel: the one label policy — the reader's language, then English,
// then a romanization, then any; an alias only when nothing else.
func TestLabel(t *testing.T) {
	n := func(text, lang string, kind tokumu.NameKind) tokumu.Name {
		return tokumu.Name{Text: text, Lang: lang, Kind: kind}
	}
	brem := &tokumu.Entity{ID: "brem", Names: []tokumu.Name{
		n("Бюро по делам российских эмигрантов", "ru", ""), n("Byuro po delam rossiyskikh emigrantov", "ru-Latn", tokumu.Romanized),
		n("Bureau for Russian Emigrants", "en", "")}}
	doihara := &tokumu.Entity{ID: "doihara-kenji", Names: []tokumu.Name{
		n("土肥原賢二", "ja", ""), n("Doihara Kenji", "ja-Latn", ""), n("Доихара Кэндзи", "ru", tokumu.Transcribed),
		n("Lawrence of Manchuria", "en", tokumu.Alias)}}
	gs := &tokumu.Entity{ID: "gs", Names: []tokumu.Name{n("参謀本部", "ja", ""), n("Sanbō Honbu", "ja-Latn", ""),
		n("Imperial Japanese Army General Staff", "en", "")}}
	cover := &tokumu.Entity{ID: "ramsay", Names: []tokumu.Name{n("Ramsay", "en", tokumu.Codename)}}
	for _, tt := range []struct {
		e          *tokumu.Entity
		lang, want string
	}{
		{brem, "ja", "Bureau for Russian Emigrants"}, // English before a romanization of Russian
		{brem, "ru", "Бюро по делам российских эмигрантов"},
		{brem, "en", "Bureau for Russian Emigrants"},
		{doihara, "en", "Doihara Kenji"}, // a romanization before an English alias
		{doihara, "ru", "Доихара Кэндзи"},
		{gs, "ru", "Imperial Japanese Army General Staff"}, // no Russian name: the English one
		{gs, "ja", "参謀本部"},
		{cover, "ja", "Ramsay"}, // no proper name: the cover name
		{&tokumu.Entity{ID: "nameless"}, "en", "nameless"},
	} {
		if got := tt.e.Label(tt.lang); got != tt.want {
			t.Errorf("%s in %s: %q, want %q", tt.e.ID, tt.lang, got, tt.want)
		}
	}
}
