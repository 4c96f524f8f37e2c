package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestReleaseDiff: an edit that adds a locator to one claim is listed as
// exactly that change, under its entity, with the claim's id (its
// permalink) unchanged; a corpus written out and read back differs in
// nothing; an added source is listed.
func TestReleaseDiff(t *testing.T) {
	a := copyCorpus(t)
	b := copyCorpus(t)
	f := filepath.Join(b, "entities/person/doi-akio.yaml")
	src, _ := os.ReadFile(f)
	old := `{p: died, when: "1976-05-10", source: jawp-doi, loc: lead, grade: C2}`
	if !strings.Contains(string(src), old) {
		t.Fatalf("the test's claim is no longer in doi-akio.yaml; pick another")
	}
	edited := strings.Replace(string(src), old, `{p: died, when: "1976-05-10", source: jawp-doi, loc: "lead, § 経歴", grade: C2}`, 1)
	os.WriteFile(f, []byte(edited), 0o644)

	code, out, errs := run(t, "", "release", "diff", a, b)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	lines := strings.Split(strings.TrimSpace(out), "\n")
	if len(lines) != 3 || lines[0] != "doi-akio:" || !strings.HasPrefix(lines[1], "  ~ doi-akio~") ||
		!strings.HasSuffix(lines[1], " died (loc: lead → lead, § 経歴)") || lines[2] != "0 claims added, 0 removed, 1 changed" {
		t.Errorf("release diff after adding a locator:\n%s", out)
	}

	// A database exported as YAML: the same release content.
	tmp := t.TempDir()
	db := filepath.Join(tmp, "a.db")
	if code, _, errs := run(t, "", "import", "--db", db, a); code != 0 {
		t.Fatalf("import: %s", errs)
	}
	if code, _, errs := run(t, db, "export", "--format", "yaml", "-o", filepath.Join(tmp, "out")); code != 0 {
		t.Fatalf("export: %s", errs)
	}
	code, out, _ = run(t, "", "release", "diff", db, filepath.Join(tmp, "out"))
	if code != 0 || !strings.HasPrefix(out, "no changes:") {
		t.Errorf("a database and its YAML export: exit %d\n%s", code, out)
	}

	os.WriteFile(filepath.Join(b, "sources/new-source.yaml"), []byte("id: new-source\nkind: web\ntitle: A new source\n"), 0o644)
	_, out, _ = run(t, "", "release", "diff", a, b)
	if !strings.HasPrefix(out, "+ source new-source\n") {
		t.Errorf("an added source:\n%s", out)
	}
	if code, _, errs := run(t, "", "release", "diff", a); code != 2 || !strings.Contains(errs, "release takes: diff A B") {
		t.Errorf("release diff with one argument: exit %d %s", code, errs)
	}
}
