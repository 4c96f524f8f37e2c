package web

import (
	"html/template"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/tokumu/tokumu"
)

// gostRef is a source's full reference as a Russian reference list writes
// it (ГОСТ Р 7.0.5, the form of notes and lists in Russian historical
// work), for the Russian pages: "Яковкин Е. В. Русские солдаты Квантунской
// армии. – М. : Вече, 2014. – ISBN …", an article "… // Проблемы Дальнего
// Востока. – 2022. – Т. 4, № 1. – С. 138–149.", a web page "… – URL: …
// (дата обращения: 03.12.2026)." Up to three authors head the entry, as
// «Фамилия И. О.»; with four or more the title comes first and the first
// author follows it with «[и др.]». Editors follow as «ред. И. О. Фамилия»,
// the nominative that needs no declension, after the book they edited. A Russian work's place of
// publication is abbreviated as Russian lists do (М., СПб., Л.); a work
// in another language keeps its own.
func (b *base) gostRef(s *tokumu.Source) template.HTML {
	h, _ := b.gost(s)
	return h
}

// gostText is gostRef as plain text, for the «Цит. по:» citation of a
// claim: the work it rests on, then the dataset.
func (b *base) gostText(s *tokumu.Source) string {
	_, t := b.gost(s)
	return t
}

func (b *base) gost(s *tokumu.Source) (template.HTML, string) {
	var w gostWriter
	l := b.SourceLang(s)
	attr := ""
	if l != "" {
		attr = " " + string(l)
	}
	var persons []tokumu.Agent
	var bodies []string
	for _, a := range s.Authors {
		if a.Literal != "" {
			bodies = append(bodies, a.Literal)
		} else {
			persons = append(persons, a)
		}
	}
	if n := len(persons); n >= 1 && n <= 3 {
		names := make([]string, n)
		for i, a := range persons {
			names[i] = gostHeading(a)
		}
		w.html(`<span`+attr+`>`, "")
		w.text(strings.Join(names, ", "))
		w.html(`</span>`, "")
		w.text(" ")
	}
	w.html(`<cite`+attr+`>`, "")
	w.text(s.Title)
	w.html(`</cite>`, "")
	if g := b.TitleGloss(s); g != "" && !strings.HasPrefix(s.Language, "en") {
		w.html(` [<span lang="en">`, " [")
		w.text(g)
		w.html(`</span>]`, "]")
	}
	var resp []string
	if len(persons) > 3 {
		resp = append(resp, gostDirect(persons[0])+" [и др.]")
	}
	resp = append(resp, bodies...)
	var eds string
	if len(s.Editors) > 0 {
		names := make([]string, len(s.Editors))
		for i, a := range s.Editors {
			names[i] = gostDirect(a)
		}
		eds = "ред. " + strings.Join(names, ", ")
	}
	if eds != "" && s.Container == "" {
		resp = append(resp, eds) // a book's editors
	}
	if len(resp) > 0 {
		w.text(" / " + strings.Join(resp, " ; "))
	}
	year := s.Year()
	part := s.Container != "" && (strings.HasPrefix(s.Type, "article") || strings.HasPrefix(s.Type, "entry") ||
		strings.HasPrefix(s.Type, "post") || s.Type == "webpage" || s.Type == "chapter" || s.Type == "paper-conference")
	if s.Container != "" {
		w.text(" // " + s.Container)
		if eds != "" {
			w.text(" / " + eds) // the editors of the book the part is in
		}
	}
	if part {
		if year != "" {
			w.area(year)
		}
		w.volumeIssue(s.Volume, s.Issue)
	} else {
		w.area(s.Edition)
		pub := ""
		if place := gostPlace(s); place != "" {
			pub = place
			if s.Publisher != "" {
				pub += " : " + s.Publisher
			}
		} else {
			pub = s.Publisher
		}
		if year != "" {
			if pub != "" {
				pub += ", "
			}
			pub += year
		}
		w.area(pub)
		w.volumeIssue(s.Volume, s.Issue)
	}
	if s.Pages != "" {
		w.area("С. " + s.Pages)
	}
	if s.Archive != "" {
		a := s.Archive
		if s.ArchiveLocation != "" {
			a += ", " + s.ArchiveLocation
		}
		w.area(a)
	}
	if s.URL != "" {
		w.area("URL: ")
		w.html(`<a href="`+esc(s.URL)+`" rel="noreferrer">`, "")
		w.text(s.URL)
		w.html(`</a>`, "")
		if d := gostDate(s.Accessed); d != "" {
			w.text(" (дата обращения: " + d + ")")
		}
	}
	if s.DOI != "" {
		w.area("DOI: " + s.DOI)
	}
	if s.ISBN != "" {
		w.area("ISBN " + s.ISBN)
	}
	w.end()
	text := w.p.String()
	w.html(` <span class="kind">`+esc(b.TypeName("kind.", string(s.Kind)))+`</span>`, "")
	return template.HTML(`<p class="ref">` + w.b.String() + `</p>`), text
}

// ShortCite is a source's short citation (tokumu.Source.Cite) with its
// "et al." in the page's language: «Богданов и др.», 「Kolpakidi ほか」.
func (b *base) ShortCite(s *tokumu.Source) string {
	c := s.Cite()
	if b.Lang != "en" {
		c = strings.Replace(c, " et al.", b.T("ref.etal"), 1)
	}
	return c
}

// BriefCite names a source where a table or a chart has no room for its
// title: the first author (and «и др.», "et al.") and the year, "Яковкин
// 2014"; a work of an institution by its title, cut to 40 characters, and
// year; the bibliography key for a source the snapshot lacks.
func (b *base) BriefCite(key string) string {
	s := b.Source(key)
	if s == nil {
		return key
	}
	var who string
	if len(s.Authors) > 0 && s.Authors[0].Literal == "" {
		who = s.Authors[0].Family
		if len(s.Authors) > 1 {
			who += b.T("ref.etal")
		}
	} else {
		// An institution ("Wikipedia contributors", a ministry) names
		// many works: the title tells them apart.
		who = s.Title
		if r := []rune(who); len(r) > 40 {
			who = strings.TrimSpace(string(r[:39])) + "…"
		}
	}
	if y := s.Year(); y != "" {
		who = strings.TrimSpace(who + " " + y)
	}
	if who == "" {
		return key
	}
	return who
}

// BriefCiteHTML is BriefCite marked with the source's language where it
// is not the page's, so that a screen reader reads "Anti-Soviet
// Operations…" on a Japanese page with an English voice.
func (b *base) BriefCiteHTML(key string) template.HTML {
	t := esc(b.BriefCite(key))
	if l := b.SourceLang(b.Source(key)); l != "" {
		return template.HTML(`<span ` + string(l) + `>` + t + `</span>`)
	}
	return template.HTML(t)
}

// gostWriter builds a reference's HTML, remembering the last character
// of its text so that a full stop is never doubled ("1941–1945 гг." then
// ". –" gives "гг. –").
type gostWriter struct {
	b, p strings.Builder // the HTML and the plain text
	last rune
}

func (w *gostWriter) text(s string) {
	if s == "" {
		return
	}
	w.b.WriteString(esc(s))
	w.p.WriteString(s)
	w.last, _ = utf8.DecodeLastRuneInString(s)
}

// html writes markup; plain is its text.
func (w *gostWriter) html(h, plain string) {
	w.b.WriteString(h)
	if plain != "" {
		w.p.WriteString(plain)
		w.last, _ = utf8.DecodeLastRuneInString(plain)
	}
}

// gostLocator is a locator as Russian notes write it: «С. 103» for
// "p. 103" or "pp. 856–857"; any other locator as it is.
func gostLocator(loc string) string {
	for _, p := range []string{"pp. ", "p. "} {
		if rest, ok := strings.CutPrefix(loc, p); ok {
			return "С. " + rest
		}
	}
	return loc
}

// area begins an area of the description: ". – " after a full stop's
// absence, " – " after one.
func (w *gostWriter) area(s string) {
	if s == "" {
		return
	}
	if w.last == '.' || w.last == '?' || w.last == '!' {
		w.text(" – ")
	} else {
		w.text(". – ")
	}
	w.text(s)
}

// volumeIssue is "Т. 4, № 1", or either alone.
func (w *gostWriter) volumeIssue(vol, issue string) {
	var parts []string
	if vol != "" {
		parts = append(parts, "Т. "+vol)
	}
	if issue != "" {
		parts = append(parts, "№ "+issue)
	}
	if len(parts) > 0 {
		w.area(strings.Join(parts, ", "))
	}
}

// end closes the description with a full stop unless it ends with one.
func (w *gostWriter) end() {
	if w.last != '.' && w.last != '?' && w.last != '!' && w.last != 0 {
		w.text(".")
	}
}

// gostHeading is an author as a Russian list heads an entry: «Яковкин Е. В.»,
// «Goldman S. D.»; a name written in Han or kana stays as written.
func gostHeading(a tokumu.Agent) string {
	if a.Given == "" || eastAsianName(a) {
		return a.Family + a.Given
	}
	return a.Family + " " + initials(a.Given)
}

// gostDirect is an author as the statement of responsibility names him:
// «Е. В. Яковкин».
func gostDirect(a tokumu.Agent) string {
	switch {
	case a.Literal != "":
		return a.Literal
	case a.Given == "" || eastAsianName(a):
		return a.Family + a.Given
	}
	return initials(a.Given) + " " + a.Family
}

// initials are a given name and patronymic as initials: «Александр
// Геннадьевич» → «А. Г.», «Stuart D.» → «S. D.», «Жан-Поль» → «Ж.-П.».
func initials(given string) string {
	var out []string
	for _, word := range strings.Fields(given) {
		var parts []string
		for _, p := range strings.Split(word, "-") {
			r, _ := utf8.DecodeRuneInString(p)
			if r == utf8.RuneError || !unicode.IsLetter(r) {
				continue
			}
			parts = append(parts, string(r)+".")
		}
		if len(parts) > 0 {
			out = append(out, strings.Join(parts, "-"))
		}
	}
	return strings.Join(out, " ")
}

func eastAsianName(a tokumu.Agent) bool {
	return strings.ContainsFunc(a.Family+a.Given, func(r rune) bool {
		return unicode.In(r, unicode.Han, unicode.Hiragana, unicode.Katakana, unicode.Hangul)
	})
}

// gostPlaces are the places of publication a Russian list abbreviates
// or writes in Russian, for works in Russian.
var gostPlaces = map[string]string{
	"Moscow": "М.", "Москва": "М.", "Saint Petersburg": "СПб.", "St Petersburg": "СПб.", "St. Petersburg": "СПб.",
	"Санкт-Петербург": "СПб.", "Leningrad": "Л.", "Ленинград": "Л.", "Novosibirsk": "Новосибирск",
	"Vladivostok": "Владивосток", "Khabarovsk": "Хабаровск", "Irkutsk": "Иркутск", "Chita": "Чита",
	"Blagoveshchensk": "Благовещенск", "Tomsk": "Томск", "Yekaterinburg": "Екатеринбург", "Kazan": "Казань",
}

func gostPlace(s *tokumu.Source) string {
	if s.Place == "" {
		return ""
	}
	if strings.HasPrefix(s.Language, "ru") {
		if p, ok := gostPlaces[s.Place]; ok {
			return p
		}
	}
	return s.Place
}

// gostDate is an access date as Russian lists write it: 03.12.2026.
func gostDate(iso string) string {
	if len(iso) != 10 || iso[4] != '-' || iso[7] != '-' {
		return iso
	}
	return iso[8:10] + "." + iso[5:7] + "." + iso[:4]
}
