package e2e

import (
	"regexp"
	"slices"
	"strings"
	"testing"
	"unicode"

	"github.com/chromedp/chromedp"

	"github.com/tokumu/tokumu/web/i18n"
)

// chromeJS returns what a reader sees of the interface on the page: the
// body's text, the aria-labels and placeholders, the meta description and
// the title,
// without what is data rather than chrome — names (entity links, the
// names table, the options that list entities), corpus and source text
// (notes, claim values, references, snippets, source titles, and the
// aria-labels that hold them: a graph's nodes, a map's markers, a source
// link's key and title, the mini timeline's rows) and any
// element marked with a language other than the page's (an English
// summary on a Japanese page says lang="en"). The marker "(in English)"
// beside such a text carries the page's language and is kept.
const chromeJS = `(() => {
  const lang = document.documentElement.lang;
  const data = 'a.ent, .ref, .ref-words, .note, .val, code, .cite-short, .snippet, .hit-title, .name, td.name, script, style, noscript, ' +
    'svg text, svg title, article.source > h1, .ent-head h1, .chicago, .gost, .sist, .why, .role, .unit, .summary, .gloss, .thesis-text, ' +
    'select[name=root] option, select[name=by] option, select[name=subject] option, select[name=org] option, ' +
    'select[name=place] option, select[name=period] option, select[name=unit] option, select[name=tag] option';
  const body = document.body.cloneNode(true);
  body.querySelectorAll('[lang]').forEach((e) => { if (e.getAttribute('lang') !== lang) e.remove(); });
  body.querySelectorAll(data).forEach((e) => e.remove());
  const attrs = [...body.querySelectorAll('[aria-label], [placeholder]')].filter((e) => !e.matches('a.node, a.mk, a.src, svg.mini a'))
    .map((e) => (e.getAttribute('aria-label') || '') + ' ' + (e.getAttribute('placeholder') || ''));
  const meta = document.querySelector('meta[name=description]');
  // The title, except where it is a name (an entity's or a source's page).
  const title = document.querySelector('article.entity, article.source') ? '' : document.title;
  return [body.textContent, ...attrs, meta ? meta.content : '', title].join('\n');
})()`

// fragmentRE splits a message at its verbs (%[1]d, %s, %%).
var fragmentRE = regexp.MustCompile(`%(\[\d+\])?[-+# 0]*\d*(\.\d+)?[a-zA-Z%]`)

// englishFragments returns the literal parts of every English message
// that a page in lang must not show: a whole message of three letters or
// more ("Map"), or a part between verbs that is long enough not to be a
// word of any English sentence (two words, or one of eight letters:
// "organizations", not "and"), trimmed, and not one of the texts that are
// the same in every language (i18n.Neutral: "JSON API").
func englishFragments() []string {
	seen := map[string]bool{}
	var out []string
	for _, key := range i18n.Keys() {
		// The corpus's own words (tags, posts, units) are not chrome: a source id
		// such as khabarovsk-trial-1950 holds "trial". Pages show them in
		// the page's language (TestFiguresInPageLanguage,
		// TestCorpusTagsTranslated), and the CLI's messages are no page's.
		if strings.HasPrefix(key, "tag.") || strings.HasPrefix(key, "post.") || strings.HasPrefix(key, "unit.") || strings.HasPrefix(key, "qty.") || strings.HasPrefix(key, "cli.") {
			continue
		}
		for _, v := range i18n.Catalogues["en"][key].Variants() {
			parts := fragmentRE.Split(v, -1)
			for _, part := range parts {
				f := strings.TrimFunc(part, func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) })
				letters := 0
				for _, r := range f {
					if unicode.IsLetter(r) {
						letters++
					}
				}
				if len(parts) > 1 && len(strings.Fields(f)) < 2 && letters < 8 {
					continue
				}
				if letters < 3 || seen[f] || slices.Contains(i18n.Neutral, f) {
					continue
				}
				seen[f] = true
				out = append(out, f)
			}
		}
	}
	return out
}

// TestNoEnglishChrome walks every page type in Japanese and in Russian
// and fails on any string of the English catalogue in the interface (the
// issue's "navigation, headings, buttons … stay English under
// <html lang="ja">"). It is shown to fail by the check at its end: the
// same walk over an English page finds the English.
func TestNoEnglishChrome(t *testing.T) {
	base := server(t)
	pages := append(slices.Clone(axePages),
		axePage{"ledger", "/ledger", "table.ledger tr"},
		axePage{"ach-index", "/ach", "ul.matrices li a"},
		axePage{"ach", "/ach/imperial-conference-1941", "table.ach td.rating"},
		axePage{"disagreements", "/disagreements", "div.dis"},
		axePage{"audit", "/audit", "div.finding"},
		axePage{"error", "/entities/nobody", "main h1"},
		axePage{"structure-compare", "/structure?root=kwantung-army&date=1939-06-01&compare=1941-06-01", "#chart-b li.org"},
	)
	for _, lang := range []string{"ja", "ru"} {
		frags := englishFragments()
		if len(frags) < 250 {
			t.Fatalf("%s: only %d English fragments to look for; is the catalogue read?", lang, len(frags))
		}
		res := make([]*regexp.Regexp, len(frags))
		for i, f := range frags {
			res[i] = regexp.MustCompile(`(^|[^\pL])` + regexp.QuoteMeta(f) + `($|[^\pL])`)
		}
		t.Run(lang, func(t *testing.T) {
			b := newBrowser(t)
			for _, p := range pages {
				t.Run(p.name, func(t *testing.T) {
					sep := "?"
					if strings.Contains(p.path, "?") {
						sep = "&"
					}
					u := base + p.path + sep + "lang=" + lang
					var text, htmlLang string
					b.run(t, "load "+u, chromedp.Navigate(u), ready(p.ready),
						chromedp.Evaluate(chromeJS, &text), chromedp.Evaluate(`document.documentElement.lang`, &htmlLang))
					if htmlLang != lang {
						t.Errorf("%s declares <html lang=%q>", u, htmlLang)
					}
					for i, re := range res {
						if loc := re.FindStringIndex(text); loc != nil {
							t.Errorf("%s shows the English %q: …%s…", u, frags[i], text[max(0, loc[0]-60):min(len(text), loc[1]+60)])
						}
					}
					if p.name == "error" {
						b.mu.Lock()
						b.errs = nil // the 404 the page answers with is logged as a failed load
						b.mu.Unlock()
					}
					b.check(t, u)
				})
			}
			// The map's list and count are redrawn by its script when the
			// year moves: they must stay in the page's language.
			u := base + "/map?year=1939&lang=" + lang
			var text string
			b.run(t, "map year", chromedp.Navigate(u), ready("#map-svg a.mk.ev"),
				chromedp.SetValue("#map-year", "1938"), chromedp.Evaluate(`document.getElementById('map-year').dispatchEvent(new Event('input'))`, nil),
				chromedp.Poll(`document.getElementById('map-svg').dataset.year === '1938'`, nil),
				chromedp.Evaluate(chromeJS, &text))
			for i, re := range res {
				if re.MatchString(text) {
					t.Errorf("%s after moving the year shows the English %q", u, frags[i])
				}
			}
			b.check(t, u)
		})
	}
	// The check can fail: English pages show English.
	b := newBrowser(t)
	var text string
	b.run(t, "english", chromedp.Navigate(base+"/sources?lang=en"), ready("ol.bib li"), chromedp.Evaluate(chromeJS, &text))
	found := 0
	for _, f := range englishFragments() {
		if strings.Contains(text, f) {
			found++
		}
	}
	if found < 10 {
		t.Errorf("the English /sources shows only %d English fragments; the check would not notice English chrome", found)
	}
}

// TestDateInputsISO: date fields show and take ISO dates (1939-06-01)
// whatever the browser's locale — a type=date field would show 01.06.1939
// or 6/1/1939 — and a typed date reaches the chart.
func TestDateInputsISO(t *testing.T) {
	base := server(t)
	b := newBrowser(t)
	for _, path := range []string{"/structure?root=kwantung-army&date=1939-06-01&lang=ru", "/estimates", "/search?q=Harbin", "/timeline", "/network"} {
		var n int
		b.run(t, path, chromedp.Navigate(base+path), chromedp.WaitVisible("main h1"),
			chromedp.Evaluate(`document.querySelectorAll('input[type=date], input[type=datetime-local], input[type=month]').length`, &n))
		if n != 0 {
			t.Errorf("%s has %d locale-formatted date inputs", path, n)
		}
	}
	var val, pattern string
	b.run(t, "structure", chromedp.Navigate(base+"/structure?root=kwantung-army&date=1939-06-01&lang=ru"), chromedp.WaitVisible("#st-date"),
		chromedp.Value("#st-date", &val), chromedp.AttributeValue("#st-date", "pattern", &pattern, nil))
	if val != "1939-06-01" {
		t.Errorf("#st-date shows %q, want 1939-06-01", val)
	}
	b.run(t, "type a date", chromedp.Evaluate(`document.getElementById('st-compare').value = ''`, nil),
		chromedp.SendKeys("#st-compare", "1941-06-01"),
		chromedp.Evaluate(`document.getElementById('st-form').requestSubmit()`, nil),
		chromedp.WaitVisible(`#chart-b[data-date="1941-06-01"]`))
	b.check(t, "structure with a typed date")
}
