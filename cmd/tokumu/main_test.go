package main

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/tokumu/tokumu/sqlite"
)

const good = "../../yamlcorpus/testdata/good"
const bad = "../../yamlcorpus/testdata/bad"

// run runs the program in-process with a database in dir.
func run(t *testing.T, db string, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	var out, errb bytes.Buffer
	m := &Main{Stdout: &out, Stderr: &errb, Getenv: func(string) string { return "" }}
	if db != "" {
		args = append(args[:1], append([]string{"--db", db}, args[1:]...)...)
	}
	code = m.Run(context.Background(), args)
	return code, out.String(), errb.String()
}

func TestUsage(t *testing.T) {
	for _, tt := range []struct {
		args []string
		code int
		want string
	}{
		{nil, 2, "Commands:"},
		{[]string{"help"}, 0, "Commands:"},
		{[]string{"frobnicate"}, 2, "unknown command"},
		{[]string{"sho"}, 2, "did you mean show?"},
		{[]string{"show"}, 2, "show needs one entity id"},
		{[]string{"at", "1939-13-01"}, 2, "bad date"},
		{[]string{"check", "/no/such/dir"}, 2, "cannot read corpus directory"},
		{[]string{"help", "at"}, 0, "Usage: tokumu at"},
		{[]string{"show", "--nope"}, 2, "unknown flag --nope"},
	} {
		code, out, errs := run(t, "", tt.args...)
		if code != tt.code || !strings.Contains(out+errs, tt.want) {
			t.Errorf("tokumu %v: exit %d, output %q; want exit %d and %q", tt.args, code, out+errs, tt.code, tt.want)
		}
	}
}

func TestCheck(t *testing.T) {
	code, out, _ := run(t, "", "check", good)
	if code != 0 || !strings.Contains(out, "ok — 3 entities, 5 claims") {
		t.Fatalf("check good: exit %d, %q", code, out)
	}
	code, out, _ = run(t, "", "check", bad)
	if code != 1 {
		t.Fatalf("check bad: exit %d, want 1", code)
	}
	for _, want := range []string{
		"test-officer.yaml:6:27: bad date in when: month 13 out of range",
		"test-officer.yaml:7:21: o: unknown entity \"test-agencyy\" (did you mean test-agency?)",
		"test-officer.yaml:8:5: claim test-officer head_of has no source",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("check bad output lacks %q:\n%s", want, out)
		}
	}
	// A folder of one's own files alone: the missing vocabulary said once,
	// and an entity of the embedded corpus named as such.
	code, out, _ = run(t, "", "check", "testdata/ownonly")
	if code != 1 || strings.Count(out, "is not in the vocabulary") != 0 ||
		!strings.Contains(out, "testdata/ownonly/vocabulary: the corpus has no vocabulary") ||
		!strings.Contains(out, `o: unknown entity "harbin" (harbin is an entity of the embedded corpus`) {
		t.Errorf("check of a folder of one's own files: exit %d\n%s", code, out)
	}
	code, out, _ = run(t, "", "check", "--json", bad)
	var res struct {
		OK     bool
		Errors []struct {
			File      string
			Line, Col int
		}
	}
	if err := json.Unmarshal([]byte(out), &res); err != nil || code != 1 || res.OK || len(res.Errors) != 3 {
		t.Fatalf("check --json bad: exit %d, %v, %+v", code, err, res)
	}
}

// TestImportIsAllOrNothing: importing a bad corpus over a database leaves
// it byte for byte as it was.
func TestImportIsAllOrNothing(t *testing.T) {
	db := filepath.Join(t.TempDir(), "t.db")
	if code, out, errs := run(t, db, "import", good); code != 0 {
		t.Fatalf("import good: exit %d, %s %s", code, out, errs)
	}
	before, err := os.ReadFile(db)
	if err != nil {
		t.Fatal(err)
	}
	code, out, _ := run(t, db, "import", bad)
	if code != 1 || !strings.Contains(out, "no source") {
		t.Fatalf("import bad: exit %d, %q", code, out)
	}
	after, err := os.ReadFile(db)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(before, after) {
		t.Fatal("a failed import changed the database")
	}
	if code, out, _ := run(t, db, "show", "test-officer"); code != 0 || !strings.Contains(out, "試験太郎") {
		t.Fatalf("show after failed import: exit %d, %q", code, out)
	}
}

func TestShowAtSourcesStats(t *testing.T) {
	db := filepath.Join(t.TempDir(), "t.db")
	if code, _, errs := run(t, db, "import", good); code != 0 {
		t.Fatalf("import: %s", errs)
	}
	code, out, _ := run(t, db, "show", "test-officer")
	for _, want := range []string{"試験太郎", "Shiken Tarō", "head of", "Test Agency", "Tester 2020, p. 2", "B2",
		"Disagreements between sources", "different dates", "written \"昭和元年\""} {
		if !strings.Contains(out, want) {
			t.Errorf("show output lacks %q:\n%s", want, out)
		}
	}
	if code != 0 {
		t.Errorf("show exit %d", code)
	}
	// The agency's page shows its heads through the inverse label.
	if _, out, _ := run(t, db, "show", "test-agency"); !strings.Contains(out, "headed by") || !strings.Contains(out, "Shiken Tarō") {
		t.Errorf("show test-agency lacks its heads:\n%s", out)
	}
	if code, _, errs := run(t, db, "show", "test-agencyy"); code != 1 || !strings.Contains(errs, "did you mean: test-agency") {
		t.Errorf("show unknown: exit %d, %q", code, errs)
	}
	code, out, _ = run(t, db, "at", "1933-03-01", "test-agency")
	if code != 0 || !strings.Contains(out, "* Test Agency — part of — Test Army") || !strings.Contains(out, "Shiken Tarō — head of") {
		t.Errorf("at: exit %d\n%s", code, out)
	}
	code, out, _ = run(t, db, "at", "1950-01-01", "test-agency")
	if code != 1 || !strings.Contains(out, "no dated relation") {
		t.Errorf("at 1950: exit %d\n%s", code, out)
	}
	code, out, _ = run(t, db, "at", "--json", "1933-03-01")
	var at struct{ Claims []struct{ ID string } }
	if err := json.Unmarshal([]byte(out), &at); err != nil || code != 0 || len(at.Claims) != 3 {
		t.Errorf("at --json: exit %d, %v, %d claims; want 3", code, err, len(at.Claims))
	}
	if code, out, _ := run(t, db, "sources"); code != 0 || !strings.Contains(out, "test-memoir") {
		t.Errorf("sources: %d %s", code, out)
	}
	if code, out, _ := run(t, db, "sources", "test-memoir"); code != 0 || !strings.Contains(out, "default grade D3") || !strings.Contains(out, "2 claims rest on it") {
		t.Errorf("sources test-memoir: %d %s", code, out)
	}
	if code, out, _ := run(t, db, "stats"); code != 0 || !strings.Contains(out, "claims with a locator") {
		t.Errorf("stats: %d %s", code, out)
	}
	if code, out, _ := run(t, db, "disagreements"); code != 0 || !strings.Contains(out, "different dates") {
		t.Errorf("disagreements: %d %s", code, out)
	}
}

// TestImportFailsInSecondPass: a problem only the second pass of the
// streamed import finds (a claim citing a source the bibliography lacks:
// the first pass checks ids, the second each claim) arrives after claims
// were written to the new file. The import still fails whole: the old
// database is byte for byte as it was, the temporary file is gone, and
// the problem is printed as 'tokumu check' prints it, with its line:col.
func TestImportFailsInSecondPass(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "t.db")
	if code, out, errs := run(t, db, "import", good); code != 0 {
		t.Fatalf("import good: exit %d, %s %s", code, out, errs)
	}
	before, err := os.ReadFile(db)
	if err != nil {
		t.Fatal(err)
	}
	corpusDir := filepath.Join(t.TempDir(), "corpus")
	if err := os.CopyFS(corpusDir, os.DirFS(good)); err != nil {
		t.Fatal(err)
	}
	// zz sorts last: the claims of every other file are written first.
	body := "id: zz-agency\ntype: organization\nnames: [{text: Z Agency, lang: en}]\nclaims:\n  - {p: part_of, o: test-army, source: no-such-source}\n"
	if err := os.WriteFile(filepath.Join(corpusDir, "entities", "organization", "zz-agency.yaml"), []byte(body), 0o644); err != nil {
		t.Fatal(err)
	}
	code, out, _ := run(t, db, "import", corpusDir)
	// Line 5, column 40: where no-such-source starts ("  - {p: part_of, o: test-army, source: " is 39 characters).
	want := filepath.Join(corpusDir, "entities", "organization", "zz-agency.yaml") + ":5:40: source \"no-such-source\" is not in the bibliography"
	if code != 1 || !strings.Contains(out, want) {
		t.Fatalf("import: exit %d, %q; want exit 1 and %q", code, out, want)
	}
	after, err := os.ReadFile(db)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(before, after) {
		t.Fatal("a failed import changed the database")
	}
	left, err := filepath.Glob(filepath.Join(dir, sqlite.TempPattern))
	if err != nil || len(left) != 0 {
		t.Errorf("temporaries left beside the database: %v (%v)", left, err)
	}
}
