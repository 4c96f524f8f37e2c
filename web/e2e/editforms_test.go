package e2e

import (
	"regexp"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
)

const e2eBibTeX = `@book{E2eTest2026,
  author    = {Editorson, Test},
  title     = {Nomonhan Revisited: An Editor's Test},
  publisher = {Test Press},
  year      = {2026}
}`

// TestAddSourceEntityClaim: an editor signs in in Chromium, adds a source
// by pasting BibTeX (read into the fields, the language added, saved), adds
// a person with names in English, Japanese with its romaji, and Russian,
// adds a claim about them citing that source, finds them in search by the
// Japanese name, reads the entity's history (the entity and the claim,
// newest first), and reverts the claim on /changes. The forms and the
// history show no English chrome in Japanese and Russian, and pass axe
// (a form with a refused field too).
func TestAddSourceEntityClaim(t *testing.T) {
	axeSrc := loadAxe(t)
	base, token := editServer(t)
	b := newBrowser(t)
	var text, loc string

	// The source, through the paste box.
	b.run(t, "the sources page", chromedp.Navigate(base+"/sources"), chromedp.WaitVisible(`a[href="/sources/new"]`),
		chromedp.Click(`a[href="/sources/new"]`), chromedp.WaitVisible(`#token`))
	b.run(t, "signing in", chromedp.SendKeys(`#token`, token), chromedp.Submit(`#token`), chromedp.WaitVisible(`#f-paste`))
	b.run(t, "reading the paste", chromedp.SetValue(`#f-paste`, e2eBibTeX), chromedp.Click(`button[value=read]`),
		chromedp.WaitVisible(`#f-title[value^="Nomonhan Revisited"]`), chromedp.Value(`#f-id`, &text))
	if text != "e2etest2026" {
		t.Fatalf("the paste's id read as %q; want e2etest2026", text)
	}
	b.check(t, "the source form")
	b.run(t, "saving without a language", chromedp.SendKeys(`#f-reason`, "Needed for the test person"), chromedp.Click(`button[value=save]`),
		chromedp.WaitVisible(`#e-language`), chromedp.Text(`#e-language`, &text))
	if !strings.Contains(text, "language") {
		t.Errorf("the message beside the language field: %q", text)
	}
	b.audit(t, axeSrc, "the source form with a refused field")
	b.mu.Lock()
	b.errs = nil // the 400 the refused form answers with is logged as a failed load
	b.mu.Unlock()
	b.run(t, "saving the source", chromedp.SendKeys(`#f-language`, "en"), chromedp.Click(`button[value=save]`),
		chromedp.WaitVisible(`article.source`), chromedp.Location(&loc), chromedp.Text(`article.source`, &text))
	if !strings.HasSuffix(loc, "/sources/e2etest2026") || !strings.Contains(text, "Nomonhan Revisited") {
		t.Fatalf("after saving the source: %s shows %q", loc, text)
	}
	b.screenshot(t, "add-source")
	b.check(t, "the new source")

	// The entity, with names in three scripts.
	b.run(t, "the entity form", chromedp.Navigate(base+"/entities"), chromedp.WaitVisible(`a[href="/entities/new"]`),
		chromedp.Click(`a[href="/entities/new"]`), chromedp.WaitVisible(`#f-type`),
		chromedp.SetValue(`#f-type`, "person"),
		chromedp.SendKeys(`#f-name-en`, "Test Editorson"),
		chromedp.SendKeys(`#f-name-ja`, "試験編集者"),
		chromedp.SendKeys(`#f-name-ja-latn`, "Shiken Henshūsha"),
		chromedp.SendKeys(`#f-name-ru`, "Тест Редакторов"),
		chromedp.SendKeys(`#f-reason`, "A person for the editor test"),
		chromedp.Click(`button[value=save]`), chromedp.WaitVisible(`article.entity`), chromedp.Location(&loc), chromedp.Text(`article.entity`, &text))
	if !strings.HasSuffix(loc, "/entities/shiken-henshusha") || !strings.Contains(text, "試験編集者") || !strings.Contains(text, "Тест Редакторов") {
		t.Fatalf("after saving the entity: %s shows %q", loc, text)
	}
	b.screenshot(t, "add-entity")
	b.check(t, "the new entity")

	// A claim about it, citing the new source.
	b.run(t, "the claim form", chromedp.Click(`a[href="/entities/shiken-henshusha/claims/new"]`), chromedp.WaitVisible(`#f-predicate`),
		chromedp.SetValue(`#f-predicate`, "born"), chromedp.SendKeys(`#f-when`, "1901"),
		chromedp.SetValue(`#f-source`, "e2etest2026"), chromedp.SendKeys(`#f-loc`, "p. 1"),
		chromedp.SendKeys(`#f-reason`, "Born in 1901, says the test source"),
		chromedp.Submit(`#f-reason`), chromedp.WaitVisible(`article.claim`), chromedp.Location(&loc), chromedp.Text(`article.claim`, &text))
	claimURL := loc
	if !strings.Contains(loc, "/claims/shiken-henshusha~") || !strings.Contains(text, "e2etest2026") && !strings.Contains(text, "Editorson") {
		t.Fatalf("after saving the claim: %s shows %q", loc, text)
	}
	b.check(t, "the new claim")

	// Found by its Japanese name.
	b.run(t, "search", chromedp.Navigate(base+"/search?q=試験編集者"), chromedp.WaitVisible(`main a[href="/entities/shiken-henshusha"]`))

	// The entity's history, from its page.
	b.run(t, "the history", chromedp.Navigate(base+"/entities/shiken-henshusha"), chromedp.WaitVisible(`a[href="/entities/shiken-henshusha/history"]`),
		chromedp.Click(`a[href="/entities/shiken-henshusha/history"]`), chromedp.WaitVisible(`#r3`), chromedp.Text(`ol.changes`, &text))
	if i, j := strings.Index(text, "created claim"), strings.Index(text, "created entity"); i < 0 || j < 0 || i > j || strings.Contains(text, "created source") {
		t.Errorf("the entity's history: %q; want the claim (r3) above the entity (r2), without the source", text)
	}
	b.check(t, "the entity's history")

	// Revert the claim on /changes.
	b.run(t, "reverting the claim", chromedp.Navigate(base+"/changes"), chromedp.WaitVisible(`#reason-3`),
		chromedp.SendKeys(`#reason-3`, "test over"), chromedp.Click(`#r3 button`),
		chromedp.WaitVisible(`#r4`), chromedp.Text(`#r4`, &text))
	if !strings.Contains(text, "alice") || !strings.Contains(text, "revert r3: test over") || !strings.Contains(text, "retracted claim") {
		t.Errorf("/changes r4: %q; want alice's revert retracting the claim", text)
	}
	b.run(t, "the claim after the revert", chromedp.Navigate(claimURL), chromedp.WaitVisible(`main`), chromedp.Text(`main`, &text))
	if !strings.Contains(text, "404") {
		t.Errorf("the reverted claim's page: %q; want 404", text)
	}
	b.mu.Lock()
	b.errs = nil // the 404 is logged as a failed load
	b.mu.Unlock()

	// The new pages in Japanese and Russian show no English chrome.
	frags := englishFragments()
	for _, p := range []string{"/sources/new?lang=ja", "/entities/new?lang=ru", "/entities/shiken-henshusha/names/new?lang=ja",
		"/entities/shiken-henshusha/history?lang=ru", "/sources/new?lang=ru", "/entities/new?lang=ja", "/releases?lang=ja", "/releases?lang=ru",
		"/sources/e2etest2026/edit?lang=ja", "/sources/e2etest2026/edit?lang=ru"} {
		b.run(t, "load "+p, chromedp.Navigate(base+p), chromedp.WaitVisible(`main h1`), chromedp.Evaluate(chromeJS, &text))
		b.audit(t, axeSrc, p)
		for _, f := range frags {
			if regexp.MustCompile(`(^|[^\pL])` + regexp.QuoteMeta(f) + `($|[^\pL])`).MatchString(text) {
				t.Errorf("%s shows the English %q", p, f)
			}
		}
		b.check(t, p)
	}
}
