package main

import (
	"encoding/json"
	"path/filepath"
	"strings"
	"testing"
)

// tokumu audit on the planted test corpus: exit 1 (certain findings),
// every kind the corpus plants, each with its claims named.
func TestAuditCommand(t *testing.T) {
	const dir = "../../audit/testdata/corpus"
	code, out, errs := run(t, "", "audit", "--json", dir)
	if code != 1 {
		t.Fatalf("audit --json: exit %d, want 1 (certain findings); stderr %q", code, errs)
	}
	var r struct {
		Findings []struct {
			Kind    string
			Certain bool
			Claims  []struct{ ID, Source, Grade string }
		}
		Certain, Possible int
	}
	if err := json.Unmarshal([]byte(out), &r); err != nil {
		t.Fatal(err)
	}
	if r.Certain != 10 || r.Possible != 2 || len(r.Findings) != 12 {
		t.Errorf("certain %d, possible %d, findings %d; want 10, 2, 12", r.Certain, r.Possible, len(r.Findings))
	}
	seen := map[string]bool{}
	for _, f := range r.Findings {
		seen[f.Kind] = true
		if len(f.Claims) == 0 || f.Claims[0].ID == "" || f.Claims[0].Source == "" || f.Claims[0].Grade == "" {
			t.Errorf("%s: claims not named with source and grade: %+v", f.Kind, f.Claims)
		}
	}
	for _, k := range []string{"after_death", "before_birth", "before_founding", "after_dissolution", "dissolved_parent", "two_postings", "estimate_before", "after_publication"} {
		if !seen[k] {
			t.Errorf("no %s finding", k)
		}
	}
	code, out, _ = run(t, "", "audit", dir)
	if code != 1 || !strings.Contains(out, "CERTAIN after_death — ivanov") || !strings.Contains(out, "    ivanov-died  mono B2 9 November 1938") {
		t.Errorf("audit text: exit %d, output:\n%s", code, out)
	}
	// The embedded corpus: no certain finding, exit 0.
	if code, _, errs := run(t, "", "audit"); code != 0 || !strings.HasPrefix(errs, "0 certain") {
		t.Errorf("audit of the embedded corpus: exit %d, %q", code, errs)
	}
	// --db without DIR audits the database (here the embedded corpus, stored).
	db := filepath.Join(t.TempDir(), "t.db")
	if code, _, errs := run(t, db, "import", "../../corpus"); code != 0 {
		t.Fatalf("import: exit %d: %s", code, errs)
	}
	if code, out, errs := run(t, db, "audit"); code != 0 || !strings.HasPrefix(errs, "0 certain") || !strings.Contains(out, "possible ") {
		t.Errorf("audit --db: exit %d, %q, output %q", code, errs, out)
	}
	if code, _, _ := run(t, "", "audit", "a", "b"); code != 2 {
		t.Errorf("audit a b: exit %d, want 2", code)
	}
}
