package e2e

import (
	"context"
	"net"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/tokumu/tokumu"
	"github.com/tokumu/tokumu/internal/corpustest"
	"github.com/tokumu/tokumu/web"
)

// editServer serves a copy of the embedded corpus of its own (the other
// tests' server must not see the edits) with an editor account, and
// returns its URL and the account's API token.
func editServer(t *testing.T) (string, string) {
	t.Helper()
	ctx := context.Background()
	dir, err := os.MkdirTemp("", "tokumu-e2e-edit-")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { os.RemoveAll(dir) })
	db, err := corpustest.Open(ctx, filepath.Join(dir, "tokumu.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	text, tok, err := tokumu.NewToken("alice", tokumu.TokenAPI, time.Now(), 0)
	if err != nil {
		t.Fatal(err)
	}
	if err := db.AddAccount(ctx, &tokumu.Account{Name: "alice", Role: tokumu.RoleEditor, Created: tok.Created}, tok); err != nil {
		t.Fatal(err)
	}
	srv, err := web.New(ctx, db)
	if err != nil {
		t.Fatal(err)
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	sctx, cancel := context.WithCancel(ctx)
	t.Cleanup(cancel)
	go srv.ListenAndServe(sctx, ln)
	return "http://" + ln.Addr().String(), text
}

// TestEditAndRevert: an editor signs in with a token in Chromium, adds a
// claim on an entity's page through the form, sees it on its page and in
// search, edits it from the claim's page, finds both on /changes with
// author and reason, reverts the edit there (the first note is back) and
// then the creation (the claim is gone), and /changes lists the reverts.
func TestEditAndRevert(t *testing.T) {
	base, token := editServer(t)
	b := newBrowser(t)
	const note = "Editor test: the organ kept a second office near the station"
	const reason = "Seen in the 1939 staff list"

	// The entity page offers the form; signed out, it leads to sign-in.
	b.run(t, "the entity page", chromedp.Navigate(base+"/entities/harbin-tokumu-kikan"),
		chromedp.WaitVisible(`a[href="/entities/harbin-tokumu-kikan/claims/new"]`),
		chromedp.Click(`a[href="/entities/harbin-tokumu-kikan/claims/new"]`),
		chromedp.WaitVisible(`#token`))
	b.run(t, "signing in", chromedp.SendKeys(`#token`, token), chromedp.Submit(`#token`),
		chromedp.WaitVisible(`#f-predicate`))
	var title string
	b.run(t, "the form", chromedp.Title(&title))
	if !strings.HasPrefix(title, "Add a claim") {
		t.Fatalf("after signing in the page is %q; want the claim form", title)
	}
	b.check(t, "sign-in and form")
	b.run(t, "filling the form",
		chromedp.SetValue(`#f-predicate`, "located_in"),
		chromedp.SendKeys(`#f-object`, "harbin"),
		chromedp.SendKeys(`#f-when`, "1939"),
		chromedp.SetValue(`#f-source`, "zor22"),
		chromedp.SendKeys(`#f-loc`, "p/5"),
		chromedp.SendKeys(`#f-note`, note),
		chromedp.SendKeys(`#f-reason`, reason),
		chromedp.Submit(`#f-reason`),
		chromedp.WaitVisible(`article.claim`))
	var claimURL, text string
	b.run(t, "the new claim's page", chromedp.Location(&claimURL), chromedp.Text(`article.claim`, &text))
	if !strings.Contains(claimURL, "/claims/harbin-tokumu-kikan~") || !strings.Contains(text, note) {
		t.Fatalf("after saving: %s shows %q; want the new claim with its note", claimURL, text)
	}
	b.screenshot(t, "edit-claim")
	b.check(t, "the new claim")
	// Seen on the entity's page and in search.
	b.run(t, "the entity page after the edit", chromedp.Navigate(base+"/entities/harbin-tokumu-kikan"),
		chromedp.WaitVisible(`#claims-h`), chromedp.Text(`main`, &text))
	if !strings.Contains(text, "second office near the station") {
		t.Errorf("the entity page lacks the new claim's note")
	}
	b.run(t, "search", chromedp.Navigate(base+"/search?q=second+office+near+the+station"),
		chromedp.WaitVisible(`main`), chromedp.Text(`main`, &text))
	if !strings.Contains(text, "second office") {
		t.Errorf("search lacks the new claim: %.500s", text)
	}
	// Edit it from its page: a new note, then revert that edit on
	// /changes, then the creation.
	const note2 = "Editor test: the office was in the consulate"
	b.run(t, "the edit form", chromedp.Navigate(claimURL), chromedp.WaitVisible(`a[href$="/edit"]`),
		chromedp.Click(`a[href$="/edit"]`), chromedp.WaitVisible(`#f-note`),
		chromedp.SetValue(`#f-note`, note2), chromedp.SendKeys(`#f-reason`, "The consulate, per the 1940 list"),
		chromedp.Submit(`#f-reason`), chromedp.WaitVisible(`article.claim`), chromedp.Text(`article.claim`, &text))
	if !strings.Contains(text, note2) {
		t.Fatalf("after the edit the claim shows %q; want the new note", text)
	}
	b.check(t, "the edit")
	b.run(t, "/changes", chromedp.Navigate(base+"/changes"), chromedp.WaitVisible(`#r2`), chromedp.Text(`#r1`, &text))
	if !strings.Contains(text, "alice") || !strings.Contains(text, reason) || !strings.Contains(text, "created claim") {
		t.Fatalf("/changes r1: %q; want alice, the reason and the created claim", text)
	}
	b.run(t, "/changes r2", chromedp.Text(`#r2`, &text))
	if !strings.Contains(text, "alice") || !strings.Contains(text, "The consulate, per the 1940 list") || !strings.Contains(text, "changed claim") || !strings.Contains(text, "note: ") {
		t.Fatalf("/changes r2: %q; want alice, the reason and the note's change", text)
	}
	b.screenshot(t, "edit-changes")
	b.run(t, "reverting the edit", chromedp.SendKeys(`#reason-2`, "the station it was"), chromedp.Click(`#r2 button`),
		chromedp.WaitVisible(`#r3`), chromedp.Text(`#r3`, &text))
	if !strings.Contains(text, "alice") || !strings.Contains(text, "revert r2: the station it was") {
		t.Errorf("/changes r3: %q; want alice's revert of r2", text)
	}
	b.run(t, "the claim after reverting the edit", chromedp.Navigate(claimURL), chromedp.WaitVisible(`article.claim`), chromedp.Text(`article.claim`, &text))
	if !strings.Contains(text, note) || strings.Contains(text, note2) {
		t.Errorf("after reverting the edit the claim shows %q; want the first note back", text)
	}
	b.run(t, "reverting the creation", chromedp.Navigate(base+"/changes"), chromedp.WaitVisible(`#reason-1`),
		chromedp.SendKeys(`#reason-1`, "test edit"), chromedp.Click(`#r1 button`),
		chromedp.WaitVisible(`#r4`), chromedp.Text(`#r4`, &text))
	if !strings.Contains(text, "revert r1: test edit") || !strings.Contains(text, "retracted claim") {
		t.Errorf("/changes r4: %q; want the revert of r1 retracting the claim", text)
	}
	b.check(t, "/changes")
	b.run(t, "the claim after the revert", chromedp.Navigate(claimURL), chromedp.WaitVisible(`main`), chromedp.Text(`main`, &text))
	if !strings.Contains(text, "404") {
		t.Errorf("the reverted claim's page: %q; want 404", text)
	}
}
