package web_test

import (
	"net/http/httptest"
	"testing"
)

// The analyses' pages and API on the embedded corpus, without JavaScript.
func TestAnalysesPages(t *testing.T) {
	ts := httptest.NewServer(embedded(t))
	defer ts.Close()
	checkURLs(t, ts.URL, []urlCase{
		{"/ledger", 200, []string{"Deception ledger", `id="op-maki-mirage"`, `id="op-soviet-disinformation-1923-1931"`, "sequence", "By period", "The same estimates and statements as the plant above.", `<ul class="said">`, "A Soviet offensive might begin on 14 or 15 August.",
			`<ul class="parties"><li>conducted by: <a href="/entities/ogpu-nkvd"`, "(the source says “Japanese military intelligence, as the central intelligence agency of the empire”)",
			"(the source says “日本側”)",
			// The Heihe agency, which received two Maki-Mirage plants, has no
			// organ linked to it: the page says so rather than only "none".
			"The organization chart links no organ to the receiver",
			// The 1945 plant's receiver, the Japanese army as a whole, reaches
			// the Kwantung Army through the chart (part_of): what that army's
			// command said afterwards is listed.
			"From March 1945 the Red Army&#39;s forces on the Manchurian border were growing"}, nil},
		// Once the analyses are built (the ledger above waited for them), an
		// operation's page links to its entry.
		{"/entities/maki-mirage", 200, []string{`<p class="ledger-link"><a href="/ledger#op-maki-mirage">Deception ledger</a>: planted: 3, estimates from the plant on: 9, certainly changed: 2 (0 up, 2 down; 0 across a plant, the rest after it); possibly changed: 1</p>`}, nil},
		{"/entities/harbin-tokumu-kikan", 200, nil, []string{`class="ledger-link"`}},
		{"/ach", 200, []string{`href="/ach/imperial-conference-1941"`, `href="/ach/lyushkov-defection-1938"`}, nil},
		{"/ach/imperial-conference-1941", 200, []string{"Japan waits for the ripe persimmon", "Download as CSV", `class="rating r-II"`, "Weighs decision-1941-08-09", "(the source says “陸軍”)"}, nil},
		// Russian and Japanese pages write ratings as signs, not Heuer's
		// letters, which read as source grades beside a C2.
		{"/ach/imperial-conference-1941?lang=ru", 200, []string{`<abbr title=`, `>−−</abbr><span class="vh"> (совсем не согласуется)`, "Баллы ставили:"}, []string{`>II</abbr>`, `>CC</abbr>`}},
		{"/ach/imperial-conference-1941", 200, []string{`>II</abbr><span class="vh"> (very inconsistent)`}, nil},
		{"/ach/nothing", 404, []string{"no matrix"}, nil},
		{"/estimates", 200, []string{`href="#organs"`, "Error by organ", `<span class="weak">(2 pairs on weak counts)</span>`, "or up to 31 days before them, never after"}, nil},
		// An organ the source does not name is shown with the source's words.
		{"/estimates?q=est-soviet-far-eastern-forces-strength-men", 200, []string{`<span class="weak">weak count: its source is graded D or worse</span>`, "up to 31 days before)", `class="ratios"`, `(the source says “<span lang="ru">японская военная разведка</span>”)`}, nil},
		{"/estimates?q=est-soviet-far-eastern-forces-strength-men&tolerance=0", 200, []string{`href="/estimates?tolerance=0#organs"`}, []string{"up to 31 days before"}},
		{"/estimates?tolerance=0&by=ija-general-staff", 200, []string{`value="0"`, `<option value="ija-general-staff" selected>`}, nil},
		{"/estimates?tolerance=x", 400, []string{"tolerance"}, nil},
		// Figures the sources give as bounds keep them, and so do the
		// ratios and changes computed from them.
		{"/estimates?q=est-57th-special-corps-strength-divisions", 200, []string{"≥4", "≥×1.00", `</a> <abbr class="grade`}, nil}, // each side of a pair with its grade
		{"/estimates?q=est-soviet-far-eastern-forces-strength-rifle_divisions", 200, []string{"≤28"}, nil},
		// The editors' ratings are graded D6 by rule; the page says they are
		// judgement, not evidence, beside the badge.
		{"/ach/imperial-conference-1941", 200, []string{`<span class="judgement">the editors&#39; judgement, not evidence</span>`}, nil},
		{"/ledger#bounds", 200, []string{"≤28", "≤&#43;17 (≤×2.55)", "≥4 divisions", "≥×1.00"}, nil},
		{"/ledger", 200, []string{"the ledger holds 16 plants in 6 operations.", `<th scope="col">Certainly changed</th>`}, nil},
		{"/ledger?lang=ru", 200, []string{"всего в журнале 16 подбросов в 6 операциях."}, nil},
		{"/network?ego=lyushkov-genrikh&undated=1&radius=1", 200, []string{`value="lyushkov-genrikh"`, `href="/entities/lyushkov-genrikh"`}, []string{`href="/entities/doihara-kenji"`}},
		// An undated link is drawn only within its organization's
		// life: the Intelligence Department was founded in 1940.
		{"/network?ego=mukden-tokumu-kikan&undated=1&radius=1&from=1930&to=1935", 200, nil, []string{`href="/entities/kwantung-army-intelligence-department"`}},
		{"/network?ego=mukden-tokumu-kikan&undated=1&radius=1&from=1941&to=1942", 200, []string{`href="/entities/kwantung-army-intelligence-department"`}, nil},
		{"/network?type=person&from=1938&to=1940", 200, []string{`<option value="person" selected>`}, []string{`class="ent t-organization"`}},
		{"/network?certain=1&from=1938&to=1940", 200, []string{"Most connected"}, nil},
		{"/api/ledger", 200, []string{`"operations"`, `"maki-mirage"`}, nil},
		// One operation, without the summary by period.
		{"/api/ledger?operation=maki-mirage", 200, []string{`"id":"maki-mirage"`, `"periods":[]`}, []string{`"id":"khalkhin-gol-deception-1939"`}},
		{"/api/ledger?operation=trust", 404, []string{`no operation \"trust\" in the ledger`, "maki-mirage"}, nil},
		{"/api/ach/lyushkov-defection-1938", 200, []string{`"hypotheses"`, `"hyp-1938-plant"`, `"without_weak"`}, nil},
		{"/api/ach/lyushkov-defection-1938?format=csv", 200, []string{"evidence,text,when,by,source,grade,weight,diagnosticity,", "— rating claim (tokumu editors)", "hyp-1938-plant-r06", "weighted inconsistency"}, nil},
		{"/api/path?from=lyushkov-genrikh&to=harbin-tokumu-kikan", 200, []string{`"harbin-tokumu-kikan"`, `"claims"`, `"source"`}, nil},
		// The evidence bounds a path's steps as it bounds the network's
		// links: an undated link to a department founded in 1940 is a
		// step in 1941, none in 1925.
		{"/api/path?from=mukden-tokumu-kikan&to=kwantung-army-intelligence-department&at=1941", 200, []string{`"mukden-tokumu-kikan~`}, nil},
		{"/api/path?from=mukden-tokumu-kikan&to=kwantung-army-intelligence-department&at=1925", 404, nil, []string{`"mukden-tokumu-kikan~`}},
		{"/api/path?from=lyushkov-genrikh", 400, []string{"parameter to is missing"}, nil},
		{"/api/path?from=lyushkov-genrikh&to=harbin-tokumu-kikan&at=1938-13", 400, []string{"not a date"}, nil},
		{"/api/estimates?by=ija-gs-2nd-bureau", 200, []string{`"tolerance_days":31`, `"pairs"`}, nil},
		// Weak counts left out: the General Staff's two 1941 pairs rest on
		// counts from sources graded D; without them no pair is weak.
		{"/api/estimates?counts=strong", 200, []string{`"strong_counts_only":true`, `"weak_counts_left_out":`}, []string{`"weak_count":true`}},
		{"/api/estimates", 200, []string{`"weak_count":true`}, []string{`"strong_counts_only"`}},
		{"/api/estimates?counts=some", 400, []string{"counts=strong"}, nil},
		{"/estimates?counts=strong&lang=ru", 200, []string{`name="counts" value="strong" checked`, "Слабые подсчёты исключены", `counts=strong`}, []string{`class="weak"`}},
	}, nil)
}
