package main

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/tokumu/tokumu"
	"github.com/tokumu/tokumu/corpus"
	"github.com/tokumu/tokumu/sqlite"
	"github.com/tokumu/tokumu/yamlcorpus"
)

// TestEmbeddedCorpus runs the foundation's done-criteria on the embedded
// corpus: the Harbin agency's heads with citations, and the 1940 change
// seen from 1939 and 1941. The database is built on first use.
func TestEmbeddedCorpus(t *testing.T) {
	// The default database, in a cache directory of the test's own: an
	// explicit --db must exist (see TestQuietMistakes).
	t.Setenv("XDG_CACHE_HOME", t.TempDir())
	db := ""
	code, out, errs := run(t, db, "show", "harbin-tokumu-kikan")
	if code != 0 {
		t.Fatalf("show: exit %d: %s", code, errs)
	}
	for _, want := range []string{"ハルビン特務機関", "Харбин", "headed by", "Doihara Kenji", "Higuchi Kiichirō", "[yak", "[nids-higuchi"} {
		if !strings.Contains(out, want) {
			t.Errorf("show harbin-tokumu-kikan lacks %q", want)
		}
	}
	_, before, _ := run(t, db, "at", "1939-06-01", "harbin-tokumu-kikan")
	if !strings.Contains(before, "status: exists") || !strings.Contains(before, "Harbin Special Service Agency — part of — Kwantung Army") {
		t.Errorf("at 1939-06-01:\n%s", before)
	}
	_, after, _ := run(t, db, "at", "1941-06-01", "harbin-tokumu-kikan")
	if !strings.Contains(after, "status: dissolved") || !strings.Contains(after, "became: Kwantung Army Intelligence Department") ||
		!strings.Contains(after, "Kwantung Army Intelligence Department — part of — Kwantung Army") {
		t.Errorf("at 1941-06-01:\n%s", after)
	}
	// A second run reuses the database: the embedded corpus has not changed.
	if code, _, errs := run(t, db, "stats"); code != 0 || strings.Contains(errs, "built") {
		t.Errorf("stats: exit %d, %s", code, errs)
	}
	if code, out, _ := run(t, db, "disagreements"); code != 0 || strings.Count(out, "\n") < 10 {
		t.Errorf("disagreements: exit %d, %d lines", code, strings.Count(out, "\n"))
	}
}

// TestShowResolvesEvidence: every evidence row of the ACH matrices on the
// embedded corpus names a claim that tokumu show resolves — a derived id
// (subject~hash) or an id of its own — printing its entity, citation and
// permalink; an id that is neither entity nor claim is still refused.
func TestShowResolvesEvidence(t *testing.T) {
	t.Setenv("XDG_CACHE_HOME", t.TempDir())
	code, out, errs := run(t, "", "ach", "--json")
	if code != 0 {
		t.Fatalf("ach --json: exit %d: %s", code, errs)
	}
	var ms []struct {
		ID   string `json:"id"`
		Rows []struct {
			Evidence struct {
				ID      string `json:"id"`
				Subject string `json:"subject"`
				Source  string `json:"source"`
			} `json:"evidence"`
		} `json:"rows"`
	}
	if err := json.Unmarshal([]byte(out), &ms); err != nil {
		t.Fatal(err)
	}
	if len(ms) < 2 {
		t.Fatalf("ach --json lists %d matrices, want the two of the corpus", len(ms))
	}
	derived, own := 0, 0
	for _, m := range ms {
		if len(m.Rows) < 12 {
			t.Errorf("matrix %s has %d evidence rows, want at least 12", m.ID, len(m.Rows))
		}
		for _, r := range m.Rows {
			id := r.Evidence.ID
			if strings.Contains(id, "~") {
				derived++
			} else {
				own++
			}
			code, out, errs := run(t, "", "show", id)
			if code != 0 || !strings.Contains(out, "["+r.Evidence.Subject+"]") && !strings.Contains(out, " · "+r.Evidence.Subject+"]") ||
				!strings.Contains(out, "["+r.Evidence.Source) || !strings.Contains(out, "/claims/"+id) {
				t.Errorf("show %s (matrix %s): exit %d, %s\n%s", id, m.ID, code, errs, out)
			}
		}
	}
	if derived == 0 || own == 0 {
		t.Errorf("evidence ids: %d derived, %d of their own; the test means to try both kinds", derived, own)
	}
	if code, _, errs := run(t, "", "show", "no-such-claim-or-entity"); code != 1 || !strings.Contains(errs, `no entity or claim "no-such-claim-or-entity"`) {
		t.Errorf("show of an unknown id: exit %d, %q", code, errs)
	}
}

// TestPathBoundedByEvidence: a path at a date takes no step the evidence
// rules out of it. The Mukden agency's place in the Kwantung Army
// Intelligence Department is undated, and the department was founded in
// 1940: it is a possible link in 1941, none in 1925 (before, path took it
// at any date).
func TestPathBoundedByEvidence(t *testing.T) {
	t.Setenv("XDG_CACHE_HOME", t.TempDir())
	code, out, errs := run(t, "", "path", "mukden-tokumu-kikan", "kwantung-army-intelligence-department", "--at", "1941", "--undated")
	if code != 0 || !strings.Contains(out, "Mukden special service agency → Kwantung Army Intelligence Department (possible)") {
		t.Errorf("path at 1941: exit %d, %s%s; want the undated link as a possible step", code, out, errs)
	}
	code, out, errs = run(t, "", "path", "mukden-tokumu-kikan", "kwantung-army-intelligence-department", "--at", "1925", "--undated")
	if code == 0 || !strings.Contains(errs, "no relations in this range") {
		t.Errorf("path at 1925: exit %d, %s%s; want no path (the department did not exist)", code, out, errs)
	}
}

// TestPathOddEnds: --at a year or a month says which day it reads; a
// place is no end of a path, and the message says why rather than
// suggesting another date; a path at 1938-06 takes no step through the
// battles of 1939 (a participation holds while the event went on).
func TestPathOddEnds(t *testing.T) {
	t.Setenv("XDG_CACHE_HOME", t.TempDir())
	if _, _, errs := run(t, "", "path", "lyushkov-genrikh", "harbin-tokumu-kikan", "--at", "1938-07"); !strings.Contains(errs, "--at 1938-07 is the day 1938-07-01; for any day of it give --from 1938-07 --to 1938-07") {
		t.Errorf("--at 1938-07: stderr %q; want the day it reads", errs)
	}
	if code, _, errs := run(t, "", "path", "higuchi-kiichiro", "otpor"); code != 1 || !strings.Contains(errs, "otpor is a place: the relation graph joins") {
		t.Errorf("a path to a place: exit %d, %q", code, errs)
	}
	if _, out, _ := run(t, "", "path", "zhukov-georgy", "57th-special-corps", "--at", "1938-06-01"); strings.Contains(out, "Battles of Khalkhin Gol") {
		t.Errorf("a path at June 1938 through the battles of 1939:\n%s", out)
	}
}

// TestExportImportName: the release every citation of the embedded
// corpus names is its files' hash; `export --release` with that name
// writes those files byte for byte (they hash to it, and a database
// imported from them names it again) or, in another format, their data;
// a database imported from files elsewhere says the name is its files',
// not a release it holds, and what to do.
func TestExportImportName(t *testing.T) {
	t.Setenv("XDG_CACHE_HOME", t.TempDir())
	want, err := yamlcorpus.Hash(corpus.FS)
	if err != nil {
		t.Fatal(err)
	}
	name := tokumu.ReleaseName(want)
	dir := filepath.Join(t.TempDir(), "rel")
	if code, _, errs := run(t, "", "export", "--release", name, "--format", "yaml", "-o", dir); code != 0 || !strings.Contains(errs, "the embedded corpus's own files, release "+name) {
		t.Fatalf("export --release %s: exit %d: %s", name, code, errs)
	}
	if got, err := yamlcorpus.Hash(os.DirFS(dir)); err != nil || got != want {
		t.Errorf("the files written hash to %s (%v); want %s", got, err, want)
	}
	db := filepath.Join(t.TempDir(), "re.db")
	if code, _, errs := run(t, db, "import", dir); code != 0 {
		t.Fatalf("import: %s", errs)
	}
	if _, out, _ := run(t, db, "stats"); !strings.Contains(out, name) {
		t.Errorf("a database imported from the files does not name release %s:\n%s", name, out)
	}
	if code, out, errs := run(t, "", "export", "--release", name, "--format", "ntriples"); code != 0 || !strings.Contains(out, "/entities/harbin-tokumu-kikan>") {
		t.Errorf("export --release %s --format ntriples: exit %d: %s", name, code, errs)
	}
	// A database imported from the files, then edited: the import's name
	// gives back the data as imported (the edit rolled back from the
	// history), in the exporter's files, and says they hash to another name.
	ctx := context.Background()
	sq, err := sqlite.Open(ctx, db, sqlite.Options{})
	if err != nil {
		t.Fatal(err)
	}
	cs, err := sq.Claims(ctx, tokumu.ClaimFilter{Subject: "harbin-tokumu-kikan", Limit: 1})
	if err != nil || len(cs) == 0 {
		t.Fatalf("claims: %v", err)
	}
	edited := *cs[0]
	edited.Locator = "edited after the import"
	if err := sq.Apply(ctx, &tokumu.Revision{Author: "test", Message: "an edit", Changes: []tokumu.Change{{Op: tokumu.OpPut, Kind: tokumu.KindClaim, ID: edited.ID, After: &edited}}}); err != nil {
		t.Fatal(err)
	}
	sq.Close()
	if _, out, _ := run(t, "", "release", "diff", dir, db); strings.Contains(out, "no changes") {
		t.Fatalf("the edit did not reach the database:\n%s", out)
	}
	back := filepath.Join(t.TempDir(), "back")
	code, _, errs := run(t, db, "export", "--release", name, "--format", "yaml", "-o", back)
	if code != 0 || !strings.Contains(errs, "is the corpus as imported") || !strings.Contains(errs, "hash to another name") {
		t.Fatalf("export --release of an edited database's import name: exit %d: %s", code, errs)
	}
	if code, out, errs := run(t, "", "release", "diff", dir, back); code != 0 || !strings.Contains(out, "no changes") {
		t.Errorf("the data written back differs from the files imported: exit %d\n%s%s", code, out, errs)
	}
}

// TestShowThenName: show names a claim's place as the claim met it,
// in the language asked for: the Otpor episode of 1938 took place at what
// is now Zabaykalsk, then the station Otpor.
func TestShowThenName(t *testing.T) {
	t.Setenv("XDG_CACHE_HOME", t.TempDir())
	for _, tt := range []struct{ lang, want string }{
		{"en", "at Zabaykalsk (then Otpor)"},
		{"ja", "ザバイカリスク（当時はオトポール）にて"},
		{"ru", "(место: Забайкальск, тогда — Отпор)"},
	} {
		code, out, errs := run(t, "", "show", "--lang", tt.lang, "otpor-incident-1938")
		if code != 0 || !strings.Contains(out, tt.want) {
			t.Errorf("show --lang %s otpor-incident-1938: exit %d, lacks %q:\n%s%s", tt.lang, code, tt.want, out, errs)
		}
	}
	// The ledger names an organ whose estimate it lists as it was then.
	if code, out, errs := run(t, "", "ledger"); code != 0 || !strings.Contains(out, "July 1932 700 tanks Workers' and Peasants' Red Army (Russia Section (5th Section), General Staff 2nd Bureau (then the Russia Group, General Staff 2nd Bureau); zor23") {
		t.Errorf("ledger: exit %d, lacks the Russia Group of 1932:\n%s%s", code, out, errs)
	}
	// path names each end of an edge as its claim met it.
	if code, out, errs := run(t, "", "path", "hata-hikosaburo", "ija-gs-russia-section"); code != 0 || !strings.Contains(out, "Hata Hikosaburō —head of→ Russia Section (5th Section), General Staff 2nd Bureau (then the Russia Group, General Staff 2nd Bureau)  1933–1934") {
		t.Errorf("path hata-hikosaburo ija-gs-russia-section: exit %d, lacks the Russia Group of 1933:\n%s%s", code, out, errs)
	}
	// at heads the entity with the name it bore on the day (exit 1: no
	// dated relation of the section held then).
	if code, out, errs := run(t, "", "at", "1935-06-01", "ija-gs-russia-section"); code > 1 || !strings.HasPrefix(out, "Russia Section (5th Section), General Staff 2nd Bureau (then the Russia Group, General Staff 2nd Bureau) [ija-gs-russia-section] on 1 June 1935\n") {
		t.Errorf("at 1935-06-01 ija-gs-russia-section: exit %d:\n%s%s", code, out, errs)
	}
}

// TestLedgerOne: `ledger ID` shows one operation without the summary by
// period, with its flags before or after the id; an unknown id names
// the operations there are. The flags of ledger and ach are per run: a
// --csv or --horizon given to one run is not the next run's default (as
// path's were once).
func TestLedgerOne(t *testing.T) {
	t.Setenv("XDG_CACHE_HOME", t.TempDir())
	code, out, errs := run(t, "", "ledger", "maki-mirage", "--horizon", "0", "--json")
	var l struct {
		Horizon    int `json:"horizon_days"`
		Operations []struct{ ID string }
		Periods    []json.RawMessage `json:"periods"`
	}
	if code != 0 || json.Unmarshal([]byte(out), &l) != nil || l.Horizon != 0 || len(l.Operations) != 1 || l.Operations[0].ID != "maki-mirage" || l.Periods == nil || len(l.Periods) != 0 {
		t.Fatalf("ledger maki-mirage --horizon 0 --json: exit %d, %+v: %.300s%s", code, l, out, errs)
	}
	code, out, errs = run(t, "", "ledger", "khalkhin-gol-deception-1939")
	if code != 0 || !strings.HasPrefix(out, "Soviet deception before the Khalkhin Gol counter-offensive (1939) [khalkhin-gol-deception-1939] — 8 planted claims") || strings.Contains(out, "Maki-Mirage") || strings.Contains(out, "By period") {
		t.Errorf("ledger khalkhin-gol-deception-1939: exit %d:\n%s%s", code, out, errs)
	}
	if code, _, errs := run(t, "", "ledger", "trust"); code != 1 || !strings.Contains(errs, `no operation "trust" in the ledger, which lists those that planted claims: soviet-disinformation-1923-1931, maki-mirage`) {
		t.Errorf("ledger trust: exit %d, %s", code, errs)
	}
	if code, _, errs := run(t, "", "ledger", "maki-mirage", "mechtateli-1932"); code != 2 || !strings.Contains(errs, "at most one operation id") {
		t.Errorf("ledger with two ids: exit %d, %s", code, errs)
	}
	// The next runs take the defaults again.
	if code, out, errs := run(t, "", "ledger", "--json"); code != 0 || !strings.Contains(out, `"horizon_days": 730`) {
		t.Errorf("ledger after --horizon 0: exit %d, %.200s%s", code, out, errs)
	}
	if code, _, errs := run(t, "", "ach", "lyushkov-defection-1938", "--csv"); code != 0 {
		t.Fatalf("ach --csv: exit %d, %s", code, errs)
	}
	if code, out, errs := run(t, "", "ach"); code != 0 || !strings.Contains(out, "[lyushkov-defection-1938]") {
		t.Errorf("ach after a run with --csv: exit %d, %.200s%s", code, out, errs)
	}
}
