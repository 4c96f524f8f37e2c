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

// NameOn gives the dated name an entity bore on a day: the Russia Group
// before June 1936, the Russia Section after; nothing where no dated name
// covers the day, and never an alias. NameDuring does the same for a span
// of days.
func TestNameOn(t *testing.T) {
	w := func(s string) tokumu.When {
		v, _, err := tokumu.ParseWhen(s)
		if err != nil {
			t.Fatal(err)
		}
		return v
	}
	e := &tokumu.Entity{ID: "sec", Names: []tokumu.Name{
		{Text: "ロシア班", Lang: "ja", Kind: tokumu.Former, When: w("/1936-06")},
		{Text: "ロシア課", Lang: "ja", Kind: tokumu.Native, When: w("1936-06/1945-08")},
		{Text: "第五課", Lang: "ja", Kind: tokumu.Alias, When: w("1936-06/1945-08")},
		{Text: "Russia Section", Lang: "en", Kind: tokumu.Native},
	}}
	for _, tt := range []struct {
		lang, day, want string
	}{
		{"ja", "1935-08-01", "ロシア班"},
		{"ja", "1937-01-01", "ロシア課"},
		{"ja", "1946-01-01", ""},
		{"ja", "1936-06-20", ""}, // both names cover June 1936: not known which
		{"ja", "..", ""},         // an unknown start is no day
		{"en", "1935-08-01", ""},
	} {
		d := tokumu.MinDay
		if tt.day != ".." {
			d = w(tt.day).Earliest
		}
		if got := e.NameOn(tt.lang, d); got != tt.want {
			t.Errorf("NameOn(%s, %s) = %q, want %q", tt.lang, tt.day, got, tt.want)
		}
	}
	// Over several days: the name borne on all of them, or nothing.
	for _, tt := range []struct {
		from, to, want string
	}{
		{"1932-01-01", "1935-12-31", "ロシア班"},
		{"1937-01-01", "1945-08-01", "ロシア課"},
		{"1934-01-01", "1938-12-31", ""}, // renamed in between
		{"1937-01-01", "1946-12-31", ""}, // past the last dated name
		{"1938-01-01", "1937-01-01", ""}, // no days
	} {
		if got := e.NameDuring("ja", w(tt.from).Earliest, w(tt.to).Earliest); got != tt.want {
			t.Errorf("NameDuring(ja, %s, %s) = %q, want %q", tt.from, tt.to, got, tt.want)
		}
	}
}
